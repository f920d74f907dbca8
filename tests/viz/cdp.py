"""A small Chrome DevTools Protocol client: one headless Chromium, pages driven over one websocket.

Nothing is downloaded: the browser is Debian's `chromium`, the protocol is spoken over
`websocket-client`. Pages are targets attached in flat mode, so every command and event of every
page goes over the browser's one connection, tagged with the page's session id.
"""

from __future__ import annotations

import base64
import contextlib
import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import websocket

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars")


class CdpError(RuntimeError):
    pass


def find_chromium() -> str | None:
    return next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser")) if p), None)


class Browser:
    """Chromium started with a fresh profile; `page()` opens a tab."""

    def __init__(self, executable: str, profile: Path, *, start_timeout_s: float = 30.0) -> None:
        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + start_timeout_s
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise CdpError(f"chromium did not open its debugging port (exit code {self.process.returncode})")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", suppress_origin=True, timeout=60)
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer; events that arrive meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def page(self, width: int = 1400, height: int = 900) -> Page:
        return Page(self, width, height)

    def close(self) -> None:
        if getattr(self, "ws", None) is not None:
            with contextlib.suppress(Exception):  # already gone: nothing to close
                self.call("Browser.close")
            self.ws.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


class Page:
    """One tab: navigate, evaluate JavaScript, wait for a condition, take a screenshot."""

    def __init__(self, browser: Browser, width: int, height: int) -> None:
        self.browser = browser
        self.target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = browser.call("Target.attachToTarget", targetId=self.target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=False)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        return self.browser.call(method, self.session, **params)

    def goto(self, url: str, timeout_s: float = 20.0) -> None:
        answer = self.call("Page.navigate", url=url)
        if answer.get("errorText"):
            raise CdpError(f"{url}: {answer['errorText']}")
        self.wait_for("document.readyState === 'complete' && location.href !== 'about:blank'", timeout_s)

    def eval(self, expression: str) -> Any:
        answer = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in answer:
            raise CdpError(f"{expression[:80]}: {answer['exceptionDetails'].get('exception', answer)}")
        return answer["result"].get("value")

    def wait_for(self, expression: str, timeout_s: float = 20.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not self.eval(f"Boolean({expression})"):
            if time.monotonic() > deadline:
                raise CdpError(f"timed out waiting for {expression}")
            time.sleep(0.05)

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"]))
        return path

    def _mine(self, method: str) -> list[dict[str, Any]]:
        return [e["params"] for e in self.browser.events if e.get("sessionId") == self.session
                and e.get("method") == method]

    def requested_urls(self) -> list[str]:
        """Every address this tab asked for (documents, scripts, styles, images, data: URLs)."""
        return [p["request"]["url"] for p in self._mine("Network.requestWillBeSent")]

    def errors(self) -> list[str]:
        """Uncaught exceptions and console errors on this tab."""
        thrown = [str(p["exceptionDetails"].get("exception", {}).get("description", p["exceptionDetails"]))
                  for p in self._mine("Runtime.exceptionThrown")]
        logged = [" ".join(str(a.get("value", a.get("description", ""))) for a in p["args"])
                  for p in self._mine("Runtime.consoleAPICalled") if p["type"] == "error"]
        return thrown + logged

    def close(self) -> None:
        self.browser.call("Target.closeTarget", targetId=self.target)
        self.browser.events = [e for e in self.browser.events if e.get("sessionId") != self.session]
