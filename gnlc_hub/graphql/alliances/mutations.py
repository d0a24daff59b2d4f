"""Mutations of the alliance life cycle: propose, answer, conclude."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from gnlc_hub.alliances import actions
from gnlc_hub.alliances.models import Alliance as AllianceRow
from gnlc_hub.auth import rules
from gnlc_hub.graphql.alliances.enums import AllianceKind
from gnlc_hub.graphql.alliances.inputs import (
    AllianceDecision,
    ConcludeAllianceInput,
    ProposeAllianceInput,
    RespondToAllianceInput,
)
from gnlc_hub.graphql.alliances.types import Alliance
from gnlc_hub.graphql.core.mutations import UserError, acting_city, pk_of, run_mutation


@strawberry.type(description="The alliance after the change, or why nothing changed.")
class AlliancePayload:
    alliance: Alliance | None = strawberry.field(description="The alliance; null on errors.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")


async def _payload(
    info: Info, work: Callable[[AsyncSession], Awaitable[AllianceRow]]
) -> AlliancePayload:
    alliance, errors = await run_mutation(info, work)
    return AlliancePayload(alliance=alliance, user_errors=errors)


@strawberry.type(description="Alliances between member cities.")
class AllianceMutation:
    @strawberry.mutation(
        description="Propose an alliance on behalf of the city you edit. The alliance stays "
        "PROPOSED, visible only to its cities and the secretariat, until every invited city "
        "has answered."
    )
    async def propose_alliance(self, info: Info, input: ProposeAllianceInput) -> AlliancePayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> AllianceRow:
            proposal = actions.AllianceProposal(
                proposer_city_id=acting_city(viewer, input.city_id, rules.Action.PROPOSE_ALLIANCE),
                invited_city_ids=[
                    pk_of(city, "City", "invitedCityIds") for city in input.invited_city_ids
                ],
                name=input.name,
                kind=AllianceKind(input.kind),
                themes=input.themes or (),
                summary=input.summary,
            )
            return await actions.propose_alliance(session, viewer=viewer, proposal=proposal)

        return await _payload(info, work)

    @strawberry.mutation(
        description="Accept or decline a proposal on behalf of the invited city you edit. When "
        "the last invited city answers, the alliance becomes ACTIVE with the cities that "
        "accepted, or DECLINED if none did."
    )
    async def respond_to_alliance(
        self, info: Info, input: RespondToAllianceInput
    ) -> AlliancePayload:
        async def work(session: AsyncSession) -> AllianceRow:
            return await actions.respond_to_alliance(
                session,
                viewer=info.context.viewer,
                alliance_id=pk_of(input.alliance_id, "Alliance", "allianceId"),
                accept=input.decision is AllianceDecision.ACCEPT,
            )

        return await _payload(info, work)

    @strawberry.mutation(
        description="Conclude an ACTIVE alliance: an editor of one of its participating "
        "cities, or the secretariat."
    )
    async def conclude_alliance(self, info: Info, input: ConcludeAllianceInput) -> AlliancePayload:
        async def work(session: AsyncSession) -> AllianceRow:
            return await actions.conclude_alliance(
                session,
                viewer=info.context.viewer,
                alliance_id=pk_of(input.alliance_id, "Alliance", "allianceId"),
                ended_on=input.ended_on,
            )

        return await _payload(info, work)
