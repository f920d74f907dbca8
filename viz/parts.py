"""What every picture is made of: the cut to the node limit, nodes with their hover text, the
weakest-link marks and sections, the edge keys.

Every function here is pure: the answers and the element documents come in, parts of a Picture go out.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from app.analysis.answers import Redacted, WeakestLinkAnswer
from app.schema import Pillar
from viz.picture import EdgeKey, Layout, Picture, PictureEdge, PictureNode, Section
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
                       level=level, kind=doc.get("kind") if isinstance(doc.get("kind"), str) else None)


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


NEIGHBOUR_COLOUR = "#90a4ae"
NEIGHBOUR_KEY = EdgeKey(dashes=True, colour=NEIGHBOUR_COLOUR,
                        meaning="to or from the neighbourhood: elements one relationship away, outside the answer")
NEIGHBOUR_LINES = 6  # relationships named in a neighbour's hover text


def with_neighbourhood(picture: Picture, docs: Docs, ring: Sequence[tuple[str, str, str]]) -> Picture:
    """The picture with its neighbourhood added, marked as context: the elements one relationship
    away from those drawn (`ring`: each relationship as (source, type, target), one end drawn and
    the other a neighbour, drawn when it is in `docs`). A neighbour sits one step past the nearest
    element it touches."""
    drawn = {n.id: n for n in picture.nodes if not n.header}
    touching: dict[str, list[str]] = {}
    near: dict[str, int] = {}
    kept: list[tuple[str, str, str]] = []
    for source, rel_type, target in ring:
        neighbour, element = (target, source) if source in drawn else (source, target)
        if neighbour not in docs:
            continue
        kept.append((source, rel_type, target))
        touching.setdefault(neighbour, []).append(f"{source} {rel_type} {target}")
        near[neighbour] = min(near.get(neighbour, drawn[element].distance), drawn[element].distance)
    nodes = [make_node(i, docs, element_type=str(docs[i]["type"]), name=str(docs[i]["name"]), distance=near[i] + 1,
                       extra=_neighbour_lines(touching[i])).model_copy(update={"context": True})
             for i in sorted(touching)]
    edges = [PictureEdge(source=s, target=t, type=r, title=f"{s} {r} {t} · the neighbourhood", dashes=True,
                         colour=NEIGHBOUR_COLOUR, width=1, context=True) for s, r, t in kept]
    keys = [*picture.edge_keys, NEIGHBOUR_KEY] if nodes else picture.edge_keys
    return picture.model_copy(update={"nodes": [*picture.nodes, *nodes], "edges": [*picture.edges, *edges],
                                      "edge_keys": keys})


def _neighbour_lines(links: list[str]) -> list[str]:
    """A neighbour's hover lines: the relationships that bring it in, the first few of them."""
    more = len(links) - NEIGHBOUR_LINES
    return ["in the neighbourhood, outside the answer:", *links[:NEIGHBOUR_LINES],
            *([f"… and {more} more"] if more > 0 else [])]


GROUP_KEY = EdgeKey(dashes=True, meaning="member of a redundancy group (an alternative)")
DEPENDS_KEY = EdgeKey(dashes=False, meaning="A → B: A depends on B (label: the relationship type)")


# Bands of the pillar layout, top to bottom: what is sold, how it is delivered, with what
# information, on which technology, by whom.
PILLAR_BANDS = {Pillar.OFFERING: 1, Pillar.PROCESS: 2, Pillar.INFORMATION: 3, Pillar.TECHNOLOGY: 4,
                Pillar.ECOSYSTEM: 5}


def laid_out(picture: Picture, layout: Layout) -> Picture:
    """The picture in bands top to bottom (the asked element first) by depth or by pillar, or free."""
    if layout == Layout.FREE:
        return picture
    nodes = []
    for node in picture.nodes:
        if node.root:
            level = 0
        elif layout == Layout.PILLAR:
            level = PILLAR_BANDS.get(Pillar(node.pillar), 6) if node.pillar else 6
        else:
            level = max(node.distance, 1)
        nodes.append(node.model_copy(update={"level": level}))
    return picture.model_copy(update={"nodes": nodes, "hierarchical": True, "direction": "UD"})


def path_edges(paths: Iterable[Sequence[object]]) -> set[tuple[str, str]]:
    """The (from, to) steps of paths of ids (redacted steps break a path)."""
    return {(a, b) for p in paths for a, b in itertools.pairwise(p) if isinstance(a, str) and isinstance(b, str)}
