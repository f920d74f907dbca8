"""Answers kept by model revision are never stale: `sigraph serve` with two workers, every analysis,
picture and element read asked over and over (so every worker keeps it), then the model written,
through the API and straight into the database (as another instance would): every read after the
write, anonymous or with a key, is the answer of the new model, as a service keeping nothing
answers it."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from app.access.roles import Role
from app.api.app import create_app
from app.bench.load import mix_paths
from app.bench.processes import service_process
from app.config import Settings
from app.db.database import Database
from app.model.answers import ImportMode
from app.model.codec import read_document_file
from app.model.demo import DEMO_PATH
from app.model.service import WriteBy, import_model
from tests.conftest import bearer, new_token, settings_for
from tests.neo4j_target import Target

READS = [*mix_paths(), "/", "/api/v1/elements?type=Service", "/api/v1/portfolio",
         "/api/v1/organizations/org-lapto/supply-chain",
         "/viz/elements/pkg-modern-workplace", "/viz/elements/pkg-modern-workplace?view=supply-chain"]
IMPACT = {"failed": ["org-fieldforce", "sys-dc-north"]}
ASKED = 6  # times each read is asked: both workers answer it and keep it


def _renamed(suffix: str) -> dict[str, Any]:
    """The demo with every element's name changed: every answer names something."""
    document: dict[str, Any] = copy.deepcopy(read_document_file(DEMO_PATH))
    for element in document["elements"]:
        element["name"] = f"{element['name']} {suffix}"
    return document


@pytest.fixture
def two_workers(target: Target, db: Database) -> Iterator[str]:
    import_model(db=db, document=read_document_file(DEMO_PATH), mode=ImportMode.REPLACE, by=WriteBy("test"))
    with service_process(settings_for(target), SIGRAPH_WORKERS="2") as url:
        yield url


def _answers(client: httpx.Client, headers: dict[str, str]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for path in READS:
        for _ in range(ASKED):
            response = client.get(path, headers=headers)
            assert response.status_code == 200, (path, response.text[:300])
            assert found.setdefault(path, response.content) == response.content, f"{path}: workers disagree"
    for _ in range(ASKED):
        response = client.post("/api/v1/impact", json=IMPACT, headers=headers)
        assert response.status_code == 200
        assert found.setdefault("POST /api/v1/impact", response.content) == response.content, "workers disagree"
    return found


def _fresh(settings: Settings, headers: dict[str, str]) -> dict[str, bytes]:
    """The answers of a service that keeps none."""
    with TestClient(create_app(settings.model_copy(update={"answer_cache_mb": 0}))) as client:
        found = {path: client.get(path, headers=headers).content for path in READS}
        found["POST /api/v1/impact"] = client.post("/api/v1/impact", json=IMPACT, headers=headers).content
    return found


def test_every_read_on_every_worker_sees_each_write(two_workers: str, settings: Settings, db: Database) -> None:
    editor = bearer(new_token(db, Role.EDITOR))
    ways_to_ask = [{}, bearer(new_token(db, Role.READER))]  # open reads, and reads with a key
    with httpx.Client(base_url=two_workers, timeout=60) as client:
        before = {i: _answers(client, h) for i, h in enumerate(ways_to_ask)}

        written = client.post("/api/v1/model?mode=replace", json=_renamed("(renamed)"), headers=editor)
        assert written.status_code == 200, written.text
        for i, headers in enumerate(ways_to_ask):
            after = _answers(client, headers)
            assert after == _fresh(settings, headers)
            changed = [p for p in after if after[p] != before[i][p]]
            assert changed == list(after), f"answers kept from before the write: {set(after) - set(changed)}"
            assert all(b"(renamed)" in body for body in after.values())

        # another instance writes: the model revision moves, and the answers with it
        import_model(db=db, document=_renamed("(elsewhere)"), mode=ImportMode.REPLACE, by=WriteBy("test"))
        for headers in ways_to_ask:
            after = _answers(client, headers)
            assert after == _fresh(settings, headers)
            assert all(b"(elsewhere)" in body and b"(renamed)" not in body for body in after.values())
