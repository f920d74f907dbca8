"""Analysis answers as a partner key sees them (docs/security.md, "Partner scope").

The analyses run on the whole model, so every state, reason and computed number stays true;
these functions then keep what the scope sees: elements out of it are left out of lists, shown
as `{"redacted": true}` in paths, and named "(redacted)" in reasons. An element's own values
(service level, availability, xla score) are shown only for elements in full scope, never for
context ones. Lists are cut to the asked limit after filtering, so a partner gets as many items
as anyone else would.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

from app.access.scope import Scope
from app.analysis.answers import (
    REDACTED,
    Backing,
    ComplianceGapsAnswer,
    ComplianceStatus,
    CriticalElementsAnswer,
    DependenciesAnswer,
    Gap,
    ImpactAnswer,
    InformationAnswer,
    Offering,
    OrganizationInformationAnswer,
    PortfolioAnswer,
    Redacted,
    SpofAnswer,
    SupplyChainAnswer,
    SupplyChainTier,
    TargetCheck,
    WeakestLinkAnswer,
)

T = TypeVar("T")
G = TypeVar("G", bound=Gap)
HIDDEN_NAME = "(redacted)"


def path(scope: Scope, steps: Sequence[str | Redacted]) -> list[str | Redacted]:
    return [s if isinstance(s, Redacted) or scope.sees(s) else REDACTED for s in steps]


def _cut(items: list[T], limit: int | None) -> tuple[list[T], bool]:
    if limit is not None and len(items) > limit:
        return items[:limit], True
    return items, False


def dependencies(answer: DependenciesAnswer, scope: Scope, limit: int | None) -> DependenciesAnswer:
    nodes, cut = _cut([n.model_copy(update={"path": path(scope, n.path)}) for n in answer.nodes
                       if scope.sees(n.id)], limit)
    edges = [e for e in answer.edges if scope.sees_relation(e.from_, e.type, e.to)]
    return answer.model_copy(update={"nodes": nodes, "edges": edges, "truncated": answer.truncated or cut})


def _reason(scope: Scope, reason: str, steps: Sequence[str | Redacted]) -> str:
    """Reasons name the dependency that decided the state, the second step of the path, as
    `... dependency X is down|degraded` (app/analysis/impact.py `_reason`); group reasons name none."""
    step = steps[1] if len(steps) > 1 else None
    if isinstance(step, str) and not scope.sees(step):
        return reason.replace(f"dependency {step} is ", f"dependency {HIDDEN_NAME} is ")
    return reason


def impact(answer: ImpactAnswer, scope: Scope, limit: int | None) -> ImpactAnswer:
    affected, cut1 = _cut([a.model_copy(update={"path": path(scope, a.path),
                                                "reason": _reason(scope, a.reason, a.path)})
                           for a in answer.affected if scope.sees(a.id)], limit)
    customers, cut2 = _cut([c.model_copy(update={"path": path(scope, c.path),
                                                 "consumes": [i for i in c.consumes if scope.sees(i)]})
                            for c in answer.customers_at_risk if scope.sees(c.id)], limit)
    agreements, cut3 = _cut([a.model_copy(update={"covered": [c for c in a.covered if scope.sees(c.id)]})
                             for a in answer.agreements_at_risk if scope.sees(a.id)], limit)
    return answer.model_copy(update={"affected": affected, "customers_at_risk": customers,
                                     "agreements_at_risk": agreements,
                                     "truncated": answer.truncated or cut1 or cut2 or cut3})


def spofs(answer: SpofAnswer, scope: Scope, limit: int | None) -> SpofAnswer:
    found, cut = _cut([s.model_copy(update={"path": path(scope, s.path)}) for s in answer.spofs
                       if scope.sees(s.id)], limit)
    return answer.model_copy(update={"spofs": found, "truncated": answer.truncated or cut})


def critical_elements(answer: CriticalElementsAnswer, limit: int | None) -> CriticalElementsAnswer:
    """Scoped by the analysis itself (it counts only what the scope sees); here only the cut."""
    elements, cut = _cut(answer.elements, limit)
    return answer.model_copy(update={"elements": elements, "truncated": answer.truncated or cut})


def weakest_link(answer: WeakestLinkAnswer, scope: Scope, limit: int | None) -> WeakestLinkAnswer:
    """Values are the elements' own properties: listed for elements in full scope only. Flags
    compare with the root's own value, so a context root shows neither."""
    root_shown = answer.root in scope.full
    weakest, cut1 = _cut([w.model_copy(update={"path": path(scope, w.path)}) for w in answer.weakest
                          if w.id in scope.full], limit)
    flags, cut2 = _cut([w.model_copy(update={"path": path(scope, w.path)}) for w in answer.flags
                        if w.id in scope.full and root_shown], limit)
    agreements = [
        a.model_copy(update={"covers": [c for c in a.covers if scope.sees(c)],
                             "checks": [_check(c, scope) for c in a.checks]})
        for a in answer.agreements if scope.sees(a.id)]
    agreements, cut3 = _cut(agreements, limit)
    return answer.model_copy(update={
        "root_value": answer.root_value if root_shown else None,
        "weakest": weakest, "flags": flags, "agreements": agreements,
        "not_achievable": [a for a in answer.not_achievable if scope.sees(a)],
        "truncated": answer.truncated or cut1 or cut2 or cut3})


def _check(check: TargetCheck, scope: Scope) -> TargetCheck:
    """The element a check names, when in full scope; a satisfaction check's `actual` is that
    element's own xla_score, so it goes with it (an availability's is the composite, a result)."""
    if check.element is None or check.element in scope.full:
        return check
    hidden_value = check.target == "satisfaction"
    return check.model_copy(update={"element": None, "actual": None if hidden_value else check.actual})


