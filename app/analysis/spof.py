"""Single points of failure, for one element and graph-wide (spec/analysis.md).

One memoised pass over the strongly connected components, dependencies first, computes for
every element v its *failure set* D(v): the elements c whose failure alone makes v down
(v itself included). On a component of one element without a self-loop this is the rule of
the spec, evaluated once:

    D(v) = {v} | D(d) for each required dependency d
               | {c in more than `can_lose` of D(m) for the members m of each group}

Inside a larger component (a cycle) the same rule is iterated from D(v) = {v} until nothing
changes. Each candidate c is an independent monotone system, so this computes, for all
candidates at once, the least fixpoint of the impact semantics: on a cycle nothing goes down
unless a failure forces it, and an element on a cycle is a SPOF of the root exactly when its
failure alone makes the root down. Sets are Python ints used as bitsets, one bit per element.
Retired elements never go down (D = 0) and pass nothing on, but stay members of their groups.
"""

from __future__ import annotations

import heapq
from collections import Counter, deque
from collections.abc import Container

from app.analysis.answers import CriticalElement, CriticalElementsAnswer, Spof, SpofAnswer
from app.analysis.errors import UnknownElement, check_bound
from app.analysis.graph import Graph
from app.analysis.incremental import components_to_refold
from app.analysis.traversal import decode_bits, strongly_connected, upstream
from app.analysis.weights import weight_of
from app.schema import ElementType, Lifecycle, RelType


class FailureSets:
    """D(v) for every element of a scope; dependencies outside the scope count as up."""

    def __init__(self, graph: Graph, scope: set[str]) -> None:
        self.graph = graph
        self.scope: Container[str] = scope  # carried sets take the whole graph's nodes
        components = strongly_connected(scope, self._successors)
        # bits in dependency order: an element's set only holds it and what it reaches, so the
        # ints of elements near the leaves stay small
        self.ids = [node_id for component in components for node_id in component]
        self.bit = {node_id: 1 << i for i, node_id in enumerate(self.ids)}
        self.sets: dict[str, int] = {}
        for component in components:
            self._solve(component)

    @classmethod
    def carried(cls, before: FailureSets, graph: Graph, affected: set[str], gone: set[str]) -> FailureSets:
        """The sets of the whole model `graph`, patched from the one `before` was computed on:
        only the affected elements are solved again (app/analysis/incremental.py). New elements
        take new bits; the bits of elements gone stay unused (no set still holds them: whatever
        reached them is affected)."""
        carried = cls.__new__(cls)
        carried.graph, carried.scope = graph, graph.nodes
        carried.ids, carried.bit = list(before.ids), dict(before.bit)
        for node_id in sorted(affected - before.bit.keys()):
            carried.bit[node_id] = 1 << len(carried.ids)
            carried.ids.append(node_id)
        carried.sets = dict(before.sets)
        for node_id in gone:
            carried.sets.pop(node_id, None)
        for component in components_to_refold(graph, affected):
            carried._solve(component)
        return carried

    def _successors(self, node_id: str) -> list[str]:
        return [t for t in self.graph.live_successors(node_id) if t in self.scope]

    def _solve(self, component: list[str]) -> None:
        """Iterate the rule inside one component from {v} until it is stable (its least fixpoint)."""
        inside = set(component)
        for v in component:
            self.sets[v] = 0 if self.graph.is_retired(v) else self.bit[v]
        queue = deque(component)
        queued = set(component)
        while queue:
            v = queue.popleft()
            queued.discard(v)
            if self.graph.is_retired(v):
                continue
            new = self._evaluate(v)
            if new == self.sets[v]:
                continue
            self.sets[v] = new
            # only elements of this component can still change: the others are final
            for e in self.graph.dependents_of(v):
                if e.source in inside and e.source not in queued:
                    queue.append(e.source)
                    queued.add(e.source)

    def _evaluate(self, v: str) -> int:
        """The rule of the module docstring for one element, from the current sets."""
        needs = self.graph.needs(v)
        result = self.bit[v]
        for e in needs.required:
            result |= self.sets.get(e.target, 0)
        for group in needs.groups:
            members = [self.sets.get(e.target, 0) for e in group.members]
            result |= _in_at_least(group.can_lose + 1, members)
        return result

    def of(self, node_id: str) -> list[str]:
        """The ids in D(node_id), sorted."""
        return self.decode(self.sets.get(node_id, 0))

    def decode(self, mask: int) -> list[str]:
        """The ids of the bits set in mask, sorted."""
        return decode_bits(mask, self.ids)


def _in_at_least(k: int, masks: list[int]) -> int:
    """The bits set in at least k of masks (k >= 1), counting with k running bitsets."""
    if k > len(masks):
        return 0
    # at_least[j]: bits seen in at least j + 1 masks so far
    at_least = [0] * k
    for m in masks:
        for j in range(k - 1, 0, -1):
            at_least[j] |= at_least[j - 1] & m
        at_least[0] |= m
    return at_least[k - 1]


