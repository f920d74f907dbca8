"""The in-memory subgraph the analyses run on, as the data-access layer fetches it."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.schema import DEPENDENCY_TYPES, REL_RULES, RelType

# Relationship type names that carry dependency, for a fast membership test on hot paths.
_DEPENDENCY_NAMES: frozenset[str] = frozenset(t.value for t in DEPENDENCY_TYPES)


@dataclass(frozen=True, slots=True)
class Node:
    """One element: the fields the analyses read, the rest in ``props``."""

    id: str
    type: str
    name: str
    pillar: str
    lifecycle: str = "live"
    # every other stored property as imported: service_level, availability, xla_score,
    # kind, roles, category, tags, targets (a dict for agreements), ...
    props: Mapping[str, Any] = field(default_factory=dict)

    @property
    def retired(self) -> bool:
        return self.lifecycle == "retired"


@dataclass(frozen=True, slots=True)
class Edge:
    """One relationship, ``source`` -[type]-> ``target``; ``props`` holds status, valid_until, point, ..."""

    source: str
    type: str
    target: str
    redundancy_group: str | None = None
    min_up: int | str | None = None
    props: Mapping[str, Any] = field(default_factory=dict)

    @property
    def dependency(self) -> bool:
        return REL_RULES[RelType(self.type)].dependency


def resolve_min_up(value: int | str | None, group_size: int) -> int:
    """A group's min_up as a member count: unset is 1, "50%" is a share rounded up, "2" is 2."""
    if value is None:
        return 1
    if isinstance(value, str):
        text = value.strip()
        if not text.endswith("%"):
            return int(float(text))  # a count sent as a string, e.g. from YAML
        share = float(text.rstrip("%"))
        return math.ceil(group_size * share / 100 - 1e-9)
    return int(value)


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


class Graph:
    """Nodes by id and edges indexed both ways; edges may point at nodes not loaded."""

    def __init__(self, nodes: Iterable[Node], edges: Iterable[Edge]) -> None:
        self.nodes: dict[str, Node] = {n.id: n for n in nodes}
        self.out_edges: dict[str, list[Edge]] = {}
        self.in_edges: dict[str, list[Edge]] = {}
        for e in edges:
            self.out_edges.setdefault(e.source, []).append(e)
            self.in_edges.setdefault(e.target, []).append(e)

    def dependencies_of(self, node_id: str) -> list[Edge]:
        return [e for e in self.out_edges.get(node_id, ()) if e.type in _DEPENDENCY_NAMES]

    def dependents_of(self, node_id: str) -> list[Edge]:
        return [e for e in self.in_edges.get(node_id, ()) if e.type in _DEPENDENCY_NAMES]

    # -- helpers for the analyses (caches are built lazily: the constructor stays as it is) --

    def is_retired(self, node_id: str) -> bool:
        """Whether a loaded element is retired; an element not loaded is not."""
        node = self.nodes.get(node_id)
        return node is not None and node.retired

    def needs(self, node_id: str) -> Needs:
        """The element's dependency edges split into required ones and redundancy groups (cached)."""
        cache: dict[str, Needs] = self.__dict__.setdefault("_needs_cache", {})
        found = cache.get(node_id)
        if found is None:
            found = cache[node_id] = _needs_of(self.dependencies_of(node_id))
        return found

    def group(self, node_id: str, name: str) -> Group:
        """One redundancy group of an element, by name."""
        return next(g for g in self.needs(node_id).groups if g.name == name)

    def successors(self, node_id: str) -> list[str]:
        """Loaded targets of the element's dependency edges, sorted, without repeats (cached)."""
        cache: dict[str, list[str]] = self.__dict__.setdefault("_succ_cache", {})
        found = cache.get(node_id)
        if found is None:
            targets = {e.target for e in self.dependencies_of(node_id) if e.target in self.nodes}
            found = cache[node_id] = sorted(targets)
        return found

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
