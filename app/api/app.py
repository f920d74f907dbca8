"""The FastAPI application factory and its lifespan (one driver per process)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from app.api.errors import install_error_handlers
from app.api.routes import analysis, elements, health, model, viz
from app.config import Settings, get_settings
from app.db.database import Database
from app.db.migrations import migrate
from app.errors import DatabaseUnavailable
from app.model.demo import load_demo_if_empty

log = logging.getLogger("sigraph")


def _prepare_database(db: Database, load_demo: bool) -> None:
    """Bring the schema up to date; an unreachable database is reported by /health, not fatal."""
    try:
        report = migrate(db)
        if report.applied:
            log.info("applied migrations %s", ", ".join(report.applied))
        if load_demo and (loaded := load_demo_if_empty(db)):
            log.info("loaded the demo model: %s elements, %s relations",
                     loaded.elements.created, loaded.relations.created)
    except DatabaseUnavailable as e:
        log.warning("database unreachable at start, migrations not applied: %s", e.message)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    db = Database.from_settings(settings)
    app.state.db = db
    try:
        await anyio.to_thread.run_sync(_prepare_database, db, settings.load_demo)
        yield
    finally:
        db.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service; settings come from the environment unless given."""
    settings = settings or get_settings()
    settings.check_safe_to_start()
    # FastAPIOffline serves the Swagger UI and ReDoc assets itself: /docs works without internet.
    app = FastAPIOffline(
        title="sigraph",
        summary="Service-integration graph: how the offering is made, and what depends on what.",
        version="0.1.0",
        lifespan=_lifespan,
    )
    app.state.settings = settings
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(model.router)
    app.include_router(elements.router)
    app.include_router(analysis.router)
    app.include_router(viz.router)
    return app
