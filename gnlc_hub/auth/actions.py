"""Managing API tokens (admins, from the API or the command line), with an audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit import actions as audit
from gnlc_hub.auth.models import ApiToken
from gnlc_hub.auth.rules import Action, require
from gnlc_hub.auth.tokens import IssuedToken, issue_token
from gnlc_hub.cities.models import City
from gnlc_hub.core import clock, validation
from gnlc_hub.core.errors import DomainError, ErrorCode, Problem, not_found
from gnlc_hub.core.locking import locked
from gnlc_hub.core.viewer import Role, Viewer

NAME_MAX = 200

# Who acts when an operator runs `gnlc-hub token …` on the server itself.
COMMAND_LINE = Viewer(role=Role.ADMIN, name="gnlc-hub command line")


def token_state(token: ApiToken) -> audit.Snapshot:
    """What the audit trail keeps of a token: never its secret or hash."""
    return audit.snapshot(token, exclude={"id", "secret_hash", "last_used_at"})


async def create_token(
    session: AsyncSession,
    *,
    viewer: Viewer,
    role: Role,
    name: str | None,
    city_id: int | None = None,
    expires_at: datetime | None = None,
) -> IssuedToken:
    """Issue a token; its secret is in the result and nowhere else."""
    require(viewer, Action.MANAGE_TOKENS)
    name = (name or "").strip()
    problems = validation.text(name, "name", required=True, max_length=NAME_MAX)
    if role is Role.ANONYMOUS:
        problems.append(Problem("Anonymous callers need no token.", field=validation.path("role")))
    if role is Role.CITY_EDITOR and city_id is None:
        problems.append(
            Problem(
                "A city editor token needs a city.",
                ErrorCode.REQUIRED,
                validation.path("cityId"),
            )
        )
    if role is not Role.CITY_EDITOR and city_id is not None:
        problems.append(
            Problem("Only city editor tokens belong to a city.", field=validation.path("cityId"))
        )
    if expires_at is not None and expires_at.tzinfo is None:
        problems.append(
            Problem(
                "expiresAt needs a UTC offset, e.g. `2030-01-31T00:00:00Z`.",
                field=validation.path("expiresAt"),
            )
        )
    elif expires_at is not None and expires_at <= clock.now():
        problems.append(
            Problem("expiresAt must be in the future.", field=validation.path("expiresAt"))
        )
    validation.ensure(problems)
    if city_id is not None and await session.get(City, city_id) is None:
        raise not_found("The city", validation.path("cityId"))
    issued = await issue_token(
        session, role=role, name=name, city_id=city_id, expires_at=expires_at
    )
    await audit.record(
        session, viewer, "token.create", issued.token, None, token_state(issued.token)
    )
    return issued


async def revoke_token(session: AsyncSession, *, viewer: Viewer, token_id: int) -> ApiToken:
    """Refuse the token from now on; requests already running finish."""
    require(viewer, Action.MANAGE_TOKENS)
    token = await locked(session, ApiToken, token_id, "The token")
    if token.revoked_at is not None:
        raise DomainError.single("The token is already revoked.", ErrorCode.CLOSED)
    before = token_state(token)
    token.revoked_at = clock.now()
    await session.flush()
    await audit.record(session, viewer, "token.revoke", token, before, token_state(token))
    return token


async def list_tokens(session: AsyncSession) -> Sequence[ApiToken]:
    """Every token, newest first (revoked and expired ones included, for the record)."""
    return (await session.scalars(select(ApiToken).order_by(ApiToken.id.desc()))).all()


async def find_token(session: AsyncSession, reference: str) -> ApiToken | None:
    """A token by id or by the prefix `token list` shows (e.g. ``gnlc_Ab12Cd``)."""
    if reference.isdigit():
        return await session.get(ApiToken, int(reference))
    matches = (
        await session.scalars(select(ApiToken).where(ApiToken.prefix == reference).limit(2))
    ).all()
    return matches[0] if len(matches) == 1 else None
