"""The events calendar (`/events.ics`): conferences, festivals and their yearly editions as
iCalendar (RFC 5545) all-day events, built with the `icalendar` library."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub import __version__
from gnlc_hub.cities.models import City
from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.feeds.params import Reader
from gnlc_hub.network.enums import EventKind
from gnlc_hub.network.models import Country, EventEdition, Region
from gnlc_hub.network.models import Event as EventRow
from gnlc_hub.network.queries import EventCriteria, select_events

PARAMETERS = frozenset({"kind", "region", "city", "includeExamples"})
UID_DOMAIN = "gnlc-hub"


def _day(value: str | None) -> date | None:
    """Only full dates become calendar entries: a year or a month is not a day to put in one."""
    if value is None or len(value) != 10:
        return None
    return date.fromisoformat(value)


def _entry(
    uid: str,
    summary: str,
    start: date,
    end: date | None,
    description: str | None,
    location: str | None,
    url: str | None,
) -> Event:
    entry = Event()
    entry.add("uid", f"{uid}@{UID_DOMAIN}")
    entry.add("summary", summary)
    entry.add("dtstart", start)
    # DTEND of an all-day event is exclusive: the day after the last day.
    entry.add("dtend", (end or start) + timedelta(days=1))
    # DTSTAMP must be a UTC date-time; derived from the data so the feed is reproducible.
    entry.add("dtstamp", datetime.combine(start, time(0), UTC))
    if description:
        entry.add("description", description)
    if location:
        entry.add("location", location)
    if url:
        entry.add("url", url)
    return entry


async def events_calendar(session: AsyncSession, reader: Reader) -> bytes:
    kinds = reader.members("kind", EventKind)
    regions = reader.members("region", RegionCode)
    cities = reader.strings("city")
    include_examples = reader.flag("includeExamples", True)
    reader.done()
    statement = select_events(EventCriteria(kinds=kinds, cities=cities)).order_by(
        EventRow.starts_on, EventRow.id
    )
    if regions:
        statement = (
            statement.join(City, City.id == EventRow.city_id)
            .join(Country, Country.id == City.country_id)
            .join(Region, Region.id == Country.region_id)
            .where(Region.code.in_(regions))
        )
    if not include_examples:
        statement = statement.where(EventRow.is_example.is_(False))
    events = list(await session.scalars(statement))
    ids = [event.id for event in events]
    editions: dict[int, list[EventEdition]] = defaultdict(list)
    for edition in await session.scalars(
        select(EventEdition).where(EventEdition.event_id.in_(ids)).order_by(EventEdition.year)
    ):
        editions[edition.event_id].append(edition)
    hosts = {event.city_id for event in events if event.city_id}
    city_names = dict(
        (await session.execute(select(City.id, City.name).where(City.id.in_(hosts)))).all()
    )
    calendar = Calendar()
    calendar.add("prodid", f"-//GNLC Hub {__version__}//Learning city events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "UNESCO GNLC: conferences and learning festivals")
    for event in events:
        location = city_names.get(event.city_id) if event.city_id else None
        start = _day(event.starts_on)
        if start is not None:
            calendar.add_component(
                _entry(
                    event.slug,
                    event.name,
                    start,
                    _day(event.ends_on),
                    event.summary,
                    location,
                    event.source_url,
                )
            )
        for edition in editions[event.id]:
            first = _day(edition.starts_on)
            if first is None or first == start:
                continue
            calendar.add_component(
                _entry(
                    f"{event.slug}-{edition.year}",
                    f"{event.name} {edition.year}",
                    first,
                    _day(edition.ends_on),
                    edition.summary or event.summary,
                    location,
                    edition.source_url or event.source_url,
                )
            )
    return calendar.to_ical()
