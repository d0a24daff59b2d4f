"""Pictures of monitoring data, drawn by pygal (SVG without external scripts: opens offline)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pygal
from pygal.style import DefaultStyle

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
COMMON = {"js": [], "disable_xml_declaration": False, "style": DefaultStyle, "width": 900}


def _short(area: KeyFeatureArea) -> str:
    words = area.name.split()
    name = " ".join(words[:4]) + ("…" if len(words) > 4 else "")
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
        **COMMON,
    )
    chart.x_labels = [_short(area) for area in areas]
    name, ratings = city
    chart.add(name, list(ratings))
    for group, values in medians.items():
        chart.add(f"{group.value.lower()} median", list(values), stroke_style={"dasharray": "6,4"})
    if note:
        chart.config.title = f"{title}\n{note}"
    return chart.render()


def coverage_bars(title: str, counts: Mapping[str, Mapping[Standing, int]]) -> bytes:
    """Member cities per region, stacked by standing."""
    chart = pygal.StackedBar(
        title=title, height=500, legend_at_bottom=True, x_label_rotation=15, **COMMON
    )
    regions = list(counts)
    chart.x_labels = regions
    for standing in STANDING_ORDER:
        chart.add(STANDING_LABELS[standing], [counts[r].get(standing, 0) for r in regions])
    return chart.render()
