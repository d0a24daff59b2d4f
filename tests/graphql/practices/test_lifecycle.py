"""The curation life cycle end to end: a city writes, the secretariat reviews, the public reads."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.changes import OutboxEntry
from gnlc_hub.core.errors import DomainError, ErrorCode
from gnlc_hub.core.viewer import Role
from gnlc_hub.practices import actions as curation
from gnlc_hub.practices.actions import LIFE_CYCLE, Transition
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice, PracticeRevision
from tests.conftest import GraphQLClient
from tests.graphql import support
from tests.graphql.support import STAFF, fresh, gid, practice_in
from tests.helpers import codes, mutate

HISTORY = """query($slug: String!) { practice(slug: $slug) {
  status version reviewNote
  history { action actorRole actorName note changes { field before after } }
  revisions { version title summary body authorName }
} }"""
PUBLIC = '{ practices(filter: {cities: ["larissa"]}, first: 100) { edges { node { slug } } } }'


def public_slugs(data: dict) -> set[str]:
    return {edge["node"]["slug"] for edge in data["practices"]["edges"]}


async def test_from_draft_to_archive(gql: GraphQLClient, issue_token: Any) -> None:
    editor = await issue_token(Role.CITY_EDITOR, city="larissa", name="Larissa editor")
    staff = await issue_token(Role.SECRETARIAT, name="Secretariat")

    created = await mutate(gql, support.CREATE_PRACTICE, support.COMPLETE_PRACTICE, editor)
    assert created["userErrors"] == []
    practice = created["practice"]
    assert practice["status"] == "DRAFT"
    assert practice["slug"] == "larissa-neighbourhood-learning-walks"
    assert practice["city"] == {"slug": "larissa"}
    assert practice["slug"] not in public_slugs(await gql.data(PUBLIC))

    submitted = await mutate(
        gql, support.STEPS[Transition.SUBMIT], {"id": practice["id"], "version": 1}, editor
    )
    assert submitted["practice"]["status"] == "SUBMITTED"
    assert submitted["practice"]["submittedAt"] is not None

    # The editor cannot touch it while it is under review.
    refused = await mutate(
        gql,
        support.UPDATE_PRACTICE,
        {"id": practice["id"], "version": submitted["practice"]["version"], "title": "Mine"},
        editor,
    )
    assert codes(refused) == ["FORBIDDEN"]

    no_note = await mutate(
        gql,
        support.STEPS[Transition.REQUEST_CHANGES],
        {"id": practice["id"], "version": submitted["practice"]["version"]},
        staff,
    )
    assert no_note["userErrors"] == [
        {"field": ["input", "note"], "message": "note is required.", "code": "REQUIRED"}
    ]
    returned = await mutate(
        gql,
        support.STEPS[Transition.REQUEST_CHANGES],
        {
            "id": practice["id"],
            "version": submitted["practice"]["version"],
            "note": "Say which libraries take part.",
        },
        staff,
    )
    assert returned["practice"]["status"] == "CHANGES_REQUESTED"
    assert returned["practice"]["reviewNote"] == "Say which libraries take part."

    edited = await mutate(
        gql,
        support.UPDATE_PRACTICE,
        {
            "id": practice["id"],
            "version": returned["practice"]["version"],
            "body": "Volunteers lead monthly walks to the central and two district libraries.",
        },
        editor,
    )
    assert edited["userErrors"] == []
    resubmitted = await mutate(
        gql,
        support.STEPS[Transition.SUBMIT],
        {"id": practice["id"], "version": edited["practice"]["version"], "note": "Named them."},
        editor,
    )
    published = await mutate(
        gql,
        support.STEPS[Transition.PUBLISH],
        {"id": practice["id"], "version": resubmitted["practice"]["version"]},
        staff,
    )
    assert published["practice"]["status"] == "PUBLISHED"
    assert published["practice"]["publishedAt"] is not None
    assert practice["slug"] in public_slugs(await gql.data(PUBLIC))

    archived = await mutate(
        gql,
        support.STEPS[Transition.ARCHIVE],
        {"id": practice["id"], "version": published["practice"]["version"], "note": "Ended."},
        staff,
    )
    assert archived["practice"]["status"] == "ARCHIVED"
    assert practice["slug"] not in public_slugs(await gql.data(PUBLIC))

    record = (await gql.data(HISTORY, {"slug": practice["slug"]}, token=staff))["practice"]
    assert [(e["action"], e["actorRole"], e["note"]) for e in record["history"]] == [
        ("practice.create", "CITY_EDITOR", None),
        ("practice.submit", "CITY_EDITOR", None),
        ("practice.request_changes", "SECRETARIAT", "Say which libraries take part."),
        ("practice.update", "CITY_EDITOR", None),
        ("practice.submit", "CITY_EDITOR", "Named them."),
        ("practice.publish", "SECRETARIAT", None),
        ("practice.archive", "SECRETARIAT", "Ended."),
    ]
    assert record["history"][2]["changes"] == [
        {"field": "status", "before": "SUBMITTED", "after": "CHANGES_REQUESTED"},
        {"field": "reviewNote", "before": None, "after": "Say which libraries take part."},
    ]
    update = record["history"][3]
    assert [change["field"] for change in update["changes"]] == ["body"]
    assert update["actorName"] == "Larissa editor"
    assert [(r["version"], r["authorName"]) for r in record["revisions"]] == [
        (1, "Larissa editor"),
        (edited["practice"]["version"], "Larissa editor"),
    ]
    assert record["revisions"][-1]["body"].startswith("Volunteers lead monthly walks to the")


@pytest.mark.parametrize("status", list(PracticeStatus))
@pytest.mark.parametrize("transition", list(Transition))
async def test_only_the_steps_of_the_life_cycle_are_allowed(
    session: AsyncSession, status: PracticeStatus, transition: Transition
) -> None:
    practice = await practice_in(session, status)
    practice_id, version = practice.id, practice.version
    step = LIFE_CYCLE[transition]

    async def move() -> Practice:
        return await curation.transition_practice(
            session,
            viewer=STAFF,
            practice_id=practice_id,
            version=version,
            transition=transition,
            note="A note.",
        )

    if status in step.sources:
        assert (await move()).status is step.target
        return
    with pytest.raises(DomainError) as refused:
        await move()
    assert [p.code for p in refused.value.problems] == [ErrorCode.INVALID_TRANSITION]
    await session.rollback()
    assert await session.scalar(select(Practice.status).where(Practice.id == practice_id)) is status


async def test_the_table_is_the_issue_s_life_cycle() -> None:
    edges = {(source, step.target) for step in LIFE_CYCLE.values() for source in step.sources}
    s = PracticeStatus
    assert edges == {
        (s.DRAFT, s.SUBMITTED),
        (s.SUBMITTED, s.CHANGES_REQUESTED),
        (s.CHANGES_REQUESTED, s.SUBMITTED),
        (s.SUBMITTED, s.PUBLISHED),
        (s.PUBLISHED, s.ARCHIVED),
    }


async def test_an_illegal_step_is_a_user_error_through_the_api(
    gql: GraphQLClient, session: AsyncSession, issue_token: Any
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    practice = await practice_in(session, PracticeStatus.DRAFT)
    payload = await mutate(
        gql,
        support.STEPS[Transition.PUBLISH],
        {"id": gid(practice), "version": practice.version},
        staff,
    )
    assert codes(payload) == ["INVALID_TRANSITION"]
    assert payload["userErrors"][0]["message"] == (
        "A DRAFT practice cannot take the step 'publish' (possible steps: submit)."
    )


async def test_a_stale_version_is_a_conflict_and_changes_nothing(
    gql: GraphQLClient, session: AsyncSession, issue_token: Any
) -> None:
    editor = await issue_token(Role.CITY_EDITOR, city="larissa")
    practice = await practice_in(session, PracticeStatus.DRAFT)
    practice_id, read = gid(practice), practice.version
    first = await mutate(
        gql,
        support.UPDATE_PRACTICE,
        {"id": practice_id, "version": read, "title": "First writer"},
        editor,
    )
    assert first["practice"]["version"] == read + 1
    events = await support.audit_count(session)
    for document, extra in (
        (support.UPDATE_PRACTICE, {"title": "Second writer"}),
        (support.STEPS[Transition.SUBMIT], {}),
    ):
        second = await mutate(gql, document, {"id": practice_id, "version": read, **extra}, editor)
        assert codes(second) == ["CONFLICT"]
        assert second["userErrors"][0]["field"] == ["input", "version"]
    current = await fresh(session, practice)
    assert (current.title, current.version, current.status) == (
        "First writer",
        read + 1,
        PracticeStatus.DRAFT,
    )
    assert await support.audit_count(session) == events


async def test_absent_fields_stay_null_clears_and_required_fields_cannot_be_cleared(
    gql: GraphQLClient, session: AsyncSession, issue_token: Any
) -> None:
    editor = await issue_token(Role.CITY_EDITOR, city="larissa")
    practice = await practice_in(session, PracticeStatus.DRAFT)
    base = {"id": gid(practice), "version": practice.version}
    set_period = await mutate(
        gql, support.UPDATE_PRACTICE, {**base, "period": "2019–2021", "yearStart": 2019}, editor
    )
    after = set_period["practice"]
    assert (after["period"], after["yearStart"], after["title"]) == (
        "2019–2021",
        2019,
        support.COMPLETE_PRACTICE["title"],
    )
    base["version"] = after["version"]

    cleared = await mutate(
        gql, support.UPDATE_PRACTICE, {**base, "period": None, "keywords": None}, editor
    )
    assert cleared["practice"]["period"] is None
    assert cleared["practice"]["keywords"] == []
    assert cleared["practice"]["yearStart"] == 2019  # absent: unchanged
    base["version"] = cleared["practice"]["version"]

    refused = await mutate(
        gql, support.UPDATE_PRACTICE, {**base, "title": None, "summary": "   "}, editor
    )
    assert [(e["field"], e["code"]) for e in refused["userErrors"]] == [
        (["input", "title"], "REQUIRED"),
        (["input", "summary"], "REQUIRED"),
    ]
    assert (await fresh(session, practice)).version == base["version"]


async def test_an_update_that_changes_nothing_makes_no_version_and_no_event(
    session: AsyncSession,
) -> None:
    practice = await practice_in(session, PracticeStatus.DRAFT)
    events = await support.audit_count(session)
    same = await curation.update_practice(
        session,
        viewer=STAFF,
        practice_id=practice.id,
        version=practice.version,
        changes={"title": f"  {practice.title} ", "sdgs": [11, 4, 4]},
    )
    assert same.version == practice.version
    assert await support.audit_count(session) == events


async def test_tag_changes_make_a_new_version_but_no_text_revision(session: AsyncSession) -> None:
    practice = await practice_in(session, PracticeStatus.DRAFT)
    version = practice.version
    updated = await curation.update_practice(
        session,
        viewer=STAFF,
        practice_id=practice.id,
        version=version,
        changes={"sdgs": [4, 5, 11]},
    )
    assert updated.version == version + 1
    revisions = await session.scalars(
        select(PracticeRevision.version).where(PracticeRevision.practice_id == practice.id)
    )
    assert list(revisions) == [1]


async def test_editing_a_seeded_practice_keeps_its_original_text(session: AsyncSession) -> None:
    seeded = await session.scalar(select(Practice).where(Practice.slug.like("okayama-%")).limit(1))
    original = seeded.body
    await curation.update_practice(
        session,
        viewer=STAFF,
        practice_id=seeded.id,
        version=seeded.version,
        changes={"body": original + " Corrected."},
    )
    rows = (
        await session.scalars(
            select(PracticeRevision)
            .where(PracticeRevision.practice_id == seeded.id)
            .order_by(PracticeRevision.version)
        )
    ).all()
    assert [(r.version, r.body, r.author_name) for r in rows] == [
        (seeded.version - 1, original, None),
        (seeded.version, original + " Corrected.", STAFF.name),
    ]


async def test_nobody_edits_an_archived_practice(session: AsyncSession) -> None:
    practice = await practice_in(session, PracticeStatus.ARCHIVED)
    with pytest.raises(DomainError) as refused:
        await curation.update_practice(
            session,
            viewer=STAFF,
            practice_id=practice.id,
            version=practice.version,
            changes={"title": "Revived"},
        )
    assert [p.code for p in refused.value.problems] == [ErrorCode.CLOSED]


async def test_submitting_and_publishing_need_a_theme_an_sdg_and_a_source(
    gql: GraphQLClient, issue_token: Any
) -> None:
    editor = await issue_token(Role.CITY_EDITOR, city="larissa")
    bare = {key: support.COMPLETE_PRACTICE[key] for key in ("title", "summary", "body")}
    draft = (await mutate(gql, support.CREATE_PRACTICE, bare, editor))["practice"]
    refused = await mutate(
        gql, support.STEPS[Transition.SUBMIT], {"id": draft["id"], "version": 1}, editor
    )
    needs = "a practice needs it to be submitted or published."
    assert [error["message"] for error in refused["userErrors"]] == [
        f"Add at least one theme: {needs}",
        f"Add at least one SDG: {needs}",
        f"Add a source (sourceUrl or sourceCitation): {needs}",
    ]
    assert {error["code"] for error in refused["userErrors"]} == {"REQUIRED"}


async def test_every_practice_write_tells_the_search_index(session: AsyncSession) -> None:
    def pending(practice_id: int) -> Any:
        return select(func.count(OutboxEntry.id)).where(OutboxEntry.entity_id == practice_id)

    practice = await practice_in(session, PracticeStatus.ARCHIVED)  # create + 3 steps
    assert await session.scalar(pending(practice.id)) == 4
    other = await practice_in(session, PracticeStatus.DRAFT, title="Another")
    await curation.update_practice(
        session, viewer=STAFF, practice_id=other.id, version=other.version, changes={"sdgs": [4]}
    )
    assert await session.scalar(pending(other.id)) == 2


async def test_slugs_are_derived_unique_and_checked(gql: GraphQLClient, issue_token: Any) -> None:
    editor = await issue_token(Role.CITY_EDITOR, city="larissa")
    first = await mutate(gql, support.CREATE_PRACTICE, support.COMPLETE_PRACTICE, editor)
    second = await mutate(gql, support.CREATE_PRACTICE, support.COMPLETE_PRACTICE, editor)
    assert second["practice"]["slug"] == first["practice"]["slug"] + "-2"
    taken = await mutate(
        gql,
        support.CREATE_PRACTICE,
        {**support.COMPLETE_PRACTICE, "slug": first["practice"]["slug"]},
        editor,
    )
    assert codes(taken) == ["DUPLICATE"]
    malformed = await mutate(
        gql, support.CREATE_PRACTICE, {**support.COMPLETE_PRACTICE, "slug": "Not A Slug"}, editor
    )
    assert [e["field"] for e in malformed["userErrors"]] == [["input", "slug"]]


async def test_an_id_of_another_type_is_a_user_error(
    gql: GraphQLClient, session: AsyncSession, issue_token: Any
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    city_id = support.global_id("City", 1)
    payload = await mutate(gql, support.UPDATE_PRACTICE, {"id": city_id, "version": 1}, staff)
    assert codes(payload) == ["INVALID"]
    missing = support.global_id("Practice", 999_999)
    payload = await mutate(gql, support.UPDATE_PRACTICE, {"id": missing, "version": 1}, staff)
    assert codes(payload) == ["NOT_FOUND"]


async def test_history_and_revisions_of_a_page_are_batched(
    gql: GraphQLClient, session: AsyncSession, issue_token: Any, count_statements: Any
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    for number in range(4):
        await practice_in(session, PracticeStatus.SUBMITTED, title=f"Batched {number}")
    query = """query($first: Int!) { practices(first: $first, filter: {statuses: [SUBMITTED]})
      { edges { node { slug history { action } revisions { version } } } } }"""
    await gql.data("{ viewer { role } }", token=staff)  # notes the token's first use
    counts = []
    for first in (1, 4):
        with count_statements() as counter:
            data = await gql.data(query, {"first": first}, token=staff)
        assert all(edge["node"]["history"] for edge in data["practices"]["edges"])
        counts.append(counter.count)
    assert counts[0] == counts[1]


@pytest.mark.parametrize("bad_id", ["garbage", "", "UHJhY3RpY2U6", "UHJhY3RpY2U6eA=="])
async def test_a_malformed_id_is_a_clear_error_not_a_crash(
    gql: GraphQLClient, issue_token: Any, bad_id: str
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    body = await gql(support.UPDATE_PRACTICE, {"input": {"id": bad_id, "version": 1}}, token=staff)
    problems = body.get("errors") or body["data"]["updatePractice"]["userErrors"]
    assert problems
    assert all("Traceback" not in str(problem) for problem in problems)
    assert "Unexpected error" not in str(problems)


async def test_the_secretariat_cannot_publish_what_it_emptied(session: AsyncSession) -> None:
    practice = await practice_in(session, PracticeStatus.SUBMITTED)
    emptied = await curation.update_practice(
        session,
        viewer=STAFF,
        practice_id=practice.id,
        version=practice.version,
        changes={"themes": [], "source_url": None},
    )
    with pytest.raises(DomainError) as refused:
        await curation.transition_practice(
            session,
            viewer=STAFF,
            practice_id=emptied.id,
            version=emptied.version,
            transition=Transition.PUBLISH,
        )
    assert [p.code for p in refused.value.problems] == [ErrorCode.REQUIRED, ErrorCode.REQUIRED]
