"""A focal organisation's chain as issue 14 and spec/analysis.md ("Supply chain") define it, case by case.

    B (buyer) owns PK, which INCLUDES S (provided by F, the focal partner); Z owns OPK, which INCLUDES PK.
    G is SUPPLIED_BY F. F SUPPLIED_BY M SUPPLIED_BY V.
    S RUNS_ON FX (F's own system, PROVIDED_BY C) and BX (B's system, PROVIDED_BY H).
    FP (F's process) INTERACTS_WITH BP (B's process), which INTERACTS_WITH OP (PROVIDED_BY O).
"""

from __future__ import annotations

from datetime import date

import pytest

from app.analysis import supply_chain
from app.analysis.answers import ComplianceStatus, Gap, SupplyChainAnswer
from app.analysis.graph import Graph
from app.analysis.supply_chain import GapFilter
from app.schema import ElementType as T
from app.schema import RelType as R
from app.schema import RequirementCategory
from tests.analysis.worked_example import edge, node

AS_OF = date(2026, 6, 1)


@pytest.fixture
def graph() -> Graph:
    orgs = ["F", "B", "G", "Z", "M", "V", "C", "H", "O"]
    requirements = {"HR": "human_rights", "ENV": "environment", "SEC": "security", "ETH": "ethics",
                    "TR": "transparency"}
    nodes = [*(node(o, T.ORGANIZATION) for o in orgs),
             *(node(r, T.REQUIREMENT, category=c) for r, c in requirements.items()),
             node("PK", T.SERVICE_PACKAGE), node("OPK", T.SERVICE_PACKAGE), node("S", T.SERVICE),
             node("FX", T.SYSTEM), node("BX", T.SYSTEM), node("FP", T.PROCESS), node("BP", T.PROCESS),
             node("OP", T.PROCESS)]
    edges = [
        edge("B", R.OWNS, "PK"), edge("PK", R.INCLUDES, "S"), edge("S", R.PROVIDED_BY, "F"),
        edge("Z", R.OWNS, "OPK"), edge("OPK", R.INCLUDES, "PK"),
        edge("G", R.SUPPLIED_BY, "F"), edge("F", R.SUPPLIED_BY, "M"), edge("M", R.SUPPLIED_BY, "V"),
        edge("S", R.RUNS_ON, "FX"), edge("F", R.OWNS, "FX"), edge("FX", R.PROVIDED_BY, "C"),
        edge("S", R.RUNS_ON, "BX"), edge("B", R.OWNS, "BX"), edge("BX", R.PROVIDED_BY, "H"),
        edge("F", R.OWNS, "FP"), edge("FP", R.INTERACTS_WITH, "BP"), edge("B", R.OWNS, "BP"),
        edge("BP", R.INTERACTS_WITH, "OP"), edge("OP", R.PROVIDED_BY, "O"),
        edge("B", R.REQUIRES, "HR"), edge("PK", R.REQUIRES, "ENV"), edge("F", R.REQUIRES, "SEC"),
        edge("G", R.REQUIRES, "ETH"), edge("OPK", R.REQUIRES, "TR"), edge("B", R.REQUIRES, "ENV"),
        edge("V", R.ATTESTS, "HR", status="non_compliant", valid_until="2027-01-31", evidence="audit 2025"),
        edge("M", R.ATTESTS, "HR", status="compliant", valid_until="2026-07-01"),
        edge("V", R.REMEDIATES, "HR", owner="Sourcing", due="2026-05-01", status="open"),
    ]
    return Graph(nodes, edges)


def _tiers(answer: SupplyChainAnswer) -> dict[str, int]:
    return {o.id: o.tier for t in answer.tiers for o in t.organizations}


def _gaps(answer: SupplyChainAnswer) -> dict[tuple[str, str], Gap]:
    return {(g.organization, g.requirement): g for g in answer.gaps}


def test_buyers_own_what_includes_its_elements_or_are_supplied_by_it(graph: Graph) -> None:
    assert supply_chain(graph, "F", as_of=AS_OF).buyers == ["B", "G", "Z"]


