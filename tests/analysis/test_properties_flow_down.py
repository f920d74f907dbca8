"""A focal organisation's chain against the reference (tests/analysis/reference.py), on random
supply models: buyers, tiers, requirements that flow down, statuses with and without a horizon."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.analysis import supply_chain
from app.analysis.compliance import compliance_gaps
from app.analysis.graph import Graph
from app.analysis.supply_chain import may_be_required
from app.schema import ElementType
from tests.analysis import reference as ref
from tests.analysis.strategies import SUPPLY_AS_OF, supply_models

AS_OF = date.fromisoformat(SUPPLY_AS_OF)


def organizations(graph: Graph) -> list[str]:
    return sorted(i for i, n in graph.nodes.items() if n.type == ElementType.ORGANIZATION)


@settings(max_examples=300, deadline=None)
@given(graph=supply_models(), data=st.data(), horizon=st.sampled_from([None, 30, 90]))
def test_a_focal_organisations_chain_matches_the_reference(graph: Graph, data: st.DataObject,
                                                            horizon: int | None) -> None:
    org = data.draw(st.sampled_from(organizations(graph)))
    answer = supply_chain(graph, org, as_of=AS_OF, expiring_within=horizon)
    buyers, _ = ref.buyers(graph, org)
    tiers = ref.tiers_from_organization(graph, org)
    assert set(answer.buyers) == buyers
    assert {o.id: o.tier for t in answer.tiers for o in t.organizations} == tiers
    assert not set(tiers) & buyers
    required = ref.requirements_for_organization(graph, org)
    assert {r.id: set(r.required_by) for r in answer.requirements} == required
    end = (AS_OF + timedelta(days=horizon)).isoformat() if horizon else None
    checked = [r for r in required if graph.nodes[r].props.get("category") != "functional"]
    expected = {(o, r): ref.status_of(graph, o, r, SUPPLY_AS_OF, end) for o in tiers for r in checked}
    assert {(g.organization, g.requirement): g.status.value for g in answer.gaps} == \
        {key: status for key, status in expected.items() if status != "compliant"}
    for gap in answer.gaps:
        assert set(gap.required_by) == required[gap.requirement]
        assert gap.path[0] == org and gap.path[-1] == gap.organization and gap.tier == tiers[gap.organization]


@settings(max_examples=200, deadline=None)
@given(graph=supply_models())
def test_a_remediation_is_refused_only_where_no_answer_shows_a_gap(graph: Graph) -> None:
    """may_be_required (the 409 of PUT /compliance/remediations) is never False for a pair some
    answer lists as a gap: a focal chain (every organisation's) or the portfolio's gaps."""
    shown = {(g.organization, g.requirement) for g in compliance_gaps(graph, as_of=AS_OF).gaps}
    for org in organizations(graph):
        shown |= {(g.organization, g.requirement) for g in supply_chain(graph, org, as_of=AS_OF).gaps}
    assert all(may_be_required(graph, org, req) for org, req in shown)
