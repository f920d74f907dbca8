"""In a real browser, with every route behind a key: sign in with a partner key, see its part, draw a picture."""

from __future__ import annotations

import json

import pytest

from app.access.roles import Role
from app.db.database import Database
from tests.conftest import new_token, settings_for
from tests.live_server import live_service
from tests.model.helpers import small_model
from tests.neo4j_target import Target
from tests.viz.cdp import Page
from tests.viz.conftest import assert_offline, load, open_picture, screenshot

pytestmark = pytest.mark.browser


def test_sign_in_with_a_partner_key_then_open_its_picture(target: Target, db: Database, page: Page,
                                                          admin_headers: dict[str, str]) -> None:
    with live_service(settings_for(target, auth="required")) as url:
        load(url, small_model(), admin_headers)
        token = new_token(db, Role.READER, organization="O1")
        page.goto(f"{url}/viz")
        assert page.eval("document.getElementById('sign-in') !== null")
        page.eval(f"document.getElementById('token').value = {json.dumps(token)}; "
                  "document.getElementById('sign-in').requestSubmit(); true")
        page.wait_for("document.getElementById('open') !== null")  # the start page, after the reload
        listed = page.eval("[...document.querySelectorAll('tr[data-id]')].map(r => r.dataset.id).sort()")
        assert listed == ["O1", "O2", "O3", "P"]  # O1, its suppliers, the package of its service (context)
        open_picture(page, f"{url}/viz/elements/S1?view=dependencies")
        drawn = page.eval("network.body.data.nodes.getIds().sort()")
        assert drawn == ["O1", "O2", "O3", "S1"]  # S1 runs on X and Y, which are not O1's: not drawn
        screenshot(page, "partner-sign-in-dependencies")
        assert_offline(page, url)
