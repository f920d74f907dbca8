"""Measured values next to the promises (docs/agreements.md, "Measured values").

An agreement's measurements are its own (`measurements` of the element: metric, period, value).
A target is `met` when the value measured in the period is at least the target (availability,
satisfaction) or at most it (response and resolution times), `missed` otherwise, `unmeasured`
without a value. Periods are compared as written: an ISO month, or a date range; the last period
of an agreement is the greatest one it measured (ranges sort by their start).

A watermelon (green outside, red inside): a live package, in a period, whose service-level
agreements (every live agreement covering it directly that is not an XLA, with something measured)
have every measured target met, while a satisfaction target of an agreement covering it is missed.
"""

from __future__ import annotations

from typing import Any

from app.analysis.answers import AgreementPeriod, AgreementStatus, MeasuredStatus, MetricStatus, Watermelon
from app.analysis.availability import number
from app.analysis.errors import UnknownElement
from app.analysis.graph import Graph, Node
from app.schema import ElementType, RelType

HIGHER_IS_BETTER = frozenset({"availability", "satisfaction"})
METRICS = ("availability", "response_time_h", "resolution_time_h", "satisfaction")
XLA = "XLA"


def measured(node: Node) -> dict[tuple[str, str], float]:
    """(metric, period) -> value of an element's measurements."""
    found: dict[tuple[str, str], float] = {}
    for m in node.props.get("measurements") or []:
        if isinstance(m, dict) and isinstance(m.get("value"), int | float):
            found[(str(m.get("metric")), str(m.get("period")))] = m["value"]
    return found


def last_period(node: Node) -> str | None:
    return max((period for _, period in measured(node)), default=None)


def status_in(node: Node, period: str | None) -> AgreementStatus:
    """The agreement's targets against its measurements in `period` (default: its last one)."""
    values = measured(node)
    period = period if period is not None else last_period(node)
    targets: dict[str, Any] = node.props.get("targets") or {}
    metrics = []
    for metric in METRICS:
        target = number(targets, metric)
        if target is None:
            continue
        value = values.get((metric, period)) if period is not None else None
        status: MeasuredStatus
        if value is None:
            status = "unmeasured"
        elif metric in HIGHER_IS_BETTER:
            status = "met" if value >= target else "missed"
        else:
            status = "met" if value <= target else "missed"
        metrics.append(MetricStatus(metric=metric, target=target, measured=value, status=status))
    seen = [m for m in metrics if m.status != "unmeasured"]
    return AgreementStatus(id=node.id, name=node.name, kind=node.props.get("kind"), period=period,
                           met=all(m.status == "met" for m in seen) if seen else None, metrics=metrics)


def agreement_status(graph: Graph, agreement: str, period: str | None = None) -> AgreementStatus:
    node = graph.nodes.get(agreement)
    if node is None or node.type != ElementType.AGREEMENT:
        raise UnknownElement(agreement)
    return status_in(node, period)


def _covering(graph: Graph, element: str) -> list[Node]:
    return [graph.nodes[e.source] for e in sorted(graph.in_of_type(element, RelType.COVERS), key=lambda e: e.source)
            if e.source in graph.nodes and not graph.is_retired(e.source)]


def watermelons(graph: Graph, period: str | None = None) -> list[Watermelon]:
    """Every live package and period (`period`, or each one measured) with the service levels met
    and the experience missed."""
    found = []
    for package in graph.nodes_of_type(ElementType.SERVICE_PACKAGE):
        if package.retired:
            continue
        agreements = _covering(graph, package.id)
        periods = {period} if period is not None else {p for a in agreements for _, p in measured(a)}
        for asked in sorted(periods):
            statuses = [status_in(a, asked) for a in agreements]
            levels = [s for s in statuses if s.kind != XLA and any(m.metric != "satisfaction" and
                                                                   m.status != "unmeasured" for m in s.metrics)]
            green = bool(levels) and all(m.status != "missed" for s in levels for m in s.metrics
                                         if m.metric != "satisfaction")
            red = [(s.id, m) for s in statuses for m in s.metrics
                   if m.metric == "satisfaction" and m.status == "missed"]
            if green and red:
                found.append(Watermelon(package=package.id, period=asked, met=[s.id for s in levels],
                                        missed=[m for _, m in red], missed_by=[i for i, _ in red]))
    return found


def offering_period(graph: Graph, offering: str) -> AgreementPeriod | None:
    """The agreements covering the offering in the last period any of them measured."""
    agreements = _covering(graph, offering)
    period = max((p for a in agreements if (p := last_period(a)) is not None), default=None)
    if period is None:
        return None
    statuses = [status_in(a, period) for a in agreements]
    return AgreementPeriod(period=period, met=[s.id for s in statuses if s.met is True],
                           missed=[s.id for s in statuses if s.met is False])
