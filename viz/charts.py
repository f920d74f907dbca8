"""Two pictures that are charts, not networks: the portfolio (offerings by lifecycle, each with its
lowest service level and its last measured period) and the critical elements (a ranked bar chart).
Both are plain HTML and inline SVG, from the same answers as the JSON, for the caller's scope."""

from __future__ import annotations

from app.analysis.answers import CriticalElement, CriticalElementsAnswer, PortfolioAnswer
from viz.page import environment

BAR_MAX_PX = 520
LEVEL_NAMES = {1: "basic", 2: "user-focused", 3: "strategic and networked", 4: "service as the value proposition"}


def render_portfolio(answer: PortfolioAnswer) -> str:
    stages = [("pipeline", answer.pipeline), ("live", answer.live), ("retired", answer.retired)]
    return environment().get_template("portfolio.html").render(stages=stages, levels=LEVEL_NAMES,
                                                                truncated=answer.truncated)


def render_critical(answer: CriticalElementsAnswer, rank_by: str | None) -> str:
    def value(e: CriticalElement) -> float:
        return float(e.weight_down) if rank_by is not None and e.weight_down is not None else float(e.packages_down)

    top = max((value(e) for e in answer.elements), default=0.0) or 1.0
    bars = [(e, value(e), round(BAR_MAX_PX * value(e) / top)) for e in answer.elements]
    return environment().get_template("critical.html").render(bars=bars, rank_by=rank_by, truncated=answer.truncated)
