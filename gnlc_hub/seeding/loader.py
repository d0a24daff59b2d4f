"""Upserts every seed file on its natural key, so running the seed twice changes nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.alliances.enums import AllianceKind, AllianceStatus, MemberResponse
from gnlc_hub.alliances.models import Alliance, AllianceMember
from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.core.slugs import fold
from gnlc_hub.core.vocabularies import REGION_NAMES, RegionCode
from gnlc_hub.monitoring.seeds import seed_monitoring
from gnlc_hub.network.enums import ClusterRole, EventFrequency, EventKind
from gnlc_hub.network.models import (
    Award,
    Cluster,
    ClusterMembership,
    Country,
    Event,
    EventEdition,
    Publication,
    PublicationFeature,
    Region,
)
from gnlc_hub.places.enums import PlaceKind
from gnlc_hub.places.links import LINKS_FILE, LinkError, parse_links
from gnlc_hub.places.models import LearningPlace, PlacePractice
from gnlc_hub.places.profiles import ProfileReport, apply_open_data
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice, Theme
from gnlc_hub.practices.tags import PracticeTags, replace_tags
from gnlc_hub.programmes.enums import Modality
from gnlc_hub.programmes.models import Programme, ProgrammeHost
from gnlc_hub.seeding.files import (
    SEEDS_DIR,
    SeedError,
    read_csv,
    read_practice_files,
    read_toml_tables,
)
from gnlc_hub.seeding.upsert import Upserter


@dataclass
class SeedReport:
    counts: dict[str, int] = field(default_factory=dict)
    # Which member cities open data located, and why the others are not (seeds/README.md).
    profiles: ProfileReport | None = None

    def add(self, name: str, count: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + count


def _source(value: str | None) -> dict[str, str | None]:
    """A source is either a public address or, for print-only publications, a citation."""
    if value and not value.startswith(("http://", "https://")):
        return {"source_url": None, "source_citation": value}
    return {"source_url": value, "source_citation": None}


def _year(value: str) -> int | None:
    return int(value) if value else None


def _published_at(row: dict[str, Any]) -> datetime | None:
    """The publication date the source gives (``published_on``), never the seeding time."""
    value = row.get("published_on")
    if value is None:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class SeedLoader:
    """Loads ``seeds/`` into one session; the caller owns the transaction."""

    def __init__(self, session: AsyncSession, seeds_dir: Path = SEEDS_DIR) -> None:
        self.session = session
        self.dir = seeds_dir
        self.report = SeedReport()
        self.cities: dict[str, City] = {}

    def city(self, slug: str, where: str) -> City:
        try:
            return self.cities[slug]
        except KeyError:
            raise SeedError(f"{where}: unknown city slug {slug!r}") from None

    async def run(self, *, examples: bool = True) -> SeedReport:
        await self._regions_and_countries()
        await self._cities()
        await self._awards()
        await self._themes()
        await self._practices(read_practice_files(self.dir / "practices"), example=False)
        await self._events(read_toml_tables(self.dir / "events.toml", "event"), example=False)
        await self._clusters(read_toml_tables(self.dir / "clusters.toml", "cluster"))
        await self._alliances(
            read_toml_tables(self.dir / "alliances.toml", "alliance"), example=False
        )
        await self._programmes(
            read_toml_tables(self.dir / "programmes.toml", "programme"), example=False
        )
        await self._publications()
        await self._places(read_toml_tables(self.dir / "places.toml", "place"), example=False)
        await seed_monitoring(self, examples=examples)
        if examples:
            examples_dir = self.dir / "examples"
            await self._alliances(
                read_toml_tables(examples_dir / "alliances.toml", "alliance"), example=True
            )
            await self._programmes(
                read_toml_tables(examples_dir / "programmes.toml", "programme"), example=True
            )
            await self._places(
                read_toml_tables(examples_dir / "places.toml", "place"), example=True
            )
        await self.session.flush()
        return self.report

    async def _regions_and_countries(self) -> None:
        regions = await Upserter(Region, "code").load(self.session)
        for code in RegionCode:
            regions.upsert(self.session, code, name=REGION_NAMES[code])
        await self.session.flush()
        countries = await Upserter(Country, "iso2").load(self.session)
        for row in read_csv(self.dir / "countries.csv"):
            region = regions.rows[RegionCode(row["region"])]
            countries.upsert(
                self.session,
                row["iso2"],
                name=row["name"],
                sort_name=fold(row["name"]),
                region_id=region.id,
            )
        await self.session.flush()
        self.countries = countries.rows
        self.report.add("regions", len(regions.rows))
        self.report.add("countries", len(countries.rows))

    async def _cities(self) -> None:
        cities = await Upserter(City, "slug").load(self.session)
        for row in read_csv(self.dir / "cities.csv"):
            country = self.countries.get(row["country"])
            if country is None:
                raise SeedError(f"cities.csv {row['slug']}: unknown country {row['country']!r}")
            cities.upsert(
                self.session,
                row["slug"],
                name=row["name"],
                sort_name=fold(row["name"]),
                country_id=country.id,
                admitted_year=_year(row["admitted_year"]),
                source_url=row["source_url"] or None,
                is_example=False,
            )
        await self.session.flush()
        self.cities = cities.rows
        profiles = await Upserter(CityProfile, "city_id").load(self.session)
        for city in self.cities.values():
            if city.id not in profiles.rows:
                profiles.upsert(self.session, city.id, languages=[], priorities=[], sources={})
        iso2 = {country.id: code for code, country in self.countries.items()}
        try:
            links = parse_links(read_csv(self.dir / LINKS_FILE))
            self.report.profiles = apply_open_data(self.cities.values(), iso2, profiles.rows, links)
        except LinkError as error:
            raise SeedError(str(error)) from None
        self.report.add("cities", len(self.cities))
        self.report.add("cities located", len(self.report.profiles.located))

    async def _awards(self) -> None:
        awards = await Upserter(Award, ("city_id", "year")).load(self.session)
        rows = read_csv(self.dir / "awards.csv")
        for row in rows:
            city = self.city(row["city"], "awards.csv")
            awards.upsert(self.session, (city.id, int(row["year"])), source_url=row["source_url"])
        self.report.add("awards", len(rows))

    async def _themes(self) -> None:
        themes = await Upserter(Theme, "slug").load(self.session)
        for row in read_toml_tables(self.dir / "themes.toml", "theme"):
            themes.upsert(
                self.session,
                row["slug"],
                name=row["name"],
                description=row.get("description"),
                synonyms=list(row.get("synonyms", [])),
            )
        self.themes = set(themes.rows)
        self.report.add("themes", len(themes.rows))

    async def _practices(self, rows: Iterable[dict[str, Any]], *, example: bool) -> None:
        practices = await Upserter(Practice, "slug").load(self.session)
        count = 0
        for row in rows:
            where = f"practice {row['slug']}"
            city = self.city(row["city"], where)
            unknown = set(row.get("themes", [])) - self.themes
            if unknown:
                raise SeedError(f"{where}: unknown themes {sorted(unknown)}")
            practice = practices.upsert(
                self.session,
                row["slug"],
                city_id=city.id,
                title=row["title"],
                sort_title=fold(row["title"]),
                summary=row["summary"].strip(),
                body=row["body"].strip(),
                period=row.get("period"),
                year_start=row.get("year_start"),
                year_end=row.get("year_end"),
                language=row.get("language", "en"),
                keywords=list(row.get("keywords", [])),
                **_source(row.get("source_url")),
                status=PracticeStatus.PUBLISHED,
                is_example=example,
            )
            practice.published_at = _published_at(row)
            await self.session.flush()
            tags = PracticeTags.from_seed(row)
            await replace_tags(self.session, practice.id, tags)
            count += 1
        self.report.add("practices", count)

    async def _events(self, rows: Iterable[dict[str, Any]], *, example: bool) -> None:
        events = await Upserter(Event, "slug").load(self.session)
        editions = await Upserter(EventEdition, ("event_id", "year")).load(self.session)
        count = 0
        for row in rows:
            city = self.city(row["city"], f"event {row['slug']}") if row.get("city") else None
            frequency = row.get("frequency")
            event = events.upsert(
                self.session,
                row["slug"],
                kind=EventKind(row["kind"]),
                name=row["name"],
                edition=row.get("edition"),
                city_id=city.id if city else None,
                starts_on=row.get("starts_on"),
                ends_on=row.get("ends_on"),
                theme=row.get("theme"),
                frequency=EventFrequency(frequency) if frequency else None,
                typical_months=row.get("typical_months"),
                summary=row.get("summary"),
                source_url=row.get("source_url"),
                is_example=example,
            )
            await self.session.flush()
            for edition in row.get("held", []):
                editions.upsert(
                    self.session,
                    (event.id, edition["year"]),
                    starts_on=edition.get("starts_on"),
                    ends_on=edition.get("ends_on"),
                    summary=edition.get("summary"),
                    source_url=edition.get("source_url", row.get("source_url")),
                    is_example=example,
                )
            count += 1
        self.report.add("events", count)

    async def _clusters(self, rows: Iterable[dict[str, Any]]) -> None:
        clusters = await Upserter(Cluster, "slug").load(self.session)
        memberships = await Upserter(ClusterMembership, ("cluster_id", "city_id")).load(
            self.session
        )
        count = members = 0
        for row in rows:
            cluster = clusters.upsert(
                self.session,
                row["slug"],
                name=row["name"],
                summary=row.get("summary"),
                source_url=row.get("source_url"),
                is_example=False,
            )
            await self.session.flush()
            count += 1
            for member in row.get("member", []):
                city = self.city(member["city"], f"cluster {row['slug']}")
                memberships.upsert(
                    self.session,
                    (cluster.id, city.id),
                    role=ClusterRole(member["role"]),
                    note=member.get("note"),
                    source_url=member.get("source_url"),
                )
                members += 1
        self.report.add("clusters", count)
        self.report.add("cluster memberships", members)

    async def _alliances(self, rows: Iterable[dict[str, Any]], *, example: bool) -> None:
        alliances = await Upserter(Alliance, "slug").load(self.session)
        count = 0
        for row in rows:
            where = f"alliance {row['slug']}"
            cities = [self.city(slug, where) for slug in row["cities"]]
            status = AllianceStatus(row["status"])
            proposer = self.city(row["proposed_by"], where) if row.get("proposed_by") else None
            alliance = alliances.upsert(
                self.session,
                row["slug"],
                name=row["name"],
                kind=AllianceKind(row["kind"]),
                status=status,
                status_confirmed=bool(row.get("status_confirmed", True)),
                started_on=row.get("started_on"),
                ended_on=row.get("ended_on"),
                themes=list(row.get("themes", [])),
                summary=row.get("summary"),
                source_url=row.get("source_url"),
                is_example=example,
                proposed_by_city_id=proposer.id if proposer else None,
            )
            await self.session.flush()
            await self.session.execute(
                delete(AllianceMember).where(AllianceMember.alliance_id == alliance.id)
            )
            for city in cities:
                self.session.add(
                    AllianceMember(
                        alliance_id=alliance.id,
                        city_id=city.id,
                        response=_seeded_response(status, city, proposer),
                    )
                )
            count += 1
        self.report.add("alliances", count)

    async def _programmes(self, rows: Iterable[dict[str, Any]], *, example: bool) -> None:
        programmes = await Upserter(Programme, "slug").load(self.session)
        count = 0
        for row in rows:
            where = f"programme {row['slug']}"
            hosts = [self.city(slug, where) for slug in row.get("cities", [])]
            programme = programmes.upsert(
                self.session,
                row["slug"],
                title=row["title"],
                sort_title=fold(row["title"]),
                organizer=row.get("organizer"),
                modality=Modality(row["modality"]),
                starts_on=row.get("starts_on"),
                ends_on=row.get("ends_on"),
                audience=row.get("audience"),
                themes=list(row.get("themes", [])),
                summary=row.get("summary"),
                source_url=row.get("source_url"),
                seats=row.get("seats"),
                enrolment_deadline=row.get("enrolment_deadline"),
                is_example=example,
            )
            await self.session.flush()
            await self.session.execute(
                delete(ProgrammeHost).where(ProgrammeHost.programme_id == programme.id)
            )
            for city in hosts:
                self.session.add(ProgrammeHost(programme_id=programme.id, city_id=city.id))
            count += 1
        self.report.add("programmes", count)

    async def _publications(self) -> None:
        publications = await Upserter(Publication, "slug").load(self.session)
        features = await Upserter(PublicationFeature, ("publication_id", "city_id")).load(
            self.session
        )
        count = 0
        for row in read_toml_tables(self.dir / "publications.toml", "publication"):
            publication = publications.upsert(
                self.session,
                row["slug"],
                title=row["title"],
                publisher=row.get("publisher"),
                year=row.get("year"),
                source_url=row.get("source_url"),
            )
            await self.session.flush()
            for feature in row.get("feature", []):
                city = self.city(feature["city"], f"publication {row['slug']}")
                features.upsert(
                    self.session,
                    (publication.id, city.id),
                    note=feature.get("note"),
                    source_url=feature.get("source_url"),
                )
            count += 1
        self.report.add("publications", count)

    async def _places(self, rows: Iterable[dict[str, Any]], *, example: bool) -> None:
        places = await Upserter(LearningPlace, "slug").load(self.session)
        links = await Upserter(PlacePractice, ("place_id", "practice_id")).load(self.session)
        practice_ids = dict((await self.session.execute(select(Practice.slug, Practice.id))).all())
        count = 0
        for row in rows:
            where = f"place {row['slug']}"
            city = self.city(row["city"], where)
            place = places.upsert(
                self.session,
                row["slug"],
                city_id=city.id,
                kind=PlaceKind(row["kind"]),
                name=row["name"],
                address=row.get("address"),
                latitude=row.get("latitude"),
                longitude=row.get("longitude"),
                target_groups=list(row.get("target_groups", [])),
                languages=list(row.get("languages", [])),
                opening=row.get("opening"),
                summary=row.get("summary"),
                website=row.get("website"),
                source_url=row.get("source_url"),
                is_example=example,
            )
            await self.session.flush()
            for slug in row.get("practices", []):
                if slug not in practice_ids:
                    raise SeedError(f"{where}: unknown practice {slug!r}")
                links.upsert(self.session, (place.id, practice_ids[slug]))
            count += 1
        self.report.add("example places" if example else "places", count)


def _seeded_response(status: AllianceStatus, city: City, proposer: City | None) -> MemberResponse:
    if proposer is not None and city.id == proposer.id:
        return MemberResponse.PROPOSER
    if status is AllianceStatus.PROPOSED:
        return MemberResponse.PENDING
    if status is AllianceStatus.DECLINED:
        return MemberResponse.DECLINED
    return MemberResponse.ACCEPTED


async def load_seeds(
    session: AsyncSession, *, seeds_dir: Path = SEEDS_DIR, examples: bool = True
) -> SeedReport:
    """Load every seed file; the caller commits."""
    return await SeedLoader(session, seeds_dir).run(examples=examples)
