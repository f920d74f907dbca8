"""The supply-chain picture: the asked element, then its organisations tier by tier, left to right."""

from __future__ import annotations

from collections import defaultdict

from app.analysis.answers import Concentration, Gap, SupplyChainAnswer, SupplyChainOrganization
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
)
from viz.picture import EdgeKey, Picture, PictureEdge, PictureNode, Section, View
from viz.style import GAP_MARKS, Mark

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


# The worst gap status first: it decides an organisation's mark.
_WORST_FIRST = ("non_compliant", "expired", "missing", "unknown", "expiring")
CAPTION_LINES = 3


def _gap_mark(gaps: list[Gap]) -> list[Mark]:
    statuses = {g.status.value for g in gaps}
    worst = next((s for s in _WORST_FIRST if s in statuses), None)
    return [GAP_MARKS[worst]] if worst else []


def _caption(gaps: list[Gap]) -> list[str]:
    """The failing requirements' categories under the name: `human_rights: non_compliant`."""
    lines = [f"{g.category or g.requirement_name}: {g.status.value}"
             for g in sorted(gaps, key=lambda g: (_WORST_FIRST.index(g.status.value), g.requirement))]
    if len(lines) > CAPTION_LINES:
        lines = [*lines[:CAPTION_LINES - 1], f"+{len(lines) - CAPTION_LINES + 1} more gaps"]
    return lines


def _gap_line(gap: Gap) -> str:
    attested = f", valid until {gap.valid_until}" if gap.valid_until else ""
    fixing = ""
    if gap.remediation is not None:
        r = gap.remediation
        fixing = f"; {r.owner}, {r.status.value}, due {r.due}" + (" (OVERDUE)" if r.overdue else "")
    return (f"{gap.organization_name}, {gap.requirement_name} ({gap.category or 'no category'}): "
            f"{gap.status.value}{attested} (tier {gap.tier}; required by {', '.join(gap.required_by)}){fixing}")


def supply_chain_picture(answer: SupplyChainAnswer, docs: Docs, relations: list[Edge], cut: Cut, *, root_type: str,
                         root_name: str) -> Picture:
    """The organisations tier by tier under a heading per tier, each marked by its worst gap, with the
    failing categories written under its name; concentration marked; no service-level marks."""
    shown = set(cut.kept)
    requirement = {r.id: r.name for r in answer.requirements}
    gaps: dict[str, list[Gap]] = defaultdict(list)
    for gap in answer.gaps:
        gaps[gap.organization].append(gap)
    concentrated = {c.organization: c for c in answer.concentration}
    mode = "focal organisation" if answer.mode == "organization" else "offering"
    nodes = [make_node(answer.root, docs, element_type=root_type, name=root_name, distance=0, root=True, level=0,
                       extra=[f"the asked element ({mode}), tier 0"])]
    for org in sorted(organizations(answer).values(), key=lambda o: (o.tier, o.id)):
        if org.id not in shown:
            continue
        marks = _gap_mark(gaps[org.id]) + ([Mark.CONCENTRATION] if org.id in concentrated else [])
        extra = [f"tier {org.tier}: {path_text(org.path)}",
                 *(f"{requirement.get(r, r)}: {s}" for r, s in org.compliance.items()),
                 *([_concentration_line(concentrated[org.id])] if org.id in concentrated else [])]
        node = make_node(org.id, docs, element_type=ElementType.ORGANIZATION, name=org.name, distance=org.tier,
                         level=org.tier, marks=marks, extra=extra)
        nodes.append(node.model_copy(update={"caption": _caption(gaps[org.id])}))
    tiers_shown = sorted({n.level for n in nodes if n.level})
    nodes += [PictureNode(id=f"/tier/{t}", type="", name=f"Tier {t}", pillar=None, distance=t, level=t, header=True)
              for t in tiers_shown]
    sections = [
        Section(title=f"Compliance gaps ({len(answer.gaps)})", items=capped([_gap_line(g) for g in answer.gaps])
                or ["none"]),
        Section(title=f"Requirements in force (as of {answer.as_of})",
                items=[f"{r.name} ({r.category or 'no category'}), required by {', '.join(r.required_by)}"
                       + ("" if r.checked else ": met by SATISFIES") for r in answer.requirements] or ["none"]),
        *([Section(title="Buyers (never listed in the chain)", items=answer.buyers)] if answer.buyers else []),
        Section(title="Tiers", items=[f"tier {t.tier}: {_count(len(t.organizations))}" for t in answer.tiers]),
        Section(title="Concentration",
                items=capped([_concentration_line(c) for c in answer.concentration]) or ["none"]),
    ]
    return Picture(
        view=View.SUPPLY_CHAIN, root=answer.root, root_name=root_name, title=f"Supply chain of {root_name}",
        nodes=nodes, edges=_edges(answer, shown, relations), hierarchical=True, total=cut.total,
        left_out=cut.left_out, left_out_note=left_out_note(cut, "tier"), truncated=answer.truncated,
        marks=[*GAP_MARKS.values(), Mark.CONCENTRATION], edge_keys=[DEPENDS_KEY, INDIRECT_KEY], sections=sections)


def _concentration_line(c: Concentration) -> str:
    shared = f"in {c.package_count} packages" if c.package_count >= 2 else ""
    sole = f"sole provider of {', '.join(c.sole_provider_of)}" if c.sole_provider_of else ""
    return f"◆ {c.name}: " + "; ".join(x for x in (shared, sole) if x)
