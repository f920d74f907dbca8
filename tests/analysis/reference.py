"""Plain, slow reference analyses for the property tests, written differently from the engine on purpose.

Nothing here uses the engine's helpers (Graph.needs, traversal, bitsets): edges are read
from ``out_edges`` directly, fixpoints are naive repeated passes, distances come from
layer-by-layer sets or Bellman-Ford relaxation, SPOFs come from failing each candidate in
turn, and composite availability is a recursion with brute-force enumeration of groups.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Sequence

from app.analysis.graph import Graph
from app.schema import REL_RULES, ElementType, RelType

DEP = {t.value for t, rule in REL_RULES.items() if rule.dependency}


def dep_edges(graph: Graph, v: str) -> list[tuple[str, str | None, object]]:
    """(target, group, min_up) of v's dependency edges to loaded elements."""
    return [(e.target, e.redundancy_group, e.min_up) for e in graph.out_edges.get(v, [])
            if e.type in DEP and e.target in graph.nodes]


def retired(graph: Graph, v: str) -> bool:
    return graph.nodes[v].lifecycle == "retired"


def groups_of(graph: Graph, v: str) -> tuple[list[str], dict[str, tuple[list[str], int]]]:
    """Required targets, and group name -> (member targets, min_up as a count)."""
    required: list[str] = []
    members: dict[str, list[str]] = defaultdict(list)
    raw: dict[str, object] = {}
    for target, group, min_up in dep_edges(graph, v):
        if group is None:
            required.append(target)
        else:
            members[group].append(target)
            if min_up is not None:
                raw[group] = min_up
    groups = {}
    for name, ms in members.items():
        value = raw.get(name, 1)
        if isinstance(value, str) and value.endswith("%"):
            count = math.ceil(len(ms) * float(value[:-1]) / 100)
        else:
            count = int(value)  # type: ignore[call-overload]
        groups[name] = (ms, count)
    return required, groups


def distances(graph: Graph, root: str, *, live: bool) -> dict[str, int]:
    """Hop distance from root over dependency edges, layer by layer; live: retired not expanded."""
    dist = {root: 0}
    layer = {root}
    k = 0
    while layer:
        k += 1
        nxt = set()
        for v in layer:
            if live and v != root and retired(graph, v):
                continue
            for target, _, _ in dep_edges(graph, v):
                if target not in dist:
                    nxt.add(target)
        for t in nxt:
            dist[t] = k
        layer = nxt
    return dist


def is_chain(graph: Graph, path: Sequence[object]) -> bool:
    """Whether path follows dependency edges step by step."""
    steps = [s for s in path if isinstance(s, str)]
    return len(steps) == len(path) and all(any(t == b for t, _, _ in dep_edges(graph, a))
                                            for a, b in itertools.pairwise(steps))


# -- impact -----------------------------------------------------------------------------------


def states(graph: Graph, failed: set[str]) -> tuple[set[str], set[str]]:
    """(down, degraded) by naive repeated passes until nothing changes."""
    down = set(failed)
    changed = True
    while changed:
        changed = False
        for v in graph.nodes:
            if v in down or retired(graph, v):
                continue
            required, groups = groups_of(graph, v)
            if any(t in down for t in required) or any(
                sum(m not in down for m in ms) < need for ms, need in groups.values()
            ):
                down.add(v)
                changed = True
    degraded: set[str] = set()
    changed = True
    while changed:
        changed = False
        for v in graph.nodes:
            if v in down or v in degraded or retired(graph, v):
                continue
            if any(t in down or t in degraded for t, _, _ in dep_edges(graph, v)):
                degraded.add(v)
                changed = True
    return down, degraded


def explanation_steps(graph: Graph, v: str, down: set[str], degraded: set[str]) -> set[str]:
    """The dependencies that may explain v's state (the first step of its path)."""
    required, groups = groups_of(graph, v)
    if v in down:
        steps = {t for t in required if t in down}
        for ms, need in groups.values():
            if sum(m not in down for m in ms) < need:
                steps |= {m for m in ms if m in down}
        return steps
    return {t for t, _, _ in dep_edges(graph, v) if t in down or t in degraded}


def explanation_distance(graph: Graph, failed: set[str], down: set[str], degraded: set[str]) -> dict[str, int]:
    """Shortest explanation path length to a failed element, by Bellman-Ford relaxation."""
    dist = {f: 0 for f in failed}
    for _ in range(len(graph.nodes) + 1):
        for v in (down | degraded) - failed:
            for t in explanation_steps(graph, v, down, degraded):
                if t in dist and dist[t] + 1 < dist.get(v, math.inf):
                    dist[v] = dist[t] + 1
    return dist


