"""Weakest link, composite availability on cycles and retired elements, agreement achievability."""

from __future__ import annotations

from typing import Any

import pytest

from app.analysis import AnalysisInputError, composite_availability, weakest_link
from app.analysis.graph import Graph, Node
from app.schema import ElementType as T
from app.schema import RelType as R
from tests.analysis.worked_example import edge, node, worked_example, worked_example_parts


def _system(node_id: str, availability: float | None = None, lifecycle: str = "live", **props: Any) -> Node:
    if availability is not None:
        props["availability"] = availability
    return node(node_id, T.SYSTEM, lifecycle, **props)


def test_ties_are_all_returned_each_with_its_path() -> None:
    nodes, edges = worked_example_parts()
    nodes = [node("Y", T.SYSTEM, availability=0.999, service_level=1) if n.id == "Y" else n for n in nodes]
    answer = weakest_link(Graph(nodes, edges), "P", metric="service_level")
    assert [(w.id, w.value, w.path) for w in answer.weakest] == [
        ("O2", 1, ["P", "S1", "O1", "O2"]), ("Y", 1, ["P", "S1", "Y"]),
    ]


def test_availability_metric_uses_own_values() -> None:
    answer = weakest_link(worked_example(), "P", metric="availability")
    assert [(w.id, w.value) for w in answer.weakest] == [("X", 0.99)]
    assert {f.id for f in answer.flags} == {"X", "Y", "S2"}  # below P's own 1.0


def test_unset_values_are_skipped_and_no_root_value_means_no_flags() -> None:
    graph = Graph([_system("R"), _system("A"), _system("B", xla_score=4)],
                  [edge("R", R.RUNS_ON, "A"), edge("R", R.RUNS_ON, "B")])
    answer = weakest_link(graph, "R", metric="xla_score")
    assert [w.id for w in answer.weakest] == ["B"] and answer.flags == [] and answer.root_value is None


def test_retired_elements_are_neither_weakest_nor_traversed() -> None:
    graph = Graph(
        [_system("R", service_level=3), _system("OLD", lifecycle="retired", service_level=1),
         _system("BEHIND", service_level=1), _system("OK", service_level=2)],
        [edge("R", R.RUNS_ON, "OLD"), edge("OLD", R.RUNS_ON, "BEHIND"), edge("R", R.RUNS_ON, "OK")],
    )
    assert [w.id for w in weakest_link(graph, "R", metric="service_level").weakest] == ["OK"]


def test_unknown_metric_is_refused() -> None:
    with pytest.raises(AnalysisInputError):
        weakest_link(worked_example(), "P", metric="colour")


def test_depth_bound_truncates() -> None:
    answer = weakest_link(worked_example(), "P", metric="service_level", max_depth=2)
    assert [w.id for w in answer.weakest] == ["S2"] and answer.truncated


def test_cycle_is_one_block_with_external_dependencies() -> None:
    graph = Graph([_system("R"), _system("A", 0.9), _system("B", 0.8), _system("C", 0.5)], [
        edge("R", R.RUNS_ON, "A"), edge("A", R.RUNS_ON, "B"), edge("B", R.RUNS_ON, "A"), edge("A", R.RUNS_ON, "C"),
    ])
    composite = composite_availability(graph, ["R"])
    assert composite["A"] == composite["B"] == composite["R"] == pytest.approx(0.9 * 0.8 * 0.5)


@pytest.mark.parametrize(("min_up", "expected"), [(1, 0.72), (2, 0.72 * 0.75), (3, 0.72 * 0.25)])
def test_group_member_inside_the_block_counts_as_up(min_up: int, expected: float) -> None:
    graph = Graph([_system("A", 0.9), _system("B", 0.8), _system("H", 0.5), _system("K", 0.5)], [
        edge("A", R.RUNS_ON, "B", "g", min_up), edge("A", R.RUNS_ON, "H", "g", min_up),
        edge("A", R.RUNS_ON, "K", "g", min_up), edge("B", R.RUNS_ON, "A"),
    ])
    assert composite_availability(graph, ["A"])["A"] == pytest.approx(expected)


def test_retired_counts_as_up_with_availability_one() -> None:
    graph = Graph([_system("R", 0.9), _system("OLD", 0.1, "retired"), _system("X", 0.5)],
                  [edge("R", R.RUNS_ON, "OLD"), edge("OLD", R.RUNS_ON, "X")])
    assert composite_availability(graph, ["R"]) == {"R": 0.9, "OLD": 1.0}


def _with_agreements(*agreements: tuple[str, dict[str, Any], list[str]]) -> Graph:
    nodes, edges = worked_example_parts()
    nodes = [node(n.id, T(n.type), xla_score={"S1": 3.5, "O2": 4.5}[n.id], **n.props)
             if n.id in ("S1", "O2") else n for n in nodes]
    for aid, targets, covers in agreements:
        nodes.append(node(aid, T.AGREEMENT, kind="SLA", targets=targets))
        edges += [edge(aid, R.COVERS, c) for c in covers]
    return Graph(nodes, edges)


def test_agreement_above_composite_availability_is_not_achievable() -> None:
    graph = _with_agreements(("HIGH", {"availability": 0.999}, ["P"]), ("LOW", {"availability": 0.99}, ["S2"]))
    answer = weakest_link(graph, "P", metric="availability")
    checks = {a.id: a for a in answer.agreements}
    assert answer.not_achievable == ["HIGH"]
    assert checks["HIGH"].checks[0].actual == pytest.approx(0.99399506, abs=1e-9)
    assert checks["LOW"].achievable and checks["LOW"].checks[0].element == "S2"


@pytest.mark.parametrize(("satisfaction", "achievable"), [(3.5, True), (4, False)])
def test_satisfaction_target_against_lowest_xla_in_closure(satisfaction: float, achievable: bool) -> None:
    graph = _with_agreements(("XLA", {"satisfaction": satisfaction}, ["P"]))
    [check] = weakest_link(graph, "P", metric="xla_score").agreements
    assert check.achievable is achievable
    assert (check.checks[0].actual, check.checks[0].element) == (3.5, "S1")


def test_agreements_outside_the_closure_are_not_checked() -> None:
    graph = _with_agreements(("ELSEWHERE", {"availability": 0.5}, ["S2"]))
    assert weakest_link(graph, "S1", metric="availability").agreements == []
