"""The audit trail over HTTP, for admins."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.access import Admin
from app.api.deps import get_db
from app.audit import trail
from app.db.database import Database

router = APIRouter(prefix="/api/v1", tags=["access"])


@router.get("/audit", response_model=trail.AuditPage, summary="Writes, newest first: who, when, what")
def audit(
    _: Admin,
    db: Annotated[Database, Depends(get_db)],
    since: Annotated[datetime | None, Query(description="only entries at or after this ISO date-time")] = None,
    before: Annotated[int | None, Query(ge=1, le=2**63 - 1, description="only entries older than this seq "
                                                                        "(next_before of the previous page)")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> trail.AuditPage:
    return trail.list_entries(db=db, since=since, before=before, limit=limit)
