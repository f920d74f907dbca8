"""The code's own checks run with the suite (so in CI): the layers hold, types are strict, lint is clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.config import PROJECT_ROOT

BIN = Path(sys.executable).parent


def _clean(*command: str) -> None:
    done = subprocess.run([str(BIN / command[0]), *command[1:]], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout[-4000:]}\n{done.stderr[-2000:]}"


def test_the_import_contracts_hold() -> None:
    """pyproject.toml [tool.importlinter]: no import runs from a lower layer to a higher one."""
    _clean("lint-imports", "--no-cache")


def test_mypy_strict_is_clean() -> None:
    _clean("mypy", "--strict", "app", "viz", "tests")


def test_ruff_is_clean() -> None:
    _clean("ruff", "check", "app", "viz", "tests")
