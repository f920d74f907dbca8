"""The shipped demo model: realistic in size and shape, and importing it twice changes nothing."""

from __future__ import annotations

from collections import Counter

from fastapi.testclient import TestClient

from app.analysis.graph import Edge, Graph, Node
from app.analysis.traversal import strongly_connected
from app.db.database import Database
from app.model.codec import read_document_file
from app.model.demo import DEMO_PATH, load_demo_if_empty
from app.schema import PILLAR_OF, ElementType, Pillar, RelType
from tests.model.helpers import as_sets, export


def test_demo_imports_whole_and_a_second_import_changes_nothing(client: TestClient) -> None:
    document = read_document_file(DEMO_PATH)
    first = client.post("/api/v1/model", json=document).json()
    assert first["elements"]["created"] == len(document["elements"]) >= 60
    assert first["relations"]["created"] == len(document["relations"]) >= 120
    before = as_sets(export(client))
    second = client.post("/api/v1/model", json=document).json()
    assert second["elements"]["created"] == second["elements"]["updated"] == 0
    assert second["relations"]["created"] == second["relations"]["updated"] == 0
    assert as_sets(export(client)) == before


def test_demo_covers_the_five_pillars_groups_lifecycles_and_a_cycle() -> None:
    document = read_document_file(DEMO_PATH)
    pillars = Counter(PILLAR_OF[ElementType(e["type"])] for e in document["elements"])
    assert set(pillars) == set(Pillar)
    assert {e.get("lifecycle", "live") for e in document["elements"]
            if e["type"] == "ServicePackage"} == {"pipeline", "live", "retired"}
    assert any("min_up" in r and "redundancy_group" in r for r in document["relations"])
    assert {r["type"] for r in document["relations"]} >= {"ATTESTS", "COVERS", "INTERACTS_WITH", "SUPPLIED_BY"}
    graph = Graph([Node(e["id"], ElementType(e["type"]), e["name"], PILLAR_OF[ElementType(e["type"])])
                   for e in document["elements"]],
                  [Edge(r["from"], RelType(r["type"]), r["to"]) for r in document["relations"]])
    components = strongly_connected(list(graph.nodes), lambda v: [e.target for e in graph.dependencies_of(v)])
    assert any(len(component) > 1 for component in components)


def test_demo_is_loaded_only_into_an_empty_model(db: Database) -> None:
    assert load_demo_if_empty(db) is not None
    assert load_demo_if_empty(db) is None
