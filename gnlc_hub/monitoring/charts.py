"""Pictures of monitoring data, drawn by pygal (SVG without external scripts: opens offline)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pygal
from pygal.style import DefaultStyle, Style

from gnlc_hub.monitoring.enums import BenchmarkGroup, Standing
from gnlc_hub.monitoring.models import KeyFeatureArea

# Reading order of the coverage bars: done first, then waiting, then missing.
STANDING_ORDER = (
    Standing.ACCEPTED,
    Standing.SUBMITTED,
    Standing.DUE,
    Standing.OVERDUE,
    Standing.NOT_DUE,
)
STANDING_LABELS = {
    Standing.ACCEPTED: "accepted",
    Standing.SUBMITTED: "submitted",
    Standing.DUE: "due",
    Standing.OVERDUE: "overdue",
    Standing.NOT_DUE: "not due",
}
# Colours say what a standing means: green done, blue waiting, grey not yet, red late.
STANDING_COLOURS = {
    Standing.ACCEPTED: "#2e7d32",
    Standing.SUBMITTED: "#1565c0",
    Standing.DUE: "#90a4ae",
    Standing.OVERDUE: "#c62828",
    Standing.NOT_DUE: "#e0e0e0",
}
COMMON = {"js": [], "width": 900, "truncate_label": -1, "truncate_legend": -1}


def _short(area: KeyFeatureArea) -> str:
    words = area.name.split()
    name = " ".join(words[:3]) + ("…" if len(words) > 3 else "")
    return f"{area.number} {name}"


def ratings_radar(
    title: str,
    areas: Sequence[KeyFeatureArea],
    city: tuple[str, Sequence[int | None]],
    medians: Mapping[BenchmarkGroup, Sequence[float | None]],
    note: str | None = None,
) -> bytes:
    """A city's self-assessment over the twelve areas against group medians (withheld groups
    appear as gaps)."""
    chart = pygal.Radar(
        title=title,
        range=(0, 5),
        fill=False,
        height=700,
        show_legend=True,
        legend_at_bottom=True,
        x_label_rotation=0,
        style=DefaultStyle,
        **COMMON,
    )
    chart.x_labels = [_short(area) for area in areas]
    name, ratings = city
    chart.add(name, list(ratings))
    for group, values in medians.items():
        if all(value is None for value in values):
            continue  # withheld: the note says why
        chart.add(f"{group.value.lower()} median", list(values), stroke_style={"dasharray": "6,4"})
    if note:
        chart.config.title = f"{title}\n{note}"
    return chart.render()


def coverage_bars(title: str, counts: Mapping[str, Mapping[Standing, int]]) -> bytes:
    """Member cities per region, stacked by standing."""
    style = Style(colors=tuple(STANDING_COLOURS[standing] for standing in STANDING_ORDER))
    chart = pygal.StackedBar(
        title=title, height=500, legend_at_bottom=True, x_label_rotation=15, style=style, **COMMON
    )
    regions = list(counts)
    chart.x_labels = regions
    for standing in STANDING_ORDER:
        chart.add(STANDING_LABELS[standing], [counts[r].get(standing, 0) for r in regions])
    return chart.render()
