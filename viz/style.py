"""How a picture looks: colour by pillar, shape by type, the marks, and the legend built from them.

Every pillar and element type comes from app.schema; this module only says how each is drawn.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from app.schema import PILLAR_OF, ElementType, Pillar

PILLAR_COLOURS: dict[Pillar, str] = {
    Pillar.ECOSYSTEM: "#8bd17c",
    Pillar.OFFERING: "#6fa8f7",
    Pillar.PROCESS: "#c5a3e8",
    Pillar.INFORMATION: "#f5e17a",
    Pillar.TECHNOLOGY: "#7fd3d3",
}
UNKNOWN_COLOUR = "#d0d0d0"

# vis-network shapes. box, database and ellipse hold their label inside and grow with it; a database
# grows as tall as it is wide, so it goes to requirements, which no view draws but as the asked element.
TYPE_SHAPES: dict[ElementType, str] = {
    ElementType.ORGANIZATION: "dot",
    ElementType.REQUIREMENT: "database",
    ElementType.AGREEMENT: "square",
    ElementType.SERVICE_PACKAGE: "star",
    ElementType.SERVICE: "diamond",
    ElementType.PRODUCT: "triangle",
    ElementType.PROCESS: "hexagon",
    ElementType.INFORMATION_OBJECT: "triangleDown",
    ElementType.SYSTEM: "box",
    ElementType.INTEGRATION: "ellipse",
}

NODE_SIZE = 22
LABEL_WIDTH = 150  # px before a label wraps; the bands' node spacing (viz/page.py) leaves room for it
LABEL_WIDTH_ROOT = 220
ROOT_SIZE = 38
PLAIN_BORDER = "#4a4a4a"
EDGE_COLOUR = "#8a8a8a"


class Mark(StrEnum):
    """What a picture can say about an element beyond its pillar and type."""

    FAILED = "failed"
    DOWN = "down"
    DEGRADED = "degraded"
    WEAKEST = "weakest"
    WEAK = "weak"
    GAP = "gap"
    # a supply-chain gap, by the worst status of the organisation's gaps
    NON_COMPLIANT = "non_compliant"
    EXPIRED = "expired"
    MISSING = "missing"
    UNKNOWN = "unknown"
    EXPIRING = "expiring"
    CONCENTRATION = "concentration"
    HELD = "held"  # a member of a redundancy group that stayed up and carried it
    BROKE = "broke"
    FIXED = "fixed"
    ADDED = "added"
    CHANGED = "changed"
    GONE = "gone"


class MarkStyle(BaseModel):
    border: str
    width: int
    dashes: bool
    prefix: str  # put before the label, so the mark reads without colour too
    meaning: str


MARKS: dict[Mark, MarkStyle] = {
    Mark.FAILED: MarkStyle(border="#111111", width=7, dashes=False, prefix="✖ ",
                           meaning="failed: the element asked to fail"),
    Mark.DOWN: MarkStyle(border="#d62728", width=6, dashes=False, prefix="▼ ",
                         meaning="down: a required dependency, or too many of a redundancy group, is down"),
    Mark.DEGRADED: MarkStyle(border="#ff9800", width=5, dashes=True, prefix="◐ ",
                             meaning="degraded: up, but a dependency is down or degraded"),
    Mark.WEAKEST: MarkStyle(border="#7b1fa2", width=7, dashes=False, prefix="★ ",
                            meaning="weakest link: the lowest value of the metric in the chain"),
    Mark.WEAK: MarkStyle(border="#7b1fa2", width=3, dashes=True, prefix="",
                         meaning="weak link: below the asked element's own value"),
    Mark.GAP: MarkStyle(border="#d62728", width=6, dashes=False, prefix="⚠ ",
                        meaning="compliance gap: a requirement missing, expired, unknown or not met"),
    Mark.NON_COMPLIANT: MarkStyle(border="#b71c1c", width=8, dashes=False, prefix="✖ ",
                                  meaning="not compliant: the attestation says a requirement is not met"),
    Mark.EXPIRED: MarkStyle(border="#e65100", width=6, dashes=False, prefix="⚠ ",
                            meaning="expired: the attestation lapsed before the day asked"),
    Mark.MISSING: MarkStyle(border="#d62728", width=5, dashes=True, prefix="? ",
                            meaning="missing: no attestation of a requirement in force"),
    Mark.UNKNOWN: MarkStyle(border="#6d4c41", width=4, dashes=True, prefix="~ ",
                            meaning="unknown: attested, but without a usable status"),
    Mark.EXPIRING: MarkStyle(border="#f9a825", width=4, dashes=True, prefix="◷ ",
                             meaning="expiring: valid today, lapsing within the horizon asked"),
    Mark.CONCENTRATION: MarkStyle(border="#37474f", width=3, dashes=False, prefix="◆ ",
                                  meaning="concentration: shared by several packages, or a sole provider"),
    Mark.HELD: MarkStyle(border="#2e7d32", width=5, dashes=False, prefix="◎ ",
                         meaning="held: a member of a redundancy group that stayed up and carried it"),
    Mark.BROKE: MarkStyle(border="#d62728", width=7, dashes=False, prefix="! ",
                          meaning="a single point of failure the scenario makes"),
    Mark.FIXED: MarkStyle(border="#2e7d32", width=7, dashes=False, prefix="✓ ",
                          meaning="no longer a single point of failure in the scenario"),
    Mark.ADDED: MarkStyle(border="#1565c0", width=5, dashes=False, prefix="+ ",
                          meaning="added by the scenario"),
    Mark.CHANGED: MarkStyle(border="#1565c0", width=4, dashes=True, prefix="✎ ",
                            meaning="changed by the scenario"),
    Mark.GONE: MarkStyle(border="#9e9e9e", width=3, dashes=True, prefix="⊘ ",
                         meaning="in the chain before the scenario, not after it"),
}

# The strongest mark decides the border when an element has several.
MARK_ORDER: tuple[Mark, ...] = (Mark.FAILED, Mark.DOWN, Mark.DEGRADED, Mark.BROKE, Mark.FIXED, Mark.WEAKEST, Mark.GAP,
                                Mark.NON_COMPLIANT, Mark.EXPIRED, Mark.MISSING, Mark.UNKNOWN, Mark.EXPIRING,
                                Mark.CONCENTRATION, Mark.HELD, Mark.ADDED, Mark.CHANGED, Mark.GONE, Mark.WEAK)
# The mark of each gap status: an organisation takes that of its worst gap.
GAP_MARKS: dict[str, Mark] = {m.value: m for m in (Mark.NON_COMPLIANT, Mark.EXPIRED, Mark.MISSING, Mark.UNKNOWN,
                                                   Mark.EXPIRING)}


def pillar_of(element_type: str) -> Pillar | None:
    try:
        return PILLAR_OF[ElementType(element_type)]
    except ValueError:
        return None


def fill_of(element_type: str) -> str:
    pillar = pillar_of(element_type)
    return PILLAR_COLOURS[pillar] if pillar else UNKNOWN_COLOUR


def shape_of(element_type: str) -> str:
    try:
        return TYPE_SHAPES[ElementType(element_type)]
    except ValueError:
        return "dot"


def strongest(marks: list[Mark]) -> Mark | None:
    return next((m for m in MARK_ORDER if m in marks), None)


def node_style(element_type: str, marks: list[Mark], *, root: bool) -> dict[str, Any]:
    """The vis-network options of one node: fill by pillar, shape by type, border by its strongest mark."""
    fill = fill_of(element_type)
    mark = strongest(marks)
    border = MARKS[mark].border if mark else PLAIN_BORDER
    style: dict[str, Any] = {
        "shape": shape_of(element_type),
        "size": ROOT_SIZE if root else NODE_SIZE,
        "color": {"background": fill, "border": border,
                  "highlight": {"background": fill, "border": border},
                  "hover": {"background": fill, "border": border}},
        "borderWidth": MARKS[mark].width if mark else (3 if root else 1),
        "shapeProperties": {"borderDashes": [8, 5] if mark and MARKS[mark].dashes else False},
        "font": {"size": 22 if root else 14, "color": "#1a1a1a", "strokeWidth": 3, "strokeColor": "#ffffff",
                 "background": "#fff3b0" if root else "rgba(0,0,0,0)"},
        # long names wrap instead of running into their neighbours' labels
        "widthConstraint": {"maximum": LABEL_WIDTH_ROOT if root else LABEL_WIDTH},
    }
    if root:
        style["shadow"] = {"enabled": True, "size": 22, "x": 0, "y": 0, "color": "rgba(0,0,0,0.55)"}
    return style


def label_of(name: str, marks: list[Mark]) -> str:
    prefix = "".join(MARKS[m].prefix for m in MARK_ORDER if m in marks)
    return f"{prefix}{name}"


class LegendEntry(BaseModel):
    name: str
    colour: str | None = None
    shape: str | None = None
    pillar: str | None = None
    border: str | None = None
    width: int | None = None
    dashes: bool = False
    prefix: str = ""


class Legend(BaseModel):
    pillars: list[LegendEntry]
    types: list[LegendEntry]
    marks: list[LegendEntry]


def legend(marks: list[Mark]) -> Legend:
    """Every pillar colour and type shape of the schema, and the marks this view uses."""
    return Legend(
        pillars=[LegendEntry(name=p.value, colour=PILLAR_COLOURS[p]) for p in Pillar],
        types=[LegendEntry(name=t.value, shape=TYPE_SHAPES[t], pillar=PILLAR_OF[t].value,
                           colour=PILLAR_COLOURS[PILLAR_OF[t]]) for t in ElementType],
        marks=[LegendEntry(name=MARKS[m].meaning, border=MARKS[m].border, width=MARKS[m].width,
                           dashes=MARKS[m].dashes, prefix=MARKS[m].prefix.strip()) for m in marks],
    )
