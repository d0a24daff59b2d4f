"""GraphQL of the places domain: learning places, geo queries, sourced city facts."""
