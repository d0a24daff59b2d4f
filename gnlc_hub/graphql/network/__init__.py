"""GraphQL of the network records the secretariat keeps."""
