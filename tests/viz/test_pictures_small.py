"""The three pictures of the spec's worked example, drawn in headless Chromium and read back from the page."""

from __future__ import annotations

import pytest

from app.db.database import Database
from app.schema import Pillar
from tests.model.helpers import small_model
from tests.viz.cdp import Page
from tests.viz.conftest import assert_offline, load, open_picture, screenshot
from viz.style import MARKS, PILLAR_COLOURS, Mark

pytestmark = pytest.mark.browser

# The colours vis-network drew each node with, by id: [fill, border, borderWidth, shape, level].
DRAWN = """Object.fromEntries(network.body.data.nodes.getIds().map(id => {
  const o = network.body.nodes[id].options;
  return [id, [o.color.background, o.color.border, o.borderWidth, o.shape, o.level === undefined ? null : o.level]];
}))"""

# Pixels on the outline of a dot-shaped node, read from the canvas itself.
RING = """((id) => {
  const node = network.body.nodes[id], pos = network.getPositions([id])[id];
  const canvas = document.querySelector('#network canvas'), ctx = canvas.getContext('2d');
  const ratio = canvas.width / canvas.clientWidth, out = [];
  for (let k = 0; k < 16; k++) {
    const a = k * Math.PI / 8, r = node.options.size;
    const dom = network.canvasToDOM({x: pos.x + r * Math.cos(a), y: pos.y + r * Math.sin(a)});
    const px = ctx.getImageData(Math.round(dom.x * ratio), Math.round(dom.y * ratio), 1, 1).data;
    out.push([px[0], px[1], px[2]]);
  }
  return out;
})"""


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def _near(pixel: list[int], colour: str, tolerance: int = 45) -> bool:
    return all(abs(p - c) <= tolerance for p, c in zip(pixel, _rgb(colour), strict=True))


@pytest.fixture
def worked_example(db: Database, live_url: str, admin_headers: dict[str, str]) -> str:
    load(live_url, small_model(), admin_headers)
    return live_url


def test_dependencies_picture_marks_the_weakest_link(worked_example: str, page: Page) -> None:
    open_picture(page, f"{worked_example}/viz/elements/P?view=dependencies")
    assert page.eval("network.body.data.nodes.length") == 8  # P and its closure of 7
    assert page.eval("network.body.data.edges.length") == 8
    drawn = page.eval(DRAWN)
    assert set(drawn) == {"P", "S1", "S2", "X", "Y", "O1", "O2", "O3"}
    assert drawn["O2"][1] == MARKS[Mark.WEAKEST].border and drawn["O2"][2] == MARKS[Mark.WEAKEST].width
    assert page.eval("network.body.data.nodes.get('O2').marks") == ["weakest"]
    assert {i for i, (_, border, *_) in drawn.items() if border == MARKS[Mark.WEAK].border} == {"O2", "O3", "S2"}
    assert drawn["X"][0] == PILLAR_COLOURS[Pillar.TECHNOLOGY] and drawn["X"][3] == "box"
    assert drawn["O1"][0] == PILLAR_COLOURS[Pillar.ECOSYSTEM] and drawn["O1"][3] == "dot"
    assert drawn["P"][3] == "star" and page.eval("network.body.nodes['P'].options.size") > page.eval(
        "network.body.nodes['S1'].options.size")  # the asked element stands out
    labels = page.eval("network.body.data.edges.get().map(e => e.label)")
    assert sorted(labels) == sorted(["INCLUDES", "INCLUDES", "RUNS_ON", "RUNS_ON", "RUNS_ON", "PROVIDED_BY",
                                     "SUPPLIED_BY", "SUPPLIED_BY"])
    hover = page.eval("network.body.data.nodes.get('S1').title.textContent")
    assert "attributes: seats=40, team=ops" in hover and "depth 1: P → S1" in hover
    assert page.eval("document.querySelectorAll('#legend [data-pillar]').length") == 5
    assert page.eval("document.querySelectorAll('#legend [data-type]').length") == 10
    assert "weakest link" in page.eval("document.getElementById('legend').textContent")
    assert "O2 (O2): 1 via P → S1 → O1 → O2" in page.eval("document.getElementById('summary').textContent")
    screenshot(page, "worked-example-dependencies")
    assert_offline(page, worked_example)


