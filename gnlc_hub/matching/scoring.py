"""Scoring a candidate city against a need, and saying why, from plain facts (no I/O).

score = 0.60 × need relevance + 0.25 × tag overlap + 0.15 × context, all in [0, 1]:

- need relevance: how well the city's published practices answer each search of the need (the
  engine's relevance, best practice first, a little extra for a second and third one), averaged
  over the searches, so a city answering every part of a long need ranks above one answering a
  single part;
- tag overlap: the share of the themes, target groups and SDGs the need names that the city's
  matching practices are tagged with;
- context (only when a city asks): shared thematic cluster, same UNESCO region, similar
  population, shared working language.

When the need names no tags, or no city asks, that part's weight goes to need relevance.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from gnlc_hub.cities.sizes import similar_size
from gnlc_hub.core.geo import GeoPoint, distance_km
from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.matching.need import Need
from gnlc_hub.practices.enums import TargetGroup
from gnlc_hub.search.engine import Highlight

WEIGHT_RELEVANCE = 0.60
WEIGHT_TAGS = 0.25
WEIGHT_CONTEXT = 0.15
# Within tag overlap: themes say most about a practice, SDGs least (most practices claim SDG 4).
TAG_WEIGHTS = {"themes": 0.6, "target_groups": 0.3, "sdgs": 0.1}
# Within context: points for each thing the two cities have in common.
CONTEXT_POINTS = {"cluster": 0.4, "region": 0.3, "size": 0.15, "language": 0.15}
# How much a city's second and third matching practice add to its first.
DEPTH_WEIGHTS = (1.0, 0.3, 0.1)
# A practice is shown as evidence from this relevance on (1.0 is the best hit of a search).
MIN_EVIDENCE = 0.1
MAX_EVIDENCE = 3


class ReasonKind(enum.StrEnum):
    MATCHING_PRACTICE = "MATCHING_PRACTICE"
    SHARED_THEMES = "SHARED_THEMES"
    SHARED_TARGET_GROUPS = "SHARED_TARGET_GROUPS"
    SHARED_SDGS = "SHARED_SDGS"
    SAME_CLUSTER = "SAME_CLUSTER"
    SAME_REGION = "SAME_REGION"
    SIMILAR_SIZE = "SIMILAR_SIZE"
    SHARED_LANGUAGES = "SHARED_LANGUAGES"


@dataclass(frozen=True)
class PracticeEvidence:
    """One published practice of a candidate and how it fared in the need's searches."""

    practice_id: int
    title: str
    # Relevance per search of the need (index into Need.queries); absent = not found.
    scores: Mapping[int, float]
    highlights: tuple[Highlight, ...]
    themes: frozenset[str]
    target_groups: frozenset[TargetGroup]
    sdgs: frozenset[int]

    @property
    def relevance(self) -> float:
        return max(self.scores.values(), default=0.0)

    @property
    def best_search(self) -> int:
        """The search of the need this practice answers best."""
        return max(self.scores, key=lambda index: (self.scores[index], -index))


@dataclass(frozen=True)
class CityFacts:
    """What the context part compares between the asking city and a candidate."""

    city_id: int
    slug: str
    name: str
    region: RegionCode
    region_name: str
    clusters: Mapping[int, str] = field(default_factory=dict)
    population: int | None = None
    languages: tuple[str, ...] = ()
    point: GeoPoint | None = None

    def distance_km(self, other: CityFacts) -> float | None:
        if self.point is None or other.point is None:
            return None
        return distance_km(self.point, other.point)


@dataclass(frozen=True)
class Reason:
    """One readable reason, with the facts behind it for front ends that show more."""

    kind: ReasonKind
    text: str
    practice_id: int | None = None
    highlights: tuple[Highlight, ...] = ()
    themes: tuple[str, ...] = ()
    target_groups: tuple[TargetGroup, ...] = ()
    sdgs: tuple[int, ...] = ()
    cluster_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ScoreParts:
    relevance: float
    tag_overlap: float | None  # None when the need names no tags
    context: float | None  # None when no city asks


