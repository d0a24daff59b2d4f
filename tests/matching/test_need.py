"""Reading needs: searches of at most ten words, and the themes, people and SDGs they name."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.matching.facts import vocabulary
from gnlc_hub.matching.need import (
    MAX_QUERIES,
    NeedSource,
    ThemeTerms,
    read_need,
    stem,
)
from gnlc_hub.practices.enums import TargetGroup
from gnlc_hub.search.engine import MAX_QUERY_WORDS


@pytest.fixture
async def themes(session: AsyncSession) -> list[ThemeTerms]:
    return await vocabulary(session)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("refugees", "refugee"),
        ("libraries", "library"),
        ("businesses", "business"),
        ("walking", "walk"),
        ("dropped", "drop"),
        ("running", "run"),
        ("class", "class"),
        ("campus", "campus"),
        ("youth", "youth"),
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_a_short_need(themes: list[ThemeTerms]) -> None:
    need = read_need(["Refugee integration"], NeedSource.GIVEN, themes)
    assert need.queries == ("refugee integration",)
    assert need.themes == ("migrant-and-refugee-inclusion",)
    assert need.target_groups == (TargetGroup.MIGRANTS_AND_REFUGEES,)
    assert need.sdgs == ()


def test_synonyms_and_abbreviations_name_themes(themes: list[ThemeTerms]) -> None:
    need = read_need(["Community learning centres and ESD"], NeedSource.GIVEN, themes)
    assert set(need.themes) == {
        "community-learning-centres",
        "education-for-sustainable-development",
    }
    young = read_need(["jobs for young people"], NeedSource.GIVEN, themes)
    assert "youth-engagement" in young.themes
    assert TargetGroup.YOUTH_AT_RISK in young.target_groups


def test_stopwords_go_but_phrases_stay_whole(themes: list[ThemeTerms]) -> None:
    need = read_need(
        ["How can we help with reading and writing for adults?"], NeedSource.GIVEN, themes
    )
    assert need.queries == ("reading and writing adults",)
    assert "literacy" in need.themes
    assert TargetGroup.ADULTS_WITH_LOW_LITERACY in need.target_groups


def test_sdgs_are_tags_not_search_words(themes: list[ThemeTerms]) -> None:
    need = read_need(
        ["Quality education (SDG 4) and gender, sdg5, goal 99"], NeedSource.GIVEN, themes
    )
    assert need.sdgs == (4, 5)
    assert not any("sdg" in query or "4" in query.split() for query in need.queries)


def test_long_needs_become_several_searches_of_at_most_ten_words(
    themes: list[ThemeTerms],
) -> None:
    text = " ".join(f"topic{i}" for i in range(200))
    need = read_need([text], NeedSource.GIVEN, themes)
    assert len(need.queries) == MAX_QUERIES
    assert all(len(query.split()) <= MAX_QUERY_WORDS for query in need.queries)


def test_each_profile_priority_is_its_own_search(themes: list[ThemeTerms]) -> None:
    need = read_need(
        ["adult literacy", "Roma education", "Our volunteers leave after a year."],
        NeedSource.CITY_PROFILE,
        themes,
    )
    assert need.queries == ("adult literacy", "roma education", "volunteers leave year")
    assert "volunteering-and-civil-society" in need.themes
    assert need.source is NeedSource.CITY_PROFILE


def test_a_need_of_stopwords_has_no_searches(themes: list[ThemeTerms]) -> None:
    assert read_need(["How can we do this?"], NeedSource.GIVEN, themes).queries == ()
    assert read_need(["¿¿¿ !!! ..."], NeedSource.GIVEN, themes).queries == ()


def test_stems_typos_cannot_reach_are_searched_too(themes: list[ThemeTerms]) -> None:
    need = read_need(["walking to learning places"], NeedSource.GIVEN, themes)
    assert need.queries == ("walking walk places",)
