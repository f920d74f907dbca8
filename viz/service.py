"""A picture of one analysis: one service call answers it together with the graph it was computed on
(one read transaction), and the picture takes what it adds from that graph (element properties for
the hover text, relationships for the edges), cut to the node limit.

With a partner scope the answers come scoped from the service, and the properties and
relationships drawn are those the scope shows: a picture never names what the JSON would not.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from app.access.scope import Scope
from app.analysis.compare import compare
from app.analysis.graph import Edge, Graph
from app.analysis.past import ScenarioReader
from app.analysis.repository import GraphSource
from app.analysis.service import (
    Bounds,
    ComplianceQuestion,
    dependencies_with_graph,
    impact_with_graph,
    supply_chain_with_graph,
    weakest_link_on,
)
from app.errors import BadParameter
from app.schema import Metric
from viz import dependencies, impact, scenario, supply
from viz.parts import Docs, laid_out, nearest, with_neighbourhood
from viz.picture import Picture, PictureRequest, View


def picture_of(*, source: GraphSource, bounds: Bounds, node_limit: int, request: PictureRequest,
               scope: Scope | None = None) -> Picture:
    """The picture the request asks for; bad bounds a 400 (first, as in the API), unknown ids a 404."""
    bounds.depth(request.max_depth)
    bounds.tier(request.max_tier)
    if request.failed and request.view != View.IMPACT:  # never silently ignored
        raise BadParameter(f"failed: only the impact view fails elements, not the {request.view.value} view",
                           [{"field": "failed", "reason": "only with view=impact"}])
    if request.view == View.IMPACT:
        return _impact(source, bounds, node_limit, request, scope)
    if request.view == View.SUPPLY_CHAIN:
        return _supply_chain(source, bounds, node_limit, request, scope)
    return _dependencies(source, bounds, node_limit, request, scope)


def _docs(graph: Graph, ids: Iterable[str], scope: Scope | None) -> Docs:
    """The loaded elements among `ids` in document form, as the scope shows them."""
    docs = {i: dict(graph.nodes[i].props) for i in ids if i in graph.nodes}
    if scope is None:
        return docs
    shown = {i: scope.document(d) for i, d in docs.items()}
    return {i: d for i, d in shown.items() if d is not None}


def _relations(graph: Graph, sources: Iterable[str], scope: Scope | None) -> list[Edge]:
    """Every relationship leaving `sources`, as far as the scope shows it."""
    leaving = [e for s in sorted(set(sources)) for e in graph.out_edges.get(s, ())]
    return [e for e in leaving if scope is None or scope.sees_relation(*e.key)]


def _ring(graph: Graph, drawn: Iterable[str], scope: Scope | None, limit: int,
          answer: Collection[str]) -> list[tuple[str, str, str]]:
    """The relationships between the elements drawn and those one step away (either way) outside the
    answer (its elements the node limit left out are not neighbours), as far as the scope shows
    them: of at most `limit` neighbours, those touching the most drawn elements first."""
    shown = set(drawn)
    links: dict[str, list[tuple[str, str, str]]] = {}
    for element in sorted(shown):
        for e in [*graph.out_edges.get(element, ()), *graph.in_edges.get(element, ())]:
            other = e.target if e.source == element else e.source
            if other in shown or other in answer or other not in graph.nodes:
                continue
            if scope is None or (scope.sees(other) and scope.sees_relation(*e.key)):
                links.setdefault(other, []).append(e.key)
    kept = sorted(links, key=lambda n: (-len(links[n]), n))[:limit]
    return [key for n in kept for key in links[n]]


def _around(picture: Picture, graph: Graph, scope: Scope | None, limit: int, answer: Collection[str]) -> Picture:
    """The picture with its neighbourhood (at most `limit` elements), hidden until the page shows it."""
    ring = _ring(graph, (n.id for n in picture.nodes), scope, limit, answer)
    drawn = {n.id for n in picture.nodes}
    neighbours = {end for key in ring for end in (key[0], key[2]) if end not in drawn}
    return with_neighbourhood(picture, _docs(graph, neighbours, scope), ring)


def _dependencies(source: GraphSource, bounds: Bounds, node_limit: int, request: PictureRequest,
                  scope: Scope | None) -> Picture:
    found = dependencies_with_graph(source=source, bounds=bounds, element_id=request.element_id,
                                    max_depth=request.max_depth, scope=scope, around=True)
    weakest = weakest_link_on(found.graph, bounds=bounds, element_id=request.element_id, metric=request.metric,
                              max_depth=request.max_depth, scope=scope)
    root = found.graph.nodes[request.element_id]
    distances = dependencies.dependency_distances(found.answer)
    cut = nearest(distances, node_limit)
    picture = dependencies.dependencies_picture(found.answer, weakest, _docs(found.graph, cut.kept, scope), cut,
                                                root_type=root.type, root_name=root.name)
    return laid_out(_around(picture, found.graph, scope, node_limit, distances), request.layout)


def _impact(source: GraphSource, bounds: Bounds, node_limit: int, request: PictureRequest,
            scope: Scope | None) -> Picture:
    found = impact_with_graph(source=source, bounds=bounds, root=request.element_id,
                              failed=request.failed or [request.element_id], max_depth=request.max_depth, scope=scope,
                              around=True)
    root = found.graph.nodes[request.element_id]
    distances = impact.impact_distances(found.answer, request.element_id)
    cut = nearest(distances, node_limit)
    held = {i: why for i, why in impact.held_members(found.answer, found.graph).items()
            if i in found.graph.nodes and (scope is None or scope.sees(i))}
    shown = [*cut.kept, *held]
    picture = impact.impact_picture(found.answer, _docs(found.graph, shown, scope),
                                    _relations(found.graph, shown, scope), cut, root=request.element_id,
                                    root_type=root.type, root_name=root.name, held=held)
    return laid_out(_around(picture, found.graph, scope, node_limit, distances), request.layout)


def _supply_chain(source: GraphSource, bounds: Bounds, node_limit: int, request: PictureRequest,
                  scope: Scope | None) -> Picture:
    asked = ComplianceQuestion(as_of=request.as_of, expiring_within=request.expiring_within)
    found = supply_chain_with_graph(source=source, bounds=bounds, element_id=request.element_id,
                                    max_tier=request.max_tier, asked=asked, scope=scope)
    root = found.graph.nodes[request.element_id]
    cut = nearest(supply.supply_chain_distances(found.answer), node_limit)
    relations = _relations(found.graph, set(cut.kept) | supply.penultimates(found.answer), scope)
    return supply.supply_chain_picture(found.answer, _docs(found.graph, cut.kept, scope), relations,
                                       cut, root_type=root.type, root_name=root.name)


def scenario_picture_of(*, scenarios: ScenarioReader, bounds: Bounds, node_limit: int, name: str, root: str,
                        metric: Metric) -> Picture:
    """What `root` depends on in the scenario, beside the scenario's base (404 for an unknown
    scenario, or a root missing on either side). The scenario and both models are read once, in
    one transaction; everything drawn is answered on them."""
    pair = scenarios.pair(name)
    comparison = compare(live=scenarios.live, pair=pair, bounds=bounds, root=root, failed=None, metric=metric)
    before_source, after_source = pair.sources(scenarios.live)
    after = dependencies_with_graph(source=after_source, bounds=bounds, element_id=root)
    before = dependencies_with_graph(source=before_source, bounds=bounds, element_id=root)
    change_set = pair.view.changes
    written = {str(e.get("id")) for e in change_set.elements}
    added = {i for i in written if i not in before.graph.nodes}
    cut = nearest(scenario.scenario_distances(before.answer, after.answer), node_limit)
    docs = {**_docs(before.graph, cut.kept, None), **_docs(after.graph, cut.kept, None)}
    node = after.graph.nodes[root]
    return scenario.scenario_picture(comparison, before.answer, after.answer, docs, cut, added=added,
                                     changed=written - added, root_type=node.type, root_name=node.name)
