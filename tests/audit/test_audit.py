"""The audit recorder keeps who changed what, only the fields that changed, in the same
transaction as the change."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit import actions as audit
from gnlc_hub.audit import queries as audit_queries
from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.auth.models import ApiToken
from gnlc_hub.cities.models import CityProfile
from gnlc_hub.core.viewer import Role, Viewer
from gnlc_hub.programmes.models import Programme
from tests.graphql.support import STAFF


class Colour(enum.Enum):
    RED = "RED"


def test_values_become_json() -> None:
    assert audit.jsonable(
        {
            "when": datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
            "day": date(2026, 1, 2),
            "colour": Colour.RED,
            "tags": ("a", Colour.RED),
        }
    ) == {
        "when": "2026-01-02T03:04:00+00:00",
        "day": "2026-01-02",
        "colour": "RED",
        "tags": ["a", "RED"],
    }


def test_only_changed_fields_are_kept() -> None:
    before = {"title": "A", "body": "same", "themes": ["x"]}
    after = {"title": "B", "body": "same", "themes": ["x", "y"], "period": "2020"}
    assert audit.changed(before, after) == (
        {"title": "A", "themes": ["x"]},
        {"title": "B", "themes": ["x", "y"], "period": "2020"},
    )


def test_entity_types_are_snake_case_class_names() -> None:
    assert audit_queries.entity_type_of(Programme()) == "programme"
    assert audit_queries.entity_type_of(CityProfile()) == "city_profile"
    assert audit_queries.entity_type_of(ApiToken()) == "api_token"


async def test_record_and_read_back(session: AsyncSession) -> None:
    programme = await session.scalar(select(Programme).limit(1))
    before = audit.snapshot(programme)
    assert "version" not in before
    assert "updated_at" not in before
    assert "sort_title" not in before
    editor = Viewer(role=Role.CITY_EDITOR, city_id=7, token_id=None, name="Someone")
    await audit.record(
        session, editor, "programme.note", programme, before, {**before, "seats": 99}, "why"
    )
    await audit.record(session, STAFF, "programme.touch", programme, before, before)
    [first, second] = await audit_queries.history(session, programme)
    assert (first.action, first.actor_role, first.actor_name, first.note) == (
        "programme.note",
        Role.CITY_EDITOR,
        "Someone",
        "why",
    )
    assert (first.before, first.after) == ({"seats": programme.seats}, {"seats": 99})
    assert (second.before, second.after) == ({}, {})
    assert first.entity_type == "programme"
    assert first.entity_id == programme.id


async def test_an_unflushed_object_is_flushed_to_get_its_id(session: AsyncSession) -> None:
    programme = Programme(slug="audit-flush", title="T", sort_title="t", modality="ONLINE")
    session.add(programme)
    event = await audit.record(
        session,
        STAFF,
        "programme.create",
        programme,
        None,
        {"title": "T", "organizer": None, "themes": []},
    )
    assert event.entity_id == programme.id
    assert event.after == {"title": "T"}  # empty fields of a creation are left out
    assert await session.scalar(select(AuditEvent.id).where(AuditEvent.id == event.id)) is None
    await session.flush()
    assert await session.scalar(select(AuditEvent.id).where(AuditEvent.id == event.id))