def reason(graph: Graph, v: str, step: str, down: set[str]) -> str:
    """The wording the spec gives for v's state decided by step."""
    required, groups = groups_of(graph, v)
    if v in down and step in required:
        return f"required dependency {step} is down"
    for name in sorted(groups):
        ms, need = groups[name]
        if step in ms and step in down:
            return f"redundancy group {name}: {sum(m not in down for m in ms)} of {len(ms)} up, needs {need}"
    return f"dependency {step} is {'down' if step in down else 'degraded'}"


# -- single points of failure -------------------------------------------------------------------


def spofs(graph: Graph, root: str) -> set[str]:
    """Fail each live candidate of the closure alone and see whether root goes down."""
    return {c for c in distances(graph, root, live=True)
            if c != root and not retired(graph, c) and root in states(graph, {c})[0]}


def critical(graph: Graph) -> dict[str, tuple[int, int]]:
    """element -> (live packages down, customers down) when it fails alone, roots not counting themselves."""
    packages = [v for v, n in graph.nodes.items()
                if n.type == ElementType.SERVICE_PACKAGE and n.lifecycle == "live"]
    customers = [v for v, n in graph.nodes.items() if n.type == ElementType.ORGANIZATION
                 and any(e.type == RelType.CONSUMES for e in graph.out_edges.get(v, []))]
    counts = {}
    for c in graph.nodes:
        if retired(graph, c):
            continue
        down = states(graph, {c})[0]
        p = sum(r in down for r in packages if r != c)
        k = sum(r in down for r in customers if r != c)
        if p or k:
            counts[c] = (p, k)
    return counts


# -- availability ---------------------------------------------------------------------------------


def composite_dag(graph: Graph, v: str, memo: dict[str, float] | None = None) -> float:
    """Composite availability by recursion (DAGs only), groups by enumerating who is up."""
    memo = {} if memo is None else memo
    if v in memo:
        return memo[v]
    node = graph.nodes[v]
    if node.lifecycle == "retired":
        memo[v] = 1.0
        return 1.0
    own = node.props.get("availability")
    value = 1.0 if own is None else float(own)
    required, groups = groups_of(graph, v)
    for t in required:
        value *= composite_dag(graph, t, memo)
    for ms, need in groups.values():
        ps = [composite_dag(graph, m, memo) for m in ms]
        total = 0.0
        for ups in itertools.product([True, False], repeat=len(ps)):
            if sum(ups) >= need:
                total += math.prod(p if up else 1 - p for p, up in zip(ps, ups, strict=True))
        value *= total
    memo[v] = value
    return value


def is_acyclic(graph: Graph) -> bool:
    """Whether the live dependency graph has no cycle (repeatedly strip elements without dependencies)."""
    remaining = set(graph.nodes)
    while True:
        leaves = {v for v in remaining if retired(graph, v)
                  or all(t not in remaining for t, _, _ in dep_edges(graph, v))}
        if not leaves:
            return not remaining
        remaining -= leaves


# -- weakest link, supply chain, portfolio ----------------------------------------------------------


def metric_values(graph: Graph, root: str, key: str) -> dict[str, float]:
    """The metric over root's live closure, root and retired elements excluded, unset skipped."""
    return {v: graph.nodes[v].props[key] for v in distances(graph, root, live=True)
            if v != root and not retired(graph, v) and graph.nodes[v].props.get(key) is not None}


def lowest_level(graph: Graph, root: str) -> float | None:
    """Lowest service level over the offering itself (even retired) and its live closure."""
    values = metric_values(graph, root, "service_level")
    own = graph.nodes[root].props.get("service_level")
    if own is not None:
        values[root] = own
    return min(values.values(), default=None)


def tiers_from_offering(graph: Graph, root: str) -> dict[str, int]:
    """Tier of each organisation behind an offering, by relaxation until nothing improves."""
    closure = [v for v in distances(graph, root, live=True) if not retired(graph, v)]
    tier: dict[str, int] = {}
    for v in closure:
        for e in graph.out_edges.get(v, []):
            if e.type == RelType.PROVIDED_BY and e.target != root and not retired(graph, e.target):
                tier[e.target] = 1
    changed = True
    while changed:
        changed = False
        for org, t in list(tier.items()):
            for e in graph.out_edges.get(org, []):
                s = e.target
                if e.type == RelType.SUPPLIED_BY and s != root and not retired(graph, s) \
                        and tier.get(s, math.inf) > t + 1:
                    tier[s] = t + 1
                    changed = True
    return tier


# -- paths ------------------------------------------------------------------------------------------


def least_path(steps: dict[str, list[str]], start: str, goals: set[str], length: int) -> list[str]:
    """The lexicographically least path of exactly length steps from start to a goal, by enumeration."""
    found: list[list[str]] = []

    def extend(path: list[str]) -> None:
        if len(path) - 1 == length:
            if path[-1] in goals:
                found.append(path)
            return
        for t in steps.get(path[-1], []):
            extend([*path, t])

    extend([start])
    return min(found)


