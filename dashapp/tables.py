"""Read the CSV files in data/ against a declared schema.

Every problem is reported as a DataError naming the file, the line and the
column, so a person fixing a hand-edited CSV knows exactly where to look.
No Dash here: anatomy.py and clinical_data.py both load through this module.
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """data/ beside the package when installed from a wheel, else the repo's."""
    installed = _PACKAGE_DIR / "data"
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / "data"


def assets_dir() -> Path:
    installed = _PACKAGE_DIR / "assets"
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / "assets"


class DataError(ValueError):
    """A data file is malformed. The message names file, line and column."""

    def __init__(self, file: str | Path, problem: str, line: int | None = None,
                 column: str | None = None):
        self.file = Path(file).name
        self.line = line
        self.column = column
        self.problem = problem
        where = self.file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem}")


def _parse_str(text: str) -> str:
    return text


def _parse_int(text: str) -> int:
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0"):
        return False
    raise ValueError("expected true or false")


def _parse_list(text: str) -> tuple[str, ...]:
    """Semicolon-separated list; empty text is the empty list."""
    return tuple(part.strip() for part in text.split(";") if part.strip())


_PARSERS: dict[str, Callable[[str], Any]] = {
    "str": _parse_str,
    "int": _parse_int,
    "float": _parse_float,
    "bool": _parse_bool,
    "list": _parse_list,
}

_TYPE_WORDS = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "list": "a ;-separated list",
}


@dataclass(frozen=True)
class Column:
    """One column of a table: its type, whether it may be empty, what it may hold."""

    name: str
    kind: str = "str"  # str | int | float | bool | list
    required: bool = True
    choices: frozenset[str] | None = None  # allowed values (each item, for lists)

    def parse(self, text: str) -> Any:
        text = text.strip()
        if text == "":
            if self.required:
                raise ValueError("is empty")
            return () if self.kind == "list" else None
        try:
            value = _PARSERS[self.kind](text)
        except ValueError:
            raise ValueError(f"'{text}' is not {_TYPE_WORDS[self.kind]}") from None
        if self.choices is not None:
            items = value if self.kind == "list" else (value,)
            for item in items:
                if item not in self.choices:
                    allowed = ", ".join(sorted(self.choices))
                    raise ValueError(f"'{item}' is not one of: {allowed}")
        return value


@dataclass(frozen=True)
class Row:
    """A parsed row, remembering its line number for later cross-file checks."""

    line: int
    values: dict[str, Any] = field(hash=False)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


def read_table(path: str | Path, columns: Sequence[Column]) -> list[Row]:
    """Parse a CSV whose header must hold exactly `columns` (order free).

    Blank lines and lines starting with '#' are skipped (comments for people).
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(path, "file not found")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(path, f"not UTF-8 text ({exc.reason})") from None
    lines = text.splitlines()
    numbered = [(n, line) for n, line in enumerate(lines, start=1)
                if line.strip() and not line.lstrip().startswith("#")]
    if not numbered:
        raise DataError(path, "file is empty (no header row)")
    reader = csv.reader([line for _, line in numbered])
    try:
        records = list(reader)
    except csv.Error as exc:
        raise DataError(path, f"cannot be read as CSV ({exc})") from None
    header_line, header = numbered[0][0], [h.strip() for h in records[0]]
    expected = [c.name for c in columns]
    missing = [name for name in expected if name not in header]
    if missing:
        raise DataError(path, f"missing column(s): {', '.join(missing)}", line=header_line)
    unknown = [name for name in header if name not in expected]
    if unknown:
        raise DataError(path, f"unexpected column(s): {', '.join(unknown)}", line=header_line)
    if len(set(header)) != len(header):
        raise DataError(path, "a column name appears twice", line=header_line)
    rows: list[Row] = []
    for (line_no, _), record in zip(numbered[1:], records[1:]):
        if len(record) != len(header):
            raise DataError(path, f"has {len(record)} fields, the header has {len(header)}",
                            line=line_no)
        raw = dict(zip(header, record))
        values: dict[str, Any] = {}
        for column in columns:
            try:
                values[column.name] = column.parse(raw[column.name])
            except ValueError as exc:
                raise DataError(path, str(exc), line=line_no, column=column.name) from None
        rows.append(Row(line_no, values))
    if not rows:
        raise DataError(path, "has a header but no data rows")
    return rows


def require_unique(path: str | Path, rows: Iterable[Row], keys: Sequence[str]) -> None:
    """Each combination of `keys` may appear once."""
    seen: dict[tuple, int] = {}
    for row in rows:
        key = tuple(row[k] for k in keys)
        if key in seen:
            raise DataError(path, f"duplicate {'/'.join(keys)} {key!r} (first on line {seen[key]})",
                            line=row.line, column=keys[-1])
        seen[key] = row.line


def require_known(path: str | Path, row: Row, column: str, known: Iterable[str],
                  what: str) -> None:
    """Cross-file check: a value must be an id defined in another file."""
    known_set = set(known)
    values = row[column]
    items = values if isinstance(values, tuple) else (values,)
    for item in items:
        if item is not None and item not in known_set:
            raise DataError(path, f"unknown {what} '{item}'", line=row.line, column=column)


def read_ids(path: str | Path, column: str) -> tuple[str, ...]:
    """The id column of another file, for cross-file checks that need only ids."""
    path = Path(path)
    if not path.is_file():
        raise DataError(path, "file not found")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    records = list(csv.DictReader(lines))
    if not lines or column not in (records[0].keys() if records else next(csv.reader(lines[:1]))):
        raise DataError(path, f"missing column: {column}")
    return tuple(r[column].strip() for r in records)
