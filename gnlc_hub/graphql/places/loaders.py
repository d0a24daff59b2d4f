"""DataLoaders of the places domain (and of the network records it reads), built per request."""

from __future__ import annotations

from collections.abc import Hashable
from functools import cached_property

from sqlalchemy import select
from strawberry.dataloader import DataLoader

from gnlc_hub.alliances.models import AlliancePractice
from gnlc_hub.api.context import RequestDb
from gnlc_hub.api.loaders import many_by, one_by
from gnlc_hub.auth.roles import Viewer
from gnlc_hub.network.models import EventEdition
from gnlc_hub.places.models import LearningPlace, PlacePractice, PlaceProgramme
from gnlc_hub.places.queries import PLACE_SORT_KEY
from gnlc_hub.practices.models import Practice
from gnlc_hub.practices.service import visible_practices
from gnlc_hub.programmes.models import Programme


class PlaceLoaders:
    def __init__(self, db: RequestDb, viewer: Viewer) -> None:
        self.db = db
        self.viewer = viewer

    @cached_property
    def place(self) -> DataLoader[Hashable, LearningPlace | None]:
        return one_by(self.db, LearningPlace.id)

    @cached_property
    def place_by_slug(self) -> DataLoader[Hashable, LearningPlace | None]:
        return one_by(self.db, LearningPlace.slug)

    @cached_property
    def places_of_city(self) -> DataLoader[Hashable, list[LearningPlace]]:
        return many_by(
            self.db,
            lambda ids: (
                select(LearningPlace.city_id, LearningPlace)
                .where(LearningPlace.city_id.in_(ids))
                .order_by(*PLACE_SORT_KEY)
            ),
        )

    @cached_property
    def practices_of_place(self) -> DataLoader[Hashable, list[Practice]]:
        return many_by(
            self.db,
            lambda ids: (
                select(PlacePractice.place_id, Practice)
                .join(Practice, Practice.id == PlacePractice.practice_id)
                .where(PlacePractice.place_id.in_(ids), visible_practices(self.viewer))
                .order_by(Practice.sort_title, Practice.id)
            ),
        )

    @cached_property
    def programmes_of_place(self) -> DataLoader[Hashable, list[Programme]]:
        return many_by(
            self.db,
            lambda ids: (
                select(PlaceProgramme.place_id, Programme)
                .join(Programme, Programme.id == PlaceProgramme.programme_id)
                .where(PlaceProgramme.place_id.in_(ids))
                .order_by(Programme.sort_title, Programme.id)
            ),
        )

    @cached_property
    def places_of_practice(self) -> DataLoader[Hashable, list[LearningPlace]]:
        return many_by(
            self.db,
            lambda ids: (
                select(PlacePractice.practice_id, LearningPlace)
                .join(LearningPlace, LearningPlace.id == PlacePractice.place_id)
                .where(PlacePractice.practice_id.in_(ids))
                .order_by(*PLACE_SORT_KEY)
            ),
        )

    @cached_property
    def editions_of_event(self) -> DataLoader[Hashable, list[EventEdition]]:
        return many_by(
            self.db,
            lambda ids: (
                select(EventEdition.event_id, EventEdition)
                .where(EventEdition.event_id.in_(ids))
                .order_by(EventEdition.year, EventEdition.id)
            ),
        )

    @cached_property
    def practices_of_alliance(self) -> DataLoader[Hashable, list[Practice]]:
        return many_by(
            self.db,
            lambda ids: (
                select(AlliancePractice.alliance_id, Practice)
                .join(Practice, Practice.id == AlliancePractice.practice_id)
                .where(AlliancePractice.alliance_id.in_(ids), visible_practices(self.viewer))
                .order_by(Practice.sort_title, Practice.id)
            ),
        )
