"""The in-memory subgraph the analyses run on, as the data-access layer fetches it."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.schema import REL_RULES, RelType


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
    """A group's min_up as a member count: unset is 1, "50%" is a share rounded up."""
    if value is None:
        return 1
    if isinstance(value, str):
        share = float(value.strip().rstrip("%"))
        return math.ceil(group_size * share / 100 - 1e-9)
    return int(value)


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
        return [e for e in self.out_edges.get(node_id, ()) if e.dependency]

    def dependents_of(self, node_id: str) -> list[Edge]:
        return [e for e in self.in_edges.get(node_id, ()) if e.dependency]
