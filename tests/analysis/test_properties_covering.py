"""The agreements covering an element of an agreement's closure, read from one pass over the model
(`Covering`), are those a walk of the closure finds: on random models with random agreements
(retired ones, and ones naming providers and consumers)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.analysis.availability import agreement_checks
from app.analysis.backing import Covering, agreements, backing
from app.analysis.graph import Edge, Graph, Node
from app.analysis.traversal import bfs
from app.schema import PILLAR_OF, REL_RULES, ElementType, Lifecycle, RelType
from tests.analysis.strategies import models


@st.composite
def with_agreements(draw: st.DrawFn) -> Graph:
    graph = draw(models(max_nodes=10))
    ids = sorted(graph.nodes)
    coverable = [i for i in ids if REL_RULES[RelType.COVERS].allows(ElementType.AGREEMENT, graph.nodes[i].type)]
    orgs = [i for i in ids if graph.nodes[i].type == ElementType.ORGANIZATION]
    nodes = list(graph.nodes.values())
    edges = [e for out in graph.out_edges.values() for e in out]
    for a in range(draw(st.integers(0, 5)) if coverable else 0):
        aid = f"x{a}"
        life = draw(st.sampled_from([Lifecycle.LIVE] * 3 + [Lifecycle.RETIRED]))
        targets = {"availability": 0.9, "response_time_h": draw(st.sampled_from([1, 4]))}
        nodes.append(Node(aid, ElementType.AGREEMENT, aid, PILLAR_OF[ElementType.AGREEMENT], life,
                          {"kind": "OLA", "targets": targets}))
        for target in draw(st.lists(st.sampled_from(coverable), min_size=1, max_size=3, unique=True)):
            edges.append(Edge(aid, RelType.COVERS, target))
        for rel in (RelType.PROVIDER, RelType.CONSUMER):
            for org in draw(st.lists(st.sampled_from(orgs), max_size=2, unique=True)) if orgs else []:
                edges.append(Edge(aid, rel, org))
    return Graph(nodes, edges)


@settings(max_examples=300, deadline=None)
@given(graph=with_agreements())
def test_covering_finds_what_walking_each_closure_finds(graph: Graph) -> None:
    listed = [n.id for n in graph.nodes_of_type(ElementType.AGREEMENT)]
    checks = {c.id: c for c in agreement_checks(graph, listed)}
    covering = Covering(graph, [c for check in checks.values() for c in check.covers])
    for agreement in listed:
        covers = checks[agreement].covers
        around = {e.source for node_id in bfs(covers, graph.live_successors).order
                  for e in graph.in_of_type(node_id, RelType.COVERS)}
        assert covering.over(covers) == around
        assert Covering(graph, covers).over(covers) == around  # as one agreement's backing finds them
    found, _ = agreements(graph)
    one_by_one = [backing(graph, n.id) for n in graph.nodes_of_type(ElementType.AGREEMENT) if not n.retired]
    assert [(a.id, a.achievable, a.failing) for a in found] == [
        (b.id, b.achievable, sorted({str(c.target) for c in b.checks if not c.achievable}
                                    | {str(t.target) for t in b.time_checks if not t.achievable})) for b in one_by_one]
