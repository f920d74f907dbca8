"""Dependencies (filters, bounds, cycles, retired) and the portfolio."""

from __future__ import annotations

import pytest

from app.analysis import InvalidBound, UnknownElement, dependencies, portfolio
from app.analysis.graph import Graph
from app.schema import ElementType as T
from app.schema import RelType as R
from tests.analysis.worked_example import edge, node, worked_example, worked_example_parts


def test_filters_choose_answers_not_traversal() -> None:
    answer = dependencies(worked_example(), "P", types=["Organization"])
    assert {n.id: n.depth for n in answer.nodes} == {"O1": 2, "O2": 3, "O3": 4}
    assert {(e.from_, e.to) for e in answer.edges} == {("O1", "O2"), ("O2", "O3")}
    by_pillar = dependencies(worked_example(), "P", pillars="technology")
    assert [n.id for n in by_pillar.nodes] == ["X", "Y"]


def test_max_depth_and_limit_truncate() -> None:
    answer = dependencies(worked_example(), "P", max_depth=2)
    assert {n.id for n in answer.nodes} == {"S1", "S2", "X", "Y", "O1"} and answer.truncated
    assert not dependencies(worked_example(), "P", max_depth=4).truncated
    capped = dependencies(worked_example(), "P", limit=3)
    assert [n.id for n in capped.nodes] == ["S1", "S2", "O1"] and capped.truncated


def test_cycles_terminate_and_the_root_is_never_an_answer() -> None:
    graph = Graph([node(i, T.SYSTEM) for i in "ABC"], [
        edge("A", R.RUNS_ON, "B"), edge("B", R.RUNS_ON, "C"), edge("C", R.RUNS_ON, "A"), edge("A", R.RUNS_ON, "A"),
    ])
    assert {n.id: n.depth for n in dependencies(graph, "A").nodes} == {"B": 1, "C": 2}


def test_retired_elements_are_listed_with_their_lifecycle() -> None:
    graph = Graph([node("R", T.SYSTEM), node("OLD", T.SYSTEM, "retired"), node("X", T.SYSTEM)],
                  [edge("R", R.RUNS_ON, "OLD"), edge("OLD", R.RUNS_ON, "X")])
    assert {n.id: n.lifecycle for n in dependencies(graph, "R").nodes} == {"OLD": "retired", "X": "live"}


def test_edges_serialise_with_from_and_resolved_min_up() -> None:
    body = dependencies(worked_example(), "S1").model_dump(mode="json")
    assert {"from": "S1", "type": "RUNS_ON", "to": "X", "redundancy_group": "dc", "min_up": 1} in body["edges"]


def test_bad_bounds_and_unknown_root_are_refused() -> None:
    with pytest.raises(InvalidBound):
        dependencies(worked_example(), "P", max_depth=0)
    with pytest.raises(UnknownElement):
        dependencies(worked_example(), "nope")


def test_portfolio_by_lifecycle() -> None:
    nodes, edges = worked_example_parts()
    nodes += [
        node("NEW", T.SERVICE_PACKAGE, "pipeline", service_level=4), node("OLDP", T.SERVICE_PACKAGE, "retired"),
        node("DIRECT", T.SERVICE, service_level=2), node("C1", T.ORGANIZATION, kind="customer"),
        node("REQ", T.REQUIREMENT, category="security"), node("SLA", T.AGREEMENT, kind="SLA"),
    ]
    edges += [
        edge("NEW", R.INCLUDES, "S2"), edge("OLDP", R.INCLUDES, "S1"),
        edge("C1", R.CONSUMES, "DIRECT"), edge("C1", R.CONSUMES, "P"),
        edge("P", R.REQUIRES, "REQ"), edge("SLA", R.COVERS, "P"),
    ]
    answer = portfolio(Graph(nodes, edges))
    assert [o.id for o in answer.pipeline] == ["NEW"]
    assert [o.id for o in answer.live] == ["DIRECT", "P"]  # S1, S2 are not consumed directly
    assert [o.id for o in answer.retired] == ["OLDP"]
    p = next(o for o in answer.live if o.id == "P")
    assert [r.id for r in p.requirements] == ["REQ"] and [c.id for c in p.consumers] == ["C1"]
    assert [(a.id, a.kind) for a in p.agreements] == [("SLA", "SLA")]
    assert (p.lowest_service_level, p.lowest_service_level_at) == (1, "O2")
    assert answer.pipeline[0].lowest_service_level == 2  # S2 at 2 below its own 4
    assert answer.retired[0].lowest_service_level == 1  # a retired offering still shows its chain
    assert portfolio(Graph(nodes, edges), limit=1).truncated
