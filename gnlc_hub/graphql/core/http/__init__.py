"""GraphQL over HTTP: the ``/graphql`` endpoint and what it needs around execution.

``endpoint`` (the ASGI app), ``request`` (reading bodies, media types), ``errors`` (coded
refusals), ``persisted`` (automatic persisted queries), ``caching`` (ETag, Cache-Control),
``ratelimit`` (per token and address), ``graphiql`` (the offline IDE).
"""

from gnlc_hub.graphql.core.http.endpoint import ALLOW, GraphQLEndpoint

__all__ = ["ALLOW", "GraphQLEndpoint"]
