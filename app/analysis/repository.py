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


def _ids(tx: Tx, query: str, roots: Iterable[str]) -> set[str]:
    return {row["id"] for row in tx.rows(query, ids=sorted(set(roots)))}


def _load(tx: Tx, ids: set[str], nodes: dict[str, Node], edges: list[Edge]) -> set[str]:
    """Add the elements `ids` (not yet loaded) with their outgoing relationships; answer their context ids."""
    todo = sorted(ids - nodes.keys())
    context: set[str] = set()
    for start in range(0, len(todo), _BATCH):
        for row in tx.rows("analysis/get_subgraph", ids=todo[start:start + _BATCH]):
            node = _node(row["props"])
            nodes[node.id] = node
            edges.extend(_edges(node.id, row["out"]))
            context.update(row["context"])
            context.update(r["to"] for r in row["out"])
    return context - nodes.keys()


def _with_context(tx: Tx, core: set[str]) -> Graph:
    """The core elements, then one ring of context around them: requirements, agreements, owners,
    customers, providers (with their own outgoing relationships, not followed further)."""
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    context = _load(tx, core, nodes, edges)
    _load(tx, context, nodes, edges)
    return Graph(nodes.values(), edges)


def upstream_graph(db: Database, roots: Iterable[str], *, extra_roots_of_covered: bool = False) -> Graph:
    """The upstream closure of `roots` with its context; optionally also the closure of everything
    the agreements found there cover (an agreement may cover elements outside the closure)."""
    roots = list(roots)

    def work(tx: Tx) -> Graph:
        core = _ids(tx, "analysis/get_upstream_ids", roots)
        graph = _with_context(tx, core)
        if extra_roots_of_covered:
            covered = {e.target for n in graph.nodes.values() if n.type == "Agreement"
                       for e in graph.out_edges.get(n.id, ()) if e.type == "COVERS"}
            if covered - core:
                core |= _ids(tx, "analysis/get_upstream_ids", covered - core)
                graph = _with_context(tx, core)
        return graph

    return db.read(work)


def downstream_graph(db: Database, failed: Iterable[str]) -> Graph:
    """Everything that depends on the failed elements, with its context (agreements covering it)."""
    failed = list(failed)
    return db.read(lambda tx: _with_context(tx, _ids(tx, "analysis/get_downstream_ids", failed) | set(failed)))


def whole_graph(db: Database) -> Graph:
    """The whole model, for the graph-wide analyses."""

    def work(tx: Tx) -> Graph:
        nodes, edges = [], []
        for row in tx.stream("analysis/get_whole_graph"):
            node = _node(row["props"])
            nodes.append(node)
            edges.extend(_edges(node.id, row["out"]))
        return Graph(nodes, edges)

    return db.read(work)


def owned_by(graph: Graph, organization: str) -> list[str]:
    """What an organisation OWNS (its elements start a focal organisation's supply chain)."""
    return sorted(e.target for e in graph.out_edges.get(organization, ()) if e.type == "OWNS")
