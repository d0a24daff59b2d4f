"""The secretariat's membership records and programme catalogue."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit import queries as audit
from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.core.changes import PRACTICE, OutboxEntry
from gnlc_hub.core.viewer import Role
from gnlc_hub.db import utcnow
from gnlc_hub.practices.models import Practice
from gnlc_hub.programmes.enums import EnrolmentStatus
from gnlc_hub.programmes.models import Enrolment, Programme
from gnlc_hub.search.indexing import outbox
from tests.conftest import GraphQLClient
from tests.graphql import support
from tests.helpers import city_gid, city_pk, codes, global_id, mutate


@pytest.fixture
async def staff(issue_token: Any) -> str:
    return await issue_token(Role.SECRETARIAT, name="Secretariat")


# -- cities -------------------------------------------------------------------------------------


async def test_admitting_a_city(gql: GraphQLClient, session: AsyncSession, staff: str) -> None:
    payload = await mutate(
        gql,
        support.CREATE_CITY,
        {
            "name": "Nea Ionia",
            "countryCode": "gr",
            "admittedYear": 2025,
            "sourceUrl": "https://example.org/nea-ionia",
        },
        staff,
    )
    assert payload["userErrors"] == []
    assert payload["city"] == {
        "id": payload["city"]["id"],
        "slug": "nea-ionia",
        "name": "Nea Ionia",
        "admittedYear": 2025,
        "sourceUrl": "https://example.org/nea-ionia",
        "version": 1,
        "country": {"iso2": "GR"},
    }
    city = await session.scalar(select(City).where(City.slug == "nea-ionia"))
    assert city.sort_name == "nea ionia"
    assert await session.get(CityProfile, city.id) is not None
    [event] = await audit.history(session, city)
    assert event.action == "city.create"
    assert event.after == {
        "slug": "nea-ionia",
        "name": "Nea Ionia",
        "country_id": city.country_id,
        "admitted_year": 2025,
        "source_url": "https://example.org/nea-ionia",
        "is_example": False,
    }


async def test_city_slugs_derived_unique_and_required_when_the_name_has_no_letters(
    gql: GraphQLClient, staff: str
) -> None:
    twin = await mutate(gql, support.CREATE_CITY, {"name": "Larissa", "countryCode": "GR"}, staff)
    assert twin["city"]["slug"] == "larissa-2"
    taken = await mutate(
        gql, support.CREATE_CITY, {"name": "X", "countryCode": "GR", "slug": "larissa"}, staff
    )
    assert codes(taken) == ["DUPLICATE"]
    too_long = await mutate(
        gql, support.CREATE_CITY, {"name": "X", "countryCode": "GR", "slug": "x" * 121}, staff
    )
    assert [(e["field"], e["code"]) for e in too_long["userErrors"]] == [
        (["input", "slug"], "INVALID")
    ]  # longer than the column: refused, not a server error on PostgreSQL
    unwritable = await mutate(
        gql, support.CREATE_CITY, {"name": "北京", "countryCode": "CN"}, staff
    )
    assert [(e["field"], e["code"]) for e in unwritable["userErrors"]] == [
        (["input", "slug"], "REQUIRED")
    ]
    named = await mutate(
        gql, support.CREATE_CITY, {"name": "北京", "countryCode": "CN", "slug": "beijing-2"}, staff
    )
    assert named["city"]["slug"] == "beijing-2"


async def test_city_record_rules(gql: GraphQLClient, staff: str) -> None:
    payload = await mutate(
        gql,
        support.CREATE_CITY,
        {"name": " ", "countryCode": "XX", "admittedYear": 2012, "sourceUrl": "www.example.org"},
        staff,
    )
    assert [(e["field"][-1], e["code"]) for e in payload["userErrors"]] == [
        ("name", "REQUIRED"),
        ("admittedYear", "INVALID"),
        ("sourceUrl", "INVALID"),
        ("countryCode", "INVALID"),
    ]


async def test_renaming_a_city_reindexes_its_practices(
    gql: GraphQLClient, session: AsyncSession, staff: str
) -> None:
    city = await session.get(City, await city_pk(session, "okayama"))
    practices = await session.scalar(
        select(func.count(Practice.id)).where(Practice.city_id == city.id)
    )
    practice_entries = select(func.count(OutboxEntry.id)).where(OutboxEntry.entity_type == PRACTICE)
    before = await session.scalar(practice_entries)
    payload = await mutate(
        gql,
        support.UPDATE_CITY,
        {"id": global_id("City", city.id), "version": city.version, "name": "Okayama City"},
        staff,
    )
    assert payload["city"]["name"] == "Okayama City"
    # The city only announces its change; search turns it into one entry per practice.
    await outbox.expand_city_changes(session)
    assert await session.scalar(practice_entries) == before + practices
    record = await audit.history(session, city)
    assert [(e.before, e.after) for e in record] == [
        ({"name": "Okayama"}, {"name": "Okayama City"})
    ]


async def test_clearing_and_refusing_city_fields(
    gql: GraphQLClient, session: AsyncSession, staff: str
) -> None:
    city = await session.get(City, await city_pk(session, "larissa"))
    base = {"id": global_id("City", city.id), "version": city.version}
    refused = await mutate(gql, support.UPDATE_CITY, {**base, "name": None}, staff)
    assert codes(refused) == ["REQUIRED"]
    cleared = await mutate(gql, support.UPDATE_CITY, {**base, "admittedYear": None}, staff)
    assert cleared["city"]["admittedYear"] is None
    assert cleared["city"]["name"] == "Larissa"
    stale = await mutate(gql, support.UPDATE_CITY, {**base, "admittedYear": 2016}, staff)
    assert codes(stale) == ["CONFLICT"]


# -- programmes ---------------------------------------------------------------------------------


async def test_adding_a_programme_with_hosts(
    gql: GraphQLClient, session: AsyncSession, staff: str
) -> None:
    payload = await mutate(
        gql,
        support.CREATE_PROGRAMME,
        {
            "title": "Peer-learning visit: learning festivals",
            "organizer": "UNESCO Institute for Lifelong Learning",
            "modality": "IN_PERSON",
            "startsOn": "2027-05",
            "endsOn": "2027-05-14",
            "themes": ["festivals", " festivals ", "celebration"],
            "seats": 12,
            "enrolmentDeadline": "2027-03-31",
            "hostCityIds": [await city_gid(session, "cork"), await city_gid(session, "larissa")],
        },
        staff,
    )
    assert payload["userErrors"] == []
    programme = payload["programme"]
    assert programme["slug"] == "peer-learning-visit-learning-festivals"
    assert programme["themes"] == ["festivals", "celebration"]
    assert programme["enrolmentDeadline"] == "2027-03-31"
    assert [host["slug"] for host in programme["hosts"]] == ["cork", "larissa"]


async def test_programme_rules(gql: GraphQLClient, session: AsyncSession, staff: str) -> None:
    payload = await mutate(
        gql,
        support.CREATE_PROGRAMME,
        {
            "title": "T",
            "modality": None,
            "startsOn": "2027-13",
            "enrolmentDeadline": "2027-02-30",
            "seats": 0,
            "hostCityIds": [global_id("City", 999_999)],
        },
        staff,
    )
    assert [(e["field"][-1], e["code"]) for e in payload["userErrors"]] == [
        ("enrolmentDeadline", "INVALID"),
        ("hostCityIds", "NOT_FOUND"),
        ("modality", "REQUIRED"),
        ("seats", "INVALID"),
        ("startsOn", "INVALID"),
    ]
    backwards = await mutate(
        gql,
        support.CREATE_PROGRAMME,
        {"title": "T", "modality": "ONLINE", "startsOn": "2027-05", "endsOn": "2027-04-30"},
        staff,
    )
    assert [e["field"] for e in backwards["userErrors"]] == [["input", "endsOn"]]
    wrong_type = await mutate(
        gql,
        support.CREATE_PROGRAMME,
        {"title": "T", "modality": "ONLINE", "hostCityIds": [global_id("Practice", 1)]},
        staff,
    )
    assert codes(wrong_type) == ["INVALID"]


async def test_seats_cannot_drop_below_the_cities_enrolled(
    gql: GraphQLClient, session: AsyncSession, staff: str
) -> None:
    programme = await session.scalar(select(Programme).order_by(Programme.id).limit(1))
    for slug in ("larissa", "cork"):
        session.add(
            Enrolment(
                programme_id=programme.id,
                city_id=await city_pk(session, slug),
                status=EnrolmentStatus.ENROLLED,
                enrolled_at=utcnow(),
            )
        )
    await session.commit()
    base = {"id": global_id("Programme", programme.id), "version": programme.version}
    refused = await mutate(gql, support.UPDATE_PROGRAMME, {**base, "seats": 1}, staff)
    assert refused["userErrors"][0]["message"] == (
        "2 cities are already enrolled: seats cannot be fewer."
    )
    accepted = await mutate(gql, support.UPDATE_PROGRAMME, {**base, "seats": 2}, staff)
    assert accepted["programme"]["seats"] == 2


async def test_replacing_hosts_is_audited(
    gql: GraphQLClient, session: AsyncSession, staff: str
) -> None:
    programme = await session.scalar(select(Programme).order_by(Programme.id).limit(1))
    cork = await city_pk(session, "cork")
    payload = await mutate(
        gql,
        support.UPDATE_PROGRAMME,
        {
            "id": global_id("Programme", programme.id),
            "version": programme.version,
            "hostCityIds": [global_id("City", cork)],
            "audience": None,
        },
        staff,
    )
    assert [host["slug"] for host in payload["programme"]["hosts"]] == ["cork"]
    [event] = await audit.history(session, programme)
    assert event.after["host_city_ids"] == [cork]
    assert event.actor_name == "Secretariat"