def test_the_chain_never_enters_a_buyers_elements(graph: Graph) -> None:
    answer = supply_chain(graph, "F", as_of=AS_OF)
    # C provides F's own system; H (B's host) and O (B's other partner) are the buyer's chain
    assert _tiers(answer) == {"C": 1, "M": 1, "V": 2}
    paths = {o.id: o.path for t in answer.tiers for o in t.organizations}
    assert paths["C"] == ["F", "FX", "C"] and paths["V"] == ["F", "M", "V"]


def test_a_buyer_is_never_listed_even_as_a_supplier(graph: Graph) -> None:
    cyclic = Graph([*graph.nodes.values()], [e for es in graph.out_edges.values() for e in es]
                   + [edge("M", R.SUPPLIED_BY, "G")])
    assert "G" not in _tiers(supply_chain(cyclic, "F", as_of=AS_OF))


def test_requirements_flow_down_from_buyers_and_offerings(graph: Graph) -> None:
    answer = supply_chain(graph, "F", as_of=AS_OF)
    assert {r.id: r.required_by for r in answer.requirements} == {
        "HR": ["B"], "ENV": ["B", "PK"], "SEC": ["F"], "ETH": ["G"], "TR": ["OPK"]}


def test_a_gap_carries_what_people_act_on(graph: Graph) -> None:
    gap = _gaps(supply_chain(graph, "F", as_of=AS_OF))["V", "HR"]
    assert (gap.organization_name, gap.requirement_name, gap.category) == ("name of V", "name of HR",
                                                                            RequirementCategory.HUMAN_RIGHTS)
    assert (gap.status, gap.valid_until, gap.evidence) == (ComplianceStatus.NON_COMPLIANT, date(2027, 1, 31),
                                                           "audit 2025")
    assert (gap.tier, gap.path, gap.required_by) == (2, ["F", "M", "V"], ["B"])
    assert gap.remediation is not None and gap.remediation.owner == "Sourcing"
    assert gap.remediation.overdue  # due 2026-05-01, still open on 2026-06-01
    assert not _gaps(supply_chain(graph, "F", as_of=date(2026, 4, 1)))["V", "HR"].remediation.overdue  # type: ignore[union-attr]


def test_expiring_within_a_horizon(graph: Graph) -> None:
    # M's attestation runs to 2026-07-01: 30 days after as_of
    assert ("M", "HR") not in _gaps(supply_chain(graph, "F", as_of=AS_OF))
    assert ("M", "HR") not in _gaps(supply_chain(graph, "F", as_of=AS_OF, expiring_within=30))
    assert _gaps(supply_chain(graph, "F", as_of=AS_OF, expiring_within=31))["M", "HR"].status == "expiring"
    compliance = {o.id: o.compliance for t in supply_chain(graph, "F", as_of=AS_OF, expiring_within=90).tiers
                  for o in t.organizations}
    assert compliance["M"]["HR"] == "expiring"


def test_filters_keep_gaps_not_organisations(graph: Graph) -> None:
    every = supply_chain(graph, "F", as_of=AS_OF)
    cases = {
        GapFilter(statuses=frozenset({ComplianceStatus.NON_COMPLIANT})): {("V", "HR")},
        GapFilter(categories=frozenset({RequirementCategory.ETHICS})): {("C", "ETH"), ("M", "ETH"), ("V", "ETH")},
        GapFilter(tier=2): {k for k in _gaps(every) if k[0] == "V"},
        GapFilter(organization="C"): {k for k in _gaps(every) if k[0] == "C"},
    }
    for kept, expected in cases.items():
        answer = supply_chain(graph, "F", as_of=AS_OF, gaps=kept)
        assert set(_gaps(answer)) == expected, kept
        assert _tiers(answer) == _tiers(every)


def test_from_an_offering_nothing_changes(graph: Graph) -> None:
    answer = supply_chain(graph, "PK", as_of=AS_OF)
    assert answer.buyers == [] and _tiers(answer) == {"F": 1, "C": 1, "H": 1, "M": 2, "V": 3}
    assert {r.id: r.required_by for r in answer.requirements} == {"ENV": ["B", "PK"], "HR": ["B"]}
