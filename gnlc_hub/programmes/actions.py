"""The secretariat's programme catalogue: adding capacity-building programmes and editing them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit import actions as audit
from gnlc_hub.auth.rules import Action, require
from gnlc_hub.cities.models import City
from gnlc_hub.core import clock, validation
from gnlc_hub.core.errors import ErrorCode, Problem
from gnlc_hub.core.locking import check_version, flush, locked
from gnlc_hub.core.slugs import fold, free_slug, slugify
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.programmes.enums import EnrolmentStatus, Modality
from gnlc_hub.programmes.models import Enrolment, Programme, ProgrammeHost

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


async def _problems(
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


def _add_hosts(session: AsyncSession, programme_id: int, city_ids: Sequence[int]) -> None:
    session.add_all(ProgrammeHost(programme_id=programme_id, city_id=cid) for cid in city_ids)


async def _set_hosts(session: AsyncSession, programme_id: int, city_ids: Sequence[int]) -> None:
    await session.execute(delete(ProgrammeHost).where(ProgrammeHost.programme_id == programme_id))
    _add_hosts(session, programme_id, city_ids)


async def _hosts_of(session: AsyncSession, programme_id: int) -> list[int]:
    statement = select(ProgrammeHost.city_id).where(ProgrammeHost.programme_id == programme_id)
    return sorted(await session.scalars(statement))


def _snapshot(programme: Programme, host_city_ids: Sequence[int]) -> audit.Snapshot:
    return audit.snapshot(programme, host_city_ids=sorted(host_city_ids))


def _normalised(changes: Mapping[str, Any]) -> dict[str, Any]:
    return validation.normalise(changes, editable=FIELDS, required=REQUIRED, lists=LISTS)


def _typed(values: Mapping[str, Any]) -> dict[str, Any]:
    """Validated input as column values (the deadline arrives as ISO text)."""
    deadline = values.get("enrolment_deadline")
    if deadline is None:
        return dict(values)
    return {**values, "enrolment_deadline": date.fromisoformat(deadline)}


async def create_programme(
    session: AsyncSession, *, viewer: Viewer, slug: str | None, changes: Mapping[str, Any]
) -> Programme:
    """Add a programme to the catalogue."""
    require(viewer, Action.CREATE_PROGRAMME)
    values = _normalised(changes)
    problems = await _problems(session, values, current=None)
    derived = slugify(values.get("title") or "")
    problems += await validation.new_slug(
        session, Programme.slug, slug, derived=derived, source="title", earlier=problems
    )
    validation.ensure(problems)
    values = _typed(values)
    columns = {name: values.get(name) for name in COLUMNS}
    columns["themes"] = list(values.get("themes") or ())
    programme = Programme(
        slug=slug or await free_slug(session, Programme.slug, derived, max_length=SLUG_MAX),
        sort_title=fold(values["title"]),
        is_example=False,
        **columns,
    )
    session.add(programme)
    await flush(session)
    hosts = values.get("host_city_ids") or []
    _add_hosts(session, programme.id, hosts)
    await audit.record(
        session, viewer, "programme.create", programme, None, _snapshot(programme, hosts)
    )
    await flush(session)
    return programme


async def update_programme(
    session: AsyncSession,
    *,
    viewer: Viewer,
    programme_id: int,
    version: int,
    changes: Mapping[str, Any],
) -> Programme:
    """Edit a programme; absent fields stay as they are."""
    require(viewer, Action.UPDATE_PROGRAMME)
    programme = await locked(session, Programme, programme_id, "The programme")
    check_version(programme, version, "The programme")
    values = _normalised(changes)
    validation.ensure(await _problems(session, values, current=programme))
    values = _typed(values)

    hosts = await _hosts_of(session, programme.id)
    new_hosts = sorted(set(values.get("host_city_ids", hosts)))
    before = _snapshot(programme, hosts)
    for name in COLUMNS:
        if name in values:
            setattr(programme, name, values[name])
    programme.sort_title = fold(programme.title)
    after = _snapshot(programme, new_hosts)
    if before == after:
        return programme
    programme.updated_at = clock.now()
    if new_hosts != hosts:
        await _set_hosts(session, programme.id, new_hosts)
    await flush(session)
    await audit.record(session, viewer, "programme.update", programme, before, after)
    await flush(session)
    return programme
