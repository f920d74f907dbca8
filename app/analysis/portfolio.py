"""The portfolio: offerings by lifecycle with requirements, consumers, agreements, lowest service level.

Offerings are the ServicePackages and the Services consumed directly (some organisation
CONSUMES them). The lowest service level is taken over the offering itself and its
dependency closure (retired elements take no part), computed for all offerings in one
memoised pass over the strongly connected components.
"""

from __future__ import annotations

from app.analysis.answers import AgreementRef, Offering, PortfolioAnswer, Ref, RequirementRef
from app.analysis.availability import number
from app.analysis.errors import check_bound
from app.analysis.graph import Graph, Node
from app.analysis.incremental import components_to_refold
from app.analysis.measured import offering_period
from app.analysis.traversal import strongly_connected
from app.schema import ElementType, Lifecycle, RelType

Lowest = tuple[int | float, str] | None  # (service level, element holding it)


def portfolio(graph: Graph, *, limit: int | None = None, lowest: LowestLevels | None = None) -> PortfolioAnswer:
    """Every offering, grouped by lifecycle (pipeline, live, retired), each list capped at limit.

    Needs in the Graph: the whole model, or at least every ServicePackage and Service with
    their upstream closures and every dependency relationship leaving them, plus the
    REQUIRES, CONSUMES and COVERS relationships touching the offerings, with the Requirement,
    Organization and Agreement nodes at their other ends. `lowest`: the levels kept with the
    whole model, when it is this graph.
    """
    check_bound("limit", limit)
    levels = (lowest if lowest is not None else LowestLevels.of(graph)).levels
    groups: dict[str, list[Offering]] = {life.value: [] for life in Lifecycle}
    for node in offerings(graph):
        life = node.lifecycle if node.lifecycle in groups else Lifecycle.LIVE.value
        groups[life].append(_offering(graph, node, _lowest_of(graph, node, levels)))
    truncated = limit is not None and any(len(g) > limit for g in groups.values())
    if limit is not None:
        groups = {life: offerings[:limit] for life, offerings in groups.items()}
    return PortfolioAnswer(
        pipeline=groups[Lifecycle.PIPELINE], live=groups[Lifecycle.LIVE], retired=groups[Lifecycle.RETIRED],
        truncated=truncated,
    )


def offerings(graph: Graph) -> list[Node]:
    """ServicePackages and the Services some organisation consumes, sorted by id."""
    packages = graph.nodes_of_type(ElementType.SERVICE_PACKAGE)
    services = [
        s for s in graph.nodes_of_type(ElementType.SERVICE) if graph.in_of_type(s.id, RelType.CONSUMES)
    ]
    return sorted(packages + services, key=lambda n: n.id)


class LowestLevels:
    """For every element, the lowest service level over it and its live closure (retired: None).
    Kept with the whole model and carried to the next revision from what a write changed."""

    def __init__(self, levels: dict[str, Lowest]) -> None:
        self.levels = levels

    @classmethod
    def of(cls, graph: Graph) -> LowestLevels:
        levels: dict[str, Lowest] = {}
        _fold(graph, levels, strongly_connected(graph.nodes, graph.live_successors))
        return cls(levels)

    def carried(self, graph: Graph, affected: set[str], gone: set[str]) -> LowestLevels:
        """These levels on the whole model `graph`, patched from the one they were computed on."""
        levels = dict(self.levels)
        for node_id in gone:
            levels.pop(node_id, None)
        _fold(graph, levels, components_to_refold(graph, affected))
        return LowestLevels(levels)


def _fold(graph: Graph, levels: dict[str, Lowest], components: list[list[str]]) -> None:
    """Each component's lowest level from its own and its dependencies' (components dependencies first)."""
    for component in components:
        inside = set(component)
        candidates: list[Lowest] = [_own(graph, n) for n in component]
        candidates += [levels[t] for n in component for t in graph.live_successors(n) if t not in inside]
        best = min((c for c in candidates if c is not None), default=None)
        for node_id in component:
            levels[node_id] = best


def _own(graph: Graph, node_id: str) -> Lowest:
    """The element's own service level with its id, None when unset or retired."""
    if graph.is_retired(node_id):
        return None
    value = number(graph.nodes[node_id].props, "service_level")
    return None if value is None else (value, node_id)


def _lowest_of(graph: Graph, node: Node, lowest: dict[str, Lowest]) -> Lowest:
    """An offering's lowest level; a retired offering still counts itself and its live dependencies."""
    if not node.retired:
        return lowest[node.id]
    value = number(node.props, "service_level")
    candidates = [lowest[t] for t in graph.successors(node.id)]
    candidates.append(None if value is None else (value, node.id))
    return min((c for c in candidates if c is not None), default=None)


def _offering(graph: Graph, node: Node, lowest: Lowest) -> Offering:
    return Offering(
        id=node.id, type=node.type, name=node.name, lifecycle=node.lifecycle,
        requirements=[
            RequirementRef(id=r.id, name=r.name, category=r.props.get("category"))
            for r in _ends(graph, [e.target for e in graph.out_of_type(node.id, RelType.REQUIRES)])
        ],
        consumers=[
            Ref(id=c.id, name=c.name)
            for c in _ends(graph, [e.source for e in graph.in_of_type(node.id, RelType.CONSUMES)])
        ],
        agreements=[
            AgreementRef(id=a.id, name=a.name, kind=a.props.get("kind"))
            for a in _ends(graph, [e.source for e in graph.in_of_type(node.id, RelType.COVERS)])
        ],
        lowest_service_level=None if lowest is None else int(lowest[0]),
        lowest_service_level_at=None if lowest is None else lowest[1],
        last_period=offering_period(graph, node.id),
    )


def _ends(graph: Graph, ids: list[str]) -> list[Node]:
    """The loaded, non-retired elements among ids, sorted by id, without repeats."""
    return [graph.nodes[i] for i in sorted(set(ids)) if i in graph.nodes and not graph.is_retired(i)]
