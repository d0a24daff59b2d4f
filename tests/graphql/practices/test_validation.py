"""The field rules of practices, cities and programmes: every problem at once, on its field."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core import validation
from gnlc_hub.core.errors import ErrorCode
from gnlc_hub.core.viewer import Role
from gnlc_hub.practices.models import Practice, PracticeTag
from gnlc_hub.practices.tags import PracticeTags, as_json
from gnlc_hub.practices.validation import (
    COLUMN_FIELDS,
    normalised,
    practice_problems,
    review_problems,
)
from tests.conftest import GraphQLClient
from tests.graphql import support
from tests.helpers import codes


async def test_every_seeded_practice_follows_the_rules(session: AsyncSession) -> None:
    """The rules accept the real, curated practices: they are not stricter than the network."""
    practices = (await session.scalars(select(Practice))).all()
    tags: dict[int, list[PracticeTag]] = {}
    for tag in await session.scalars(select(PracticeTag)):
        tags.setdefault(tag.practice_id, []).append(tag)
    assert len(practices) >= 73
    for practice in practices:
        practice_tags = PracticeTags.from_rows(tags.get(practice.id, []))
        values = {name: getattr(practice, name) for name in COLUMN_FIELDS}
        values.update(as_json(practice_tags))
        problems = await practice_problems(session, normalised(values), current=None)
        assert problems == [], (practice.slug, problems)
        assert review_problems(practice, practice_tags) == [], practice.slug


BAD_PRACTICE_FIELDS = [
    ("title", "x" * 201, "INVALID"),
    ("title", "\u3000 ", "REQUIRED"),
    ("summary", "s" * 601, "INVALID"),
    ("body", "Nul \x00 byte", "INVALID"),
    ("period", "p" * 61, "INVALID"),
    ("yearStart", 1800, "INVALID"),
    ("yearEnd", 2101, "INVALID"),
    ("language", "english", "INVALID"),
    ("language", None, "REQUIRED"),
    ("keywords", [f"k{i}" for i in range(31)], "INVALID"),
    ("keywords", ["fine", "  "], "INVALID"),
    ("keywords", ["k" * 61], "INVALID"),
    ("sourceUrl", "javascript:alert(1)", "INVALID"),
    ("sourceUrl", "http://[::1", "INVALID"),
    ("sourceUrl", "https://exa mple.org", "INVALID"),
    ("sourceUrl", "https://", "INVALID"),
    ("sourceCitation", "c" * 501, "INVALID"),
    ("sdgs", [0, 4], "INVALID"),
    ("sdgs", [18], "INVALID"),
    ("themes", ["no-such-theme"], "INVALID"),
]


@pytest.mark.parametrize(("field", "value", "code"), BAD_PRACTICE_FIELDS)
async def test_a_bad_practice_field_is_named(
    gql: GraphQLClient, issue_token: Any, field: str, value: Any, code: str
) -> None:
    editor = await issue_token(Role.CITY_EDITOR, city="larissa")
    body = await gql.data(
        support.CREATE_PRACTICE,
        {"input": {**support.COMPLETE_PRACTICE, field: value}},
        token=editor,
    )
    payload = body["createPractice"]
    assert payload["practice"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["input", field], code)]


async def test_every_problem_is_reported_at_once(gql: GraphQLClient, issue_token: Any) -> None:
    editor = await issue_token(Role.CITY_EDITOR, city="larissa")
    bad = {"title": "", "body": "b" * 20_001, "yearStart": 2020, "yearEnd": 2010, "sdgs": [99]}
    body = await gql.data(support.CREATE_PRACTICE, {"input": bad}, token=editor)
    assert [(e["field"][-1], e["code"]) for e in body["createPractice"]["userErrors"]] == [
        ("title", "REQUIRED"),
        ("summary", "REQUIRED"),
        ("body", "INVALID"),
        ("sdgs", "INVALID"),
        ("yearEnd", "INVALID"),
    ]


async def test_an_update_checks_the_years_against_the_stored_ones(
    gql: GraphQLClient, session: AsyncSession, issue_token: Any
) -> None:
    editor = await issue_token(Role.CITY_EDITOR, city="larissa")
    practice = await support.practice_in(session, support.PracticeStatus.DRAFT)
    first = await gql.data(
        support.UPDATE_PRACTICE,
        {"input": {"id": support.gid(practice), "version": 1, "yearStart": 2015}},
        token=editor,
    )
    assert first["updatePractice"]["userErrors"] == []
    second = await gql.data(
        support.UPDATE_PRACTICE,
        {"input": {"id": support.gid(practice), "version": 2, "yearEnd": 2014}},
        token=editor,
    )
    assert codes(second["updatePractice"]) == ["INVALID"]


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("https://uil.unesco.org/learning-cities", True),
        ("http://example.org:8080/a?b=c#d", True),
        ("ftp://example.org", False),
        ("https:///path-only", False),
        ("https://exa\nmple.org", False),
        ("https://[::1", False),
        ("https://example.org/\ud800", False),
        ("https://" + "a" * 500 + ".org", False),
    ],
)
def test_urls(value: str, ok: bool) -> None:
    assert (validation.url(value, "sourceUrl") == []) is ok


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        ("2020", "2020-03", True),
        ("2020-03-05", "2020-03", True),
        ("2020-03-05", "2020-03-04", False),
        ("2021", "2020-12-31", False),
        (None, "2020", True),
    ],
)
def test_end_not_before_start_at_the_precision_both_have(
    start: str | None, end: str, ok: bool
) -> None:
    assert (validation.not_before(start, end, "endsOn") == []) is ok


def test_normalise_trims_text_and_keeps_blank_required_text_for_the_rules() -> None:
    values = validation.normalise(
        {"title": "  ", "period": "  ", "keywords": [" a ", "a", "b"], "themes": None},
        editable={"title", "period", "keywords", "themes"},
        required={"title"},
        lists={"keywords", "themes"},
    )
    assert values == {"title": "  ", "period": None, "keywords": ["a", "b"], "themes": []}
    assert [
        p.code for p in validation.text(values["title"], "title", required=True, max_length=5)
    ] == [ErrorCode.REQUIRED]


def test_normalise_refuses_fields_a_service_does_not_edit() -> None:
    with pytest.raises(ValueError, match="not editable"):
        validation.normalise({"status": "PUBLISHED"}, editable={"title"})
