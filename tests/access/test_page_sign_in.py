"""Pictures when every route needs a key: a browser gets a sign-in page, and its key in a cookie reads pages only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.access.roles import Role
from app.db.database import Database
from tests.conftest import new_token
from tests.model.helpers import small_model

HTML = {"Accept": "text/html,application/xhtml+xml"}


def test_a_browser_without_a_key_gets_the_sign_in_page(service: Callable[..., Any]) -> None:
    with service(auth="required") as client:
        for address in ("/", "/viz", "/viz/elements/P?view=impact"):
            page = client.get(address, headers=HTML)
            assert page.status_code == 401 and page.headers["content-type"].startswith("text/html")
            assert page.headers["www-authenticate"].startswith("Bearer") and 'id="sign-in"' in page.text
        api = client.get("/viz")  # not a browser: the JSON error
        assert api.status_code == 401 and api.json()["error"]["code"] == "unauthorized"


def test_the_key_in_the_cookie_reads_pages_as_its_role_sees_them(service: Callable[..., Any], db: Database,
                                                                 headers: dict[Role, dict[str, str]]) -> None:
    with service(auth="required") as client:
        client.post("/api/v1/model", json=small_model(), headers=headers[Role.EDITOR])
        partner = new_token(db, Role.READER, organization="O1")
        client.cookies.set("sigraph_key", partner)
        landing = client.get("/viz", headers=HTML)
        assert landing.status_code == 200 and 'data-id="O1"' in landing.text and 'data-id="C"' not in landing.text
        assert client.get("/viz/elements/S1?view=dependencies", headers=HTML).status_code == 200
        assert client.get("/viz/elements/S2?view=dependencies").status_code == 404  # out of O1's scope


def test_a_cookie_never_writes(service: Callable[..., Any], db: Database) -> None:
    with service(auth="required") as client:
        client.cookies.set("sigraph_key", new_token(db, Role.ADMIN))
        assert client.get("/api/v1/keys").status_code == 200  # a read: the cookie counts
        assert client.post("/api/v1/model", json=small_model()).status_code == 401
        assert client.post("/api/v1/keys", json={"name": "by-cookie", "role": "admin"}).status_code == 401
        assert client.post("/api/v1/impact", json={"failed": ["P"]}).status_code == 401
