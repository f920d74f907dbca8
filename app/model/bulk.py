"""A first load into an empty local database through Neo4j's own offline importer.

The document is checked exactly as an import into an empty model checks it; then the server is
stopped, `neo4j-admin database import full` writes the store, the server starts again, the
migrations make the schema, and one transaction sets what the importer's columns could not hold,
the model's revision and the audit entry. Any failure after the stop drops the half-made store:
the database is left empty, as it was found (all or nothing, like every import).
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.audit import trail
from app.db.database import Database, Tx
from app.db.migrations import migrate
from app.errors import Conflict
from app.local_server import LocalServer
from app.model import history
from app.model import repository as repo
from app.model.answers import BulkReport, Counts
from app.model.bulk_files import ARRAY_DELIMITER, ImportFiles, write_import_files
from app.model.service import WriteBy, check_alone
from app.model.validation import ParsedDocument


class _Steps:
    """Seconds per step, in order."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            self.seconds[name] = round(time.monotonic() - started, 2)


def bulk_load(*, server: LocalServer, database: str, connect: Callable[[], Database], document: Any,
              by: WriteBy) -> BulkReport:
    """Load `document` into the empty `database` of the local `server` (which runs, and runs again
    after). Refused, with nothing changed, when the document has a problem or the database holds
    anything but its schema."""
    steps = _Steps()
    with steps.step("check"):
        parsed = check_alone(document)
        revision = _revision_of_empty(connect)
    folder = Path(tempfile.mkdtemp(prefix="bulk-", dir=server.instance_dir))
    try:
        with steps.step("files"):
            files = write_import_files(parsed.elements, parsed.relations, folder)
        server.stop()
        try:
            with steps.step("import"):
                server.import_full(database, nodes=[files.nodes], relationships=[files.relationships],
                                   array_delimiter=ARRAY_DELIMITER, multiline=files.multiline,
                                   report=folder / "import.report")
            with steps.step("start"):
                server.start()
            with steps.step("finish"):
                revision = _finish(connect, parsed, files, revision + 1, by)
        except BaseException:
            _drop(server, database, connect)
            raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return BulkReport(elements=Counts(created=len(parsed.elements)), relations=Counts(created=len(parsed.relations)),
                      revision=revision, seconds=steps.seconds)


def _revision_of_empty(connect: Callable[[], Database]) -> int:
    """The model's revision, after making sure the database holds nothing a bulk load would lose."""
    db = connect()
    try:
        nodes = repo.count_non_schema_nodes(db)
        if nodes:
            raise Conflict(f"the database holds {nodes} nodes (elements, keys or audit entries); a bulk load "
                           "replaces the whole database, so it loads only into an empty one: use `sigraph load` "
                           "without --bulk, or start from an empty database")
        return repo.model_revision(db)
    finally:
        db.close()


def _finish(connect: Callable[[], Database], parsed: ParsedDocument, files: ImportFiles, revision: int,
            by: WriteBy) -> int:
    db = connect()
    try:
        migrate(db)

        def work(tx: Tx) -> int:
            repo.lock_model(tx)
            repo.set_element_properties(tx, files.rest_elements)
            repo.set_relation_properties(tx, files.rest_relations)
            repo.set_revision(tx, revision)
            counts = {"elements": Counts(created=len(parsed.elements)).model_dump(),
                      "relations": Counts(created=len(parsed.relations)).model_dump()}
            ids = itertools.chain((e.id for e in parsed.elements),
                                  (trail.relation_label(*r.key) for r in parsed.relations))
            trail.record(tx, who=by.actor, action=by.action, target="bulk", counts=counts, ids=ids,
                         revision=revision)
            history.start_at(tx, revision)
            return revision

        return db.write(work)
    finally:
        db.close()


def _drop(server: LocalServer, database: str, connect: Callable[[], Database]) -> None:
    """Back to an empty, migrated database after a failed load."""
    server.stop()
    server.drop_store(database)
    server.start()
    db = connect()
    try:
        migrate(db)
    finally:
        db.close()
