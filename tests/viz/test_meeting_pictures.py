"""Pictures fit for a meeting (issue 16), measured in the browser on the demo: layered layouts,
labels that never overlap, the path to the weakest link and the paths that took elements down drawn
thick with the rest faded, edge labels on hover past 30 relationships."""

from __future__ import annotations

import itertools
import json
from typing import Any
from xml.etree import ElementTree

import httpx
import pytest

from app.access.roles import Role
from app.db.database import Database
from app.model.codec import read_document_file
from app.model.demo import DEMO_PATH
from tests.access.partner_reference import visible_to
from tests.conftest import bearer, new_token
from tests.viz.cdp import Page
from tests.viz.conftest import SCREENSHOTS, open_picture, screenshot

pytestmark = pytest.mark.browser

PACKAGE = "/viz/elements/pkg-modern-workplace"
# Each element's label box in the network's own coordinates: the size vis-network measured for it,
# inside the shapes that hold their label, under the others (vis only places labels it draws on screen).
LABEL_BOXES = """Object.fromEntries(network.body.data.nodes.getIds().map(id => {
  const node = network.body.nodes[id], s = node.labelModule.size, at = network.getPositions([id])[id];
  const inside = ["box", "ellipse", "database", "text", "circle"].includes(node.options.shape);
  const top = inside ? at.y - s.height / 2 : at.y + node.options.size;
  return [id, [at.x - s.width / 2, top, at.x + s.width / 2, top + s.height]];
}))"""
SVG = "{http://www.w3.org/2000/svg}"
EDGES = "network.body.data.edges.get().map(e => [e.from, e.to, e.width, e.emphasis, e.label, (e.color || {}).color])"



def _overlaps(boxes: dict[str, list[float]]) -> list[tuple[str, str]]:
    return [(a, b) for (a, p), (b, q) in itertools.combinations(boxes.items(), 2)
            if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]]


@pytest.mark.parametrize("layout", ["depth", "pillar"])
def test_bands_with_the_asked_element_on_top_and_no_label_overlapping(demo: str, page: Page, layout: str) -> None:
    open_picture(page, f"{demo}{PACKAGE}?view=dependencies&layout={layout}")
    levels = page.eval("Object.fromEntries(network.body.data.nodes.get().map(n => [n.id, [n.level, n.pillar]]))")
    y = page.eval("Object.fromEntries(Object.entries(network.getPositions()).map(([k, v]) => [k, v.y]))")
    assert levels["pkg-modern-workplace"][0] == 0 and min(y.values()) == y["pkg-modern-workplace"]
    if layout == "pillar":  # offering, process, information, technology, ecosystem, top to bottom
        band = {p: lv for lv, p in levels.values() if lv}
        assert band["offering"] < band["process"] < band["information"] < band["technology"] < band["ecosystem"]
    else:
        assert levels["org-helix-colo"][0] == 5
    assert _overlaps(page.eval(LABEL_BOXES)) == []
    assert page.eval("network.getScale()") >= 0.5  # labels drawn, not shrunk away
    screenshot(page, f"demo-dependencies-{layout}")


def test_the_path_to_the_weakest_link_thick_the_rest_faded(demo: str, page: Page) -> None:
    open_picture(page, f"{demo}{PACKAGE}?view=dependencies")
    edges: list[list[Any]] = page.eval(EDGES)
    thick = {(e[0], e[1]) for e in edges if e[3]}
    assert thick == {("pkg-modern-workplace", "prod-mouse-keyboard"), ("prod-mouse-keyboard", "org-clickline")}
    assert all(e[2] == 5 for e in edges if e[3]) and all(e[5] == "#d4d4d4" for e in edges if not e[3])
    assert len(edges) > 30 and all(e[4] == "" for e in edges)  # types on hover only
    open_picture(page, f"{demo}{PACKAGE}?view=dependencies&layout=free")  # the free layout keeps forces
    assert page.eval("network.body.data.nodes.get('pkg-modern-workplace').level") is None


