"""From an analysis answer to a Picture: which nodes and edges, their marks and hover text.

Every function here is pure: the answers and the element documents come in, a Picture goes out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.analysis.answers import DependenciesAnswer, DependencyEdge, Redacted, WeakestLinkAnswer
from viz.picture import EdgeKey, Picture, PictureEdge, PictureNode, Section, View
from viz.style import Mark, pillar_of

Docs = dict[str, dict[str, Any]]
_LINE_MAX = 160
SECTION_MAX = 40  # items listed beside the picture before "and N more"


@dataclass(frozen=True)
class Cut:
    """The nearest part of an answer that fits the node limit."""

    kept: list[str]
    total: int
    beyond: int | None  # the smallest distance left out

    @property
    def left_out(self) -> int:
        return self.total - len(self.kept)


def nearest(distances: dict[str, int], limit: int) -> Cut:
    """At most `limit` ids, lowest distance first (ties by id), so the picture stays readable."""
    ordered = sorted(distances, key=lambda i: (distances[i], i))
    kept, rest = ordered[:limit], ordered[limit:]
    return Cut(kept=kept, total=len(ordered), beyond=min((distances[i] for i in rest), default=None))


def left_out_note(cut: Cut, unit: str) -> str | None:
    if not cut.left_out:
        return None
    return (f"Showing the nearest {len(cut.kept)} of {cut.total} elements: {cut.left_out} farther ones "
            f"({unit} {cut.beyond} and beyond) are left out. Ask a smaller bound, or raise SIGRAPH_VIZ_NODE_LIMIT.")


def path_text(path: Sequence[str | Redacted]) -> str:
    return " → ".join(step if isinstance(step, str) else "(redacted)" for step in path)


def _value(value: Any) -> str:
    if isinstance(value, dict):
        text = ", ".join(f"{k}={v}" for k, v in value.items())
    elif isinstance(value, list):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    return text if len(text) <= _LINE_MAX else text[:_LINE_MAX - 1] + "…"


def describe(doc: dict[str, Any]) -> list[str]:
    """The hover text of an element: name, id, type and pillar, then each property."""
    lines = [str(doc["name"]), f"{doc['id']} · {doc['type']} · {pillar_of(doc['type']) or '?'}"]
    lines += [f"{k}: {_value(v)}" for k, v in doc.items() if k not in ("id", "type", "name", "pillar")]
    return lines


def make_node(element_id: str, docs: Docs, *, element_type: str, name: str, distance: int,
              root: bool = False, marks: list[Mark] | None = None, extra: list[str] | None = None,
              level: int | None = None) -> PictureNode:
    doc = docs.get(element_id) or {"id": element_id, "type": element_type, "name": name}
    return PictureNode(id=element_id, type=doc["type"], name=str(doc["name"]), pillar=pillar_of(doc["type"]),
                       distance=distance, root=root, marks=marks or [], details=describe(doc) + (extra or []),
                       level=level)


def capped(items: list[str]) -> list[str]:
    if len(items) <= SECTION_MAX:
        return items
    return [*items[:SECTION_MAX], f"… and {len(items) - SECTION_MAX} more"]


def weakest_marks(weakest: WeakestLinkAnswer | None) -> tuple[dict[str, Mark], dict[str, str]]:
    """The weakest (and weak) elements of the chain, with a hover line for each."""
    if weakest is None:
        return {}, {}
    marks: dict[str, Mark] = {}
    lines: dict[str, str] = {}
    for flag in weakest.flags:
        marks[flag.id] = Mark.WEAK
        lines[flag.id] = f"weak link: {weakest.metric} {flag.value}, below {weakest.root_value} of the asked element"
    for low in weakest.weakest:
        marks[low.id] = Mark.WEAKEST
        lines[low.id] = f"★ weakest link: {weakest.metric} {low.value}, the lowest in the chain"
    return marks, lines


def weakest_sections(weakest: WeakestLinkAnswer | None) -> list[Section]:
    if weakest is None:
        return []
    lows = [f"{w.name} ({w.id}): {w.value} via {path_text(w.path)}" for w in weakest.weakest]
    items = lows or [f"no element of the chain has a {weakest.metric}"]
    items.append(f"composite availability of {weakest.root}: {weakest.composite:.6g}")
    sections = [Section(title=f"Weakest link ({weakest.metric})", items=items)]
    if weakest.flags:
        sections.append(Section(title=f"Weak links (below {weakest.root_value})",
                                items=capped([f"{w.name} ({w.id}): {w.value}" for w in weakest.flags])))
    if weakest.not_achievable:
        names = {a.id: a.name for a in weakest.agreements}
        sections.append(Section(title="Agreements that cannot be met",
                                items=[f"{names.get(a, a)} ({a})" for a in weakest.not_achievable]))
    return sections


def _dependency_edge(edge: DependencyEdge) -> PictureEdge:
    title = f"{edge.from_} {edge.type} {edge.to}"
    if edge.redundancy_group:
        title += f" · redundancy group {edge.redundancy_group}, needs {edge.min_up}"
    return PictureEdge(source=edge.from_, target=edge.to, type=edge.type, title=title,
                       dashes=edge.redundancy_group is not None)


GROUP_KEY = EdgeKey(dashes=True, meaning="member of a redundancy group (an alternative)")
DEPENDS_KEY = EdgeKey(dashes=False, meaning="A → B: A depends on B (label: the relationship type)")


def dependency_distances(answer: DependenciesAnswer) -> dict[str, int]:
    return {answer.root: 0, **{n.id: n.depth for n in answer.nodes}}


def dependencies_picture(answer: DependenciesAnswer, weakest: WeakestLinkAnswer | None, docs: Docs,
                         cut: Cut, *, root_type: str, root_name: str) -> Picture:
    shown = set(cut.kept)
    marks, lines = weakest_marks(weakest)
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
        nodes=nodes, edges=[_dependency_edge(e) for e in answer.edges if e.from_ in shown and e.to in shown],
        total=cut.total, left_out=cut.left_out, left_out_note=left_out_note(cut, "depth"),
        truncated=answer.truncated, marks=[Mark.WEAKEST, Mark.WEAK], edge_keys=[DEPENDS_KEY, GROUP_KEY],
        sections=[Section(title="The answer", items=facts), *weakest_sections(weakest)])
