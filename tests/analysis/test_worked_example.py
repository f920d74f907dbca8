"""Every answer spec/analysis.md states for its worked example."""

from __future__ import annotations

from typing import Any

import pytest

from app.analysis import (
    composite_availability,
    dependencies,
    impact,
    single_points_of_failure,
    supply_chain,
    weakest_link,
)
from app.analysis.graph import Graph
from tests.analysis.worked_example import worked_example


@pytest.fixture
def graph() -> Graph:
    return worked_example()


def test_dependencies_of_p_with_depths(graph: Graph) -> None:
    answer = dependencies(graph, "P")
    assert {n.id: n.depth for n in answer.nodes} == {
        "S1": 1, "S2": 1, "X": 2, "Y": 2, "O1": 2, "O2": 3, "O3": 4,
    }
    assert {n.id: n.path for n in answer.nodes}["O3"] == ["P", "S1", "O1", "O2", "O3"]
    assert not answer.truncated


def test_dependencies_edges_among_answered(graph: Graph) -> None:
    edges = dependencies(graph, "P").model_dump(by_alias=True)["edges"]
    assert {(e["from"], e["type"], e["to"]) for e in edges} == {
        ("P", "INCLUDES", "S1"), ("P", "INCLUDES", "S2"), ("S1", "RUNS_ON", "X"), ("S1", "RUNS_ON", "Y"),
        ("S2", "RUNS_ON", "Y"), ("S1", "PROVIDED_BY", "O1"), ("O1", "SUPPLIED_BY", "O2"),
        ("O2", "SUPPLIED_BY", "O3"),
    }


def _states(answer_affected: list[Any]) -> dict[str, str]:
    return {a.id: a.state for a in answer_affected}


def test_impact_of_x_degrades_s1_and_p(graph: Graph) -> None:
    answer = impact(graph, ["X"])
    assert answer.failed == ["X"]
    assert _states(answer.affected) == {"S1": "degraded", "P": "degraded"}
    s1 = next(a for a in answer.affected if a.id == "S1")
    assert s1.reason == "redundancy group dc: 1 of 2 up, needs 1"
    assert s1.path == ["S1", "X"]


def test_impact_of_y_takes_p_down_through_s2(graph: Graph) -> None:
    answer = impact(graph, ["Y"])
    assert _states(answer.affected) == {"S2": "down", "S1": "degraded", "P": "down"}
    by_id = {a.id: a for a in answer.affected}
    assert by_id["P"].path == ["P", "S2", "Y"]
    assert by_id["P"].reason == "required dependency S2 is down"
    assert by_id["S2"].reason == "required dependency Y is down"
    assert by_id["S1"].reason == "redundancy group dc: 1 of 2 up, needs 1"


def test_impact_of_o2_takes_o1_s1_p_down(graph: Graph) -> None:
    answer = impact(graph, ["O2"])
    assert _states(answer.affected) == {"O1": "down", "S1": "down", "P": "down"}
    assert {a.id: a.path for a in answer.affected}["P"] == ["P", "S1", "O1", "O2"]


def test_single_points_of_failure_of_p(graph: Graph) -> None:
    answer = single_points_of_failure(graph, "P")
    assert {s.id for s in answer.spofs} == {"S1", "S2", "Y", "O1", "O2", "O3"}
    assert {s.id: s.path for s in answer.spofs}["Y"] == ["P", "S1", "Y"]


def test_weakest_link_of_p_on_service_level(graph: Graph) -> None:
    answer = weakest_link(graph, "P", metric="service_level")
    assert [(w.id, w.value, w.path) for w in answer.weakest] == [("O2", 1, ["P", "S1", "O1", "O2"])]
    assert {f.id: f.value for f in answer.flags} == {"S2": 2, "O2": 1, "O3": 2}


def test_composite_availability_numbers(graph: Graph) -> None:
    composite = composite_availability(graph, ["P"])
    assert composite["S1"] == pytest.approx(0.99999, abs=1e-12)
    assert composite["S2"] == pytest.approx(0.994005, abs=1e-12)
    assert composite["P"] == pytest.approx(0.99399506, abs=1e-9)
    assert weakest_link(graph, "P", metric="availability").composite == pytest.approx(0.99399506, abs=1e-9)


def test_supply_chain_from_p_by_tier(graph: Graph) -> None:
    answer = supply_chain(graph, "P")
    tiers = {o.id: o.tier for t in answer.tiers for o in t.organizations}
    assert tiers == {"O1": 1, "O2": 2, "O3": 3}
    paths = {o.id: o.path for t in answer.tiers for o in t.organizations}
    assert paths["O3"] == ["P", "S1", "O1", "O2", "O3"]
