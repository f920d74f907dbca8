"""Data access for the analyses: fetch the subgraph a question needs, in one read transaction.

Reachability runs in Neo4j (breadth first, `ANY SHORTEST`, never path enumeration); the
nodes and their relationships then come back in one batched query, and the analyses run in
Python on that `Graph`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.analysis.graph import Edge, Graph, Node
from app.db.database import Database, Row, Tx
from app.model.documents import element_from_properties

_BATCH = 20_000


def _node(props: dict[str, Any]) -> Node:
    doc = element_from_properties(props)  # targets and attributes back as maps
    return Node(id=doc["id"], type=doc["type"], name=doc["name"], pillar=doc.get("pillar", ""),
                lifecycle=doc.get("lifecycle", "live"), props=doc)


def _edges(source: str, out: list[Row]) -> list[Edge]:
    return [Edge(source=source, type=r["type"], target=r["to"], redundancy_group=r["props"].get("redundancy_group"),
                 min_up=r["props"].get("min_up"), props=r["props"]) for r in out]


def _add(rows: Iterable[Row], nodes: dict[str, Node], edges: list[Edge]) -> set[str]:
    """Add fetched elements with their outgoing relationships; answer the ids around them not loaded."""
    around: set[str] = set()
    for row in rows:
        node = _node(row["props"])
        nodes[node.id] = node
        edges.extend(_edges(node.id, row["out"]))
        around.update(row["context"])
        around.update(r["to"] for r in row["out"])
    return around - nodes.keys()


def _closure(tx: Tx, query: str, roots: Iterable[str], context: bool) -> tuple[Graph, set[str]]:
    """A closure query's elements (answered as the second value); with `context`, one ring around
    them too: the agreements, requirements, owners, customers and providers they touch (not followed)."""
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    around = _add(tx.rows(query, ids=sorted(set(roots))), nodes, edges)
    closure = set(nodes)
    if context:
        todo = sorted(around)
        for start in range(0, len(todo), _BATCH):
            _add(tx.rows("analysis/get_subgraph", ids=todo[start:start + _BATCH]), nodes, edges)
    return Graph(nodes.values(), edges), closure


def upstream_graph(db: Database, roots: Iterable[str], *, context: bool = False) -> Graph:
    """The upstream closure of `roots`. With `context`, also the agreements around it and the
    closure of everything they cover (an agreement may cover elements outside the closure)."""
    roots = list(roots)

    def work(tx: Tx) -> Graph:
        graph, closure = _closure(tx, "analysis/get_upstream_subgraph", roots, context)
        if context:
            covered = {e.target for n in graph.nodes.values() if n.type == "Agreement"
                       for e in graph.out_edges.get(n.id, ()) if e.type == "COVERS"}
            if not covered <= closure:
                graph, _ = _closure(tx, "analysis/get_upstream_subgraph", [*roots, *covered], context)
        return graph

    return db.read(work)


def downstream_graph(db: Database, failed: Iterable[str]) -> Graph:
    """Everything that depends on the failed elements, with the ring around it (agreements covering it)."""
    failed = list(failed)
    return db.read(lambda tx: _closure(tx, "analysis/get_downstream_subgraph", failed, context=True)[0])


def whole_graph(db: Database) -> Graph:
    """The whole model, for the graph-wide analyses; read again only when the model changed
    (every write counts a revision in its own transaction: see model/bump_revision)."""

    def work(tx: Tx) -> Graph:
        revision = tx.single("model/get_revision")["revision"]  # type: ignore[index]
        cached = db.memo.get("whole_graph")
        if cached is not None and cached[0] == revision:
            return cached[1]  # type: ignore[no-any-return]
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        _add(tx.stream("analysis/get_whole_graph"), nodes, edges)
        graph = Graph(nodes.values(), edges)
        db.memo["whole_graph"] = (revision, graph)
        return graph

    return db.read(work)

