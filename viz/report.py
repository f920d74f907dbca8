"""The one-page report of an offering, for a meeting or to print (HTML, PDF through viz/export.py):
what it depends on, its single points of failure, its weakest links, whether its agreements are
backed, and its supply-chain gaps. Every part comes from the service, for the caller's scope."""

from __future__ import annotations

from collections import Counter
from datetime import date

from pydantic import BaseModel

from app.access.scope import Scope
from app.analysis import service
from app.analysis.answers import Backing, Gap
from app.analysis.repository import GraphSource
from app.analysis.service import Bounds
from app.errors import SigraphError
from app.schema import Metric
from viz.page import environment

GAPS_SHOWN = 15


class Report(BaseModel):
    root: str
    name: str
    as_of: date
    depends_on: int
    by_pillar: list[tuple[str, int]]
    spofs: list[tuple[str, str]]  # (name, id)
    weakest_service_level: list[str]
    composite_availability: float
    agreements: list[Backing]
    gaps: list[Gap]
    gap_count: int
    gap_counts: list[tuple[str, int]]


def report_of(*, source: GraphSource, bounds: Bounds, element_id: str, scope: Scope | None = None) -> Report:
    """The report's facts (404 for an unknown element, as every analysis)."""
    found = service.dependencies_with_graph(source=source, bounds=bounds, element_id=element_id, scope=scope)
    deps = found.answer
    spofs = service.spofs_of(source=source, bounds=bounds, element_id=element_id, scope=scope)
    weakest = service.weakest_link_of(source=source, bounds=bounds, element_id=element_id,
                                      metric=Metric.SERVICE_LEVEL, scope=scope)
    try:
        chain = service.supply_chain_of_element(source=source, bounds=bounds, element_id=element_id, scope=scope)
        gaps, as_of = chain.gaps, chain.as_of
    except SigraphError:  # an organisation: its own chain is on its supply-chain picture
        gaps, as_of = [], date.today()
    # the agreements on the offering itself (those on its parts are in their backing, "underneath")
    own = [a for a in weakest.agreements if element_id in a.covers] or weakest.agreements
    agreements = [service.backing_of(source=source, element_id=a.id, scope=scope) for a in own]
    name = found.graph.nodes[element_id].name
    return Report(
        root=element_id, name=name, as_of=as_of, depends_on=len(deps.nodes),
        by_pillar=Counter(str(n.pillar) for n in deps.nodes).most_common(),
        spofs=[(s.name, s.id) for s in spofs.spofs],
        weakest_service_level=[f"{w.name} ({w.id}): {w.value}" for w in weakest.weakest],
        composite_availability=weakest.composite, agreements=agreements, gaps=gaps[:GAPS_SHOWN],
        gap_count=len(gaps), gap_counts=Counter(g.status.value for g in gaps).most_common())


def render_report(report: Report) -> str:
    return environment().get_template("report.html").render(report=report, name=report.name)
