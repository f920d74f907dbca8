"""What /docs says about access: the rules, and each route's role and refusals."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from app.api.access import PUBLIC, access_of, media_types_of
from app.api.deps import SETTING_BOUNDS
from app.api.routes import api_routes
from app.config import Settings
from app.model.documents import ElementDoc, RelationDoc

API_DESCRIPTION = """
Every answer about the model: its elements and relationships, what depends on what, what fails
with what, the single points of failure, the weakest links, the supply chain by tier.

## Access
Send an API key as `Authorization: Bearer <token>` (`sigraph keys create`, or `POST /api/v1/keys`).

* **reader**: every `GET`, and the analyses that only read (`POST /api/v1/impact` included);
* **editor**: reader, and every write of the model;
* **admin**: editor, and `/api/v1/keys` and `/api/v1/audit`.

Without a key, or with an unknown or revoked one: **401** (`WWW-Authenticate: Bearer`); with a
key whose role may not: **403**. `SIGRAPH_AUTH=required` (the default outside development):
every route but `/health` needs a key. `SIGRAPH_AUTH=writes` (the default in development):
reads are open, writes need an editor key.

Writes take `application/json`; model imports also `application/yaml`, and another tool's model
as XML (`format=archimate|archi`) or a zip (`format=archi-csv`). Any other `Content-Type`, or
none, is **415**. Bodies past their limit are **413**; past the rate limit,
**429** with `Retry-After`.

## Partner keys
A key created with an `organization` is a partner key (a reader). It sees that organisation's
part of the graph:

* the organisation itself, the elements it `OWNS` or that are `PROVIDED_BY` it;
* its suppliers tier by tier (its `SUPPLIED_BY` closure), their attestations, the requirements
  they attest and the requirements in force for it (those it, its buyers, the offerings that
  include its elements, and its own elements `REQUIRE`, or its elements `SATISFY`);
* the agreements that `COVER` any of these, or name it as `PROVIDER` or `CONSUMER`;
* as context, with id, name and type only: the service packages that include its elements
  (directly or through sub-packages).

