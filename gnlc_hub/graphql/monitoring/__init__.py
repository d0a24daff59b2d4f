"""GraphQL types, inputs, root fields, mutations and loaders of monitoring and evaluation."""
