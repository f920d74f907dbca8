"""Supply chain: attestation statuses, requirements in force, focal organisations, tiers, concentration."""

from __future__ import annotations

from datetime import date

import pytest

from app.analysis import supply_chain
from app.analysis.answers import SupplyChainAnswer
from app.analysis.graph import Graph
from app.schema import ElementType as T
from app.schema import RelType as R
from tests.analysis.worked_example import edge, node, worked_example_parts

AS_OF = date(2025, 6, 1)


@pytest.fixture
def graph() -> Graph:
    """The worked example with an owner, a consumer, requirements, attestations and a second package."""
    nodes, edges = worked_example_parts()
    nodes += [
        node("INT", T.ORGANIZATION, kind="internal"), node("C1", T.ORGANIZATION, kind="customer"),
        node("O9", T.ORGANIZATION), node("OA", T.ORGANIZATION), node("OB", T.ORGANIZATION),
        node("GONE", T.ORGANIZATION, "retired"),
        node("HR", T.REQUIREMENT, category="human_rights"), node("ENV", T.REQUIREMENT, category="environment"),
        node("SEC", T.REQUIREMENT, category="security"), node("FUN", T.REQUIREMENT, category="functional"),
        node("P2", T.SERVICE_PACKAGE), node("S3", T.SERVICE),
    ]
    edges += [
        edge("INT", R.OWNS, "P"), edge("C1", R.CONSUMES, "P"),
        edge("P", R.REQUIRES, "HR"), edge("P", R.REQUIRES, "FUN"),
        edge("INT", R.REQUIRES, "ENV"), edge("C1", R.REQUIRES, "SEC"),
        edge("INT", R.SUPPLIED_BY, "O9"),
        # S2 has two alternative providers: neither is a sole provider
        edge("S2", R.PROVIDED_BY, "OA", "prov"), edge("S2", R.PROVIDED_BY, "OB", "prov"),
        edge("O3", R.SUPPLIED_BY, "GONE"),
        edge("O1", R.ATTESTS, "HR", status="compliant", valid_until="2030-01-01"),
        edge("O1", R.ATTESTS, "ENV", status="compliant", valid_until="2024-12-31"),
        edge("O1", R.ATTESTS, "SEC", status="non_compliant", valid_until="2020-01-01"),
        edge("O2", R.ATTESTS, "HR", status="unknown"),
        edge("O2", R.ATTESTS, "ENV", status="compliant"),
        edge("OA", R.ATTESTS, "HR", status="compliant", valid_until="2025-06-01"),
        edge("P2", R.INCLUDES, "S3"), edge("S3", R.PROVIDED_BY, "O2"),
    ]
    return Graph(nodes, edges)


def _compliance(answer: SupplyChainAnswer) -> dict[str, dict[str, str]]:
    return {o.id: {r: s.value for r, s in o.compliance.items()} for t in answer.tiers for o in t.organizations}


def _tiers(answer: SupplyChainAnswer) -> dict[str, int]:
    return {o.id: o.tier for t in answer.tiers for o in t.organizations}


def test_requirements_in_force_for_an_offering(graph: Graph) -> None:
    answer = supply_chain(graph, "P", as_of=AS_OF)
    assert {(r.id, r.checked, tuple(r.required_by)) for r in answer.requirements} == {
        ("HR", True, ("P",)), ("FUN", False, ("P",)), ("ENV", True, ("INT",)), ("SEC", True, ("C1",)),
    }


def test_attestation_statuses(graph: Graph) -> None:
    compliance = _compliance(supply_chain(graph, "P", as_of=AS_OF))
    assert compliance["O1"] == {"HR": "compliant", "ENV": "expired", "SEC": "non_compliant"}
    assert compliance["O2"] == {"HR": "unknown", "ENV": "compliant", "SEC": "missing"}
    assert compliance["O3"] == {"HR": "missing", "ENV": "missing", "SEC": "missing"}
    # valid until the day asked about is still valid
    assert compliance["OA"]["HR"] == "compliant"


def test_expiry_depends_on_as_of(graph: Graph) -> None:
    compliance = _compliance(supply_chain(graph, "P", as_of=date(2024, 12, 31)))
    assert compliance["O1"]["ENV"] == "compliant"


def test_gaps_list_every_status_but_compliant(graph: Graph) -> None:
    gaps = supply_chain(graph, "P", as_of=AS_OF).gaps
    by_key = {(g.organization, g.requirement): g for g in gaps}
    assert by_key["O1", "ENV"].status == "expired" and by_key["O1", "ENV"].tier == 1
    assert by_key["O1", "ENV"].path == ["P", "S1", "O1"]
    assert ("O1", "HR") not in by_key and ("O2", "ENV") not in by_key
    assert all(g.requirement != "FUN" for g in gaps)
    assert len(gaps) == 2 + 2 + 3 + 2 + 3  # O1, O2, O3, OA, OB


def test_tiers_skip_retired_and_respect_max_tier(graph: Graph) -> None:
    full = supply_chain(graph, "P", as_of=AS_OF)
    assert _tiers(full) == {"O1": 1, "OA": 1, "OB": 1, "O2": 2, "O3": 3}
    assert not full.truncated
    cut = supply_chain(graph, "P", as_of=AS_OF, max_tier=2)
    assert _tiers(cut) == {"O1": 1, "OA": 1, "OB": 1, "O2": 2} and cut.truncated


def test_focal_organisation_tiers(graph: Graph) -> None:
    answer = supply_chain(graph, "INT", as_of=AS_OF)
    assert answer.mode == "organization"
    assert _tiers(answer) == {"O9": 1, "O1": 1, "OA": 1, "OB": 1, "O2": 2, "O3": 3}
    paths = {o.id: o.path for t in answer.tiers for o in t.organizations}
    assert paths["O9"] == ["INT", "O9"] and paths["O1"] == ["INT", "P", "S1", "O1"]
    assert [r.id for r in answer.requirements] == ["ENV"]


def test_concentration_shared_and_sole_providers(graph: Graph) -> None:
    concentration = {c.organization: c for c in supply_chain(graph, "P", as_of=AS_OF).concentration}
    assert concentration["O2"].packages == ["P", "P2"] and concentration["O2"].package_count == 2
    assert concentration["O1"].sole_provider_of == ["S1"]
    assert "OA" not in concentration and "OB" not in concentration
    assert next(iter(concentration)) == "O2"  # most packages first
