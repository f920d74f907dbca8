"""The database under test is a real Neo4j 5.26, the very version the project pins."""

import pytest

from app.config import Settings
from app.db.database import Database
from app.versions import neo4j_version


def test_database_is_a_real_neo4j_of_the_pinned_version(db: Database) -> None:
    rows = db.read_rows("health/get_components")
    kernel = next(r for r in rows if r["name"] == "Neo4j Kernel")
    assert kernel["edition"] in {"community", "enterprise"}
    assert kernel["version"] == neo4j_version()


def test_database_round_trips_a_write(db: Database) -> None:
    db.driver.execute_query("CREATE (:Element {id: 'probe', name: 'probe'})", database_=db.database)
    records, _, _ = db.driver.execute_query(
        "MATCH (e:Element {id: 'probe'}) RETURN e.name AS name", database_=db.database)
    assert [r["name"] for r in records] == ["probe"]


def test_each_test_starts_from_an_empty_model(db: Database) -> None:
    records, _, _ = db.driver.execute_query("MATCH (e:Element) RETURN count(e) AS n", database_=db.database)
    assert records[0]["n"] == 0


def test_tests_never_read_the_service_database_variable(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://service-database.invalid:7687")
    from tests.conftest import settings_for
    from tests.neo4j_target import Target

    target = Target(settings.bolt_uri, "neo4j", "x", "env")
    assert settings_for(target).bolt_uri == settings.bolt_uri
