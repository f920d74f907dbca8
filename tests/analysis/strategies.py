"""Hypothesis strategies: small random models with diamonds, cycles, redundancy groups and retired elements."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from app.analysis.graph import Edge, Graph, Node
from app.schema import PILLAR_OF, REL_RULES, ElementType, Lifecycle, RelType

T = ElementType
# types whose dependency relationships allow diamonds and cycles between them, weighted
# towards those that can depend on their own kind (systems, processes, organisations)
KINDS = (T.SERVICE_PACKAGE, T.SERVICE, T.SERVICE, T.SYSTEM, T.SYSTEM, T.SYSTEM,
         T.PROCESS, T.PROCESS, T.ORGANIZATION, T.ORGANIZATION)


def rel_for(source: ElementType, target: ElementType) -> RelType | None:
    """The first dependency relationship the schema allows from source to target."""
    return next((t for t, r in REL_RULES.items() if r.dependency and r.allows(source, target)), None)


@st.composite
def models(draw: st.DrawFn, max_nodes: int = 8, acyclic: bool = False) -> Graph:
    """A model of up to max_nodes elements (plus agreements); acyclic: edges only go to later elements."""
    n = draw(st.integers(2, max_nodes))
    kinds = [draw(st.sampled_from(KINDS)) for _ in range(n)]
    ids = [f"n{i}" for i in range(n)]
    allowed = [(i, j) for i in range(n) for j in range(n)
               if rel_for(kinds[i], kinds[j]) is not None and (i < j or not acyclic)]
    pairs = draw(st.lists(st.sampled_from(allowed), max_size=3 * n, unique=True)) if allowed else []
    raw = []
    for i, j in pairs:
        rel = rel_for(kinds[i], kinds[j])
        assert rel is not None
        raw.append((ids[i], rel, ids[j], draw(st.sampled_from([None, None, "a", "a", "b"]))))
    edges = _with_min_up(draw, raw)
    nodes = [_node(draw, ids[i], kinds[i]) for i in range(n)]
    agreements, covers = _agreements(draw, ids, kinds)
    return Graph(nodes + agreements, edges + covers)


def _node(draw: st.DrawFn, node_id: str, kind: ElementType) -> Node:
    props: dict[str, Any] = {
        key: value
        for key, value in (
            ("availability", draw(st.sampled_from([None, 0.5, 0.9, 0.99, 1.0]))),
            ("service_level", draw(st.sampled_from([None, 1, 2, 3, 4]))),
            ("xla_score", draw(st.sampled_from([None, 1, 2.5, 3, 5]))),
        )
        if value is not None
    }
    lifecycle = draw(st.sampled_from(["live"] * 6 + ["pipeline", "retired"]))
    return Node(node_id, kind, node_id.upper(), PILLAR_OF[kind], Lifecycle(lifecycle), props)


def _with_min_up(draw: st.DrawFn, raw: list[tuple[str, RelType, str, str | None]]) -> list[Edge]:
    """Edges with one valid min_up per (source, group): a count, a count as text, a share, or unset."""
    sizes: dict[tuple[str, str], int] = {}
    for source, _, _, group in raw:
        if group is not None:
            sizes[source, group] = sizes.get((source, group), 0) + 1
    min_ups = {
        key: draw(st.sampled_from([None, "50%", "100%", *range(1, size + 1), str(size)]))
        for key, size in sizes.items()
    }
    return [
        Edge(source, rel, target, group, None if group is None else min_ups[source, group])
        for source, rel, target, group in raw
    ]


def _agreements(draw: st.DrawFn, ids: list[str], kinds: list[ElementType]) -> tuple[list[Node], list[Edge]]:
    """Up to two agreements covering random coverable elements, with availability/satisfaction targets."""
    coverable = [i for i, k in zip(ids, kinds, strict=True) if REL_RULES[RelType.COVERS].allows(T.AGREEMENT, k)]
    nodes, edges = [], []
    for a in range(draw(st.integers(0, 2)) if coverable else 0):
        aid = f"a{a}"
        targets = {"availability": draw(st.sampled_from([0.5, 0.9, 0.999])),
                   "satisfaction": draw(st.sampled_from([1, 3, 5]))}
        nodes.append(Node(aid, T.AGREEMENT, aid.upper(), PILLAR_OF[T.AGREEMENT],
                          props={"kind": "SLA", "targets": targets}))
        for target in draw(st.lists(st.sampled_from(coverable), min_size=1, max_size=2, unique=True)):
            edges.append(Edge(aid, RelType.COVERS, target))
    return nodes, edges


def element_ids(graph: Graph) -> list[str]:
    """The model's element ids, agreements left out."""
    return sorted(i for i, n in graph.nodes.items() if n.type != T.AGREEMENT)


