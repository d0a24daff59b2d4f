"""Highlighted snippets in one format for every engine: escaped text, matches in ``<mark>``."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from gnlc_hub.search.engine import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    SNIPPET_WORDS,
    Highlight,
    HighlightField,
)

ELLIPSIS = "…"
Span = tuple[int, int]


class Spans(Protocol):
    """Where the words of a text are (character offsets), asked for only where needed."""

    def __len__(self) -> int: ...

    def span(self, index: int) -> Span: ...


@dataclass(frozen=True)
class SpanList:
    """Spans known up front."""

    spans: Sequence[Span]

    def __len__(self) -> int:
        return len(self.spans)

    def span(self, index: int) -> Span:
        return self.spans[index]


def render(text: str, marks: Sequence[Span], *, prefix: bool = False, suffix: bool = False) -> str:
    """``text`` HTML-escaped, with each ``(start, end)`` span wrapped in ``<mark>``."""
    parts: list[str] = [ELLIPSIS] if prefix else []
    cursor = 0
    for start, end in sorted(merge(marks)):
        parts.append(html.escape(text[cursor:start], quote=False))
        parts.append(HIGHLIGHT_START + html.escape(text[start:end], quote=False) + HIGHLIGHT_END)
        cursor = end
    parts.append(html.escape(text[cursor:], quote=False))
    if suffix:
        parts.append(ELLIPSIS)
    return "".join(parts)


def merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def crop(text: str, words: Spans, marked: Sequence[int], keys: Sequence[str] | None = None) -> str:
    """About ``SNIPPET_WORDS`` words of ``text`` where the most distinct matched words are.

    ``keys`` names what each marked word matched (its analysed text); without them every
    marked word counts alike, so the window starts near the first one. Like Meilisearch's crop,
    "mentors … refugees" side by side beats a lone "refugees" earlier in the text.
    """
    if len(words) <= SNIPPET_WORDS:
        return render(text, [words.span(i) for i in marked])
    first, last = best_window(marked, keys) if marked else (0, 0)
    start = max(first - SNIPPET_WORDS // 3, last - SNIPPET_WORDS + 1)
    start = max(0, min(start, len(words) - SNIPPET_WORDS))
    end = start + SNIPPET_WORDS
    begin, finish = words.span(start)[0], words.span(end - 1)[1]
    inside = [
        (span[0] - begin, span[1] - begin)
        for span in (words.span(i) for i in marked if start <= i < end)
    ]
    return render(text[begin:finish], inside, prefix=start > 0, suffix=end < len(words))


def best_window(marked: Sequence[int], keys: Sequence[str] | None) -> tuple[int, int]:
    """First and last marked position of the run fitting in a snippet with the most distinct
    keys (the earliest such run)."""
    names = keys if keys is not None else ["" for _ in marked]
    best = (0, marked[0], marked[0])
    for opening, position in enumerate(marked):
        inside = [i for i in range(opening, len(marked)) if marked[i] < position + SNIPPET_WORDS]
        distinct = len({names[i] for i in inside})
        if distinct > best[0]:
            best = (distinct, position, marked[inside[-1]])
    return best[1], best[2]


def field_highlight(
    field: HighlightField,
    text: str,
    words: Spans,
    marked: Sequence[int],
    keys: Sequence[str] | None = None,
) -> Highlight | None:
    """The highlight of one field, or None when nothing in it matched."""
    if not marked:
        return None
    if field is HighlightField.BODY:
        return Highlight(field, crop(text, words, marked, keys))
    return Highlight(field, render(text, [words.span(i) for i in marked]))


def from_tagged(
    field: HighlightField, tagged: str, start_tag: str, end_tag: str
) -> Highlight | None:
    """Convert an engine's own tagged text (tags chosen never to occur in text) to ours.

    Marks are extended to the end of their word: Meilisearch marks a prefix only as far as
    it was typed (``<mark>refu</mark>gees``) and a typo'd word only as long as the query word.
    """
    if start_tag not in tagged:
        return None
    plain: list[str] = []
    marks: list[Span] = []
    length = 0
    for index, piece in enumerate(tagged.split(start_tag)):
        if index == 0:
            plain.append(piece)
            length += len(piece)
            continue
        marked, _, rest = piece.partition(end_tag)
        marks.append((length, length + len(marked)))
        plain.extend((marked, rest))
        length += len(marked) + len(rest)
    text = "".join(plain)
    marks = [(start, whole_word_end(text, end)) for start, end in marks]
    prefix = text.startswith(ELLIPSIS)
    suffix = text.endswith(ELLIPSIS) and len(text) > 1
    inner = text[len(ELLIPSIS) if prefix else 0 : len(text) - len(ELLIPSIS) if suffix else None]
    shift = len(ELLIPSIS) if prefix else 0
    spans = [(start - shift, end - shift) for start, end in marks]
    return Highlight(field, render(inner, spans, prefix=prefix, suffix=suffix))


_WORD_REST = re.compile(r"\w*")
# Scripts written without spaces between words (CJK and later blocks): a run of letters there
# is a phrase, not a word, so marks stop where the engine put them.
UNSPACED_FROM = 0x2E80


def whole_word_end(text: str, end: int) -> int:
    """Where the word containing position ``end - 1`` ends (``end`` itself outside words)."""
    if not 0 < end < len(text) or not (text[end - 1].isalnum() and text[end].isalnum()):
        return end
    if ord(text[end - 1]) >= UNSPACED_FROM or ord(text[end]) >= UNSPACED_FROM:
        return end
    match = _WORD_REST.match(text, end)
    return match.end() if match else end


# -- typo-tolerant word matching (mirrors the embedded engine's fuzzy and prefix queries) -----


@lru_cache(maxsize=65_536)
def distance_to_prefix(query: str, word: str, budget: int) -> int:
    """Fewest edits turning ``query`` into some prefix of ``word`` (transpositions cost one).

    Returns ``budget + 1`` as soon as the answer is known to exceed ``budget``.
    """
    return _edit_distance(query, word, budget, prefix=True)


@lru_cache(maxsize=65_536)
def distance(query: str, word: str, budget: int) -> int:
    """Edits between two words, transpositions costing one, capped at ``budget + 1``."""
    if abs(len(query) - len(word)) > budget:
        return budget + 1
    return _edit_distance(query, word, budget, prefix=False)


def _edit_distance(a: str, b: str, budget: int, *, prefix: bool) -> int:
    """Optimal-string-alignment distance between ``a`` and ``b`` (or a prefix of ``b``)."""
    limit = budget + 1
    columns = len(b) + 1
    before: list[int] | None = None
    previous = list(range(columns))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * (columns - 1)
        for j in range(1, columns):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) >= limit:
            return limit
        before, previous = previous, current
    best = min(previous) if prefix else previous[-1]
    return min(best, limit)
