"""The GraphQL layer, one subpackage per domain."""
