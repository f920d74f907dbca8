"""The dependencies picture: what an element needs, by depth, with its weakest link marked."""

from __future__ import annotations

from collections import Counter

from app.analysis.answers import DependenciesAnswer, DependencyEdge, WeakestLinkAnswer
from viz.parts import (
    DEPENDS_KEY,
    GROUP_KEY,
    Cut,
    Docs,
    left_out_note,
    make_node,
    path_edges,
    path_text,
    weakest_marks,
    weakest_sections,
)
from viz.picture import EdgeKey, Picture, PictureEdge, Section, View
from viz.style import MARKS, Mark

WEAKEST_PATH_KEY = EdgeKey(dashes=False, colour=MARKS[Mark.WEAKEST].border,
                           meaning="thick: the path from the asked element to its weakest link")


def _dependency_edge(edge: DependencyEdge, weakest_path: set[tuple[str, str]]) -> PictureEdge:
    title = f"{edge.from_} {edge.type} {edge.to}"
    if edge.redundancy_group:
        title += f" · redundancy group {edge.redundancy_group}, needs {edge.min_up}"
    on_path = (edge.from_, edge.to) in weakest_path
    return PictureEdge(source=edge.from_, target=edge.to, type=edge.type, title=title + (
        " · on the path to the weakest link" if on_path else ""), dashes=edge.redundancy_group is not None,
        emphasis=on_path, width=5 if on_path else 1.5, colour=MARKS[Mark.WEAKEST].border if on_path else None)


def dependency_distances(answer: DependenciesAnswer) -> dict[str, int]:
    return {answer.root: 0, **{n.id: n.depth for n in answer.nodes}}


def dependencies_picture(answer: DependenciesAnswer, weakest: WeakestLinkAnswer | None, docs: Docs,
                         cut: Cut, *, root_type: str, root_name: str) -> Picture:
    shown = set(cut.kept)
    marks, lines = weakest_marks(weakest)
    weakest_path = path_edges(w.path for w in weakest.weakest) if weakest else set()
    nodes = [make_node(answer.root, docs, element_type=root_type, name=root_name, distance=0, root=True,
                       extra=["the asked element"])]
    nodes += [make_node(n.id, docs, element_type=n.type, name=n.name, distance=n.depth,
                        marks=[marks[n.id]] if n.id in marks else [],
                        extra=[f"depth {n.depth}: {path_text(n.path)}", *([lines[n.id]] if n.id in lines else [])])
              for n in answer.nodes if n.id in shown]
    by_depth = Counter(n.depth for n in answer.nodes)
    by_pillar = Counter(n.pillar for n in answer.nodes)
    facts = [f"{len(answer.nodes)} elements {root_name} depends on",
             "by depth: " + ", ".join(f"{d}: {c}" for d, c in sorted(by_depth.items())),
             "by pillar: " + ", ".join(f"{p} {c}" for p, c in by_pillar.most_common())]
    return Picture(
        view=View.DEPENDENCIES, root=answer.root, root_name=root_name, title=f"What {root_name} depends on",
        nodes=nodes, faded=bool(weakest_path),
        edges=[_dependency_edge(e, weakest_path) for e in answer.edges if e.from_ in shown and e.to in shown],
        total=cut.total, left_out=cut.left_out, left_out_note=left_out_note(cut, "depth"),
        truncated=answer.truncated, marks=[Mark.WEAKEST, Mark.WEAK],
        edge_keys=[DEPENDS_KEY, GROUP_KEY, WEAKEST_PATH_KEY],
        sections=[Section(title="The answer", items=facts), *weakest_sections(weakest)])
