"""Data access for the analyses: fetch the subgraph a question needs, in one read transaction.

Reachability runs in Neo4j (breadth first, `ANY SHORTEST`, never path enumeration); the
nodes and their relationships then come back in one batched query, and the analyses run in
Python on that `Graph`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from app.analysis.graph import Edge, Graph, Node
from app.analysis.whole_model import WholeModel
from app.audit.trail import IDS_KEPT
from app.db.database import Database, Row, Tx
from app.errors import ModelTooLarge
from app.revision_cache import RevisionCache
from app.schema import PILLAR_OF, ElementType, Lifecycle, RelType
from app.stored import element_from_properties

_BATCH = 20_000
_WHOLE_BATCH = 1_000  # elements per row of the whole model (cypher/analysis/get_whole_graph.cypher)
WHOLE_MODEL = "whole_graph"  # the key of the kept model in GraphSource.whole_model
T = TypeVar("T")


# Stored names to their enum members by dict, not by calling the enum: in a profile, calling it
# took more than a third of building the whole model's graph.
_ELEMENT_TYPES = {t.value: t for t in ElementType}
_REL_TYPES = {t.value: t for t in RelType}
_LIFECYCLES = {life.value: life for life in Lifecycle}


def node_of(props: dict[str, Any]) -> Node:
    doc = element_from_properties(props)  # targets and attributes back as maps
    element_type = _ELEMENT_TYPES[doc["type"]]
    return Node(id=doc["id"], type=element_type, name=doc["name"], pillar=PILLAR_OF[element_type],
                lifecycle=_LIFECYCLES[doc.get("lifecycle", Lifecycle.LIVE)], props=doc)


def edges_of(source: str, out: list[Row]) -> list[Edge]:
    return [Edge(source=source, type=_REL_TYPES[r["type"]], target=r["to"],
                 redundancy_group=r["props"].get("redundancy_group"), min_up=r["props"].get("min_up"),
                 props=r["props"]) for r in out]


def _add(rows: Iterable[Row], nodes: dict[str, Node], edges: list[Edge]) -> set[str]:
    """Add fetched elements with their outgoing relationships; answer the ids around them not loaded."""
    around: set[str] = set()
    for row in rows:
        node = node_of(row["props"])
        nodes[node.id] = node
        edges.extend(edges_of(node.id, row["out"]))
        around.update(row["context"])
        around.update(r["to"] for r in row["out"])
    return around - nodes.keys()


_RELATION = re.compile(r" -([A-Z_]+)-> ")


def _ids_in(item: str) -> set[str]:
    """The element ids an audit entry's item may name: the item itself, or both ends of a relation
    label `from -TYPE-> to` (every way of reading it, as ids may hold such text; reading an element
    again that did not change costs a little, missing one would keep it stale)."""
    found = {item}
    for match in _RELATION.finditer(item):
        found.update((item[:match.start()], item[match.end():]))
    return found


def _closure(tx: Tx, query: str, roots: Iterable[str], context: bool, also: Iterable[str]) -> tuple[Graph, set[str]]:
    """A closure query's elements (answered as the second value); with `context`, one ring around
    them too: the agreements, requirements, owners, customers and providers they touch (not followed);
    `also`: elements loaded besides, if they exist (not followed)."""
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    around = _add(tx.rows(query, ids=sorted(set(roots))), nodes, edges)
    closure = set(nodes)
    todo = sorted((around if context else set()) | (set(also) - nodes.keys()))
    for start in range(0, len(todo), _BATCH):
        _add(tx.rows("analysis/get_subgraph", ids=todo[start:start + _BATCH]), nodes, edges)
    return Graph(nodes.values(), edges), closure


def check_size(tx: Tx, max_elements: int | None) -> None:
    """A 503 `model_too_large`, before reading, for a whole model past `max_elements`."""
    if max_elements is None:
        return
    row = tx.single("model/count_elements")
    elements = int(row["elements"]) if row else 0
    if elements > max_elements:
        raise ModelTooLarge(f"the model holds {elements:,} elements; graph-wide questions read at most "
                            f"{max_elements:,} into memory (SIGRAPH_WHOLE_MODEL_MAX_ELEMENTS, about 20 KB each)")


class Snapshot:
    """One read transaction: every graph fetched through it shows the model in the same state."""

    def __init__(self, tx: Tx, whole_model: RevisionCache[WholeModel], reading_whole: threading.Lock,
                 max_elements: int | None = None) -> None:
        self._tx = tx
        self._whole_model = whole_model
        self._reading_whole = reading_whole
        self._max_elements = max_elements
        self._revision: int | None = None

    @property
    def revision(self) -> int:
        """The model revision this transaction sees (read once)."""
        if self._revision is None:
            self._revision = int(self._tx.single("model/get_revision")["revision"])  # type: ignore[index]
        return self._revision

    def _kept_whole(self) -> WholeModel | None:
        """The whole model if it is kept, brought up to this revision when writes changed little
        since: it holds every subgraph a question needs (tests/analysis_db checks that the answers
        are the same). None when none is kept (then no revision is read), or it would take a full read."""
        latest = self._whole_model.latest(WHOLE_MODEL)
        if latest is None:
            return None
        since, model = latest
        if since == self.revision:
            return model
        if since > self.revision:
            return None
        patched = self._brought_up_to_date(since, model, self.revision)
        if patched is not None:
            self._whole_model.put(WHOLE_MODEL, self.revision, patched)
        return patched

    def upstream(self, roots: Iterable[str], *, context: bool = False, also: Iterable[str] = ()) -> Graph:
        """The upstream closure of `roots`. With `context`, also the agreements around it and the
        closure of everything they cover (an agreement may cover elements outside the closure)."""
        kept = self._kept_whole()
        if kept is not None:
            return kept.graph
        roots = list(roots)
        graph, closure = _closure(self._tx, "analysis/get_upstream_subgraph", roots, context, also)
        if context:
            covered = {e.target for n in graph.nodes.values() if n.type == "Agreement"
                       for e in graph.out_edges.get(n.id, ()) if e.type == "COVERS"}
            if not covered <= closure:
                graph, _ = _closure(self._tx, "analysis/get_upstream_subgraph", [*roots, *covered], context, also)
        return graph

    def downstream(self, failed: Iterable[str], *, also: Iterable[str] = ()) -> Graph:
        """Everything that depends on the failed elements, with the ring around it (agreements covering it)."""
        kept = self._kept_whole()
        if kept is not None:
            return kept.graph
        return _closure(self._tx, "analysis/get_downstream_subgraph", failed, True, also)[0]

    def around(self, graph: Graph) -> Graph:
        """`graph` with every element one relationship away from its elements (either way), each
        with the relationships leaving it: what a picture may show around its answer. The kept whole
        model already holds them."""
        kept = self._kept_whole()
        if kept is not None and kept.graph is graph:
            return graph
        nodes = dict(graph.nodes)
        edges = [e for leaving in graph.out_edges.values() for e in leaving]
        _add(self._tx.rows("analysis/get_neighbours", ids=sorted(graph.nodes)), nodes, edges)
        return Graph(nodes.values(), edges)

    def whole(self) -> Graph:
        """The whole model's graph, for the graph-wide analyses; read again only when the model changed."""
        return self.whole_model().graph

    def whole_model(self) -> WholeModel:
        """The whole model with its folds; read again only when the model changed."""
        model = self._kept_whole()
        if model is not None:
            return model
        # One full read at a time: the questions that arrive meanwhile wait, then find it kept
        # (or patch it to their revision) instead of each reading and holding the whole model.
        with self._reading_whole:
            model = self._kept_whole()
            if model is None:
                check_size(self._tx, self._max_elements)
                nodes: dict[str, Node] = {}
                edges: list[Edge] = []
                _add((element for batch in self._tx.stream("analysis/get_whole_graph", batch=_WHOLE_BATCH)
                      for element in batch["elements"]), nodes, edges)
                model = WholeModel(Graph(nodes.values(), edges))
                self._whole_model.put(WHOLE_MODEL, self.revision, model)
        return model

    def _brought_up_to_date(self, since: int, model: WholeModel, until: int) -> WholeModel | None:
        """The kept model patched with what the writes since its revision changed (their audit
        entries name it): the elements named read again with every relationship leaving them.
        None, to read the whole model instead, when an entry is missing (a revision counted outside
        sigraph's writes), names only part of what it changed, or the writes changed much."""
        entries = self._tx.rows("analysis/get_changes_since", since=since, until=until)
        if [e["revision"] for e in entries] != list(range(since + 1, until + 1)):
            return None
        if any(e["ids_total"] >= IDS_KEPT for e in entries):  # a list the trail may have cut
            return None
        named = {i for e in entries for item in e["ids"] for i in _ids_in(item)}
        if len(named) > max(1_000, len(model.graph.nodes) // 10):
            return None
        todo = sorted(named)
        nodes: dict[str, Node] = {}
        out: dict[str, list[Edge]] = {}
        for start in range(0, len(todo), _BATCH):
            for row in self._tx.rows("analysis/get_subgraph", ids=todo[start:start + _BATCH]):
                node = node_of(row["props"])
                nodes[node.id] = node
                out[node.id] = edges_of(node.id, row["out"])
        return model.patched(nodes, out, named)


class GraphSource:
    """Where the analyses read the model: each question in one read transaction, and the whole
    model kept for the graph-wide questions for as long as the model stays at its revision."""

    def __init__(self, db: Database, whole_model: RevisionCache[WholeModel] | None = None, *,
                 max_elements: int | None = None) -> None:
        self.db = db
        self.whole_model: RevisionCache[WholeModel] = whole_model if whole_model is not None else RevisionCache(1)
        self.max_elements = max_elements  # the largest whole model read (None: any)
        self._reading_whole = threading.Lock()

    def read(self, fetch: Callable[[Snapshot], T]) -> T:
        """`fetch` in one read transaction (retried whole by the driver, so it must only read)."""
        return self.db.read(lambda tx: fetch(Snapshot(tx, self.whole_model, self._reading_whole, self.max_elements)))
