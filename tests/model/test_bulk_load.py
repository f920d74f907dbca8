"""`sigraph load --bulk`: Neo4j's offline importer gives the graph an import through Cypher gives,
refuses what an import refuses, refuses a database that holds anything, and leaves the database
empty when it fails half-way. Its own local server, in its own folder, since the load stops it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import GraphDatabase
from typer.testing import CliRunner

from app.cli import cli
from app.config import DEV_PASSWORD, PROJECT_ROOT
from app.db.database import Database
from app.db.migrations import applied_versions, load_migrations
from app.errors import InvalidInput
from app.local_server import LocalServer
from app.model import history
from app.model import repository as repo
from app.model.bulk import bulk_load
from app.model.revisions import items_at
from app.model.service import WriteBy, export_model, import_model
from app.model.validation import MAX_REPORTED
from tests.live_server import free_port
from tests.model.helpers import as_sets, el, rel, small_model
from tests.neo4j_target import Target

_TEXT = 'line one\nline "two", with a comma\r\nand \\ a backslash, ünïcode ✓, עברית'


def tricky_model() -> dict[str, Any]:
    """Texts and values a CSV file gets wrong unless written with care, and properties whose
    values no typed column holds: they must come back exactly as an import through Cypher stores them."""
    document = small_model()
    document["elements"] += [
        el('id, with "quotes"', "System", name='A "quoted", name', description=_TEXT, tags=['a, "b"', " c "],
           count=2**62, ratio=1e-300, big=1.5e300, flags=[True, False], empty=[], mixed_numbers=[1, 2.5],
           blank_in_list=["", "a"], blank=""),
        el("ünï ✓", "System", description="  padded  ", count=0.5, ratio=3, codes=[-1, 0, 2**40]),
        el("third", "System", count="many", availability=1, tags=["x"]),
    ]
    document["relations"] += [
        rel("ünï ✓", "RUNS_ON", 'id, with "quotes"', redundancy_group="pair", min_up="50%"),
        rel("ünï ✓", "RUNS_ON", "third", redundancy_group="pair", min_up="50%"),
        rel("O3", "ATTESTS", "R", status="non_compliant", valid_until="2026-01-31", evidence=_TEXT),
    ]
    return document


@pytest.fixture(scope="module")
def bulk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A server named as the CLI's own ("dev"), in a folder of its own that shares the jars."""
    home = tmp_path_factory.mktemp("bulk-neo4j")
    (home / "lib").symlink_to((PROJECT_ROOT / ".neo4j" / "lib").resolve(), target_is_directory=True)
    server = LocalServer(home=home, name="dev", bolt_port=free_port(), password=DEV_PASSWORD, heap="512m",
                         pagecache="256m")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _connector(server: LocalServer) -> Callable[[], Database]:
    def connect() -> Database:
        driver = GraphDatabase.driver(server.uri, auth=(server.user, server.password),
                                      notifications_min_severity="OFF")
        return Database(driver, database="neo4j", timeout_s=600)

    return connect


def _ensure_empty(server: LocalServer) -> None:
    """An empty database, dropping the store only when it holds something (each drop costs a restart)."""
    db = _connector(server)()
    try:
        empty = repo.count_non_schema_nodes(db) == 0
    finally:
        db.close()
    if not empty:
        server.stop()
        server.drop_store("neo4j")
        server.start()


