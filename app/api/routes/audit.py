"""The audit trail over HTTP, for admins."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from app.api.access import Admin
from app.api.deps import Db
from app.audit import trail
from app.errors import BadParameter

router = APIRouter(prefix="/api/v1", tags=["access"])
# RFC 3339: a date, a time, seconds optional, an offset optional (then UTC)
ISO_DATE_TIME = r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([Zz]|[+-]\d{2}:\d{2})?$"


@router.get("/audit", response_model=trail.AuditPage, summary="Writes, newest first: who, when, what")
def audit(
    _: Admin,
    db: Db,
    since: Annotated[str | None, Query(
        pattern=ISO_DATE_TIME, json_schema_extra={"format": "date-time"},
        description="only entries at or after this instant, an RFC 3339 date-time (2026-12-01T09:00:00Z)")] = None,
    before: Annotated[int | None, Query(ge=1, le=2**63 - 1, description="only entries older than this seq "
                                                                        "(next_before of the previous page)")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> trail.AuditPage:
    return trail.list_entries(db=db, since=_instant(since) if since else None, before=before, limit=limit)


def _instant(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError as e:  # the shape of a date-time, but no such day or hour (2026-13-40)
        raise BadParameter(f"since: {e}", [{"field": "since", "reason": str(e)}]) from None
