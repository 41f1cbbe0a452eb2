"""Themes across councils and years: ``/themes`` (every theme with its totals),
``/themes/<key>`` (one theme's timeline, councils, recurring findings and responses),
and the same as JSON at ``/api/themes`` and ``/api/themes/<key>``.

The timeline chart is an SVG drawn here, on the server: stacked bars per year, one
segment per council or body, for the measure chosen with ``measure`` (documents by
default). The page gives the same figures as a table, its text alternative.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, render_template, request

from scrutiny.errors import InvalidQueryError
from scrutiny.themes import MEASURES, NOT_RECORDED, ThemeOverview, ThemeSummary
from scrutiny.web.knowledge import SharedKnowledgeBase, current_knowledge_base

themes = Blueprint("themes", __name__)

#: Colours of the chart's segments (Okabe and Ito's palette, told apart with colour
#: blindness), in the order of the publishers; the rest share ``OTHER_COLOUR``.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7A6F00")
OTHER_COLOUR = "#8C8C8C"
OTHER = "Other councils and bodies"
MEASURE_LABELS = {
    "documents": "Documents",
    "recommendations": "Recommendations",
    "findings": "Findings",
    "commitments": "Commitments",
}
UNDATED = "Undated"
# Chart geometry, in SVG user units.
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 12, 16, 40
_PLOT_HEIGHT = 200
_BAR_WIDTH, _BAR_GAP = 36, 20


@dataclass(frozen=True)
class Segment:
    """One council's part of a year's bar."""

    x: int
    y: float
    width: int
    height: float
    colour: str
    publisher: str
    value: int
    year: str


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class YearLabel:
    text: str
    x: float
    total: int


@dataclass(frozen=True)
class LegendEntry:
    publisher: str
    colour: str


@dataclass(frozen=True)
class Chart:
    """A stacked bar chart of one measure per year, by council or body."""

    measure: str
    width: int
    height: int
    plot_bottom: int
    plot_right: int
    segments: tuple[Segment, ...]
    ticks: tuple[Tick, ...]
    years: tuple[YearLabel, ...]
    legend: tuple[LegendEntry, ...]
    description: str

    @property
    def empty(self) -> bool:
        return not self.segments


def year_text(year: int | None) -> str:
    return UNDATED if year is None else str(year)


def _ticks(maximum: int) -> list[int]:
    """Whole-number axis values from 0 to at least ``maximum``, at most six of them."""
    step = max(1, math.ceil(maximum / 5))
    top = step * math.ceil(max(maximum, 1) / step)
    return list(range(0, top + 1, step))


def timeline_chart(overview: ThemeOverview, measure: str) -> Chart:
    """The overview's timeline as positioned bar segments (no markup)."""
    named = [p.name for p in overview.publishers if p.counts.get(measure)]
    shown = named[: len(PALETTE)] if len(named) <= len(PALETTE) else named[: len(PALETTE) - 1]
    colours = {name: PALETTE[i] for i, name in enumerate(shown)}
    legend = [LegendEntry(name, colours[name]) for name in shown]
    if len(named) > len(shown):
        legend.append(LegendEntry(OTHER, OTHER_COLOUR))
    totals = [overview.year_total(year).get(measure) for year in overview.years]
    ticks = _ticks(max(totals, default=0))
    scale = _PLOT_HEIGHT / ticks[-1]
    plot_bottom = _TOP + _PLOT_HEIGHT
    segments: list[Segment] = []
    labels: list[YearLabel] = []
    for index, year in enumerate(overview.years):
        x = _LEFT + _BAR_GAP // 2 + index * (_BAR_WIDTH + _BAR_GAP)
        stacked = 0
        parts: dict[str, int] = {}
        for cell in overview.timeline:
            if cell.year == year and cell.counts.get(measure):
                name = cell.publisher if cell.publisher in colours else OTHER
                parts[name] = parts.get(name, 0) + cell.counts.get(measure)
        for name in [*shown, OTHER]:
            value = parts.get(name, 0)
            if not value:
                continue
            height = value * scale
            y = plot_bottom - (stacked + value) * scale
            segments.append(
                Segment(x, round(y, 2), _BAR_WIDTH, round(height, 2),
                        colours.get(name, OTHER_COLOUR), name, value, year_text(year))
            )  # fmt: skip
            stacked += value
        labels.append(YearLabel(year_text(year), x + _BAR_WIDTH / 2, stacked))
    width = _LEFT + max(len(overview.years), 1) * (_BAR_WIDTH + _BAR_GAP) + _RIGHT
    what = MEASURE_LABELS[measure].lower()
    description = (
        f"{what.capitalize()} on {overview.label} per year, stacked by council or body: "
        + "; ".join(f"{label.text}: {label.total}" for label in labels)
        + "."
        if labels
        else f"No {what} on {overview.label}."
    )
    return Chart(
        measure=measure,
        width=max(width, 240),
        height=_TOP + _PLOT_HEIGHT + _BOTTOM,
        plot_bottom=plot_bottom,
        plot_right=max(width, 240) - _RIGHT,
        segments=tuple(segments),
        ticks=tuple(Tick(value, round(plot_bottom - value * scale, 2)) for value in ticks),
        years=tuple(labels),
        legend=tuple(legend),
        description=description,
    )


def parse_measure(raw: str | None) -> str:
    if raw is None or not raw.strip():
        return MEASURES[0]
    measure = raw.strip().lower()
    if measure not in MEASURES:
        raise InvalidQueryError(f"unknown measure '{measure[:40]}'; one of: {', '.join(MEASURES)}")
    return measure


def _summaries() -> tuple[ThemeSummary, ...]:
    shared = current_knowledge_base()
    summaries: tuple[ThemeSummary, ...] = shared.knowledge_base.theme_summaries(
        include_restricted=SharedKnowledgeBase.include_restricted()
    )
    return summaries


def _overview(key: str) -> ThemeOverview:
    shared = current_knowledge_base()
    overview: ThemeOverview = shared.knowledge_base.theme_overview(
        key, include_restricted=SharedKnowledgeBase.include_restricted()
    )
    return overview


@themes.get("/api/themes")
def api_themes() -> dict[str, Any]:
    """Every theme of the vocabulary with its totals, most documents first."""
    return {"themes": [summary.to_json() for summary in _summaries()]}


@themes.get("/api/themes/<key>")
def api_theme(key: str) -> dict[str, Any]:
    """``ThemeOverview.to_json()``; 404 for a theme the vocabulary does not have."""
    payload: dict[str, Any] = _overview(key).to_json()
    return payload


@themes.get("/themes")
def themes_page() -> str:
    summaries = _summaries()
    return render_template(
        "themes.html",
        summaries=summaries,
        labels={summary.key: summary.label for summary in summaries},
    )


@themes.get("/themes/<key>")
def theme_page(key: str) -> str:
    measure = parse_measure(request.args.get("measure"))
    overview = _overview(key)
    return render_template(
        "theme.html",
        overview=overview,
        chart=timeline_chart(overview, measure),
        measure=measure,
        measures=MEASURE_LABELS,
        year_text=year_text,
        not_recorded=NOT_RECORDED,
    )
