"""Mutations of the network records the secretariat keeps (see gnlc_hub/network/actions.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.alliances.models import Alliance as AllianceRow
from gnlc_hub.auth import rules
from gnlc_hub.cities.models import City as CityRow
from gnlc_hub.graphql.alliances.types import Alliance
from gnlc_hub.graphql.cities.types import CityContact
from gnlc_hub.graphql.core.mutations import UserError, pk_of, provided, run_mutation
from gnlc_hub.graphql.network.inputs import (
    AlliancePracticeInput,
    CreateAwardInput,
    CreateCityContactInput,
    CreateClusterInput,
    CreateEventInput,
    CreatePublicationInput,
    DeleteInput,
    RemoveClusterMemberInput,
    RemoveEventEditionInput,
    RemovePublicationFeatureInput,
    SetClusterMemberInput,
    SetEventEditionInput,
    SetPublicationFeatureInput,
    UnlinkAlliancePracticeInput,
    UpdateCityContactInput,
    UpdateClusterInput,
    UpdateEventInput,
    UpdatePublicationInput,
)
from gnlc_hub.graphql.network.types import Award, Cluster, Event, Publication
from gnlc_hub.network import actions
from gnlc_hub.network.models import Cluster as ClusterRow
from gnlc_hub.network.models import Event as EventRow
from gnlc_hub.network.models import Publication as PublicationRow

UNSET = strawberry.UNSET


def _changes(input: Any, *, exclude: set[str], cities: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields sent, with city global IDs turned into primary keys."""
    changes = provided(input, exclude=exclude)
    for name in cities:
        if changes.get(name) is not None:
            changes[name] = pk_of(changes[name], "City", name.replace("_id", "Id"))
    return changes


def _keys(input: Any, **types: str) -> dict[str, int]:
    """Primary keys of the parents an association input names (``cluster_id="Cluster"``)."""
    return {
        name: pk_of(getattr(input, name), type_name, name.replace("_id", "Id"))
        for name, type_name in types.items()
    }


@strawberry.type(description="The award after the mutation, or why nothing changed.")
class AwardPayload:
    award: Award | None = strawberry.field(description="The award; null on errors.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")


@strawberry.type(description="The event after the mutation, or why nothing changed.")
class EventPayload:
    event: Event | None = strawberry.field(description="The event; null on errors.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")


@strawberry.type(description="The cluster after the mutation, or why nothing changed.")
class ClusterPayload:
    cluster: Cluster | None = strawberry.field(description="The cluster; null on errors.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")


@strawberry.type(description="The publication after the mutation, or why nothing changed.")
class PublicationPayload:
    publication: Publication | None = strawberry.field(description="Null on errors.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")


@strawberry.type(description="The contact after the mutation, or why nothing changed.")
class CityContactPayload:
    contact: CityContact | None = strawberry.field(description="The contact; null on errors.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")


@strawberry.type(description="The alliance after the mutation, or why nothing changed.")
class AllianceTransferPayload:
    alliance: Alliance | None = strawberry.field(description="The alliance; null on errors.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")


@strawberry.type(description="The ID of what was removed, or why nothing changed.")
class DeletedPayload:
    deleted_id: relay.GlobalID | None = strawberry.field(description="ID of the removed object.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")


async def _create(
    info: Info, spec: actions.Spec, input: Any, *, cities: tuple[str, ...] = ()
) -> tuple[Any, list[UserError]]:
    """A create mutation of ``spec``'s record kind (a ``slug`` field is the requested slug)."""
    viewer = info.context.viewer
    slug = getattr(input, "slug", None)

    async def work(session: AsyncSession) -> Any:
        changes = _changes(input, exclude={"slug"}, cities=cities)
        return await actions.create(session, spec, viewer=viewer, changes=changes, slug=slug)

    return await run_mutation(info, work)


async def _update(
    info: Info, spec: actions.Spec, type_name: str, input: Any, *, cities: tuple[str, ...] = ()
) -> tuple[Any, list[UserError]]:
    """An update mutation on the version the client read."""
    viewer = info.context.viewer

    async def work(session: AsyncSession) -> Any:
        return await actions.update(
            session,
            spec,
            viewer=viewer,
            pk=pk_of(input.id, type_name, "id"),
            version=input.version,
            changes=_changes(input, exclude={"id", "version"}, cities=cities),
        )

    return await run_mutation(info, work)


async def _delete(
    info: Info, spec: actions.Spec, type_name: str, input: DeleteInput
) -> DeletedPayload:
    viewer = info.context.viewer

    async def work(session: AsyncSession) -> int:
        pk = pk_of(input.id, type_name, "id")
        return await actions.remove(session, spec, viewer=viewer, pk=pk, version=input.version)

    pk, errors = await run_mutation(info, work)
    gid = relay.GlobalID(type_name, str(pk)) if pk is not None else None
    return DeletedPayload(deleted_id=gid, user_errors=errors)


