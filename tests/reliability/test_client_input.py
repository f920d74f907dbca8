"""Client input that used to reach a 500 or be stored wrongly: each is now a clear 4xx, and nothing is written."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from tests.model.helpers import as_sets, export, small_model

YAML = {"Content-Type": "application/yaml"}
JSON_TYPE = {"Content-Type": "application/json"}


def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize("levels", [1_000, 100_000])
def test_deep_nesting_is_a_400_not_a_500(client: TestClient, levels: int) -> None:
    bodies = [(JSON_TYPE, '{"elements": ' + _deep(levels) + "}"),
              (YAML, "elements: " + _deep(levels)),
              (JSON_TYPE, '{"elements": [{"id": "a", "type": "System", "name": "a", "attributes": '
                          + '{"x": ' * 50 + "1" + "}" * 50 + "}]}")]
    for headers, body in bodies:
        response = client.post("/api/v1/model", content=body.encode(), headers=headers)
        assert response.status_code in (400, 422), (headers, response.status_code, response.text[:200])
    for url, method in (("/api/v1/elements/n", "PUT"), ("/api/v1/relations", "POST"), ("/api/v1/impact", "POST")):
        response = client.request(method, url, content=_deep(levels).encode(), headers=JSON_TYPE)
        assert response.status_code in (400, 422), (url, response.status_code)


def test_a_lone_surrogate_is_refused_and_its_error_is_valid_json(client: TestClient) -> None:
    body = '{"elements": [{"id": "sur\\ud800", "type": "System", "name": "n\\udfff"}]}'
    response = client.post("/api/v1/model", content=body.encode(), headers=JSON_TYPE)
    assert response.status_code == 422
    json.loads(response.content.decode("utf-8"))  # strict UTF-8 and JSON
    assert response.json()["error"]["details"][0]["field"] in ("id", "name")
    put = client.put("/api/v1/elements/n", content=b'{"type": "System", "name": "x\\ud800"}', headers=JSON_TYPE)
    assert put.status_code == 422


@pytest.mark.parametrize("value", ["1180591620717411303424", "-9223372036854775809", "NaN", "Infinity", "-Infinity",
                                   "1e400"])
def test_numbers_neo4j_cannot_hold_or_json_cannot_say_are_a_422(client: TestClient, value: str) -> None:
    client.post("/api/v1/model", json=small_model())
    before = as_sets(export(client))
    element = client.put("/api/v1/elements/n", content=f'{{"type": "System", "name": "n", "weight": {value}}}'.encode(),
                         headers=JSON_TYPE)
    assert element.status_code == 422 and element.json()["error"]["details"][0]["field"] == "weight", element.text
    attribute = client.put("/api/v1/elements/n", headers=JSON_TYPE,
                           content=f'{{"type": "System", "name": "n", "attributes": {{"w": {value}}}}}'.encode())
    assert attribute.status_code == 422, attribute.text
    relation = client.post("/api/v1/relations", headers=JSON_TYPE,
                           content=f'{{"from": "S2", "type": "RUNS_ON", "to": "Y", "weight": {value}}}'.encode())
    assert relation.status_code == 422, relation.text
    target = client.put("/api/v1/elements/A", headers=JSON_TYPE, content=(
        f'{{"type": "Agreement", "name": "A", "targets": {{"response_time_h": {value}}}}}').encode())
    assert target.status_code == 422, target.text
    yaml_nan = client.put("/api/v1/elements/n", content=b"type: System\nname: n\nweight: .nan\n", headers=YAML)
    assert yaml_nan.status_code in (415, 422)  # PUT takes JSON only; the import below takes YAML
    imported = client.post("/api/v1/model", content=b"elements:\n- {id: n, type: System, name: n, weight: .inf}\n",
                           headers=YAML)
    assert imported.status_code == 422
    assert as_sets(export(client)) == before
    assert "NaN" not in client.get("/api/v1/model").text


@pytest.mark.parametrize("bad_id", ["a/b", "tab\there", "c1\u0085x", "bidi\u202eevil", "iso\u2066x", "del\x7f"])
def test_ids_outside_the_alphabet_are_a_422(client: TestClient, bad_id: str) -> None:
    response = client.post("/api/v1/model", json={"elements": [{"id": bad_id, "type": "System", "name": "x"}]})
    assert response.status_code == 422 and response.json()["error"]["details"][0]["field"] == "id", bad_id


def test_a_trailing_slash_is_no_other_element(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    before = client.get("/api/v1/elements/S1").json()
    response = client.put("/api/v1/elements/S1%2F", json={"type": "Service", "name": "overwritten"},
                          follow_redirects=False)
    assert response.status_code == 404 and "location" not in response.headers
    assert client.get("/api/v1/elements/S1/", follow_redirects=False).status_code == 404
    assert client.get("/api/v1/elements/S1").json() == before


def test_unknown_query_parameters_are_a_400_naming_them(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    response = client.get("/api/v1/elements/P/dependencies?max_depht=3")
    assert response.status_code == 400
    assert response.json()["error"]["details"] == [{"field": "max_depht", "reason": "unknown query parameter"}]
    assert client.get("/api/v1/elements/P/dependencies?max_depth=3").status_code == 200
    assert client.get("/health?verbose=1").status_code == 400


def test_a_parameter_taking_one_value_given_twice_is_refused(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    before = client.get("/api/v1/model").json()
    # read as the last value it would replace the model: refused, nothing written
    response = client.post("/api/v1/model?mode=merge&mode=replace", json={"elements": []})
    assert response.status_code == 400
    assert response.json()["error"]["details"] == [{"field": "mode", "reason": "given more than once"}]
    assert client.get("/api/v1/model").json() == before
    assert client.get("/api/v1/elements/P/dependencies?max_depth=1&max_depth=3").status_code == 400
    # parameters that take a list may repeat
    assert client.get("/viz/elements/P?view=impact&failed=X&failed=Y").status_code == 200


def test_the_schema_says_the_id_alphabet_and_the_numbers(client: TestClient) -> None:
    schema = client.get("/api/v1/schema").json()
    assert "slash" in schema["id_alphabet"] and "U+202A" in schema["id_alphabet"]
    assert "64 bits" in schema["numbers"] and "NaN" in schema["numbers"]
