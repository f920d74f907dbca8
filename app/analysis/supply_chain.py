"""Supply chain of a focal organisation or of an offering, tier by tier (spec/analysis.md).

Buyers. A focal organisation's buyers are the live organisations whose SUPPLIED_BY closure holds it,
and the owners of the live offerings that INCLUDE one of its elements, directly or through
sub-packages (its elements: what it OWNS and what is PROVIDED_BY it). A buyer is never listed.

Tiers. From an offering (any element that is not an Organization): tier 1 is every organisation
that PROVIDES an element of the offering's closure (the offering included). From a focal
organisation: every organisation it is SUPPLIED_BY, and every one that PROVIDES an element of the
closure of its elements, a closure that never enters an element owned or provided by a buyer (so
it never walks from a partner's process into its buyer's and on to the buyer's other partners;
the focal organisation's own CONSUMES are not followed either). Tier n+1 are the SUPPLIED_BY
suppliers of tier n. Each organisation sits at its lowest tier with the least (length, ids) path
explaining it: down the dependency chain to the element it provides, then supplier by supplier
(from a focal organisation the first step is to one of its elements). Retired elements take no
part: not listed, not followed, their providers not counted, never buyers.

Compliance. Requirements in force: for a focal organisation those it, its buyers and the
offerings that include its elements REQUIRE (flow-down); for an offering those the offering, its
owners and its consumers REQUIRE; each with who requires it (`required_by`). Those whose
category is in ``schema.ATTESTED_CATEGORIES`` are checked for every listed organisation:
``missing`` without an ATTESTS relationship, else the attested ``non_compliant`` or ``unknown``
(also for an unset status or an unreadable valid_until), else ``expired`` when valid_until is
before as_of, else, when a horizon is asked, ``expiring`` when valid_until falls before as_of plus
the horizon, else ``compliant``. Every other status than compliant is a gap; a gap carries the
names, the attestation, who requires it and its remediation (REMEDIATES), and the gaps answered
are those the filters keep.

Concentration. For each listed organisation: ``packages``, the live ServicePackages of the
graph whose own supply chain (offering mode, no tier bound) includes it, and
``sole_provider_of``, the elements of this chain (the closure above and the organisations of
every tier) it provides or supplies through a required relationship (PROVIDED_BY or
SUPPLIED_BY outside any redundancy group: there is no alternative). An organisation is
listed when it serves two packages or more, or is a sole provider; most packages first.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from app.analysis.answers import (
    ComplianceStatus,
    Concentration,
    Gap,
    Remediation,
    RequirementInForce,
    SupplyChainAnswer,
    SupplyChainOrganization,
    SupplyChainTier,
)
from app.analysis.errors import UnknownElement, check_bound
from app.analysis.graph import Graph
from app.analysis.incremental import affected_by, components_to_refold
from app.analysis.traversal import Reach, bfs, decode_bits, strongly_connected, upstream
from app.schema import (
    ATTESTED_CATEGORIES,
    AttestationStatus,
    ElementType,
    Lifecycle,
    RelType,
    RemediationStatus,
    RequirementCategory,
)

Placed = dict[str, tuple[int, list[str]]]  # organisation -> (tier, path)
_ATTESTED = frozenset(c.value for c in ATTESTED_CATEGORIES)
_STILL_OPEN = frozenset({RemediationStatus.OPEN, RemediationStatus.IN_PROGRESS})


@dataclass(frozen=True)
class GapFilter:
    """Which gaps to answer; an unset field keeps every gap."""

    statuses: frozenset[ComplianceStatus] | None = None
    categories: frozenset[RequirementCategory] | None = None
    tier: int | None = None
    organization: str | None = None

    def keeps(self, gap: Gap) -> bool:
        return self.keeps_pair(gap.organization, gap.status, gap.category, gap.tier)

    def keeps_pair(self, organization: str, status: ComplianceStatus, category: RequirementCategory | None,
                   tier: int) -> bool:
        return ((self.statuses is None or status in self.statuses)
                and (self.categories is None or category in self.categories)
                and (self.tier is None or tier == self.tier)
                and (self.organization is None or organization == self.organization))


EVERY_GAP = GapFilter()


@dataclass(frozen=True)
class Check:
    """What a compliance check needs besides the graph: the day, and the horizon of `expiring`."""

    as_of: date
    expiring_within: int | None = None  # days

    def status(self, graph: Graph, org: str, requirement: str) -> ComplianceStatus:
        return self.status_of(attestation_of(graph, org, requirement))

    def status_of(self, attestation: Mapping[str, Any] | None) -> ComplianceStatus:
        """The status an attestation's properties give (None: there is none)."""
        return attestation_status(attestation, self.as_of, self.expiring_within)


