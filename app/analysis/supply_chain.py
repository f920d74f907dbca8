"""Supply chain of a focal organisation or of an offering, tier by tier (spec/analysis.md).

Tiers. From an offering (any element that is not an Organization): tier 1 is every
organisation that PROVIDES an element of the offering's closure (the offering included);
from a focal organisation: every organisation it is SUPPLIED_BY and every one that PROVIDES
an element of the closure of the elements it OWNS (the focal organisation's own CONSUMES
are not followed: what it buys is not what it delivers). Tier n+1 are the SUPPLIED_BY
suppliers of tier n. Each organisation sits at its lowest tier with the least (length, ids)
path explaining it: down the dependency chain to the element it provides, then supplier by
supplier (from a focal organisation the first step may be its OWNS relationship). Retired
elements take no part: not listed, not followed, their providers not counted.

Compliance. Requirements in force are those the focal organisation REQUIRES, or for an
offering those the offering, its owners and its consumers REQUIRE. Those whose category is
in ``schema.ATTESTED_CATEGORIES`` are checked for every listed organisation: ``missing``
without an ATTESTS relationship, else the attested ``non_compliant`` or ``unknown`` (also for
an unset status or an unreadable valid_until), else ``expired`` when valid_until is before
as_of, else ``compliant``. Every other status than compliant is a gap.

Concentration. For each listed organisation: ``packages``, the live ServicePackages of the
graph whose own supply chain (offering mode, no tier bound) includes it, and
``sole_provider_of``, the elements of this chain (the closure above and the organisations of
every tier) it provides or supplies through a required relationship (PROVIDED_BY or
SUPPLIED_BY outside any redundancy group: there is no alternative). An organisation is
listed when it serves two packages or more, or is a sole provider; most packages first.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from app.analysis.answers import (
    ComplianceStatus,
    Concentration,
    Gap,
    RequirementInForce,
    SupplyChainAnswer,
    SupplyChainOrganization,
    SupplyChainTier,
)
from app.analysis.errors import UnknownElement, check_bound
from app.analysis.graph import Graph
from app.analysis.incremental import components_to_refold
from app.analysis.traversal import Reach, bfs, decode_bits, strongly_connected, upstream
from app.schema import ATTESTED_CATEGORIES, AttestationStatus, ElementType, Lifecycle, RelType

Placed = dict[str, tuple[int, list[str]]]  # organisation -> (tier, path)
_ATTESTED = frozenset(c.value for c in ATTESTED_CATEGORIES)


def supply_chain(
    graph: Graph,
    root: str,
    *,
    as_of: date | None = None,
    max_tier: int | None = None,
    limit: int | None = None,
    supply_reach: SupplyReach | None = None,
) -> SupplyChainAnswer:
    """The organisations behind root by tier, their compliance, the gaps and the concentration.

    Needs in the Graph: root and its upstream closure (from a focal organisation also the
    elements it OWNS, with those OWNS relationships, and their upstream closures), with
    every dependency relationship leaving those elements; the
    REQUIRES relationships of root and, for an offering, of its owners and consumers (with
    the OWNS and CONSUMES relationships into root and those organisations), with the
    Requirement nodes (``category`` in props); the ATTESTS relationships leaving every
    Organization of the closure. For concentration also every live ServicePackage with its
    upstream closure (fetching the whole dependency graph is simplest); `supply_reach`: the one
    kept with the whole model, when it is this graph.
    """
    check_bound("max_tier", max_tier)
    check_bound("limit", limit)
    if root not in graph.nodes:
        raise UnknownElement(root)
    as_of = as_of or date.today()
    focal = graph.nodes[root].type == ElementType.ORGANIZATION
    reach = _closure(graph, root, focal)
    placed = place_tiers(graph, root, reach, focal)
    listed = sorted((o for o in placed if max_tier is None or placed[o][0] <= max_tier),
                    key=lambda o: (placed[o][0], o))
    truncated = len(listed) < len(placed)
    if limit is not None and len(listed) > limit:
        listed, truncated = listed[:limit], True
    requirements = _in_force(graph, root, focal)
    checked = [r.id for r in requirements if r.checked]
    compliance = {o: {r: attestation_status(graph, o, r, as_of) for r in checked} for o in listed}
    return SupplyChainAnswer(
        root=root, mode="organization" if focal else "offering", as_of=as_of, max_tier=max_tier,
        requirements=requirements,
        tiers=_tiers(graph, listed, placed, compliance),
        gaps=_gaps(listed, placed, compliance),
        concentration=_concentration(graph, listed, set(reach.depth) | set(placed),
                                     supply_reach if supply_reach is not None else SupplyReach.of(graph)),
        truncated=truncated,
    )


def _closure(graph: Graph, root: str, focal: bool) -> Reach:
    """The elements whose providers are tier 1, reached breadth first from root with their paths."""
    if not focal:
        return upstream(graph, root)

    def step(node_id: str) -> list[str]:
        if node_id != root:
            return graph.live_successors(node_id)
        # its suppliers are placed by place_tiers; the closure is that of what it owns
        return sorted({e.target for e in graph.out_of_type(root, RelType.OWNS) if e.target in graph.nodes})

    return bfs([root], step)


def place_tiers(graph: Graph, root: str, reach: Reach, focal: bool) -> Placed:
    """Each organisation of the chain at its lowest tier, with the least (length, ids) path."""
    tier1: dict[str, list[str]] = {}

    def offer(org: str, path: list[str]) -> None:
        if org != root and _live(graph, org):
            best = tier1.get(org)
            if best is None or (len(path), path) < (len(best), best):
                tier1[org] = path

    if focal:
        for e in graph.out_of_type(root, RelType.SUPPLIED_BY):
            offer(e.target, [root, e.target])
    for node_id in reach.order:
        if (focal and node_id == root) or graph.is_retired(node_id):
            continue
        for e in graph.out_of_type(node_id, RelType.PROVIDED_BY):
            offer(e.target, [*reach.path(node_id), e.target])
    placed: Placed = {o: (1, p) for o, p in tier1.items()}
    frontier = sorted(tier1, key=lambda o: (len(tier1[o]), tier1[o]))
    while frontier:
        found = []
        for org in frontier:
            tier, path = placed[org]
            for supplier in sorted({e.target for e in graph.out_of_type(org, RelType.SUPPLIED_BY)}):
                if supplier not in placed and supplier != root and _live(graph, supplier):
                    placed[supplier] = (tier + 1, [*path, supplier])
                    found.append(supplier)
        frontier = sorted(found, key=lambda o: (len(placed[o][1]), placed[o][1]))
    return placed


def _live(graph: Graph, node_id: str) -> bool:
    """Loaded and not retired."""
    return node_id in graph.nodes and not graph.is_retired(node_id)


def _in_force(graph: Graph, root: str, focal: bool) -> list[RequirementInForce]:
    """The requirements in force, each with who requires it and whether attestation checks it."""
    sources = [root]
    if not focal:
        for rel in (RelType.OWNS, RelType.CONSUMES):
            sources += [e.source for e in graph.in_of_type(root, rel) if _live(graph, e.source)]
    required_by: dict[str, set[str]] = {}
    for source in sources:
        for e in graph.out_of_type(source, RelType.REQUIRES):
            if _live(graph, e.target):
                required_by.setdefault(e.target, set()).add(source)
    found = []
    for req in sorted(required_by):
        category = graph.nodes[req].props.get("category")
        found.append(RequirementInForce(
            id=req, name=graph.nodes[req].name, category=category,
            checked=category in _ATTESTED, required_by=sorted(required_by[req]),
        ))
    return found


def attestation_status(graph: Graph, org: str, requirement: str, as_of: date) -> ComplianceStatus:
    """The status of org against one requirement on as_of, as spec/analysis.md orders the cases."""
    edges = [e for e in graph.out_of_type(org, RelType.ATTESTS) if e.target == requirement]
    if not edges:
        return ComplianceStatus.MISSING
    props = edges[0].props
    status = props.get("status")
    if status == AttestationStatus.NON_COMPLIANT:
        return ComplianceStatus.NON_COMPLIANT
    if status != AttestationStatus.COMPLIANT:
        return ComplianceStatus.UNKNOWN
    raw = props.get("valid_until")
    if raw is None:
        return ComplianceStatus.COMPLIANT  # absent means no expiry
    valid_until = _as_date(raw)
    if valid_until is None:
        return ComplianceStatus.UNKNOWN
    return ComplianceStatus.EXPIRED if valid_until < as_of else ComplianceStatus.COMPLIANT


def _as_date(value: Any) -> date | None:
    """An ISO date (or datetime) string, a date, or a driver date, as a date; None if unreadable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "to_native"):  # neo4j.time.Date / DateTime
        return _as_date(value.to_native())
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _tiers(
    graph: Graph, listed: list[str], placed: Placed, compliance: dict[str, dict[str, ComplianceStatus]]
) -> list[SupplyChainTier]:
    by_tier: dict[int, list[SupplyChainOrganization]] = {}
    for org in listed:
        tier, path = placed[org]
        by_tier.setdefault(tier, []).append(SupplyChainOrganization(
            id=org, name=graph.nodes[org].name, tier=tier, path=path, compliance=compliance[org],
        ))
    return [SupplyChainTier(tier=t, organizations=by_tier[t]) for t in sorted(by_tier)]


