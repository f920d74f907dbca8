"""A picture written to a file: the same page the service answers, without its navigation."""

from __future__ import annotations

from pathlib import Path

from app.analysis.repository import GraphSource
from app.analysis.service import Bounds
from app.config import Settings
from viz.export import ExportFailed, export_page
from viz.page import render
from viz.picture import PictureRequest
from viz.report import render_report, report_of
from viz.service import picture_of

REPORT = "report"


def write_picture(*, source: GraphSource, settings: Settings, output: Path, element_id: str, view: str,
                  failed: list[str] | None, metric: str, max_depth: int | None, max_tier: int | None,
                  as_of: str | None, layout: str = "depth", fmt: str = "html") -> str:
    """Write the page (or the one-page report, view `report`) as html, png, svg or pdf; answer a
    one-line summary of what it shows."""
    bounds = Bounds.from_settings(settings)
    if view == REPORT:
        if fmt == "svg":
            raise ExportFailed("the report is a document: write it as pdf, png or html (svg is for pictures)")
        found = report_of(source=source, bounds=bounds, element_id=element_id)
        export_page(render_report(found), output, fmt)
        return f"one-page report of {found.name}, {found.depends_on} dependencies, {found.gap_count} gaps"
    request = PictureRequest.model_validate({
        "element_id": element_id, "view": view, "failed": failed, "metric": metric, "max_depth": max_depth,
        "max_tier": max_tier, "as_of": as_of, "layout": layout})
    picture = picture_of(source=source, bounds=bounds, node_limit=settings.viz_node_limit, request=request)
    export_page(render(picture), output, fmt)
    neighbours = sum(n.context for n in picture.nodes)
    summary = f"{picture.title}, {len(picture.nodes) - neighbours} elements"
    summary += f" (+{neighbours} in the neighbourhood)" if neighbours else ""
    return summary + (f" ({picture.left_out} left out past the node limit)" if picture.left_out else "")
