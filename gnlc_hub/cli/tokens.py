"""``gnlc-hub token create|list|revoke``: bearer tokens for the people who write to the hub."""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.auth import actions as service
from gnlc_hub.auth.models import ApiToken
from gnlc_hub.auth.tokens import describe_state
from gnlc_hub.cities.models import City
from gnlc_hub.config import Settings
from gnlc_hub.core.errors import DomainError
from gnlc_hub.core.viewer import Role
from gnlc_hub.db import Database, utcnow

T = TypeVar("T")
Command = Callable[..., None]

console = Console()
notes = Console(stderr=True)


class RoleOption(enum.StrEnum):
    """Roles as typed on the command line."""

    ADMIN = "admin"
    SECRETARIAT = "secretariat"
    CITY_EDITOR = "city-editor"

    @property
    def role(self) -> Role:
        return Role[self.name]


def _day(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "–"


def token_commands(
    guard: Callable[[Command], Command], settings: Callable[[], Settings], error: type[Exception]
) -> typer.Typer:
    """The ``token`` command group.

    ``guard`` turns expected failures into one line and an exit code, ``settings`` reads the
    configuration and ``error`` is the exception ``guard`` reports as a user mistake; they are
    passed in so that this module does not import the CLI that registers it.
    """
    tokens = typer.Typer(help="Create, list and revoke API tokens.", no_args_is_help=True)

    def run(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        async def in_transaction() -> T:
            database = Database.from_url(settings().resolved_database_url)
            try:
                async with database.transaction() as session:
                    return await work(session)
            except DomainError as refused:
                raise error(refused.problems[0].message) from None
            finally:
                await database.dispose()

        return asyncio.run(in_transaction())

    @tokens.command("create")
    @guard
    def create(
        role: Annotated[RoleOption, typer.Option(help="What the token may do.")],
        city: Annotated[
            str | None, typer.Option(help="Slug of the city a city editor works for.")
        ] = None,
        name: Annotated[
            str | None, typer.Option(help="Who or what uses the token (shown in `token list`).")
        ] = None,
        expires_in: Annotated[
            int | None, typer.Option(min=1, help="Days until the token expires (default: never).")
        ] = None,
    ) -> None:
        """Create a token and print its secret: it is shown this once and stored only hashed."""
        if (role is RoleOption.CITY_EDITOR) != (city is not None):
            raise error("--city is required for city-editor tokens and only allowed for them.")

        async def work(session: AsyncSession) -> Any:
            city_id = None
            if city is not None:
                city_id = await session.scalar(select(City.id).where(City.slug == city))
                if city_id is None:
                    raise error(f"no city with the slug {city!r}; see the `cities` query.")
            expires_at = utcnow() + timedelta(days=expires_in) if expires_in else None
            return await service.create_token(
                session,
                viewer=service.COMMAND_LINE,
                role=role.role,
                name=name or (f"{city} editor" if city else f"{role.value} token"),
                city_id=city_id,
                expires_at=expires_at,
            )

        issued = run(work)
        expiry = f", expires {_day(issued.token.expires_at)}" if issued.token.expires_at else ""
        notes.print(
            f"token {issued.token.id} ({role.value}{expiry}) created; send it as "
            "`Authorization: Bearer <token>`. It is not shown again:"
        )
        console.print(issued.secret, highlight=False, soft_wrap=True)

    @tokens.command("list")
    @guard
    def list_() -> None:
        """List tokens (never their secrets), newest first."""

        async def work(session: AsyncSession) -> list[tuple[ApiToken, str | None]]:
            slugs = dict((await session.execute(select(City.id, City.slug))).all())
            return [
                (token, slugs.get(token.city_id)) for token in await service.list_tokens(session)
            ]

        rows = run(work)
        now = utcnow()
        table = Table(
            "id", "prefix", "name", "role", "city", "state", "created", "expires", "last used"
        )
        for token, city_slug in rows:
            table.add_row(
                str(token.id),
                token.prefix + "…",
                token.name,
                RoleOption[token.role.name].value,
                city_slug or "–",
                describe_state(token, now),
                _day(token.created_at),
                _day(token.expires_at),
                _day(token.last_used_at),
            )
        if not rows:
            console.print("no tokens yet; create one with `gnlc-hub token create`")
            return
        # Piped into a file or another program: do not squeeze the table into 80 columns.
        Console(width=console.width if console.is_terminal else 200).print(table)

    @tokens.command("revoke")
    @guard
    def revoke(
        token: Annotated[
            str, typer.Argument(help="Id or prefix of the token, as `token list` shows.")
        ],
    ) -> None:
        """Revoke a token: requests that send it are refused from now on."""

        async def work(session: AsyncSession) -> ApiToken:
            found = await service.find_token(session, token.rstrip("…"))
            if found is None:
                raise error(f"no single token matches {token!r}; use its id from `token list`.")
            return await service.revoke_token(
                session, viewer=service.COMMAND_LINE, token_id=found.id
            )

        revoked = run(work)
        console.print(f"token {revoked.id} ({revoked.name}) revoked")

    return tokens
