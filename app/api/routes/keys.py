"""API keys over HTTP, for admins: create (the token is shown once), list, revoke."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status

from app.access import keys as service
from app.api.access import Admin, JsonBody
from app.api.deps import Db

router = APIRouter(prefix="/api/v1", tags=["access"])

@router.post("/keys", response_model=service.CreatedKey, status_code=status.HTTP_201_CREATED,
             responses={409: {"description": "a key of that name exists (or existed)"}},
             summary="Create a key; its token is in this answer only")
def create_key(caller: Admin, _: JsonBody, request: service.KeyRequest, db: Db) -> service.CreatedKey:
    return service.create_key(db=db, request=request, actor=caller.actor)


@router.get("/keys", response_model=service.KeyList, summary="Every key, revoked ones too (never a token)")
def list_keys(_: Admin, db: Db) -> service.KeyList:
    return service.list_keys(db=db)


@router.delete("/keys/{name}", response_model=service.KeyInfo, responses={404: {"description": "no such key"}},
               summary="Revoke a key: every instance refuses it from the next request on")
def revoke_key(name: Annotated[str, Path(max_length=64)], caller: Admin, db: Db) -> service.KeyInfo:
    return service.revoke_key(db=db, name=name, actor=caller.actor)
