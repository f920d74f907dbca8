"""The picture of a scenario beside its base: what the root depends on in the scenario, with what
the scenario added, changed and took out of the chain, and the single points of failure it fixed
or made."""

from __future__ import annotations

from app.analysis.answers import DependenciesAnswer, ScenarioComparison
from viz.dependencies import dependency_distances
from viz.parts import DEPENDS_KEY, GROUP_KEY, Cut, Docs, capped, left_out_note, make_node
from viz.picture import EdgeKey, Picture, PictureEdge, PictureView, Section
from viz.style import Mark

GONE_KEY = EdgeKey(dashes=True, colour="#b0b0b0", meaning="in the chain before the scenario, not in it after")
_ORDER = (Mark.BROKE, Mark.FIXED, Mark.ADDED, Mark.CHANGED, Mark.GONE)


def scenario_distances(before: DependenciesAnswer, after: DependenciesAnswer) -> dict[str, int]:
    """Depth in the scenario's chain, or in the base's for what left it."""
    return {**dependency_distances(before), **dependency_distances(after)}


def scenario_picture(comparison: ScenarioComparison, before: DependenciesAnswer, after: DependenciesAnswer,
                     docs: Docs, cut: Cut, *, added: set[str], changed: set[str], root_type: str,
                     root_name: str) -> Picture:
    shown = set(cut.kept)
    in_after = {after.root, *(n.id for n in after.nodes)}
    spofs = comparison.single_points_of_failure
    marks: dict[str, list[Mark]] = {}
    for ids, mark in ((spofs.added, Mark.BROKE), (spofs.removed, Mark.FIXED), (added, Mark.ADDED),
                      (changed, Mark.CHANGED)):
        for i in ids:
            marks.setdefault(i, []).append(mark)
    nodes = [make_node(after.root, docs, element_type=root_type, name=root_name, distance=0, root=True,
                       marks=marks.get(after.root, []), extra=["the asked element"])]
    seen = {after.root}
    for answer, gone in ((after, False), (before, True)):
        for n in answer.nodes:
            if n.id in seen or n.id not in shown or (gone and n.id in in_after):
                continue
            seen.add(n.id)
            node_marks = [Mark.GONE] if gone else sorted(marks.get(n.id, []), key=_ORDER.index)
            nodes.append(make_node(n.id, docs, element_type=n.type, name=n.name, distance=n.depth, marks=node_marks,
                                   extra=[f"{'before the scenario, ' if gone else ''}depth {n.depth}"]))
    after_keys = {(e.from_, e.type, e.to) for e in after.edges}
    edges = [PictureEdge(source=e.from_, target=e.to, type=e.type, title=f"{e.from_} {e.type} {e.to}",
                         dashes=e.redundancy_group is not None)
             for e in after.edges if e.from_ in shown and e.to in shown]
    edges += [PictureEdge(source=e.from_, target=e.to, type=e.type,
                          title=f"{e.from_} {e.type} {e.to} (before only)", dashes=True, colour="#b0b0b0")
              for e in before.edges if (e.from_, e.type, e.to) not in after_keys and e.from_ in shown and e.to in shown]
    link = comparison.weakest_link
    sections = [
        Section(title=f"Scenario {comparison.scenario} on revision {comparison.base}",
                items=[f"added: {len(added)} elements", f"changed: {len(changed)} elements",
                       f"left the chain of {root_name}: {len({n.id for n in before.nodes} - in_after)} elements"]),
        Section(title="Single points of failure fixed", items=capped(spofs.removed) or ["none"]),
        Section(title="Single points of failure made", items=capped(spofs.added) or ["none"]),
        Section(title=f"Weakest link ({link.metric})",
                items=[f"composite availability {link.before.composite:.6g} → {link.after.composite:.6g}",
                       f"weakest before: {', '.join(link.before.weakest) or 'none'}",
                       f"weakest after: {', '.join(link.after.weakest) or 'none'}",
                       f"agreements now achievable: {', '.join(link.now_achievable) or 'none'}",
                       f"agreements no longer achievable: {', '.join(link.no_longer_achievable) or 'none'}"]),
    ]
    if comparison.supply_chain_gaps is not None:
        gaps = comparison.supply_chain_gaps
        sections.append(Section(title="Supply-chain gaps", items=[f"closed: {g}" for g in gaps.removed[:20]]
                                + [f"opened: {g}" for g in gaps.added[:20]] or ["unchanged"]))
    return Picture(
        view=PictureView.SCENARIO, root=after.root, root_name=root_name,
        title=f"Scenario {comparison.scenario}: what {root_name} depends on, and what changed",
        nodes=nodes, edges=edges, total=cut.total, left_out=cut.left_out, left_out_note=left_out_note(cut, "depth"),
        truncated=after.truncated or before.truncated, marks=list(_ORDER),
        edge_keys=[DEPENDS_KEY, GROUP_KEY, GONE_KEY], sections=sections)