def _gaps(
    listed: list[str], placed: Placed, compliance: dict[str, dict[str, ComplianceStatus]]
) -> list[Gap]:
    return [
        Gap(organization=org, requirement=req, status=status, tier=placed[org][0], path=placed[org][1])
        for org in listed
        for req, status in sorted(compliance[org].items())
        if status != ComplianceStatus.COMPLIANT
    ]


def _concentration(graph: Graph, listed: list[str], chain: set[str], reach: SupplyReach) -> list[Concentration]:
    """Organisations of this chain shared by several live packages, or alone behind an element of it."""
    found = []
    for org in listed:
        sole = sorted({
            e.source
            for rel in (RelType.PROVIDED_BY, RelType.SUPPLIED_BY)
            for e in graph.in_of_type(org, rel)
            if e.redundancy_group is None and e.source in chain and _live(graph, e.source)
        })
        shared = reach.packages(org)
        if len(shared) >= 2 or sole:
            found.append(Concentration(
                organization=org, name=graph.nodes[org].name, packages=shared,
                package_count=len(shared), sole_provider_of=sole,
            ))
    found.sort(key=lambda c: (-c.package_count, -len(c.sole_provider_of), c.organization))
    return found


class SupplyReach:
    """For each organisation, the live service packages whose supply chain includes it.

    A package's supply chain (offering mode, no bound) is exactly the live organisations of
    its live closure: only PROVIDED_BY and SUPPLIED_BY lead to an organisation. So one
    memoised pass over the SCCs gives every element the set of organisations it reaches,
    as a bitset over the live organisations. Kept with the whole model and carried to the next
    revision from what a write changed.
    """

    def __init__(self, orgs: list[str], bit: dict[str, int], reaches: dict[str, int]) -> None:
        self._orgs, self._bit, self._reaches = orgs, bit, reaches
        self._orgs_of: dict[str, tuple[str, ...]] = {}  # live package -> the organisations of its chain
        self._packages_of: dict[str, frozenset[str]] = {}  # organisation -> those packages

    @classmethod
    def of(cls, graph: Graph) -> SupplyReach:
        orgs = [o.id for o in graph.nodes_of_type(ElementType.ORGANIZATION) if not o.retired]
        found = cls(orgs, {o: 1 << i for i, o in enumerate(orgs)}, {})
        found._fold(graph, strongly_connected(graph.nodes, graph.live_successors))
        packages_of: dict[str, set[str]] = {}
        for package in graph.nodes:
            for org in found._count(graph, package):
                packages_of.setdefault(org, set()).add(package)
        found._packages_of = {org: frozenset(packages) for org, packages in packages_of.items()}
        return found

    def carried(self, graph: Graph, affected: set[str], gone: set[str]) -> SupplyReach:
        """This reach on the whole model `graph`, patched from the one it was computed on. A new
        organisation takes a new bit; the bits of organisations gone or retired stay unused."""
        carried = SupplyReach(list(self._orgs), dict(self._bit), dict(self._reaches))
        for node_id in gone:
            carried._reaches.pop(node_id, None)
        for org in sorted(affected - self._bit.keys()):
            if graph.nodes[org].type == ElementType.ORGANIZATION:
                carried._bit[org] = 1 << len(carried._orgs)
                carried._orgs.append(org)
        carried._fold(graph, components_to_refold(graph, affected))
        carried._orgs_of, carried._packages_of = dict(self._orgs_of), dict(self._packages_of)
        left: dict[str, set[str]] = {}
        joined: dict[str, set[str]] = {}
        for package in affected | gone:
            before = set(carried._orgs_of.pop(package, ()))
            after = set(carried._count(graph, package))
            for org in before - after:
                left.setdefault(org, set()).add(package)
            for org in after - before:
                joined.setdefault(org, set()).add(package)
        for org in left.keys() | joined.keys():
            carried._packages_of[org] = ((self._packages_of.get(org, frozenset()) - left.get(org, set()))
                                         | joined.get(org, set()))
        return carried

    def packages(self, org: str) -> list[str]:
        return sorted(self._packages_of.get(org, ()))

    def _fold(self, graph: Graph, components: list[list[str]]) -> None:
        for component in components:
            inside, mask = set(component), 0
            for node_id in component:
                node = graph.nodes[node_id]
                if node.type == ElementType.ORGANIZATION and not node.retired:
                    mask |= self._bit.get(node_id, 0)
                # inside the component its own bits are already in (and a carried value is stale)
                for t in graph.live_successors(node_id):
                    if t not in inside:
                        mask |= self._reaches.get(t, 0)
            for node_id in component:
                self._reaches[node_id] = mask

    def _count(self, graph: Graph, package: str) -> tuple[str, ...]:
        """The organisations of a live package's chain (kept in _orgs_of); none for another element."""
        node = graph.nodes.get(package)
        if node is None or node.type != ElementType.SERVICE_PACKAGE or node.lifecycle != Lifecycle.LIVE:
            return ()
        orgs = self._orgs_of[package] = tuple(decode_bits(self._reaches[package], self._orgs))
        return orgs
