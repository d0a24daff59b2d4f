"""The GraphQL layer, one subpackage per domain (see issue 8)."""
