"""An entity's neighbourhood as a small SVG drawn on the server: the entity in the
middle, its neighbours around it on an ellipse, each line labelled with the kind of
link. No script and no layout library: a radial layout is enough for one hop.

The picture is an image with a text alternative (``role="img"``, a title and a
description saying what it shows); the list of connections below it on the entity page
holds the same links for keyboards and screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

#: Neighbours drawn at most (passages are counted in one node of their own).
MAX_NODES = 14
WIDTH, HEIGHT = 720, 380
RADIUS_X, RADIUS_Y = 270, 140
LABEL_CHARS = 26
#: Room above the top node and below the bottom one.
MARGIN = 30
#: Fill of a node by kind (text is dark on every fill: contrast above 7:1).
FILLS = {
    "recommendation": "#dbeafe",
    "response": "#e0e7ff",
    "commitment": "#dcfce7",
    "finding": "#fef9c3",
    "organisation": "#fce7f3",
    "council": "#fce7f3",
    "committee": "#f3e8ff",
    "person": "#ffedd5",
    "meeting": "#e5e7eb",
    "document": "#f1f5f9",
    "theme": "#ccfbf1",
    "case": "#fee2e2",
    "passage": "#f8fafc",
}
TEXT = "#111827"
LINE = "#4b5563"


@dataclass(frozen=True)
class Spoke:
    """One neighbour as drawn: its label, kind, and the link's kind and direction."""

    label: str
    kind: str
    edge: str
    direction: str  # "out": entity -> neighbour; "in": neighbour -> entity


def _short(text: str, chars: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def spokes_of(
    neighbours: Sequence[tuple[str, str, str, str]], passage_kind: str = "passage"
) -> list[Spoke]:
    """Spokes from (edge, direction, kind, label) of each neighbour: entities first (at
    most ``MAX_NODES`` of them, each once), then one node counting the passages."""
    spokes: list[Spoke] = []
    seen: set[tuple[str, str]] = set()
    passages = 0
    passage_links: set[tuple[str, str]] = set()
    for edge, direction, kind, label in neighbours:
        if kind == passage_kind:
            passages += 1
            passage_links.add((edge, direction))
            continue
        if (kind, label) in seen:
            continue
        seen.add((kind, label))
        spokes.append(Spoke(label, kind, edge, direction))
    others = len(spokes) - MAX_NODES
    spokes = spokes[:MAX_NODES]
    if others > 0:
        spokes.append(Spoke(f"{others} more", "more", "", "out"))
    if passages:
        word = "passage" if passages == 1 else "passages"
        # The passages' link, when they all share one (else the line is not labelled).
        edge, direction = next(iter(passage_links)) if len(passage_links) == 1 else ("", "out")
        spokes.append(Spoke(f"{passages} {word}", passage_kind, edge, direction))
    return spokes


def neighbourhood_svg(label: str, kind: str, spokes: Sequence[Spoke]) -> Markup:
    """The SVG of an entity and its spokes (empty when it has none)."""
    if not spokes:
        return Markup("")
    cx, cy = WIDTH / 2, HEIGHT / 2
    parts: list[str] = []
    nodes: list[str] = []
    count = len(spokes)
    places = [
        (cx + RADIUS_X * math.cos(angle), cy + RADIUS_Y * math.sin(angle))
        for angle in (-math.pi / 2 + 2 * math.pi * i / count for i in range(count))
    ]
    # The picture is as tall as what it holds (one neighbour needs half the height).
    top = min([cy, *(y for _, y in places)]) - MARGIN
    bottom = max([cy, *(y for _, y in places)]) + MARGIN
    for spoke, (x, y) in zip(spokes, places, strict=True):
        parts.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{LINE}" '
            'stroke-width="1.5"/>'
        )
        if spoke.edge:
            mx, my = (cx + x) / 2, (cy + y) / 2
            arrow = "→" if spoke.direction == "out" else "←"
            edge = escape(spoke.edge.replace("_", " "))
            parts.append(
                f'<text x="{mx:.1f}" y="{my:.1f}" font-size="11" text-anchor="middle" '
                f'fill="{TEXT}" paint-order="stroke" stroke="#ffffff" stroke-width="3">'
                f"{edge} {arrow}</text>"
            )
        nodes.append(_node(x, y, spoke.label, spoke.kind, 150))
    nodes.append(_node(cx, cy, label, kind, 190, bold=True))
    title = escape(f"Connections of {label}")
    summary = "; ".join(
        f"{s.edge.replace('_', ' ') + ' ' if s.edge else ''}{s.label} ({s.kind})" for s in spokes
    )
    description = escape(f"{label} ({kind}) and what it links to: {summary}.")
    return Markup(
        f'<svg class="neighbourhood" role="img" viewBox="0 {top:.0f} {WIDTH} '
        f'{bottom - top:.0f}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="neighbourhood-title '
        f'neighbourhood-desc"><title id="neighbourhood-title">{title}</title>'
        f'<desc id="neighbourhood-desc">{description}</desc>'
        + "".join(parts)
        + "".join(nodes)
        + "</svg>"
    )


def _node(x: float, y: float, label: str, kind: str, width: int, bold: bool = False) -> str:
    fill = FILLS.get(kind, "#ffffff")
    weight = ' font-weight="700"' if bold else ""
    return (
        f'<g class="node node-{escape(kind)}"><rect x="{x - width / 2:.1f}" y="{y - 18:.1f}" '
        f'width="{width}" height="36" rx="6" fill="{fill}" stroke="{LINE}"/>'
        f'<text x="{x:.1f}" y="{y - 3:.1f}" font-size="12" text-anchor="middle" '
        f'fill="{TEXT}"{weight}>{escape(_short(label))}</text>'
        f'<text x="{x:.1f}" y="{y + 11:.1f}" font-size="10" text-anchor="middle" '
        f'fill="{TEXT}">{escape(kind)}</text></g>'
    )
