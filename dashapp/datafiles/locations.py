"""Where the data files are, and the error a malformed one raises.

Kept apart from tables.py (pandas and pandera, which read and check the files) so
the serving code can name them without importing those libraries. No Dash here.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # dashapp/


def data_dir() -> Path:
    """$SPINEFOOT_DATA if set (a checked copy, e.g. to try an edit before it ships),
    else data/ beside the package when installed from a wheel, else the repo's."""
    if os.environ.get("SPINEFOOT_DATA"):
        return Path(os.environ["SPINEFOOT_DATA"])
    installed = _PACKAGE_DIR / "data"
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / "data"


def assets_dir() -> Path:
    installed = _PACKAGE_DIR / "assets"
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / "assets"


class DataError(ValueError):
    """A data file is malformed. The message names file, line and column; `more`
    lists further problems found in the same file (shown after the first)."""

    def __init__(self, file: str | Path, problem: str, line: int | None = None,
                 column: str | None = None, more: Sequence[str] = ()):
        self.file = Path(file).name
        self.line = line
        self.column = column
        self.problem = problem
        self.more = tuple(more)
        message = f"{_where(self.file, line, column)}: {problem}"
        if self.more:
            shown = "; ".join(self.more[:3])
            rest = len(self.more) - 3
            message += f" (also {shown}" + (f"; and {rest} more" if rest > 0 else "") + ")"
        super().__init__(message)

    def __reduce__(self):
        # rebuilt from its parts when it crosses a pickle (cache.py's checking process)
        return DataError, (self.file, self.problem, self.line, self.column, self.more)


def _where(file: str, line: int | None, column: str | None) -> str:
    where = file
    if line is not None:
        where += f", line {line}"
    if column is not None:
        where += f", column '{column}'"
    return where