def test_impact_draws_the_deciding_paths_thick(demo: str, page: Page) -> None:
    open_picture(page, f"{demo}{PACKAGE}?view=impact&failed=org-fieldforce")
    edges: list[list[Any]] = page.eval(EDGES)
    thick = [e for e in edges if e[3]]
    assert thick and all(e[2] == 5 for e in thick)
    assert ("svc-onsite-support", "org-fieldforce") in {(e[0], e[1]) for e in thick}
    assert all(e[5] == "#d4d4d4" for e in edges if not e[3])
    assert _overlaps(page.eval(LABEL_BOXES)) == []
    screenshot(page, "demo-impact-bands")



HIDDEN = "network.body.data.nodes.get({filter: n => n.hidden}).map(n => n.id)"


def _set(page: Page, selector: str, value: str) -> None:
    page.eval(f"(() => {{ const i = document.querySelector({selector!r}); i.value = {value!r};"
              " i.dispatchEvent(new Event('input')); })()")


def test_controls_change_what_is_drawn_and_keep_the_address(demo: str, page: Page) -> None:
    open_picture(page, f"{demo}{PACKAGE}?view=dependencies")
    distance = page.eval("Object.fromEntries(network.body.data.nodes.get().map(n => [n.id, n.distance]))")
    _set(page, "#depth", "2")
    assert set(page.eval(HIDDEN)) == {i for i, d in distance.items() if d > 2}
    assert "show_depth=2" in page.eval("location.search")
    _set(page, "#depth", "5")
    page.eval("(() => { const b = document.querySelector('#pillars input[value=ecosystem]'); b.checked = false;"
              " b.dispatchEvent(new Event('change')); })()")
    pillars = page.eval("Object.fromEntries(network.body.data.nodes.get().map(n => [n.id, n.pillar]))")
    assert set(page.eval(HIDDEN)) == {i for i, p in pillars.items() if p == "ecosystem"}
    _set(page, "#type-filter", "System")
    types = page.eval("Object.fromEntries(network.body.data.nodes.get().map(n => [n.id, n.elementType]))")
    assert {i for i in types if i not in page.eval(HIDDEN)} == {"pkg-modern-workplace"} | {
        i for i, t in types.items() if t == "System"}
    page.eval("(() => { const i = document.getElementById('only-emphasis'); i.checked = true;"
              " i.dispatchEvent(new Event('change')); })()")
    assert page.eval("network.body.data.edges.get({filter: e => !e.hidden}).every(e => e.emphasis)")
    shared = page.eval("location.pathname + location.search")
    assert "show_type=System" in shared and "only_paths=1" in shared and "show_pillars=" in shared
    # the address opens the same view
    open_picture(page, f"{demo}{shared}")
    assert set(page.eval(HIDDEN)) == {i for i, t in types.items() if t != "System" and i != "pkg-modern-workplace"}


def test_find_focuses_an_element_and_png_exports_the_view(demo: str, page: Page) -> None:
    open_picture(page, f"{demo}{PACKAGE}?view=dependencies")
    _set(page, "#find", "sys-erp")
    page.eval("document.getElementById('find').dispatchEvent(new Event('change'))")
    assert page.eval("network.getSelectedNodes()") == ["sys-erp"]
    assert "focus=sys-erp" in page.eval("location.search")
    open_picture(page, f"{demo}{PACKAGE}?view=dependencies&focus=sys-erp")  # a shared address keeps the focus
    assert page.eval("network.getSelectedNodes()") == ["sys-erp"]
    centre, at = page.eval("[network.getViewPosition(), network.getPositions(['sys-erp'])['sys-erp']]")
    assert abs(centre["x"] - at["x"]) < 1 and abs(centre["y"] - at["y"]) < 1
    page.eval("document.getElementById('export-png').click()")
    assert page.eval("window.sigraph.exported") > 10_000  # a PNG of the canvas, as a data URL
    assert page.eval("document.getElementById('legend').open") is False  # the answer first, the legend folded


def _toggle(page: Page, selector: str, checked: bool) -> None:
    page.eval(f"(() => {{ const i = document.querySelector({selector!r}); i.checked = {str(checked).lower()};"
              " i.dispatchEvent(new Event('change')); })()")


