"""Models out, and back in: every format's export of the demo imports to the same model; the
ArchiMate export is valid against The Open Group's schema."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from app.model.codec import read_document_file
from app.model.demo import DEMO_PATH
from tests.formats.helpers import ARCHISURANCE, schema_errors
from tests.model.helpers import as_sets, export, small_model

XML = {"Content-Type": "application/xml"}
ZIP = {"Content-Type": "application/zip"}
NOTHING = {"created": 0, "updated": 0, "deleted": 0}


def _changes(report: dict[str, Any]) -> dict[str, dict[str, int]]:
    return {part: {k: report[part][k] for k in NOTHING} for part in ("elements", "relations")}


@pytest.mark.parametrize("fmt, media", [("archimate", XML), ("archi-csv", ZIP)])
def test_the_demo_round_trips(client: TestClient, fmt: str, media: dict[str, str]) -> None:
    client.post("/api/v1/model", json=read_document_file(DEMO_PATH))
    before = as_sets(export(client))
    exported = client.get(f"/api/v1/model?format={fmt}")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith(media["Content-Type"])
    again = client.post(f"/api/v1/model?format={fmt}", content=exported.content, headers=media)
    assert again.status_code == 200, again.text
    assert _changes(again.json()) == {"elements": NOTHING, "relations": NOTHING}
    assert again.json()["skipped"] == []
    # and into an empty model: the same model again
    client.post("/api/v1/model?mode=replace", json={"elements": []})
    assert client.post(f"/api/v1/model?format={fmt}", content=exported.content, headers=media).status_code == 200
    assert as_sets(export(client)) == before


@pytest.mark.parametrize("fmt, media", [("archimate", XML), ("archi-csv", ZIP)])
def test_names_with_spaces_around_them_come_back_as_written(client: TestClient, fmt: str,
                                                             media: dict[str, str]) -> None:
    client.post("/api/v1/model?mode=replace", json={"elements": [
        {"id": "spaced", "type": "System", "name": "  spaced  "},
        {"id": "inner", "type": "System", "name": "two  spaces inside"}]})
    before = as_sets(export(client))
    exported = client.get(f"/api/v1/model?format={fmt}")
    again = client.post(f"/api/v1/model?format={fmt}", content=exported.content, headers=media)
    assert again.status_code == 200 and _changes(again.json()) == {"elements": NOTHING, "relations": NOTHING}
    assert as_sets(export(client)) == before


def test_the_archimate_export_is_valid_against_the_open_groups_schema(client: TestClient) -> None:
    client.post("/api/v1/model", json=read_document_file(DEMO_PATH))
    odd = {"elements": [{"id": "1 odd:id", "type": "System", "name": "Odd <&> \"name\"",
                         "attributes": {"kind": "x", "n": 2, "flag": True}, "owner_team": "ops"}]}
    client.post("/api/v1/model", json=odd)
    document = client.get("/api/v1/model?format=archimate").content
    assert schema_errors(document) == []
    root = etree.fromstring(document)
    ns = {"a": "http://www.opengroup.org/xsd/archimate/3.0/"}
    assert len(root.findall("a:elements/a:element", ns)) == len(export(client)["elements"])
    # an id that is no XML identifier travels as a property, and comes back
    again = client.post("/api/v1/model?format=archimate", content=document, headers=XML).json()
    assert _changes(again) == {"elements": NOTHING, "relations": NOTHING}


def test_archisurance_exports_valid_and_its_export_changes_nothing(client: TestClient) -> None:
    assert client.post("/api/v1/model?format=archi", content=ARCHISURANCE.read_bytes(), headers=XML).status_code == 200
    document = client.get("/api/v1/model?format=archimate").content
    assert schema_errors(document) == []
    again = client.post("/api/v1/model?format=archimate", content=document, headers=XML).json()
    assert _changes(again) == {"elements": NOTHING, "relations": NOTHING} and again["skipped"] == []


def test_archi_csv_is_three_files_as_archi_writes_them(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    with zipfile.ZipFile(io.BytesIO(client.get("/api/v1/model?format=archi-csv").content)) as archive:
        assert sorted(archive.namelist()) == ["elements.csv", "properties.csv", "relations.csv"]
        elements = archive.read("elements.csv").decode("utf-8")
        relations = archive.read("relations.csv").decode("utf-8")
    assert elements.startswith('"ID","Type","Name","Documentation","Specialization"\r\n')
    assert '"sigraph-model","ArchimateModel"' in elements and '"S1","BusinessService","S1"' in elements
    assert relations.startswith('"ID","Type","Name","Documentation","Source","Target","Specialization"\r\n')
    assert '"AggregationRelationship"' in relations


def test_graphml_has_the_nodes_and_edges_with_their_types(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    response = client.get("/api/v1/model?format=graphml")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/graphml+xml")
    root = etree.fromstring(response.content)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = {n.get("id"): {d.get("key"): d.text for d in n.findall("g:data", ns)}
             for n in root.findall("g:graph/g:node", ns)}
    assert nodes["S1"] == {"label": "S1", "name": "S1", "type": "Service", "pillar": "offering"}
    edges = {(e.get("source"), e.findtext("g:data", namespaces=ns), e.get("target"))
             for e in root.findall("g:graph/g:edge", ns)}
    assert ("P", "INCLUDES", "S1") in edges and len(edges) == len(small_model()["relations"])


def test_a_partner_exports_only_its_scope_in_every_format(client: TestClient, session_db: Any) -> None:
    from app.access.roles import Role
    from tests.conftest import bearer, new_token

    client.post("/api/v1/model", json=small_model())
    partner = bearer(new_token(session_db, Role.READER, organization="O1"))
    for fmt in ("archimate", "archi-csv", "graphml"):
        body = client.get(f"/api/v1/model?format={fmt}", headers=partner).content
        if fmt == "archi-csv":
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                body = b"".join(archive.read(n) for n in archive.namelist())
        assert b"S1" in body and b'"S2"' not in body and b">S2<" not in body and b"O2" in body, fmt
