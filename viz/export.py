"""A page as an image or a document, drawn by headless Chromium: PNG and PDF as Chromium writes them,
SVG as a scalable wrapper around the PNG (vis-network draws on a canvas, so there are no vector
shapes to write). Chromium is found on the PATH (`chromium`, `chromium-browser`, `google-chrome`)
or named by SIGRAPH_CHROMIUM."""

from __future__ import annotations

import base64
import os
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
        page.write_text(html, encoding="utf-8")
        shot = Path(folder) / ("page.pdf" if fmt == "pdf" else "page.png")
        flag = f"--print-to-pdf={shot}" if fmt == "pdf" else f"--screenshot={shot}"
        command = [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                   "--no-pdf-header-footer", f"--user-data-dir={Path(folder) / 'profile'}",
                   f"--window-size={WIDTH},{HEIGHT}", f"--virtual-time-budget={RENDER_BUDGET_MS}", flag, page.as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        if not shot.exists() or shot.stat().st_size == 0:
            raise ExportFailed(f"Chromium wrote no {fmt}: {done.stderr.strip()[-300:]}")
        if fmt == "svg":
            encoded = base64.b64encode(shot.read_bytes()).decode("ascii")
            output.write_text(
                f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">'
                f'<image width="{WIDTH}" height="{HEIGHT}" xlink:href="data:image/png;base64,{encoded}"/></svg>\n',
                encoding="utf-8")
        else:
            shutil.copyfile(shot, output)
