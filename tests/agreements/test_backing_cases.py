"""Agreements back to back, case by case (app/analysis/backing.py, docs/agreements.md).

    SLA (provider N, consumer K) covers P; P INCLUDES S1 (required) and S2, S3 (group "alt", 1 of 2).
    UC1 (consumer N) covers S1: response 4 h.  UC2 (consumer N) covers S2: response 8 h.
    OTHER (consumer K2, another customer's SLA) covers S1: response 9 h.
"""

from __future__ import annotations

from app.analysis.backing import agreements, backing
from app.analysis.graph import Graph
from app.schema import ElementType as T
from app.schema import RelType as R
from tests.analysis.worked_example import edge, node


def _graph(sla_targets: dict[str, float]) -> Graph:
    nodes = [node("N", T.ORGANIZATION), node("K", T.ORGANIZATION), node("K2", T.ORGANIZATION),
             node("P", T.SERVICE_PACKAGE), node("S1", T.SERVICE), node("S2", T.SERVICE), node("S3", T.SERVICE),
             node("SLA", T.AGREEMENT, kind="SLA", targets=sla_targets),
             node("UC1", T.AGREEMENT, kind="UC", targets={"response_time_h": 4, "resolution_time_h": 24}),
             node("UC2", T.AGREEMENT, kind="UC", targets={"response_time_h": 8}),
             node("OTHER", T.AGREEMENT, kind="SLA", targets={"response_time_h": 9})]
    edges = [edge("P", R.INCLUDES, "S1"), edge("P", R.INCLUDES, "S2", "alt"), edge("P", R.INCLUDES, "S3", "alt"),
             edge("SLA", R.COVERS, "P"), edge("SLA", R.PROVIDER, "N"), edge("SLA", R.CONSUMER, "K"),
             edge("UC1", R.COVERS, "S1"), edge("UC1", R.CONSUMER, "N"),
             edge("UC2", R.COVERS, "S2"), edge("UC2", R.CONSUMER, "N"),
             edge("OTHER", R.COVERS, "S1"), edge("OTHER", R.CONSUMER, "K2")]
    return Graph(nodes, edges)


def test_a_slower_underpinning_agreement_on_a_required_path_is_a_breach_by_design() -> None:
    answer = backing(_graph({"response_time_h": 1, "resolution_time_h": 48}), "SLA")
    assert answer.underneath == ["UC1", "UC2"]  # not another customer's SLA
    response = next(t for t in answer.time_checks if t.target == "response_time_h")
    assert not response.achievable
    # UC2 sits on an alternative (S2 or S3): not a breach by design
    assert [(b.underpinning, b.value, b.element, b.path) for b in response.breaches] == [("UC1", 4, "S1", ["P", "S1"])]
    resolution = next(t for t in answer.time_checks if t.target == "resolution_time_h")
    assert resolution.achievable and not answer.achievable


def test_a_promise_no_faster_than_what_underpins_it_is_achievable() -> None:
    answer = backing(_graph({"response_time_h": 4}), "SLA")
    assert answer.achievable and [t.achievable for t in answer.time_checks] == [True]


def test_an_agreement_without_a_provider_counts_every_agreement_below() -> None:
    graph = _graph({"response_time_h": 1})
    bare = Graph(graph.nodes.values(), [e for es in graph.out_edges.values() for e in es if e.type != R.PROVIDER])
    assert backing(bare, "SLA").underneath == ["OTHER", "UC1", "UC2"]


def test_the_list_of_agreements_that_cannot_be_kept() -> None:
    found, cut = agreements(_graph({"response_time_h": 1}), achievable=False)
    # UC1 names no provider: every agreement below counts, and OTHER (9 h) covers S1 too
    assert [(a.id, a.failing) for a in found] == [("SLA", ["response_time_h"]), ("UC1", ["response_time_h"])]
    assert not cut
    kept, _ = agreements(_graph({"response_time_h": 1}), achievable=True)
    assert [a.id for a in kept] == ["OTHER", "UC2"]
