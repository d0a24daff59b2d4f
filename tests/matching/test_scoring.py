"""The scoring rules on hand-made facts: bounded, explainable, weighted as documented."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.matching.need import Need, NeedSource
from gnlc_hub.matching.scoring import (
    CONTEXT_POINTS,
    MIN_EVIDENCE,
    CityFacts,
    PracticeEvidence,
    ReasonKind,
    explained,
    search_relevance,
    tag_overlap,
)
from gnlc_hub.practices.enums import TargetGroup

REFUGEES = Need(
    text="refugee integration",
    source=NeedSource.GIVEN,
    queries=("refugee integration",),
    themes=("migrant-and-refugee-inclusion",),
    target_groups=(TargetGroup.MIGRANTS_AND_REFUGEES,),
    sdgs=(),
)
THEMES = {"migrant-and-refugee-inclusion": "Migrant and refugee inclusion"}


def practice(practice_id: int, score: float, **tags) -> PracticeEvidence:
    return PracticeEvidence(
        practice_id=practice_id,
        title=f"Practice {practice_id}",
        scores={0: score},
        highlights=(),
        themes=frozenset(tags.get("themes", ())),
        target_groups=frozenset(tags.get("target_groups", ())),
        sdgs=frozenset(tags.get("sdgs", ())),
    )


def city(
    city_id: int, region: RegionCode = RegionCode.EUROPE_AND_NORTH_AMERICA, **facts
) -> CityFacts:
    return CityFacts(
        city_id=city_id,
        slug=f"city-{city_id}",
        name=f"City {city_id}",
        region=region,
        region_name="Region",
        **facts,
    )


def test_the_best_practice_dominates_and_more_practices_add_a_little() -> None:
    assert search_relevance([1.0]) == 1.0
    assert search_relevance([]) == 0.0
    one = search_relevance([0.5])
    assert one == pytest.approx(0.5)
    assert one < search_relevance([0.5, 0.5]) < search_relevance([0.5, 0.5, 0.5]) < 0.7
    assert search_relevance([0.5, 0.5, 0.5, 0.5]) == search_relevance([0.5, 0.5, 0.5])


@given(st.lists(st.floats(min_value=0, max_value=1), max_size=8))
def test_search_relevance_stays_in_bounds(scores: list[float]) -> None:
    assert 0.0 <= search_relevance(scores) <= 1.0


def test_tag_overlap_counts_what_the_need_names() -> None:
    tagged = practice(1, 1.0, themes={"migrant-and-refugee-inclusion"})
    overlap = tag_overlap(REFUGEES, [tagged])
    assert overlap.themes == ("migrant-and-refugee-inclusion",)
    assert overlap.target_groups == ()
    assert overlap.share == pytest.approx(0.6 / 0.9)
    untagged_need = Need("x", NeedSource.GIVEN, ("x",), (), (), ())
    assert tag_overlap(untagged_need, [tagged]).share is None


def test_a_full_answer_without_an_asking_city_scores_one() -> None:
    evidence = practice(
        1,
        1.0,
        themes={"migrant-and-refugee-inclusion"},
        target_groups={TargetGroup.MIGRANTS_AND_REFUGEES},
    )
    scored = explained(city(2), [evidence], REFUGEES, None, THEMES)
    assert scored.score == 1.0
    assert scored.parts.context is None
    assert [reason.kind for reason in scored.reasons] == [
        ReasonKind.MATCHING_PRACTICE,
        ReasonKind.SHARED_THEMES,
        ReasonKind.SHARED_TARGET_GROUPS,
    ]
    assert scored.reasons[1].text == (
        "Its practices work on what the need is about: Migrant and refugee inclusion."
    )
    assert scored.practice_ids == (1,)


def test_context_reasons_when_a_city_asks() -> None:
    asking = city(
        1, clusters={7: "Equity and Inclusion"}, population=150_000, languages=("el", "en")
    )
    peer = city(2, clusters={7: "Equity and Inclusion"}, population=120_000, languages=("en",))
    scored = explained(peer, [practice(3, 1.0)], REFUGEES, asking, THEMES)
    kinds = [reason.kind for reason in scored.reasons]
    assert kinds[-4:] == [
        ReasonKind.SAME_CLUSTER,
        ReasonKind.SAME_REGION,
        ReasonKind.SIMILAR_SIZE,
        ReasonKind.SHARED_LANGUAGES,
    ]
    assert scored.parts.context == pytest.approx(sum(CONTEXT_POINTS.values()))
    texts = {reason.kind: reason.text for reason in scored.reasons}
    assert texts[ReasonKind.SAME_CLUSTER] == (
        "Both cities take part in the thematic cluster Equity and Inclusion."
    )
    assert (
        texts[ReasonKind.SIMILAR_SIZE]
        == "Similar size: 120\u202f000 inhabitants (yours: 150\u202f000)."
    )
    far = city(4, region=RegionCode.AFRICA, population=5_000_000)
    assert explained(far, [practice(5, 1.0)], REFUGEES, asking, THEMES).parts.context == 0.0


def test_weak_practices_count_towards_relevance_but_are_not_shown() -> None:
    weak = practice(1, MIN_EVIDENCE / 2)
    scored = explained(city(2), [weak], REFUGEES, None, THEMES)
    assert scored.practice_ids == ()
    assert scored.parts.relevance > 0


@given(
    st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=5),
    st.booleans(),
)
def test_scores_stay_in_bounds(scores: list[float], asks: bool) -> None:
    practices = [
        practice(i, score, themes={"migrant-and-refugee-inclusion"})
        for i, score in enumerate(scores)
    ]
    asking = city(99, population=10) if asks else None
    scored = explained(city(1, population=10), practices, REFUGEES, asking, THEMES)
    assert 0.0 <= scored.score <= 1.0
