"""Read and check the coordinate files of data/ -> the Anatomy model (dashapp.model.anatomy).

Each file has a declared schema (the *File classes below, with their named
row rules); the rules that span several rows of a shape or another file are
the named checks in the loading section. Every problem is a DataError
naming the file, the line and the column. Imported only to read the files
(the checking child of cache.py, and the tests). No Dash here.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Sequence

import numpy as np
import pandas as pd

from dashapp.datafiles import tables
from dashapp.datafiles.clinical_schema import RegionsFile, RootsFile
from dashapp.datafiles.tables import (
    Series,
    Table,
    listed,
    pa,
    read_frame,
    refuse,
    row_rule,
    rows_failing,
    text,
)
from dashapp.model.anatomy import (
    DISC_LEVELS,
    FORAMEN_LEVELS,
    PEDICLE_LEVELS,
    SIDES,
    SPINE_KINDS,
    VERTEBRA_LEVELS,
    VIEW_BOXES,
    VIEWS,
    ZONES,
    Anatomy,
    LesionSite,
    NerveSegment,
    RegionShape,
    Shape,
    SpinePart,
    _frozen,
)

# kind -> (allowed levels or None for "must be empty", side required?)
_SPINE_RULES: dict[str, tuple[tuple[str, ...] | None, bool]] = {
    "vertebra": (VERTEBRA_LEVELS, False),
    "disc": (DISC_LEVELS, False),
    "pedicle": (PEDICLE_LEVELS, True),
    "sacral_foramen": (FORAMEN_LEVELS, True),
    "thecal_sac": (None, False),
}

_EPS = 1e-9


# --------------------------------------------------------------------------- file schemas

_BOXES = pd.DataFrame(VIEW_BOXES, index=["xmin", "xmax", "ymin", "ymax"]).T


def _in_box(df: pd.DataFrame, axis: str) -> pd.Series:
    """True where the coordinate lies in its view's box (an unknown view is the view
    column's own problem)."""
    view = df["view"] if "view" in df else pd.Series("spine", index=df.index)
    low, high = (view.map(_BOXES[f"{axis}{end}"]) for end in ("min", "max"))
    return low.isna() | df[axis].between(low - _EPS, high + _EPS)


def _outside(row: dict, axis: str) -> str:
    view = row.get("view", "spine")
    box = VIEW_BOXES[view]
    low, high = (box[0], box[1]) if axis == "x" else (box[2], box[3])
    return f"{axis} = {row[axis]} is outside the {view} view box [{low}, {high}]"


class _Placed(Table):
    """A point of the schematic, inside the box of its view (spine if it has no view)."""

    x: Series[float]
    y: Series[float]

    @row_rule("x inside the view box", "x", lambda row: _outside(row, "x"))
    def _x_in_box(cls, df):
        return _in_box(df, "x")

    @row_rule("y inside the view box", "y", lambda row: _outside(row, "y"))
    def _y_in_box(cls, df):
        return _in_box(df, "y")


class _Points(_Placed):
    """Numbered points of a polygon or path."""

    point: Series[int] = pa.Field(ge=0)


class OutlinesFile(_Points):
    outline: Series[str]
    view: Series[str] = text(allowed=VIEWS)
    label: Series[str]

    class Config:
        unique = ["outline", "point"]


def _spine_level_problem(row: dict) -> str:
    allowed, _ = _SPINE_RULES[row["kind"]]
    if allowed is None:
        return f"a {row['kind']} has no level (leave it empty)"
    shown = "empty" if row["level"] is None else f"'{row['level']}'"
    return f"level {shown} is not valid for a {row['kind']} (one of: {', '.join(allowed)})"


def _spine_side_problem(row: dict) -> str:
    _, needs_side = _SPINE_RULES[row["kind"]]
    return (f"a {row['kind']} needs a side (left or right)" if needs_side
            else f"a {row['kind']} has no side (leave it empty)")


class SpineFile(_Points):
    structure: Series[str]
    kind: Series[str] = text(allowed=SPINE_KINDS)
    level: Series[str] = text(optional=True)
    side: Series[str] = text(optional=True, allowed=SIDES)
    label: Series[str]

    class Config:
        unique = ["structure", "point"]

    @row_rule("spine level fits the kind", "level", _spine_level_problem)
    def _level_fits_kind(cls, df):
        def fits(kind, level):
            allowed, _ = _SPINE_RULES.get(kind, ((), False))
            return kind not in _SPINE_RULES or (level in allowed if allowed else pd.isna(level))
        return pd.Series([fits(k, lv) for k, lv in zip(df["kind"], df["level"])], index=df.index)

    @row_rule("spine side fits the kind", "side", _spine_side_problem)
    def _side_fits_kind(cls, df):
        needs = df["kind"].map({kind: rule[1] for kind, rule in _SPINE_RULES.items()})
        return needs.isna() | (needs.astype(bool) == df["side"].notna())


