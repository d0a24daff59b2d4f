"""Peer matching on the seeded network, on every search engine."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.alliances.actions import AllianceProposal, propose_alliance
from gnlc_hub.alliances.enums import AllianceStatus
from gnlc_hub.alliances.models import Alliance
from gnlc_hub.cities.actions import update_city_profile
from gnlc_hub.cities.models import City
from gnlc_hub.core.errors import DomainError, ErrorCode
from gnlc_hub.core.viewer import ANONYMOUS, Role, Viewer
from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.matching.need import MAX_NEED_LENGTH, NeedSource
from gnlc_hub.matching.queries import MatchResult, peer_matches
from gnlc_hub.matching.scoring import ReasonKind
from gnlc_hub.matching.validation import MAX_MATCHES, MatchFilter, MatchRequest
from gnlc_hub.search.engine import SearchEngine
from tests import seedfacts
from tests.helpers import city_pk

STAFF = Viewer(role=Role.SECRETARIAT)


async def ranked(session: AsyncSession, result: MatchResult) -> list[str]:
    names = dict((await session.execute(select(City.id, City.slug))).all())
    return [names[match.city_id] for match in result.matches]


async def match(
    session: AsyncSession,
    engine: SearchEngine,
    need: str | None = None,
    *,
    city: str | None = None,
    viewer: Viewer = ANONYMOUS,
    **options,
) -> MatchResult:
    request = MatchRequest(
        city_id=await city_pk(session, city) if city else None, need=need, **options
    )
    return await peer_matches(session, engine, viewer=viewer, request=request)


@pytest.mark.parametrize(
    ("need", "best"),
    [
        ("refugee integration", "larissa"),
        ("community learning centres and ESD", "okayama"),
        ("youth entrepreneurship", "swansea"),
    ],
)
async def test_the_cities_that_solved_it_come_first(
    session: AsyncSession, seeded: SearchEngine, need: str, best: str
) -> None:
    result = await match(session, seeded, need)
    top = result.matches[0]
    assert (await ranked(session, result))[0] == best
    assert 0 < top.scored.score <= 1
    assert top.scored.practice_ids, "the evidence is shown"
    assert top.scored.reasons[0].kind is ReasonKind.MATCHING_PRACTICE
    assert any("<mark>" in h.snippet for h in top.scored.reasons[0].highlights)
    scores = [m.scored.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)


async def test_a_city_is_never_its_own_peer(session: AsyncSession, seeded: SearchEngine) -> None:
    result = await match(session, seeded, "refugee integration", city="larissa")
    slugs = await ranked(session, result)
    assert "larissa" not in slugs
    assert set(slugs[:2]) == {"glasgow", "heraklion"}
    assert result.matches[0].scored.parts.context is not None


async def test_without_a_need_the_profile_is_read(
    session: AsyncSession, seeded: SearchEngine
) -> None:
    larissa = await city_pk(session, "larissa")
    await update_city_profile(
        session,
        viewer=STAFF,
        city_id=larissa,
        changes={"priorities": ["learning festival"], "challenges": "Celebrating learners."},
    )
    result = await match(session, seeded, city="larissa")
    assert result.need.source is NeedSource.CITY_PROFILE
    assert result.need.queries == ("learning festival", "celebrating celebrat learners")
    assert {"cork", "dublin", "limerick"} <= set((await ranked(session, result))[:5])


@pytest.mark.parametrize(
    ("need", "city", "code", "fragment"),
    [
        (None, "larissa", ErrorCode.REQUIRED, "Larissa's profile has no priorities"),
        ("   ", "larissa", ErrorCode.REQUIRED, "Larissa's profile has no priorities"),
        (None, None, ErrorCode.REQUIRED, "Describe a need"),
        ("x" * (MAX_NEED_LENGTH + 1), None, ErrorCode.INVALID, "at most 2000 characters"),
        ("How can we do this?", None, ErrorCode.INVALID, "no words to search for"),
    ],
)
async def test_needs_that_cannot_be_matched(
    session: AsyncSession,
    seeded: SearchEngine,
    need: str | None,
    city: str | None,
    code: ErrorCode,
    fragment: str,
) -> None:
    with pytest.raises(DomainError) as raised:
        await match(session, seeded, need, city=city)
    [problem] = raised.value.problems
    assert problem.code is code
    assert problem.field == ["need"]
    assert fragment in problem.message


async def test_an_unknown_city(session: AsyncSession, seeded: SearchEngine) -> None:
    request = MatchRequest(city_id=999_999, need="literacy")
    with pytest.raises(DomainError) as raised:
        await peer_matches(session, seeded, viewer=ANONYMOUS, request=request)
    assert raised.value.problems[0].code is ErrorCode.NOT_FOUND
    assert raised.value.problems[0].field == ["cityId"]


async def test_bad_filters_are_all_reported(session: AsyncSession, seeded: SearchEngine) -> None:
    criteria = MatchFilter(
        languages=["english"],
        population_min=500,
        population_max=100,
        exclude_allies=True,
        min_published_practices=-1,
    )
    with pytest.raises(DomainError) as raised:
        await match(session, seeded, "literacy", filter=criteria, first=0)
    fields = [problem.field for problem in raised.value.problems]
    assert fields == [
        ["filter", "languages"],
        ["filter", "populationMin"],
        ["filter", "minPublishedPractices"],
        ["filter", "excludeAllies"],
        ["first"],
    ]


async def test_region_filter(session: AsyncSession, seeded: SearchEngine) -> None:
    criteria = MatchFilter(regions=[RegionCode.ARAB_STATES])
    result = await match(session, seeded, "refugee integration", filter=criteria)
    slugs = await ranked(session, result)
    assert slugs[0] == "amman"
    arab_states = {
        row["slug"]
        for row in seedfacts.cities()
        if seedfacts.region_of_country()[row["country"]] == "ARAB_STATES"
    }
    assert set(slugs) <= arab_states
    # A filter leaves scores as they were: relevance is judged against the whole network.
    unfiltered = await match(session, seeded, "refugee integration")
    amman = await city_pk(session, "amman")
    [before] = [m.scored.score for m in unfiltered.matches if m.city_id == amman]
    assert result.matches[0].scored.score == before


async def test_minimum_published_practices(session: AsyncSession, seeded: SearchEngine) -> None:
    criteria = MatchFilter(min_published_practices=3)
    result = await match(session, seeded, "refugee integration", filter=criteria)
    assert await ranked(session, result) == ["larissa"]


async def test_profile_filters_leave_out_cities_without_the_data(
    session: AsyncSession, seeded: SearchEngine
) -> None:
    for slug, population, languages in (
        ("glasgow", 620_000, ["en"]),
        ("heraklion", 180_000, ["el", "en"]),
    ):
        await update_city_profile(
            session,
            viewer=STAFF,
            city_id=await city_pk(session, slug),
            changes={"population": population, "languages": languages},
        )
    need = "refugee integration"
    greek = await match(session, seeded, need, filter=MatchFilter(languages=["EL"]))
    assert await ranked(session, greek) == ["heraklion"]
    big = await match(session, seeded, need, filter=MatchFilter(population_min=500_000))
    assert await ranked(session, big) == ["glasgow"]
    band = MatchFilter(population_min=100_000, population_max=200_000, languages=["en"])
    assert await ranked(session, await match(session, seeded, need, filter=band)) == ["heraklion"]


async def test_allies_and_the_alliance_between_two_cities(
    session: AsyncSession, seeded: SearchEngine
) -> None:
    need = "organising a lifelong learning festival"
    result = await match(session, seeded, need, city="cork")
    by_slug = dict(zip(await ranked(session, result), result.matches, strict=True))
    assert {"dublin", "limerick"} <= set(by_slug)
    irish = set(
        await session.scalars(
            select(Alliance.id).where(
                Alliance.slug.like("irish-network-of-learning-cities%"),
                Alliance.status == AllianceStatus.ACTIVE,
            )
        )
    )
    assert len(irish) == 3
    # The newest of the active alliances the two cities share.
    assert by_slug["dublin"].alliance_id == max(irish)
    assert by_slug["ibadan"].alliance_id is None

    without_allies = await match(
        session, seeded, need, city="cork", filter=MatchFilter(exclude_allies=True)
    )
    slugs = await ranked(session, without_allies)
    # Dublin and Limerick share the Irish network with Cork, Espoo the Espoo Statement.
    assert not {"dublin", "limerick", "espoo"} & set(slugs)
    assert "ibadan" in slugs


async def test_proposals_show_only_to_those_who_may_see_them(
    session: AsyncSession, seeded: SearchEngine
) -> None:
    heraklion, larissa = await city_pk(session, "heraklion"), await city_pk(session, "larissa")
    proposal = await propose_alliance(
        session,
        viewer=Viewer(role=Role.CITY_EDITOR, city_id=heraklion),
        proposal=AllianceProposal(
            proposer_city_id=heraklion, invited_city_ids=[larissa], name="Sport and refugees"
        ),
    )
    need = "refugee integration"
    editor = Viewer(role=Role.CITY_EDITOR, city_id=heraklion)
    for viewer, expected in ((editor, proposal.id), (STAFF, proposal.id), (ANONYMOUS, None)):
        result = await match(session, seeded, need, city="heraklion", viewer=viewer)
        larissa_match = next(m for m in result.matches if m.city_id == larissa)
        assert larissa_match.alliance_id == expected
    # A pending proposal is not an alliance yet: Larissa is still proposed.
    excluded = await match(
        session,
        seeded,
        need,
        city="heraklion",
        viewer=editor,
        filter=MatchFilter(exclude_allies=True),
    )
    assert larissa in [m.city_id for m in excluded.matches]


async def test_first_limits_the_matches(session: AsyncSession, seeded: SearchEngine) -> None:
    result = await match(session, seeded, "learning festival", first=2)
    assert len(result.matches) == 2
    assert result.candidates >= 5


async def test_a_deeper_read_still_highlights_the_evidence(
    session: AsyncSession, seeded: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gnlc_hub.matching import queries as service

    criteria = MatchFilter(regions=[RegionCode.EUROPE_AND_NORTH_AMERICA])
    first_read = await match(session, seeded, "refugee integration", filter=criteria)
    # Read two hits first, so that the filter forces the deeper read without highlights.
    monkeypatch.setattr(service, "SEARCH_READS", ((2, True), (1000, False)))
    deeper = await match(session, seeded, "refugee integration", filter=criteria)
    assert [m.scored for m in deeper.matches] == [m.scored for m in first_read.matches]
    highlighted = [r for m in deeper.matches for r in m.scored.reasons if r.highlights]
    assert len(highlighted) >= 4


async def test_facts_are_read_in_a_few_statements_whatever_the_candidates(
    session: AsyncSession, seeded: SearchEngine, count_statements: Any
) -> None:
    larissa = await city_pk(session, "larissa")
    counts, sizes = [], []
    for need in ("refugee integration", "learning festival community centres libraries"):
        request = MatchRequest(city_id=larissa, need=need, first=MAX_MATCHES)
        with count_statements() as counter:
            result = await peer_matches(session, seeded, viewer=ANONYMOUS, request=request)
        counts.append(counter.count)
        sizes.append(len(result.matches))
    assert sizes[1] > 2 * sizes[0] > 0
    assert counts[0] == counts[1]
    # Asking city (facts, profile), vocabulary, hits, candidates' facts, tags, alliances.
    assert counts[1] <= 9, counts
