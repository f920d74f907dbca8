"""In-memory analysis graphs as model documents, to load them into the real database."""

from __future__ import annotations

from typing import Any

from app.analysis.graph import Graph


def graph_document(graph: Graph) -> dict[str, Any]:
    elements = [{"id": n.id, "type": n.type, "name": n.name, "lifecycle": n.lifecycle, **n.props}
                for n in graph.nodes.values()]
    relations = []
    for edges in graph.out_edges.values():
        for e in edges:
            item: dict[str, Any] = {"from": e.source, "type": e.type, "to": e.target, **e.props}
            if e.redundancy_group is not None:
                item["redundancy_group"] = e.redundancy_group
            if e.min_up is not None:
                item["min_up"] = e.min_up
            relations.append(item)
    return {"elements": elements, "relations": relations}
