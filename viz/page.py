"""A Picture as one self-contained HTML page: pyvis builds the network, vis-network is inlined.

The page fetches nothing from anywhere: the vis-network script and styles that pyvis ships are
written into it, so it works from the service, from a file, and with no internet.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyvis
from jinja2 import Environment, PackageLoader
from markupsafe import Markup
from pydantic import BaseModel
from pyvis.network import Network

from viz.picture import Picture, PictureView, View
from viz.style import EDGE_COLOUR, Legend, label_of, legend, node_style

EDGE_LABELS_MAX = 30
TIDY_MAX = 1_000  # elements up to which the bands' layout reduces crossings
DISTANCE_NAMES: dict[View | PictureView, str] = {View.DEPENDENCIES: "depth", View.IMPACT: "hops",
                                                 View.SUPPLY_CHAIN: "tier"}
FADED_EDGE = "#d4d4d4"
NEIGHBOUR_OPACITY = 0.5
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
VIEW_NAMES = {View.DEPENDENCIES: "dependencies", View.IMPACT: "impact", View.SUPPLY_CHAIN: "supply chain",
              PictureView.SCENARIO: "scenario beside its base", PictureView.MODEL: "whole model"}


class Links(BaseModel):
    """Where the page's navigation points; none in a standalone file."""

    home: str
    docs: str
    views: dict[str, str]  # view name -> address of this element's picture in that view


def picture_path(element_id: str, view: View) -> str:
    return f"/viz/elements/{quote(element_id, safe='')}?view={view.value}"


def links_for(element_id: str) -> Links:
    return Links(home="/", docs="/docs", views={VIEW_NAMES[v]: picture_path(element_id, v) for v in View})


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The pictures' templates, read as package data (viz/templates/ travels in the wheel)."""
    templates = Environment(loader=PackageLoader("viz", "templates"), autoescape=True, trim_blocks=True,
                            lstrip_blocks=True)
    templates.filters["counted"] = counted
    return templates


def counted(number: int, noun: str) -> str:
    """`1 package`, `2 packages`: a count with its noun (nouns taking an s)."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


@lru_cache(maxsize=1)
def vis_assets() -> tuple[Markup, Markup]:
    """pyvis' own copy of vis-network (script, styles), to inline; neither may close its tag early."""
    script = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    styles = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in script.lower() or "</style" in styles.lower():
        raise RuntimeError("vis-network cannot be inlined safely")
    return Markup(script), Markup(styles)  # pyvis' packaged files, not user text


def options(picture: Picture) -> dict[str, Any]:
    """vis-network options: forces for dependencies and impact, tiers left to right for supply chains."""
    common: dict[str, Any] = {
        "edges": {"color": {"color": EDGE_COLOUR, "highlight": "#333333", "hover": "#333333"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "font": {"size": 10, "color": "#555555", "strokeWidth": 0, "align": "middle",
                           "background": "rgba(255,255,255,0.85)"},
                  "smooth": {"enabled": True, "type": "continuous"}},
        "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": {"enabled": True, "bindToWindow": False}},
    }
    if picture.hierarchical and picture.direction == "UD":  # bands: labels wrap under their nodes
        tidy = len(picture.nodes) <= TIDY_MAX  # the layout's own crossing reduction grows fast with size
        return common | {
            "layout": {"hierarchical": {"enabled": True, "direction": "UD", "sortMethod": "directed",
                                        "levelSeparation": 190, "nodeSpacing": 200, "treeSpacing": 220,
                                        "blockShifting": tidy, "edgeMinimization": tidy,
                                        "parentCentralization": tidy}},
            "physics": {"enabled": False},
        }
    if picture.hierarchical:
        return common | {
            "layout": {"hierarchical": {"enabled": True, "direction": "LR", "sortMethod": "directed",
                                        "levelSeparation": 300, "nodeSpacing": 120, "treeSpacing": 140}},
            "physics": {"enabled": False},
        }
    return common | {"layout": {"randomSeed": 7},  # the same picture on every load
                     "physics": {"enabled": True, "solver": "forceAtlas2Based",
                                 "forceAtlas2Based": {"gravitationalConstant": -90, "springLength": 130,
                                                      "avoidOverlap": 0.5},
                                 "stabilization": {"enabled": True, "iterations": 400, "fit": True}}}