A relationship is shown when both its ends are, and, from a context package, only its
`INCLUDES`. Analyses are computed on the whole model, so states, reasons and numbers stay true;
the answers list only what the scope sees, show a step of a path out of it as
`{"redacted": true}`, and name it `(redacted)` in reasons; counts count what it sees. An id out
of the scope answers **404** exactly like an unknown id. The export, the element list and the
pictures show the scope only.
"""

_REFUSALS: dict[int, str] = {
    400: "a parameter out of its bounds, one no route declares, or a body that cannot be read",
    404: "no such element, key, relationship or scenario (for a partner key: none in its scope)",
    409: "the write met another one: a name taken, an element deleted meanwhile",
    503: "the database is unreachable (`Retry-After`); or, for a graph-wide question, the model is past "
         "SIGRAPH_WHOLE_MODEL_MAX_ELEMENTS (`model_too_large`)",
    504: "the question ran past SIGRAPH_QUERY_TIMEOUT_S and was stopped",
    401: "no key, or an unknown or revoked key (`WWW-Authenticate: Bearer`)",
    403: "the key's role may not do this",
    410: "that revision (or a scenario's base) is older than the history kept (SIGRAPH_HISTORY_KEEP)",
    413: "the body is past its limit (SIGRAPH_MAX_BODY_MB; imports: SIGRAPH_MAX_IMPORT_BYTES)",
    415: "the body's Content-Type is not accepted here",
    429: "past the rate limit (SIGRAPH_RATE_LIMIT_PER_MINUTE): see `Retry-After`",
}
_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


def _role_text(rule: Any) -> str:
    if rule == PUBLIC:
        return "**Access:** public: no key needed."
    scoped = " A partner key gets its scope only: ids out of it answer 404." if rule == "reader" else ""
    return f"**Access:** {rule} (or above).{scoped}"


def document_access(app: FastAPI, settings: Settings) -> None:
    """Complete the OpenAPI document: each operation's role and every status it can answer, the
    bounds that come from the settings, the element and relation schemas of the write bodies,
    and the error shape of spec/api.md that every refusal references."""
    rules = {(method, route.path): (access_of(route), media_types_of(route))
             for route in api_routes() for method in route.methods or ()}
    bounds = {name: getattr(settings, setting) for name, setting in SETTING_BOUNDS.items()}
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()  # FastAPI keeps it in app.openapi_schema: this runs once
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas["Error"] = _ERROR_SCHEMA
            _document_bodies(schema, schemas)
            for name in ("ImpactRequest",):
                _bound(schemas.get(name, {}).get("properties", {}), bounds)
            for path, operations in schema.get("paths", {}).items():
                for method, operation in operations.items():
                    rule, media_types = rules.get((method.upper(), path), (None, None))
                    if rule is not None:
                        _document(operation, method.upper(), path, rule, media_types)
                    _bound({p["name"]: p["schema"] for p in operation.get("parameters", [])
                            if p.get("in") == "query"}, bounds)
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]


def _bound(properties: dict[str, Any], bounds: dict[str, int]) -> None:
    """Write the bounds the service checks (1 to the setting) into the parameter schemas."""
    for name, schema in properties.items():
        if name in bounds:
            for option in [schema, *schema.get("anyOf", [])]:
                if option.get("type") == "integer":
                    option.setdefault("minimum", 1)
                    option.setdefault("maximum", bounds[name])


def _document(operation: dict[str, Any], method: str, path: str, rule: Any,
              media_types: tuple[str, ...] | None) -> None:
    codes = [400, 503] if path == "/health" else [400, 429, 503, 504]
    if rule != PUBLIC:
        codes += [401, 403]
    if media_types:
        codes += [413, 415]
    if "{" in path or (method, path) in (("POST", "/api/v1/impact"), ("DELETE", "/api/v1/relations"),
                                         ("POST", "/api/v1/measurements")):
        codes.append(404)
    if method != "GET" and rule in ("editor", "admin"):
        codes.append(409)
    asked = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"}
    # routes that tell a scenario's model from history, at its base revision
    tells_base = path.endswith(("/compare", "/rebase", "/apply")) or path.startswith("/viz/scenarios") or (
        path.startswith("/api/v1/scenarios") and method in ("POST", "PUT"))
    if {"revision", "from", "to"} & asked or tells_base:
        codes.append(410)  # a revision, or a scenario's base, older than the history kept
    if "scenario" in asked and 404 not in codes:
        codes.append(404)  # no such scenario
    responses = operation.setdefault("responses", {})
    for code in codes:
        responses.setdefault(str(code), {"description": _REFUSALS[code], "content": _ERROR})
    operation["description"] = f"{_role_text(rule)}\n\n{operation.get('description', '')}".strip()


def _document_bodies(schema: dict[str, Any], schemas: dict[str, Any]) -> None:
    """The write bodies as what they are: an element (its id from the path), a relation, a document."""
    for model in (ElementDoc, RelationDoc):
        found = model.model_json_schema(ref_template="#/components/schemas/{model}", by_alias=True)
        schemas.update(found.pop("$defs", {}))
        schemas[model.__name__] = found
    element_body = {**schemas["ElementDoc"], "required": ["type", "name"], "title": "ElementBody"}
    schemas["ElementBody"] = element_body
    bodies = {("put", "/api/v1/elements/{element_id}"): {"$ref": "#/components/schemas/ElementBody"},
              ("post", "/api/v1/relations"): {"$ref": "#/components/schemas/RelationDoc"}}
    for (method, path), body in bodies.items():
        content = schema["paths"][path][method]["requestBody"]["content"]["application/json"]
        content["schema"] = body
    document = schema["paths"]["/api/v1/model"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    document["properties"]["elements"]["items"] = {"$ref": "#/components/schemas/ElementDoc"}
    document["properties"]["relations"]["items"] = {"$ref": "#/components/schemas/RelationDoc"}


_ERROR_SCHEMA = {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["code", "message", "details"],
                             "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                                            "details": {"type": "array", "items": {"type": "object"}}}}}}