def single_points_of_failure(
    graph: Graph, root: str, *, max_depth: int | None = None, limit: int | None = None
) -> SpofAnswer:
    """The elements whose failure alone makes root down, each with a shortest path from root.

    Needs in the Graph: root and its upstream closure (to max_depth hops when bounded) with
    every dependency relationship leaving those elements. Elements past max_depth count as
    up (the answer is then truncated if the bound cut anything).
    """
    check_bound("max_depth", max_depth)
    check_bound("limit", limit)
    if root not in graph.nodes:
        raise UnknownElement(root)
    reach = upstream(graph, root, max_depth=max_depth)
    sets = FailureSets(graph, set(reach.depth))
    found = [c for c in sets.of(root) if c != root]
    found.sort(key=lambda c: (reach.depth[c], c))
    truncated = reach.truncated
    if limit is not None and len(found) > limit:
        found, truncated = found[:limit], True
    spofs = [_spof(graph, c, reach.path(c)) for c in found]
    return SpofAnswer(root=root, spofs=spofs, truncated=truncated)


def _spof(graph: Graph, node_id: str, path: list[str]) -> Spof:
    node = graph.nodes[node_id]
    return Spof(id=node.id, type=node.type, name=node.name, path=path)


class Criticality:
    """The whole model's failure sets and, for each live service package and each customer, the
    elements whose failure alone takes it down (itself not counted), tallied per element. Kept with
    the whole model and carried to the next revision from what a write changed."""

    def __init__(self, sets: FailureSets) -> None:
        self.sets = sets
        # root -> the elements that take it down alone
        self.packages_of: dict[str, tuple[str, ...]] = {}
        self.customers_of: dict[str, tuple[str, ...]] = {}
        # element -> how many live packages / customers it takes down alone
        self.packages: Counter[str] = Counter()
        self.customers: Counter[str] = Counter()

    @classmethod
    def of(cls, graph: Graph) -> Criticality:
        found = cls(FailureSets(graph, set(graph.nodes)))
        for root in graph.nodes:
            found._count(root)
        return found

    def carried(self, graph: Graph, affected: set[str], gone: set[str]) -> Criticality:
        """This criticality on the whole model `graph`, patched from the one it was computed on:
        only the roots among the affected elements (or gone) are counted again."""
        carried = Criticality(FailureSets.carried(self.sets, graph, affected, gone))
        carried.packages_of, carried.customers_of = dict(self.packages_of), dict(self.customers_of)
        carried.packages, carried.customers = Counter(self.packages), Counter(self.customers)
        for root in affected | gone:
            carried._uncount(root)
            carried._count(root)
        return carried

    def _count(self, root: str) -> None:
        graph = self.sets.graph
        node = graph.nodes.get(root)
        if node is None:
            return
        package = node.type == ElementType.SERVICE_PACKAGE and node.lifecycle == Lifecycle.LIVE
        customer = node.type == ElementType.ORGANIZATION and bool(graph.out_of_type(root, RelType.CONSUMES))
        if not (package or customer):
            return
        down = tuple(c for c in self.sets.of(root) if c != root)
        if package:
            self.packages_of[root] = down
            self.packages.update(down)
        if customer:
            self.customers_of[root] = down
            self.customers.update(down)

    def _uncount(self, root: str) -> None:
        for counts, roots in ((self.packages, self.packages_of), (self.customers, self.customers_of)):
            down = roots.pop(root, None)
            if down is not None:
                counts.subtract(down)
                for c in down:
                    if counts[c] == 0:
                        del counts[c]


def critical_elements(graph: Graph, *, limit: int | None = None, among: Container[str] | None = None,
                      criticality: Criticality | None = None, rank_by: str | None = None) -> CriticalElementsAnswer:
    """Every element ranked by how many live service packages and customers its failure alone takes down.

    Needs in the Graph: the whole dependency graph (every element, every dependency
    relationship). Customers are organisations that CONSUME something; a root never counts
    itself. Only elements with a non-zero count are listed, sorted by packages_down desc,
    customers_down desc, id. With `among` (a partner's scope), only those elements are
    listed, and only those packages and customers counted. `criticality`: the one kept with
    the whole model, when it is this graph's. With `rank_by` (a weight such as `seats`), each
    element also carries the sum of that weight over the customers it takes down, and the
    ranking is by that sum first; the customers without that weight are answered as unweighted.
    """
    check_bound("limit", limit)
    found = criticality if criticality is not None else Criticality.of(graph)
    if among is None:
        packages, customers = found.packages, found.customers
    else:
        packages, customers = (Counter(c for root, down in roots.items() if root in among for c in down)
                               for roots in (found.packages_of, found.customers_of))
    listed = [c for c in packages.keys() | customers.keys() if among is None or c in among]

    weight: dict[str, int | float] = {}
    unweighted: list[str] = []
    if rank_by is not None:
        for customer, takers in sorted(found.customers_of.items()):
            if among is not None and customer not in among:
                continue
            value = weight_of(graph, customer, rank_by)
            if value is None:
                unweighted.append(customer)
                continue
            for c in takers:
                weight[c] = weight.get(c, 0) + value

    def rank(c: str) -> tuple[float, int, int, str]:
        return -weight.get(c, 0), -packages[c], -customers[c], c

    truncated = limit is not None and len(listed) > limit
    # the first `limit` of a big model's ranking without sorting all of it
    ranked = heapq.nsmallest(limit, listed, key=rank) if truncated and limit is not None else sorted(listed, key=rank)
    elements = [
        CriticalElement(
            id=c, type=graph.nodes[c].type, name=graph.nodes[c].name,
            packages_down=packages[c], customers_down=customers[c],
            weight_down=(round(weight.get(c, 0), 6) if rank_by is not None else None),
        )
        for c in ranked
    ]
    return CriticalElementsAnswer(elements=elements, truncated=truncated,
                                  unweighted=unweighted if rank_by is not None else None)
