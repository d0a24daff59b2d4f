"""Writing alliances: a city proposes, the invited cities answer, a member concludes.

Every state rule of an alliance lives here: which step is allowed from which status, who may
take it, and how the members' answers settle the alliance's status.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.alliances.enums import (
    PARTICIPATING,
    AllianceKind,
    AllianceStatus,
    MemberResponse,
)
from gnlc_hub.alliances.models import Alliance, AllianceMember
from gnlc_hub.alliances.queries import visible_alliances
from gnlc_hub.audit.actions import record, snapshot
from gnlc_hub.auth import rules
from gnlc_hub.cities.models import City
from gnlc_hub.core import clock, locking, validation
from gnlc_hub.core.errors import DomainError, ErrorCode, Problem, not_found
from gnlc_hub.core.slugs import free_slug, slugify
from gnlc_hub.core.viewer import Viewer

MAX_CITIES = 50
SLUG_MAX = 160
MAX_THEMES = 20
NAME_MAX = 300
THEME_MAX = 120
SUMMARY_MAX = 4000


class AllianceStep(enum.StrEnum):
    """What can happen to an existing alliance (values complete "Cannot … it")."""

    RESPOND = "answer"
    CONCLUDE = "conclude"


# The state machine. `propose_alliance` creates PROPOSED alliances; answering keeps them
# PROPOSED until every invited city has answered, then makes them ACTIVE (someone accepted) or
# DECLINED (nobody did); an ACTIVE alliance can be CONCLUDED. DECLINED and CONCLUDED are final.
ALLOWED_FROM: dict[AllianceStep, frozenset[AllianceStatus]] = {
    AllianceStep.RESPOND: frozenset({AllianceStatus.PROPOSED}),
    AllianceStep.CONCLUDE: frozenset({AllianceStatus.ACTIVE}),
}
# Alliances that still bind their cities: proposing the same one again is a duplicate.
OPEN_STATUSES = frozenset({AllianceStatus.PROPOSED, AllianceStatus.ACTIVE})


@dataclass(frozen=True)
class AllianceProposal:
    """What a city proposes: partners, a name, a form and what it is about."""

    proposer_city_id: int
    invited_city_ids: Sequence[int]
    name: str
    kind: AllianceKind = AllianceKind.LEARNING_PARTNERSHIP
    themes: Sequence[str] = ()
    summary: str | None = None


def ensure_step_allowed(alliance: Alliance, step: AllianceStep) -> None:
    allowed = ALLOWED_FROM[step]
    if alliance.status not in allowed:
        expected = " or ".join(sorted(status.value for status in allowed))
        raise DomainError.single(
            f"Cannot {step.value} '{alliance.name}': it is {alliance.status.value}, and this "
            f"is possible only while it is {expected}.",
            ErrorCode.INVALID_TRANSITION,
        )


def status_after_answers(responses: Sequence[MemberResponse]) -> AllianceStatus:
    """PROPOSED while an invited city has not answered; then ACTIVE with those who accepted,
    or DECLINED when nobody did."""
    invited = [response for response in responses if response is not MemberResponse.PROPOSER]
    if any(response is MemberResponse.PENDING for response in invited):
        return AllianceStatus.PROPOSED
    if any(response is MemberResponse.ACCEPTED for response in invited):
        return AllianceStatus.ACTIVE
    return AllianceStatus.DECLINED


def _partner_problems(proposal: AllianceProposal) -> list[Problem]:
    where = validation.path("invitedCityIds")
    invited = list(proposal.invited_city_ids)
    if not invited:
        return [Problem("Invite at least one partner city.", ErrorCode.REQUIRED, where)]
    if proposal.proposer_city_id in invited:
        return [Problem("A city cannot form an alliance with itself.", field=where)]
    if len(set(invited)) != len(invited):
        return [Problem("Invite each partner city once.", field=where)]
    if len(invited) + 1 > MAX_CITIES:
        return [Problem(f"An alliance has at most {MAX_CITIES} cities.", field=where)]
    return []


async def _open_alliance_between(
    session: AsyncSession, city_ids: set[int], kind: AllianceKind, proposer_id: int
) -> Alliance | None:
    """A proposed or active alliance of the same form between exactly these cities."""
    of_proposer = (
        select(AllianceMember.alliance_id)
        .join(Alliance, Alliance.id == AllianceMember.alliance_id)
        .where(
            AllianceMember.city_id == proposer_id,
            Alliance.kind == kind,
            Alliance.status.in_(list(OPEN_STATUSES)),
        )
    )
    members: dict[int, set[int]] = defaultdict(set)
    for alliance_id, city_id in await session.execute(
        select(AllianceMember.alliance_id, AllianceMember.city_id).where(
            AllianceMember.alliance_id.in_(of_proposer)
        )
    ):
        members[alliance_id].add(city_id)
    same = [alliance_id for alliance_id, cities in members.items() if cities == city_ids]
    return await session.get(Alliance, min(same)) if same else None


async def _locked_cities(session: AsyncSession, city_ids: Sequence[int]) -> dict[int, City]:
    """The cities of a proposal, locked in id order (no deadlock between two proposals): the
    same or a mirrored proposal sent twice at once becomes a duplicate, not two alliances."""
    statement = (
        select(City)
        .where(City.id.in_(list(city_ids)))
        .order_by(City.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return {city.id: city for city in await session.scalars(statement)}


async def propose_alliance(
    session: AsyncSession, *, viewer: Viewer, proposal: AllianceProposal
) -> Alliance:
    """Create a PROPOSED alliance: the proposing city is committed, the partners are asked."""
    rules.require(viewer, rules.Action.PROPOSE_ALLIANCE, proposal.proposer_city_id)
    validation.ensure(
        [
            *validation.text(proposal.name, "name", required=True, max_length=NAME_MAX),
            *validation.text(proposal.summary, "summary", max_length=SUMMARY_MAX),
            *validation.strings(
                proposal.themes, "themes", max_items=MAX_THEMES, max_length=THEME_MAX
            ),
            *_partner_problems(proposal),
        ]
    )
    invited = list(proposal.invited_city_ids)
    found = await _locked_cities(session, [proposal.proposer_city_id, *invited])
    if proposal.proposer_city_id not in found:
        raise not_found("The proposing city", validation.path("cityId"))
    if len(found) != len(invited) + 1:
        raise not_found("An invited city", validation.path("invitedCityIds"))
    proposer = found[proposal.proposer_city_id]
    existing = await _open_alliance_between(
        session, {proposer.id, *invited}, proposal.kind, proposer.id
    )
    if existing is not None:
        raise DomainError.single(
            f"These cities already have a {existing.status.value.lower()} alliance of this "
            f"kind: '{existing.name}'.",
            ErrorCode.DUPLICATE,
            validation.path("invitedCityIds"),
        )
    alliance = Alliance(
        slug=await free_slug(
            session, Alliance.slug, slugify(proposal.name) or "alliance", max_length=SLUG_MAX
        ),
        name=proposal.name.strip(),
        kind=proposal.kind,
        status=AllianceStatus.PROPOSED,
        status_confirmed=True,
        themes=list(dict.fromkeys(theme.strip() for theme in proposal.themes)),
        summary=(proposal.summary or "").strip() or None,
        proposed_by_city_id=proposer.id,
        is_example=False,
    )
    session.add(alliance)
    await locking.flush(session)  # a slug taken at the same moment is a CONFLICT, not a crash
    session.add(
        AllianceMember(
            alliance_id=alliance.id,
            city_id=proposer.id,
            response=MemberResponse.PROPOSER,
            responded_at=clock.now(),
        )
    )
    session.add_all(
        AllianceMember(alliance_id=alliance.id, city_id=city_id, response=MemberResponse.PENDING)
        for city_id in invited
    )
    await session.flush()
    answers = {str(proposer.id): MemberResponse.PROPOSER.value}
    answers.update({str(city_id): MemberResponse.PENDING.value for city_id in invited})
    await record(
        session, viewer, "alliance.propose", alliance, None, snapshot(alliance, members=answers)
    )
    return alliance


async def _locked_alliance(session: AsyncSession, viewer: Viewer, alliance_id: int) -> Alliance:
    """The alliance, locked; one the viewer may not see is reported as missing."""
    return await locking.locked(
        session,
        Alliance,
        alliance_id,
        "The alliance",
        visible_alliances(viewer),
        field="allianceId",
    )


async def _members(session: AsyncSession, alliance_id: int) -> list[AllianceMember]:
    statement = (
        select(AllianceMember)
        .where(AllianceMember.alliance_id == alliance_id)
        .order_by(AllianceMember.id)
        .execution_options(populate_existing=True)
    )
    return list(await session.scalars(statement))


def _answers(members: Sequence[AllianceMember]) -> dict[str, str]:
    return {str(member.city_id): member.response.value for member in members}


async def respond_to_alliance(
    session: AsyncSession, *, viewer: Viewer, alliance_id: int, accept: bool
) -> Alliance:
    """Record the answer of the viewer's city; the last answer settles the alliance's status."""
    rules.require_signed_in(viewer, rules.Action.RESPOND_TO_ALLIANCE)
    # Every answer locks the alliance row: two last answers given at once cannot both miss each
    # other and leave the alliance PROPOSED forever.
    alliance = await _locked_alliance(session, viewer, alliance_id)
    members = await _members(session, alliance.id)
    mine = next((m for m in members if m.city_id == viewer.city_id), None)
    if mine is not None and mine.response is MemberResponse.PROPOSER:
        raise DomainError.single(
            "The proposing city cannot answer its own proposal.", ErrorCode.FORBIDDEN
        )
    rules.require(viewer, rules.Action.RESPOND_TO_ALLIANCE, mine.city_id if mine else None)
    assert mine is not None
    ensure_step_allowed(alliance, AllianceStep.RESPOND)
    if mine.response is not MemberResponse.PENDING:
        raise DomainError.single(
            f"Your city has already answered this proposal ({mine.response.value}).",
            ErrorCode.INVALID_TRANSITION,
        )
    before = snapshot(alliance, members=_answers(members))
    now = clock.now()
    mine.response = MemberResponse.ACCEPTED if accept else MemberResponse.DECLINED
    mine.responded_at = now
    alliance.status = status_after_answers([member.response for member in members])
    if alliance.status is AllianceStatus.ACTIVE:
        alliance.started_on = now.date().isoformat()
    # Bump the version even when the status stays PROPOSED: the answers are part of its state.
    alliance.updated_at = now
    await session.flush()
    action = "alliance.accept" if accept else "alliance.decline"
    after = snapshot(alliance, members=_answers(members))
    await record(session, viewer, action, alliance, before, after)
    return alliance


def _ended_on_problems(ended_on: str, started_on: str | None, today: str) -> list[Problem]:
    """Partial dates compare on their common precision: "2019" is not after "2019-05"."""
    if ended_on[: len(today)] > today[: len(ended_on)]:
        return [Problem("endedOn cannot be in the future.", field=validation.path("endedOn"))]
    return validation.not_before(started_on, ended_on, "endedOn")


async def conclude_alliance(
    session: AsyncSession, *, viewer: Viewer, alliance_id: int, ended_on: str | None = None
) -> Alliance:
    """End an active alliance: an editor of a participating city, or the secretariat."""
    rules.require_signed_in(viewer, rules.Action.CONCLUDE_ALLIANCE)
    validation.ensure(validation.partial_date(ended_on, "endedOn"))
    alliance = await _locked_alliance(session, viewer, alliance_id)
    members = await _members(session, alliance.id)
    participating = {m.city_id for m in members if m.response in PARTICIPATING}
    city_id = viewer.city_id if viewer.city_id in participating else None
    rules.require(viewer, rules.Action.CONCLUDE_ALLIANCE, city_id)
    ensure_step_allowed(alliance, AllianceStep.CONCLUDE)
    today = clock.today().isoformat()
    ended = ended_on or today
    validation.ensure(_ended_on_problems(ended, alliance.started_on, today))
    before = snapshot(alliance)
    alliance.status = AllianceStatus.CONCLUDED
    alliance.ended_on = ended
    await session.flush()
    await record(session, viewer, "alliance.conclude", alliance, before, snapshot(alliance))
    return alliance
