"""Dependencies, weakest link, composite availability, supply chain and portfolio against the reference."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.analysis import composite_availability, dependencies, portfolio, supply_chain, weakest_link
from app.analysis.graph import Graph
from app.analysis.traversal import strongly_connected
from app.schema import ElementType, Metric
from tests.analysis import reference as ref
from tests.analysis.strategies import element_ids, models

EXAMPLES = settings(max_examples=150, deadline=None)


@EXAMPLES
@given(graph=models(), data=st.data())
def test_dependencies_match_plain_bfs(graph: Graph, data: st.DataObject) -> None:
    root = data.draw(st.sampled_from(element_ids(graph)))
    answer = dependencies(graph, root)
    dist = ref.distances(graph, root, live=False)
    assert {n.id: n.depth for n in answer.nodes} == {v: d for v, d in dist.items() if v != root}
    for n in answer.nodes:
        assert n.path[0] == root and n.path[-1] == n.id and len(n.path) - 1 == n.depth
        assert n.path == ref.least_shortest_path(graph, root, n.id, live=False)
    ends = {root} | {n.id for n in answer.nodes}
    expected = {(e.source, e.type, e.target) for v in ends for e in graph.out_edges.get(v, [])
                if e.type in ref.DEP and e.target in ends}
    assert {(e.from_, e.type, e.to) for e in answer.edges} == expected


@EXAMPLES
@given(graph=models(), data=st.data())
def test_dependencies_depth_bound_and_cap(graph: Graph, data: st.DataObject) -> None:
    root = data.draw(st.sampled_from(element_ids(graph)))
    max_depth = data.draw(st.integers(1, 3))
    limit = data.draw(st.integers(1, 5))
    answer = dependencies(graph, root, max_depth=max_depth, limit=limit)
    dist = {v: d for v, d in ref.distances(graph, root, live=False).items() if v != root}
    within = {v for v, d in dist.items() if d <= max_depth}
    assert {n.id for n in answer.nodes} <= within and len(answer.nodes) == min(limit, len(within))
    assert answer.truncated == (len(within) < len(dist) or len(within) > limit)


@EXAMPLES
@given(graph=models(), data=st.data(), metric=st.sampled_from(list(Metric)))
def test_weakest_link_matches_reference(graph: Graph, data: st.DataObject, metric: Metric) -> None:
    root = data.draw(st.sampled_from(element_ids(graph)))
    answer = weakest_link(graph, root, metric=metric)
    values = ref.metric_values(graph, root, metric.value)
    lowest = min(values.values(), default=None)
    assert {w.id for w in answer.weakest} == {v for v, x in values.items() if x == lowest}
    own = graph.nodes[root].props.get(metric.value)
    assert {f.id for f in answer.flags} == ({v for v, x in values.items() if x < own} if own is not None else set())
    dist = ref.distances(graph, root, live=True)
    for w in [*answer.weakest, *answer.flags]:
        assert w.path[0] == root and w.path[-1] == w.id and len(w.path) - 1 == dist[w.id]
        assert ref.is_chain(graph, w.path)
        assert w.path == ref.least_shortest_path(graph, root, w.id, live=True)


@EXAMPLES
@given(graph=models(acyclic=True))
def test_composite_on_dags_matches_recursive_formula(graph: Graph) -> None:
    assert ref.is_acyclic(graph)
    composite = composite_availability(graph, element_ids(graph))
    memo: dict[str, float] = {}
    for v in element_ids(graph):
        assert composite[v] == pytest.approx(ref.composite_dag(graph, v, memo), abs=1e-12)


@EXAMPLES
@given(graph=models())
def test_composite_with_cycles_is_a_probability_shared_by_each_block(graph: Graph) -> None:
    composite = composite_availability(graph, element_ids(graph))
    assert all(0.0 <= a <= 1.0 + 1e-12 for a in composite.values())
    for block in strongly_connected(element_ids(graph), graph.live_successors):
        assert len({composite[v] for v in block}) == 1


@EXAMPLES
@given(graph=models(), data=st.data())
def test_supply_chain_tiers_match_relaxation(graph: Graph, data: st.DataObject) -> None:
    offerings = [v for v in element_ids(graph) if graph.nodes[v].type != ElementType.ORGANIZATION]
    if not offerings:
        return
    root = data.draw(st.sampled_from(offerings))
    answer = supply_chain(graph, root)
    assert {o.id: o.tier for t in answer.tiers for o in t.organizations} == ref.tiers_from_offering(graph, root)
    for o in (o for t in answer.tiers for o in t.organizations):
        assert o.path[0] == root and o.path[-1] == o.id and ref.is_chain(graph, o.path)


@EXAMPLES
@given(graph=models())
def test_portfolio_lowest_service_level(graph: Graph) -> None:
    answer = portfolio(graph)
    for offering in [*answer.pipeline, *answer.live, *answer.retired]:
        assert offering.lowest_service_level == ref.lowest_level(graph, offering.id)
        assert graph.nodes[offering.id].lifecycle == next(
            name for name in ("pipeline", "live", "retired") if offering in getattr(answer, name)
        )


@EXAMPLES
@given(graph=models(), data=st.data())
def test_concentration_matches_each_package_chain(graph: Graph, data: st.DataObject) -> None:
    offerings = [v for v in element_ids(graph) if graph.nodes[v].type != ElementType.ORGANIZATION]
    if not offerings:
        return
    root = data.draw(st.sampled_from(offerings))
    answer = supply_chain(graph, root)
    packages = [p for p in element_ids(graph)
                if graph.nodes[p].type == ElementType.SERVICE_PACKAGE and graph.nodes[p].lifecycle == "live"]
    chain = set(ref.tiers_from_offering(graph, root))
    scope = {v for v in ref.distances(graph, root, live=True) if not ref.retired(graph, v)} | chain
    expected = {}
    for org in chain:
        shared = sorted(p for p in packages if org in ref.tiers_from_offering(graph, p))
        sole = sorted({e.source for v in scope for e in graph.out_edges.get(v, [])
                       if e.target == org and e.type in ("PROVIDED_BY", "SUPPLIED_BY") and e.redundancy_group is None})
        if len(shared) >= 2 or sole:
            expected[org] = (shared, sole)
    assert {c.organization: (c.packages, c.sole_provider_of) for c in answer.concentration} == expected