@dataclass(frozen=True)
class ScoredCity:
    city_id: int
    score: float
    parts: ScoreParts
    reasons: tuple[Reason, ...]
    practice_ids: tuple[int, ...]


def search_relevance(scores: Sequence[float]) -> float:
    """A city's answer to one search: its best practice, plus a little for the next two."""
    remaining = 1.0
    for weight, score in zip(DEPTH_WEIGHTS, sorted(scores, reverse=True), strict=False):
        remaining *= 1.0 - weight * score
    return 1.0 - remaining


def need_relevance(practices: Sequence[PracticeEvidence], query_count: int) -> float:
    if query_count == 0:
        return 0.0
    total = sum(
        search_relevance([p.scores[q] for p in practices if q in p.scores])
        for q in range(query_count)
    )
    return total / query_count


def evidence(practices: Sequence[PracticeEvidence]) -> list[PracticeEvidence]:
    """The practices worth showing: relevant enough, best first, at most three."""
    strong = [p for p in practices if p.relevance >= MIN_EVIDENCE]
    return sorted(strong, key=lambda p: (-p.relevance, p.practice_id))[:MAX_EVIDENCE]


@dataclass(frozen=True)
class TagOverlap:
    themes: tuple[str, ...]
    target_groups: tuple[TargetGroup, ...]
    sdgs: tuple[int, ...]
    share: float | None


def tag_overlap(need: Need, shown: Sequence[PracticeEvidence]) -> TagOverlap:
    themes = tuple(t for t in need.themes if any(t in p.themes for p in shown))
    groups = tuple(g for g in need.target_groups if any(g in p.target_groups for p in shown))
    sdgs = tuple(s for s in need.sdgs if any(s in p.sdgs for p in shown))
    asked = {"themes": need.themes, "target_groups": need.target_groups, "sdgs": need.sdgs}
    found = {"themes": themes, "target_groups": groups, "sdgs": sdgs}
    weight = sum(TAG_WEIGHTS[name] for name, values in asked.items() if values)
    if weight == 0:
        return TagOverlap(themes, groups, sdgs, None)
    share = sum(
        TAG_WEIGHTS[name] * len(found[name]) / len(values)
        for name, values in asked.items()
        if values
    )
    return TagOverlap(themes, groups, sdgs, share / weight)


@dataclass(frozen=True)
class SharedContext:
    """What an asking city and a candidate have in common."""

    clusters: tuple[int, ...]
    same_region: bool
    similar_size: bool
    languages: tuple[str, ...]

    @classmethod
    def of(cls, asking: CityFacts, candidate: CityFacts) -> SharedContext:
        return cls(
            clusters=tuple(sorted(set(asking.clusters) & set(candidate.clusters))),
            same_region=asking.region is candidate.region,
            similar_size=similar_size(asking.population, candidate.population),
            languages=tuple(code for code in candidate.languages if code in asking.languages),
        )

    @property
    def points(self) -> float:
        found = {
            "cluster": bool(self.clusters),
            "region": self.same_region,
            "size": self.similar_size,
            "language": bool(self.languages),
        }
        return sum(CONTEXT_POINTS[name] for name, present in found.items() if present)


def context_reasons(shared: SharedContext, asking: CityFacts, candidate: CityFacts) -> list[Reason]:
    reasons = []
    if shared.clusters:
        names = _join([candidate.clusters[c] for c in shared.clusters])
        reasons.append(
            Reason(
                ReasonKind.SAME_CLUSTER,
                f"Both cities take part in the thematic cluster {names}.",
                cluster_ids=shared.clusters,
            )
        )
    if shared.same_region:
        distance = asking.distance_km(candidate)
        away = f", {distance:,.0f} km away" if distance is not None else ""
        reasons.append(Reason(ReasonKind.SAME_REGION, f"Also in {candidate.region_name}{away}."))
    if shared.similar_size:
        reasons.append(
            Reason(
                ReasonKind.SIMILAR_SIZE,
                f"Similar size: {_number(candidate.population)} inhabitants "
                f"(yours: {_number(asking.population)}).",
            )
        )
    if shared.languages:
        reasons.append(
            Reason(ReasonKind.SHARED_LANGUAGES, f"Works in {_join(shared.languages)}, as you do.")
        )
    return reasons


