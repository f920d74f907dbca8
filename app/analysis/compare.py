"""A scenario beside its base: the questions an architect asks of a change, answered on the model at
the scenario's base revision (before) and on the scenario's model (after), and what differs."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.analysis import service
from app.analysis.past import PastModels, PastSource, ScenarioModels, ScenarioSource
from app.analysis.repository import GraphSource
from app.analysis.service import Bounds
from app.errors import SigraphError
from app.model import scenarios
from app.schema import Metric


class Sets(BaseModel):
    """The same list before and after, and what left it and joined it."""

    before: list[str]
    after: list[str]
    removed: list[str] = Field(description="in `before`, not in `after`")
    added: list[str] = Field(description="in `after`, not in `before`")

    @classmethod
    def of(cls, before: list[str], after: list[str]) -> Sets:
        return cls(before=before, after=after, removed=sorted(set(before) - set(after)),
                   added=sorted(set(after) - set(before)))


class WeakestSide(BaseModel):
    root_value: float | None
    weakest: list[str]
    composite: float = Field(description="composite availability of the root")
    not_achievable: list[str] = Field(description="agreements that cannot be met")


class WeakestLinkChange(BaseModel):
    metric: Metric
    before: WeakestSide
    after: WeakestSide
    now_achievable: list[str] = Field(description="agreements the scenario makes achievable")
    no_longer_achievable: list[str]


class ImpactChange(BaseModel):
    failed: list[str]
    customers_at_risk: Sets
    agreements_at_risk: Sets


class ScenarioComparison(BaseModel):
    scenario: str
    base: int = Field(description="the revision the scenario changes: the `before` side")
    root: str
    single_points_of_failure: Sets
    weakest_link: WeakestLinkChange
    supply_chain_gaps: Sets | None = Field(description="`organization requirement status`, for the supply "
                                                       "chain of the root (null when it has none to ask)")
    concentration: Sets | None = Field(description="organisations the root's chain shares with other packages")
    impact: ImpactChange | None = Field(description="for the `failed` set, when one is asked")


def compare(*, live: GraphSource, past: PastModels, models: ScenarioModels, bounds: Bounds, name: str, root: str,
            failed: list[str] | None, metric: Metric = Metric.SERVICE_LEVEL) -> ScenarioComparison:
    base = scenarios.get(db=live.db, name=name).base
    before: GraphSource = PastSource(live, past, base)
    after: GraphSource = ScenarioSource(live, models, name)

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
