"""Bearer tokens: issued once, stored as hashes, resolved to a Viewer once per request."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.auth.models import ApiToken
from gnlc_hub.core import clock
from gnlc_hub.core.viewer import ANONYMOUS, Role, Viewer

TOKEN_PREFIX = "gnlc_"
# How precisely `last_used_at` is kept: one write per token and interval, not per request.
LAST_USE_RESOLUTION = timedelta(minutes=5)


class InvalidToken(Exception):
    """The Authorization header names no usable token (unknown, revoked or expired)."""


def hash_secret(secret: str) -> str:
    # Tokens are 256-bit random values, so a fast hash is enough (no password stretching).
    return hashlib.sha256(secret.encode()).hexdigest()


def describe_state(token: ApiToken, now: datetime) -> str:
    """``active`` while requests that send the token are accepted, else ``revoked``/``expired``."""
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return "expired"
    return "active"


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


async def issue_token(
    session: AsyncSession,
    *,
    role: Role,
    name: str,
    city_id: int | None = None,
    expires_at: datetime | None = None,
) -> IssuedToken:
    """Create a token; the secret is returned once and never stored."""
    if role is Role.ANONYMOUS:
        raise ValueError("anonymous callers have no token")
    if (role is Role.CITY_EDITOR) != (city_id is not None):
        raise ValueError("a city editor token needs a city, and only a city editor token has one")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        name=name,
        role=role,
        city_id=city_id,
        secret_hash=hash_secret(secret),
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        expires_at=expires_at,
    )
    session.add(token)
    await session.flush()
    return IssuedToken(token, secret)


def bearer_secret(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, secret = authorization.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise InvalidToken("Authorization header must be `Bearer <token>`.")
    return secret.strip()


async def resolve_viewer(session: AsyncSession, authorization: str | None) -> Viewer:
    """The viewer of a request; anonymous without a header, InvalidToken for a bad one.

    Notes when the token was last used; the caller commits that (see `graphql.core.http`).
    """
    secret = bearer_secret(authorization)
    if secret is None:
        return ANONYMOUS
    token = await session.scalar(
        select(ApiToken).where(ApiToken.secret_hash == hash_secret(secret))
    )
    now = clock.now()
    if token is None or token.revoked_at is not None:
        raise InvalidToken("The bearer token is not valid.")
    if token.expires_at is not None and token.expires_at <= now:
        raise InvalidToken("The bearer token has expired.")
    if token.last_used_at is None or now - token.last_used_at > LAST_USE_RESOLUTION:
        token.last_used_at = now  # committed by the caller; shown by `gnlc-hub token list`
    return Viewer(role=token.role, city_id=token.city_id, token_id=token.id, name=token.name)
