"""One element or relation at a time; list, filter, search and paginate; the schema."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.schema import REL_RULES, ElementType
from tests.model.helpers import el, rel, small_model


def test_get_element_includes_its_direct_relationships(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    body = client.get("/api/v1/elements/S1").json()
    assert body["name"] == "S1" and body["pillar"] == "offering" and body["attributes"] == {"team": "ops", "seats": 40}
    assert {(r["from"], r["type"], r["to"]) for r in body["relations"]} == {
        ("P", "INCLUDES", "S1"), ("S1", "RUNS_ON", "X"), ("S1", "RUNS_ON", "Y"), ("S1", "PROVIDED_BY", "O1")}


def test_unknown_element_is_404(client: TestClient) -> None:
    for call in (client.get, client.delete):
        response = call("/api/v1/elements/nope")
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_put_creates_then_replaces_an_element(client: TestClient) -> None:
    created = client.put("/api/v1/elements/N", json={"type": "System", "name": "New", "availability": 0.9})
    assert created.status_code == 201 and created.json()["availability"] == 0.9
    replaced = client.put("/api/v1/elements/N", json={"type": "System", "name": "Renamed"})
    assert replaced.status_code == 200
    assert replaced.json() == {"id": "N", "type": "System", "name": "Renamed", "lifecycle": "live",
                               "pillar": "technology", "relations": []}


def test_put_refuses_an_id_that_differs_from_the_path(client: TestClient) -> None:
    response = client.put("/api/v1/elements/N", json={"id": "M", "type": "System", "name": "x"})
    assert response.status_code == 400 and "id" in response.json()["error"]["message"]


def test_put_refuses_bad_values_naming_the_field(client: TestClient) -> None:
    response = client.put("/api/v1/elements/N", json={"type": "System", "name": "x", "availability": 2})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "availability"
    assert client.get("/api/v1/elements/N").status_code == 404


def test_delete_element_says_which_relationships_went_with_it(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    body = client.delete("/api/v1/elements/Y").json()
    assert body["deleted"] == "Y"
    assert {(r["from"], r["type"], r["to"]) for r in body["relations_removed"]} == {
        ("S1", "RUNS_ON", "Y"), ("S2", "RUNS_ON", "Y")}
    assert client.get("/api/v1/elements/Y").status_code == 404


def test_post_relation_creates_updates_and_validates(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    created = client.post("/api/v1/relations", json=rel("S2", "PROVIDED_BY", "O3"))
    assert created.status_code == 201
    updated = client.post("/api/v1/relations", json=rel("S2", "PROVIDED_BY", "O3", note="since 2025"))
    assert updated.status_code == 200 and updated.json()["relations"]["updated"] == 1
    refused = client.post("/api/v1/relations", json=rel("S2", "SUPPLIED_BY", "O3"))
    assert refused.status_code == 422 and refused.json()["error"]["details"][0]["field"] == "type"
    dangling = client.post("/api/v1/relations", json=rel("S2", "RUNS_ON", "nowhere"))
    assert dangling.status_code == 422 and dangling.json()["error"]["details"][0]["field"] == "to"


def test_delete_relation_by_body_or_query(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    by_body = client.request("DELETE", "/api/v1/relations", json={"from": "P", "type": "INCLUDES", "to": "S2"})
    assert by_body.status_code == 200
    by_query = client.delete("/api/v1/relations", params={"from": "S2", "type": "RUNS_ON", "to": "Y"})
    assert by_query.status_code == 200
    again = client.delete("/api/v1/relations", params={"from": "S2", "type": "RUNS_ON", "to": "Y"})
    assert again.status_code == 404
    unknown_type = client.delete("/api/v1/relations", params={"from": "S2", "type": "LIKES", "to": "Y"})
    assert unknown_type.status_code == 422 and unknown_type.json()["error"]["details"][0]["field"] == "type"


def test_list_filters_by_type_pillar_and_lifecycle(client: TestClient) -> None:
    doc = small_model()
    doc["elements"].append(el("OLD", "System", lifecycle="retired"))
    client.post("/api/v1/model", json=doc)
    def ids(**q: str) -> set[str]:
        return {e["id"] for e in client.get("/api/v1/elements", params=q).json()["items"]}

    assert ids(type="System") == {"X", "Y", "OLD"}
    assert ids(pillar="ecosystem") == {"O1", "O2", "O3", "C", "R", "A"}
    assert ids(type="System", lifecycle="retired") == {"OLD"}
    bad = client.get("/api/v1/elements", params={"type": "Gizmo"})
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "type"


def test_full_text_search_over_name_and_description(client: TestClient) -> None:
    doc = small_model()
    doc["elements"].append(el("L", "Product", name="Laptop bag", description="Recycled fabric, shoulder strap"))
    client.post("/api/v1/model", json=doc)
    def found(q: str) -> set[str]:
        return {e["id"] for e in client.get("/api/v1/elements", params={"q": q}).json()["items"]}

    assert found("laptop") == {"L"}
    assert found("recycl") == {"L"}  # prefixes match
    assert found("ISO 14001") == {"R"}
    assert found('bag" OR *:*') == set()  # query syntax in the text is taken literally


def test_cursor_pagination_walks_every_element_once(client: TestClient) -> None:
    client.post("/api/v1/model", json=small_model())
    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/elements", params={"limit": 3, **({"cursor": cursor} if cursor else {})}).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 11 and seen == sorted(seen)
    bad = client.get("/api/v1/elements", params={"cursor": "%%%"})
    assert bad.status_code == 400


def test_schema_serves_the_one_vocabulary(client: TestClient) -> None:
    body = client.get("/api/v1/schema").json()
    assert {t["type"] for t in body["element_types"]} == {t.value for t in ElementType}
    rules = {r["type"]: r for r in body["relationships"]}
    assert set(rules) == {t.value for t in REL_RULES}
    assert rules["SUPPLIED_BY"]["dependency"] and not rules["OWNS"]["dependency"]
    assert rules["MASTERED_IN"]["sources"] == ["InformationObject"]
