"""GET /health: database reachability, Neo4j version, applied migration version."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.api.access import Public
from app.api.errors import error_body
from app.health.service import HealthReport, HealthWatch

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthReport, dependencies=[Public],
            responses={503: {"description": "the database is unreachable (as of the last probe, at most "
                                            "SIGRAPH_HEALTH_INTERVAL_S old)"}})
async def health(request: Request) -> HealthReport | JSONResponse:
    """Answered from the background probe at once: it never waits on the database."""
    watch: HealthWatch = request.app.state.health
    report = watch.report
    if report.status == "ok":
        return report
    # The error shape of every failure, with the health fields beside it for probes.
    body = {**report.model_dump(), **error_body("database_unavailable", report.message or "unreachable")}
    return JSONResponse(body, status_code=503, headers={"Retry-After": "2"})