class NerveTrunksFile(Table):
    nerve: Series[str] = pa.Field(unique=True)
    trunk: Series[str]
    sources: Series[str] = listed(optional=False)


class NervePathsFile(_Points):
    root: Series[str]
    side: Series[str] = text(allowed=SIDES)
    view: Series[str] = text(allowed=VIEWS)
    segment: Series[int] = pa.Field(ge=0)
    nerve: Series[str]

    class Config:
        unique = ["root", "side", "view", "segment", "point"]


class RegionShapesFile(_Points):
    region: Series[str]
    side: Series[str] = text(allowed=SIDES)
    view: Series[str] = text(allowed=VIEWS)
    part: Series[int] = pa.Field(ge=0)

    class Config:
        unique = ["region", "side", "view", "part", "point"]

    @row_rule("no skin in the spine view", "view", "skin regions are not drawn in the spine view")
    def _not_in_spine_view(cls, df):
        return df["view"] != "spine"


class LesionSitesFile(_Placed):
    level: Series[str] = text(allowed=DISC_LEVELS)
    zone: Series[str] = text(allowed=ZONES)
    side: Series[str] = text(allowed=(*SIDES, "both"))

    class Config:
        unique = ["level", "zone", "side"]

    @row_rule("central takes both sides", "side",
              lambda row: f"zone {row['zone']} takes side "
                          f"{'both' if row['zone'] == 'central' else 'left or right'}")
    def _central_is_both(cls, df):
        return (df["zone"] == "central") == (df["side"] == "both")


# --------------------------------------------------------------------------- loading

def read_anatomy(data_dir: Path | None = None) -> Anatomy:
    """Read and validate the five coordinate files. Raises tables.DataError."""
    base = Path(data_dir) if data_dir is not None else tables.data_dir()
    roots = tuple(read_frame(base / "roots.csv", RootsFile)["root"])
    regions = read_frame(base / "regions.csv", RegionsFile)
    trunks = read_frame(base / "nerve_trunks.csv", NerveTrunksFile)
    return Anatomy(
        outlines=_outlines(base / "outlines.csv"),
        spine=_spine(base / "spine.csv"),
        nerves=_nerves(base / "nerve_paths.csv", roots, dict(zip(trunks["nerve"], trunks["trunk"]))),
        regions=_regions(base / "region_shapes.csv", dict(zip(regions["region"], regions["label"]))),
        lesion_sites=_lesion_sites(base / "lesion_sites.csv"),
        roots=roots,
        region_ids=tuple(regions["region"]),
    )


# Named checks over the points of each shape (a polygon or a path: the rows that
# share `keys`). `name` says which shape, formatted with a row's values.

