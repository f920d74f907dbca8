"""`sigraph viz`: the same picture as a standalone file, opened from disk in headless Chromium."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from app.model.codec import read_document_file
from app.model.demo import DEMO_PATH
from tests.model.helpers import small_model
from tests.neo4j_target import Target
from tests.viz.cdp import Page
from tests.viz.conftest import assert_offline, open_picture, screenshot

SVG = "{http://www.w3.org/2000/svg}"


def run_viz(target: Target, *args: str, node_limit: int = 300) -> tuple[int, str]:
    env = {"NEO4J_URI": target.uri, "NEO4J_USER": target.user, "NEO4J_PASSWORD": target.password,
           "NEO4J_DATABASE": "neo4j", "SIGRAPH_ENV": "development", "SIGRAPH_VIZ_NODE_LIMIT": str(node_limit)}
    result = CliRunner().invoke(cli, ["viz", *args], env=env)
    return result.exit_code, result.output


@pytest.mark.browser
def test_cli_writes_a_standalone_picture(target: Target, client: TestClient, tmp_path: Path, page: Page) -> None:
    assert client.post("/api/v1/model", json=small_model()).status_code == 200
    out = tmp_path / "impact.html"
    code, output = run_viz(target, "P", "--view", "impact", "--failed", "Y", "-o", str(out))
    assert code == 0, output
    assert f"wrote {out}" in output
    html = out.read_text(encoding="utf-8")
    assert "What fails with Y" in html and 'href="/' not in html  # no links into a service it may not reach
    open_picture(page, out.as_uri())
    assert page.eval("network.body.data.nodes.length") == 6  # X held: the other member of S1's group
    assert page.eval("network.body.data.nodes.get('S2').marks") == ["down"]
    assert_offline(page, "file://")


@pytest.mark.browser
def test_cli_picture_past_the_node_limit_shows_the_nearest_part(target: Target, client: TestClient, tmp_path: Path,
                                                                 page: Page) -> None:
    assert client.post("/api/v1/model", json=read_document_file(DEMO_PATH)).status_code == 200
    out = tmp_path / "limited.html"
    code, output = run_viz(target, "pkg-modern-workplace", "-o", str(out), node_limit=12)
    assert code == 0, output
    assert "48 left out past the node limit" in output
    open_picture(page, out.as_uri())
    assert page.eval("network.body.data.nodes.length") == 12
    assert max(page.eval("network.body.data.nodes.get().map(n => n.distance)")) <= 2  # depth 0, 1 and some of 2
    note = page.eval("document.getElementById('left-out').textContent")
    assert "Showing the nearest 12 of 60 elements: 48 farther ones (depth 2 and beyond) are left out" in note
    screenshot(page, "demo-dependencies-node-limit")
    # what the limit left out is still the answer: never offered as its neighbourhood
    answer = {n["id"] for n in client.get("/api/v1/elements/pkg-modern-workplace/dependencies").json()["nodes"]}
    data = json.loads(out.read_text(encoding="utf-8").split("var DATA = ", 1)[1].split(";\n", 1)[0])
    neighbours = {n["id"] for n in data["nodes"] if n.get("context")}
    assert neighbours and not neighbours & answer


def test_cli_refuses_an_unknown_element_and_a_bad_view(target: Target, client: TestClient, tmp_path: Path) -> None:
    code, output = run_viz(target, "nope", "-o", str(tmp_path / "x.html"))
    assert code == 1 and "no element 'nope'" in output
    code, output = run_viz(target, "nope", "--view", "sideways", "-o", str(tmp_path / "x.html"))
    assert code == 1 and "view" in output
    assert not (tmp_path / "x.html").exists()


@pytest.mark.browser
@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("svg", b"<svg"), ("pdf", b"%PDF")])
def test_cli_exports_a_picture_and_a_report(target: Target, client: TestClient, tmp_path: Path, fmt: str,
                                            magic: bytes) -> None:
    assert client.post("/api/v1/model", json=read_document_file(DEMO_PATH)).status_code == 200
    out = tmp_path / f"picture.{fmt}"
    code, output = run_viz(target, "pkg-modern-workplace", "--layout", "pillar", "--format", fmt, "-o", str(out))
    assert code == 0, output
    assert out.read_bytes().startswith(magic) and out.stat().st_size > 10_000
    report = tmp_path / f"report.{fmt}"
    code, output = run_viz(target, "pkg-modern-workplace", "--view", "report", "--format", fmt, "-o", str(report))
    if fmt == "svg":  # a picture's own vector drawing; the report is a document
        drawing = ElementTree.parse(out).getroot()
        assert drawing.find(f".//{SVG}image") is None
        names = " ".join(t.text or "" for t in drawing.iter(f"{SVG}text"))
        assert "Modern Workplace" in names and "Clickline" in names
        assert len({e.get("data-id") for e in drawing.iter() if e.get("data-id")}) == 60
        assert code == 1 and "the report is a document" in output and not report.exists()
        return
    assert code == 0 and "one-page report of Modern Workplace" in output, output
    assert report.read_bytes().startswith(magic) and report.stat().st_size > 5_000
