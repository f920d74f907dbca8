"""Redundancy-aware impact of a set F of failed elements (spec/analysis.md "Impact").

``down`` is the least fixpoint: F, and every element with a required dependency down or a
redundancy group with fewer than min_up members not down. A worklist adds an element when
the last straw arrives, so each dependency edge is looked at once per failure of its target
and cycles terminate: nothing on a cycle goes down unless a failure forces it. ``degraded``
is every other element reaching a down one through dependencies. Retired elements count as
up: they never fail, never pass a failure on and are never listed.

Each affected element's path is a shortest path to a failed element in the explanation
graph: a down element steps to a down required dependency or a down member of a group that
failed; a degraded element steps to any down or degraded dependency. Its first step is the
dependency that decided the state, and the reason names it.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable

from app.analysis.answers import (
    AffectedElement,
    AgreementAtRisk,
    CoveredElement,
    CoveredState,
    CustomerAtRisk,
    ImpactAnswer,
)
from app.analysis.dependencies import wanted
from app.analysis.errors import InvalidFailedSet, check_bound
from app.analysis.graph import Edge, Graph
from app.analysis.traversal import Reach, bfs
from app.schema import ElementType, RelType

Lost = Counter[tuple[str, str]]  # (element, group name) -> members of the group down


def failed_set_problems(graph: Graph, failed: Iterable[str]) -> tuple[list[str], list[str]]:
    """The ids of a failed set that are unknown and those that are retired (both sorted)."""
    ids = set(failed)
    unknown = sorted(i for i in ids if i not in graph.nodes)
    retired = sorted(i for i in ids if graph.is_retired(i))
    return unknown, retired


def check_failed_set(graph: Graph, failed: Iterable[str]) -> None:
    """Raise InvalidFailedSet when the failed set names an unknown or a retired element."""
    unknown, retired = failed_set_problems(graph, failed)
    if unknown or retired:
        raise InvalidFailedSet(unknown, retired)


def impact(
    graph: Graph, failed: Iterable[str], *, max_depth: int | None = None, limit: int | None = None,
    pillars: Iterable[str] | str | None = None, types: Iterable[str] | str | None = None,
) -> ImpactAnswer:
    """The state of every element that depends on the failed set, with reasons and paths.

    Needs in the Graph: the failed elements and their downstream closure (every element
    from which one of them is reachable over dependency relationships; to max_depth + 1
    hops when bounded, so the cut is seen), with every dependency relationship leaving those
    elements (their targets need not be loaded: an element not loaded counts as up), plus
    the COVERS relationships into them and their Agreement nodes. Raises InvalidFailedSet
    for unknown or retired ids. The pillar and type filters choose which affected elements are
    answered (customers and agreements at risk are always answered), not what is computed.
    """
    check_bound("max_depth", max_depth)
    check_bound("limit", limit)
    roots = sorted(set(failed))
    check_failed_set(graph, roots)
    scope = bfs(roots, lambda u: _dependents_in_play(graph, u), max_depth=max_depth)
    down, lost = _down(graph, roots, scope)
    degraded = _degraded(graph, down, scope)
    paths = _paths(graph, roots, down, degraded, lost)
    affected = sorted((down | degraded) - set(roots), key=lambda i: (len(paths[i]), i))
    truncated = max_depth is not None and _cut(graph, scope, down | degraded, max_depth)
    elements = [_affected(graph, i, down, lost, paths, scope.depth[i]) for i in affected
                if wanted(graph.nodes[i], pillars, types)]
    customers = _customers(graph, affected, down, down | degraded, paths)
    agreements = _agreements(graph, roots, down, degraded)
    if limit is not None:
        truncated = truncated or max(len(elements), len(customers), len(agreements)) > limit
        elements, customers, agreements = elements[:limit], customers[:limit], agreements[:limit]
    return ImpactAnswer(
        failed=roots, affected=elements, customers_at_risk=customers,
        agreements_at_risk=agreements, truncated=truncated,
    )


def _dependents_in_play(graph: Graph, node_id: str) -> list[str]:
    """Loaded, non-retired elements with a dependency on node_id: where a failure can travel."""
    sources = {e.source for e in graph.dependents_of(node_id)}
    return sorted(s for s in sources if s in graph.nodes and not graph.is_retired(s))


def _down(graph: Graph, failed: list[str], scope: Reach) -> tuple[set[str], Lost]:
    """The least fixpoint of down within scope, and how many members of each group are down."""
    down = set(failed)
    lost: Lost = Counter()
    queue = deque(failed)
    while queue:
        target = queue.popleft()
        for e in graph.dependents_of(target):
            source = e.source
            if source not in scope:
                continue
            if e.redundancy_group is not None:
                # counted even for elements already down, so reasons show the final tally
                lost[source, e.redundancy_group] += 1
            if source not in down and _goes_down(graph, e, lost):
                down.add(source)
                queue.append(source)
    return down, lost


def _goes_down(graph: Graph, edge: Edge, lost: Lost) -> bool:
    """Whether the failure of edge's target takes its source down, given the groups' tallies."""
    if edge.redundancy_group is None:
        return True
    group = graph.group(edge.source, edge.redundancy_group)
    return lost[edge.source, group.name] > group.can_lose


def _degraded(graph: Graph, down: set[str], scope: Reach) -> set[str]:
    """Elements in scope, not down, that reach a down element through dependencies."""
    degraded: set[str] = set()
    queue = deque(sorted(down))
    while queue:
        target = queue.popleft()
        for e in graph.dependents_of(target):
            source = e.source
            if source in scope and source not in down and source not in degraded:
                degraded.add(source)
                queue.append(source)
    return degraded


def _explains(graph: Graph, edge: Edge, down: set[str], affected: set[str], lost: Lost) -> bool:
    """Whether edge can explain the state of its source (a step of an explanation path)."""
    if edge.source in down:
        return edge.target in down and _goes_down(graph, edge, lost)
    return edge.target in affected


def _paths(
    graph: Graph, failed: list[str], down: set[str], degraded: set[str], lost: Lost
) -> dict[str, list[str]]:
    """For each affected element the least (length, ids) path to a failed one in the explanation graph."""
    affected = down | degraded
    distance = {f: 0 for f in failed}
    queue = deque(failed)
    while queue:
        target = queue.popleft()
        for e in graph.dependents_of(target):
            source = e.source
            if source in affected and source not in distance and _explains(graph, e, down, affected, lost):
                distance[source] = distance[target] + 1
                queue.append(source)
    paths: dict[str, list[str]] = {f: [f] for f in failed}
    # nearest first, so the next step's path is always known; the smallest id wins a tie
    for node in sorted(distance, key=lambda i: distance[i]):
        if node in paths:
            continue
        step = min(
            e.target for e in graph.dependencies_of(node)
            if distance.get(e.target) == distance[node] - 1 and _explains(graph, e, down, affected, lost)
        )
        paths[node] = [node, *paths[step]]
    return paths


def _reason(graph: Graph, node: str, step: str, down: set[str], lost: Lost) -> str:
    """The wording of spec/analysis.md for the dependency that decided node's state."""
    edges = [e for e in graph.dependencies_of(node) if e.target == step]
    step_state = "down" if step in down else "degraded"
    if node in down and any(e.redundancy_group is None for e in edges):
        return f"required dependency {step} is down"
    grouped = sorted(e.redundancy_group for e in edges if e.redundancy_group is not None)
    if grouped and step in down:
        group = graph.group(node, grouped[0])
        up = group.size - lost[node, group.name]
        return f"redundancy group {group.name}: {up} of {group.size} up, needs {group.min_up}"
    return f"dependency {step} is {step_state}"