def supply_chain(answer: SupplyChainAnswer, scope: Scope, limit: int | None) -> SupplyChainAnswer:
    listed = [o.model_copy(update={"path": path(scope, o.path),
                                   "compliance": {r: s for r, s in o.compliance.items() if scope.sees(r)}})
              for t in answer.tiers for o in t.organizations if scope.sees(o.id)]
    listed, cut1 = _cut(listed, limit)
    tiers = [SupplyChainTier(tier=t, organizations=[o for o in listed if o.tier == t])
             for t in sorted({o.tier for o in listed})]
    kept = {o.id for o in listed}
    requirements = [r.model_copy(update={"required_by": [i for i in r.required_by if scope.sees(i)]})
                    for r in answer.requirements if scope.sees(r.id)]
    gaps = [_gap(g, scope) for g in answer.gaps if g.organization in kept and scope.sees(g.requirement)]
    concentration = []
    for c in answer.concentration:
        if c.organization not in kept:
            continue
        packages = [p for p in c.packages if scope.sees(p)]
        sole = [i for i in c.sole_provider_of if scope.sees(i)]
        if len(packages) >= 2 or sole:
            concentration.append(c.model_copy(update={"packages": packages, "package_count": len(packages),
                                                      "sole_provider_of": sole}))
    concentration.sort(key=lambda c: (-c.package_count, -len(c.sole_provider_of), c.organization))
    return answer.model_copy(update={"tiers": tiers, "requirements": requirements, "gaps": gaps,
                                     "buyers": [b for b in answer.buyers if scope.sees(b)],
                                     "concentration": concentration, "truncated": answer.truncated or cut1})


def _gap(gap: G, scope: Scope) -> G:
    return gap.model_copy(update={"path": path(scope, gap.path),
                                  "required_by": [i for i in gap.required_by if scope.sees(i)]})


def compliance_gaps(answer: ComplianceGapsAnswer, scope: Scope, limit: int | None) -> ComplianceGapsAnswer:
    """The gaps of organisations and requirements in full scope, each with the offerings the scope sees."""
    seen = [_gap(g, scope).model_copy(update={"offerings": [o for o in g.offerings if scope.sees(o)]})
            for g in answer.gaps if g.organization in scope.full and g.requirement in scope.full]
    counts = Counter(g.status for g in seen)
    gaps, cut = _cut(seen, limit)
    return answer.model_copy(update={"gaps": gaps, "truncated": answer.truncated or cut,
                                     "counts": {s: counts[s] for s in ComplianceStatus if counts[s]}})


def information_objects(answer: InformationAnswer, scope: Scope, limit: int | None) -> InformationAnswer:
    objects, cut = _cut([o.model_copy(update={"masters": [m for m in o.masters if scope.sees(m)],
                                              "carried_by": [c for c in o.carried_by if scope.sees(c)],
                                              "used_by": [u for u in o.used_by if scope.sees(u)]})
                         for o in answer.objects if scope.sees(o.id)], limit)
    return answer.model_copy(update={"objects": objects, "truncated": answer.truncated or cut})


def organization_information(answer: OrganizationInformationAnswer, scope: Scope,
                             limit: int | None) -> OrganizationInformationAnswer:
    """The flows to elements and of information the scope sees; a carrier or master out of it is left unnamed."""
    flows, cut = _cut([f.model_copy(update={
        "through": f.through if f.through is not None and scope.sees(f.through) else None,
        "master": f.master if f.master is not None and scope.sees(f.master) else None,
        "mastered_by": [o for o in f.mastered_by if scope.sees(o)]})
        for f in answer.flows if scope.sees(f.information) and scope.sees(f.to)], limit)
    return answer.model_copy(update={"flows": flows, "truncated": answer.truncated or cut})


def backing(answer: Backing, scope: Scope) -> Backing:
    """What the scope sees of an agreement's backing: the agreements underneath it sees, the breaches
    by them (paths redacted); whether each target is achievable stays true."""
    time_checks = [t.model_copy(update={"breaches": [b.model_copy(update={"path": path(scope, b.path)})
                                                    for b in t.breaches if scope.sees(b.underpinning)
                                                    and scope.sees(b.element)]})
                   for t in answer.time_checks]
    return answer.model_copy(update={"covers": [c for c in answer.covers if scope.sees(c)],
                                     "underneath": [u for u in answer.underneath if scope.sees(u)],
                                     "checks": [_check(c, scope) for c in answer.checks],
                                     "time_checks": time_checks})


def _offering(offering: Offering, scope: Scope) -> Offering:
    """The lowest service level is the own value of the element holding it: shown when that
    element is in full scope."""
    at = offering.lowest_service_level_at
    shown = at is not None and at in scope.full
    return offering.model_copy(update={
        "requirements": [r for r in offering.requirements if scope.sees(r.id)],
        "consumers": [c for c in offering.consumers if scope.sees(c.id)],
        "agreements": [a for a in offering.agreements if scope.sees(a.id)],
        "last_period": None if offering.last_period is None else offering.last_period.model_copy(update={
            "met": [a for a in offering.last_period.met if scope.sees(a)],
            "missed": [a for a in offering.last_period.missed if scope.sees(a)]}),
        "lowest_service_level": offering.lowest_service_level if shown else None,
        "lowest_service_level_at": at if shown else None})


def portfolio(answer: PortfolioAnswer, scope: Scope, limit: int | None) -> PortfolioAnswer:
    update: dict[str, object] = {}
    truncated = answer.truncated
    for stage in ("pipeline", "live", "retired"):
        offerings, cut = _cut([_offering(o, scope) for o in getattr(answer, stage) if scope.sees(o.id)], limit)
        update[stage], truncated = offerings, truncated or cut
    return answer.model_copy(update={**update, "truncated": truncated})
