"""Agreements back to back (docs/agreements.md): is what an agreement promises backed by what the
agreements underneath it promise in turn?

The agreements underneath agreement A are the other live agreements that COVER an element of the
closure of what A covers (the covered elements included); when A names a PROVIDER, only those
that name one of A's providers as CONSUMER, or name no consumer (a provider's own UCs and OLAs,
not another customer's SLA on the same package).

- availability and satisfaction: checked as the weakest link checks them (composite availability
  of each covered element; lowest xla_score in the closure);
- response_time_h and resolution_time_h: an agreement underneath, covering an element on a
  required path from a covered element (dependency edges outside any redundancy group, or in a
  group that needs every member; live elements), whose target is slower (greater) than A's is a
  breach by design, reported with the shortest path (least ids) from the covered element.
"""

from __future__ import annotations

from typing import Literal

from app.analysis.answers import AgreementCheck, AgreementSummary, Backing, Breach, TimeCheck
from app.analysis.availability import agreement_checks, number
from app.analysis.errors import UnknownElement
from app.analysis.graph import Edge, Graph
from app.analysis.traversal import bfs, decode_bits, strongly_connected
from app.schema import ElementType, RelType

Time = Literal["response_time_h", "resolution_time_h"]
TIMES: tuple[Time, ...] = ("response_time_h", "resolution_time_h")


def backing(graph: Graph, agreement: str, check: AgreementCheck | None = None,
            covering: Covering | None = None) -> Backing:
    """The agreement's targets against what it covers and the agreements underneath it; `check`:
    its availability and satisfaction checks when already made (agreement_checks); `covering`:
    which agreements cover each closure, when already found for many agreements.

    Needs in the Graph: the whole model (every agreement with its COVERS, PROVIDER and CONSUMER,
    and the closure of what each covers)."""
    node = graph.nodes.get(agreement)
    if node is None or node.type != ElementType.AGREEMENT:
        raise UnknownElement(agreement)
    check = check if check is not None else agreement_checks(graph, [agreement])[0]
    covers = check.covers
    below = underneath(graph, agreement, covers, covering)
    targets = node.props.get("targets") or {}
    time_checks = []
    for target in TIMES:
        promised = number(targets, target)
        if promised is None:
            continue
        breaches = _breaches(graph, covers, below, target, promised)
        time_checks.append(TimeCheck(target=target, required=promised, achievable=not breaches, breaches=breaches))
    return Backing(id=agreement, name=node.name, kind=node.props.get("kind"), covers=covers,
                   achievable=check.achievable and all(t.achievable for t in time_checks), checks=check.checks,
                   time_checks=time_checks, underneath=below)


def agreements(graph: Graph, *, achievable: bool | None = None, among: frozenset[str] | None = None,
               limit: int | None = None) -> tuple[list[AgreementSummary], bool]:
    """Every live agreement (of `among`, when given) with whether it is achievable and which
    targets fail; only those with `achievable` when asked. The list, and whether `limit` cut it."""
    found = []
    listed = [n for n in graph.nodes_of_type(ElementType.AGREEMENT)
              if not n.retired and (among is None or n.id in among)]
    # one composite availability pass for all of them (memoised over the model's components), not one each
    checks = {c.id: c for c in agreement_checks(graph, [n.id for n in listed])}
    covering = Covering(graph, [c for check in checks.values() for c in check.covers])
    for node in listed:
        answer = backing(graph, node.id, checks[node.id], covering)
        failing: list[str] = sorted({str(c.target) for c in answer.checks if not c.achievable}
                                    | {str(t.target) for t in answer.time_checks if not t.achievable})
        if achievable is None or answer.achievable == achievable:
            found.append(AgreementSummary(id=node.id, name=node.name, kind=answer.kind,
                                          achievable=answer.achievable, failing=failing))
    if limit is not None and len(found) > limit:
        return found[:limit], True
    return found, False


def underneath(graph: Graph, agreement: str, covers: list[str], covering: Covering | None = None) -> list[str]:
    """The live agreements below `agreement`, sorted (see the module's docstring)."""
    providers = {e.target for e in graph.out_of_type(agreement, RelType.PROVIDER)}
    found = set()
    for other in (covering or Covering(graph, covers)).over(covers):
        if other == agreement or other not in graph.nodes or graph.is_retired(other):
            continue
        consumers = {c.target for c in graph.out_of_type(other, RelType.CONSUMER)}
        if not providers or not consumers or consumers & providers:
            found.add(other)
    return sorted(found)


class Covering:
    """Which agreements COVER an element of each closure, for the elements reached from `starts`:
    one memoised pass over their strongly connected components, as bitsets over the agreements,
    instead of one walk of the closure per agreement (the bench model at 100,000 elements has
    3,498 agreements). The closure of an element is the element and, unless it is retired, the
    closures of its dependencies (as `bfs(..., live_successors)` walks it)."""

    def __init__(self, graph: Graph, starts: list[str]) -> None:
        scope = set(bfs(starts, graph.live_successors).depth)
        covered_by: dict[str, set[str]] = {}
        for node_id in scope:
            by = {e.source for e in graph.in_of_type(node_id, RelType.COVERS)}
            if by:
                covered_by[node_id] = by
        self._agreements = sorted(set().union(*covered_by.values()))
        bit = {a: 1 << i for i, a in enumerate(self._agreements)}
        direct = {node_id: sum(bit[a] for a in by) for node_id, by in covered_by.items()}
        self._of: dict[str, int] = {}
        for component in strongly_connected(scope, graph.live_successors):
            inside = set(component)
            mask = 0
            for node_id in component:
                mask |= direct.get(node_id, 0)
                for target in graph.live_successors(node_id):
                    if target not in inside:
                        mask |= self._of.get(target, 0)
            for node_id in component:
                self._of[node_id] = mask

    def over(self, elements: list[str]) -> set[str]:
        """The agreements covering an element of the closure of `elements` (all reached from `starts`)."""
        mask = 0
        for node_id in elements:
            mask |= self._of.get(node_id, 0)
        return set(decode_bits(mask, self._agreements))


def _required(graph: Graph, node_id: str) -> list[str]:
    """Targets of the element's required dependencies: outside groups, or in a group needing all."""
    if graph.is_retired(node_id):
        return []
    needs = graph.needs(node_id)
    edges: list[Edge] = [*needs.required, *(e for g in needs.groups if g.min_up >= g.size for e in g.members)]
    return sorted({e.target for e in edges if e.target in graph.nodes})


def _breaches(graph: Graph, covers: list[str], below: list[str], target: str, promised: float) -> list[Breach]:
    slower = {u: value for u in below
              if (value := number(graph.nodes[u].props.get("targets") or {}, target)) is not None and value > promised}
    if not slower:
        return []
    found: dict[str, Breach] = {}
    best: dict[str, tuple[int, list[str]]] = {}
    for start in covers:
        reach = bfs([start], lambda v: _required(graph, v))
        for node_id in reach.order:
            for e in graph.in_of_type(node_id, RelType.COVERS):
                if e.source not in slower:
                    continue
                path = reach.path(node_id)
                if e.source not in best or (len(path), path) < best[e.source]:
                    best[e.source] = (len(path), path)
                    u = graph.nodes[e.source]
                    found[e.source] = Breach(underpinning=u.id, underpinning_name=u.name,
                                             underpinning_kind=u.props.get("kind"), value=slower[u.id],
                                             element=node_id, path=path)
    return sorted(found.values(), key=lambda b: (-b.value, b.underpinning))
