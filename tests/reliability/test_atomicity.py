"""What held when the service was probed, kept tested: an import is all or nothing even when the
API is killed in its middle; concurrent replace imports end as exactly one of the documents;
answers read while the model is replaced are each true of one model, never of a mix."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from fastapi.testclient import TestClient
from neo4j import GraphDatabase

from app.config import DEV_PASSWORD, PROJECT_ROOT
from app.db.database import Database
from app.db.migrations import migrate
from app.local_server import LocalServer
from app.model.answers import ImportMode
from app.model.service import WriteBy, export_model, import_model
from tests.live_server import free_port
from tests.model.helpers import as_sets, el, export, rel, small_model
from tests.neo4j_target import Target


def _systems(prefix: str, n: int) -> dict[str, Any]:
    return {"elements": [el(f"{prefix}{i:05d}", "System", description="x" * 200) for i in range(n)],
            "relations": [rel(f"{prefix}{i:05d}", "RUNS_ON", f"{prefix}{i - 1:05d}") for i in range(1, n)]}


def _until_an_import_writes(db: Database, posting: threading.Thread) -> None:
    """Wait until the server runs an import's write statements (not a fixed time: a fast import
    could end before it), while the import is still being posted."""
    deadline = time.monotonic() + 60
    while db.read_once("reliability/count_running_imports")[0]["running"] == 0:
        assert posting.is_alive(), "the import ended before it could be killed in its middle"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.02)


def test_an_import_killed_with_the_api_leaves_the_model_as_it_was(target: Target, client: TestClient,
                                                                 admin_headers: dict[str, str],
                                                                 session_db: Database) -> None:
    client.post("/api/v1/model", json=small_model())
    before = as_sets(export(client))
    port = free_port()
    env = {**os.environ, "NEO4J_URI": target.uri, "NEO4J_USER": target.user, "NEO4J_PASSWORD": target.password,
           "SIGRAPH_PORT": str(port), "SIGRAPH_ENV": "development", "SIGRAPH_LOG_LEVEL": "error"}
    # its own process group: killing the API kills its workers too (the import runs in one of them)
    api = subprocess.Popen([sys.executable, "-c", "from app.cli import main; main()", "serve"], env=env,
                           cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "the API did not start"
                time.sleep(0.2)
        big = _systems("k", 20_000)
        posting = threading.Thread(
            target=lambda: _post_quietly(f"{url}/api/v1/model?mode=replace", big, admin_headers), daemon=True)
        posting.start()
        _until_an_import_writes(session_db, posting)
        os.killpg(api.pid, signal.SIGKILL)
        api.wait(timeout=10)
    finally:
        with contextlib.suppress(ProcessLookupError):  # nothing of the group may outlive the test
            os.killpg(api.pid, signal.SIGKILL)
    time.sleep(1)  # the server notices the dropped connection and rolls back
    assert as_sets(export(client)) == before


def _post_quietly(url: str, document: dict[str, Any], headers: dict[str, str]) -> None:
    with contextlib.suppress(httpx.HTTPError):  # the API is killed under it
        httpx.post(url, json=document, headers=headers, timeout=120)


def test_concurrent_replace_imports_end_as_exactly_one_document(client: TestClient) -> None:
    documents = [_systems(prefix, 400) for prefix in ("a", "b", "c")]
    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(lambda d: client.post("/api/v1/model?mode=replace", json=d), documents * 2))
    assert all(a.status_code in (200, 409, 503) for a in answers), [a.text[:200] for a in answers]
    final = as_sets(export(client))
    assert final in [as_sets({"elements": [{**e, "lifecycle": "live", "pillar": "technology"}
                                           for e in d["elements"]], "relations": d["relations"]})
                     for d in documents]


def test_answers_read_while_the_model_is_replaced_are_true_of_one_model(client: TestClient, db: Database) -> None:
    one = small_model()
    other = {"elements": [*small_model()["elements"]],
             "relations": [r for r in small_model()["relations"] if r["to"] != "S2"]}  # P without S2
    truths = []
    for document in (one, other):
        client.post("/api/v1/model?mode=replace", json=document)
        truths.append(client.get("/api/v1/elements/P/dependencies").json())
    stop = threading.Event()

    def flip() -> None:
        while not stop.is_set():
            for document in (one, other):
                client.post("/api/v1/model?mode=replace", json=document)

    writer = threading.Thread(target=flip)
    writer.start()
    try:
        seen = [client.get("/api/v1/elements/P/dependencies").json() for _ in range(40)]
    finally:
        stop.set()
        writer.join()
    assert all(answer in truths for answer in seen)


def test_an_import_survives_neo4j_killed_in_its_middle() -> None:
    """Neo4j itself killed (SIGKILL) while it takes a large import: started again, it recovers to
    the model as it was before, nothing of the import in it. Its own instance, on its own port."""
    server = LocalServer(home=PROJECT_ROOT / ".neo4j", name="crash-test", bolt_port=free_port(),
                         password=DEV_PASSWORD, heap="512m", pagecache="256m")
    shutil.rmtree(server.instance_dir, ignore_errors=True)
    server.start()
    try:
        db = Database(GraphDatabase.driver(server.uri, auth=(server.user, server.password)), database="neo4j",
                      timeout_s=600)
        migrate(db)
        import_model(db=db, document=small_model(), by=WriteBy("test"))
        before = _exported(db)
        failed: list[BaseException] = []

        def import_big() -> None:
            try:
                import_model(db=db, document=_systems("n", 30_000), mode=ImportMode.REPLACE, by=WriteBy("test"))
            except BaseException as e:  # the database dies under it: that is the point
                failed.append(e)

        worker = threading.Thread(target=import_big)
        worker.start()
        time.sleep(4)  # well into writing
        pid = server.pid()
        assert pid is not None and worker.is_alive(), "the import ended before the kill"
        os.kill(pid, signal.SIGKILL)
        worker.join(timeout=120)
        assert failed, "the import cannot have committed"
        db.close()
        server.stop()
        server.start()
        db = Database(GraphDatabase.driver(server.uri, auth=(server.user, server.password)), database="neo4j",
                      timeout_s=600)
        assert _exported(db) == before
        db.close()
    finally:
        server.stop()
        shutil.rmtree(server.instance_dir, ignore_errors=True)


def _exported(db: Database) -> tuple[set[str], set[str]]:
    items = list(export_model(db=db))
    return as_sets({"elements": [i for k, i in items if k == "element"],
                    "relations": [i for k, i in items if k == "relation"]})
