"""Impact, single points of failure and critical elements against the naive reference, on random models."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.analysis import critical_elements, impact, single_points_of_failure
from app.analysis.graph import Graph
from app.schema import ElementType, RelType
from tests.analysis import reference as ref
from tests.analysis.strategies import element_ids, models

EXAMPLES = settings(max_examples=150, deadline=None)


def _live_ids(graph: Graph) -> list[str]:
    return [i for i in element_ids(graph) if graph.nodes[i].lifecycle != "retired"]


@EXAMPLES
@given(graph=models(), data=st.data())
def test_impact_states_match_repeated_passes(graph: Graph, data: st.DataObject) -> None:
    live = _live_ids(graph)
    failed = set(data.draw(st.lists(st.sampled_from(live), min_size=1, max_size=3))) if live else set()
    answer = impact(graph, failed)
    down, degraded = ref.states(graph, failed)
    assert set(answer.failed) == failed
    assert {a.id for a in answer.affected if a.state == "down"} == down - failed
    assert {a.id for a in answer.affected if a.state == "degraded"} == degraded


@EXAMPLES
@given(graph=models(), data=st.data())
def test_impact_paths_are_shortest_explanations(graph: Graph, data: st.DataObject) -> None:
    live = _live_ids(graph)
    failed = set(data.draw(st.lists(st.sampled_from(live), min_size=1, max_size=3))) if live else set()
    answer = impact(graph, failed)
    down, degraded = ref.states(graph, failed)
    distance = ref.explanation_distance(graph, failed, down, degraded)
    for a in answer.affected:
        assert a.path[0] == a.id and a.path[-1] in failed
        assert ref.is_chain(graph, a.path)
        assert len(a.path) - 1 == distance[a.id]
        assert a.path[1] in ref.explanation_steps(graph, a.id, down, degraded)
        assert a.reason == ref.reason(graph, a.id, a.path[1], down)
    steps = {v: sorted(ref.explanation_steps(graph, v, down, degraded)) for v in down | degraded}
    for a in answer.affected:
        assert a.path == ref.least_path(steps, a.id, failed, distance[a.id])


@EXAMPLES
@given(graph=models(), data=st.data())
def test_impact_customers_and_agreements(graph: Graph, data: st.DataObject) -> None:
    live = _live_ids(graph)
    failed = set(data.draw(st.lists(st.sampled_from(live), min_size=1, max_size=2))) if live else set()
    answer = impact(graph, failed)
    down, degraded = ref.states(graph, failed)
    hit = down | degraded
    customers = {v for v in hit - failed if graph.nodes[v].type == ElementType.ORGANIZATION
                 and any(e.type == RelType.CONSUMES for e in graph.out_edges.get(v, []))}
    assert {c.id for c in answer.customers_at_risk} == customers
    at_risk = {(e.source, e.target) for v in hit for e in graph.in_edges.get(v, []) if e.type == RelType.COVERS}
    assert {(a.id, c.id) for a in answer.agreements_at_risk for c in a.covered} == at_risk


@EXAMPLES
@given(graph=models(), data=st.data())
def test_spofs_match_failing_each_candidate(graph: Graph, data: st.DataObject) -> None:
    root = data.draw(st.sampled_from(element_ids(graph)))
    answer = single_points_of_failure(graph, root)
    assert {s.id for s in answer.spofs} == ref.spofs(graph, root)
    dist = ref.distances(graph, root, live=True)
    for s in answer.spofs:
        assert s.path[0] == root and s.path[-1] == s.id
        assert ref.is_chain(graph, s.path) and len(s.path) - 1 == dist[s.id]
        assert s.path == ref.least_shortest_path(graph, root, s.id, live=True)


@settings(max_examples=100, deadline=None)
@given(graph=models(max_nodes=7))
def test_critical_elements_match_reference(graph: Graph) -> None:
    answer = critical_elements(graph)
    assert {e.id: (e.packages_down, e.customers_down) for e in answer.elements} == ref.critical(graph)
    keys = [(-e.packages_down, -e.customers_down, e.id) for e in answer.elements]
    assert keys == sorted(keys)
