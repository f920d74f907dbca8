"""Upstream dependencies of an element: its closure by breadth-first search (spec/analysis.md).

This is the structural view: retired elements are listed (with their lifecycle) and followed,
since they are still modelled as needed; the other analyses let them take no part.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.analysis.answers import DependenciesAnswer, DependencyEdge, DependencyNode
from app.analysis.errors import UnknownElement, check_bound
from app.analysis.graph import Graph, Node
from app.analysis.traversal import Reach, upstream


def dependencies(
    graph: Graph,
    root: str,
    *,
    max_depth: int | None = None,
    pillars: Iterable[str] | str | None = None,
    types: Iterable[str] | str | None = None,
    limit: int | None = None,
) -> DependenciesAnswer:
    """Everything root needs, transitively, each at the depth of its shortest path.

    Needs in the Graph: root and its upstream closure (every element reachable over
    dependency relationships, to max_depth hops when bounded) with every dependency
    relationship leaving those elements (targets one hop past max_depth need not be loaded).
    Filters choose which elements are answered, not which are traversed; ``limit`` caps the
    answered elements (nearest first).
    """
    check_bound("max_depth", max_depth)
    check_bound("limit", limit)
    if root not in graph.nodes:
        raise UnknownElement(root)
    reach = upstream(graph, root, max_depth=max_depth, structural=True)
    chosen = [graph.nodes[i] for i in reach.order[1:] if wanted(graph.nodes[i], pillars, types)]
    chosen.sort(key=lambda n: (reach.depth[n.id], n.id))
    truncated = reach.truncated
    if limit is not None and len(chosen) > limit:
        chosen, truncated = chosen[:limit], True
    return DependenciesAnswer(
        root=root,
        nodes=[_node(n, reach) for n in chosen],
        edges=edges_among(graph, {root, *(n.id for n in chosen)}),
        truncated=truncated,
    )


def _as_set(values: Iterable[str] | str | None) -> set[str] | None:
    """A filter value as a set; a bare string is one value, not its characters."""
    if values is None:
        return None
    return {values} if isinstance(values, str) else set(values)


def wanted(node: Node, pillars: Iterable[str] | str | None, types: Iterable[str] | str | None) -> bool:
    """Whether a reached element passes the pillar and type filters."""
    pillar_set, type_set = _as_set(pillars), _as_set(types)
    return (pillar_set is None or node.pillar in pillar_set) and (type_set is None or node.type in type_set)


def _node(node: Node, reach: Reach) -> DependencyNode:
    return DependencyNode(
        id=node.id, type=node.type, name=node.name, pillar=node.pillar, lifecycle=node.lifecycle,
        depth=reach.depth[node.id], path=reach.path(node.id),
    )


def edges_among(graph: Graph, ids: set[str]) -> list[DependencyEdge]:
    """The dependency relationships whose both ends are in ids, sorted by (from, type, to)."""
    found = []
    for source in ids:
        needs = graph.needs(source)
        min_ups = {g.name: g.min_up for g in needs.groups}
        for e in graph.dependencies_of(source):
            if e.target in ids:
                group = e.redundancy_group
                found.append(DependencyEdge(
                    from_=e.source, type=e.type, to=e.target, redundancy_group=group,
                    min_up=min_ups[group] if group is not None else None,
                ))
    found.sort(key=lambda d: (d.from_, d.type, d.to))
    return found