def supply_chain(
    graph: Graph,
    root: str,
    *,
    as_of: date | None = None,
    max_tier: int | None = None,
    limit: int | None = None,
    supply_reach: SupplyReach | None = None,
    expiring_within: int | None = None,
    gaps: GapFilter = EVERY_GAP,
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
    check_bound("expiring_within", expiring_within)
    if root not in graph.nodes:
        raise UnknownElement(root)
    check = Check(as_of or date.today(), expiring_within)
    chain = chain_of(graph, root)
    placed = chain.placed
    listed = sorted((o for o in placed if max_tier is None or placed[o][0] <= max_tier),
                    key=lambda o: (placed[o][0], o))
    truncated = len(listed) < len(placed)
    if limit is not None and len(listed) > limit:
        listed, truncated = listed[:limit], True
    compliance = {o: {r.id: check.status(graph, o, r.id) for r in chain.requirements if r.checked} for o in listed}
    return SupplyChainAnswer(
        root=root, mode="organization" if chain.focal else "offering", as_of=check.as_of, max_tier=max_tier,
        expiring_within=expiring_within, buyers=sorted(chain.buyers),
        requirements=chain.requirements,
        tiers=_tiers(graph, listed, placed, compliance),
        gaps=[g for g in gaps_of(graph, chain, listed, compliance, check.as_of) if gaps.keeps(g)],
        concentration=_concentration(graph, listed, set(chain.reach.depth) | set(placed),
                                     supply_reach if supply_reach is not None else SupplyReach.of(graph)),
        truncated=truncated,
    )


@dataclass(frozen=True)
class Chain:
    """The organisations behind root, before any bound: what every answer about it is cut from."""

    root: str
    focal: bool
    buyers: frozenset[str]
    reach: Reach  # the elements whose providers are tier 1
    placed: Placed
    requirements: list[RequirementInForce]


def chain_of(graph: Graph, root: str) -> Chain:
    """The whole chain of root (a focal organisation, or another element: an offering)."""
    focal = graph.nodes[root].type == ElementType.ORGANIZATION
    if not focal:
        reach = upstream(graph, root)
        return Chain(root, False, frozenset(), reach, place_tiers(graph, root, reach, False),
                     offering_requirements(graph, root))
    own = own_elements(graph, root)
    offerings = offerings_including(graph, own)
    buyers = buyers_of(graph, root, offerings)
    reach = _focal_closure(graph, root, own, buyers)
    return Chain(root, True, buyers, reach, place_tiers(graph, root, reach, True, buyers),
                 _in_force(graph, [root, *sorted(buyers), *sorted(offerings)]))


def own_elements(graph: Graph, org: str) -> list[str]:
    """What the organisation OWNS or what is PROVIDED_BY it, sorted."""
    return sorted({e.target for e in graph.out_of_type(org, RelType.OWNS) if e.target in graph.nodes}
                  | {e.source for e in graph.in_of_type(org, RelType.PROVIDED_BY) if e.source in graph.nodes})


def offerings_including(graph: Graph, elements: list[str]) -> set[str]:
    """The live packages (or services) that INCLUDE one of `elements`, directly or through sub-packages."""
    found: set[str] = set()
    todo = deque(e for e in elements if _live(graph, e))
    while todo:
        for edge in graph.in_of_type(todo.popleft(), RelType.INCLUDES):
            if edge.source not in found and _live(graph, edge.source):
                found.add(edge.source)
                todo.append(edge.source)
    return found


def buyers_of(graph: Graph, org: str, offerings: set[str]) -> frozenset[str]:
    """The live organisations whose SUPPLIED_BY closure holds `org`, and the owners of `offerings`."""
    found: set[str] = set()
    todo = deque([org])
    while todo:
        for edge in graph.in_of_type(todo.popleft(), RelType.SUPPLIED_BY):
            if edge.source not in found and _live(graph, edge.source):
                found.add(edge.source)
                todo.append(edge.source)
    for offering in offerings:
        found.update(e.source for e in graph.in_of_type(offering, RelType.OWNS) if _live(graph, e.source))
    found.discard(org)
    return frozenset(found)


def _of_buyer(graph: Graph, node_id: str, buyers: frozenset[str]) -> bool:
    """Whether a buyer owns or provides the element."""
    return (any(e.source in buyers for e in graph.in_of_type(node_id, RelType.OWNS))
            or any(e.target in buyers for e in graph.out_of_type(node_id, RelType.PROVIDED_BY)))


def _focal_closure(graph: Graph, root: str, own: list[str], buyers: frozenset[str]) -> Reach:
    """The closure of the focal organisation's elements that never enters a buyer's, breadth first
    from the organisation with its paths."""
    outside = {node_id: not _of_buyer(graph, node_id, buyers) for node_id in own}

    def allowed(node_id: str) -> bool:
        if node_id not in outside:
            outside[node_id] = not _of_buyer(graph, node_id, buyers)
        return outside[node_id]

    def step(node_id: str) -> list[str]:
        # its suppliers are placed by place_tiers; what it consumes is not what it delivers
        candidates = own if node_id == root else graph.live_successors(node_id)
        return [v for v in candidates if allowed(v)]

    return bfs([root], step)


def offering_requirements(graph: Graph, offering: str) -> list[RequirementInForce]:
    """What an offering's chain holds in force: what it, its owners and its consumers REQUIRE."""
    return _in_force(graph, [offering, *_owners_and_consumers(graph, offering)])


def _owners_and_consumers(graph: Graph, offering: str) -> list[str]:
    return [e.source for rel in (RelType.OWNS, RelType.CONSUMES) for e in graph.in_of_type(offering, rel)
            if _live(graph, e.source)]


def place_tiers(graph: Graph, root: str, reach: Reach, focal: bool, buyers: frozenset[str] = frozenset()) -> Placed:
    """Each organisation of the chain at its lowest tier, with the least (length, ids) path."""
    tier1: dict[str, list[str]] = {}

    def offer(org: str, path: list[str]) -> None:
        if org != root and org not in buyers and _live(graph, org):
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
                if supplier not in placed and supplier != root and supplier not in buyers and _live(graph, supplier):
                    placed[supplier] = (tier + 1, [*path, supplier])
                    found.append(supplier)
        frontier = sorted(found, key=lambda o: (len(placed[o][1]), placed[o][1]))
    return placed


def _live(graph: Graph, node_id: str) -> bool:
    """Loaded and not retired."""
    return node_id in graph.nodes and not graph.is_retired(node_id)


def _in_force(graph: Graph, sources: list[str]) -> list[RequirementInForce]:
    """The requirements `sources` REQUIRE, each with who requires it and whether attestation checks it."""
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


def may_be_required(graph: Graph, org: str, requirement: str) -> bool:
    """Whether any chain can hold `requirement` in force for `org`. The chains that can hold the
    organisation start from what rests on it (its dependents, any depth: what it provides, its
    buyers, what rests on those) or from an organisation owning or providing one of those; each
    holds in force what chain_of does (a focal organisation's own, its buyers' and its offerings'
    requirements; an offering's own and its owners' and consumers'). False means no answer can
    show a gap of the pair."""
    resting = affected_by(graph, {org} | {e.target for e in graph.out_of_type(org, RelType.OWNS)})
    focal = {o for element in resting for o in (
        *(e.source for e in graph.in_of_type(element, RelType.OWNS)),
        *(e.target for e in graph.out_of_type(element, RelType.PROVIDED_BY)))}
    focal |= {i for i in resting if i in graph.nodes and graph.nodes[i].type == ElementType.ORGANIZATION}
    sources: set[str] = set()
    for candidate in focal & graph.nodes.keys():
        offerings = offerings_including(graph, own_elements(graph, candidate))
        sources |= {candidate, *offerings, *buyers_of(graph, candidate, offerings)}
    for offering in resting & graph.nodes.keys():
        if graph.nodes[offering].type in (ElementType.SERVICE_PACKAGE, ElementType.SERVICE):
            sources |= {offering, *_owners_and_consumers(graph, offering)}
    return any(e.source in sources for e in graph.in_of_type(requirement, RelType.REQUIRES))


def attestation_of(graph: Graph, org: str, requirement: str) -> dict[str, Any] | None:
    """The properties of org's ATTESTS of the requirement; None when it has none."""
    found = attestations_of(graph, org).get(requirement)
    return None if found is None else dict(found)


def attestations_of(graph: Graph, org: str) -> dict[str, Mapping[str, Any]]:
    """The properties of org's ATTESTS by requirement, the first of each (do not change them)."""
    found: dict[str, Mapping[str, Any]] = {}
    for e in graph.out_of_type(org, RelType.ATTESTS):
        found.setdefault(e.target, e.props)
    return found


def attestation_status(props: Mapping[str, Any] | None, as_of: date,
                       expiring_within: int | None = None) -> ComplianceStatus:
    """The status an attestation's properties (None: there is none) give on as_of, as
    spec/analysis.md orders the cases; with a horizon (days), a valid attestation whose valid_until
    falls before as_of + horizon is `expiring`."""
    if props is None:
        return ComplianceStatus.MISSING
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
    if valid_until < as_of:
        return ComplianceStatus.EXPIRED
    if expiring_within is not None and valid_until < as_of + timedelta(days=expiring_within):
        return ComplianceStatus.EXPIRING
    return ComplianceStatus.COMPLIANT


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


def gaps_of(graph: Graph, chain: Chain, listed: list[str], compliance: dict[str, dict[str, ComplianceStatus]],
            as_of: date) -> list[Gap]:
    """Every status but compliant, by organisation (in tier order) and requirement id."""
    in_force = {r.id: r for r in chain.requirements}
    found = []
    for org in listed:
        for req, status in sorted(compliance[org].items()):
            if status != ComplianceStatus.COMPLIANT:
                tier, path = chain.placed[org]
                found.append(gap_of(graph, org, in_force[req], status, tier, path, in_force[req].required_by, as_of))
    return found


def gap_of(graph: Graph, org: str, requirement: RequirementInForce, status: ComplianceStatus, tier: int,
           path: list[str], required_by: list[str], as_of: date) -> Gap:
    """The gap of a pair not compliant, as a chain places the organisation, with the attestation's
    expiry and evidence and the remediation on as_of."""
    attested = attestation_of(graph, org, requirement.id) or {}
    return Gap(organization=org, organization_name=graph.nodes[org].name, requirement=requirement.id,
               requirement_name=requirement.name, category=requirement.category, status=status,
               valid_until=_as_date(attested.get("valid_until")), evidence=attested.get("evidence"), tier=tier,
               path=path, required_by=required_by, remediation=remediation_of(graph, org, requirement.id, as_of))


def remediation_of(graph: Graph, org: str, requirement: str, as_of: date) -> Remediation | None:
    """The REMEDIATES of the pair as a gap shows it, overdue when its due date passed on as_of and it is
    still open or in progress; None without one (or with one whose stored form is unreadable)."""
    props = next((e.props for e in graph.out_of_type(org, RelType.REMEDIATES) if e.target == requirement), None)
    due = _as_date(props.get("due")) if props is not None else None
    if props is None or due is None:
        return None
    try:
        status = RemediationStatus(props.get("status", RemediationStatus.OPEN))
    except ValueError:
        return None
    return Remediation(owner=str(props.get("owner", "")), due=due, status=status, note=props.get("note"),
                       overdue=status in _STILL_OPEN and due < as_of, closed_on=_as_date(props.get("closed_on")),
                       closed_by=props.get("closed_by"))


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