class _Shapes:
    """A frame's rows grouped into shapes, in file order of each shape's first row;
    positions index the frame's rows."""

    def __init__(self, frame: pd.DataFrame, keys: Sequence[str]):
        self.frame = frame
        self.code = frame.groupby(list(keys), sort=False, dropna=False).ngroup().to_numpy()
        self.order = np.lexsort((frame["point"].to_numpy(), self.code))  # by shape, then point
        sorted_code = self.code[self.order]
        self.starts = np.r_[0, np.flatnonzero(np.diff(sorted_code)) + 1]
        self.ends = np.r_[self.starts[1:], len(self.order)] - 1
        self.first_in_file = np.unique(self.code, return_index=True)[1]

    def rows(self, positions, **extra) -> pd.DataFrame:
        return self.frame.iloc[positions].assign(**{k: np.asarray(v) for k, v in extra.items()})

    def heads(self) -> pd.DataFrame:
        """Each shape's first row in the file; missing values as None."""
        heads = self.frame.iloc[self.first_in_file]
        return heads.astype(object).where(heads.notna(), None)

    def coordinates(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Each shape's xs and ys in point order (read-only arrays)."""
        xs = np.split(self.frame["x"].to_numpy(float)[self.order], self.starts[1:])
        ys = np.split(self.frame["y"].to_numpy(float)[self.order], self.starts[1:])
        return ((_frozen(x), _frozen(y)) for x, y in zip(xs, ys))


def same_on_every_point(shapes: _Shapes, columns: Sequence[str], name: str) -> list:
    """An attribute of a whole shape is the same on all its points."""
    problems = []
    first = shapes.first_in_file[shapes.code]
    for column in columns:
        values = shapes.frame[column].to_numpy(object)
        firsts = values[first]
        differs = ~((values == firsts) | (pd.isna(values) & pd.isna(firsts)))
        bad = np.flatnonzero(differs)
        problems += rows_failing(
            shapes.rows(bad, _first=firsts[bad], _first_line=shapes.frame.index[first[bad]]),
            np.ones(len(bad), bool), column,
            lambda row, c=column: f"{name.format(**row)}: '{row[c]}' differs from "
                                  f"'{row['_first']}' on its point 0 (line {row['_first_line']})")
    return problems


def points_numbered(shapes: _Shapes, name: str) -> list:
    """Points run 0, 1, 2 ... without gaps (file order free); the first wrong one is named."""
    points = shapes.frame["point"].to_numpy()[shapes.order]
    group = np.repeat(np.arange(len(shapes.starts)), shapes.ends - shapes.starts + 1)
    expected = np.arange(len(points)) - shapes.starts[group]
    wrong = np.flatnonzero(points != expected)
    wrong = wrong[np.unique(group[wrong], return_index=True)[1]]  # the first per shape
    return rows_failing(shapes.rows(shapes.order[wrong], _expected=expected[wrong]),
                        np.ones(len(wrong), bool), "point",
                        lambda row: f"{name.format(**row)}: point numbers must run 0, 1, 2 … "
                                    f"without gaps; found {row['point']} where {row['_expected']} "
                                    "was expected")


def enough_points(shapes: _Shapes, least: int, name: str, what: str) -> list:
    """A polygon needs 4 points (the first repeated as last), a path 2."""
    count = shapes.ends - shapes.starts + 1
    return rows_failing(shapes.rows(shapes.order[shapes.ends], _count=count), count < least,
                        "point",
                        lambda row: f"{name.format(**row)}: {what} needs at least {least} points"
                                    f"{' (first repeated as last)' if least == 4 else ''}, "
                                    f"it has {row['_count']}")


def closed(shapes: _Shapes, name: str) -> list:
    """A polygon's last point repeats its first."""
    first, last = shapes.order[shapes.starts], shapes.order[shapes.ends]
    xs, ys = shapes.frame["x"].to_numpy(float), shapes.frame["y"].to_numpy(float)
    open_x = np.abs(xs[first] - xs[last]) > _EPS
    open_y = np.abs(ys[first] - ys[last]) > _EPS
    rows = shapes.rows(last, _x0=xs[first], _y0=ys[first], _line0=shapes.frame.index[first])
    message = (lambda row: f"{name.format(**row)}: polygon not closed: last point ({row['x']}, "
                           f"{row['y']}) differs from its first ({row['_x0']}, {row['_y0']}, "
                           f"line {row['_line0']})")
    return rows_failing(rows, open_x, "x", message) + rows_failing(rows, ~open_x & open_y, "y",
                                                                     message)


def known(frame: pd.DataFrame, column: str, ids, what: str) -> list:
    """Cross-file: each value is an id of another file."""
    return rows_failing(frame, ~frame[column].isin(list(ids)), column,
                        lambda row: f"unknown {what} '{row[column]}'")


def _checked_shapes(path: Path, frame: pd.DataFrame, keys: Sequence[str], name: str, *,
                    polygon: bool, same: Sequence[str] = ()) -> _Shapes:
    shapes = _Shapes(frame, keys)
    refuse(path, [*same_on_every_point(shapes, same, name),
                  *points_numbered(shapes, name),
                  *enough_points(shapes, 4 if polygon else 2, name,
                                 "a polygon" if polygon else "a path"),
                  *(closed(shapes, name) if polygon else [])])
    return shapes


def _built(shapes: _Shapes) -> Iterator[tuple[dict, np.ndarray, np.ndarray]]:
    """Each shape's first row (file order) and its coordinates."""
    return zip(shapes.heads().to_dict("records"), *zip(*shapes.coordinates()))


def _outlines(path: Path) -> tuple[Shape, ...]:
    frame = read_frame(path, OutlinesFile)
    shapes = _checked_shapes(path, frame, ["outline"], "outline '{outline}'", polygon=True,
                             same=["view", "label"])
    return tuple(Shape(id=head["outline"], view=head["view"], label=head["label"], xs=xs, ys=ys)
                 for head, xs, ys in _built(shapes))


def _spine(path: Path) -> tuple[SpinePart, ...]:
    frame = read_frame(path, SpineFile)
    shapes = _checked_shapes(path, frame, ["structure"], "structure '{structure}'", polygon=True,
                             same=["kind", "level", "side", "label"])
    heads = shapes.heads().fillna({"level": ""})
    repeated = heads.duplicated(["kind", "level", "side"])
    first_line = {key: line for key, line in zip(
        heads[["kind", "level", "side"]].itertuples(index=False, name=None), heads.index)}
    refuse(path, rows_failing(heads, repeated, "structure", lambda row: (
        f"structure '{row['structure']}' repeats kind/level/side "
        f"{(row['kind'], row['level'], row['side'])!r} of the structure starting on line "
        f"{first_line[(row['kind'], row['level'], row['side'])]}")))
    present = set(heads[["kind", "level", "side"]].itertuples(index=False, name=None))
    required = ([("vertebra", lv, None) for lv in VERTEBRA_LEVELS]
                + [("disc", lv, None) for lv in DISC_LEVELS]
                + [("pedicle", lv, s) for lv in PEDICLE_LEVELS for s in SIDES]
                + [("sacral_foramen", lv, s) for lv in FORAMEN_LEVELS for s in SIDES]
                + [("thecal_sac", "", None)])
    present = {(k, lv, None if pd.isna(s) else s) for k, lv, s in present}
    refuse(path, [(int(frame.index.max()), "structure",
                   "missing structure: " + " ".join(p for p in key if p))
                  for key in required if key not in present])
    return tuple(SpinePart(id=head["structure"], view="spine", label=head["label"], xs=xs, ys=ys,
                           kind=head["kind"], level=head["level"] or "",
                           side=head["side"] or None)
                 for head, xs, ys in _built(shapes))


_SEGMENT = ["root", "side", "view", "segment"]


def _nerves(path: Path, roots: tuple[str, ...], trunks: dict[str, str]) -> tuple[NerveSegment, ...]:
    frame = read_frame(path, NervePathsFile)
    refuse(path, known(frame, "root", roots, "root"))
    name = "{root} {side} {view} segment {segment}"
    shapes = _checked_shapes(path, frame, _SEGMENT, name, polygon=False, same=["nerve"])
    heads = shapes.heads()
    is_root = heads["nerve"] == heads["root"] + " nerve root"
    refuse(path, rows_failing(heads, ~is_root & ~heads["nerve"].isin(list(trunks)), "nerve",
                              "nerve '{nerve}' is not in nerve_trunks.csv"))
    in_spine = set(heads.loc[heads["view"] == "spine", ["root", "side"]].itertuples(
        index=False, name=None))
    problems = []
    for root in roots:
        for side in SIDES:
            if (root, side) not in in_spine:
                mine = frame[(frame["root"] == root) & (frame["side"] == side)]
                problems.append((int(mine.index.min()) if len(mine) else int(frame.index.max()),
                                 "view" if len(mine) else "root",
                                 f"root {root} {side} has no segment in the spine view"))
    refuse(path, problems)

    def label(head):
        nerve, root, side = head["nerve"], head["root"], head["side"]
        return f"{nerve} ({side})" if nerve.startswith(root) else f"{nerve} ({root} fibres, {side})"

    return tuple(NerveSegment(
        id="{root}_{side}_{view}_{segment}".format(**head), view=head["view"], label=label(head),
        xs=xs, ys=ys, root=head["root"], side=head["side"], segment=int(head["segment"]),
        nerve=head["nerve"],
        trunk="" if head["nerve"] == f"{head['root']} nerve root" else trunks[head["nerve"]])
        for head, xs, ys in _built(shapes))


_PIECE = ["region", "side", "view", "part"]


def _regions(path: Path, labels: dict[str, str]) -> tuple[RegionShape, ...]:
    frame = read_frame(path, RegionShapesFile)
    refuse(path, known(frame, "region", labels, "region"))
    shapes = _checked_shapes(path, frame, _PIECE, "region {region} {side} {view} part {part}",
                             polygon=True)
    present = set(frame[["region", "side"]].itertuples(index=False, name=None))
    problems = []
    for region in labels:
        for side in SIDES:
            if (region, side) not in present:
                mine = frame[frame["region"] == region]
                problems.append((int(mine.index.min()) if len(mine) else int(frame.index.max()),
                                 "side" if len(mine) else "region",
                                 f"region {region} has no shape on the {side} side"))
    refuse(path, problems)
    return tuple(RegionShape(
        id="{region}_{side}_{view}_{part}".format(**head), view=head["view"],
        label=f"{labels[head['region']]} ({head['side']})", xs=xs, ys=ys, region=head["region"],
        side=head["side"], part=int(head["part"]))
        for head, xs, ys in _built(shapes))


def _lesion_sites(path: Path) -> tuple[LesionSite, ...]:
    frame = read_frame(path, LesionSitesFile)
    present = set(frame[["level", "zone", "side"]].itertuples(index=False, name=None))
    refuse(path, [(int(frame.index.max()), "zone", f"missing lesion site: {level} {zone} {side}")
                  for level in DISC_LEVELS for zone in ZONES
                  for side in (("both",) if zone == "central" else SIDES)
                  if (level, zone, side) not in present])
    return tuple(LesionSite(level=r.level, zone=r.zone, side=r.side, x=float(r.x), y=float(r.y))
                 for r in frame.itertuples())
