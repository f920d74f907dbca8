"""The shapes of a picture: what is asked (PictureRequest) and what is drawn (Picture)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field, field_validator

from app.schema import Metric
from viz.style import Mark


class View(StrEnum):
    """The pictures of one element."""

    DEPENDENCIES = "dependencies"
    IMPACT = "impact"
    SUPPLY_CHAIN = "supply-chain"


class Layout(StrEnum):
    """How a dependencies or impact picture is laid out (the supply chain is always by tier)."""

    DEPTH = "depth"  # the asked element at the top, then a band per depth (hops)
    PILLAR = "pillar"  # the asked element at the top, then a band per pillar
    FREE = "free"  # forces


class PictureView(StrEnum):
    """Every kind of picture: an element's views, and a scenario beside its base."""

    DEPENDENCIES = "dependencies"
    IMPACT = "impact"
    SUPPLY_CHAIN = "supply-chain"
    SCENARIO = "scenario"
    MODEL = "model"


class PictureRequest(BaseModel):
    """One picture: the element, the view, and the analysis' own parameters passed through."""

    element_id: str = Field(min_length=1)
    view: View = View.DEPENDENCIES
    failed: list[str] | None = None  # impact only; default: the element itself
    metric: Metric = Metric.SERVICE_LEVEL  # which weakest link to mark
    max_depth: int | None = None
    max_tier: int | None = None
    as_of: date | None = None
    expiring_within: int | None = None  # supply chain: the horizon of `expiring`, in days
    layout: Layout = Layout.DEPTH  # dependencies and impact

    @field_validator("failed", mode="before")
    @classmethod
    def _split_failed(cls, value: object) -> object:
        """`failed=A&failed=B` and `failed=A,B` mean the same; empty means the default."""
        if value is None:
            return None
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            return value
        ids = [part.strip() for item in items for part in str(item).split(",") if part.strip()]
        return ids or None


class PictureNode(BaseModel):
    id: str
    type: str
    name: str
    pillar: str | None
    distance: int  # depth, tier, or hops to a failed element: what the node limit keeps nearest
    root: bool = False
    marks: list[Mark] = []
    details: list[str] = []  # hover text, one line each
    level: int | None = None  # hierarchical layout level (supply-chain tier)
    caption: list[str] = []  # lines written under the label (not only on hover)
    header: bool = False  # a heading over a level (a tier), not an element
    cluster: str | None = None  # the whole model's picture: the organisation it is gathered under
    kind: str | None = None  # an organisation's kind: a customer has no supply-chain view
    context: bool = False  # in the neighbourhood, outside the answer: drawn when the page asks for it


class PictureEdge(BaseModel):
    source: str
    target: str
    type: str
    title: str
    dashes: bool = False
    colour: str | None = None
    width: float = 1.5
    emphasis: bool = False  # on a path the answer is about: drawn thick, never faded
    context: bool = False  # to or from the neighbourhood: drawn with it


class Section(BaseModel):
    """A block of plain facts beside the picture."""

    title: str
    items: list[str]


class EdgeKey(BaseModel):
    """One line of the edge legend."""

    dashes: bool
    colour: str | None = None
    meaning: str


class Picture(BaseModel):
    view: View | PictureView
    root: str
    root_name: str
    title: str
    nodes: list[PictureNode]
    edges: list[PictureEdge]
    hierarchical: bool = False
    direction: str = "LR"  # of a hierarchical picture: LR (tiers left to right) or UD (bands top to bottom)
    faded: bool = False  # the edges not emphasised are drawn faint
    total: int  # elements the answer holds (the root included)
    left_out: int = 0  # of those, how many the node limit left out
    left_out_note: str | None = None
    truncated: bool = False  # the analysis itself was cut by a bound
    marks: list[Mark] = []  # the marks this view uses, for the legend
    edge_keys: list[EdgeKey] = []
    sections: list[Section] = []
