"""The pictures' fixtures: the service on a real port, one headless Chromium for the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.config import PROJECT_ROOT, Settings
from app.db.database import Database
from app.model.demo import DEMO_PATH
from tests.live_server import live_service
from tests.viz.cdp import Browser, Page, find_chromium

SCREENSHOTS = PROJECT_ROOT / "out" / "screenshots"


@pytest.fixture(scope="session")
def live_url(settings: Settings, session_db: Database) -> Iterator[str]:
    """The service on 127.0.0.1 and a free port, in a background thread, against the test database."""
    with live_service(settings) as url:
        yield url


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        pytest.fail("chromium is not installed: `./dev test` installs it (apt-get install chromium)")
    chromium = Browser(executable, tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    tab = browser.page()
    yield tab
    tab.close()


@pytest.fixture(scope="module")
def demo(session_db: Database, live_url: str, admin_headers: dict[str, str]) -> Iterator[str]:
    """The demo model loaded once for a module, through the API (YAML, as the docs show)."""
    session_db.write_rows("model/delete_all_elements")
    response = httpx.post(f"{live_url}/api/v1/model", content=DEMO_PATH.read_bytes(),
                          headers={"Content-Type": "application/yaml", **admin_headers}, timeout=60)
    assert response.status_code == 200, response.text
    yield live_url
    session_db.write_rows("model/delete_all_elements")


def load(live_url: str, document: object, headers: dict[str, str]) -> None:
    """Import a model through the API, as a user would (with an editor's or admin's key)."""
    response = httpx.post(f"{live_url}/api/v1/model", json=document, headers=headers, timeout=60)
    assert response.status_code == 200, response.text


def open_picture(page: Page, url: str) -> None:
    """Open a picture and wait until vis-network has laid it out and drawn it."""
    page.goto(url)
    page.wait_for("window.sigraph && window.sigraph.drawn", timeout_s=30)


def screenshot(page: Page, name: str) -> Path:
    return page.screenshot(SCREENSHOTS / f"{name}.png")


def assert_offline(page: Page, origin: str) -> None:
    """The page asked nothing of any host but the service (or its own file), and threw nothing."""
    outside = [u for u in page.requested_urls() if not u.startswith((origin, "data:", "about:", "file://"))]
    assert outside == [], outside
    resources = page.eval("[...document.querySelectorAll('script[src], link[href], img[src], iframe[src]')]"
                          ".map(e => e.src || e.href)")
    assert [r for r in resources if r.startswith(("http://", "https://")) and not r.startswith(origin)] == []
    assert page.errors() == []
