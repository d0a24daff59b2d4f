"""The secretariat keeps the network records; city editors and anonymous callers cannot, and
every refusal writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.core.viewer import Role
from gnlc_hub.network.models import Cluster, Event, Publication
from gnlc_hub.practices.models import Practice
from tests.conftest import GraphQLClient
from tests.helpers import city_gid, codes, global_id, mutate

ERRORS = "userErrors { field message code }"
CREATE_AWARD = f"""mutation($input: CreateAwardInput!) {{
  createAward(input: $input) {{ award {{ year city {{ slug }} }} {ERRORS} }} }}"""
CREATE_EVENT = f"""mutation($input: CreateEventInput!) {{
  createEvent(input: $input) {{ event {{ id slug version kind city {{ slug }} }} {ERRORS} }} }}"""
UPDATE_EVENT = f"""mutation($input: UpdateEventInput!) {{
  updateEvent(input: $input) {{ event {{ name version }} {ERRORS} }} }}"""
SET_EDITION = f"""mutation($input: SetEventEditionInput!) {{
  setEventEdition(input: $input) {{ event {{ slug editions {{ year startsOn }} }} {ERRORS} }} }}"""
CREATE_CLUSTER = f"""mutation($input: CreateClusterInput!) {{
  createCluster(input: $input) {{ cluster {{ id slug version }} {ERRORS} }} }}"""
SET_MEMBER = f"""mutation($input: SetClusterMemberInput!) {{
  setClusterMember(input: $input) {{ cluster {{ members {{ role city {{ slug }} }} }} {ERRORS} }}
}}"""
CREATE_PUBLICATION = f"""mutation($input: CreatePublicationInput!) {{
  createPublication(input: $input) {{ publication {{ id slug version }} {ERRORS} }} }}"""
SET_FEATURE = f"""mutation($input: SetPublicationFeatureInput!) {{
  setPublicationFeature(input: $input) {{ publication {{ features {{ city {{ slug }} }} }}
  {ERRORS} }} }}"""
CREATE_CONTACT = f"""mutation($input: CreateCityContactInput!) {{
  createCityContact(input: $input) {{ contact {{ id name version }} {ERRORS} }} }}"""
UPDATE_CONTACT = f"""mutation($input: UpdateCityContactInput!) {{
  updateCityContact(input: $input) {{ contact {{ name version }} {ERRORS} }} }}"""
LINK_PRACTICE = f"""mutation($input: AlliancePracticeInput!) {{
  linkAlliancePractice(input: $input) {{ alliance {{ transferredPractices {{ slug }} }} {ERRORS} }}
}}"""
FESTIVALS_IN = """query($year: Int!) {
  events(filter: {kinds: [FESTIVAL], yearFrom: $year, yearTo: $year}, first: 50) {
    edges { node { slug editions { year } } } } }"""


async def audit_count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(AuditEvent)))


async def test_festivals_in_a_year_include_recurring_festivals_with_an_edition_then(
    gql: GraphQLClient, issue_token: Any, session: AsyncSession
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    before = await gql.data(FESTIVALS_IN, {"year": 2025})
    assert "cork-lifelong-learning-festival" not in {
        e["node"]["slug"] for e in before["events"]["edges"]
    }
    cork = await session.scalar(
        select(Event.id).where(Event.slug == "cork-lifelong-learning-festival")
    )
    payload = await mutate(
        gql,
        SET_EDITION,
        {"eventId": global_id("Event", cork), "year": 2025, "startsOn": "2025-03-24"},
        staff,
    )
    assert payload["userErrors"] == []
    assert {"year": 2025, "startsOn": "2025-03-24"} in payload["event"]["editions"]
    after = await gql.data(FESTIVALS_IN, {"year": 2025})
    assert "cork-lifelong-learning-festival" in {
        e["node"]["slug"] for e in after["events"]["edges"]
    }
    # Documented editions are seeded: Limerick's first festival ran in 2011.
    in_2011 = await gql.data(FESTIVALS_IN, {"year": 2011})
    assert "limerick-lifelong-learning-festival" in {
        e["node"]["slug"] for e in in_2011["events"]["edges"]
    }


async def test_the_secretariat_records_awards_once_per_city_and_year(
    gql: GraphQLClient, issue_token: Any, session: AsyncSession
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    city = await city_gid(session, "okayama")
    created = await mutate(gql, CREATE_AWARD, {"cityId": city, "year": 2026}, staff)
    assert created["award"] == {"year": 2026, "city": {"slug": "okayama"}}
    again = await mutate(gql, CREATE_AWARD, {"cityId": city, "year": 2026}, staff)
    assert codes(again) == ["DUPLICATE"]
    bad = await mutate(gql, CREATE_AWARD, {"cityId": city, "year": 1200}, staff)
    assert bad["userErrors"][0]["field"] == ["input", "year"]


async def test_events_are_created_and_updated_with_optimistic_locking(
    gql: GraphQLClient, issue_token: Any, session: AsyncSession
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    created = await mutate(
        gql,
        CREATE_EVENT,
        {
            "kind": "FESTIVAL",
            "name": "Test Learning Festival",
            "frequency": "ANNUAL",
            "cityId": await city_gid(session, "okayama"),
            "startsOn": "2026-05-01",
            "endsOn": "2026-05-07",
        },
        staff,
    )
    event = created["event"]
    assert event["slug"] == "test-learning-festival"
    changed = await mutate(
        gql,
        UPDATE_EVENT,
        {"id": event["id"], "version": event["version"], "name": "Renamed"},
        staff,
    )
    assert changed["event"]["name"] == "Renamed"
    stale = await mutate(
        gql, UPDATE_EVENT, {"id": event["id"], "version": event["version"], "name": "Old"}, staff
    )
    assert codes(stale) == ["CONFLICT"]
    backwards = await mutate(
        gql,
        UPDATE_EVENT,
        {"id": event["id"], "version": changed["event"]["version"], "endsOn": "2026-04-01"},
        staff,
    )
    assert backwards["userErrors"][0]["field"] == ["input", "endsOn"]


async def test_clusters_have_coordinators_and_members(
    gql: GraphQLClient, issue_token: Any, session: AsyncSession
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    cluster = (await mutate(gql, CREATE_CLUSTER, {"name": "Test cluster"}, staff))["cluster"]
    for slug, role in (("okayama", "COORDINATOR"), ("larissa", "MEMBER"), ("okayama", "MEMBER")):
        payload = await mutate(
            gql,
            SET_MEMBER,
            {"clusterId": cluster["id"], "cityId": await city_gid(session, slug), "role": role},
            staff,
        )
        assert payload["userErrors"] == []
    members = {m["city"]["slug"]: m["role"] for m in payload["cluster"]["members"]}
    assert members == {"okayama": "MEMBER", "larissa": "MEMBER"}


async def test_publications_feature_cities(
    gql: GraphQLClient, issue_token: Any, session: AsyncSession
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    publication = (
        await mutate(gql, CREATE_PUBLICATION, {"title": "Test volume", "year": 2025}, staff)
    )["publication"]
    payload = await mutate(
        gql,
        SET_FEATURE,
        {"publicationId": publication["id"], "cityId": await city_gid(session, "larissa")},
        staff,
    )
    assert payload["publication"]["features"] == [{"city": {"slug": "larissa"}}]


async def test_contacts_stay_private(
    gql: GraphQLClient, issue_token: Any, session: AsyncSession
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    city = await city_gid(session, "okayama")
    contact = (
        await mutate(
            gql,
            CREATE_CONTACT,
            {"cityId": city, "name": "A. Focal", "email": "a@example.org"},
            staff,
        )
    )["contact"]
    bad = await mutate(gql, CREATE_CONTACT, {"cityId": city, "name": "B", "email": "nope"}, staff)
    assert bad["userErrors"][0]["field"] == ["input", "email"]
    renamed = await mutate(
        gql,
        UPDATE_CONTACT,
        {"id": contact["id"], "version": contact["version"], "name": "B."},
        staff,
    )
    assert renamed["contact"]["name"] == "B."
    query = '{ city(slug: "okayama") { contacts { name } } }'
    assert (await gql.data(query))["city"]["contacts"] in (None, [])
    assert (await gql.data(query, token=staff))["city"]["contacts"] == [{"name": "B."}]


async def test_alliances_link_practices_of_their_own_cities(
    gql: GraphQLClient, issue_token: Any, session: AsyncSession
) -> None:
    from gnlc_hub.alliances.models import Alliance, AllianceMember

    staff = await issue_token(Role.SECRETARIAT)
    alliance_id, city_id = (
        await session.execute(
            select(Alliance.id, AllianceMember.city_id)
            .join(AllianceMember, AllianceMember.alliance_id == Alliance.id)
            .join(Practice, Practice.city_id == AllianceMember.city_id)
            .limit(1)
        )
    ).one()
    own = await session.scalar(select(Practice).where(Practice.city_id == city_id).limit(1))
    members = select(AllianceMember.city_id).where(AllianceMember.alliance_id == alliance_id)
    outsider = await session.scalar(select(Practice.id).where(Practice.city_id.not_in(members)))
    payload = await mutate(
        gql,
        LINK_PRACTICE,
        {
            "allianceId": global_id("Alliance", alliance_id),
            "practiceId": global_id("Practice", own.id),
        },
        staff,
    )
    assert payload["alliance"]["transferredPractices"] == [{"slug": own.slug}]
    refused = await mutate(
        gql,
        LINK_PRACTICE,
        {
            "allianceId": global_id("Alliance", alliance_id),
            "practiceId": global_id("Practice", outsider),
        },
        staff,
    )
    assert refused["userErrors"][0]["field"] == ["input", "practiceId"]


async def _break_in_inputs(session: AsyncSession) -> list[tuple[str, dict[str, Any]]]:
    city = await city_gid(session, "okayama")
    event = global_id("Event", await session.scalar(select(Event.id).limit(1)))
    cluster = global_id("Cluster", await session.scalar(select(Cluster.id).limit(1)))
    publication = global_id("Publication", await session.scalar(select(Publication.id).limit(1)))
    return [
        (CREATE_AWARD, {"cityId": city, "year": 2026}),
        (CREATE_EVENT, {"kind": "FESTIVAL", "name": "Intruder festival"}),
        (UPDATE_EVENT, {"id": event, "version": 1, "name": "Intruder"}),
        (SET_EDITION, {"eventId": event, "year": 2026}),
        (CREATE_CLUSTER, {"name": "Intruder cluster"}),
        (SET_MEMBER, {"clusterId": cluster, "cityId": city, "role": "COORDINATOR"}),
        (CREATE_PUBLICATION, {"title": "Intruder"}),
        (SET_FEATURE, {"publicationId": publication, "cityId": city}),
        (CREATE_CONTACT, {"cityId": city, "name": "Intruder"}),
    ]


@pytest.mark.parametrize(
    ("role", "code"), [(None, "UNAUTHENTICATED"), (Role.CITY_EDITOR, "FORBIDDEN")]
)
async def test_only_the_secretariat_keeps_network_records(
    gql: GraphQLClient, issue_token: Any, session: AsyncSession, role: Role | None, code: str
) -> None:
    token = await issue_token(role, city="okayama") if role else None
    before = await audit_count(session)
    for document, input_ in await _break_in_inputs(session):
        payload = await mutate(gql, document, input_, token)
        assert codes(payload) == [code], document
    assert await audit_count(session) == before


async def test_removals_take_out_exactly_one_row_and_say_when_there_is_none(
    gql: GraphQLClient, issue_token: Any, session: AsyncSession
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    cluster = (await mutate(gql, CREATE_CLUSTER, {"name": "Removal cluster"}, staff))["cluster"]
    city = await city_gid(session, "okayama")
    member = {"clusterId": cluster["id"], "cityId": city}
    await mutate(gql, SET_MEMBER, {**member, "role": "COORDINATOR"}, staff)
    remove = f"""mutation($input: RemoveClusterMemberInput!) {{
      removeClusterMember(input: $input) {{ cluster {{ members {{ role }} }} {ERRORS} }} }}"""
    assert (await mutate(gql, remove, member, staff))["cluster"]["members"] == []
    assert codes(await mutate(gql, remove, member, staff)) == ["NOT_FOUND"]

    award = await mutate(gql, CREATE_AWARD, {"cityId": city, "year": 2027}, staff)
    assert award["userErrors"] == []
    award_id = await session.scalar(
        select(func.max(AuditEvent.entity_id)).where(AuditEvent.action == "award.create")
    )
    delete = f"""mutation($input: DeleteInput!) {{ deleteAward(input: $input) {{
      deletedId {ERRORS} }} }}"""
    deleted = await mutate(gql, delete, {"id": global_id("Award", award_id)}, staff)
    assert deleted["deletedId"] == global_id("Award", award_id)
    again = await mutate(gql, delete, {"id": global_id("Award", award_id)}, staff)
    assert codes(again) == ["NOT_FOUND"]
