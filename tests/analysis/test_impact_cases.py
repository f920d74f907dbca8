"""Impact edge cases: cycles, retired elements, shares as min_up, depth bounds, customers, agreements."""

from __future__ import annotations

import pytest

from app.analysis import InvalidFailedSet, check_failed_set, failed_set_problems, impact
from app.analysis.answers import ImpactAnswer
from app.analysis.graph import Graph, Node
from app.schema import ElementType as T
from app.schema import RelType as R
from tests.analysis.worked_example import edge, node, worked_example_parts


def _states(answer: ImpactAnswer) -> dict[str, str]:
    return {a.id: a.state for a in answer.affected}


def _systems(*ids: str, **lifecycles: str) -> list[Node]:
    return [node(i, T.SYSTEM, lifecycles.get(i, "live")) for i in ids]


def test_impact_on_mutual_backup_cycle_goes_down_only_when_forced() -> None:
    # A and B back each other up; each also has its own host. Losing both hosts leaves the
    # cycle standing on itself: the least fixpoint keeps them up (degraded), nothing forces them down.
    graph = Graph(_systems("A", "B", "HA", "HB"), [
        edge("A", R.RUNS_ON, "B", "g"), edge("A", R.RUNS_ON, "HA", "g"),
        edge("B", R.RUNS_ON, "A", "g"), edge("B", R.RUNS_ON, "HB", "g"),
    ])
    assert _states(impact(graph, ["HA"])) == {"A": "degraded", "B": "degraded"}
    assert _states(impact(graph, ["HA", "HB"])) == {"A": "degraded", "B": "degraded"}


def test_impact_on_required_cycle_is_forced_down_and_terminates() -> None:
    graph = Graph(_systems("A", "B", "C", "R"), [
        edge("R", R.RUNS_ON, "A"), edge("A", R.RUNS_ON, "B"), edge("B", R.RUNS_ON, "A"),
        edge("B", R.RUNS_ON, "C"),
    ])
    answer = impact(graph, ["C"])
    assert _states(answer) == {"A": "down", "B": "down", "R": "down"}
    assert {a.id: a.path for a in answer.affected} == {
        "B": ["B", "C"], "A": ["A", "B", "C"], "R": ["R", "A", "B", "C"],
    }


def test_impact_path_ties_go_to_the_smallest_id() -> None:
    graph = Graph(_systems("A", "B", "C", "F"), [
        edge("A", R.RUNS_ON, "C"), edge("A", R.RUNS_ON, "B"), edge("B", R.RUNS_ON, "F"),
        edge("C", R.RUNS_ON, "F"),
    ])
    assert {a.id: a.path for a in impact(graph, ["F"]).affected}["A"] == ["A", "B", "F"]


def test_degraded_by_a_degraded_dependency_names_it() -> None:
    nodes, edges = worked_example_parts()
    answer = impact(Graph(nodes, edges), ["X"])
    assert {a.id: a.reason for a in answer.affected}["P"] == "dependency S1 is degraded"


def test_down_by_a_failed_group_gives_the_tally() -> None:
    graph = Graph(_systems("S", "X", "Y", "Z"), [
        edge("S", R.RUNS_ON, m, "dc", 2) for m in ("X", "Y", "Z")
    ])
    answer = impact(graph, ["X", "Y"])
    assert [(a.id, a.state, a.reason) for a in answer.affected] == [
        ("S", "down", "redundancy group dc: 1 of 3 up, needs 2"),
    ]


@pytest.mark.parametrize(("failed", "expected"), [
    (["A"], "degraded"), (["A", "B"], "degraded"), (["A", "B", "C"], "down"),
])
def test_min_up_as_a_share_rounds_up(failed: list[str], expected: str) -> None:
    # 4 members at "50%" need 2 up; "30%" would need ceil(1.2) = 2 as well
    graph = Graph(_systems("S", "A", "B", "C", "D"), [
        edge("S", R.RUNS_ON, m, "g", "50%") for m in ("A", "B", "C", "D")
    ])
    assert _states(impact(graph, failed)) == {"S": expected}


