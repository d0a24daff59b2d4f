"""Reading a need: the searches it becomes and the tags (themes, target groups, SDGs) it names.

A need is plain English, written by a person ("refugee integration", "how do we keep young
people in school?") or taken from a city profile. It is read with the hub's own vocabularies:
the theme names and synonyms of `themes.toml`, a lexicon of target groups, and SDG numbers.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gnlc_hub.core.slugs import fold
from gnlc_hub.practices.enums import SDG_RANGE, TargetGroup
from gnlc_hub.search.engine import MAX_QUERY_WORDS, typo_budget

MAX_NEED_LENGTH = 2000
# Engine queries per need: a long need is read up to about 60 content words.
MAX_QUERIES = 6

_WORD = re.compile(r"[a-z0-9]+")
_SDG = re.compile(r"\b(?:sdg|goal)\s*#?\s*(\d{1,2})\b")

# Words that say nothing about which practice answers a need. Besides common English, the words
# every learning-city text uses ("city", "learning") would make every practice match.
_STOPWORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    want wants need needs needed looking look find help helps improve better way ways get make
    us many much lot lots like new use using used across within among city cities town towns
    municipality municipal learning learn lifelong local people s t
"""
STOPWORDS = frozenset(_STOPWORDS.split())


class NeedSource(enum.StrEnum):
    """Where the words of a need came from."""

    GIVEN = "GIVEN"  # typed by the caller
    CITY_PROFILE = "CITY_PROFILE"  # the city's profile priorities and challenges


