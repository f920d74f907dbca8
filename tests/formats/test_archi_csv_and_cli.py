"""Archi's CSV files as Archi writes them, bounded zips, and the formats from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from app.formats.archi_csv import write_zip
from tests.formats.helpers import ARCHI_CSV, ARCHISURANCE, schema_errors
from tests.model.helpers import as_sets, export, small_model
from tests.neo4j_target import Target

ZIP = {"Content-Type": "application/zip"}


def _archi_test1() -> dict[str, bytes]:
    return {f"exports/{p.name}": p.read_bytes() for p in sorted(ARCHI_CSV.glob("test1-*.csv"))}


def test_csv_files_written_by_archi_import(client: TestClient) -> None:
    report = client.post("/api/v1/model?format=archi-csv", content=write_zip(_archi_test1()), headers=ZIP)
    assert report.status_code == 200, report.text
    actor = client.get("/api/v1/elements/f00aa5b4").json()
    assert actor["type"] == "Organization" and actor["name"] == "Business Actor"
    assert actor["description"] == 'This is the Business Actor\nDocumentation\nHere ""\n'
    assert actor["attributes"] == {"Property_1": "A new value", "Property_2": "Another one \"here\"",
                                   "Property_3": "Again"}  # a repeated key: the last value
    assert {s["type"] for s in report.json()["skipped"]} >= {"BusinessInterface"}


def test_a_zip_that_unpacks_past_the_limit_is_413(client: TestClient) -> None:
    bomb = write_zip({"elements.csv": b'"ID","Type","Name","Documentation","Specialization"\r\n' + b" " * 300_000_000})
    assert len(bomb) < 1_000_000
    response = client.post("/api/v1/model?format=archi-csv", content=bomb, headers=ZIP)
    assert response.status_code == 413 and "unpack" in response.json()["error"]["message"]


def test_bad_csv_is_a_422_naming_the_file(client: TestClient) -> None:
    cases = {
        "no elements file": (write_zip({"relations.csv": b'"ID","Type"'}), "elements.csv"),
        "not a zip": (b"PK\x03\x04 nothing", "not a zip"),
        "wrong header": (write_zip({"elements.csv": b'"Name","Type"\r\n"a","b"'}), "header"),
    }
    client.post("/api/v1/model", json=small_model())
    before = as_sets(export(client))
    for what, (body, says) in cases.items():
        response = client.post("/api/v1/model?format=archi-csv&mode=replace", content=body, headers=ZIP)
        assert response.status_code == 422 and says in response.json()["error"]["message"], (what, response.text)
    assert as_sets(export(client)) == before


def _run(target: Target, *args: str) -> tuple[int, str, str]:
    env = {"NEO4J_URI": target.uri, "NEO4J_USER": target.user, "NEO4J_PASSWORD": target.password,
           "NEO4J_DATABASE": "neo4j", "SIGRAPH_ENV": "development"}
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_load_and_export_in_every_format_from_the_command_line(target: Target, client: TestClient,
                                                                tmp_path: Path) -> None:
    code, out, err = _run(target, "load", str(ARCHISURANCE))  # Archi's own file
    assert code == 0, err
    assert json.loads(out.splitlines()[-1])["elements"]["created"] >= 100 and "skipped" in err
    model = as_sets(export(client))
    exchange, folder, graph = tmp_path / "model.xml", tmp_path / "csv", tmp_path / "model.graphml"
    for fmt, path in (("archimate", exchange), ("archi-csv", folder), ("graphml", graph)):
        code, _, err = _run(target, "export", "--format", fmt, "-o", str(path))
        assert code == 0, err
    assert schema_errors(exchange.read_bytes()) == []
    assert sorted(p.name for p in folder.iterdir()) == ["elements.csv", "properties.csv", "relations.csv"]
    assert b"<graphml" in graph.read_bytes()
    for source in (exchange, folder):  # the format from the file: .xml, a folder of CSV files
        client.post("/api/v1/model?mode=replace", json={"elements": []})
        code, out, err = _run(target, "load", str(source))
        assert code == 0, err
        assert as_sets(export(client)) == model, source
    code, _, err = _run(target, "export", "--format", "archi-csv")
    assert code == 1 and "folder" in err


def test_a_zip_member_that_cannot_be_unpacked_is_a_422(client: TestClient) -> None:
    good = write_zip({"elements.csv": b'"ID","Type","Name","Documentation","Specialization"\r\n"a","Node","A","",""'})
    data_at = good.index(b"elements.csv") + len(b"elements.csv")  # the member's data follows its local header name
    corrupt = good[:data_at + 2] + bytes([good[data_at + 2] ^ 0xFF]) + good[data_at + 3:]
    response = client.post("/api/v1/model?format=archi-csv", content=corrupt, headers=ZIP)
    assert response.status_code == 422 and "cannot unpack" in response.json()["error"]["message"], response.text
