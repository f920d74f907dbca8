"""Measured values next to the promises (docs/agreements.md)."""

from __future__ import annotations

from fastapi import APIRouter

from app.api.access import Editor, JsonBody
from app.api.deps import Db
from app.model.answers import MeasurementRecorded, MeasurementRequest
from app.model.measurements import record_measurement

router = APIRouter(prefix="/api/v1", tags=["agreements"])


@router.post("/measurements", response_model=MeasurementRecorded, status_code=201,
             summary="Record a value measured over a period for an agreement or element")
def post_measurement(caller: Editor, db: Db, _: JsonBody, body: MeasurementRequest) -> MeasurementRecorded:
    return record_measurement(db=db, body=body, actor=caller.actor)