def _affected(
    graph: Graph, node_id: str, down: set[str], lost: Lost, paths: dict[str, list[str]], depth: int
) -> AffectedElement:
    node = graph.nodes[node_id]
    path = paths[node_id]
    return AffectedElement(
        id=node.id, type=node.type, name=node.name, pillar=node.pillar,
        state="down" if node_id in down else "degraded",
        reason=_reason(graph, node_id, path[1], down, lost), depth=depth, path=path,
    )


def _customers(
    graph: Graph, affected: list[str], down: set[str], hit: set[str], paths: dict[str, list[str]]
) -> list[CustomerAtRisk]:
    """Affected organisations that consume something, with the consumed offerings that are hit."""
    found = []
    for node_id in affected:
        node = graph.nodes[node_id]
        consumed = graph.out_of_type(node_id, RelType.CONSUMES)
        if node.type != ElementType.ORGANIZATION or not consumed:
            continue
        found.append(CustomerAtRisk(
            id=node.id, name=node.name, state="down" if node_id in down else "degraded",
            path=paths[node_id], consumes=sorted({e.target for e in consumed if e.target in hit}),
        ))
    return found


def _agreements(graph: Graph, failed: list[str], down: set[str], degraded: set[str]) -> list[AgreementAtRisk]:
    """Live agreements covering a failed, down or degraded element, with those elements' states."""
    covered: dict[str, list[CoveredElement]] = {}
    failed_set = set(failed)
    for node_id in sorted(down | degraded):
        state: CoveredState = "failed" if node_id in failed_set else "down" if node_id in down else "degraded"
        for e in graph.in_of_type(node_id, RelType.COVERS):
            agreement = graph.nodes.get(e.source)
            if agreement is not None and not agreement.retired:
                covered.setdefault(agreement.id, []).append(CoveredElement(id=node_id, state=state))
    return [
        AgreementAtRisk(
            id=a, name=graph.nodes[a].name, kind=graph.nodes[a].props.get("kind"), covered=covered[a]
        )
        for a in sorted(covered)
    ]


def _cut(graph: Graph, scope: Reach, hit: set[str], max_depth: int) -> bool:
    """Whether an element hit at the depth bound has dependents the bound left out."""
    for node_id in hit:
        if scope.depth[node_id] < max_depth:
            continue
        for e in graph.dependents_of(node_id):
            outside = e.source not in scope
            if outside and (e.source not in graph.nodes or not graph.is_retired(e.source)):
                return True
    return False
