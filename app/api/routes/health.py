"""GET /health: database reachability, Neo4j version, applied migration version."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from app.api.access import Public
from app.api.deps import get_db
from app.api.errors import error_body
from app.db.database import Database
from app.health.service import HealthReport, check_health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthReport, dependencies=[Public],
            responses={503: {"description": "the database is unreachable"}})
def health(db: Annotated[Database, Depends(get_db)]) -> HealthReport | JSONResponse:
    report = check_health(db=db)
    if report.status == "ok":
        return report
    # The error shape of every failure, with the health fields beside it for probes.
    body = {**report.model_dump(), **error_body("database_unavailable", report.message or "unreachable")}
    return JSONResponse(body, status_code=503)
