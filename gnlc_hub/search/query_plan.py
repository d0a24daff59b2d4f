"""How a user's words become engine clauses: typo budgets, prefix on the last word, synonyms.

The embedded engine builds its tantivy query and its highlights from one plan, so what is
highlighted is exactly what matched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from gnlc_hub.search.engine import IndexSettings, typo_budget
from gnlc_hub.search.highlight import distance, distance_to_prefix

Phrase = tuple[str, ...]
SynonymMap = dict[Phrase, tuple[Phrase, ...]]


@dataclass(frozen=True)
class Term:
    """One typed word: matched exactly, within its typo budget, and as a prefix if last."""

    text: str
    budget: int
    prefix: bool

    def matches(self, token: str) -> bool:
        if token == self.text or (self.prefix and token.startswith(self.text)):
            return True
        if self.budget == 0:
            return False
        measure = distance_to_prefix if self.prefix else distance
        return measure(self.text, token, self.budget) <= self.budget


@dataclass(frozen=True)
class Clause:
    """What one part of the query asks for: the words typed, or any of their synonyms."""

    words: tuple[Term, ...]
    alternatives: tuple[Phrase, ...] = ()


class WordMarker:
    """Which words of a text a query matched: typed words (with their typos and prefix) and
    synonyms, each distinct word decided once per search."""

    def __init__(self, clauses: Sequence[Clause]) -> None:
        self._terms = [term for clause in clauses for term in clause.words]
        phrases = [phrase for clause in clauses for phrase in clause.alternatives]
        self._synonym_words = {phrase[0] for phrase in phrases if len(phrase) == 1}
        self._synonym_phrases = [phrase for phrase in phrases if len(phrase) > 1]
        self._decided: dict[str, bool] = {}

    def matches(self, token: str) -> bool:
        decided = self._decided.get(token)
        if decided is None:
            decided = token in self._synonym_words or any(t.matches(token) for t in self._terms)
            self._decided[token] = decided
        return decided

    def marked(self, tokens: Sequence[str]) -> list[int]:
        """Positions of the matched words in ``tokens``."""
        marked = {position for position, token in enumerate(tokens) if self.matches(token)}
        for phrase in self._synonym_phrases:
            size = len(phrase)
            for start, token in enumerate(tokens):
                if token == phrase[0] and tuple(tokens[start : start + size]) == phrase:
                    marked.update(range(start, start + size))
        return sorted(marked)


def synonym_map(settings: IndexSettings, analyse: Callable[[str], list[str]]) -> SynonymMap:
    """Synonyms keyed by their analysed token sequence, so lookups ignore case and accents."""
    found: dict[Phrase, set[Phrase]] = {}
    for term, others in settings.synonyms().items():
        key = tuple(analyse(term))
        if key:
            found.setdefault(key, set()).update(
                phrase for phrase in (tuple(analyse(o)) for o in others) if phrase and phrase != key
            )
    return {key: tuple(sorted(alternatives)) for key, alternatives in found.items() if alternatives}


def plan(tokens: Sequence[str], synonyms: Mapping[Phrase, tuple[Phrase, ...]]) -> list[Clause]:
    """Split ``tokens`` into clauses, taking the longest synonym phrase at each position."""
    longest = max((len(key) for key in synonyms), default=1)
    clauses: list[Clause] = []
    position = 0
    while position < len(tokens):
        for size in range(min(longest, len(tokens) - position), 0, -1):
            key = tuple(tokens[position : position + size])
            if size == 1 or key in synonyms:
                break
        words = tuple(
            Term(token, typo_budget(token), prefix=position + offset == len(tokens) - 1)
            for offset, token in enumerate(key)
        )
        clauses.append(Clause(words, synonyms.get(key, ())))
        position += size
    return clauses
