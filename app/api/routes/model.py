"""The model: import and export, the schema in force."""

from __future__ import annotations

import itertools
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse

from app.api.access import JSON, YAML, Editor, Reader, accepts, refuse_partners
from app.api.deps import Db, SettingsDep
from app.errors import UnsupportedMediaType
from app.formats.service import (
    EXPORT_MEDIA,
    MEDIA_TYPES,
    XML_TYPES,
    ZIP_TYPES,
    ExportFormat,
    ImportFormat,
    export_as,
    import_foreign,
    read_foreign,
)
from app.gc_pause import gc_paused
from app.model.answers import ImportMode, ImportReport, SchemaView
from app.model.codec import export_json_chunks, parse_document
from app.model.documents import ModelDocument
from app.model.revisions import items_at
from app.model.schema_view import schema_view
from app.model.service import WriteBy, export_model, import_model

router = APIRouter(prefix="/api/v1", tags=["model"])

_DOCUMENT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ModelDocument.model_json_schema()},
            "application/yaml": {"schema": {"type": "string"}},
            "application/xml": {"schema": {"type": "string", "description": "format=archimate (The Open Group "
                                                                            "exchange format) or format=archi"}},
            "application/zip": {"schema": {"type": "string", "format": "binary",
                                           "description": "format=archi-csv: Archi's elements.csv, relations.csv, "
                                                          "properties.csv"}},
        },
    }
}
ModelBody = Annotated[None, Depends(accepts(JSON, YAML, *XML_TYPES, *ZIP_TYPES))]


def _import_format(request: Request, asked: ImportFormat | None) -> ImportFormat | None:
    """The asked format, else the one the Content-Type says; None for sigraph's own document."""
    media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    found = asked or (ImportFormat.ARCHIMATE if media in XML_TYPES else
                      ImportFormat.ARCHI_CSV if media in ZIP_TYPES else None)
    if found is not None and media not in MEDIA_TYPES[found]:
        raise UnsupportedMediaType(f"Content-Type: format={found} takes {' or '.join(MEDIA_TYPES[found])}",
                                   [{"field": "Content-Type", "reason": f"{media or 'missing'} for format={found}"}])
    return found


@router.post("/model", response_model=ImportReport, openapi_extra=_DOCUMENT_BODY,
             summary="Import a model document (atomic; merge or replace)")
async def post_model(
    request: Request,
    caller: Editor,
    _: ModelBody,
    db: Db,
    settings: SettingsDep,
    mode: Annotated[ImportMode, Query(description="merge: upsert; replace: the model becomes the document")]
    = ImportMode.MERGE,
    format: Annotated[ImportFormat | None, Query(
        description="another tool's model (docs/archimate.md): archimate (application/xml), archi "
                    "(application/xml), archi-csv (application/zip); unset: JSON or YAML, or by Content-Type")] = None,
) -> ImportReport:
    found = _import_format(request, format)
    by = WriteBy(caller.actor, "model.import", mode.value if found is None else f"{mode.value} {found.value}")
    raw = await request.body()
    content_type = request.headers.get("content-type", JSON)

    def work() -> ImportReport:
        # in a worker thread, with no full GC pass to stall the others: the event loop keeps answering
        with gc_paused():
            if found is None:
                document = parse_document(raw, content_type, max_items=settings.max_items)
                return import_model(db=db, document=document, mode=mode, by=by)
            model = read_foreign(raw, found, settings.max_import_bytes)
            return import_foreign(db=db, model=model, mode=mode, by=by, lang=settings.lang)

    return await anyio.to_thread.run_sync(work)


@router.get("/model", response_class=StreamingResponse,
            responses={200: {"content": {"application/json": {"schema": ModelDocument.model_json_schema()},
                                         "application/xml": {"schema": {"type": "string"}},
                                         "application/zip": {"schema": {"type": "string", "format": "binary"}},
                                         "application/graphml+xml": {"schema": {"type": "string"}}}}},
            summary="Export the whole model as an importable document (streamed), or in another tool's format")
def get_model(caller: Reader, db: Db, settings: SettingsDep,
              format: Annotated[ExportFormat | None, Query(
                  description="archimate (The Open Group exchange format), archi-csv (a zip of Archi's CSV "
                              "files) or graphml; unset: sigraph's own JSON document")] = None,
              revision: Annotated[int | None, Query(
                  ge=0, le=2**63 - 1, description="the model as it stood at this revision (docs/history.md); "
                                                  "not for partner keys")] = None) -> Response:
    if revision is not None:
        refuse_partners(caller, "the model's history")
    items = export_model(db=db, scope=caller.scope) if revision is None else items_at(db=db, revision=revision)
    if format is not None:
        media, file_name = EXPORT_MEDIA[format]
        return Response(export_as(format, items, settings.lang), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{file_name}"'})
    # Read the first page now, so an unreachable database is a 503, not a broken stream.
    first = list(itertools.islice(items, 1))
    return StreamingResponse(export_json_chunks(itertools.chain(first, items)), media_type="application/json")


@router.get("/schema", response_model=SchemaView, summary="Element types, pillars and relationship rules")
async def get_schema(_: Reader) -> SchemaView:
    """Needs no database: answered on the event loop, never behind requests waiting on one."""
    return schema_view()
