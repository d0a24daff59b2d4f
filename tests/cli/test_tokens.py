"""`gnlc-hub token create|list|revoke` against a database of its own."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.auth.tokens import InvalidToken, resolve_viewer
from gnlc_hub.cities.models import City
from gnlc_hub.cli import app
from gnlc_hub.core.viewer import Role
from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.db import Database
from gnlc_hub.network.models import Country, Region

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A migrated, empty SQLite database with one city, `testville`."""
    env = {"GNLC_DATA_DIR": str(tmp_path), "GNLC_DATABASE_URL": ""}
    assert runner.invoke(app, ["migrate"], env=env).exit_code == 0

    async def add_city() -> None:
        database = Database.from_url(f"sqlite+aiosqlite:///{tmp_path / 'gnlc.sqlite3'}")
        try:
            async with database.transaction() as session:
                region = Region(code=RegionCode.EUROPE_AND_NORTH_AMERICA, name="Europe")
                session.add(region)
                await session.flush()
                country = Country(iso2="GR", name="Greece", sort_name="greece", region_id=region.id)
                session.add(country)
                await session.flush()
                session.add(
                    City(
                        slug="testville",
                        name="Testville",
                        sort_name="testville",
                        country_id=country.id,
                    )
                )
        finally:
            await database.dispose()

    asyncio.run(add_city())
    return env


def run(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["token", *args], env=env)
    return result.exit_code, result.output


def in_database(env: dict[str, str], work):  # type: ignore[no-untyped-def]
    async def go():  # type: ignore[no-untyped-def]
        database = Database.from_url(f"sqlite+aiosqlite:///{env['GNLC_DATA_DIR']}/gnlc.sqlite3")
        try:
            async with database.transaction() as session:
                return await work(session)
        finally:
            await database.dispose()

    return asyncio.run(go())


def secret_in(output: str) -> str:
    [secret] = [line for line in output.splitlines() if line.startswith("gnlc_")]
    return secret


def test_create_list_revoke(env: dict[str, str]) -> None:
    code, output = run(
        env, "create", "--role", "city-editor", "--city", "testville", "--name", "Testville editor"
    )
    assert code == 0, output
    secret = secret_in(output)
    assert "not shown again" in output

    viewer = in_database(env, lambda session: resolve_viewer(session, f"Bearer {secret}"))
    assert (viewer.role, viewer.name) == (Role.CITY_EDITOR, "Testville editor")

    code, output = run(env, "create", "--role", "admin", "--expires-in", "7")
    assert code == 0, output

    code, listing = run(env, "list")
    assert code == 0
    assert "Testville editor" in listing
    assert "admin token" in listing
    assert secret not in listing

    code, output = run(env, "revoke", "1")
    assert (code, output.strip()) == (0, "token 1 (Testville editor) revoked")
    with pytest.raises(InvalidToken):
        in_database(env, lambda session: resolve_viewer(session, f"Bearer {secret}"))
    code, output = run(env, "revoke", "1")
    assert (code, output.strip()) == (1, "error: The token is already revoked.")
    assert "revoked" in run(env, "list")[1]

    actions = in_database(
        env,
        lambda session: session.execute(
            select(AuditEvent.action, AuditEvent.actor_name, AuditEvent.after).order_by(
                AuditEvent.id
            )
        ),
    ).all()
    assert [(action, actor) for action, actor, _ in actions] == [
        ("token.create", "gnlc-hub command line"),
        ("token.create", "gnlc-hub command line"),
        ("token.revoke", "gnlc-hub command line"),
    ]
    assert all("secret_hash" not in (after or {}) for _, _, after in actions)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["create", "--role", "city-editor"], "--city is required for city-editor tokens"),
        (["create", "--role", "secretariat", "--city", "testville"], "--city is required"),
        (["create", "--role", "city-editor", "--city", "atlantis"], "no city with the slug"),
        (["revoke", "42"], "no single token matches '42'"),
    ],
)
def test_mistakes_are_one_line(env: dict[str, str], args: list[str], message: str) -> None:
    code, output = run(env, *args)
    assert code == 1
    assert message in output
    assert "Traceback" not in output
    assert len(output.strip().splitlines()) <= 2  # rich may wrap one long line


def test_unknown_role_is_refused_by_the_parser(env: dict[str, str]) -> None:
    code, output = run(env, "create", "--role", "superuser")
    assert code == 2
    assert "superuser" in output
