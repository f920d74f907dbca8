"""Single points of failure and critical elements: cycles, retired elements, bounds, ranking."""

from __future__ import annotations

import pytest

from app.analysis import UnknownElement, critical_elements, single_points_of_failure
from app.analysis.graph import Graph, Node
from app.schema import ElementType as T
from app.schema import RelType as R
from tests.analysis.worked_example import edge, node, worked_example_parts


def _spofs(graph: Graph, root: str, **bounds: int) -> set[str]:
    return {s.id for s in single_points_of_failure(graph, root, **bounds).spofs}


def _systems(*ids: str, **lifecycles: str) -> list[Node]:
    return [node(i, T.SYSTEM, lifecycles.get(i, "live")) for i in ids]


def test_required_cycle_members_are_all_spofs() -> None:
    graph = Graph(_systems("R", "A", "B", "C"), [
        edge("R", R.RUNS_ON, "A"), edge("A", R.RUNS_ON, "B"), edge("B", R.RUNS_ON, "A"), edge("B", R.RUNS_ON, "C"),
    ])
    assert _spofs(graph, "R") == {"A", "B", "C"}
    assert _spofs(graph, "A") == {"B", "C"}  # the root itself is never an answer


def test_mutual_backup_cycle_absorbs_single_failures() -> None:
    # A and B back each other up: losing HA alone leaves A on B, so only A (required by R) is a SPOF
    graph = Graph(_systems("R", "A", "B", "HA", "HB"), [
        edge("R", R.RUNS_ON, "A"),
        edge("A", R.RUNS_ON, "B", "g"), edge("A", R.RUNS_ON, "HA", "g"),
        edge("B", R.RUNS_ON, "A", "g"), edge("B", R.RUNS_ON, "HB", "g"),
    ])
    assert _spofs(graph, "R") == {"A"}


def test_cycle_member_that_is_a_spof_only_through_the_cycle() -> None:
    # A needs B or H; B needs A and C. C failing takes B down, then A is left with H: still up.
    # H failing leaves A on B, B needs A (up): nothing forced down.
    graph = Graph(_systems("R", "A", "B", "C", "H"), [
        edge("R", R.RUNS_ON, "A"),
        edge("A", R.RUNS_ON, "B", "g"), edge("A", R.RUNS_ON, "H", "g"),
        edge("B", R.RUNS_ON, "A"), edge("B", R.RUNS_ON, "C"),
    ])
    assert _spofs(graph, "R") == {"A"}
    assert _spofs(graph, "B") == {"A", "C"}


def test_shared_member_of_a_group_is_a_spof() -> None:
    # both members of the group depend on Z: Z alone takes the group down
    graph = Graph(_systems("R", "A", "B", "Z"), [
        edge("R", R.RUNS_ON, "A", "g"), edge("R", R.RUNS_ON, "B", "g"),
        edge("A", R.RUNS_ON, "Z"), edge("B", R.RUNS_ON, "Z"),
    ])
    assert _spofs(graph, "R") == {"Z"}


def test_retired_elements_are_never_candidates() -> None:
    graph = Graph(_systems("R", "OLD", "BEHIND", OLD="retired"), [
        edge("R", R.RUNS_ON, "OLD"), edge("OLD", R.RUNS_ON, "BEHIND"),
    ])
    assert _spofs(graph, "R") == set()


def test_max_depth_and_limit_truncate() -> None:
    nodes, edges = worked_example_parts()
    graph = Graph(nodes, edges)
    shallow = single_points_of_failure(graph, "P", max_depth=2)
    assert {s.id for s in shallow.spofs} == {"S1", "S2", "Y", "O1"} and shallow.truncated
    capped = single_points_of_failure(graph, "P", limit=2)
    assert [s.id for s in capped.spofs] == ["S1", "S2"] and capped.truncated


def test_unknown_root_is_refused() -> None:
    with pytest.raises(UnknownElement):
        single_points_of_failure(Graph([], []), "nope")


def test_critical_elements_rank_by_packages_then_customers() -> None:
    nodes, edges = worked_example_parts()
    nodes += [
        node("P2", T.SERVICE_PACKAGE), node("S3", T.SERVICE),
        node("PIPE", T.SERVICE_PACKAGE, "pipeline"),
        node("C1", T.ORGANIZATION, kind="customer"),
    ]
    edges += [
        edge("P2", R.INCLUDES, "S2"), edge("P2", R.INCLUDES, "S3"),
        edge("PIPE", R.INCLUDES, "S3"),  # pipeline packages do not count
        edge("C1", R.CONSUMES, "P2"),
    ]
    answer = critical_elements(Graph(nodes, edges))
    ranked = [(e.id, e.packages_down, e.customers_down) for e in answer.elements]
    assert ranked == [
        ("S2", 2, 1), ("Y", 2, 1), ("S3", 1, 1), ("O1", 1, 0), ("O2", 1, 0), ("O3", 1, 0),
        ("S1", 1, 0), ("P2", 0, 1),
    ]
    assert critical_elements(Graph(nodes, edges), limit=3).truncated
