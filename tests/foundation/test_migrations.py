"""Migrations: applied in order, each once, recorded with checksums; an edited one is refused."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.db.database import Database
from app.db.migrations import MIGRATIONS_DIR, applied_versions, load_migrations, migrate, split_statements
from app.errors import MigrationError


@pytest.fixture
def chain(db: Database) -> Iterator[tuple[str, str]]:
    """A throwaway chain label and data label, removed afterwards; the real chain is untouched."""
    suffix = uuid.uuid4().hex[:8]
    label, data = f"__TestMigration_{suffix}", f"MigTest_{suffix}"
    yield label, data
    db.write_rows("migrations/delete_chain", label=label)
    db.driver.execute_query(f"MATCH (n:{data}) DETACH DELETE n", database_=db.database)


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def _count(db: Database, data: str) -> list[int]:
    records, _, _ = db.driver.execute_query(f"MATCH (n:{data}) RETURN n.step AS s ORDER BY s",
                                            database_=db.database)
    return [r["s"] for r in records]


def test_migrations_apply_in_version_order(db: Database, chain: tuple[str, str], tmp_path: Path) -> None:
    label, data = chain
    # V002 only succeeds after V001: it needs the node V001 creates.
    _write(tmp_path, "V002__Second.cypher", f"MATCH (a:{data} {{step: 1}})\nCREATE (:{data} {{step: 2}});\n")
    _write(tmp_path, "V001__First.cypher", f"// first\nCREATE (:{data} {{step: 1}});\n")
    report = migrate(db, tmp_path, label)
    assert report.applied == ["001", "002"]
    assert _count(db, data) == [1, 2]
    rows = applied_versions(db, label)
    assert [(r["version"], r["description"]) for r in rows] == [("001", "First"), ("002", "Second")]
    records, _, _ = db.driver.execute_query(
        f"MATCH p = (:{label} {{version: 'BASELINE'}})-[:MIGRATED_TO*]->(:{label} {{version: '002'}}) "
        "RETURN length(p) AS hops", database_=db.database)
    assert [r["hops"] for r in records] == [2]


def test_applying_twice_is_a_no_op(db: Database, chain: tuple[str, str], tmp_path: Path) -> None:
    label, data = chain
    _write(tmp_path, "V001__Only.cypher", f"CREATE (:{data} {{step: 1}});\n")
    assert migrate(db, tmp_path, label).applied == ["001"]
    again = migrate(db, tmp_path, label)
    assert again.applied == [] and again.current == "001"
    assert _count(db, data) == [1]


def test_new_migration_is_applied_after_the_old_ones(db: Database, chain: tuple[str, str],
                                                    tmp_path: Path) -> None:
    label, data = chain
    _write(tmp_path, "V001__One.cypher", f"CREATE (:{data} {{step: 1}});\n")
    migrate(db, tmp_path, label)
    _write(tmp_path, "V002__Two.cypher", f"CREATE (:{data} {{step: 2}});\nCREATE (:{data} {{step: 3}});\n")
    assert migrate(db, tmp_path, label).applied == ["002"]
    assert _count(db, data) == [1, 2, 3]


def test_an_edited_applied_migration_is_refused(db: Database, chain: tuple[str, str], tmp_path: Path) -> None:
    label, data = chain
    _write(tmp_path, "V001__Edited.cypher", f"CREATE (:{data} {{step: 1}});\n")
    migrate(db, tmp_path, label)
    _write(tmp_path, "V001__Edited.cypher", f"CREATE (:{data} {{step: 42}});\n")
    _write(tmp_path, "V002__Later.cypher", f"CREATE (:{data} {{step: 2}});\n")
    with pytest.raises(MigrationError, match=r"V001__Edited\.cypher was applied with checksum .* never edited"):
        migrate(db, tmp_path, label)
    assert _count(db, data) == [1]  # nothing after the refusal ran


def test_badly_named_or_repeated_files_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, "V1_bad.cypher", "RETURN 1;")
    with pytest.raises(MigrationError, match="named V001__Description"):
        load_migrations(tmp_path)
    (tmp_path / "V1_bad.cypher").unlink()
    _write(tmp_path, "V001__A.cypher", "RETURN 1;")
    _write(tmp_path, "V001__B.cypher", "RETURN 2;")
    with pytest.raises(MigrationError, match="version 001"):
        load_migrations(tmp_path)


def test_statements_split_at_line_ending_semicolons() -> None:
    text = "// c\nCREATE (:A {s: 'x;y'});\nCREATE INDEX i IF NOT EXISTS\nFOR (n:A) ON (n.s);\n"
    assert split_statements(text) == ("CREATE (:A {s: 'x;y'})", "CREATE INDEX i IF NOT EXISTS\nFOR (n:A) ON (n.s)")


def test_project_migrations_are_applied_and_use_if_not_exists(db: Database) -> None:
    files = load_migrations(MIGRATIONS_DIR)
    applied = [r["version"] for r in applied_versions(db)]
    assert applied == [m.version for m in files]
    for m in files:
        for statement in m.statements:
            if (statement.upper().startswith("CREATE") and " INDEX " in f" {statement.upper()} ") or \
                    "CONSTRAINT" in statement.upper():
                assert "IF NOT EXISTS" in statement.upper(), (m.file_name, statement)
    records, _, _ = db.driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names",
                                            database_=db.database)
    assert "element_id_unique" in records[0]["names"]
