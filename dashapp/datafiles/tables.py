"""Read a CSV file of data/ with pandas and check it against its declared schema.

Each file's schema is a pandera DataFrameModel (the `Table` subclasses in
anatomy_schema.py and clinical_schema.py): columns, dtypes, allowed values,
ranges, uniqueness and named row rules. This module does what no library does
for us: it keeps every row's line number in the file (comment and blank lines
skipped, any line ending, UTF-8 with or without a byte-order mark) and turns
every failure into one line naming the file, the line and the column, so a
person fixing a hand-edited CSV knows where to look. No Dash here.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np
import pandas as pd
import pandera.extensions as pa_ext
import pandera.pandas as pa
from pandera.typing import Series

from dashapp.datafiles.locations import DataError, _where, assets_dir, data_dir

__all__ = ["DataError", "Table", "Series", "pa", "Row", "data_dir", "assets_dir", "read_frame",
           "text", "yes_no", "listed", "row_rule", "rows_failing", "refuse", "known_ids", "items",
           "rows", "split_items", "BOOL_WORDS"]


# --------------------------------------------------------------------------- declaring schemas

Problem = tuple  # (line or None, column or None, message)


class Table(pa.DataFrameModel):
    """Base of every file's schema. Cells arrive as text (stripped, empty = missing)
    and are coerced to the declared dtypes; an int or float column that does not
    coerce is reported as such. Columns are exactly those declared (order free)."""

    class Config:
        coerce = True
        strict = True


BOOL_WORDS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


@pa_ext.register_check_method(statistics=["allowed"], check_type="element_wise")
def items_in(value, *, allowed):
    """Every item of a ;-separated list is one of `allowed` (None: any item)."""
    return allowed is None or all(item in allowed for item in split_items(value))


@pa_ext.register_check_method(check_type="element_wise")
def boolean_word(value):
    return value.lower() in BOOL_WORDS


def _refs(refs: str | None, also: Iterable[str]) -> dict:
    return {} if refs is None else {"refs": refs, "also": tuple(also)}


def text(*, optional: bool = False, allowed: Iterable[str] | None = None,
         refs: str | None = None, also: Iterable[str] = (), **checks) -> Any:
    """A text column; `optional` may be empty; `allowed` lists its only values;
    refs="file.column": each value is an id of that column of another data file
    (or one of `also`), checked by known_ids()."""
    return pa.Field(nullable=optional, isin=None if allowed is None else sorted(allowed),
                    metadata=_refs(refs, also), **checks)


def yes_no() -> Any:
    """true/false (also yes/no, 1/0, any case) -> bool."""
    return pa.Field(boolean_word=(), metadata={"kind": "bool"})


def listed(*, optional: bool = True, allowed: Iterable[str] | None = None,
           refs: str | None = None, also: Iterable[str] = ()) -> Any:
    """A ;-separated list -> tuple of str; empty is the empty list when optional;
    `allowed` and `refs` apply to each item."""
    return pa.Field(nullable=optional, metadata={"kind": "list", **_refs(refs, also)},
                    items_in={"allowed": None if allowed is None else tuple(sorted(allowed))})


def known_ids(frames: dict[str, pd.DataFrame], name: str, schema: type[Table]) -> list[Problem]:
    """The named cross-file check: every value of a column declared with refs="file.column"
    is an id in that column of that file (each item of a list). `frames` maps a file's
    name (without .csv) to its checked DataFrame."""
    problems = []
    for column, spec in schema.to_schema().columns.items():
        meta = spec.metadata or {}
        if "refs" not in meta:
            continue
        target, target_column = meta["refs"].split(".")
        known = set(frames[target][target_column]) | set(meta["also"])
        for line, value in frames[name][column].dropna().items():
            items = split_items(value) if meta.get("kind") == "list" else [value]
            bad = next((item for item in items if item not in known), None)
            if bad is not None:
                problems.append((int(line), column,
                                 f"unknown {target_column.replace('_', ' ')} '{bad}'"))
    return problems


def items(values: pd.Series) -> pd.Series:
    """A list column's cells as lists (missing: empty), for row rules."""
    return values.map(lambda v: [] if pd.isna(v) else split_items(v))


# row rules: check name -> (column blamed, message, or function of the row giving it)
_RULES: dict[str, tuple[str, str | Callable[[dict], str]]] = {}


def row_rule(name: str, column: str, message: str | Callable[[dict], str]):
    """Declare a named row rule on a Table: the decorated classmethod returns a boolean
    Series (True = the row is fine); a failing row is reported on its line, `column`,
    with `message` (a str, formatted with the row's values, or a function of the row)."""
    _RULES[name] = (column, message)

    def decorate(method):
        return pa.dataframe_check(name=name, error=name)(method)

    return decorate


# --------------------------------------------------------------------------- reading

