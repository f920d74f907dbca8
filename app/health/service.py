"""Health of the service's database."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from app.db.database import Database
from app.db.migrations import applied_versions
from app.errors import DatabaseUnavailable


class HealthReport(BaseModel):
    status: Literal["ok", "unavailable"]
    database: Literal["reachable", "unreachable"]
    neo4j_version: str | None = None
    neo4j_edition: str | None = None
    migration_version: str | None = None
    message: str | None = None


def check_health(*, db: Database) -> HealthReport:
    """Ask the server for its version and the newest applied migration."""
    try:
        components = db.read_rows("health/get_components")
        migrations = applied_versions(db)
    except DatabaseUnavailable as e:
        return HealthReport(status="unavailable", database="unreachable", message=e.message)
    kernel = next((c for c in components if c["name"] == "Neo4j Kernel"), components[0])
    return HealthReport(
        status="ok",
        database="reachable",
        neo4j_version=kernel["version"],
        neo4j_edition=kernel["edition"],
        migration_version=migrations[-1]["version"] if migrations else None,
    )
