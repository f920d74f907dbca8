"""`sigraph load` and `sigraph export` on the test database (the same import and export as the API)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from tests.model.helpers import as_sets, export, small_model
from tests.neo4j_target import Target


def _run(target: Target, *args: str) -> tuple[int, str]:
    env = {"NEO4J_URI": target.uri, "NEO4J_USER": target.user, "NEO4J_PASSWORD": target.password,
           "NEO4J_DATABASE": "neo4j", "SIGRAPH_ENV": "development"}
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.output


def test_load_a_yaml_file_then_export_it_back(target: Target, client: TestClient, tmp_path: Path) -> None:
    source = tmp_path / "model.yaml"
    source.write_text(yaml.safe_dump(small_model()), encoding="utf-8")
    code, output = _run(target, "load", str(source))
    assert code == 0, output
    report = next(line for line in output.splitlines() if line.startswith("{"))
    assert json.loads(report)["elements"]["created"] == 11
    out = tmp_path / "export.json"
    code, output = _run(target, "export", "-o", str(out))
    assert code == 0, output
    assert as_sets(json.loads(out.read_text(encoding="utf-8"))) == as_sets(export(client))


def test_load_refuses_an_invalid_file_naming_the_item(target: Target, client: TestClient, tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text(json.dumps({"elements": [{"id": "N", "type": "Gadget", "name": "n"}]}), encoding="utf-8")
    code, output = _run(target, "load", str(source))
    assert code == 1 and "elements[0].type" in output
    assert export(client) == {"elements": [], "relations": []}


def test_load_replace_makes_the_model_the_file(target: Target, client: TestClient, tmp_path: Path) -> None:
    client.post("/api/v1/model", json=small_model())
    source = tmp_path / "one.json"
    source.write_text(json.dumps({"elements": [{"id": "Z", "type": "System", "name": "z"}]}), encoding="utf-8")
    code, output = _run(target, "load", "--replace", str(source))
    assert code == 0, output
    assert [e["id"] for e in export(client)["elements"]] == ["Z"]
