"""Query parameters shared by routes, with their bounds (the largest come from the settings and
are written into the OpenAPI document by app/api/openapi.py)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import Path, Query
from pydantic import BeforeValidator

from app.model.documents import ID_MAX

ElementId = Annotated[str, Path(min_length=1, max_length=ID_MAX, description="the element's id")]
MaxDepth = Annotated[int | None, Query(ge=1, description="bound on hops; at most SIGRAPH_MAX_DEPTH_LIMIT")]
Limit = Annotated[int | None, Query(ge=1, description="result cap; at most SIGRAPH_RESULT_LIMIT (400 past it)")]
MaxTier = Annotated[int | None, Query(ge=1, description="the last tier answered; at most SIGRAPH_MAX_DEPTH_LIMIT")]
def _iso_date(value: object) -> object:
    """A date as the schema says (YYYY-MM-DD), not a number read as a timestamp."""
    if isinstance(value, str) and not _DATE.match(value):
        raise ValueError("a date such as 2026-11-23")
    return value


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
AsOf = Annotated[date | None, Query(description="date of the compliance check (YYYY-MM-DD); default: today"),
                 BeforeValidator(_iso_date)]

# Parameters whose largest value is a setting, and that setting's name on Settings.
SETTING_BOUNDS = {"max_depth": "max_depth_limit", "max_tier": "max_depth_limit", "limit": "result_limit"}
