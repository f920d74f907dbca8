"""Compliance gaps across the portfolio (docs/compliance.md): the supply-chain gaps of every live
offering, one per organisation and requirement, with the offerings each one touches.

The live offerings are those of the portfolio (app/analysis/portfolio.py): live ServicePackages and
the live Services a customer CONSUMES directly. Each is answered as its own supply chain is
(app/analysis/supply_chain.py, offering mode, no tier bound); a gap found in several chains is
listed once, at its lowest tier with that chain's path (then the shortest path, then the least
offering id), with the union of who requires it. Requirements in force, statuses and remediations
are those of the chains. The chains' placements are kept with the whole model and carried through
writes that do not reach them (app/analysis/offering_tiers.py).

A pair's status does not depend on the chain, so it is read once; a gap is built once, for the
pairs answered only, not once per chain that holds it (on a 100,000-element model the chains hold
about a million gaps, of which a page answers the first few hundred).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.analysis.answers import ComplianceGap, ComplianceGapsAnswer, ComplianceStatus, RequirementInForce
from app.analysis.errors import check_bound
from app.analysis.graph import Graph
from app.analysis.offering_tiers import OfferingTiers
from app.analysis.portfolio import offerings
from app.analysis.supply_chain import (
    EVERY_GAP,
    Check,
    GapFilter,
    attestations_of,
    gap_of,
    offering_requirements,
)
from app.schema import Lifecycle

Requirers = dict[str, dict[str, list[str]]]  # offering -> requirement -> who requires it there


@dataclass(slots=True)
class _Held:
    """A pair not compliant, as the chains found so far hold it."""

    requirement: RequirementInForce  # as the first chain holding it has it (its name and category)
    status: ComplianceStatus
    tier: int
    path: list[str]
    offerings: list[str]


def compliance_gaps(graph: Graph, *, as_of: date | None = None, expiring_within: int | None = None,
                    gaps: GapFilter = EVERY_GAP, limit: int | None = None,
                    among: frozenset[str] | None = None, tiers: OfferingTiers | None = None) -> ComplianceGapsAnswer:
    """The gaps of every live offering's supply chain (of those in `among`, when given); `tiers`: the
    offerings' placements kept with the whole model, else each chain is placed for this answer.

    Needs in the Graph: the whole model (every offering's chain, attestations and remediations)."""
    check_bound("limit", limit)
    check_bound("expiring_within", expiring_within)
    check = Check(as_of or date.today(), expiring_within)
    tiers = tiers if tiers is not None else OfferingTiers.of(graph)
    live = [o.id for o in offerings(graph) if o.lifecycle == Lifecycle.LIVE and (among is None or o.id in among)]
    # This loop visits every organisation of every chain with every requirement in force there: each
    # status is read once per pair, and who requires a gap is gathered only for the gaps answered.
    required_by: Requirers = {}
    statuses: dict[str, dict[str, ComplianceStatus]] = {}  # organisation -> requirement -> status
    attested: dict[str, dict[str, Mapping[str, Any]]] = {}  # organisation -> requirement -> its ATTESTS
    held: dict[tuple[str, str], _Held] = {}
    compliant = ComplianceStatus.COMPLIANT
    for offering in live:
        checked = [r for r in offering_requirements(graph, offering) if r.checked]
        if not checked:
            continue  # nothing attested is required along this chain: no gap, so no chain to place
        required_by[offering] = {r.id: r.required_by for r in checked}
        for org, (tier, path) in tiers.placed(offering).items():
            of_org = statuses.get(org)
            if of_org is None:
                of_org = statuses[org] = {}
                attested[org] = attestations_of(graph, org)
            for requirement in checked:
                status = of_org.get(requirement.id)
                if status is None:
                    status = of_org[requirement.id] = check.status_of(attested[org].get(requirement.id))
                if status is compliant:
                    continue
                key = (org, requirement.id)
                found = held.get(key)
                if found is None:
                    held[key] = _Held(requirement, status, tier, path, [offering])
                    continue
                found.offerings.append(offering)
                if tier < found.tier or (tier == found.tier and len(path) < len(found.path)):
                    found.tier, found.path = tier, path
    counts: Counter[ComplianceStatus] = Counter()
    kept = []
    for (org, req), h in held.items():
        if gaps.keeps_pair(org, h.status, h.requirement.category, h.tier):
            kept.append((h.tier, org, req))
            counts[h.status] += 1
    truncated = limit is not None and len(kept) > limit
    # only the gaps answered are sorted out and built (a page of a million, on a large model)
    shown = heapq.nsmallest(limit, kept) if limit is not None and truncated else sorted(kept)
    return ComplianceGapsAnswer(
        as_of=check.as_of, expiring_within=expiring_within, offerings=len(live),
        counts={status: counts[status] for status in ComplianceStatus if counts[status]},
        gaps=[_gap(graph, org, held[org, req], check.as_of, required_by) for _, org, req in shown],
        truncated=truncated)


def _gap(graph: Graph, org: str, found: _Held, as_of: date, required_by: Requirers) -> ComplianceGap:
    """The gap built, with everyone who requires it in the chains holding it."""
    requirement = found.requirement.id
    by = sorted({who for offering in found.offerings for who in required_by[offering][requirement]})
    gap = gap_of(graph, org, found.requirement, found.status, found.tier, found.path, by, as_of)
    return ComplianceGap(**dict(gap), offerings=found.offerings)
