"""A partner key on the demo model: its own chain, context packages by name only, nothing of its siblings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.access.roles import Role
from app.db.database import Database
from app.model.codec import read_document_file
from app.model.demo import DEMO_PATH
from tests.access.partner_reference import Names, reads, unknown_answer, visible_to
from tests.conftest import bearer, new_token

DEMO = read_document_file(DEMO_PATH)
ORGANIZATIONS = {e["id"] for e in DEMO["elements"] if e["type"] == "Organization"}
NAMES = Names(e["id"] for e in DEMO["elements"])


@pytest.fixture
def demo(service: Callable[..., Any], headers: dict[Role, dict[str, str]]) -> Iterator[TestClient]:
    with service(auth="required") as client:
        assert client.post("/api/v1/model", json=DEMO, headers=headers[Role.EDITOR]).status_code == 200
        yield client


def _partner(db: Database, org: str) -> dict[str, str]:
    return bearer(new_token(db, Role.READER, organization=org, prefix="demo-partner"))


def test_lapto_sees_its_chain_and_its_packages_by_name(demo: TestClient, db: Database) -> None:
    lapto = _partner(db, "org-lapto")
    ids = {e["id"] for e in demo.get("/api/v1/elements?limit=1000", headers=lapto).json()["items"]}
    assert {"org-lapto", "prod-laptop", "prod-workstation", "org-shenfa-assembly", "org-voltaris-cells",
            "uc-lapto", "pkg-modern-workplace"} <= ids
    assert not ids & {"org-fieldforce", "org-clickline", "uc-fieldforce", "org-cust-hansa", "sla-hansa",
                      "svc-service-desk"}
    package = demo.get("/api/v1/elements/pkg-modern-workplace", headers=lapto).json()
    assert set(package) == {"id", "type", "name", "relations"}
    # its buyer, as context: who requires what of it (a gap's `required_by`), nothing more
    buyer = demo.get("/api/v1/elements/org-northwind", headers=lapto).json()
    assert set(buyer) == {"id", "type", "name", "relations"}
    assert {r["to"] for r in package["relations"] if r["from"] == "pkg-modern-workplace"} == {
        "prod-laptop", "prod-workstation"}
    laptop = demo.get("/api/v1/elements/prod-laptop", headers=lapto).json()
    assert laptop["attributes"] == {"sku": "LPB14-G5", "warranty_years": 4}  # its own elements in full


def test_an_id_out_of_scope_answers_like_an_unknown_one(demo: TestClient, db: Database) -> None:
    lapto = _partner(db, "org-lapto")
    unknown = unknown_answer(demo, lapto, "no-such-element")
    assert unknown[0] == 404
    for hidden in ("org-fieldforce", "uc-fieldforce", "org-cust-hansa", "sys-dc-north", "org-anatolia-weave"):
        assert unknown_answer(demo, lapto, hidden) == unknown
        for path in ("dependencies", "impact", "single-points-of-failure", "weakest-link", "supply-chain"):
            assert demo.get(f"/api/v1/elements/{hidden}/{path}", headers=lapto).status_code == 404
        assert demo.get(f"/viz/elements/{hidden}", headers=lapto).status_code == 404
    gone = demo.get("/api/v1/elements/no-such-element/impact", headers=lapto).json()["error"]
    assert gone["message"] == "no element 'no-such-element'" and gone["details"] == []  # the path's id, no `failed`
    both = demo.post("/api/v1/impact", json={"failed": ["org-fieldforce", "nope"]}, headers=lapto)
    alone = demo.post("/api/v1/impact", json={"failed": ["nope", "zzz-nope"]}, headers=lapto)
    assert both.status_code == alone.status_code == 404
    assert len(both.json()["error"]["details"]) == len(alone.json()["error"]["details"]) == 2


def test_impact_for_a_partner_is_true_and_names_only_its_scope(demo: TestClient, db: Database) -> None:
    lapto = _partner(db, "org-lapto")
    answer = demo.get("/api/v1/elements/org-lapto/impact", headers=lapto).json()
    by_id = {a["id"]: a for a in answer["affected"]}
    assert by_id["pkg-modern-workplace"]["state"] == "down"  # computed on the whole model
    assert by_id["pkg-modern-workplace"]["path"] == ["pkg-modern-workplace", "prod-laptop", "org-lapto"]
    assert answer["customers_at_risk"] == []
    assert {a["id"] for a in answer["agreements_at_risk"]} == {"uc-lapto"}
    everyone = demo.get("/api/v1/elements/org-lapto/impact", headers=_admin(db)).json()
    assert "svc-device-delivery" in {a["id"] for a in everyone["affected"]}  # the admin sees all of it


def _admin(db: Database) -> dict[str, str]:
    return bearer(new_token(db, Role.ADMIN))


def test_paths_through_the_scope_are_redacted(demo: TestClient, db: Database) -> None:
    lapto = _partner(db, "org-lapto")
    nodes = demo.get("/api/v1/elements/pkg-modern-workplace/dependencies", headers=lapto).json()["nodes"]
    fulfilment = next(n for n in nodes if n["id"] == "pr-lapto-fulfilment")
    assert fulfilment["path"][0] == "pkg-modern-workplace" and {"redacted": True} in fulfilment["path"]
    assert len(fulfilment["path"]) == fulfilment["depth"] + 1


def test_context_packages_show_no_values_of_their_own(demo: TestClient, db: Database) -> None:
    lapto = _partner(db, "org-lapto")
    for metric in ("service_level", "xla_score", "availability"):
        answer = demo.get(f"/api/v1/elements/pkg-modern-workplace/weakest-link?metric={metric}", headers=lapto).json()
        assert answer["root_value"] is None and answer["flags"] == []  # the package's own value stays hidden
        assert {w["id"] for w in answer["weakest"]} <= visible_to(DEMO, "org-lapto").full
    own = demo.get("/api/v1/elements/prod-laptop/weakest-link?metric=service_level", headers=lapto).json()
    assert own["root_value"] == 3  # its own product: in full
    portfolio = demo.get("/api/v1/portfolio", headers=lapto).json()
    offerings = [o for stage in ("pipeline", "live", "retired") for o in portfolio[stage]]
    assert any(o["lowest_service_level_at"] is None for o in offerings)  # else the next line checks nothing
    assert offerings and all(o["lowest_service_level"] is None for o in offerings
                             if o["lowest_service_level_at"] is None)


def test_truncated_says_nothing_of_what_lies_beyond_the_scope(demo: TestClient, db: Database) -> None:
    """Lapto's RMA process leads, through Northwind's processes, to FieldForce's tier 3: hidden."""
    lapto = _partner(db, "org-lapto")
    for tier in (2, 3):
        chain = demo.get(f"/api/v1/organizations/org-lapto/supply-chain?max_tier={tier}", headers=lapto).json()
        assert chain["truncated"] is False
    assert demo.get("/api/v1/organizations/org-lapto/supply-chain?max_tier=1", headers=lapto).json()["truncated"]
    deep = demo.get("/api/v1/elements/pkg-modern-workplace/impact?max_depth=1", headers=lapto).json()
    deeper = demo.get("/api/v1/elements/pkg-modern-workplace/impact?max_depth=50", headers=lapto).json()
    assert deep["truncated"] == (len(deeper["affected"]) > len(deep["affected"]))
    deps = demo.get("/api/v1/elements/pkg-modern-workplace/dependencies?max_depth=2", headers=lapto).json()
    assert deps["truncated"] is True  # Shenfa (depth 3) is in scope and was cut


@pytest.mark.parametrize("org", ["org-lapto", "org-fieldforce", "org-clickline", "org-helix-colo"])
def test_no_answer_names_anything_out_of_the_partners_scope(demo: TestClient, db: Database, org: str) -> None:
    key = _partner(db, org)
    visible = visible_to(DEMO, org)
    pictures = [org, *sorted(visible.context)]
    for address, status, body in reads(demo, key, sorted(visible.all), organizations=ORGANIZATIONS,
                                       pictures=pictures):
        assert status == 200 or status == 400, (address, status, body[:300])
        named = NAMES.named_in(body)
        assert named <= visible.all, (address, sorted(named - visible.all))
