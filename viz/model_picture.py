"""The whole model at a glance, clustered by organisation: each element belongs to the organisation
that owns it, else to one that provides it (the least id), else to "(no organisation)"; an
organisation to itself. Up to CLUSTERED_MAX elements every element is drawn and the page gathers
each organisation's elements into one cluster node (double-click opens it); above that only the
clusters are drawn, with the number of dependencies between them."""

from __future__ import annotations

from collections import Counter

from app.access.scope import Scope
from app.analysis.graph import Graph
from app.schema import ElementType, RelType
from viz.parts import DEPENDS_KEY, make_node
from viz.picture import Picture, PictureEdge, PictureNode, PictureView, Section

CLUSTERED_MAX = 2_000
NONE = "(no organisation)"


def cluster_of(graph: Graph, element: str, scope: Scope | None = None) -> str:
    """The organisation an element is gathered under: an owner, else a provider (least id; for a
    partner, one its scope sees), else NONE."""
    node = graph.nodes[element]
    if node.type == ElementType.ORGANIZATION:
        return element

    def seen(ids: list[str]) -> list[str]:
        return sorted(i for i in ids if i in graph.nodes and (scope is None or scope.sees(i)))

    owners = seen([e.source for e in graph.in_of_type(element, RelType.OWNS)])
    providers = seen([e.target for e in graph.out_of_type(element, RelType.PROVIDED_BY)])
    return (owners or providers or [NONE])[0]


def model_picture(graph: Graph, scope: Scope | None = None) -> Picture:
    seen = sorted(i for i in graph.nodes if scope is None or scope.sees(i))
    # for a partner, an organisation out of its scope is never named, not even as a cluster
    clusters = {i: cluster_of(graph, i, scope) for i in seen}
    names = {c: graph.nodes[c].name if c in graph.nodes else c for c in set(clusters.values())}
    sizes = Counter(clusters.values())
    dependencies = [(e.source, e.type, e.target) for i in seen for e in graph.out_edges.get(i, ())
                    if e.dependency and e.target in clusters]
    if len(seen) <= CLUSTERED_MAX:
        nodes = [make_node(i, {}, element_type=graph.nodes[i].type, name=graph.nodes[i].name, distance=1,
                           extra=[f"organisation: {names[clusters[i]]}"]).model_copy(update={"cluster": clusters[i]})
                 for i in seen]
        edges = [PictureEdge(source=a, target=b, type=t, title=f"{a} {t} {b}") for a, t, b in dependencies]
        note = "each organisation's elements gathered; double-click a cluster to open it"
    else:
        between = Counter((clusters[a], clusters[b]) for a, _, b in dependencies if clusters[a] != clusters[b])
        nodes = [PictureNode(id=c, type=ElementType.ORGANIZATION.value if c in graph.nodes else "", name=
                             f"{names[c]} ({n})", pillar="ecosystem", distance=1, details=[f"{n} elements"])
                 for c, n in sorted(sizes.items())]
        edges = [PictureEdge(source=a, target=b, type="DEPENDS", title=f"{n} dependencies", width=min(1 + n / 5, 8))
                 for (a, b), n in sorted(between.items())]
        note = f"more than {CLUSTERED_MAX:,} elements: the organisations only, with the dependencies between them"
    return Picture(view=PictureView.MODEL, root="", root_name="The whole model",
                   title="The whole model, by organisation", nodes=nodes, edges=edges, total=len(seen),
                   edge_keys=[DEPENDS_KEY],
                   sections=[Section(title="The model", items=[f"{len(seen):,} elements, {len(dependencies):,} "
                                                               f"dependencies, {len(sizes):,} organisations", note]),
                             Section(title="Largest organisations", items=[f"{names[c]}: {n}" for c, n in
                                                                           sizes.most_common(15)])])
