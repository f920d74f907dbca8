"""The kept whole model is brought up to date from what each write changed, and is then the very
graph a full read gives, with graph-wide answers equal to those on a full read: after every kind
of write, in any order, on random models."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.analysis.graph import Graph
from app.analysis.portfolio import LowestLevels, portfolio
from app.analysis.repository import GraphSource
from app.analysis.spof import Criticality, critical_elements
from app.analysis.supply_chain import SupplyReach, supply_chain
from app.bench.generate import generate_model
from app.db.database import Database
from app.errors import InvalidInput
from app.model import elements
from app.model.answers import ImportMode
from app.model.codec import read_document_file
from app.model.demo import DEMO_PATH
from app.model.service import WriteBy, import_model
from app.revision_cache import RevisionCache
from app.schema import ElementType, RelType
from tests.analysis.strategies import models
from tests.analysis_db.documents import graph_document


def _shape(graph: Graph) -> dict[str, Any]:
    """Everything the analyses read of a graph, comparable."""
    def edges(index: dict[str, list[Any]]) -> dict[str, list[str]]:
        return {k: sorted(json.dumps([e.source, e.type, e.target, dict(e.props)], sort_keys=True, default=str)
                          for e in v) for k, v in index.items() if v}

    return {"nodes": {i: (n.type, n.name, n.lifecycle, json.dumps(dict(n.props), sort_keys=True, default=str))
                      for i, n in graph.nodes.items()},
            "out": edges(graph.out_edges), "in": edges(graph.in_edges),
            "needs": {i: graph.needs(i) for i in graph.nodes},
            "successors": {i: graph.successors(i) for i in graph.nodes}}


def _kept_and_fresh(source: GraphSource, db: Database) -> tuple[Graph, Graph]:
    """The kept model brought up to date, and a fresh read; the graph-wide answers on the kept one
    (from its folds, carried through the writes) are those of the fresh one."""
    kept = source.read(lambda s: s.whole_model())
    fresh = GraphSource(db).read(lambda s: s.whole())
    assert critical_elements(kept.graph, criticality=kept.fold(Criticality)) == critical_elements(fresh)
    assert portfolio(kept.graph, lowest=kept.fold(LowestLevels)) == portfolio(fresh)
    reach = kept.fold(SupplyReach)
    for package in (n.id for n in fresh.nodes_of_type(ElementType.SERVICE_PACKAGE)):
        assert supply_chain(kept.graph, package, supply_reach=reach) == supply_chain(fresh, package)
    return kept.graph, fresh


def test_each_kind_of_write_patches_the_kept_model(db: Database) -> None:
    import_model(db=db, document=read_document_file(DEMO_PATH), mode=ImportMode.REPLACE, by=WriteBy("test"))
    source = GraphSource(db, RevisionCache(1))
    first = _kept_and_fresh(source, db)[0]  # the folds computed on the first, then carried
    first_shape = _shape(first)
    writes: list[Callable[[], object]] = [
        lambda: elements.put_element(db=db, element_id="sys-dc-north", actor="test",
                                     body={"type": "System", "name": "DC North", "availability": 0.9}),
        lambda: elements.put_relation(db=db, actor="test", body={"from": "svc-service-desk", "type": "RUNS_ON",
                                                                  "to": "sys-dc-north"}),
        lambda: elements.delete_relation(db=db, source="svc-service-desk", rel_type=RelType.RUNS_ON,
                                         target="sys-dc-north", actor="test"),
        lambda: elements.put_element(db=db, element_id="sys-new", actor="test",
                                     body={"type": "System", "name": "New"}),
        lambda: elements.delete_element(db=db, element_id="org-fieldforce", actor="test"),
        lambda: import_model(db=db, document={"elements": [{"id": "sys-new", "type": "System", "name": "Renamed"}],
                                              "relations": [{"from": "svc-service-desk", "type": "RUNS_ON",
                                                             "to": "sys-new"}]},
                             mode=ImportMode.MERGE, by=WriteBy("test")),
    ]
    previous = first
    for write in writes:
        write()
        kept, fresh = _kept_and_fresh(source, db)
        assert _shape(kept) == _shape(fresh)
        assert kept is not previous and kept.nodes is not previous.nodes
        # patched, not read again: what no write named is the very same object
        assert kept.nodes["pkg-modern-workplace"] is previous.nodes["pkg-modern-workplace"]
        previous = kept
    assert _shape(first) == first_shape != _shape(previous)  # the first graph, perhaps in use, is left as it was
    assert "org-fieldforce" in first.nodes and "org-fieldforce" not in previous.nodes


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=models(), after=models(), data=st.data())
def test_a_replace_or_merge_of_another_model_patches_to_the_same_graph(
        db: Database, before: Graph, after: Graph, data: st.DataObject) -> None:
    import_model(db=db, document=graph_document(before), mode=ImportMode.REPLACE, by=WriteBy("test"))
    source = GraphSource(db, RevisionCache(1))
    _kept_and_fresh(source, db)
    mode = data.draw(st.sampled_from([ImportMode.REPLACE, ImportMode.MERGE]))
    with contextlib.suppress(InvalidInput):  # a merge the rules refuse (a group's min_up) changes nothing
        import_model(db=db, document=graph_document(after), mode=mode, by=WriteBy("test"))
    kept, fresh = _kept_and_fresh(source, db)
    assert _shape(kept) == _shape(fresh)


def test_questions_asked_together_share_one_read_of_the_whole_model(db: Database) -> None:
    import_model(db=db, document=generate_model(3_000), mode=ImportMode.REPLACE, by=WriteBy("test"))
    source = GraphSource(db)
    start = threading.Barrier(4)

    def ask() -> Graph:
        start.wait()
        return source.read(lambda s: s.whole())

    with ThreadPoolExecutor(4) as pool:
        graphs = list(pool.map(lambda _: ask(), range(4)))
    assert all(g is graphs[0] for g in graphs)  # one graph read; the others waited for it
