"""A scenario beside its base: the questions an architect asks of a change, answered on the model at
the scenario's base revision (before) and on the scenario's model (after), and what differs."""

from __future__ import annotations

from app.analysis import service
from app.analysis.answers import ImpactChange, ScenarioComparison, Sets, WeakestLinkChange, WeakestSide
from app.analysis.past import ScenarioPair
from app.analysis.repository import GraphSource
from app.analysis.service import Bounds
from app.errors import SigraphError
from app.schema import Metric


def compare(*, live: GraphSource, pair: ScenarioPair, bounds: Bounds, root: str, failed: list[str] | None,
            metric: Metric = Metric.SERVICE_LEVEL) -> ScenarioComparison:
    """The comparison on the two models of `pair` (read together, app/analysis/past.py)."""
    before, after = pair.sources(live)
    name, base = pair.view.name, pair.view.base

    def spofs(source: GraphSource) -> list[str]:
        return [s.id for s in service.spofs_of(source=source, bounds=bounds, element_id=root).spofs]

    def weakest(source: GraphSource) -> WeakestSide:
        answer = service.weakest_link_of(source=source, bounds=bounds, element_id=root, metric=metric)
        return WeakestSide(root_value=answer.root_value, weakest=[w.id for w in answer.weakest],
                           composite=answer.composite, not_achievable=answer.not_achievable)

    link = WeakestLinkChange(metric=metric, before=weakest(before), after=weakest(after), now_achievable=[],
                             no_longer_achievable=[])
    link.now_achievable = sorted(set(link.before.not_achievable) - set(link.after.not_achievable))
    link.no_longer_achievable = sorted(set(link.after.not_achievable) - set(link.before.not_achievable))
    gaps, concentration = _supply(before, after, bounds, root)
    impact = None
    if failed:
        hit = [service.impact_of(source=s, bounds=bounds, failed=failed) for s in (before, after)]
        impact = ImpactChange(failed=failed,
                              customers_at_risk=Sets.of(*[[c.id for c in a.customers_at_risk] for a in hit]),
                              agreements_at_risk=Sets.of(*[[g.id for g in a.agreements_at_risk] for a in hit]))
    return ScenarioComparison(scenario=name, base=base, root=root, single_points_of_failure=Sets.of(
        spofs(before), spofs(after)), weakest_link=link, supply_chain_gaps=gaps, concentration=concentration,
        impact=impact)


def _supply(before: GraphSource, after: GraphSource, bounds: Bounds, root: str) -> tuple[Sets | None, Sets | None]:
    """Gaps and concentration of the root's supply chain on both sides; None where the root has none
    to ask (on either side: an element the scenario adds or removes)."""
    try:
        chains = [service.supply_chain_of_element(source=s, bounds=bounds, element_id=root) for s in (before, after)]
    except SigraphError:
        return None, None
    gaps = [[f"{g.organization} {g.requirement} {g.status.value}" for g in c.gaps] for c in chains]
    shared = [[c.organization for c in chain.concentration] for chain in chains]
    return Sets.of(*gaps), Sets.of(*shared)