def test_svg_of_the_view_is_vector_drawn_from_what_is_shown(demo: str, page: Page) -> None:
    open_picture(page, f"{demo}{PACKAGE}?view=dependencies&layout=pillar")
    _set(page, "#type-filter", "System")
    page.eval("document.getElementById('export-svg').click()")
    svg = ElementTree.fromstring(page.eval("window.sigraph.exportedSvg"))
    assert svg.tag == f"{SVG}svg" and svg.find(f".//{SVG}image") is None  # shapes and text, no picture inside
    shown = set(page.eval("network.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.id)"))
    assert {e.get("data-id") for e in svg.iter() if e.get("data-id")} == shown
    text = " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))
    assert "Modern Workplace" in text and "ERP (Procurement" in text and "Lapto ProBook" not in text
    drawn_edges = page.eval("network.body.data.edges.get({filter: e => !e.hidden && !network.body.data.nodes"
                            ".get(e.from).hidden && !network.body.data.nodes.get(e.to).hidden}).length")
    curves = [p for p in svg.iter(f"{SVG}path") if p.get("fill") == "none"]
    assert 0 < drawn_edges == len(curves)  # one curve per relationship drawn
    _set(page, "#type-filter", "")
    page.eval("document.getElementById('export-svg').click()")
    drawing = page.eval("window.sigraph.exportedSvg")
    # the thick path to the weakest link keeps its colour and width
    assert any(p.get("stroke") == "#7b1fa2" and p.get("stroke-width") == "5"
               for p in ElementTree.fromstring(drawing).iter(f"{SVG}path"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "demo-dependencies-pillar.svg").write_text(drawing, encoding="utf-8")


def test_the_neighbourhood_toggle_adds_what_lies_around_the_answer(demo: str, page: Page,
                                                                    admin_headers: dict[str, str]) -> None:
    open_picture(page, f"{demo}/viz/elements/sys-erp?view=dependencies")
    answer = set(page.eval("network.body.data.nodes.getIds()"))
    before = page.eval("network.getPositions()")
    model = httpx.get(f"{demo}/api/v1/model", headers=admin_headers, timeout=60).json()
    relations = {(r["from"], r["type"], r["to"]) for r in model["relations"]}
    around = {b if a in answer else a for a, _, b in relations if (a in answer) != (b in answer)}
    assert around and "neighbourhood (+" in page.eval("document.getElementById('controls').textContent")
    _toggle(page, "#neighbours", True)
    shown = set(page.eval("network.body.data.nodes.getIds()"))
    assert shown - answer == around
    context = page.eval("network.body.data.edges.get({filter: e => e.context}).map(e => [e.from, e.relType, e.to])")
    assert {tuple(e) for e in context} == {r for r in relations if (r[0] in answer) != (r[2] in answer)}
    assert page.eval("network.body.data.nodes.get({filter: n => n.context}).every(n => n.opacity < 1)")
    assert "neighbours=1" in page.eval("location.search")
    shared = page.eval("location.pathname + location.search")
    open_picture(page, f"{demo}{shared}")  # the address opens the same view
    assert set(page.eval("network.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.id)")) == shown
    screenshot(page, "demo-dependencies-neighbourhood")
    _toggle(page, "#neighbours", False)  # back to the answer alone, where it was
    assert set(page.eval("network.body.data.nodes.getIds()")) == answer
    assert page.eval("network.getPositions()") == before
    assert "neighbours" not in page.eval("location.search")


def test_a_partners_neighbourhood_stays_in_its_scope(demo: str, session_db: Database) -> None:
    key = bearer(new_token(session_db, Role.READER, organization="org-lapto"))
    html = httpx.get(f"{demo}/viz/elements/org-lapto?view=dependencies", headers=key, timeout=60).text
    data = json.loads(html.split("var DATA = ", 1)[1].split(";\n", 1)[0])
    context = {n["id"] for n in data["nodes"] if n.get("context")}
    model = read_document_file(DEMO_PATH)
    assert context and context <= visible_to(model, "org-lapto").all


def test_the_start_page_searches_names_and_offers_only_views_that_answer(demo: str, page: Page) -> None:
    page.goto(f"{demo}/")
    customer = page.eval("[...document.querySelectorAll('tr[data-id=\"org-cust-hansa\"] a')].map(a => a.textContent)")
    assert customer == ["dependencies", "impact"]  # a customer delivers nothing: no supply chain
    partner = page.eval("[...document.querySelectorAll('tr[data-id=\"org-lapto\"] a')].map(a => a.textContent)")
    assert partner == ["dependencies", "impact", "supply chain"]
    _set(page, "#open-id", "volta")
    page.wait_for("window.sigraphFound !== undefined", timeout_s=10)
    assert page.eval("window.sigraphFound") == ["org-voltaris-cells"]
    assert page.eval("[...document.querySelectorAll('#open-list option')].some(o => o.value === 'org-voltaris-cells')")
    _set(page, "#open-id", "Voltaris Battery Cells")
    page.eval("document.querySelector('#open button').click()")
    page.wait_for("window.sigraph && window.sigraph.drawn", timeout_s=30)
    assert page.eval("location.pathname") == "/viz/elements/org-voltaris-cells"


def test_the_one_page_report_of_a_package(demo: str, admin_headers: dict[str, str], session_db: Database) -> None:
    page = httpx.get(f"{demo}/viz/report/pkg-modern-workplace", headers=admin_headers, timeout=60)
    assert page.status_code == 200
    html = page.text
    for part in ("Depends on 59 elements", "Single points of failure", "Agreements and what backs them",
                 "Supply-chain gaps (30", "Clickline Peripherals Ltd (org-clickline): 1"):
        assert part in html, part
    assert "SLA Modern Workplace, Hansa Mutual (premium)" in html and "uc-fieldforce 4" in html
    assert httpx.get(f"{demo}/viz/report/no-such", headers=admin_headers).status_code == 404


def test_the_member_that_held_is_drawn(demo: str, page: Page) -> None:
    open_picture(page, f"{demo}/viz/elements/sys-dc-north?view=impact")
    marks = page.eval("Object.fromEntries(network.body.data.nodes.get().map(n => [n.id, n.marks]))")
    assert marks["sys-dc-south"] == ["held"] and marks["sys-dc-north"] == ["failed"]
    label = page.eval("network.body.data.nodes.get('sys-dc-south').label")
    assert "held: 1 of 2 up" in label
    edges = page.eval("network.body.data.edges.get().map(e => [e.from, e.to])")
    assert ["sys-private-cloud", "sys-dc-south"] in edges  # drawn beside what it carried
    assert page.eval("document.getElementById('neighbours') !== null")  # an impact has its neighbourhood too
    screenshot(page, "demo-impact-held")


def test_the_portfolio_and_the_critical_elements_as_charts(demo: str, admin_headers: dict[str, str]) -> None:
    portfolio = httpx.get(f"{demo}/viz/portfolio", headers=admin_headers, timeout=60)
    assert portfolio.status_code == 200
    assert 'id="live" data-count="2"' in portfolio.text and 'data-id="pkg-modern-workplace"' in portfolio.text
    assert "sla-hansa missed" in portfolio.text and "lowest service level 1" in portfolio.text
    chart = httpx.get(f"{demo}/viz/critical-elements?rank_by=seats&limit=5", headers=admin_headers, timeout=60)
    assert chart.status_code == 200
    rows = chart.text.count("<tr data-id=")
    assert rows == 5 and 'data-value="7970.0"' in chart.text and "<rect" in chart.text
    assert httpx.get(f"{demo}/viz/critical-elements?limit=0", headers=admin_headers).status_code == 400


@pytest.mark.parametrize(("address", "name", "shows"), [
    ("/viz/portfolio", "demo-portfolio", "Modern Workplace"),
    ("/viz/critical-elements?rank_by=seats&limit=15", "demo-critical-elements", "FieldForce"),
    ("/viz/report/pkg-modern-workplace", "demo-report", "Single points of failure")])
def test_the_charts_and_the_report_open_in_the_browser(demo: str, page: Page, address: str, name: str,
                                                       shows: str) -> None:
    page.goto(f"{demo}{address}")
    assert shows in page.eval("document.body.innerText") and page.errors() == []
    screenshot(page, name)


def test_the_whole_model_clustered_by_organisation(demo: str, page: Page) -> None:
    open_picture(page, f"{demo}/viz/model")
    assert page.eval("window.sigraph.clusters") >= 10
    assert page.eval("network.isCluster('cluster:org-lapto')")
    assert "Lapto Devices GmbH (" in page.eval("network.body.nodes['cluster:org-lapto'].options.label")
    page.eval("network.openCluster('cluster:org-lapto')")
    assert not page.eval("network.isCluster('cluster:org-lapto')")
    assert "prod-laptop" in page.eval("network.body.nodeIndices")
    screenshot(page, "demo-whole-model")


def test_past_two_thousand_elements_the_clusters_only() -> None:
    from app.analysis.graph import Edge, Graph, Node
    from app.schema import PILLAR_OF, ElementType, Lifecycle, RelType
    from viz.model_picture import CLUSTERED_MAX, model_picture

    def node(i: str, t: ElementType) -> Node:
        return Node(i, t, i, PILLAR_OF[t], Lifecycle.LIVE, {})

    orgs = [node(f"org-{k}", ElementType.ORGANIZATION) for k in range(3)]
    systems = [node(f"sys-{k:05d}", ElementType.SYSTEM) for k in range(CLUSTERED_MAX)]
    edges = [Edge(f"org-{k % 3}", RelType.OWNS, s.id) for k, s in enumerate(systems)]
    edges += [Edge(systems[k].id, RelType.RUNS_ON, systems[k + 1].id) for k in range(len(systems) - 1)]
    picture = model_picture(Graph([*orgs, *systems], edges))
    assert sorted(n.id for n in picture.nodes) == ["org-0", "org-1", "org-2"]
    assert {(e.source, e.target) for e in picture.edges} == {("org-0", "org-1"), ("org-1", "org-2"), ("org-2", "org-0")}
    assert picture.total == CLUSTERED_MAX + 3


def test_a_customers_picture_offers_no_supply_chain(demo: str, page: Page) -> None:
    open_picture(page, f"{demo}/viz/elements/org-cust-hansa?view=dependencies")
    assert page.eval("[...document.querySelectorAll('header nav a')].map(a => a.textContent)") == [
        "dependencies", "impact", "API docs"]
    open_picture(page, f"{demo}/viz/elements/org-lapto?view=dependencies")
    assert "supply chain" in page.eval("[...document.querySelectorAll('header nav a')].map(a => a.textContent)")


def test_a_partners_whole_model_names_no_organisation_out_of_its_scope() -> None:
    from app.access.scope import Scope
    from app.analysis.graph import Edge, Graph, Node
    from app.schema import PILLAR_OF, ElementType, Lifecycle, RelType
    from viz.model_picture import NONE, model_picture

    def node(i: str, t: ElementType) -> Node:
        return Node(i, t, f"name of {i}", PILLAR_OF[t], Lifecycle.LIVE, {})

    graph = Graph([node("P", ElementType.ORGANIZATION), node("B", ElementType.ORGANIZATION),
                   node("S", ElementType.SERVICE), node("X", ElementType.SYSTEM)],
                  [Edge("B", RelType.OWNS, "S"), Edge("S", RelType.PROVIDED_BY, "P"), Edge("P", RelType.OWNS, "X")])
    picture = model_picture(graph, Scope("P", frozenset({"P", "S", "X"}), frozenset()))
    assert {n.id: n.cluster for n in picture.nodes} == {"P": "P", "S": "P", "X": "P"}  # S's owner B is hidden
    assert NONE not in {n.cluster for n in picture.nodes}
    assert "name of B" not in picture.model_dump_json()