def target_group_label(group: TargetGroup) -> str:
    if group is TargetGroup.E_EXCLUDED:
        return "digitally excluded people"
    return group.value.lower().replace("_", " ")


def _number(value: int | None) -> str:
    return f"{value or 0:,}".replace(",", "\u202f")


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _tag_reasons(overlap: TagOverlap, theme_names: Mapping[str, str]) -> list[Reason]:
    reasons = []
    if overlap.themes:
        names = _join([theme_names.get(slug, slug) for slug in overlap.themes])
        reasons.append(
            Reason(
                ReasonKind.SHARED_THEMES,
                f"Its practices work on what the need is about: {names}.",
                themes=overlap.themes,
            )
        )
    if overlap.target_groups:
        labels = _join([target_group_label(group) for group in overlap.target_groups])
        reasons.append(
            Reason(
                ReasonKind.SHARED_TARGET_GROUPS,
                f"Its practices reach the same people: {labels}.",
                target_groups=overlap.target_groups,
            )
        )
    if overlap.sdgs:
        reasons.append(
            Reason(
                ReasonKind.SHARED_SDGS,
                f"Its practices contribute to SDG {_join([str(n) for n in overlap.sdgs])}.",
                sdgs=overlap.sdgs,
            )
        )
    return reasons


def weights(need: Need, *, asking: bool) -> dict[str, float]:
    """The weights of the parts that apply: a part that cannot be judged gives its weight to
    need relevance."""
    found = {"relevance": WEIGHT_RELEVANCE, "tags": WEIGHT_TAGS, "context": WEIGHT_CONTEXT}
    if not need.has_tags:
        found["relevance"] += found.pop("tags")
    if not asking:
        found["relevance"] += found.pop("context")
    return found


def score_city(
    candidate: CityFacts,
    practices: Sequence[PracticeEvidence],
    need: Need,
    asking: CityFacts | None,
) -> ScoredCity:
    """The candidate's score in [0, 1] and its evidence, without reasons (cheap: every
    candidate is scored, only the best are explained)."""
    relevance = need_relevance(practices, len(need.queries))
    shown = evidence(practices)
    overlap = tag_overlap(need, shown)
    context = SharedContext.of(asking, candidate).points if asking else None
    parts = weights(need, asking=asking is not None)
    score = (
        parts["relevance"] * relevance
        + parts.get("tags", 0.0) * (overlap.share or 0.0)
        + parts.get("context", 0.0) * (context or 0.0)
    )
    return ScoredCity(
        city_id=candidate.city_id,
        score=round(min(1.0, max(0.0, score)), 4),
        parts=ScoreParts(round(relevance, 4), _rounded(overlap.share), _rounded(context)),
        reasons=(),
        practice_ids=tuple(p.practice_id for p in shown),
    )


def explained(
    candidate: CityFacts,
    practices: Sequence[PracticeEvidence],
    need: Need,
    asking: CityFacts | None,
    theme_names: Mapping[str, str],
) -> ScoredCity:
    """The candidate's score with its reasons: matching practices (with their highlights)
    first, then the tags shared with the need, then what the two cities have in common."""
    scored = score_city(candidate, practices, need, asking)
    shown = evidence(practices)
    reasons = [
        Reason(
            ReasonKind.MATCHING_PRACTICE,
            f"Its practice “{p.title}” matches the need.",
            practice_id=p.practice_id,
            highlights=p.highlights,
        )
        for p in shown
    ]
    reasons += _tag_reasons(tag_overlap(need, shown), theme_names)
    if asking:
        reasons += context_reasons(SharedContext.of(asking, candidate), asking, candidate)
    return dataclasses.replace(scored, reasons=tuple(reasons))


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
