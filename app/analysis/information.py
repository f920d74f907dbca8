"""Information (docs/agreements.md, "Information flows"): which information objects lack a master,
and which information reaches an organisation's systems and processes, through which integration,
mastered where and by whom. Retired elements take no part."""

from __future__ import annotations

from app.analysis.answers import (
    InformationAnswer,
    InformationFlow,
    InformationIssue,
    InformationObjectView,
    OrganizationInformationAnswer,
)
from app.analysis.errors import UnknownElement, check_bound
from app.analysis.graph import Graph
from app.analysis.supply_chain import own_elements
from app.schema import ElementType, RelType


def _live_sources(graph: Graph, node_id: str, rel: RelType) -> list[str]:
    return sorted({e.source for e in graph.in_of_type(node_id, rel) if e.source in graph.nodes
                   and not graph.is_retired(e.source)})


def _live_targets(graph: Graph, node_id: str, rel: RelType) -> list[str]:
    return sorted({e.target for e in graph.out_of_type(node_id, rel) if e.target in graph.nodes
                   and not graph.is_retired(e.target)})


def information_objects(graph: Graph, *, issue: InformationIssue | None = None,
                        limit: int | None = None) -> InformationAnswer:
    """Every live information object with its masters, carriers and users; with `issue`, only
    those that have it (`no_master`: no live system holds its master data).

    Needs in the Graph: the whole model."""
    check_bound("limit", limit)
    found = []
    for node in graph.nodes_of_type(ElementType.INFORMATION_OBJECT):
        if node.retired:
            continue
        masters = _live_targets(graph, node.id, RelType.MASTERED_IN)
        issues: list[InformationIssue] = [] if masters else ["no_master"]
        if issue is not None and issue not in issues:
            continue
        kind = node.props.get("kind")
        found.append(InformationObjectView(
            id=node.id, name=node.name, kind=kind if isinstance(kind, str) else None, masters=masters,
            carried_by=_live_sources(graph, node.id, RelType.CARRIES),
            used_by=_live_sources(graph, node.id, RelType.USES), issues=issues))
    cut = limit is not None and len(found) > limit
    return InformationAnswer(objects=found[:limit] if limit is not None else found, truncated=cut)


def information_of(graph: Graph, organization: str, *, limit: int | None = None) -> OrganizationInformationAnswer:
    """What information reaches the organisation's systems and processes (those it OWNS or that are
    PROVIDED_BY it): carried by an integration that CONNECTS one of its systems, or USED by one of
    them; with the system mastering it and that system's owners and providers.

    Needs in the Graph: the whole model."""
    check_bound("limit", limit)
    node = graph.nodes.get(organization)
    if node is None or node.type != ElementType.ORGANIZATION:
        raise UnknownElement(organization)
    mine = [e for e in own_elements(graph, organization)
            if graph.nodes[e].type in (ElementType.SYSTEM, ElementType.PROCESS) and not graph.is_retired(e)]
    reached: set[tuple[str, str, str | None]] = set()
    for element in mine:
        for info in _live_targets(graph, element, RelType.USES):
            reached.add((info, element, None))
        if graph.nodes[element].type == ElementType.SYSTEM:
            for integration in _live_sources(graph, element, RelType.CONNECTS):
                for info in _live_targets(graph, integration, RelType.CARRIES):
                    reached.add((info, element, integration))
    flows = []
    for info, element, carrier in sorted(reached, key=lambda f: (f[0], f[1], f[2] or "")):
        masters = _live_targets(graph, info, RelType.MASTERED_IN)
        master = masters[0] if masters else None
        by = [] if master is None else sorted({*_live_sources(graph, master, RelType.OWNS),
                                                *_live_targets(graph, master, RelType.PROVIDED_BY)})
        flows.append(InformationFlow(information=info, information_name=graph.nodes[info].name, to=element,
                                     through=carrier, master=master, mastered_by=by))
    cut = limit is not None and len(flows) > limit
    return OrganizationInformationAnswer(organization=organization,
                                         flows=flows[:limit] if limit is not None else flows, truncated=cut)