def stem(word: str) -> str:
    """A light English stem, so "refugees" meets "refugee", "libraries" "library" and "walking"
    "walk" (the engines do not stem)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    for suffix, shortest in (("ing", 6), ("ed", 5)):
        if len(word) >= shortest and word.endswith(suffix):
            root = word[: -len(suffix)]
            doubled = len(root) > 3 and root[-1] == root[-2] and root[-1] not in "ls"
            return root[:-1] if doubled else root
    return word


def words(text: str) -> list[str]:
    """Case- and accent-folded words."""
    return _WORD.findall(fold(text))


def stems(text: str) -> tuple[str, ...]:
    return tuple(stem(word) for word in words(text))


# People a need is about, in the words people use for them (stemmed phrases).
TARGET_GROUP_TERMS: dict[TargetGroup, tuple[str, ...]] = {
    TargetGroup.MIGRANTS_AND_REFUGEES: (
        "refugee",
        "migrant",
        "immigrant",
        "asylum",
        "newcomer",
        "displaced",
        "migration",
    ),
    TargetGroup.YOUTH_AT_RISK: (
        "youth",
        "young people",
        "young person",
        "teenager",
        "adolescent",
        "dropout",
        "drop out",
        "early school leaver",
        "neet",
    ),
    TargetGroup.CHILDREN_AND_FAMILIES: (
        "child",
        "children",
        "family",
        "parent",
        "early childhood",
        "preschool",
        "kindergarten",
        "newborn",
    ),
    TargetGroup.OLDER_ADULTS: (
        "older adult",
        "older people",
        "elderly",
        "senior",
        "retiree",
        "ageing",
        "aging",
        "third age",
    ),
    TargetGroup.WOMEN_AND_GIRLS: ("women", "woman", "girl", "gender", "mother"),
    TargetGroup.ADULTS_WITH_LOW_LITERACY: (
        "illiterate",
        "illiteracy",
        "adult literacy",
        "low literacy",
        "basic skill",
        "reading and writing",
    ),
    TargetGroup.PEOPLE_WITH_DISABILITIES: (
        "disability",
        "disabled",
        "special need",
        "impairment",
    ),
    TargetGroup.UNEMPLOYED_PEOPLE: (
        "unemployed",
        "unemployment",
        "jobless",
        "job seeker",
        "out of work",
    ),
    TargetGroup.E_EXCLUDED: ("digital divide", "digital exclusion", "digital inclusion", "offline"),
    TargetGroup.PEOPLE_IN_DEPRIVED_NEIGHBOURHOODS: (
        "deprived",
        "poverty",
        "poor",
        "disadvantaged",
        "slum",
        "marginalised",
        "marginalized",
        "vulnerable",
    ),
}


TARGET_GROUP_PHRASES = {
    group: tuple(stems(term) for term in terms) for group, terms in TARGET_GROUP_TERMS.items()
}


@dataclass(frozen=True)
class ThemeTerms:
    """A theme of the vocabulary and the phrases that name it in a need."""

    slug: str
    name: str
    phrases: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, slug: str, name: str, synonyms: Iterable[str]) -> ThemeTerms:
        return _theme_terms(slug, name, tuple(synonyms))


@functools.lru_cache(maxsize=1024)
def _theme_terms(slug: str, name: str, synonyms: tuple[str, ...]) -> ThemeTerms:
    """Stemming the vocabulary once per process: it changes only with the seeds."""
    phrases = {stems(term) for term in (name, *synonyms)}
    return ThemeTerms(slug, name, tuple(sorted(phrase for phrase in phrases if phrase)))


@dataclass(frozen=True)
class Need:
    """A need as the matcher reads it."""

    text: str
    source: NeedSource
    # Engine queries of at most MAX_QUERY_WORDS words, each searched on its own.
    queries: tuple[str, ...]
    themes: tuple[str, ...]
    target_groups: tuple[TargetGroup, ...]
    sdgs: tuple[int, ...]

    @property
    def has_tags(self) -> bool:
        return bool(self.themes or self.target_groups or self.sdgs)


def _contains(haystack: Sequence[str], phrase: Sequence[str]) -> list[int]:
    """Start positions of ``phrase`` in ``haystack``."""
    size = len(phrase)
    return [
        start
        for start in range(len(haystack) - size + 1)
        if tuple(haystack[start : start + size]) == tuple(phrase)
    ]


def _phrase_spans(tokens: Sequence[str], phrases: Iterable[tuple[str, ...]]) -> list[range]:
    spans = []
    for phrase in phrases:
        spans.extend(range(start, start + len(phrase)) for start in _contains(tokens, phrase))
    return spans


def _units(text: str, vocabulary_phrases: Iterable[tuple[str, ...]]) -> list[str]:
    """Words and vocabulary phrases to search for, in order: stopwords dropped except inside
    phrases ("reading and writing"), repeats dropped."""
    raw = words(text)
    stemmed = [stem(word) for word in raw]
    spans = sorted(
        _phrase_spans(stemmed, (p for p in vocabulary_phrases if len(p) > 1)),
        key=lambda span: (span.start, -len(span)),
    )
    units: list[str] = []
    position = 0
    span_index = 0
    while position < len(raw):
        while span_index < len(spans) and spans[span_index].start < position:
            span_index += 1
        if span_index < len(spans) and spans[span_index].start == position:
            span = spans[span_index]
            units.append(" ".join(raw[span.start : span.stop]))
            position = span.stop
            continue
        word, root = raw[position], stemmed[position]
        if word not in STOPWORDS and len(word) > 1:
            # The stem is searched too where typo tolerance does not bridge it to the word
            # ("walking" and "walk"; "refugees" already finds "refugee").
            bridged = len(word) - len(root) <= typo_budget(word)
            units.append(word if bridged else f"{word} {root}")
        position += 1
    return list(dict.fromkeys(units))


def _queries(units: Sequence[str]) -> list[str]:
    """Pack units into queries of at most MAX_QUERY_WORDS words, never splitting a phrase."""
    queries: list[list[str]] = []
    size = 0
    for unit in units:
        length = len(unit.split())
        if not queries or size + length > MAX_QUERY_WORDS:
            queries.append([])
            size = 0
        queries[-1].append(unit)
        size += length
    return [" ".join(query) for query in queries]


def read_need(parts: Sequence[str], source: NeedSource, vocabulary: Sequence[ThemeTerms]) -> Need:
    """Read a need given as one or more parts (a typed need, or each profile priority and the
    challenges); each part is searched on its own so short priorities are not drowned."""
    phrases = [phrase for theme in vocabulary for phrase in theme.phrases]
    phrases += [phrase for group in TARGET_GROUP_PHRASES.values() for phrase in group]
    queries: list[str] = []
    for part in parts:
        # SDG numbers are read as tags below; as search words they would match any number.
        queries.extend(_queries(_units(_SDG.sub(" ", fold(part)), phrases)))
    text = "\n".join(part.strip() for part in parts if part.strip())
    tokens = stems(text)
    themes = tuple(
        theme.slug
        for theme in vocabulary
        if any(_contains(tokens, phrase) for phrase in theme.phrases)
    )
    groups = tuple(
        group
        for group, group_phrases in TARGET_GROUP_PHRASES.items()
        if any(_contains(tokens, phrase) for phrase in group_phrases)
    )
    sdgs = tuple(sorted({int(n) for n in _SDG.findall(fold(text)) if int(n) in SDG_RANGE}))
    return Need(
        text=text,
        source=source,
        queries=tuple(dict.fromkeys(queries))[:MAX_QUERIES],
        themes=themes,
        target_groups=groups,
        sdgs=sdgs,
    )
