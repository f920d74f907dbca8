"""The in-memory subgraph the analyses run on, as the data-access layer fetches it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.schema import DEPENDENCY_TYPES, REL_RULES, ElementType, Lifecycle, Pillar, RelType
from app.stored import resolve_min_up

# Relationship type names that carry dependency, for a fast membership test on hot paths.
_DEPENDENCY_NAMES: frozenset[str] = frozenset(t.value for t in DEPENDENCY_TYPES)


@dataclass(frozen=True, slots=True)
class Node:
    """One element: the fields the analyses read, the rest in ``props``."""

    id: str
    type: ElementType
    name: str
    pillar: Pillar
    lifecycle: Lifecycle = Lifecycle.LIVE
    # every other stored property as imported: service_level, availability, xla_score,
    # kind, roles, category, tags, targets (a dict for agreements), ...
    props: Mapping[str, Any] = field(default_factory=dict)

    @property
    def retired(self) -> bool:
        return self.lifecycle == Lifecycle.RETIRED


@dataclass(frozen=True, slots=True)
class Edge:
    """One relationship, ``source`` -[type]-> ``target``; ``props`` holds status, valid_until, point, ..."""

    source: str
    type: RelType
    target: str
    redundancy_group: str | None = None
    min_up: int | str | None = None
    props: Mapping[str, Any] = field(default_factory=dict)

    @property
    def dependency(self) -> bool:
        return REL_RULES[self.type].dependency

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.type, self.target)


@dataclass(frozen=True, slots=True)
class Group:
    """A redundancy group of one element: its member edges and how many must stay up."""

    name: str
    members: tuple[Edge, ...]
    min_up: int

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def can_lose(self) -> int:
        """How many members may be down before the group fails."""
        return self.size - self.min_up


@dataclass(frozen=True, slots=True)
class Needs:
    """An element's dependency edges: those required outright and its redundancy groups."""

    required: tuple[Edge, ...]
    groups: tuple[Group, ...]


def _needs_of(edges: list[Edge]) -> Needs:
    """Split dependency edges into required ones and groups (min_up resolved, clamped to 1..size)."""
    required: list[Edge] = []
    grouped: dict[str, list[Edge]] = {}
    for e in edges:
        if e.redundancy_group is None:
            required.append(e)
        else:
            grouped.setdefault(e.redundancy_group, []).append(e)
    groups = []
    for name in sorted(grouped):
        members = grouped[name]
        # spec: min_up is on every member or on none; take the first one given
        raw = next((m.min_up for m in members if m.min_up is not None), None)
        min_up = min(max(resolve_min_up(raw, len(members)), 1), len(members))
        groups.append(Group(name, tuple(members), min_up))
    return Needs(tuple(required), tuple(groups))


_NO_NEEDS = Needs((), ())


