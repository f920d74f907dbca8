"""Random models loaded into Neo4j: every answer through the data-access layer equals the engine's
answer on the whole model in memory (so the subgraph each question fetches is complete)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import analysis
from app.analysis import service
from app.analysis.graph import Graph
from app.analysis.repository import GraphSource
from app.db.database import Database
from app.model.answers import ImportMode
from app.model.service import WriteBy, import_model
from app.schema import Metric
from tests.analysis.strategies import element_ids, models
from tests.analysis_db.documents import graph_document

BOUNDS = service.Bounds(default_depth=25, max_depth=100, result_limit=10_000)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(graph=models(), data=st.data())
def test_answers_from_the_database_equal_the_engine_on_the_whole_model(
        db: Database, graph: Graph, data: st.DataObject) -> None:
    import_model(db=db, document=graph_document(graph), mode=ImportMode.REPLACE, by=WriteBy("test"))
    # per-element questions read their own subgraphs (a source that never keeps the whole model);
    # the graph-wide ones keep it, and per-element questions asked after them run on it
    source, whole = GraphSource(db), GraphSource(db)
    ids = element_ids(graph)
    root = data.draw(st.sampled_from(ids))
    as_of = date(2026, 1, 1)

    assert service.dependencies_of(source=source, bounds=BOUNDS, element_id=root) == \
        analysis.dependencies(graph, root, max_depth=25, limit=10_000)
    assert service.spofs_of(source=source, bounds=BOUNDS, element_id=root) == \
        analysis.single_points_of_failure(graph, root, max_depth=25, limit=10_000)
    for metric in Metric:
        assert service.weakest_link_of(source=source, bounds=BOUNDS, element_id=root, metric=metric) == \
            analysis.weakest_link(graph, root, metric=metric, max_depth=25, limit=10_000)
    assert service.supply_chain_of_element(source=whole, bounds=BOUNDS, element_id=root,
                                           asked=service.ComplianceQuestion(as_of=as_of)) == \
        analysis.supply_chain(graph, root, as_of=as_of, limit=10_000)
    live = [i for i in ids if graph.nodes[i].lifecycle != "retired"]
    if live:
        failed = sorted(set(data.draw(st.lists(st.sampled_from(live), min_size=1, max_size=3))))
        for asked in (source, whole):
            assert service.impact_of(source=asked, bounds=BOUNDS, failed=failed) == \
                analysis.impact(graph, failed, max_depth=25, limit=10_000)
    assert service.critical_elements_of(source=whole, bounds=BOUNDS) == analysis.critical_elements(graph, limit=10_000)
    assert service.portfolio_of(source=whole, bounds=BOUNDS) == analysis.portfolio(graph, limit=10_000)
    assert service.dependencies_of(source=whole, bounds=BOUNDS, element_id=root) == \
        analysis.dependencies(graph, root, max_depth=25, limit=10_000)