def _document(items: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    found = list(items)
    return {"elements": [i for k, i in found if k == "element"], "relations": [i for k, i in found if k == "relation"]}


def _exported(db: Database) -> tuple[set[str], set[str]]:
    return as_sets(_document(export_model(db=db)))


def _cli(server: LocalServer, *args: str, **env: str) -> tuple[int, str, str]:
    base = {"SIGRAPH_NEO4J_HOME": str(server.home), "SIGRAPH_NEO4J_BOLT_PORT": str(server.bolt_port),
            "NEO4J_PASSWORD": DEV_PASSWORD, "SIGRAPH_ENV": "development", "NEO4J_URI": ""}
    result = CliRunner().invoke(cli, list(args), env={**base, **env})
    return result.exit_code, result.stdout, result.stderr


def test_a_load_that_fails_after_the_import_leaves_the_database_empty(bulk_server: LocalServer) -> None:
    _ensure_empty(bulk_server)
    connect = _connector(bulk_server)
    calls = 0

    def connect_fails_once_loaded() -> Database:
        # The first connection checks the database; the second, once the store is written, fails
        # as a server that does not come back would.
        nonlocal calls
        calls += 1
        if calls == 2:
            raise ConnectionError("the server went away")
        return connect()

    with pytest.raises(ConnectionError):
        bulk_load(server=bulk_server, database="neo4j", connect=connect_fails_once_loaded,
                  document=small_model(), by=WriteBy("test"))
    db = connect()
    try:
        assert repo.count_non_schema_nodes(db) == 0
        assert [m["version"] for m in applied_versions(db)] == [m.version for m in load_migrations()]
    finally:
        db.close()
    assert bulk_server.pid() is not None


def test_a_bulk_load_stores_what_an_import_stores(bulk_server: LocalServer, db: Database, tmp_path: Path) -> None:
    _ensure_empty(bulk_server)
    document = tricky_model()
    import_model(db=db, document=document, by=WriteBy("test"))
    expected = _exported(db)
    file = tmp_path / "model.json"
    file.write_text(json.dumps(document), encoding="utf-8")

    code, out, err = _cli(bulk_server, "load", "--bulk", str(file))

    assert code == 0, err
    report = json.loads(out.splitlines()[-1])
    assert report["elements"]["created"] == len(document["elements"])
    assert report["relations"]["created"] == len(document["relations"])
    bulk = _connector(bulk_server)()
    try:
        assert _exported(bulk) == expected, _diff(_exported(bulk), expected)
        assert repo.model_revision(bulk) == report["revision"] == 1
        entry = bulk.read_rows("audit/list_entries", since=None, before=None, limit=1)[0]["entry"]
        assert (entry["action"], entry["target"], entry["revision"]) == ("model.import", "bulk", 1)
        assert entry["who"].startswith("cli:") and entry["ids_total"] == report["elements"]["created"] + \
            report["relations"]["created"]
        assert [m["version"] for m in applied_versions(bulk)] == [m.version for m in load_migrations()]
        # History starts at the load: the model as loaded can be told, nothing before it.
        assert bulk.read(lambda tx: history.bounds(tx)).oldest == 1
        assert as_sets(_document(items_at(db=bulk, revision=1))) == expected

        # Loaded once, the database holds a model: a second bulk load is refused and changes nothing.
        code, _, err = _cli(bulk_server, "load", "--bulk", str(file))
        assert code == 1 and "empty" in err
        assert _exported(bulk) == expected and repo.model_revision(bulk) == 1
    finally:
        bulk.close()


def test_a_document_an_import_refuses_is_refused_alike_before_the_server_stops(
        bulk_server: LocalServer, db: Database) -> None:
    bad = tricky_model()
    bad["elements"] += [el("dup", "System"), el("dup", "System"), el("n", "Gadget")]
    bad["relations"] += [rel("P", "INCLUDES", "ghost")] * (MAX_REPORTED + 5)
    with pytest.raises(InvalidInput) as by_import:
        import_model(db=db, document=bad, by=WriteBy("test"))
    pid = bulk_server.pid()
    with pytest.raises(InvalidInput) as by_bulk:
        bulk_load(server=bulk_server, database="neo4j", connect=_connector(bulk_server), document=bad,
                  by=WriteBy("test"))
    assert (by_bulk.value.message, by_bulk.value.details) == (by_import.value.message, by_import.value.details)
    assert bulk_server.pid() == pid  # checked before anything was stopped


def test_the_command_refuses_what_it_cannot_bulk_load(bulk_server: LocalServer, target: Target,
                                                      tmp_path: Path) -> None:
    file = tmp_path / "model.json"
    file.write_text(json.dumps(small_model()), encoding="utf-8")
    archi = tmp_path / "model.xml"
    archi.write_text("<model/>", encoding="utf-8")
    cases = {
        "another server": ((str(file),), {"NEO4J_URI": target.uri}, "NEO4J_URI"),
        "replace": ((str(file), "--replace"), {}, "--replace"),
        "another format": ((str(archi),), {}, "own document"),
    }
    for what, (args, env, says) in cases.items():
        code, _, err = _cli(bulk_server, "load", "--bulk", *args, **env)
        assert code == 1 and says in err, (what, err)


def _diff(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> str:
    return "\n".join([f"only bulk: {sorted(a[i] - b[i])}\nonly import: {sorted(b[i] - a[i])}" for i in (0, 1)])
