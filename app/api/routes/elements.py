"""Elements and relations one at a time: list and search, read, replace, delete."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Response, status

from app.api.access import Editor, JsonBody, Reader
from app.api.deps import Cached, Db, ElementId
from app.errors import BadParameter
from app.model import elements as service
from app.model.answers import DeletedElement, DeletedRelation, ElementDetail, ElementPage, ImportReport, RelationKey
from app.model.documents import ID_MAX
from app.model.elements import CURSOR_PATTERN
from app.schema import ElementType, Lifecycle, Pillar, RelType

router = APIRouter(prefix="/api/v1", tags=["elements"])

@router.get("/elements", response_model=ElementPage, summary="List and search elements (paginated)")
async def list_elements(
    caller: Reader,
    answers: Cached,
    db: Db,
    type: Annotated[ElementType | None, Query(description="only this element type")] = None,
    pillar: Annotated[Pillar | None, Query()] = None,
    lifecycle: Annotated[Lifecycle | None, Query()] = None,
    q: Annotated[str | None, Query(max_length=200, description="words to find in name or description")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    cursor: Annotated[str | None, Query(max_length=400, json_schema_extra={"pattern": CURSOR_PATTERN},
                                        description="next_cursor of the previous page (else 400)")] = None,
) -> Response:
    return await answers.json(lambda: service.list_elements(
        db=db, element_type=type, pillar=pillar, lifecycle=lifecycle, q=q, limit=limit, cursor=cursor,
        scope=caller.scope))


@router.get("/elements/{element_id}", response_model=ElementDetail,
            summary="One element with its direct relationships")
async def get_element(element_id: ElementId, caller: Reader, answers: Cached, db: Db) -> Response:
    return await answers.json(lambda: service.get_element(db=db, element_id=element_id, scope=caller.scope))


@router.put("/elements/{element_id}", response_model=ElementDetail,
            responses={201: {"description": "created"}}, summary="Create or replace one element")
def put_element(element_id: ElementId, caller: Editor, _: JsonBody, db: Db, response: Response,
                body: Annotated[dict[str, Any], Body(examples=[{"type": "Service", "name": "Service desk"}])],
                ) -> ElementDetail:
    report, detail = service.put_element(db=db, element_id=element_id, body=body, actor=caller.actor)
    if report.elements.created:
        response.status_code = status.HTTP_201_CREATED
    return detail


@router.delete("/elements/{element_id}", response_model=DeletedElement,
               summary="Delete an element and its relationships")
def delete_element(element_id: ElementId, caller: Editor, db: Db) -> DeletedElement:
    return service.delete_element(db=db, element_id=element_id, actor=caller.actor)


@router.post("/relations", response_model=ImportReport, responses={201: {"description": "created"}},
             summary="Create or update one relationship")
def post_relation(caller: Editor, _: JsonBody, db: Db, response: Response,
                  body: Annotated[dict[str, Any], Body(examples=[{"from": "svc-a", "type": "RUNS_ON",
                                                                  "to": "sys-b"}])]) -> ImportReport:
    report = service.put_relation(db=db, body=body, actor=caller.actor)
    if report.relations.created:
        response.status_code = status.HTTP_201_CREATED
    return report


@router.delete("/relations", response_model=DeletedRelation,
               summary="Delete one relationship, named in the body (or in from/type/to query parameters)")
def delete_relation(
    caller: Editor,
    _: JsonBody,
    db: Db,
    body: Annotated[RelationKey | None, Body()] = None,
    from_: Annotated[str | None, Query(alias="from", min_length=1, max_length=ID_MAX)] = None,
    type: Annotated[RelType | None, Query()] = None,
    to: Annotated[str | None, Query(min_length=1, max_length=ID_MAX)] = None,
) -> DeletedRelation:
    if body is None:
        if from_ is None or type is None or to is None:
            raise BadParameter("from, type, to: name the relationship in the body or the query",
                               [{"field": f, "reason": "missing"} for f, v in
                                (("from", from_), ("type", type), ("to", to)) if v is None])
        body = RelationKey.model_validate({"from": from_, "type": type, "to": to})
    return service.delete_relation(db=db, source=body.from_, rel_type=body.type, target=body.to,
                                   actor=caller.actor)
