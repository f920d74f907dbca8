"""What a write changed for the graph-wide values folded over the dependency closure.

Each such value of an element (its failure set, its lowest service level, the organisations it
reaches) is a function of the element itself and of the values of its dependencies. After a write
only the elements whose own part changed, and the elements that depend on them, can hold a
different value; every other value carries over as it was. A strongly connected component is
either wholly affected or not at all (each of its elements reaches the others), so the affected
components can be folded again in dependency order, reading the carried values around them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.analysis.graph import Graph
from app.analysis.traversal import strongly_connected


def _own_part(graph: Graph, node_id: str) -> tuple[Any, ...] | None:
    """What a fold reads of one element itself: its kind, lifecycle and level, and every relationship
    leaving it (dependencies with their groups, and CONSUMES, which makes an organisation a customer)."""
    node = graph.nodes.get(node_id)
    if node is None:
        return None
    return (node.type, node.lifecycle, node.props.get("service_level"), tuple(graph.out_edges.get(node_id, ())))


def changed_elements(before: Graph, after: Graph, named: Iterable[str]) -> set[str]:
    """The elements whose own part differs between the graphs, among those the writes named and the
    sources of relationships into a named element (one removed, even if put back by a later write,
    took those relationships with it)."""
    named = set(named)
    candidates = named | {e.source for v in named for e in before.in_edges.get(v, ())}
    return {v for v in candidates if _own_part(before, v) != _own_part(after, v)}


def affected_by(graph: Graph, changed: set[str]) -> set[str]:
    """The changed elements still in the graph and every element depending on one of them (over any
    dependency relationship, retired or not: a dependent reads the changed element's value)."""
    affected = {v for v in changed if v in graph.nodes}
    todo = list(affected)
    while todo:
        for e in graph.dependents_of(todo.pop()):
            if e.source not in affected:
                affected.add(e.source)
                todo.append(e.source)
    return affected


def components_to_refold(graph: Graph, affected: set[str]) -> list[list[str]]:
    """The affected elements' strongly connected components, dependencies first."""
    return strongly_connected(affected, lambda v: [t for t in graph.live_successors(v) if t in affected])
