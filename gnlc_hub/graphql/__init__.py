"""The GraphQL layer: schema, types per domain and the HTTP endpoint."""
