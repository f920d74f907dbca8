"""Request-scoped access to the process-wide objects made in the lifespan."""

from __future__ import annotations

from fastapi import Request

from app.config import Settings
from app.db.database import Database


async def get_db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


async def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]
