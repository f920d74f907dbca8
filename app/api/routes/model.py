"""The model: import and export, the schema in force."""

from __future__ import annotations

import itertools
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from app.api.access import DocumentBody, Editor, Reader
from app.api.body import read_document
from app.api.deps import get_db
from app.db.database import Database
from app.model.codec import export_json_chunks
from app.model.documents import ModelDocument
from app.model.schema_view import SchemaView, schema_view
from app.model.service import ImportMode, ImportReport, WriteBy, export_model, import_model

router = APIRouter(prefix="/api/v1", tags=["model"])

_DOCUMENT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ModelDocument.model_json_schema()},
            "application/yaml": {"schema": {"type": "string"}},
        },
    }
}


@router.post("/model", response_model=ImportReport, openapi_extra=_DOCUMENT_BODY,
             summary="Import a model document (atomic; merge or replace)")
async def post_model(
    request: Request,
    caller: Editor,
    _: DocumentBody,
    db: Annotated[Database, Depends(get_db)],
    mode: Annotated[ImportMode, Query(description="merge: upsert; replace: the model becomes the document")]
    = ImportMode.MERGE,
) -> ImportReport:
    document = await read_document(request)
    by = WriteBy(caller.actor, "model.import", mode.value)
    return await anyio.to_thread.run_sync(lambda: import_model(db=db, document=document, mode=mode, by=by))


@router.get("/model", response_class=StreamingResponse,
            responses={200: {"content": {"application/json": {"schema": ModelDocument.model_json_schema()}}}},
            summary="Export the whole model as an importable document (streamed)")
def get_model(caller: Reader, db: Annotated[Database, Depends(get_db)]) -> StreamingResponse:
    items = export_model(db=db, scope=caller.scope)
    # Read the first page now, so an unreachable database is a 503, not a broken stream.
    first = list(itertools.islice(items, 1))
    return StreamingResponse(export_json_chunks(itertools.chain(first, items)), media_type="application/json")


@router.get("/schema", response_model=SchemaView, summary="Element types, pillars and relationship rules")
def get_schema(_: Reader) -> SchemaView:
    return schema_view()