def test_impact_picture_marks_failed_down_and_degraded_apart(worked_example: str, page: Page) -> None:
    open_picture(page, f"{worked_example}/viz/elements/P?view=impact&failed=Y")
    drawn = page.eval(DRAWN)
    # spec: F={Y}: S2 down, S1 degraded, P down; C consumes P; X is the member of S1's group "dc" that held
    assert set(drawn) == {"Y", "S1", "S2", "P", "C", "X"}
    states = {i: page.eval(f"network.body.data.nodes.get('{i}').marks") for i in drawn}
    assert states == {"Y": ["failed"], "S2": ["down"], "P": ["down"], "C": ["down"], "S1": ["degraded"],
                      "X": ["held"]}
    failed, down, degraded = drawn["Y"][1], drawn["S2"][1], drawn["S1"][1]
    assert len({failed, down, degraded}) == 3
    assert down == MARKS[Mark.DOWN].border and drawn["C"][1] == down and drawn["P"][1] == down
    assert degraded == MARKS[Mark.DEGRADED].border and failed == MARKS[Mark.FAILED].border
    # The canvas itself shows the customer's outline in the down colour.
    ring = page.eval(f"{RING}('C')")
    assert sum(_near(p, down) for p in ring) >= 10, ring
    hover = page.eval("network.body.data.nodes.get('S1').title.textContent")
    assert "degraded: redundancy group dc: 1 of 2 up, needs 1" in hover
    summary = page.eval("document.getElementById('summary').textContent")
    assert "Customers at risk (1)" in summary and "Agreements at risk (1)" in summary
    screenshot(page, "worked-example-impact")
    assert_offline(page, worked_example)


def test_impact_picture_fails_the_element_itself_by_default(worked_example: str, page: Page) -> None:
    open_picture(page, f"{worked_example}/viz/elements/O2?view=impact")
    marks = page.eval("Object.fromEntries(network.body.data.nodes.get().map(n => [n.id, n.marks]))")
    assert marks == {"O2": ["failed"], "O1": ["down"], "S1": ["down"], "P": ["down"], "C": ["down"]}


def test_supply_chain_picture_lays_tiers_left_to_right(worked_example: str, page: Page) -> None:
    open_picture(page, f"{worked_example}/viz/elements/P?view=supply-chain&as_of=2026-11-23")
    drawn = page.eval(DRAWN)
    assert {i: d[4] for i, d in drawn.items()} == {"P": 0, "O1": 1, "O2": 2, "O3": 3, "/tier/1": 1, "/tier/2": 2,
                                                   "/tier/3": 3}
    assert page.eval("network.layoutEngine.options.hierarchical.enabled") is True
    at = page.eval("Object.fromEntries(Object.entries(network.getPositions()).map(([k, v]) => [k, [v.x, v.y]]))")
    assert at["P"][0] < at["O1"][0] < at["O2"][0] < at["O3"][0]
    for tier, org in ((1, "O1"), (2, "O2"), (3, "O3")):  # each heading over its tier's column
        assert at[f"/tier/{tier}"][0] == at[org][0] and at[f"/tier/{tier}"][1] < at[org][1]
    # R (environment) is in force: O1 and O3 have no attestation, O2 attests it; no service-level marks.
    assert drawn["O1"][1] == MARKS[Mark.MISSING].border and drawn["O3"][1] == MARKS[Mark.MISSING].border
    assert drawn["O2"][1] != MARKS[Mark.WEAKEST].border
    labels = page.eval("Object.fromEntries(network.body.data.nodes.get().map(n => [n.id, n.label]))")
    assert labels["O1"].endswith("\nenvironment: missing") and labels["/tier/2"] == "Tier 2"
    assert "R: missing" in page.eval("network.body.data.nodes.get('O1').title.textContent")
    assert page.eval("network.body.data.edges.get().map(e => [e.from, e.to, e.label])") == [
        ["P", "O1", "PROVIDED_BY"], ["O1", "O2", "SUPPLIED_BY"], ["O2", "O3", "SUPPLIED_BY"]]
    assert "Compliance gaps (2)" in page.eval("document.getElementById('summary').textContent")
    screenshot(page, "worked-example-supply-chain")
    assert_offline(page, worked_example)
