"""Composite availability and whether agreements' targets can be met (spec/analysis.md "Weakest link").

An element's composite availability is its own availability (unset: 1) times that of each
required dependency, times, for each redundancy group, the probability that at least min_up
members are up. Members are taken as independent even when they share a dependency, so a
shared part counts once per route. A strongly connected component is one block: up only as
a whole, its availability the product of its members' own availabilities times what the
block needs outside itself; a dependency or group member inside the block counts as up.
Retired elements count as up with availability 1 and pass nothing on.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from app.analysis.answers import AgreementCheck, TargetCheck
from app.analysis.graph import Graph
from app.analysis.traversal import bfs, strongly_connected
from app.schema import RelType

# a target equal to what the chain gives is achievable, whatever the float rounding says
_TOLERANCE = 1e-12
# answers show probabilities to 12 decimals: enough for any target, without float noise
# such as 0.9999899999999999 for 0.99999
DECIMALS = 12


def number(props: Mapping[str, Any], key: str) -> int | float | None:
    """A numeric property, or None when unset or not a number."""
    value = props.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def composite_availability(graph: Graph, roots: Iterable[str]) -> dict[str, float]:
    """Composite availability of every element in the closure of roots (a memoised pass over SCCs)."""
    scope = set(bfs(roots, graph.live_successors).depth)
    result: dict[str, float] = {}
    for component in strongly_connected(scope, graph.live_successors):
        value = _block(graph, component, result)
        for node_id in component:
            result[node_id] = value
    return result


def _block(graph: Graph, component: list[str], known: dict[str, float]) -> float:
    """The availability of one component, its dependencies outside it already known."""
    inside = set(component)
    factors: list[float] = []
    for node_id in component:
        if graph.is_retired(node_id):
            continue  # up, availability 1, its own dependencies do not matter
        own = number(graph.nodes[node_id].props, "availability")
        factors.append(1.0 if own is None else float(own))
        needs = graph.needs(node_id)
        for e in needs.required:
            factors.append(1.0 if e.target in inside else known.get(e.target, 1.0))
        for group in needs.groups:
            members = [1.0 if e.target in inside else known.get(e.target, 1.0) for e in group.members]
            factors.append(at_least(group.min_up, sorted(members)))
    # Multiplied in one order, whatever order the model was stored or read in: the same model gives
    # the same float to the last bit (a scenario's model and the live one, built in other orders).
    return math.prod(sorted(factors))


def at_least(k: int, probabilities: list[float]) -> float:
    """P(at least k of independent events happen), by dynamic programming over the count."""
    # ways[j]: probability that exactly j of the events seen so far happened
    ways = [1.0]
    for p in probabilities:
        nxt = [0.0] * (len(ways) + 1)
        for j, w in enumerate(ways):
            nxt[j] += w * (1.0 - p)
            nxt[j + 1] += w * p
        ways = nxt
    return sum(ways[max(k, 0):])


def agreements_covering(graph: Graph, ids: Iterable[str]) -> list[str]:
    """Live agreements that COVER any of ids, sorted."""
    found = set()
    for node_id in ids:
        for e in graph.in_of_type(node_id, RelType.COVERS):
            if e.source in graph.nodes and not graph.is_retired(e.source):
                found.add(e.source)
    return sorted(found)


def agreement_checks(graph: Graph, agreement_ids: Iterable[str]) -> list[AgreementCheck]:
    """Check each agreement's availability and satisfaction targets against what it covers.

    Needs in the Graph: the agreements with their COVERS relationships, and the upstream
    closure of every covered element with every dependency relationship leaving it.
    """
    agreements = sorted(set(agreement_ids))
    covers = {a: sorted({e.target for e in graph.out_of_type(a, RelType.COVERS) if e.target in graph.nodes})
              for a in agreements}
    composite = composite_availability(graph, [c for cs in covers.values() for c in cs])
    return [_check(graph, a, covers[a], composite) for a in agreements]


def _check(graph: Graph, agreement_id: str, covers: list[str], composite: dict[str, float]) -> AgreementCheck:
    node = graph.nodes[agreement_id]
    targets = node.props.get("targets") or {}
    checks = []
    wanted = number(targets, "availability")
    if wanted is not None:
        for c in covers:
            checks.append(TargetCheck(
                target="availability", required=wanted, actual=round(composite[c], DECIMALS), element=c,
                achievable=wanted <= composite[c] + _TOLERANCE,
            ))
    satisfaction = number(targets, "satisfaction")
    if satisfaction is not None:
        lowest, at = lowest_in_closure(graph, covers, "xla_score")
        checks.append(TargetCheck(
            target="satisfaction", required=satisfaction, actual=lowest, element=at,
            achievable=lowest is None or satisfaction <= lowest + _TOLERANCE,
        ))
    return AgreementCheck(
        id=node.id, name=node.name, kind=node.props.get("kind"), covers=covers,
        achievable=all(c.achievable for c in checks), checks=checks,
    )


def lowest_in_closure(graph: Graph, starts: list[str], key: str) -> tuple[int | float | None, str | None]:
    """The lowest value of key over starts and their closure (retired skipped), and its element."""
    best: tuple[int | float, str] | None = None
    for node_id in bfs(starts, graph.live_successors).order:
        if graph.is_retired(node_id):
            continue
        value = number(graph.nodes[node_id].props, key)
        if value is not None and (best is None or (value, node_id) < best):
            best = (value, node_id)
    return (None, None) if best is None else best
