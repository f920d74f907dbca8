"""The worked example of spec/analysis.md as a Graph (A depends on B is written A -> B there)."""

from __future__ import annotations

from typing import Any

from app.analysis.graph import Edge, Graph, Node
from app.schema import PILLAR_OF, ElementType, Lifecycle, RelType

T = ElementType


def node(node_id: str, node_type: ElementType, lifecycle: str = "live", **props: Any) -> Node:
    """An element with its pillar from the schema; props are the stored properties."""
    return Node(node_id, node_type, f"name of {node_id}", PILLAR_OF[node_type], Lifecycle(lifecycle), props)


def edge(source: str, rel: RelType, target: str, group: str | None = None,
         min_up: int | str | None = None, **props: Any) -> Edge:
    return Edge(source, rel, target, group, min_up, props)


def worked_example_parts() -> tuple[list[Node], list[Edge]]:
    """The nodes and edges of the worked example, to extend in other tests."""
    nodes = [
        node("P", T.SERVICE_PACKAGE, availability=1.0, service_level=3),
        node("S1", T.SERVICE, availability=1.0, service_level=3),
        node("S2", T.SERVICE, availability=0.995, service_level=2),
        node("X", T.SYSTEM, availability=0.99, service_level=3),
        node("Y", T.SYSTEM, availability=0.999, service_level=3),
        node("O1", T.ORGANIZATION, service_level=3),
        node("O2", T.ORGANIZATION, service_level=1),
        node("O3", T.ORGANIZATION, service_level=2),
    ]
    edges = [
        edge("P", RelType.INCLUDES, "S1"),
        edge("P", RelType.INCLUDES, "S2"),
        edge("S1", RelType.RUNS_ON, "X", "dc", 1),
        edge("S1", RelType.RUNS_ON, "Y", "dc", 1),
        edge("S2", RelType.RUNS_ON, "Y"),
        edge("S1", RelType.PROVIDED_BY, "O1"),
        edge("O1", RelType.SUPPLIED_BY, "O2"),
        edge("O2", RelType.SUPPLIED_BY, "O3"),
    ]
    return nodes, edges


def worked_example() -> Graph:
    """The worked example exactly as spec/analysis.md states it."""
    nodes, edges = worked_example_parts()
    return Graph(nodes, edges)