def test_min_up_given_as_text_is_a_count() -> None:
    graph = Graph(_systems("S", "A", "B", "C"), [edge("S", R.RUNS_ON, m, "g", "2") for m in ("A", "B", "C")])
    assert _states(impact(graph, ["A"])) == {"S": "degraded"}
    assert _states(impact(graph, ["A", "B"])) == {"S": "down"}


def test_retired_elements_stay_up_in_groups_and_pass_nothing_on() -> None:
    # S runs on X or R (R retired): losing X leaves R up. T runs on retired R2, which runs on X:
    # R2 never passes the failure on, so T is untouched.
    graph = Graph(_systems("S", "X", "T", "R", "R2", R="retired", R2="retired"), [
        edge("S", R.RUNS_ON, "X", "g"), edge("S", R.RUNS_ON, "R", "g"),
        edge("T", R.RUNS_ON, "R2"), edge("R2", R.RUNS_ON, "X"),
    ])
    answer = impact(graph, ["X"])
    assert _states(answer) == {"S": "degraded"}
    assert answer.affected[0].reason == "redundancy group g: 1 of 2 up, needs 1"


def test_failed_set_naming_retired_or_unknown_is_refused() -> None:
    graph = Graph(_systems("A", "R", R="retired"), [])
    assert failed_set_problems(graph, ["A", "R", "nope"]) == (["nope"], ["R"])
    with pytest.raises(InvalidFailedSet) as caught:
        impact(graph, ["R", "nope"])
    assert caught.value.retired == ["R"] and caught.value.unknown == ["nope"]
    assert isinstance(caught.value, ValueError)
    check_failed_set(graph, ["A"])  # no error


def test_max_depth_bounds_the_traversal_and_says_truncated() -> None:
    graph = Graph(_systems("A", "B", "C", "D"), [
        edge("A", R.RUNS_ON, "B"), edge("B", R.RUNS_ON, "C"), edge("C", R.RUNS_ON, "D"),
    ])
    short = impact(graph, ["D"], max_depth=1)
    assert _states(short) == {"C": "down"} and short.truncated
    full = impact(graph, ["D"], max_depth=3)
    assert _states(full) == {"C": "down", "B": "down", "A": "down"} and not full.truncated


def test_result_cap_says_truncated() -> None:
    graph = Graph(_systems("A", "B", "C"), [edge("A", R.RUNS_ON, "C"), edge("B", R.RUNS_ON, "C")])
    answer = impact(graph, ["C"], limit=1)
    assert [a.id for a in answer.affected] == ["A"] and answer.truncated


def test_customers_and_agreements_at_risk() -> None:
    nodes, edges = worked_example_parts()
    nodes += [
        node("C1", T.ORGANIZATION, kind="customer"), node("C2", T.ORGANIZATION, kind="customer"),
        node("SLA1", T.AGREEMENT, kind="SLA"), node("SLA2", T.AGREEMENT, kind="SLA"),
        node("OLD", T.AGREEMENT, "retired", kind="SLA"),
    ]
    edges += [
        edge("C1", R.CONSUMES, "P"), edge("C2", R.CONSUMES, "S2"),
        edge("SLA1", R.COVERS, "P"), edge("SLA1", R.COVERS, "S1"), edge("SLA2", R.COVERS, "X"),
        edge("OLD", R.COVERS, "P"),
    ]
    answer = impact(Graph(nodes, edges), ["X"])
    assert _states(answer)["C1"] == "degraded"  # customers are affected too
    assert [(c.id, c.state, c.consumes) for c in answer.customers_at_risk] == [("C1", "degraded", ["P"])]
    assert {a.id: [(c.id, c.state) for c in a.covered] for a in answer.agreements_at_risk} == {
        "SLA1": [("P", "degraded"), ("S1", "degraded")], "SLA2": [("X", "failed")],
    }
