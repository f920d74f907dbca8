"""The picture routes as HTTP: errors in the API's JSON shape, parameters, the node limit, no outside URLs."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.api.app import create_app
from app.db.database import Database
from app.schema import ElementType, Pillar
from tests.conftest import settings_for
from tests.model.helpers import small_model
from tests.neo4j_target import Target
from viz.style import PILLAR_COLOURS, TYPE_SHAPES

OUTSIDE = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)


@pytest.fixture
def loaded(client: TestClient) -> TestClient:
    assert client.post("/api/v1/model", json=small_model()).status_code == 200
    return client


def test_picture_of_unknown_element_is_the_json_404(loaded: TestClient) -> None:
    response = loaded.get("/viz/elements/nope?view=dependencies")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found" and "nope" in response.json()["error"]["message"]


def test_picture_refuses_an_unknown_view(loaded: TestClient) -> None:
    response = loaded.get("/viz/elements/P?view=sideways")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input" and error["details"][0]["field"] == "view"


def test_picture_refuses_a_depth_past_the_bound(loaded: TestClient) -> None:
    response = loaded.get("/viz/elements/P?view=dependencies&max_depth=0")
    assert response.status_code == 400 and response.json()["error"]["details"][0]["field"] == "max_depth"


def test_impact_picture_of_unknown_failed_element_is_404(loaded: TestClient) -> None:
    response = loaded.get("/viz/elements/P?view=impact&failed=ghost")
    assert response.status_code == 404 and "ghost" in response.json()["error"]["message"]


@pytest.mark.parametrize("view", ["dependencies", "supply-chain"])
def test_failed_is_refused_outside_the_impact_view(loaded: TestClient, view: str) -> None:
    response = loaded.get(f"/viz/elements/P?view={view}&failed=X")  # never silently ignored
    assert response.status_code == 400 and response.json()["error"]["details"][0]["field"] == "failed"


def test_failed_ids_repeat_or_are_comma_separated(loaded: TestClient) -> None:
    repeated = loaded.get("/viz/elements/P?view=impact&failed=X&failed=Y")
    commas = loaded.get("/viz/elements/P?view=impact&failed=X,Y")
    assert repeated.status_code == commas.status_code == 200
    assert "What fails with X, Y" in repeated.text and "What fails with X, Y" in commas.text


def test_pages_fetch_nothing_from_outside(loaded: TestClient) -> None:
    for address in ("/", "/viz", "/viz/elements/P?view=dependencies", "/viz/elements/P?view=impact",
                    "/viz/elements/P?view=supply-chain"):
        response = loaded.get(address)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        assert not OUTSIDE.search(response.text), address
    page = loaded.get("/viz/elements/P").text
    assert "vis.Network" in page and "<script src" not in page  # vis-network inlined, not linked


def test_names_from_the_model_are_escaped(client: TestClient) -> None:
    document = {"elements": [{"id": "evil", "type": "Service", "name": "</script><script>alert(1)</script>"}],
                "relations": []}
    assert client.post("/api/v1/model", json=document).status_code == 200
    for address in ("/", "/viz/elements/evil"):
        assert "<script>alert(1)" not in client.get(address).text


def test_start_page_of_an_empty_model_says_how_to_load_one(client: TestClient) -> None:
    page = client.get("/").text
    assert 'id="empty"' in page and "/docs" in page


@pytest.fixture
def small_limit_client(target: Target, db: Database, admin_headers: dict[str, str]) -> Iterator[TestClient]:
    with TestClient(create_app(settings_for(target, viz_node_limit=4)), headers=admin_headers) as c:
        yield c


def test_picture_past_the_node_limit_says_what_it_left_out(small_limit_client: TestClient) -> None:
    assert small_limit_client.post("/api/v1/model", json=small_model()).status_code == 200
    page = small_limit_client.get("/viz/elements/P?view=dependencies").text
    # P, then depth 1 (S1, S2), then the first of depth 2 by id (O1): X, Y, O2, O3 are left out.
    assert 'data-left-out="4"' in page
    assert "Showing the nearest 4 of 8 elements: 4 farther ones (depth 2 and beyond) are left out" in page


def test_every_pillar_and_type_of_the_schema_has_its_look() -> None:
    assert set(PILLAR_COLOURS) == set(Pillar) and len(set(PILLAR_COLOURS.values())) == len(Pillar)
    assert set(TYPE_SHAPES) == set(ElementType) and len(set(TYPE_SHAPES.values())) == len(ElementType)
