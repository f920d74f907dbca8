"""Agreements back to back (docs/agreements.md): each agreement against what it covers and the
agreements underneath it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.analysis import service
from app.analysis.answers import AgreementsAnswer, AgreementStatus, Backing, WatermelonsAnswer
from app.api.access import Reader
from app.api.deps import Bounds, Cached, ElementId, Graphs, Limit, checked_period
from app.model.documents import PERIOD_PATTERN

router = APIRouter(prefix="/api/v1/agreements", tags=["agreements"])


@router.get("", response_model=AgreementsAnswer,
            summary="Every live agreement: whether the chain and the agreements underneath can keep it")
async def list_agreements(caller: Reader, answers: Cached, graphs: Graphs, bounds: Bounds,
                          achievable: Annotated[bool | None, Query(
                              description="only the agreements that can (true) or cannot (false) be kept")] = None,
                          limit: Limit = None) -> Response:
    return await answers.json(lambda: service.agreements_of(
        source=graphs, bounds=bounds, achievable=achievable, limit=limit, scope=caller.scope))


Period = Annotated[str | None, Query(pattern=PERIOD_PATTERN, examples=["2026-11"],
                                     description="an ISO month (2026-11) or a date range (2026-11-01/2026-11-15)")]


@router.get("/watermelons", response_model=WatermelonsAnswer,
            summary="Packages whose service-level targets were met while the experience (satisfaction) missed")
async def list_watermelons(caller: Reader, answers: Cached, graphs: Graphs, bounds: Bounds,
                           period: Period = None, limit: Limit = None) -> Response:
    asked = checked_period(period)
    return await answers.json(lambda: service.watermelons_of(
        source=graphs, bounds=bounds, period=asked, limit=limit, scope=caller.scope))


@router.get("/{element_id}/status", response_model=AgreementStatus,
            summary="Each target of an agreement, the value measured in a period, met or missed")
async def agreement_status(element_id: ElementId, caller: Reader, answers: Cached, graphs: Graphs,
                           period: Annotated[str | None, Query(
                               pattern=PERIOD_PATTERN, examples=["2026-11"],
                               description="an ISO month or a date range; default: the last one measured")] = None,
                           ) -> Response:
    asked = checked_period(period)
    return await answers.json(lambda: service.agreement_status_of(
        source=graphs, element_id=element_id, period=asked, scope=caller.scope))


@router.get("/{element_id}/backing", response_model=Backing,
            summary="Each target of an agreement, achievable or not, and which agreement underneath breaks it")
async def agreement_backing(element_id: ElementId, caller: Reader, answers: Cached, graphs: Graphs) -> Response:
    return await answers.json(lambda: service.backing_of(source=graphs, element_id=element_id, scope=caller.scope))
