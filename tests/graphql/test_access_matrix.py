"""Every write and every private field, tried as every kind of caller.

The expectations are written out here, independently of `auth.rules`, so that a change to the
rules shows up as a failing row of this table.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.auth.tokens import issue_token
from gnlc_hub.cities.models import City, CityContact
from gnlc_hub.core.viewer import Role
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.programmes.models import Programme
from tests.conftest import GraphQLClient
from tests.graphql import support
from tests.graphql.support import STAFF, audit_count, fresh, gid, practice_in
from tests.helpers import city_gid, city_pk, codes, global_id

ROLES = ("anonymous", "own editor", "other editor", "secretariat", "admin")
OK = "OK"


def outcomes(anonymous: str, own: str, other: str, secretariat: str, admin: str) -> dict:
    return dict(zip(ROLES, (anonymous, own, other, secretariat, admin), strict=True))


STAFF_ONLY = outcomes("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", OK, OK)
ADMIN_ONLY = outcomes("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", OK)
OWN_CITY = outcomes("UNAUTHENTICATED", OK, "FORBIDDEN", OK, OK)
# A draft is invisible to other cities: refusing it as NOT_FOUND does not reveal that it exists.
OWN_DRAFT = outcomes("UNAUTHENTICATED", OK, "NOT_FOUND", OK, OK)
REVIEW_UNPUBLISHED = outcomes("UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", OK, OK)
REVIEW_PUBLISHED = outcomes("UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN", OK, OK)


@pytest.fixture
async def tokens(issue_token: Any) -> dict[str, str | None]:
    """A bearer token for every kind of caller; Larissa is the "own" city throughout."""
    return {
        "anonymous": None,
        "own editor": await issue_token(Role.CITY_EDITOR, city="larissa", name="Larissa ed."),
        "other editor": await issue_token(Role.CITY_EDITOR, city="okayama", name="Okayama ed."),
        "secretariat": await issue_token(Role.SECRETARIAT),
        "admin": await issue_token(Role.ADMIN),
    }


Prepared = tuple[str, dict[str, Any], Any]  # document, input, the row it targets (or None)


@dataclass(frozen=True)
class Operation:
    name: str
    payload: str  # field of the payload holding the object
    prepare: Callable[[AsyncSession], Awaitable[Prepared]]
    expected: dict[str, str]


async def _create_city(session: AsyncSession) -> Prepared:
    return support.CREATE_CITY, {"name": "Nowhere Bay", "countryCode": "GR"}, None


async def _update_city(session: AsyncSession) -> Prepared:
    city = await session.get(City, await city_pk(session, "larissa"))
    return (
        support.UPDATE_CITY,
        {"id": gid(city), "version": city.version, "admittedYear": 2016},
        city,
    )


async def _create_practice(session: AsyncSession) -> Prepared:
    cid = await city_gid(session, "larissa")
    return support.CREATE_PRACTICE, {**support.COMPLETE_PRACTICE, "cityId": cid}, None


def _update(status: PracticeStatus) -> Callable[[AsyncSession], Awaitable[Prepared]]:
    async def prepare(session: AsyncSession) -> Prepared:
        practice = await practice_in(session, status)
        changes = {"id": gid(practice), "version": practice.version, "period": "2019–2021"}
        return support.UPDATE_PRACTICE, changes, practice

    return prepare


def _step(status: PracticeStatus, step: Any) -> Callable[[AsyncSession], Awaitable[Prepared]]:
    async def prepare(session: AsyncSession) -> Prepared:
        practice = await practice_in(session, status)
        step_input = {"id": gid(practice), "version": practice.version, "note": "Reviewed."}
        return support.STEPS[step], step_input, practice

    return prepare


async def _create_programme(session: AsyncSession) -> Prepared:
    return support.CREATE_PROGRAMME, {"title": "Peer visit to Larissa", "modality": "HYBRID"}, None


async def _update_programme(session: AsyncSession) -> Prepared:
    programme = await session.scalar(select(Programme).limit(1))
    changes = {"id": gid(programme), "version": programme.version, "seats": 40}
    return support.UPDATE_PROGRAMME, changes, programme


async def _create_token(session: AsyncSession) -> Prepared:
    return support.CREATE_TOKEN, {"name": "Reporting robot", "role": "SECRETARIAT"}, None


async def _revoke_token(session: AsyncSession) -> Prepared:
    issued = await issue_token(session, role=Role.SECRETARIAT, name="to revoke")
    await session.commit()
    return support.REVOKE_TOKEN, {"id": global_id("ApiToken", issued.token.id)}, None


Step = support.curation.Transition
OPERATIONS = [
    Operation("createCity", "city", _create_city, STAFF_ONLY),
    Operation("updateCity", "city", _update_city, STAFF_ONLY),
    Operation("createPractice", "practice", _create_practice, OWN_CITY),
    Operation("updatePractice", "practice", _update(PracticeStatus.DRAFT), OWN_DRAFT),
    Operation(
        "updatePractice",
        "practice",
        _update(PracticeStatus.CHANGES_REQUESTED),
        OWN_DRAFT,
    ),
    Operation(
        "updatePractice",
        "practice",
        _update(PracticeStatus.SUBMITTED),
        REVIEW_UNPUBLISHED,
    ),
    Operation("updatePractice", "practice", _update(PracticeStatus.PUBLISHED), REVIEW_PUBLISHED),
    Operation("submitPractice", "practice", _step(PracticeStatus.DRAFT, Step.SUBMIT), OWN_DRAFT),
    Operation(
        "requestPracticeChanges",
        "practice",
        _step(PracticeStatus.SUBMITTED, Step.REQUEST_CHANGES),
        REVIEW_UNPUBLISHED,
    ),
    Operation(
        "publishPractice",
        "practice",
        _step(PracticeStatus.SUBMITTED, Step.PUBLISH),
        REVIEW_UNPUBLISHED,
    ),
    Operation(
        "archivePractice",
        "practice",
        _step(PracticeStatus.PUBLISHED, Step.ARCHIVE),
        REVIEW_PUBLISHED,
    ),
    Operation("createProgramme", "programme", _create_programme, STAFF_ONLY),
    Operation("updateProgramme", "programme", _update_programme, STAFF_ONLY),
    Operation("createApiToken", "token", _create_token, ADMIN_ONLY),
    Operation("revokeApiToken", "token", _revoke_token, ADMIN_ONLY),
]
CASES = [
    pytest.param(operation, role, id=f"{operation.name}[{index}]-{role}")
    for index, operation in enumerate(OPERATIONS)
    for role in ROLES
]


@pytest.mark.parametrize(("operation", "role"), CASES)
async def test_mutation_as_role(
    gql: GraphQLClient,
    session: AsyncSession,
    tokens: dict[str, str | None],
    operation: Operation,
    role: str,
) -> None:
    document, input_, target = await operation.prepare(session)
    version = target.version if target is not None else None
    events = await audit_count(session)

    body = await gql(document, {"input": input_}, token=tokens[role])

    assert "errors" not in body, body  # refusals are userErrors, never top-level errors
    payload = body["data"][operation.name]
    expected = operation.expected[role]
    if expected == OK:
        assert payload["userErrors"] == []
        assert payload[operation.payload] is not None
        assert await audit_count(session) == events + 1
    else:
        assert codes(payload) == [expected]
        assert payload[operation.payload] is None
        assert await audit_count(session) == events, "a refused write left an audit event"
        if target is not None:
            assert (await fresh(session, target)).version == version, "a refused write wrote"
            title = getattr(target, "title", None)
            assert title is None or title not in str(payload), "a refusal quoted private text"


def test_every_mutation_of_this_issue_is_in_the_matrix() -> None:
    from gnlc_hub.graphql.schema import schema

    mine = {
        "createCity",
        "updateCity",
        "createPractice",
        "updatePractice",
        "submitPractice",
        "requestPracticeChanges",
        "publishPractice",
        "archivePractice",
        "createProgramme",
        "updateProgramme",
        "createApiToken",
        "revokeApiToken",
    }
    assert mine <= set(schema._schema.mutation_type.fields)
    assert {operation.name for operation in OPERATIONS} == mine


# -- private fields -----------------------------------------------------------------------------

SEES_CITY_PRIVATE = outcomes("hidden", "shown", "hidden", "shown", "shown")
STAFF_SEES = outcomes("hidden", "hidden", "hidden", "shown", "shown")
ADMIN_SEES = outcomes("hidden", "hidden", "hidden", "hidden", "shown")


@dataclass(frozen=True)
class PrivateField:
    name: str
    # Returns the query and a function that extracts the field's value from the response data.
    prepare: Callable[[AsyncSession], Awaitable[tuple[str, Callable[[dict], Any]]]]
    expected: dict[str, str]


async def _contacts(session: AsyncSession) -> tuple[str, Callable[[dict], Any]]:
    city_id = await city_pk(session, "larissa")
    session.add(CityContact(city_id=city_id, name="Focal Point", email="focal@larissa.example"))
    await session.commit()
    return '{ city(slug: "larissa") { contacts { name email } } }', lambda d: d["city"]["contacts"]


def _practice_field(field: str, status: PracticeStatus) -> Any:
    async def prepare(session: AsyncSession) -> tuple[str, Callable[[dict], Any]]:
        practice = await practice_in(session, status)
        query = f'{{ practice(slug: "{practice.slug}") {{ {field} }} }}'
        return query, lambda d: d["practice"][field.split(" ")[0]]

    return prepare


def _draft_through(kind: str) -> Any:
    """A draft, reached through each way of reading practices."""

    async def prepare(session: AsyncSession) -> tuple[str, Callable[[dict], Any]]:
        practice = await practice_in(session, PracticeStatus.DRAFT, title="Quiet draft")
        queries = {
            "practice(slug)": (
                f'{{ practice(slug: "{practice.slug}") {{ title }} }}',
                lambda d: d["practice"],
            ),
            "node(id)": (
                f'{{ node(id: "{gid(practice)}") {{ ... on Practice {{ title }} }} }}',
                lambda d: d["node"],
            ),
            "practices": (
                '{ practices(filter: {cities: ["larissa"]}, first: 100) '
                "{ edges { node { title } } } }",
                lambda d: (
                    [e for e in d["practices"]["edges"] if e["node"]["title"] == "Quiet draft"]
                    or None
                ),
            ),
            "City.practices": (
                '{ city(slug: "larissa") { practices(first: 100) { edges { node { title } } } } }',
                lambda d: (
                    [
                        e
                        for e in d["city"]["practices"]["edges"]
                        if e["node"]["title"] == "Quiet draft"
                    ]
                    or None
                ),
            ),
        }
        return queries[kind]

    return prepare


async def _tokens_list(session: AsyncSession) -> tuple[str, Callable[[dict], Any]]:
    return "{ apiTokens { name } }", lambda d: d["apiTokens"]


async def _token_node(session: AsyncSession) -> tuple[str, Callable[[dict], Any]]:
    issued = await issue_token(session, role=Role.SECRETARIAT, name="node lookup")
    await session.commit()
    node_id = global_id("ApiToken", issued.token.id)
    return f'{{ node(id: "{node_id}") {{ ... on ApiToken {{ name }} }} }}', lambda d: d["node"]


async def _city_history(session: AsyncSession) -> tuple[str, Callable[[dict], Any]]:
    from gnlc_hub.cities import actions as membership

    city = await session.get(City, await city_pk(session, "larissa"))
    await membership.update_city(
        session,
        viewer=STAFF,
        city_id=city.id,
        version=city.version,
        changes={"admitted_year": 2016},
    )
    await session.commit()
    return '{ city(slug: "larissa") { history { action } } }', lambda d: d["city"]["history"]


PRIVATE_FIELDS = [
    PrivateField("City.contacts", _contacts, SEES_CITY_PRIVATE),
    PrivateField(
        "Practice.reviewNote",
        _practice_field("reviewNote", PracticeStatus.PUBLISHED),
        SEES_CITY_PRIVATE,
    ),
    PrivateField(
        "Practice.submittedAt",
        _practice_field("submittedAt", PracticeStatus.PUBLISHED),
        SEES_CITY_PRIVATE,
    ),
    PrivateField(
        "Practice.history",
        _practice_field("history { action }", PracticeStatus.PUBLISHED),
        STAFF_SEES,
    ),
    PrivateField(
        "Practice.revisions",
        _practice_field("revisions { title }", PracticeStatus.PUBLISHED),
        STAFF_SEES,
    ),
    PrivateField("City.history", _city_history, STAFF_SEES),
    *(
        PrivateField(f"draft via {kind}", _draft_through(kind), SEES_CITY_PRIVATE)
        for kind in ("practice(slug)", "node(id)", "practices", "City.practices")
    ),
    PrivateField("Query.apiTokens", _tokens_list, ADMIN_SEES),
    PrivateField("ApiToken via node(id)", _token_node, ADMIN_SEES),
]


@pytest.mark.parametrize(
    ("field", "role"),
    [pytest.param(f, role, id=f"{f.name}-{role}") for f in PRIVATE_FIELDS for role in ROLES],
)
async def test_private_field_as_role(
    gql: GraphQLClient,
    session: AsyncSession,
    tokens: dict[str, str | None],
    field: PrivateField,
    role: str,
) -> None:
    query, extract = await field.prepare(session)
    body = await gql(query, token=tokens[role])
    assert "errors" not in body, body  # hidden data is absent, not an error that confirms it
    value = extract(body["data"])
    if field.expected[role] == "shown":
        assert value, f"{field.name} should be visible to {role}"
    else:
        assert value in (None, []), f"{field.name} leaked to {role}: {value}"
