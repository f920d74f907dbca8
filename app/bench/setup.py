"""What the benchmarks set up in their database: the demo model, and keys to ask with."""

from __future__ import annotations

import uuid

from app.access.keys import KeyRequest, create_key
from app.access.roles import Role
from app.db.database import Database
from app.model.answers import ImportMode
from app.model.codec import read_document_file
from app.model.demo import DEMO_PATH
from app.model.service import WriteBy, import_model

BENCH = WriteBy("system:bench")


def load_demo(db: Database) -> None:
    """The demo model, in place of whatever the bench database held."""
    import_model(db=db, document=read_document_file(DEMO_PATH), mode=ImportMode.REPLACE, by=BENCH)


def bench_key(db: Database, role: Role, organization: str | None = None) -> str:
    """A new key of `role` (a partner's with `organization`), answered as its token."""
    request = KeyRequest(name=f"bench-{role}-{uuid.uuid4().hex[:8]}", role=role, organization=organization)
    return create_key(db=db, request=request, actor=BENCH.actor).token