class Graph:
    """Nodes by id and edges indexed both ways; edges may point at nodes not loaded.

    Every index is built here, once: a graph may be shared between request threads (the whole
    model is), so after construction it is only read.
    """

    def __init__(self, nodes: Iterable[Node], edges: Iterable[Edge]) -> None:
        self.nodes: dict[str, Node] = {n.id: n for n in nodes}
        self.out_edges: dict[str, list[Edge]] = {}
        self.in_edges: dict[str, list[Edge]] = {}
        for e in edges:
            self.out_edges.setdefault(e.source, []).append(e)
            self.in_edges.setdefault(e.target, []).append(e)
        self._needs: dict[str, Needs] = {}
        self._successors: dict[str, list[str]] = {}
        for source in self.out_edges:
            self._index(source)

    def patched(self, nodes: dict[str, Node], out: dict[str, list[Edge]], removed: set[str]) -> Graph:
        """A new graph: this one with `nodes` put (each with every relationship leaving it, `out`) and
        `removed` taken out with the relationships at either end. This graph is left as it was (it
        may be shared): the new one copies only the edge lists that change, and indexes again only
        the elements whose relationships changed (in the whole model every relationship joins two
        loaded elements, so no other element's successors change)."""
        survivors = {e.source for gone in removed for e in self.in_edges.get(gone, ())} - removed
        sources = nodes.keys() | removed | survivors
        graph = Graph.__new__(Graph)
        graph.nodes = {**self.nodes, **nodes}
        graph.out_edges = dict(self.out_edges)
        graph.in_edges = dict(self.in_edges)
        graph._needs = dict(self._needs)
        graph._successors = dict(self._successors)
        for gone in removed:
            graph.nodes.pop(gone, None)
            graph.in_edges.pop(gone, None)
        # the sources' old relationships out of their targets' lists (new lists: the old graph keeps its own)
        owned = {e.target for s in sources for e in self.out_edges.get(s, ())} - removed
        for target in owned:
            graph.in_edges[target] = [e for e in self.in_edges.get(target, ()) if e.source not in sources]
        for source in sources:
            if source in nodes:
                leaving = out.get(source, [])
            elif source in survivors:
                leaving = [e for e in self.out_edges[source] if e.target not in removed]
            else:
                leaving = []
            if leaving:
                graph.out_edges[source] = leaving
            else:
                graph.out_edges.pop(source, None)
            for e in leaving:
                if e.target not in owned:
                    graph.in_edges[e.target] = list(self.in_edges.get(e.target, ()))
                    owned.add(e.target)
                graph.in_edges[e.target].append(e)
        for target in owned:
            if not graph.in_edges[target]:
                del graph.in_edges[target]
        for source in sources:
            graph._index(source)
        return graph

    def _index(self, source: str) -> None:
        dependencies = self.dependencies_of(source)
        if dependencies:
            self._needs[source] = _needs_of(dependencies)
            self._successors[source] = sorted({e.target for e in dependencies if e.target in self.nodes})
        else:
            self._needs.pop(source, None)
            self._successors.pop(source, None)

    def dependencies_of(self, node_id: str) -> list[Edge]:
        return [e for e in self.out_edges.get(node_id, ()) if e.type in _DEPENDENCY_NAMES]

    def dependents_of(self, node_id: str) -> list[Edge]:
        return [e for e in self.in_edges.get(node_id, ()) if e.type in _DEPENDENCY_NAMES]

    def is_retired(self, node_id: str) -> bool:
        """Whether a loaded element is retired; an element not loaded is not."""
        node = self.nodes.get(node_id)
        return node is not None and node.retired

    def needs(self, node_id: str) -> Needs:
        """The element's dependency edges split into required ones and redundancy groups."""
        return self._needs.get(node_id, _NO_NEEDS)

    def group(self, node_id: str, name: str) -> Group:
        """One redundancy group of an element, by name."""
        return next(g for g in self.needs(node_id).groups if g.name == name)

    def successors(self, node_id: str) -> list[str]:
        """Loaded targets of the element's dependency edges, sorted, without repeats (do not change it)."""
        return self._successors.get(node_id, [])

    def live_successors(self, node_id: str) -> list[str]:
        """Successors that matter for propagation: a retired element passes nothing on."""
        return [] if self.is_retired(node_id) else self.successors(node_id)

    def out_of_type(self, node_id: str, rel_type: str) -> list[Edge]:
        """Outgoing edges of one relationship type."""
        return [e for e in self.out_edges.get(node_id, ()) if e.type == rel_type]

    def in_of_type(self, node_id: str, rel_type: str) -> list[Edge]:
        """Incoming edges of one relationship type."""
        return [e for e in self.in_edges.get(node_id, ()) if e.type == rel_type]

    def nodes_of_type(self, node_type: str) -> list[Node]:
        """Loaded elements of one type, sorted by id."""
        return sorted((n for n in self.nodes.values() if n.type == node_type), key=lambda n: n.id)
