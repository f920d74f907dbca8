"""The supply-chain picture: the asked element, then its organisations tier by tier, left to right."""

from __future__ import annotations

from collections import defaultdict

from app.analysis.answers import Gap, SupplyChainAnswer, SupplyChainOrganization, WeakestLinkAnswer
from app.analysis.graph import Edge
from app.schema import ElementType, RelType
from viz.parts import (
    DEPENDS_KEY,
    Cut,
    Docs,
    capped,
    left_out_note,
    make_node,
    path_text,
    weakest_marks,
    weakest_sections,
)
from viz.picture import EdgeKey, Picture, PictureEdge, Section, View
from viz.style import Mark

INDIRECT_KEY = EdgeKey(dashes=True, meaning="through elements of the chain (hover for the path)")


def organizations(answer: SupplyChainAnswer) -> dict[str, SupplyChainOrganization]:
    return {o.id: o for tier in answer.tiers for o in tier.organizations}


def supply_chain_distances(answer: SupplyChainAnswer) -> dict[str, int]:
    return {answer.root: 0, **{o.id: o.tier for o in organizations(answer).values()}}


def penultimates(answer: SupplyChainAnswer) -> set[str]:
    """The element before each organisation on its path: the relationship into it names the edge."""
    before = (o.path[-2] for o in organizations(answer).values() if len(o.path) > 1)
    return {step for step in before if isinstance(step, str)}


def _edges(answer: SupplyChainAnswer, shown: set[str], relations: list[Edge]) -> list[PictureEdge]:
    types: dict[tuple[str, str], str] = {(r.key[0], r.key[2]): r.key[1] for r in relations}
    edges: dict[tuple[str, str], PictureEdge] = {}
    for org in organizations(answer).values():
        if org.id not in shown or len(org.path) < 2:
            continue
        before = org.path[-2]
        rel_type = types.get((before, org.id), "?") if isinstance(before, str) else "?"
        # an organisation's supplier, or the asked element's own relationship
        if isinstance(before, str) and before in shown:
            edges[(before, org.id)] = PictureEdge(source=before, target=org.id, type=rel_type,
                                                  title=f"{before} {rel_type} {org.id}")
        else:  # reached through an element of the chain that this picture does not show
            edges[(answer.root, org.id)] = PictureEdge(
                source=answer.root, target=org.id, type=rel_type, dashes=True,
                title=f"{path_text(org.path)} ({path_text([before])} {rel_type} {org.id})")
    for r in relations:  # other suppliers among the organisations shown (second sources)
        source, rel_type, target = r.key
        if rel_type == RelType.SUPPLIED_BY and source in shown and target in shown and (source, target) not in edges:
            edges[(source, target)] = PictureEdge(source=source, target=target, type=rel_type,
                                                  title=f"{source} {rel_type} {target}")
    return list(edges.values())


def _count(n: int) -> str:
    return f"{n} organisation" + ("" if n == 1 else "s")


def supply_chain_picture(answer: SupplyChainAnswer, weakest: WeakestLinkAnswer | None, docs: Docs,
                         relations: list[Edge], cut: Cut, *, root_type: str, root_name: str) -> Picture:
    shown = set(cut.kept)
    requirement = {r.id: r.name for r in answer.requirements}
    gaps: dict[str, list[Gap]] = defaultdict(list)
    for gap in answer.gaps:
        gaps[gap.organization].append(gap)
    weak, weak_lines = weakest_marks(weakest)
    mode = "focal organisation" if answer.mode == "organization" else "offering"
    nodes = [make_node(answer.root, docs, element_type=root_type, name=root_name, distance=0, root=True, level=0,
                       marks=[weak[answer.root]] if answer.root in weak else [],
                       extra=[f"the asked element ({mode}), tier 0"])]
    for org in sorted(organizations(answer).values(), key=lambda o: (o.tier, o.id)):
        if org.id not in shown:
            continue
        marks = ([Mark.GAP] if org.id in gaps else []) + ([weak[org.id]] if org.id in weak else [])
        extra = [f"tier {org.tier}: {path_text(org.path)}",
                 *(f"{requirement.get(r, r)}: {s}" for r, s in org.compliance.items()),
                 *([weak_lines[org.id]] if org.id in weak_lines else [])]
        nodes.append(make_node(org.id, docs, element_type=ElementType.ORGANIZATION, name=org.name,
                               distance=org.tier, level=org.tier, marks=marks, extra=extra))
    names = {o.id: o.name for o in organizations(answer).values()}
    gap_lines = [f"{names.get(g.organization, g.organization)}, {requirement.get(g.requirement, g.requirement)}: "
                 f"{g.status} (tier {g.tier})" for g in answer.gaps]
    sections = [
        Section(title=f"Requirements in force (as of {answer.as_of})",
                items=[f"{r.name} ({r.category or 'no category'})" + ("" if r.checked else ": met by SATISFIES")
                       for r in answer.requirements] or ["none"]),
        Section(title="Tiers", items=[f"tier {t.tier}: {_count(len(t.organizations))}" for t in answer.tiers]),
        Section(title=f"Compliance gaps ({len(answer.gaps)})",
                items=capped(gap_lines)),
        Section(title="Concentration",
                items=capped([f"{c.name}: in {c.package_count} packages"
                              + (f"; sole provider of {', '.join(c.sole_provider_of)}" if c.sole_provider_of else "")
                              for c in answer.concentration]) or ["none"]),
        *weakest_sections(weakest),
    ]
    return Picture(
        view=View.SUPPLY_CHAIN, root=answer.root, root_name=root_name, title=f"Supply chain of {root_name}",
        nodes=nodes, edges=_edges(answer, shown, relations), hierarchical=True, total=cut.total,
        left_out=cut.left_out, left_out_note=left_out_note(cut, "tier"), truncated=answer.truncated,
        marks=[Mark.GAP, Mark.WEAKEST, Mark.WEAK], edge_keys=[DEPENDS_KEY, INDIRECT_KEY], sections=sections)
