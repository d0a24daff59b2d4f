"""API tokens, for admins only."""

from __future__ import annotations

from gnlc_hub.auth import models
from gnlc_hub.auth.queries import visible_tokens
from gnlc_hub.graphql.core.loaders import LoaderGroup, one


class AuthLoaders(LoaderGroup):
    api_token = one(models.ApiToken.id, visible=visible_tokens)
