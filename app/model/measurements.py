"""Measured values (docs/agreements.md): recorded on the element they measure, in its
`measurements` (metric, period, value), by a one-element import: atomic, audited, in the model's
history, exported and imported with the model."""

from __future__ import annotations

from typing import Any

from app.db.database import Database, Tx
from app.errors import Conflict, NotFound
from app.model import history
from app.model import repository as repo
from app.model.answers import ImportMode, MeasurementRecorded, MeasurementRequest
from app.model.documents import Measurement
from app.model.service import WriteBy, import_model
from app.stored import element_from_properties

ATTEMPTS = 5  # a write between the read and the write of a measurement makes it read again


def record_measurement(*, db: Database, body: MeasurementRequest, actor: str) -> MeasurementRecorded:
    """Add the measurement to its element, replacing the value of the same metric and period; 404
    for an unknown element, 422 (naming the field) when the element's measurements would not be valid."""
    measurement = Measurement(metric=body.metric, period=body.period, value=body.value)
    for _ in range(ATTEMPTS):
        doc, revision = db.read(lambda tx: _element(tx, body.element))
        kept = [m for m in doc.get("measurements") or []
                if (m.get("metric"), m.get("period")) != (measurement.metric, measurement.period)]
        replaced = next((m.get("value") for m in doc.get("measurements") or []
                         if (m.get("metric"), m.get("period")) == (measurement.metric, measurement.period)), None)
        doc["measurements"] = [*kept, measurement.model_dump()]
        try:
            import_model(db=db, document={"elements": [doc]}, mode=ImportMode.MERGE,
                         by=WriteBy(actor, "measurement.record", body.element), expect_revision=revision)
        except Conflict:
            continue
        return MeasurementRecorded(element=body.element, measurement=measurement, replaced=replaced,
                                   measurements=len(doc["measurements"]))
    raise Conflict("the model kept changing while the measurement was written; nothing was written, try again")


def _element(tx: Tx, element_id: str) -> tuple[dict[str, Any], int]:
    found = repo.existing_elements(tx, [element_id])
    if element_id not in found:
        raise NotFound(f"no element {element_id!r}")
    return element_from_properties(found[element_id]["props"]), history.bounds(tx).revision
