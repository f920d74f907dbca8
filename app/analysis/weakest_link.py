"""The weakest link of an element's dependency closure for one metric (spec/analysis.md).

The weakest are the closure elements with the lowest own value (unset skipped, ties all
returned, each with its shortest path); flags are the closure elements whose value is below
the root's own. Retired elements take no part: they are neither answered nor traversed.
Every answer also carries the root's composite availability and the check of every
agreement covering the root or anything in its closure.
"""

from __future__ import annotations

from app.analysis.answers import WeakElement, WeakestLinkAnswer
from app.analysis.availability import (
    DECIMALS,
    agreement_checks,
    agreements_covering,
    composite_availability,
    number,
)
from app.analysis.errors import AnalysisInputError, UnknownElement, check_bound
from app.analysis.graph import Graph
from app.analysis.traversal import Reach, upstream
from app.schema import Metric


def weakest_link(
    graph: Graph,
    root: str,
    *,
    metric: Metric | str,
    max_depth: int | None = None,
    limit: int | None = None,
) -> WeakestLinkAnswer:
    """The lowest-valued elements of root's closure, the weak links below root, and the SLA checks.

    Needs in the Graph: root and its upstream closure with every dependency relationship
    leaving those elements; the live Agreements that COVER root or an element of the
    closure, with all their COVERS relationships; and the upstream closure of every element
    those agreements cover (usually already inside root's closure).
    """
    check_bound("max_depth", max_depth)
    check_bound("limit", limit)
    if root not in graph.nodes:
        raise UnknownElement(root)
    try:
        chosen = Metric(metric)
    except ValueError:
        raise AnalysisInputError(f"unknown metric {metric!r}; one of {[m.value for m in Metric]}") from None
    reach = upstream(graph, root, max_depth=max_depth)
    values = _values(graph, reach, chosen.value)
    root_value = number(graph.nodes[root].props, chosen.value)
    lowest = min(values.values(), default=None)
    weakest = sorted(i for i, v in values.items() if v == lowest)
    flags = [] if root_value is None else sorted(
        (i for i, v in values.items() if v < root_value), key=lambda i: (values[i], i)
    )
    truncated = reach.truncated
    if limit is not None and max(len(weakest), len(flags)) > limit:
        weakest, flags, truncated = weakest[:limit], flags[:limit], True
    checks = agreement_checks(graph, agreements_covering(graph, reach.order))
    return WeakestLinkAnswer(
        root=root,
        metric=chosen,
        root_value=root_value,
        weakest=[_weak(graph, i, values[i], reach) for i in weakest],
        flags=[_weak(graph, i, values[i], reach) for i in flags],
        composite=round(composite_availability(graph, [root])[root], DECIMALS),
        agreements=checks,
        not_achievable=[c.id for c in checks if not c.achievable],
        truncated=truncated,
    )


def _values(graph: Graph, reach: Reach, key: str) -> dict[str, int | float]:
    """The metric's value of each live element of the closure that has one, root excluded."""
    values = {}
    for node_id in reach.order[1:]:
        if graph.is_retired(node_id):
            continue
        value = number(graph.nodes[node_id].props, key)
        if value is not None:
            values[node_id] = value
    return values


def _weak(graph: Graph, node_id: str, value: int | float, reach: Reach) -> WeakElement:
    node = graph.nodes[node_id]
    return WeakElement(id=node.id, type=node.type, name=node.name, value=value, path=reach.path(node_id))
