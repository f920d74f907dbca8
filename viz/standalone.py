"""A picture written to a file: the same page the service answers, without its navigation."""

from __future__ import annotations

from pathlib import Path

from app.analysis.repository import GraphSource
from app.analysis.service import Bounds
from app.config import Settings
from viz.page import render
from viz.picture import PictureRequest
from viz.service import picture_of


def write_picture(*, source: GraphSource, settings: Settings, output: Path, element_id: str, view: str,
                  failed: list[str] | None, metric: str, max_depth: int | None, max_tier: int | None,
                  as_of: str | None) -> str:
    """Write the page; answer a one-line summary of what it shows."""
    request = PictureRequest.model_validate({
        "element_id": element_id, "view": view, "failed": failed, "metric": metric, "max_depth": max_depth,
        "max_tier": max_tier, "as_of": as_of})
    picture = picture_of(source=source, bounds=Bounds.from_settings(settings), node_limit=settings.viz_node_limit,
                         request=request)
    output.write_text(render(picture), encoding="utf-8")
    summary = f"{picture.title}, {len(picture.nodes)} elements"
    return summary + (f" ({picture.left_out} left out past the node limit)" if picture.left_out else "")
