"""The impact picture: the failed elements, and what goes down or degrades with them."""

from __future__ import annotations

from app.analysis.answers import AffectedElement, ImpactAnswer
from app.analysis.graph import Edge, Graph
from app.schema import DEPENDENCY_TYPES
from viz.parts import DEPENDS_KEY, GROUP_KEY, Cut, Docs, capped, left_out_note, make_node, path_text
from viz.picture import EdgeKey, Picture, PictureEdge, PictureNode, Section, View
from viz.style import MARKS, Mark

_DEPENDENCY_NAMES = frozenset(t.value for t in DEPENDENCY_TYPES)
STATE_KEYS = [EdgeKey(dashes=False, colour=MARKS[Mark.DOWN].border, meaning="the dependency that took it down"),
              EdgeKey(dashes=False, colour=MARKS[Mark.DEGRADED].border, meaning="the dependency that degraded it")]


def held_members(answer: ImpactAnswer, graph: Graph) -> dict[str, str]:
    """The members of the redundancy groups of affected elements that stayed up (not failed, not
    down), each with why it is drawn: `held: 1 of 2 up in group dc of X, needs 1`."""
    down = {a.id for a in answer.affected if a.state == "down"} | set(answer.failed)
    affected = {a.id for a in answer.affected}
    found: dict[str, str] = {}
    for item in answer.affected:
        for group in graph.needs(item.id).groups:
            members = [e.target for e in group.members]
            up = [m for m in members if m not in down]
            if len(up) == len(members):  # the group lost nothing: nothing held
                continue
            for member in up:
                if member not in found and member not in affected:
                    found[member] = (f"held: {len(up)} of {len(members)} up in group {group.name} of {item.id}, "
                                     f"needs {group.min_up}")
    return found


def impact_distances(answer: ImpactAnswer, root: str) -> dict[str, int]:
    """Hops to a failed element; the failed ones and the asked element are at 0."""
    distances = {root: 0, **{a.id: len(a.path) - 1 for a in answer.affected}}
    return distances | {f: 0 for f in answer.failed}


def _node(element_id: str, answer: ImpactAnswer, affected: dict[str, AffectedElement], docs: Docs, *,
          root: str, root_type: str, root_name: str, held: dict[str, str]) -> PictureNode:
    extra = ["the asked element"] if element_id == root else []
    item = affected.get(element_id)
    if element_id in held:
        doc = docs.get(element_id, {})
        node = make_node(element_id, docs, element_type=str(doc.get("type", root_type)),
                         name=str(doc.get("name", element_id)), distance=1, marks=[Mark.HELD], extra=[held[element_id]])
        return node.model_copy(update={"caption": [held[element_id].split(" in group")[0]]})
    if element_id in answer.failed:
        marks, extra = [Mark.FAILED], [*extra, "failed (asked to fail)"]
    elif item is not None:
        marks = [Mark(item.state)]
        extra = [*extra, f"{item.state}: {item.reason}", f"path to the failure: {path_text(item.path)}"]
    else:
        marks, extra = [], [*extra, "not affected"]
    return make_node(element_id, docs, element_type=item.type if item else root_type,
                     name=item.name if item else root_name, distance=len(item.path) - 1 if item else 0,
                     root=element_id == root, marks=marks, extra=extra)


def _edges(answer: ImpactAnswer, affected: dict[str, AffectedElement], relations: list[Edge],
           shown: set[str]) -> list[PictureEdge]:
    """The dependencies among the elements shown; the one that decided a state in that state's colour."""
    deciding = {(step, a.path[i + 1]): affected[step].state
                for a in answer.affected for i, step in enumerate(a.path[:-1])
                if isinstance(step, str) and step in affected}
    edges = []
    for r in relations:
        source, rel_type, target = r.key
        if rel_type not in _DEPENDENCY_NAMES or source not in shown or target not in shown:
            continue
        state = deciding.get((source, target))
        edges.append(PictureEdge(source=source, target=target, type=rel_type, title=f"{source} {rel_type} {target}",
                                 dashes=r.props.get("redundancy_group") is not None, emphasis=state is not None,
                                 colour=MARKS[Mark(state)].border if state else None, width=5 if state else 1.5))
    return edges


def _sections(answer: ImpactAnswer, names: dict[str, str]) -> list[Section]:
    down = [f"{a.name} ({a.id}): {a.reason}" for a in answer.affected if a.state == "down"]
    degraded = [f"{a.name} ({a.id}): {a.reason}" for a in answer.affected if a.state == "degraded"]
    agreements = [f"{g.name} ({g.kind or 'agreement'}): covers " + ", ".join(f"{c.id} {c.state}" for c in g.covered)
                  for g in answer.agreements_at_risk]
    return [
        Section(title="Failed", items=[f"{names[f]} ({f})" for f in answer.failed]),
        Section(title=f"Down ({len(down)})", items=capped(down)),
        Section(title=f"Degraded ({len(degraded)})", items=capped(degraded)),
        Section(title=f"Customers at risk ({len(answer.customers_at_risk)})",
                items=capped([f"{c.name} ({c.id}): {c.state}" for c in answer.customers_at_risk])),
        Section(title=f"Agreements at risk ({len(agreements)})", items=capped(agreements)),
    ]


def impact_picture(answer: ImpactAnswer, docs: Docs, relations: list[Edge], cut: Cut, *,
                   root: str, root_type: str, root_name: str, held: dict[str, str] | None = None) -> Picture:
    """`held`: members of redundancy groups that stayed up, drawn beside what they carried."""
    affected = {a.id: a for a in answer.affected}
    held = {i: why for i, why in (held or {}).items() if i not in cut.kept}
    shown = [*cut.kept, *held]
    nodes = [_node(i, answer, affected, docs, root=root, root_type=root_type, root_name=root_name, held=held)
             for i in shown]
    names = {a.id: a.name for a in answer.affected} | {f: str(docs.get(f, {}).get("name", f)) for f in answer.failed}
    return Picture(
        view=View.IMPACT, root=root, root_name=root_name,
        title=f"What fails with {', '.join(names[f] for f in answer.failed)}",
        nodes=nodes, edges=_edges(answer, affected, relations, set(shown)), total=cut.total, faded=True,
        left_out=cut.left_out, left_out_note=left_out_note(cut, "hops"), truncated=answer.truncated,
        marks=[Mark.FAILED, Mark.DOWN, Mark.DEGRADED, Mark.HELD], edge_keys=[DEPENDS_KEY, GROUP_KEY, *STATE_KEYS],
        sections=_sections(answer, names))
