"""A page as an image or a document, drawn by headless Chromium: PNG and PDF as Chromium writes them;
SVG as the picture's page writes it (its own vector drawing of what vis-network laid out, read from
the page's DOM), so only a picture, not the report, has one. Chromium is found on the PATH
(`chromium`, `chromium-browser`, `google-chrome`) or named by SIGRAPH_CHROMIUM."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from app.errors import SigraphError

FORMATS = ("html", "png", "svg", "pdf")
WIDTH, HEIGHT = 1600, 1000
# Time the page's scripts get before the shot: vis-network lays out and draws in it.
RENDER_BUDGET_MS = 15_000
TIMEOUT_S = 120
# Said to a picture's page before its own scripts run: leave your SVG in the DOM once drawn
# (viz/templates/picture.html).
ASK_SVG = '<script>window.SIGRAPH_EXPORT = "svg";</script>'
_SVG_HOLDER = re.compile(r'<script type="image/svg\+xml" id="sigraph-svg">(.*?)</script>', re.DOTALL)


class ExportFailed(SigraphError):
    status = 500
    code = "export_failed"


def chromium() -> str:
    named = os.environ.get("SIGRAPH_CHROMIUM")
    found = named or next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome"))
                           if p), None)
    if not found:
        raise ExportFailed("PNG, SVG and PDF need headless Chromium: install `chromium` (Debian: apt-get install "
                           "chromium) or name it in SIGRAPH_CHROMIUM")
    return found


def export_page(html: str, output: Path, fmt: str) -> None:
    """Write `html` (a whole page) to `output` as `fmt`: html, png, svg or pdf."""
    if fmt not in FORMATS:
        raise ExportFailed(f"format: one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "html":
        output.write_text(html, encoding="utf-8")
        return
    with tempfile.TemporaryDirectory(prefix="sigraph-export-") as folder:
        page = Path(folder) / "page.html"
        page.write_text(html.replace("<head>", "<head>" + ASK_SVG, 1) if fmt == "svg" else html, encoding="utf-8")
        if fmt == "svg":
            output.write_text(_svg_of(page, Path(folder)), encoding="utf-8")
            return
        shot = Path(folder) / ("page.pdf" if fmt == "pdf" else "page.png")
        done = _run_chromium(Path(folder), f"--print-to-pdf={shot}" if fmt == "pdf" else f"--screenshot={shot}",
                             page.as_uri())
        if not shot.exists() or shot.stat().st_size == 0:
            raise ExportFailed(f"Chromium wrote no {fmt}: {done.stderr.strip()[-300:]}")
        shutil.copyfile(shot, output)


def _run_chromium(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--no-pdf-header-footer", f"--user-data-dir={folder / 'profile'}", f"--window-size={WIDTH},{HEIGHT}",
               f"--virtual-time-budget={RENDER_BUDGET_MS}", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)


def _svg_of(page: Path, folder: Path) -> str:
    """The SVG the picture's page draws of itself once laid out, read from the DOM Chromium dumps."""
    done = _run_chromium(folder, "--dump-dom", page.as_uri())
    found = _SVG_HOLDER.search(done.stdout)
    if found is None:
        raise ExportFailed(f"the page drew no SVG (only a picture has one): {done.stderr.strip()[-300:]}")
    return found.group(1)  # a script element's text is serialised as it is: the SVG itself
