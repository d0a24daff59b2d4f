"""Programmes, their host cities, seat counts and (private) enrolments."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from gnlc_hub.cities.models import City
from gnlc_hub.graphql.core.loaders import LoaderGroup, batched, many, one
from gnlc_hub.programmes import models
from gnlc_hub.programmes.queries import enrolled_counts, visible_enrolments


async def _seats_taken(group: LoaderGroup, ids: Sequence[Hashable]) -> list[int]:
    counts = dict(await group.db.rows(enrolled_counts(list(ids))))  # type: ignore[arg-type]
    return [int(counts.get(programme_id, 0)) for programme_id in ids]


class ProgrammeLoaders(LoaderGroup):
    programme = one(models.Programme.id)
    programme_by_slug = one(models.Programme.slug)
    hosts_of_programme = many(
        models.ProgrammeHost.programme_id,
        item=City,
        on=City.id == models.ProgrammeHost.city_id,
        order=[City.sort_name],
    )
    programmes_of_city = many(
        models.ProgrammeHost.city_id,
        item=models.Programme,
        on=models.Programme.id == models.ProgrammeHost.programme_id,
        order=[models.Programme.starts_on, models.Programme.id],
    )
    seats_taken = batched(_seats_taken)
    enrolment = one(models.Enrolment.id, visible=visible_enrolments)
    enrolments_of_programme = many(
        models.Enrolment.programme_id,
        order=[models.Enrolment.enrolled_at, models.Enrolment.id],
        visible=visible_enrolments,
    )
    enrolments_of_city = many(
        models.Enrolment.city_id,
        order=[models.Enrolment.enrolled_at, models.Enrolment.id],
        visible=visible_enrolments,
    )