Check = Callable[[AsyncSession, dict[str, int]], Awaitable[None]]


async def _associate(
    info: Info,
    spec: actions.Spec,
    parent: type[Any],
    input: Any,
    *,
    remove: bool = False,
    extra: dict[str, int] | None = None,
    check: Check | None = None,
    **types: str,
) -> tuple[Any, list[UserError]]:
    """Add, change or remove an association row (cluster member, featured city, yearly
    edition, transferred practice); answers with the parent, the first of ``types``."""
    viewer = info.context.viewer
    extra = extra or {}

    async def work(session: AsyncSession) -> Any:
        rules.require(viewer, spec.rule)
        keys = _keys(input, **types)
        await actions.check_parents(session, keys)
        if check is not None:
            await check(session, keys)
        found = {**keys, **extra}
        if remove:
            await actions.remove_association(session, spec, viewer=viewer, keys=found)
        else:
            changes = _changes(input, exclude={*types, *extra})
            await actions.set_association(session, spec, viewer=viewer, keys=found, changes=changes)
        return await session.get(parent, keys[next(iter(types))])

    return await run_mutation(info, work)


def _edition_year(year: int) -> Check:
    async def check(_session: AsyncSession, _keys: dict[str, int]) -> None:
        actions.check_edition_year(year)

    return check


async def _transfer(session: AsyncSession, keys: dict[str, int]) -> None:
    await actions.check_transfer(session, keys["alliance_id"], keys["practice_id"])