def network(picture: Picture) -> Network:
    """The picture as a pyvis network; each node keeps its type, pillar and marks for the page to read."""
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    for node in picture.nodes:
        if node.header:  # placed over its level's column by the page (picture.html)
            net.add_node(node.id, label=node.name, shape="text", level=node.level, header=True,
                         font={"size": 20, "bold": True, "color": "#37474f"}, physics=False, elementType="", marks=[],
                         distance=node.distance, root=False)
            continue
        label = "\n".join([label_of(node.name, node.marks), *node.caption])
        net.add_node(node.id, label=label, title="\n".join(node.details),
                     **node_style(node.type, node.marks, root=node.root),
                     **({"level": node.level} if node.level is not None else {}),
                     elementType=node.type, pillar=node.pillar, marks=[m.value for m in node.marks],
                     distance=node.distance, root=node.root,
                     **({"cluster": node.cluster} if node.cluster else {}),
                     # the neighbourhood: faint, and laid out only when the page's toggle adds it
                     **({"context": True, "opacity": NEIGHBOUR_OPACITY} if node.context else {}))
    # past EDGE_LABELS_MAX of the answer's relationships, a relationship's type shows on hover only
    labelled = sum(not e.context for e in picture.edges) <= EDGE_LABELS_MAX
    for edge in picture.edges:
        colour = edge.colour or (FADED_EDGE if picture.faded and not edge.emphasis else None)
        label = edge.type if labelled and not edge.context else ""  # the neighbourhood's on hover only
        net.add_edge(edge.source, edge.target, label=label, title=edge.title,
                     relType=edge.type, emphasis=edge.emphasis, dashes=[6, 5] if edge.dashes else False,
                     width=edge.width, **({"color": {"color": colour, "highlight": colour}} if colour else {}),
                     **({"context": True} if edge.context else {}))
    net.options = options(picture)
    return net


def render_sign_in(reason: str, cookie: str) -> str:
    """The page a browser gets instead of a picture when it has no key (SIGRAPH_AUTH=required)."""
    return environment().get_template("sign_in.html").render(reason=reason, cookie=cookie)


def render(picture: Picture, *, links: Links | None = None) -> str:
    """The whole page; `links` adds the navigation of the service (none for a standalone file), to
    the views that answer something for the asked element (a customer delivers nothing: no supply
    chain)."""
    root = next((n for n in picture.nodes if n.root), None)
    if links is not None and root is not None and root.type == "Organization" and root.kind == "customer":
        links = links.model_copy(update={"views": {k: v for k, v in links.views.items()
                                                   if k != VIEW_NAMES[View.SUPPLY_CHAIN]}})
    nodes, edges, _, _, _, options_json = network(picture).get_network_data()
    script, styles = vis_assets()
    data = {"view": picture.view.value, "root": picture.root, "total": picture.total, "leftOut": picture.left_out,
            "nodes": nodes, "edges": edges, "options": json.loads(options_json)}
    key: Legend = legend(picture.marks)
    elements = [n for n in picture.nodes if not n.header]
    return environment().get_template("picture.html").render(
        picture=picture, data=data, legend=key, links=links, vis_script=script, vis_styles=styles,
        view_name=VIEW_NAMES[picture.view], max_distance=max((n.distance for n in elements), default=0),
        distance_name=DISTANCE_NAMES.get(picture.view, "depth"), shown=sum(not n.context for n in elements),
        neighbours=sum(n.context for n in elements), relationships=sum(not e.context for e in picture.edges),
        pillars=sorted({n.pillar for n in elements if n.pillar}), types=sorted({n.type for n in elements}))
