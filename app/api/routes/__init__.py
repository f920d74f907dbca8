"""The HTTP routes, one module per area; ROUTERS is every router the app includes."""

from fastapi import APIRouter
from fastapi.routing import APIRoute

from app.api.routes import (
    agreements,
    analysis,
    audit,
    compliance,
    elements,
    health,
    history,
    information,
    keys,
    measurements,
    model,
    scenarios,
    viz,
)

ROUTERS: tuple[APIRouter, ...] = (health.router, model.router, elements.router, analysis.router, viz.router,
                                  keys.router, audit.router, history.router,
                                  scenarios.router, compliance.router,
                                  agreements.router, information.router, measurements.router)


def api_routes() -> list[APIRoute]:
    """Every route of the API, with its full path (the routers carry their prefixes)."""
    return [route for router in ROUTERS for route in router.routes if isinstance(route, APIRoute)]
