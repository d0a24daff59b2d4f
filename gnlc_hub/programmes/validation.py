"""Rules for a programme's fields, hosts and seats."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.cities.models import City
from gnlc_hub.core import validation
from gnlc_hub.core.errors import ErrorCode, Problem
from gnlc_hub.programmes.enums import EnrolmentStatus, Modality
from gnlc_hub.programmes.models import Enrolment, Programme

SLUG_MAX = 160


TITLE_MAX = 300


ORGANIZER_MAX = 300


AUDIENCE_MAX = 1000


SUMMARY_MAX = 4000


THEMES_MAX = 20


THEME_MAX = 120


SEATS_MAX = 100_000


HOSTS_MAX = 50


COLUMNS = (
    "title",
    "organizer",
    "modality",
    "starts_on",
    "ends_on",
    "audience",
    "themes",
    "summary",
    "source_url",
    "seats",
    "enrolment_deadline",
)


FIELDS = frozenset((*COLUMNS, "host_city_ids"))


REQUIRED = frozenset({"title", "modality"})


LISTS = frozenset({"themes", "host_city_ids"})


async def programme_problems(
    session: AsyncSession,
    values: Mapping[str, Any],
    *,
    current: Programme | None,
) -> list[Problem]:
    """Every problem of ``values`` for ``current`` (a new programme when None)."""
    names = set(values) | (REQUIRED if current is None else set())
    problems: list[Problem] = []
    for name in sorted(names):
        value = values.get(name)
        field = validation.camel(name)
        match name:
            case "title":
                problems += validation.text(value, field, required=True, max_length=TITLE_MAX)
            case "organizer":
                problems += validation.text(value, field, max_length=ORGANIZER_MAX)
            case "audience":
                problems += validation.text(value, field, max_length=AUDIENCE_MAX)
            case "summary":
                problems += validation.text(value, field, max_length=SUMMARY_MAX)
            case "modality":
                if value is None:
                    problems.append(
                        Problem(f"{field} is required.", ErrorCode.REQUIRED, validation.path(field))
                    )
                else:
                    problems += validation.members([value], Modality, field)
            case "starts_on" | "ends_on":
                problems += validation.partial_date(value, field)
            case "enrolment_deadline":
                problems += validation.full_date(value, field)
            case "themes":
                problems += validation.strings(
                    value, field, max_items=THEMES_MAX, max_length=THEME_MAX
                )
            case "source_url":
                problems += validation.url(value, field)
            case "seats":
                problems += validation.int_range(value, field, minimum=1, maximum=SEATS_MAX)
            case "host_city_ids":
                problems += await _host_problems(session, value)
    if not problems:
        starts = values.get("starts_on", current.starts_on if current else None)
        ends = values.get("ends_on", current.ends_on if current else None)
        problems += validation.not_before(starts, ends, "endsOn")
    if not problems and current is not None and values.get("seats") is not None:
        problems += await _seat_problems(session, current, values["seats"])
    return problems


async def _host_problems(session: AsyncSession, city_ids: Sequence[int]) -> list[Problem]:
    where = validation.path("hostCityIds")
    if len(city_ids) > HOSTS_MAX:
        return [Problem(f"hostCityIds takes at most {HOSTS_MAX} cities.", field=where)]
    found = set(await session.scalars(select(City.id).where(City.id.in_(list(city_ids)))))
    if len(found) < len(set(city_ids)):
        return [Problem("Some host cities do not exist.", ErrorCode.NOT_FOUND, where)]
    return []


async def _seat_problems(session: AsyncSession, programme: Programme, seats: int) -> list[Problem]:
    taken = await session.scalar(
        select(func.count()).where(
            Enrolment.programme_id == programme.id,
            Enrolment.status == EnrolmentStatus.ENROLLED,
        )
    )
    if taken and seats < taken:
        return [
            Problem(
                f"{taken} cities are already enrolled: seats cannot be fewer.",
                field=validation.path("seats"),
            )
        ]
    return []
