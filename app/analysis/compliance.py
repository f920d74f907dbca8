"""Compliance gaps across the portfolio (docs/compliance.md): the supply-chain gaps of every live
offering, one per organisation and requirement, with the offerings each one touches.

The live offerings are those of the portfolio (app/analysis/portfolio.py): live ServicePackages and
the live Services a customer CONSUMES directly. Each is answered as its own supply chain is
(app/analysis/supply_chain.py, offering mode, no tier bound); a gap found in several chains is
listed once, at its lowest tier with that chain's path (then the shortest path, then the least
offering id), with the union of who requires it. Requirements in force, statuses and remediations
are those of the chains.

A pair's status does not depend on the chain, so it is read once; a gap is built once, for the
pairs answered only, not once per chain that holds it (on a 100,000-element model the chains hold
about a million gaps, of which a page answers the first few hundred).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from app.analysis.answers import ComplianceGap, ComplianceGapsAnswer, ComplianceStatus, RequirementInForce
from app.analysis.errors import check_bound
from app.analysis.graph import Graph
from app.analysis.portfolio import offerings
from app.analysis.supply_chain import EVERY_GAP, Check, GapFilter, chain_of, gap_of, offering_requirements
from app.schema import Lifecycle


@dataclass
class _Held:
    """A pair not compliant, as the chains found so far hold it."""

    requirement: RequirementInForce
    status: ComplianceStatus
    tier: int
    path: list[str]
    offerings: list[str]
    required_by: set[str] = field(default_factory=set)


def compliance_gaps(graph: Graph, *, as_of: date | None = None, expiring_within: int | None = None,
                    gaps: GapFilter = EVERY_GAP, limit: int | None = None,
                    among: frozenset[str] | None = None) -> ComplianceGapsAnswer:
    """The gaps of every live offering's supply chain (of those in `among`, when given).

    Needs in the Graph: the whole model (every offering's chain, attestations and remediations)."""
    check_bound("limit", limit)
    check_bound("expiring_within", expiring_within)
    check = Check(as_of or date.today(), expiring_within)
    live = [o.id for o in offerings(graph) if o.lifecycle == Lifecycle.LIVE and (among is None or o.id in among)]
    statuses: dict[tuple[str, str], ComplianceStatus] = {}
    held: dict[tuple[str, str], _Held] = {}
    for offering in live:
        if not any(r.checked for r in offering_requirements(graph, offering)):
            continue  # nothing attested is required along this chain: no gap, so no chain to place
        chain = chain_of(graph, offering)
        checked = [r for r in chain.requirements if r.checked]
        for org, (tier, path) in chain.placed.items():
            for requirement in checked:
                key = (org, requirement.id)
                status = statuses.get(key)
                if status is None:
                    status = statuses[key] = check.status(graph, org, requirement.id)
                if status == ComplianceStatus.COMPLIANT:
                    continue
                found = held.get(key)
                if found is None:
                    held[key] = _Held(requirement, status, tier, path, [offering], set(requirement.required_by))
                    continue
                found.offerings.append(offering)
                found.required_by.update(requirement.required_by)
                if (tier, len(path)) < (found.tier, len(found.path)):
                    found.tier, found.path = tier, path
    kept = sorted((h.tier, org, req) for (org, req), h in held.items()
                  if gaps.keeps_pair(org, h.status, h.requirement.category, h.tier))
    counts = Counter(held[org, req].status for _, org, req in kept)
    truncated = limit is not None and len(kept) > limit
    shown = kept[:limit] if limit is not None else kept  # only the gaps answered are built
    return ComplianceGapsAnswer(
        as_of=check.as_of, expiring_within=expiring_within, offerings=len(live),
        counts={status: counts[status] for status in ComplianceStatus if counts[status]},
        gaps=[_gap(graph, org, held[org, req], check.as_of) for _, org, req in shown], truncated=truncated)


def _gap(graph: Graph, org: str, found: _Held, as_of: date) -> ComplianceGap:
    gap = gap_of(graph, org, found.requirement, found.status, found.tier, found.path, sorted(found.required_by), as_of)
    return ComplianceGap(**dict(gap), offerings=found.offerings)
