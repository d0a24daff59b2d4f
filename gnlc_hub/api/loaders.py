"""DataLoaders, built per request: each batches one relation into one SQL statement."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, false, select, true
from strawberry.dataloader import DataLoader

from gnlc_hub.alliances.models import Alliance, AllianceMember
from gnlc_hub.alliances.service import visible_alliances
from gnlc_hub.api.context import RequestDb
from gnlc_hub.audit import service as audit
from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.auth.models import ApiToken
from gnlc_hub.auth.roles import Viewer
from gnlc_hub.auth.rules import Action, allows
from gnlc_hub.cities.models import City, CityContact, CityProfile
from gnlc_hub.network.models import (
    Award,
    Cluster,
    ClusterMembership,
    Country,
    Event,
    Publication,
    PublicationFeature,
    Region,
)
from gnlc_hub.practices.models import Practice, PracticeRevision, PracticeTag, Theme
from gnlc_hub.practices.service import visible_practices
from gnlc_hub.practices.tags import PracticeTags
from gnlc_hub.programmes.enrolment import enrolled_counts, visible_enrolments
from gnlc_hub.programmes.models import Enrolment, Programme, ProgrammeHost

if TYPE_CHECKING:
    from gnlc_hub.graphql.places.loaders import PlaceLoaders


def one_by(
    db: RequestDb, column: Any, *conditions: ColumnElement[bool]
) -> DataLoader[Hashable, Any]:
    """Load single rows by a unique column (``None`` where absent or not visible)."""
    entity = column.class_

    async def load(keys: Sequence[Hashable]) -> list[Any]:
        rows = await db.scalars(select(entity).where(column.in_(list(keys)), *conditions))
        found = {getattr(row, column.key): row for row in rows}
        return [found.get(key) for key in keys]

    return DataLoader(load_fn=load)


def many_by(
    db: RequestDb, statement_for: Callable[[list[Any]], Select[Any]]
) -> DataLoader[Hashable, list[Any]]:
    """Load lists per key; ``statement_for(keys)`` selects ``(key, item)`` rows in order."""

    async def load(keys: Sequence[Hashable]) -> list[list[Any]]:
        groups: dict[Hashable, list[Any]] = defaultdict(list)
        for key, item in await db.rows(statement_for(list(keys))):
            groups[key].append(item)
        return [groups.get(key, []) for key in keys]

    return DataLoader(load_fn=load)


class Loaders:
    """Every loader of a request; visibility rules come from the domain services."""

    def __init__(self, db: RequestDb, viewer: Viewer) -> None:
        self.db = db
        self.viewer = viewer

    @cached_property
    def places(self) -> PlaceLoaders:
        """Loaders of the places domain and the network records (gnlc_hub/graphql/places)."""
        from gnlc_hub.graphql.places.loaders import PlaceLoaders

        return PlaceLoaders(self.db, self.viewer)

    # -- single rows by primary key or slug -------------------------------------------------
    @cached_property
    def region(self) -> DataLoader[Hashable, Region | None]:
        return one_by(self.db, Region.id)

    @cached_property
    def country(self) -> DataLoader[Hashable, Country | None]:
        return one_by(self.db, Country.id)

    @cached_property
    def city(self) -> DataLoader[Hashable, City | None]:
        return one_by(self.db, City.id)

    @cached_property
    def city_by_slug(self) -> DataLoader[Hashable, City | None]:
        return one_by(self.db, City.slug)

    @cached_property
    def practice(self) -> DataLoader[Hashable, Practice | None]:
        return one_by(self.db, Practice.id, visible_practices(self.viewer))

    @cached_property
    def practice_by_slug(self) -> DataLoader[Hashable, Practice | None]:
        return one_by(self.db, Practice.slug, visible_practices(self.viewer))

    @cached_property
    def theme(self) -> DataLoader[Hashable, Theme | None]:
        return one_by(self.db, Theme.id)

    @cached_property
    def theme_vocabulary(self) -> DataLoader[None, dict[str, Theme]]:
        """The whole theme vocabulary (a few dozen rows) by slug, read once per request."""

        async def load(keys: Sequence[None]) -> list[dict[str, Theme]]:
            themes = {theme.slug: theme for theme in await self.db.scalars(select(Theme))}
            return [themes for _ in keys]

        return DataLoader(load_fn=load)

    @cached_property
    def alliance(self) -> DataLoader[Hashable, Alliance | None]:
        return one_by(self.db, Alliance.id, visible_alliances(self.viewer))

    @cached_property
    def alliance_by_slug(self) -> DataLoader[Hashable, Alliance | None]:
        return one_by(self.db, Alliance.slug, visible_alliances(self.viewer))

    @cached_property
    def cluster(self) -> DataLoader[Hashable, Cluster | None]:
        return one_by(self.db, Cluster.id)

    @cached_property
    def cluster_by_slug(self) -> DataLoader[Hashable, Cluster | None]:
        return one_by(self.db, Cluster.slug)

    @cached_property
    def event(self) -> DataLoader[Hashable, Event | None]:
        return one_by(self.db, Event.id)

    @cached_property
    def award(self) -> DataLoader[Hashable, Award | None]:
        return one_by(self.db, Award.id)

    @cached_property
    def programme(self) -> DataLoader[Hashable, Programme | None]:
        return one_by(self.db, Programme.id)

    @cached_property
    def programme_by_slug(self) -> DataLoader[Hashable, Programme | None]:
        return one_by(self.db, Programme.slug)

    @cached_property
    def publication(self) -> DataLoader[Hashable, Publication | None]:
        return one_by(self.db, Publication.id)

    @cached_property
    def profile(self) -> DataLoader[Hashable, CityProfile | None]:
        return one_by(self.db, CityProfile.city_id)

    # -- lists per parent -------------------------------------------------------------------
    @cached_property
    def practices_of_city(self) -> DataLoader[Hashable, list[Practice]]:
        return many_by(
            self.db,
            lambda ids: (
                select(Practice.city_id, Practice)
                .where(Practice.city_id.in_(ids), visible_practices(self.viewer))
                .order_by(Practice.sort_title, Practice.id)
            ),
        )

    @cached_property
    def tags_of_practice(self) -> DataLoader[Hashable, PracticeTags]:
        async def load(ids: Sequence[Hashable]) -> list[PracticeTags]:
            statement = select(PracticeTag.practice_id, PracticeTag.facet, PracticeTag.value)
            grouped: dict[Hashable, list[tuple[Any, str]]] = defaultdict(list)
            for practice_id, facet, value in await self.db.rows(
                statement.where(PracticeTag.practice_id.in_(list(ids)))
            ):
                grouped[practice_id].append((facet, value))
            return [PracticeTags.from_rows(grouped.get(i, [])) for i in ids]

        return DataLoader(load_fn=load)

    @cached_property
    def alliances_of_city(self) -> DataLoader[Hashable, list[Alliance]]:
        return many_by(
            self.db,
            lambda ids: (
                select(AllianceMember.city_id, Alliance)
                .join(Alliance, Alliance.id == AllianceMember.alliance_id)
                .where(AllianceMember.city_id.in_(ids), visible_alliances(self.viewer))
                .order_by(Alliance.name, Alliance.id)
            ),
        )

    @cached_property
    def members_of_alliance(self) -> DataLoader[Hashable, list[AllianceMember]]:
        return many_by(
            self.db,
            lambda ids: (
                select(AllianceMember.alliance_id, AllianceMember)
                .where(AllianceMember.alliance_id.in_(ids))
                .order_by(AllianceMember.id)
            ),
        )

    @cached_property
    def memberships_of_city(self) -> DataLoader[Hashable, list[ClusterMembership]]:
        return many_by(
            self.db,
            lambda ids: (
                select(ClusterMembership.city_id, ClusterMembership)
                .where(ClusterMembership.city_id.in_(ids))
                .order_by(ClusterMembership.id)
            ),
        )

    @cached_property
    def memberships_of_cluster(self) -> DataLoader[Hashable, list[ClusterMembership]]:
        return many_by(
            self.db,
            lambda ids: (
                select(ClusterMembership.cluster_id, ClusterMembership)
                .where(ClusterMembership.cluster_id.in_(ids))
                .order_by(ClusterMembership.role, ClusterMembership.id)
            ),
        )

    @cached_property
    def awards_of_city(self) -> DataLoader[Hashable, list[Award]]:
        return many_by(
            self.db,
            lambda ids: (
                select(Award.city_id, Award).where(Award.city_id.in_(ids)).order_by(Award.year)
            ),
        )

    @cached_property
    def events_of_city(self) -> DataLoader[Hashable, list[Event]]:
        return many_by(
            self.db,
            lambda ids: (
                select(Event.city_id, Event)
                .where(Event.city_id.in_(ids))
                .order_by(Event.starts_on, Event.id)
            ),
        )

    @cached_property
    def hosts_of_programme(self) -> DataLoader[Hashable, list[City]]:
        return many_by(
            self.db,
            lambda ids: (
                select(ProgrammeHost.programme_id, City)
                .join(City, City.id == ProgrammeHost.city_id)
                .where(ProgrammeHost.programme_id.in_(ids))
                .order_by(City.sort_name)
            ),
        )

    @cached_property
    def programmes_of_city(self) -> DataLoader[Hashable, list[Programme]]:
        return many_by(
            self.db,
            lambda ids: (
                select(ProgrammeHost.city_id, Programme)
                .join(Programme, Programme.id == ProgrammeHost.programme_id)
                .where(ProgrammeHost.city_id.in_(ids))
                .order_by(Programme.starts_on, Programme.id)
            ),
        )

    @cached_property
    def features_of_city(self) -> DataLoader[Hashable, list[PublicationFeature]]:
        return many_by(
            self.db,
            lambda ids: (
                select(PublicationFeature.city_id, PublicationFeature)
                .where(PublicationFeature.city_id.in_(ids))
                .order_by(PublicationFeature.id)
            ),
        )

    @cached_property
    def features_of_publication(self) -> DataLoader[Hashable, list[PublicationFeature]]:
        return many_by(
            self.db,
            lambda ids: (
                select(PublicationFeature.publication_id, PublicationFeature)
                .where(PublicationFeature.publication_id.in_(ids))
                .order_by(PublicationFeature.id)
            ),
        )

    @cached_property
    def contacts_of_city(self) -> DataLoader[Hashable, list[CityContact]]:
        return many_by(
            self.db,
            lambda ids: (
                select(CityContact.city_id, CityContact)
                .where(CityContact.city_id.in_(ids))
                .order_by(CityContact.id)
            ),
        )

    # -- enrolments (who takes part is private; how many seats are taken is not) -------------
    @cached_property
    def enrolment(self) -> DataLoader[Hashable, Enrolment | None]:
        return one_by(self.db, Enrolment.id, visible_enrolments(self.viewer))

    @cached_property
    def enrolments_of_programme(self) -> DataLoader[Hashable, list[Enrolment]]:
        return many_by(
            self.db,
            lambda ids: (
                select(Enrolment.programme_id, Enrolment)
                .where(Enrolment.programme_id.in_(ids), visible_enrolments(self.viewer))
                .order_by(Enrolment.enrolled_at, Enrolment.id)
            ),
        )

    @cached_property
    def enrolments_of_city(self) -> DataLoader[Hashable, list[Enrolment]]:
        return many_by(
            self.db,
            lambda ids: (
                select(Enrolment.city_id, Enrolment)
                .where(Enrolment.city_id.in_(ids), visible_enrolments(self.viewer))
                .order_by(Enrolment.enrolled_at, Enrolment.id)
            ),
        )

    @cached_property
    def seats_taken(self) -> DataLoader[Hashable, int]:
        async def load(ids: Sequence[Hashable]) -> list[int]:
            counts = dict(await self.db.rows(enrolled_counts(list(ids))))
            return [int(counts.get(programme_id, 0)) for programme_id in ids]

        return DataLoader(load_fn=load)

    # -- the audit trail (readable by the secretariat only: see `auth.permissions`) ----------
    @cached_property
    def _histories(self) -> dict[str, DataLoader[Hashable, list[AuditEvent]]]:
        return {}

    def history_of(self, entity_type: str) -> DataLoader[Hashable, list[AuditEvent]]:
        """Audit events per object of one type (`practice`, `city`…), oldest first."""
        if entity_type not in self._histories:
            self._histories[entity_type] = many_by(
                self.db, lambda ids: audit.events_of(entity_type, ids)
            )
        return self._histories[entity_type]

    @cached_property
    def revisions_of_practice(self) -> DataLoader[Hashable, list[PracticeRevision]]:
        return many_by(
            self.db,
            lambda ids: (
                select(PracticeRevision.practice_id, PracticeRevision)
                .where(PracticeRevision.practice_id.in_(ids))
                .order_by(PracticeRevision.version)
            ),
        )

    @cached_property
    def api_token(self) -> DataLoader[Hashable, ApiToken | None]:
        """Tokens are for admins' eyes only, including through `node`."""
        admin = allows(self.viewer, Action.MANAGE_TOKENS)
        return one_by(self.db, ApiToken.id, true() if admin else false())
