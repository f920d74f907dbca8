"""The demo model shipped with the project (examples/), loaded on start when the model is empty."""

from __future__ import annotations

from app.db.database import Database
from app.model.answers import ImportReport
from app.model.codec import read_document_file
from app.model.repository import count_elements
from app.model.service import WriteBy, import_model
from app.resources import resource

DEMO_PATH = resource("examples") / "modern-workplace.yaml"


def load_demo_if_empty(db: Database) -> ImportReport | None:
    """Import the demo model into an empty database; leave any existing model alone."""
    if count_elements(db) > 0:
        return None
    return import_model(db=db, document=read_document_file(DEMO_PATH), by=WriteBy("system:demo"))
