"""Compliance gaps across the portfolio (docs/compliance.md): the supply-chain gaps of every live
offering, one per organisation and requirement, with the offerings each one touches.

The live offerings are those of the portfolio (app/analysis/portfolio.py): live ServicePackages and
the live Services a customer CONSUMES directly. Each is answered as its own supply chain is
(app/analysis/supply_chain.py, offering mode, no tier bound); a gap found in several chains is
listed once, at its lowest tier with that chain's path (then the shortest path, then the least
offering id), with the union of who requires it. Requirements in force, statuses and remediations
are those of the chains.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from app.analysis.answers import ComplianceGap, ComplianceGapsAnswer, ComplianceStatus
from app.analysis.errors import check_bound
from app.analysis.graph import Graph
from app.analysis.portfolio import offerings
from app.analysis.supply_chain import EVERY_GAP, Check, GapFilter, chain_of, gaps_of
from app.schema import Lifecycle


def compliance_gaps(graph: Graph, *, as_of: date | None = None, expiring_within: int | None = None,
                    gaps: GapFilter = EVERY_GAP, limit: int | None = None,
                    among: frozenset[str] | None = None) -> ComplianceGapsAnswer:
    """The gaps of every live offering's supply chain (of those in `among`, when given).

    Needs in the Graph: the whole model (every offering's chain, attestations and remediations)."""
    check_bound("limit", limit)
    check_bound("expiring_within", expiring_within)
    check = Check(as_of or date.today(), expiring_within)
    live = [o.id for o in offerings(graph) if o.lifecycle == Lifecycle.LIVE and (among is None or o.id in among)]
    merged: dict[tuple[str, str], ComplianceGap] = {}
    for offering in live:
        chain = chain_of(graph, offering)
        listed = sorted(chain.placed)
        compliance = {o: {r.id: check.status(graph, o, r.id) for r in chain.requirements if r.checked}
                      for o in listed}
        for gap in gaps_of(graph, chain, listed, compliance, check.as_of):
            key = (gap.organization, gap.requirement)
            found = merged.get(key)
            if found is None:
                merged[key] = ComplianceGap(**dict(gap), offerings=[offering])
                continue
            found.offerings.append(offering)
            found.required_by = sorted({*found.required_by, *gap.required_by})
            if (gap.tier, len(gap.path)) < (found.tier, len(found.path)):
                found.tier, found.path = gap.tier, gap.path
    kept = sorted((g for g in merged.values() if gaps.keeps(g)),
                  key=lambda g: (g.tier, g.organization, g.requirement))
    counts = Counter(g.status for g in kept)
    truncated = limit is not None and len(kept) > limit
    return ComplianceGapsAnswer(
        as_of=check.as_of, expiring_within=expiring_within, offerings=len(live),
        counts={status: counts[status] for status in ComplianceStatus if counts[status]},
        gaps=kept[:limit] if limit is not None else kept, truncated=truncated)
