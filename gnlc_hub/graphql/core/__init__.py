"""What every domain's GraphQL code shares: the HTTP endpoint, context, errors, pagination."""
