"""Measured values, watermelons, information flows and weights, case by case (docs/agreements.md)."""

from __future__ import annotations

from app.analysis import impact
from app.analysis.graph import Graph
from app.analysis.information import information_objects, information_of
from app.analysis.measured import agreement_status, offering_period, watermelons
from app.analysis.weights import weights_at_risk
from app.schema import ElementType as T
from app.schema import RelType as R
from tests.analysis.worked_example import edge, node


def _measured(*values: tuple[str, str, float]) -> list[dict[str, object]]:
    return [{"metric": m, "period": p, "value": v} for m, p, v in values]


def _agreements() -> Graph:
    nodes = [node("P", T.SERVICE_PACKAGE), node("C", T.ORGANIZATION, attributes={"seats": 100}),
             node("C2", T.ORGANIZATION),
             node("SLA", T.AGREEMENT, kind="SLA", targets={"availability": 0.99, "response_time_h": 2},
                  attributes={"revenue": 1000},
                  measurements=_measured(("availability", "2026-10", 0.995), ("response_time_h", "2026-10", 2),
                                         ("availability", "2026-11", 0.98))),
             node("XLA", T.AGREEMENT, kind="XLA", targets={"satisfaction": 4},
                  measurements=_measured(("satisfaction", "2026-10", 3.5), ("satisfaction", "2026-11", 4.5)))]
    edges = [edge("SLA", R.COVERS, "P"), edge("XLA", R.COVERS, "P"), edge("C", R.CONSUMES, "P"),
             edge("C2", R.CONSUMES, "P")]
    return Graph(nodes, edges)


def test_met_means_at_least_the_target_for_availability_at_most_for_times() -> None:
    october = agreement_status(_agreements(), "SLA", "2026-10")
    assert [(m.metric, m.status) for m in october.metrics] == [("availability", "met"), ("response_time_h", "met")]
    november = agreement_status(_agreements(), "SLA")  # the last period it measured
    assert november.period == "2026-11" and november.met is False
    assert [(m.metric, m.status) for m in november.metrics] == [("availability", "missed"),
                                                                ("response_time_h", "unmeasured")]
    assert agreement_status(_agreements(), "SLA", "2025-01").met is None


def test_a_watermelon_is_green_service_levels_and_red_experience() -> None:
    found = watermelons(_agreements())
    assert [(w.package, w.period, w.met, w.missed_by) for w in found] == [("P", "2026-10", ["SLA"], ["XLA"])]
    assert watermelons(_agreements(), "2026-11") == []  # availability missed: not green outside
    last = offering_period(_agreements(), "P")
    assert last is not None and last.model_dump() == {"period": "2026-11", "met": ["XLA"], "missed": ["SLA"]}


def test_weights_sum_what_is_at_risk_and_name_what_has_none() -> None:
    graph = _agreements()
    answer = weights_at_risk(graph, impact(graph, ["P"]), ["seats", "revenue"])
    assert answer.weights["seats"].customers == 100 and answer.weights["seats"].unweighted == ["C2", "SLA", "XLA"]
    assert answer.weights["revenue"].agreements == 1000


def test_information_without_a_master_and_what_reaches_an_organisation() -> None:
    nodes = [node("O", T.ORGANIZATION), node("M", T.ORGANIZATION), node("SYS", T.SYSTEM), node("ERP", T.SYSTEM),
             node("I", T.INTEGRATION), node("PR", T.PROCESS), node("ORD", T.INFORMATION_OBJECT),
             node("LOOSE", T.INFORMATION_OBJECT)]
    edges = [edge("O", R.OWNS, "SYS"), edge("PR", R.PROVIDED_BY, "O"), edge("M", R.OWNS, "ERP"),
             edge("I", R.CONNECTS, "SYS"), edge("I", R.CONNECTS, "ERP"), edge("I", R.CARRIES, "ORD"),
             edge("ORD", R.MASTERED_IN, "ERP"), edge("PR", R.USES, "LOOSE")]
    graph = Graph(nodes, edges)
    assert [o.id for o in information_objects(graph, issue="no_master").objects] == ["LOOSE"]
    flows = information_of(graph, "O").flows
    assert [(f.information, f.to, f.through, f.master, f.mastered_by) for f in flows] == [
        ("LOOSE", "PR", None, None, []), ("ORD", "SYS", "I", "ERP", ["M"])]
