"""The demo model (docs/demo-model.md) in pictures, starting from the start page as a person would."""

from __future__ import annotations

import pytest

from tests.viz.cdp import Page
from tests.viz.conftest import assert_offline, open_picture, screenshot

pytestmark = pytest.mark.browser

MARKS = "Object.fromEntries(network.body.data.nodes.get().map(n => [n.id, n.marks]))"



def test_start_page_lists_packages_organisations_and_systems(demo: str, page: Page) -> None:
    page.goto(f"{demo}/")
    counts = page.eval("Object.fromEntries([...document.querySelectorAll('section[data-count]')]"
                       ".map(s => [s.id, Number(s.dataset.count)]))")
    assert counts == {"ServicePackage": 3, "Organization": 29, "System": 15}  # docs/demo-model.md
    links = page.eval("[...document.querySelectorAll('tr[data-id=\"pkg-modern-workplace\"] a')]"
                      ".map(a => [a.textContent, a.getAttribute('href')])")
    assert links == [["dependencies", "/viz/elements/pkg-modern-workplace?view=dependencies"],
                     ["impact", "/viz/elements/pkg-modern-workplace?view=impact"],
                     ["supply chain", "/viz/elements/pkg-modern-workplace?view=supply-chain"]]
    assert page.eval("Boolean(document.querySelector('a[href=\"/docs\"]'))")
    screenshot(page, "demo-start-page")
    assert_offline(page, demo)
    # From the start page to a picture by following its link.
    page.eval("document.querySelector('tr[data-id=\"org-lapto\"] a').click()")
    page.wait_for("window.sigraph && window.sigraph.drawn", timeout_s=30)
    assert page.eval("location.pathname + location.search") == "/viz/elements/org-lapto?view=dependencies"
    assert page.eval("document.body.dataset.view") == "dependencies"


def test_demo_dependencies_picture(demo: str, page: Page) -> None:
    open_picture(page, f"{demo}/viz/elements/pkg-modern-workplace?view=dependencies")
    assert page.eval("network.body.data.nodes.length") == 60  # the package and the 59 it rests on
    marks = page.eval(MARKS)
    assert [i for i, m in marks.items() if "weakest" in m] == ["org-clickline"]  # service level 1
    assert page.eval("network.body.data.nodes.get('org-helix-colo').distance") == 5  # the deepest
    screenshot(page, "demo-dependencies")
    assert_offline(page, demo)


def test_demo_impact_picture_of_a_partner_failing(demo: str, page: Page) -> None:
    open_picture(page, f"{demo}/viz/elements/pkg-modern-workplace?view=impact&failed=org-fieldforce")
    marks = page.eval(MARKS)
    assert marks["org-fieldforce"] == ["failed"]
    down = {i for i, m in marks.items() if m == ["down"]}
    assert len(down) == 16 and "org-cust-fairhaven" in down  # docs/demo-model.md, question 3
    assert page.eval("network.body.nodes['org-cust-fairhaven'].options.color.border") == "#d62728"
    screenshot(page, "demo-impact")
    assert_offline(page, demo)


def test_demo_impact_picture_of_a_redundant_site(demo: str, page: Page) -> None:
    open_picture(page, f"{demo}/viz/elements/sys-dc-north?view=impact")
    marks = page.eval(MARKS)
    assert not any("down" in m for m in marks.values())
    assert sum(m == ["degraded"] for m in marks.values()) == 39  # question 4: nothing down, 39 degraded
    assert page.eval("network.body.nodes['sys-private-cloud'].options.shapeProperties.borderDashes") == [8, 5]


def test_demo_supply_chain_picture(demo: str, page: Page) -> None:
    open_picture(page, f"{demo}/viz/elements/pkg-modern-workplace?view=supply-chain&as_of=2026-11-23")
    levels = page.eval("network.body.data.nodes.get({filter: n => !n.header}).map(n => n.level)")
    assert sorted(levels).count(1) == 10 and levels.count(2) == 7 and levels.count(3) == 4 and levels.count(0) == 1
    headers = page.eval("network.body.data.nodes.get({filter: n => n.header}).map(n => n.label)")
    assert headers == ["Tier 1", "Tier 2", "Tier 3"]
    marks = page.eval(MARKS)
    # each organisation by its worst gap: not compliant, expired, missing, unknown told apart
    assert marks["org-voltaris-cells"][0] == "non_compliant" and marks["org-lapto"][0] == "expired"
    assert marks["org-steppe-cotton"][0] == "missing" and marks["org-shenfa-assembly"][0] == "missing"
    assert marks["org-nw-service-desk"] == ["concentration"] and "concentration" in marks["org-clickline"]
    label = page.eval("network.body.data.nodes.get('org-voltaris-cells').label")
    assert "human_rights: non_compliant" in label  # written on the picture, not only on hover
    hover = page.eval("network.body.data.nodes.get('org-voltaris-cells').title.textContent")
    assert "tier 3" in hover and "non_compliant" in hover
    assert not any(m in ("weakest", "weak") for ms in marks.values() for m in ms)
    assert "Compliance gaps (30)" in page.eval("document.getElementById('summary').textContent")
    screenshot(page, "demo-supply-chain")
    assert_offline(page, demo)
