"""Random supply models loaded into Neo4j: a focal organisation's chain as the API answers it equals
the reference's (tests/analysis/reference.py): buyers, tiers, requirements in force with who
requires them, and every gap with its status, an expiry horizon included."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.analysis.graph import Graph
from app.db.database import Database
from app.model.answers import ImportMode
from app.model.service import WriteBy, import_model
from app.schema import ElementType
from tests.analysis import reference as ref
from tests.analysis.strategies import SUPPLY_AS_OF, supply_models
from tests.analysis_db.documents import graph_document


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(graph=supply_models(), data=st.data())
def test_the_api_answers_a_focal_organisations_chain_as_the_reference(
        client: TestClient, db: Database, graph: Graph, data: st.DataObject) -> None:
    import_model(db=db, document=graph_document(graph), mode=ImportMode.REPLACE, by=WriteBy("test"))
    org = data.draw(st.sampled_from(sorted(i for i, n in graph.nodes.items() if n.type == ElementType.ORGANIZATION)))
    response = client.get(f"/api/v1/organizations/{org}/supply-chain?as_of={SUPPLY_AS_OF}&expiring_within=60d")
    assert response.status_code == 200, response.text
    answer = response.json()
    tiers = ref.tiers_from_organization(graph, org)
    required = ref.requirements_for_organization(graph, org)
    assert set(answer["buyers"]) == ref.buyers(graph, org)[0]
    assert {o["id"]: o["tier"] for t in answer["tiers"] for o in t["organizations"]} == tiers
    assert {r["id"]: set(r["required_by"]) for r in answer["requirements"]} == required
    end = (date.fromisoformat(SUPPLY_AS_OF) + timedelta(days=60)).isoformat()
    expected = {(o, r): ref.status_of(graph, o, r, SUPPLY_AS_OF, end) for o in tiers for r in required
                if graph.nodes[r].props.get("category") != "functional"}
    assert {(g["organization"], g["requirement"]): g["status"] for g in answer["gaps"]} == \
        {key: status for key, status in expected.items() if status != "compliant"}