def least_shortest_path(graph: Graph, root: str, target: str, *, live: bool) -> list[str]:
    """Among the shortest dependency paths from root to target, the lexicographically least."""
    dist = distances(graph, root, live=live)
    steps = {v: [] if live and v != root and retired(graph, v) else [t for t, _, _ in dep_edges(graph, v)]
             for v in dist}
    return least_path(steps, root, {target}, dist[target])


# -- a focal organisation's chain (flow-down) --------------------------------------------------------


def _edges_of_type(graph: Graph, rel: str) -> list[tuple[str, str]]:
    return [(e.source, e.target) for edges in graph.out_edges.values() for e in edges
            if e.type == rel and e.source in graph.nodes and e.target in graph.nodes]


def _sources_reaching(seed: set[str], step: list[tuple[str, str]], keep: Callable[[str], bool]) -> set[str]:
    """Every `a` with a chain of one or more steps (a, b) into seed, through elements keep() holds."""
    found: set[str] = set()
    while True:
        more = {a for a, b in step if (b in seed or b in found) and a not in found and keep(a)}
        if not more:
            return found
        found |= more


def buyers(graph: Graph, org: str) -> tuple[set[str], set[str]]:
    """The buyers of org and the offerings that include its elements (both live only)."""
    def live(v: str) -> bool:
        return not retired(graph, v)

    own = {b for a, b in _edges_of_type(graph, "OWNS") if a == org} | \
          {a for a, b in _edges_of_type(graph, "PROVIDED_BY") if b == org}
    offerings = _sources_reaching({v for v in own if live(v)}, _edges_of_type(graph, "INCLUDES"), live)
    supplied = _sources_reaching({org}, _edges_of_type(graph, "SUPPLIED_BY"), live)
    owners = {a for a, b in _edges_of_type(graph, "OWNS") if b in offerings and live(a)}
    return (supplied | owners) - {org}, offerings


def tiers_from_organization(graph: Graph, org: str) -> dict[str, int]:
    """Tier of each organisation of a focal organisation's chain, by layers then relaxation."""
    found_buyers, _ = buyers(graph, org)
    owned_by: dict[str, set[str]] = defaultdict(set)
    for a, b in _edges_of_type(graph, "OWNS"):
        owned_by[b].add(a)
    provided_by: dict[str, set[str]] = defaultdict(set)
    for a, b in _edges_of_type(graph, "PROVIDED_BY"):
        provided_by[a].add(b)

    def buyers_element(v: str) -> bool:
        return bool((owned_by[v] | provided_by[v]) & found_buyers)

    own = {b for a, b in _edges_of_type(graph, "OWNS") if a == org} | \
          {a for a, b in _edges_of_type(graph, "PROVIDED_BY") if b == org}
    closure = {v for v in own if not buyers_element(v)} - {org}
    layer = set(closure)
    while layer:
        nxt = set()
        for v in layer:
            if retired(graph, v):
                continue
            nxt |= {t for t, _, _ in dep_edges(graph, v) if t != org and t not in closure and not buyers_element(t)}
        closure |= nxt
        layer = nxt
    def placeable(o: str) -> bool:
        return o != org and o not in found_buyers and not retired(graph, o)

    tier = {b: 1 for a, b in _edges_of_type(graph, "SUPPLIED_BY") if a == org and placeable(b)}
    for v in closure:
        if not retired(graph, v):
            tier.update({p: 1 for p in provided_by[v] if placeable(p)})
    changed = True
    while changed:
        changed = False
        for a, b in _edges_of_type(graph, "SUPPLIED_BY"):
            if a in tier and placeable(b) and tier.get(b, math.inf) > tier[a] + 1:
                tier[b] = tier[a] + 1
                changed = True
    return tier


def requirements_for_organization(graph: Graph, org: str) -> dict[str, set[str]]:
    """Requirement -> who requires it: org, its buyers, the offerings that include its elements."""
    found_buyers, offerings = buyers(graph, org)
    sources = {org} | found_buyers | offerings
    found: dict[str, set[str]] = defaultdict(set)
    for a, b in _edges_of_type(graph, "REQUIRES"):
        if a in sources and not retired(graph, b):
            found[b].add(a)
    return dict(found)


def status_of(graph: Graph, org: str, requirement: str, as_of: str, horizon_end: str | None = None) -> str:
    """An organisation's compliance with a requirement on as_of (ISO dates compared as text)."""
    attested = [e.props for e in graph.out_edges.get(org, []) if e.type == "ATTESTS" and e.target == requirement]
    if not attested:
        return "missing"
    status, valid_until = attested[0].get("status"), attested[0].get("valid_until")
    if status != "compliant":
        return "non_compliant" if status == "non_compliant" else "unknown"
    if valid_until is None:
        return "compliant"
    if valid_until < as_of:
        return "expired"
    if horizon_end is not None and valid_until < horizon_end:
        return "expiring"
    return "compliant"