def split_items(value: str) -> list[str]:
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")  # Excel writes a byte-order mark: accept it
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        prefix = raw[start:exc.start].decode("utf-8", errors="replace")
        header = _first_header(raw[:start].decode("utf-8", errors="replace"))
        field_no = len(next(csv.reader([prefix]), [""])) - 1
        column = header[field_no] if header and line > 1 and field_no < len(header) else None
        raise DataError(path, f"byte 0x{raw[exc.start]:02x} is not UTF-8 text (save the file "
                        "as UTF-8)", line=line, column=column) from None


def _first_header(text: str) -> list[str] | None:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return [h.strip() for h in next(csv.reader([line]))]
    return None


_LONG_ROW = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def read_frame(path: str | Path, schema: type[Table]) -> pd.DataFrame:
    """The rows of one CSV file as a DataFrame checked against `schema` and coerced
    to its dtypes; the index is each row's line number in the file. Blank lines and
    lines starting with '#' (comments for people) are skipped. Raises DataError."""
    path = Path(path)
    if not path.is_file():
        raise DataError(path, "file not found")
    lines = _decode(path, path.read_bytes()).splitlines()
    kept = [n for n, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    columns = list(schema.to_schema().columns)
    if not kept:
        raise DataError(path, f"file is empty: the first line must be the header "
                        f"({','.join(columns)})", line=1)
    for n in kept:  # no field spans lines here, so an odd count of quotes is an open quote
        if lines[n].count('"') % 2:
            opened = lines[n].rfind('"') if lines[n].count('"') == 1 else _open_quote(lines[n])
            field_no = len(next(csv.reader([lines[n][:opened]]), [""])) - 1
            header = _first_header("\n".join(lines))
            column = header[field_no] if n != kept[0] and field_no < len(header) else None
            raise DataError(path, "a quoted value is not closed (a \" is missing)",
                            line=n + 1, column=column)
    skip = set(range(len(lines))) - set(kept)
    try:
        raw = pd.read_csv(io.StringIO("\n".join(lines)), header=None, dtype=str,
                          keep_default_na=False, engine="python",  # pads short rows with NaN
                          skiprows=skip.__contains__, skip_blank_lines=False)
    except pd.errors.ParserError as exc:
        match = _LONG_ROW.search(str(exc))
        if not match:
            raise DataError(path, f"cannot be read as CSV ({exc})") from None
        width, line, seen = match.groups()
        raise DataError(path, f"has {seen} fields, the header has {width}", line=int(line)) from None
    header = [str(h).strip() for h in raw.iloc[0]]
    _check_header(path, header, columns, kept[0] + 1)
    frame = raw.iloc[1:].set_axis(header, axis=1)
    frame.index = pd.Index([n + 1 for n in kept[1:]], name="line")
    if frame.empty:
        raise DataError(path, "has a header but no data rows", line=kept[0] + 1)
    short = frame.isna()
    if short.to_numpy().any():
        problems = [(line, header[int(np.argmax(row))],
                     f"has {int((~row).sum())} fields, the header has {len(header)}")
                    for line, row in zip(frame.index, short.to_numpy()) if row.any()]
        _raise(path, problems)
    frame = frame.apply(lambda col: col.str.strip()).replace("", None)
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        _raise(path, _problems(schema, frame, exc.failure_cases))


def _open_quote(line: str) -> int:
    """Index of the quote that is never closed."""
    inside, opened = False, 0
    for i, char in enumerate(line):
        if char == '"':
            inside = not inside
            opened = i if inside else opened
    return opened


def _check_header(path: Path, header: list[str], expected: list[str], line: int) -> None:
    missing = [name for name in expected if name not in header]
    if missing:
        raise DataError(path, f"missing column(s): {', '.join(missing)}", line=line)
    unknown = [name for name in header if name not in expected]
    if unknown:
        raise DataError(path, f"unexpected column(s): {', '.join(unknown)}", line=line)
    if len(set(header)) != len(header):
        raise DataError(path, "a column name appears twice", line=line)


def rows_failing(frame: pd.DataFrame, bad: pd.Series | np.ndarray, column: str,
                 message: str | Callable[[dict], str]) -> list[Problem]:
    """A problem on each row where `bad` is True; message: a str formatted with the
    row's values (and its line), or a function of them."""
    bad = np.asarray(bad, dtype=bool)
    if not bad.any():
        return []
    picked = frame[bad]
    picked = picked.astype(object).where(picked.notna(), None)
    out = []
    for line, values in zip(picked.index, picked.to_dict("records")):
        row = {"line": int(line), **values}
        out.append((int(line), column, message(row) if callable(message) else message.format(**row)))
    return out


def refuse(path: str | Path, problems: Iterable[Problem]) -> None:
    """Raise one DataError listing `problems` (first by line first); nothing if none."""
    problems = list(problems)
    if problems:
        _raise(Path(path), problems)


def _raise(path: Path, problems: list[Problem]):
    """One DataError: the first problem by line, the others listed after it."""
    unique = list(dict.fromkeys(problems))
    unique.sort(key=lambda p: (p[0] is None, p[0] or 0))
    (line, column, problem), *rest = unique
    raise DataError(path, problem, line=line, column=column,
                    more=[f"{_where('line', l, c)[5:] or 'file'}: {m}".lstrip(", ")
                          for l, c, m in rest])


def _problems(schema: type[Table], frame: pd.DataFrame, cases: pd.DataFrame):
    """pandera's failure cases -> (line, column, message), in the words of a person."""
    spec = schema.to_schema()
    problems, seen_cells = [], set()
    for case in cases.itertuples(index=False):
        line = None if pd.isna(case.index) else int(case.index)
        column, check = case.column, str(case.check)
        name = check.split("(")[0]
        if line is None and name not in ("column_in_dataframe",):
            continue  # follow-on of a value that did not coerce; reported on its line
        if name in _RULES:
            if (line, name) in seen_cells:
                continue
            seen_cells.add((line, name))
            blamed, message = _RULES[name]
            row = {"line": line, **frame.loc[line].to_dict()}
            text_ = message(row) if callable(message) else message.format(**row)
            problems.append((line, blamed, text_))
            continue
        if (line, column) in seen_cells:
            continue  # one problem per cell (pandera reports coerce and dtype alike)
        seen_cells.add((line, column))
        value = frame.at[line, column] if column in frame.columns else case.failure_case
        if name in ("coerce_dtype", "dtype"):
            kind = "a whole number" if "int" in check else "a number"
            problems.append((line, column, f"'{value}' is not {kind}"))
        elif name == "not_nullable":
            problems.append((line, column, "is empty"))
        elif name == "isin":
            allowed = ", ".join(sorted(_check_named(spec, column, "isin").statistics["allowed_values"]))
            problems.append((line, column, f"'{value}' is not one of: {allowed}"))
        elif name == "items_in":
            allowed = _allowed(spec, column)
            bad = next(item for item in split_items(value) if item not in allowed)
            problems.append((line, column, f"'{bad}' is not one of: {', '.join(allowed)}"))
        elif name == "boolean_word":
            problems.append((line, column, f"'{value}' is not true or false"))
        elif name in ("field_uniqueness", "multiple_fields_uniqueness"):
            keys = [column] if name == "field_uniqueness" else list(spec.unique)
            first = frame[keys].apply(tuple, axis=1)
            key = first.loc[line]
            first_line = int(first[first == key].index.min())
            if first_line != line:
                problems.append((line, keys[-1], f"duplicate {'/'.join(keys)} {key!r} "
                                 f"(first on line {first_line})"))
            for k in keys:
                seen_cells.add((line, k))
        elif name in _RANGES:
            stats = _check_named(spec, column, name).statistics
            bound = stats.get("min_value", stats.get("max_value"))
            problems.append((line, column, f"'{value}' {_RANGES[name]} {bound:g}"))
        else:  # another built-in check
            problems.append((line, column, f"'{value}' fails {check}"))
    return problems or [(None, None, "does not match its schema")]


_RANGES = {"greater_than_or_equal_to": "must be at least", "greater_than": "must be above",
           "less_than_or_equal_to": "must be at most", "less_than": "must be below"}


def _check_named(spec, column: str, name: str):
    return next(c for c in spec.columns[column].checks if c.name == name)


def _allowed(spec, column: str) -> list[str]:
    return sorted(_check_named(spec, column, "items_in").statistics["allowed"])


# --------------------------------------------------------------------------- rows for the loaders

@dataclass(frozen=True)
class Row:
    """A checked row with its line number, for the cross-file checks of the loaders."""

    line: int
    values: dict[str, Any] = field(hash=False)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


def rows(frame: pd.DataFrame, schema: type[Table]) -> list[Row]:
    """A checked frame as Rows of plain Python values: lists as tuples (empty: ()),
    flags as bool, missing values as None."""
    kinds = {name: (col.metadata or {}).get("kind") for name, col in schema.to_schema().columns.items()}
    convert: dict[str, Callable[[Any], Any]] = {}
    for name, kind in kinds.items():
        if kind == "list":
            convert[name] = lambda v: () if v is None else tuple(split_items(v))
        elif kind == "bool":
            convert[name] = lambda v: BOOL_WORDS[v.lower()]
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    out = []
    for line, record in zip(frame.index, records):
        for name, fn in convert.items():
            record[name] = fn(record[name])
        for name, value in record.items():
            if isinstance(value, np.generic):
                record[name] = value.item()
        out.append(Row(int(line), record))
    return out