@strawberry.type(description="The secretariat's network records.")
class NetworkRecordsMutation:
    @strawberry.mutation(description="Secretariat: record a Learning City Award.")
    async def create_award(self, info: Info, input: CreateAwardInput) -> AwardPayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> Any:
            changes = _changes(input, exclude=set(), cities=("city_id",))
            return await actions.create_award(session, viewer=viewer, changes=changes)

        award, errors = await run_mutation(info, work)
        return AwardPayload(award=award, user_errors=errors)

    @strawberry.mutation(description="Secretariat: remove an award recorded by mistake.")
    async def delete_award(self, info: Info, input: DeleteInput) -> DeletedPayload:
        return await _delete(info, actions.AWARD, "Award", input)

    @strawberry.mutation(description="Secretariat: add a conference or festival.")
    async def create_event(self, info: Info, input: CreateEventInput) -> EventPayload:
        event, errors = await _create(info, actions.EVENT, input, cities=("city_id",))
        return EventPayload(event=event, user_errors=errors)

    @strawberry.mutation(description="Secretariat: correct an event; only sent fields change.")
    async def update_event(self, info: Info, input: UpdateEventInput) -> EventPayload:
        event, errors = await _update(info, actions.EVENT, "Event", input, cities=("city_id",))
        return EventPayload(event=event, user_errors=errors)

    @strawberry.mutation(description="Secretariat: remove an event and its editions.")
    async def delete_event(self, info: Info, input: DeleteInput) -> DeletedPayload:
        return await _delete(info, actions.EVENT, "Event", input)

    @strawberry.mutation(
        description="Secretariat: add or change one year's edition of a recurring event."
    )
    async def set_event_edition(self, info: Info, input: SetEventEditionInput) -> EventPayload:
        event, errors = await _associate(
            info,
            actions.EDITION,
            EventRow,
            input,
            extra={"year": input.year},
            check=_edition_year(input.year),
            event_id="Event",
        )
        return EventPayload(event=event, user_errors=errors)

    @strawberry.mutation(description="Secretariat: remove one year's edition of an event.")
    async def remove_event_edition(
        self, info: Info, input: RemoveEventEditionInput
    ) -> EventPayload:
        event, errors = await _associate(
            info,
            actions.EDITION,
            EventRow,
            input,
            remove=True,
            extra={"year": input.year},
            event_id="Event",
        )
        return EventPayload(event=event, user_errors=errors)

    @strawberry.mutation(description="Secretariat: add a thematic cluster.")
    async def create_cluster(self, info: Info, input: CreateClusterInput) -> ClusterPayload:
        cluster, errors = await _create(info, actions.CLUSTER, input)
        return ClusterPayload(cluster=cluster, user_errors=errors)

    @strawberry.mutation(description="Secretariat: correct a cluster; only sent fields change.")
    async def update_cluster(self, info: Info, input: UpdateClusterInput) -> ClusterPayload:
        cluster, errors = await _update(info, actions.CLUSTER, "Cluster", input)
        return ClusterPayload(cluster=cluster, user_errors=errors)

    @strawberry.mutation(description="Secretariat: add a city to a cluster or change its role.")
    async def set_cluster_member(self, info: Info, input: SetClusterMemberInput) -> ClusterPayload:
        cluster, errors = await _associate(
            info, actions.MEMBER, ClusterRow, input, cluster_id="Cluster", city_id="City"
        )
        return ClusterPayload(cluster=cluster, user_errors=errors)

    @strawberry.mutation(description="Secretariat: take a city out of a cluster.")
    async def remove_cluster_member(
        self, info: Info, input: RemoveClusterMemberInput
    ) -> ClusterPayload:
        cluster, errors = await _associate(
            info,
            actions.MEMBER,
            ClusterRow,
            input,
            remove=True,
            cluster_id="Cluster",
            city_id="City",
        )
        return ClusterPayload(cluster=cluster, user_errors=errors)

    @strawberry.mutation(description="Secretariat: add a case-study publication.")
    async def create_publication(
        self, info: Info, input: CreatePublicationInput
    ) -> PublicationPayload:
        publication, errors = await _create(info, actions.PUBLICATION, input)
        return PublicationPayload(publication=publication, user_errors=errors)

    @strawberry.mutation(description="Secretariat: correct a publication; only sent fields change.")
    async def update_publication(
        self, info: Info, input: UpdatePublicationInput
    ) -> PublicationPayload:
        publication, errors = await _update(info, actions.PUBLICATION, "Publication", input)
        return PublicationPayload(publication=publication, user_errors=errors)

    @strawberry.mutation(description="Secretariat: record that a publication features a city.")
    async def set_publication_feature(
        self, info: Info, input: SetPublicationFeatureInput
    ) -> PublicationPayload:
        publication, errors = await _associate(
            info,
            actions.FEATURE,
            PublicationRow,
            input,
            publication_id="Publication",
            city_id="City",
        )
        return PublicationPayload(publication=publication, user_errors=errors)

    @strawberry.mutation(description="Secretariat: remove a featured city from a publication.")
    async def remove_publication_feature(
        self, info: Info, input: RemovePublicationFeatureInput
    ) -> PublicationPayload:
        publication, errors = await _associate(
            info,
            actions.FEATURE,
            PublicationRow,
            input,
            remove=True,
            publication_id="Publication",
            city_id="City",
        )
        return PublicationPayload(publication=publication, user_errors=errors)

    @strawberry.mutation(description="Secretariat: add a focal-point contact (private) of a city.")
    async def create_city_contact(
        self, info: Info, input: CreateCityContactInput
    ) -> CityContactPayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> Any:
            rules.require(viewer, actions.CONTACT.rule)
            city_id = pk_of(input.city_id, "City", "cityId")
            await actions.existing(session, CityRow, city_id, "The city", "cityId")
            return await actions.create(
                session,
                actions.CONTACT,
                viewer=viewer,
                changes=_changes(input, exclude={"city_id"}),
                city_id=city_id,
            )

        contact, errors = await run_mutation(info, work)
        return CityContactPayload(contact=contact, user_errors=errors)

    @strawberry.mutation(description="Secretariat: correct a focal-point contact.")
    async def update_city_contact(
        self, info: Info, input: UpdateCityContactInput
    ) -> CityContactPayload:
        contact, errors = await _update(info, actions.CONTACT, "CityContact", input)
        return CityContactPayload(contact=contact, user_errors=errors)

    @strawberry.mutation(description="Secretariat: remove a focal-point contact.")
    async def delete_city_contact(self, info: Info, input: DeleteInput) -> DeletedPayload:
        return await _delete(info, actions.CONTACT, "CityContact", input)

    @strawberry.mutation(
        description="Secretariat: record that an alliance transferred a practice of one of its "
        "cities."
    )
    async def link_alliance_practice(
        self, info: Info, input: AlliancePracticeInput
    ) -> AllianceTransferPayload:
        alliance, errors = await _associate(
            info,
            actions.TRANSFER,
            AllianceRow,
            input,
            check=_transfer,
            alliance_id="Alliance",
            practice_id="Practice",
        )
        return AllianceTransferPayload(alliance=alliance, user_errors=errors)

    @strawberry.mutation(description="Secretariat: unlink a transferred practice.")
    async def unlink_alliance_practice(
        self, info: Info, input: UnlinkAlliancePracticeInput
    ) -> AllianceTransferPayload:
        alliance, errors = await _associate(
            info,
            actions.TRANSFER,
            AllianceRow,
            input,
            remove=True,
            alliance_id="Alliance",
            practice_id="Practice",
        )
        return AllianceTransferPayload(alliance=alliance, user_errors=errors)
