"""Versioned, checksummed schema migrations, recorded as a chain of nodes (as neo4j-migrations does).

Files are `migrations/V001__Description.cypher`; statements end with `;`. Each applied file is
a `:__Neo4jMigration {version, description, checksum}` node linked from the previous one by
`MIGRATED_TO`. An applied file whose checksum changed is refused: add a new migration instead.
"""

from __future__ import annotations

import getpass
import hashlib
import re
import time
from dataclasses import dataclass
from functools import partial
from importlib.resources.abc import Traversable

from app.db.database import Database, Tx
from app.errors import Conflict, MigrationError
from app.resources import resource

MIGRATIONS_DIR = resource("migrations")
CHAIN_LABEL = "__Neo4jMigration"
_FILE_NAME = re.compile(r"^V(\d{3})__([A-Za-z0-9_]+)\.cypher$")
_STATEMENT_END = re.compile(r";[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Migration:
    version: str
    description: str
    checksum: str
    statements: tuple[str, ...]
    file_name: str


def split_statements(text: str) -> tuple[str, ...]:
    """Statements end with `;` at the end of a line; comment-only lines are dropped."""
    code = "\n".join(line for line in text.splitlines() if not line.strip().startswith("//"))
    return tuple(s.strip() for s in _STATEMENT_END.split(code) if s.strip())


def load_migrations(folder: Traversable | None = None) -> list[Migration]:
    """The migration files in version order; a badly named file or a repeated version is refused,
    and so is no file at all (a package built without its migrations/ folder)."""
    found: dict[str, Migration] = {}
    for path in sorted((p for p in (folder or MIGRATIONS_DIR).iterdir() if p.name.endswith(".cypher")),
                       key=lambda p: p.name):
        match = _FILE_NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path.name}: migration files are named V001__Description.cypher")
        version, description = match.group(1), match.group(2).replace("_", " ")
        if version in found:
            raise MigrationError(f"{path.name}: version {version} is also {found[version].file_name}")
        raw = path.read_bytes().replace(b"\r\n", b"\n")
        found[version] = Migration(version, description, hashlib.sha256(raw).hexdigest(),
                                   split_statements(raw.decode("utf-8")), path.name)
    if not found:
        raise MigrationError("no migration files found: the package was built without its migrations/ folder")
    return [found[v] for v in sorted(found)]


@dataclass(frozen=True)
class MigrationReport:
    applied: list[str]  # versions applied by this run
    current: str | None  # the newest version in the database afterwards


def applied_versions(db: Database, label: str = CHAIN_LABEL) -> list[dict[str, str]]:
    return db.read_rows("migrations/get_applied", label=label)


def migrate(db: Database, folder: Traversable | None = None, label: str = CHAIN_LABEL) -> MigrationReport:
    """Apply pending migrations in order, each once; verify the checksums of applied ones."""
    migrations = load_migrations(folder)
    applied = {row["version"]: row for row in applied_versions(db, label)}
    by_version = {m.version: m for m in migrations}
    for version, row in applied.items():
        m = by_version.get(version)
        if m is None:
            raise MigrationError(f"the database has migration V{version} but no file for it exists")
        if m.checksum != row["checksum"]:
            raise MigrationError(
                f"{m.file_name} was applied with checksum {row['checksum'][:12]}… but the file now has "
                f"{m.checksum[:12]}…: an applied migration is never edited; add a new one instead"
            )
    done: list[str] = []
    for m in migrations:
        if m.version in applied:
            continue
        started = time.monotonic()
        for statement in m.statements:
            # Schema commands cannot share a transaction with writes: one transaction each.
            db.write(partial(_apply, statement))
        try:
            db.write(partial(_record, label, m, int((time.monotonic() - started) * 1000)))
        except Conflict:
            # Another instance starting at the same time recorded this version first (the version
            # is unique); its statements are idempotent (IF NOT EXISTS), so both runs agree.
            continue
        done.append(m.version)
    current = max([*applied, *done], default=None)
    return MigrationReport(applied=done, current=current)


def _apply(statement: str, tx: Tx) -> None:
    tx.run_migration_statement(statement)


def _record(label: str, m: Migration, duration_ms: int, tx: Tx) -> None:
    tx.rows("migrations/record_applied", label=label, version=m.version, description=m.description,
            checksum=m.checksum, duration_ms=duration_ms, installed_by=_user())


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
