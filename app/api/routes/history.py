"""The model's history (docs/history.md): the writes that made each revision, and what changed
between two. Readers see it; partner keys do not (403)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.access import InternalReader
from app.api.deps import Db
from app.model import revisions
from app.model.answers import ModelDiff, RevisionPage

router = APIRouter(prefix="/api/v1", tags=["history"])


@router.get("/revisions", response_model=RevisionPage, summary="The writes that changed the model, oldest first")
def list_revisions(_: InternalReader, db: Db,
                   since: Annotated[int, Query(ge=0, le=2**63 - 1, description="only revisions after this one")] = 0,
                   limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> RevisionPage:
    return revisions.list_revisions(db=db, since=since, limit=limit)


@router.get("/model/diff", response_model=ModelDiff,
            summary="What changed between two revisions: added, removed, changed, with values before and after")
def model_diff(_: InternalReader, db: Db,
               from_: Annotated[int, Query(alias="from", ge=0, le=2**63 - 1, description="the earlier revision")],
               to: Annotated[int | None, Query(ge=0, le=2**63 - 1,
                                               description="the later revision; default: now")] = None) -> ModelDiff:
    return revisions.diff(db=db, from_revision=from_, to_revision=to)
