"""Agreements back to back (docs/agreements.md): each agreement against what it covers and the
agreements underneath it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.analysis import service
from app.analysis.answers import AgreementsAnswer, Backing
from app.api.access import Reader
from app.api.deps import Bounds, Cached, ElementId, Graphs, Limit

router = APIRouter(prefix="/api/v1/agreements", tags=["agreements"])


@router.get("", response_model=AgreementsAnswer,
            summary="Every live agreement: whether the chain and the agreements underneath can keep it")
async def list_agreements(caller: Reader, answers: Cached, graphs: Graphs, bounds: Bounds,
                          achievable: Annotated[bool | None, Query(
                              description="only the agreements that can (true) or cannot (false) be kept")] = None,
                          limit: Limit = None) -> Response:
    return await answers.json(lambda: service.agreements_of(
        source=graphs, bounds=bounds, achievable=achievable, limit=limit, scope=caller.scope))


@router.get("/{element_id}/backing", response_model=Backing,
            summary="Each target of an agreement, achievable or not, and which agreement underneath breaks it")
async def agreement_backing(element_id: ElementId, caller: Reader, answers: Cached, graphs: Graphs) -> Response:
    return await answers.json(lambda: service.backing_of(source=graphs, element_id=element_id, scope=caller.scope))