# -- supply chains ------------------------------------------------------------------------------

SUPPLY_AS_OF = "2026-06-01"
_VALID_UNTIL = [None, "2025-12-31", "2026-06-01", "2026-07-15", "2026-08-30", "2027-06-01"]


@st.composite
def supply_models(draw: st.DrawFn) -> Graph:
    """Organisations with what they own and provide, packages that include them, suppliers tier by
    tier, buyers' processes next to partners', requirements at every level and attestations of
    every status and expiry (around SUPPLY_AS_OF)."""
    kinds = {**{f"o{i}": T.ORGANIZATION for i in range(draw(st.integers(2, 5)))},
             **{f"p{i}": T.SERVICE_PACKAGE for i in range(draw(st.integers(1, 3)))},
             **{f"s{i}": T.SERVICE for i in range(draw(st.integers(0, 2)))},
             **{f"x{i}": T.SYSTEM for i in range(draw(st.integers(0, 3)))},
             **{f"q{i}": T.PROCESS for i in range(draw(st.integers(0, 3)))},
             "hr": T.REQUIREMENT, "env": T.REQUIREMENT, "fun": T.REQUIREMENT}
    categories = {"hr": "human_rights", "env": "environment", "fun": "functional"}
    nodes = []
    for node_id, kind in kinds.items():
        lifecycle = Lifecycle(draw(st.sampled_from(["live"] * 8 + ["pipeline", "retired"])))
        props = {"category": categories[node_id]} if node_id in categories else {}
        nodes.append(Node(node_id, kind, node_id.upper(), PILLAR_OF[kind], lifecycle, props))

    def pairs(rel: RelType, max_size: int) -> list[tuple[str, str]]:
        rule = REL_RULES[rel]
        allowed = [(a, b) for a in kinds for b in kinds if a != b and rule.allows(kinds[a], kinds[b])]
        return draw(st.lists(st.sampled_from(allowed), max_size=max_size, unique=True)) if allowed else []

    orgs = [i for i, t in kinds.items() if t == T.ORGANIZATION]
    edges = []
    for node_id, kind in kinds.items():  # most elements have an owner, and a provider where one is allowed
        if kind in (T.ORGANIZATION, T.REQUIREMENT):
            continue
        owner = draw(st.sampled_from([None, *orgs, *orgs]))
        if owner is not None:
            edges.append(Edge(owner, RelType.OWNS, node_id))
        if REL_RULES[RelType.PROVIDED_BY].allows(kind, T.ORGANIZATION):
            provider = draw(st.sampled_from([None, *orgs]))
            if provider is not None:
                edges.append(Edge(node_id, RelType.PROVIDED_BY, provider))
    sizes = {RelType.OWNS: 2, RelType.PROVIDED_BY: 2, RelType.SUPPLIED_BY: 4, RelType.INCLUDES: 5,
             RelType.RUNS_ON: 4, RelType.INTERACTS_WITH: 3, RelType.DELIVERED_THROUGH: 3, RelType.CONSUMES: 2,
             RelType.REQUIRES: 7}
    for rel, size in sizes.items():
        drawn = {e.key for e in edges}
        edges += [Edge(a, rel, b) for a, b in pairs(rel, size) if (a, rel, b) not in drawn]
    for org in (i for i, t in kinds.items() if t == T.ORGANIZATION):
        for req in ("hr", "env", "fun"):
            status = draw(st.sampled_from([None, "compliant", "compliant", "non_compliant", "unknown"]))
            if status is not None:
                valid_until = draw(st.sampled_from(_VALID_UNTIL))
                props = {"status": status, **({"valid_until": valid_until} if valid_until else {})}
                edges.append(Edge(org, RelType.ATTESTS, req, props=props))
    return Graph(nodes, edges)
