"""Every invalid document answers 422 naming the item and field, and writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.model.helpers import as_sets, el, export, rel, small_model


def _doc(elements: list[dict[str, Any]] | None = None, relations: list[dict[str, Any]] | None = None
         ) -> dict[str, Any]:
    return {"elements": elements or [], "relations": relations or []}


CASES: list[tuple[str, dict[str, Any], tuple[str, int | None, str], str]] = [
    ("unknown element type", _doc([el("N", "Gadget")]), ("elements", 0, "type"), "unknown element type"),
    ("unknown relationship type", _doc(relations=[rel("P", "FEEDS", "S1")]), ("relations", 0, "type"),
     "unknown relation type"),
    ("forbidden type pair", _doc(relations=[rel("X", "INCLUDES", "S1")]), ("relations", 0, "type"),
     "INCLUDES cannot go from System to Service"),
    ("relation to a missing id", _doc(relations=[rel("P", "INCLUDES", "ghost")]), ("relations", 0, "to"),
     "no element 'ghost'"),
    ("duplicate ids", _doc([el("N1", "System"), el("N1", "System")]), ("elements", 1, "id"), "duplicate id"),
    ("second MASTERED_IN in the document",
     _doc([el("I", "InformationObject")], [rel("I", "MASTERED_IN", "X"), rel("I", "MASTERED_IN", "Y")]),
     ("relations", 1, "type"), "at most one"),
    ("service_level above 4", _doc([el("N", "Service", service_level=5)]), ("elements", 0, "service_level"),
     "less than or equal to 4"),
    ("service_level not a whole number", _doc([el("N", "Service", service_level=2.5)]),
     ("elements", 0, "service_level"), "integer"),
    ("availability above 1", _doc([el("N", "System", availability=1.2)]), ("elements", 0, "availability"),
     "less than or equal to 1"),
    ("xla_score below 1", _doc([el("N", "Service", xla_score=0)]), ("elements", 0, "xla_score"),
     "greater than or equal to 1"),
    ("target satisfaction above 5", _doc([el("N", "Agreement", targets={"satisfaction": 6})]),
     ("elements", 0, "targets.satisfaction"), "less than or equal to 5"),
    ("unknown target key", _doc([el("N", "Agreement", targets={"uptime": 1})]),
     ("elements", 0, "targets.uptime"), "Extra inputs"),
    ("bad date", _doc(relations=[rel("O3", "ATTESTS", "R", status="compliant", valid_until="2027-13-01")]),
     ("relations", 0, "valid_until"), "date"),
    ("bad attestation status", _doc(relations=[rel("O3", "ATTESTS", "R", status="fine")]),
     ("relations", 0, "status"), "compliant"),
    ("inconsistent min_up in a group",
     _doc(relations=[rel("S2", "RUNS_ON", "X", redundancy_group="g", min_up=1),
                     rel("S2", "RUNS_ON", "Y", redundancy_group="g", min_up=2)]),
     ("relations", 1, "min_up"), "different min_up"),
    ("min_up above the group size",
     _doc(relations=[rel("S2", "RUNS_ON", "X", redundancy_group="g", min_up=3),
                     rel("S2", "RUNS_ON", "Y", redundancy_group="g", min_up=3)]),
     ("relations", 1, "min_up"), "between 1 and the group's size"),
    ("min_up share of zero", _doc(relations=[rel("S2", "RUNS_ON", "X", redundancy_group="g", min_up="0%")]),
     ("relations", 0, "min_up"), "share"),
    ("min_up without a group", _doc(relations=[rel("S2", "RUNS_ON", "X", min_up=1)]),
     ("relations", 0, "min_up"), "redundancy_group"),
    ("id too long", _doc([el("x" * 201, "System")]), ("elements", 0, "id"), "at most 200"),
    ("control character in a name", _doc([el("N", "System", name="bad\x07name")]), ("elements", 0, "name"),
     "control characters"),
    ("control character in an id", _doc([el("N\n2", "System")]), ("elements", 0, "id"), "control characters"),
    ("pillar that contradicts the type", _doc([el("N", "System", pillar="offering")]),
     ("elements", 0, "pillar"), "technology"),
    ("kind outside the organisation kinds", _doc([el("N", "Organization", kind="vendor")]),
     ("elements", 0, "kind"), "internal"),
    ("lifecycle outside the three", _doc([el("N", "System", lifecycle="beta")]), ("elements", 0, "lifecycle"),
     "pipeline"),
    ("missing name", _doc([{"id": "N", "type": "System"}]), ("elements", 0, "name"), "required"),
    # Neo4j stores arrays of one kind only: a mixed list would fail in the database, not here.
    ("free property list of mixed kinds", _doc([el("N", "System", codes=[1, "a"])]), ("elements", 0, "codes"),
     "of one kind"),
    ("free property list of booleans and numbers", _doc([el("N", "System", flags=[True, 1])]),
     ("elements", 0, "flags"), "of one kind"),
    ("unknown top-level key", {"elements": [], "nodes": []}, ("document", None, "nodes"), "unknown key"),
    # named as the client wrote it, not with the validator's names for the members of a union
    ("attribute past a 64-bit integer", _doc([el("N", "System", attributes={"n": 2**70})]),
     ("elements", 0, "attributes.n"), ""),
]


@pytest.mark.parametrize(("case", "document", "where", "reason"), CASES, ids=[c[0] for c in CASES])
def test_invalid_document_is_refused_whole(client: TestClient, case: str, document: dict[str, Any],
                                           where: tuple[str, int | None, str], reason: str) -> None:
    client.post("/api/v1/model", json=small_model())
    before = as_sets(export(client))
    # A valid item travels with the bad one: it must not be written either.
    document = {**document, "elements": [*document.get("elements", []), el("innocent", "System")]}
    response = client.post("/api/v1/model", json=document)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    found = [(d["section"], d["index"], d["field"]) for d in error["details"]]
    assert where in found, error
    detail = error["details"][found.index(where)]
    assert reason in detail["reason"], detail
    assert as_sets(export(client)) == before


def test_second_mastered_in_against_the_database_is_refused(client: TestClient) -> None:
    client.post("/api/v1/model", json={**small_model(),
                                       "elements": [*small_model()["elements"], el("I", "InformationObject")],
                                       "relations": [*small_model()["relations"], rel("I", "MASTERED_IN", "X")]})
    response = client.post("/api/v1/model", json=_doc(relations=[rel("I", "MASTERED_IN", "Y")]))
    assert response.status_code == 422
    assert "at most one" in response.json()["error"]["details"][0]["reason"]


def test_group_extended_in_a_later_import_must_keep_min_up(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    extra = {"elements": [el("W", "System")],
             "relations": [rel("S1", "RUNS_ON", "W", redundancy_group="dc", min_up=2)]}
    response = client.post("/api/v1/model", json=extra)
    assert response.status_code == 422 and response.json()["error"]["details"][0]["field"] == "min_up"


def test_share_min_up_is_rounded_up_to_whole_members(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    doc = _doc([el("W", "System")], [rel("S2", "RUNS_ON", m, redundancy_group="h", min_up="50%")
                                     for m in ("X", "Y", "W")])
    assert client.post("/api/v1/model", json=doc).status_code == 200


def test_all_problems_are_reported_at_once(client: TestClient) -> None:
    document = _doc([el("N", "Gadget"), el("M", "System", availability=3), el("V", "System")],
                    [rel("V", "RUNS_ON", "nowhere"), rel("V", "RUNS_ON", "M")])
    details = client.post("/api/v1/model", json=document).json()["error"]["details"]
    # The relation to the invalid M is not called dangling: M's own problem is reported.
    assert {(d["section"], d["index"], d["field"]) for d in details} == {
        ("elements", 0, "type"), ("elements", 1, "availability"), ("relations", 0, "to")}
