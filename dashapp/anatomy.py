"""Load and validate the coordinate data of the schematic → an immutable model.

Five views, each in its own local coordinates (y up, arbitrary units, not to
scale); the figure builder places them side by side. Files (all in data/):

- outlines.csv       body silhouettes (closed polygons) per view
- spine.csv          vertebrae, discs, pedicles, sacral foramina, thecal sac
- lesion_sites.csv   where a lesion is drawn, per disc level, zone and side
- nerve_paths.csv    nerve polylines per root, side, view and segment
- region_shapes.csv  skin regions (closed polygons) per region, side, view

Every problem is a tables.DataError naming the file, the line and the column.
No Dash here, and nothing is cached: callers cache the Anatomy they load.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from . import tables
from .tables import Column, DataError, Row, read_ids, read_table, require_known, require_unique

VIEWS = ("spine", "front", "back", "foot_top", "foot_sole")
VIEW_BOXES: dict[str, tuple[float, float, float, float]] = {
    "spine": (-14.0, 14.0, 0.0, 46.0),
    "front": (-24.0, 24.0, 0.0, 104.0),
    "back": (-24.0, 24.0, 0.0, 104.0),
    "foot_top": (-16.0, 16.0, 0.0, 28.0),
    "foot_sole": (-16.0, 16.0, 0.0, 28.0),
}
SIDES = ("left", "right")
SPINE_KINDS = ("vertebra", "disc", "pedicle", "sacral_foramen", "thecal_sac")
VERTEBRA_LEVELS = ("L1", "L2", "L3", "L4", "L5", "S1")
PEDICLE_LEVELS = ("L1", "L2", "L3", "L4", "L5")
DISC_LEVELS = ("L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1")
FORAMEN_LEVELS = ("S1", "S2", "S3")
ZONES = ("central", "paracentral", "lateral-recess", "foraminal", "extraforaminal")

# kind -> (allowed levels or None for "must be empty", side required?)
_SPINE_RULES: dict[str, tuple[tuple[str, ...] | None, bool]] = {
    "vertebra": (VERTEBRA_LEVELS, False),
    "disc": (DISC_LEVELS, False),
    "pedicle": (PEDICLE_LEVELS, True),
    "sacral_foramen": (FORAMEN_LEVELS, True),
    "thecal_sac": (None, False),
}

_EPS = 1e-9


# --------------------------------------------------------------------------- model

@dataclass(frozen=True)
class Shape:
    """A polygon (closed: first point == last) or a polyline (nerves)."""

    id: str
    view: str
    label: str
    xs: tuple[float, ...]
    ys: tuple[float, ...]


@dataclass(frozen=True, kw_only=True)
class SpinePart(Shape):
    kind: str
    level: str  # "" for the thecal sac
    side: str | None = None


@dataclass(frozen=True, kw_only=True)
class NerveSegment(Shape):
    root: str
    side: str
    segment: int
    nerve: str
    trunk: str = ""  # "sciatic", "femoral", ... (data/nerve_trunks.csv); "" for a root itself


@dataclass(frozen=True, kw_only=True)
class RegionShape(Shape):
    region: str
    side: str
    part: int


@dataclass(frozen=True)
class LesionSite:
    level: str
    zone: str
    side: str  # left | right | both (central)
    x: float
    y: float


@dataclass(frozen=True)
class Anatomy:
    outlines: tuple[Shape, ...]
    spine: tuple[SpinePart, ...]
    nerves: tuple[NerveSegment, ...]
    regions: tuple[RegionShape, ...]
    lesion_sites: tuple[LesionSite, ...]
    roots: tuple[str, ...]
    region_ids: tuple[str, ...]
    _index: dict = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        nerves: dict[tuple[str, str], list[NerveSegment]] = defaultdict(list)
        for seg in self.nerves:
            nerves[(seg.root, seg.side)].append(seg)
        order = {view: i for i, view in enumerate(VIEWS)}
        nerve_index = {key: tuple(sorted(segs, key=lambda s: (order[s.view], s.segment)))
                       for key, segs in nerves.items()}
        regions: dict[tuple[str, str], list[RegionShape]] = defaultdict(list)
        for shape in self.regions:
            regions[(shape.region, shape.side)].append(shape)
        region_index = {key: tuple(sorted(shapes, key=lambda s: (order[s.view], s.part)))
                        for key, shapes in regions.items()}
        object.__setattr__(self, "_index", {
            "nerves": nerve_index,
            "regions": region_index,
            "sites": {(s.level, s.zone, s.side): s for s in self.lesion_sites},
            "spine": {(p.kind, p.level, p.side): p for p in self.spine},
        })

    def nerve_segments(self, root: str, side: str) -> tuple[NerveSegment, ...]:
        """All segments of one root on one side, in VIEWS order then segment number
        (empty for an unknown root or side)."""
        return self._index["nerves"].get((root, side), ())

    def region_shapes(self, region: str, side: str) -> tuple[RegionShape, ...]:
        """All polygons of one skin region on one side, in VIEWS order then part
        (empty for an unknown region or side)."""
        return self._index["regions"].get((region, side), ())

    def lesion_site(self, level: str, zone: str, side: str) -> LesionSite:
        """Where the figure draws a lesion. side is 'both' for the central zone.
        KeyError if absent."""
        return self._index["sites"][(level, zone, side)]

    def spine_part(self, kind: str, level: str | None, side: str | None = None) -> SpinePart:
        """One spine structure, e.g. ("disc", "L4-L5"), ("pedicle", "L5", "left"),
        ("thecal_sac", ""). KeyError if absent."""
        return self._index["spine"][(kind, level or "", side or None)]


# --------------------------------------------------------------------------- loading

def load_anatomy(data_dir: Path | None = None) -> Anatomy:
    """Read and validate the five coordinate files. Raises tables.DataError."""
    base = Path(data_dir) if data_dir is not None else tables.data_dir()
    roots = read_ids(base / "roots.csv", "root")
    region_ids = read_ids(base / "regions.csv", "region")
    region_labels = dict(zip(region_ids, read_ids(base / "regions.csv", "label")))
    return Anatomy(
        outlines=_load_outlines(base / "outlines.csv"),
        spine=_load_spine(base / "spine.csv"),
        nerves=_load_nerves(base / "nerve_paths.csv", roots, _load_trunks(base / "nerve_trunks.csv")),
        regions=_load_regions(base / "region_shapes.csv", region_ids, region_labels),
        lesion_sites=_load_lesion_sites(base / "lesion_sites.csv"),
        roots=roots,
        region_ids=region_ids,
    )


def _point_columns() -> list[Column]:
    return [Column("point", "int"), Column("x", "float"), Column("y", "float")]


def _group(rows: Iterable[Row], keys: Sequence[str]) -> dict[tuple, list[Row]]:
    groups: dict[tuple, list[Row]] = {}
    for row in rows:
        groups.setdefault(tuple(row[k] for k in keys), []).append(row)
    return groups


def _check_box(path: Path, row: Row, view: str) -> None:
    xmin, xmax, ymin, ymax = VIEW_BOXES[view]
    if not xmin - _EPS <= row["x"] <= xmax + _EPS:
        raise DataError(path, f"x = {row['x']} is outside the {view} view box [{xmin}, {xmax}]",
                        line=row.line, column="x")
    if not ymin - _EPS <= row["y"] <= ymax + _EPS:
        raise DataError(path, f"y = {row['y']} is outside the {view} view box [{ymin}, {ymax}]",
                        line=row.line, column="y")


def _check_same(path: Path, rows: list[Row], column: str, name: str) -> None:
    """An attribute of a whole polygon/polyline must be the same on all its points."""
    first = rows[0][column]
    for row in rows[1:]:
        if row[column] != first:
            raise DataError(path, f"{name}: '{row[column]}' differs from '{first}' "
                            f"on its point 0 (line {rows[0].line})", line=row.line, column=column)


def _ordered_points(path: Path, rows: list[Row], name: str) -> list[Row]:
    """Points numbered 0..n-1 without gaps (file order free); returns them sorted."""
    ordered = sorted(rows, key=lambda r: r["point"])
    for expected, row in enumerate(ordered):
        if row["point"] != expected:
            raise DataError(path, f"{name}: point numbers must run 0, 1, 2 … without gaps; "
                            f"found {row['point']} where {expected} was expected",
                            line=row.line, column="point")
    return ordered


def _polygon(path: Path, rows: list[Row], name: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
    ordered = _ordered_points(path, rows, name)
    last = ordered[-1]
    if len(ordered) < 4:
        raise DataError(path, f"{name}: a polygon needs at least 4 points (first repeated "
                        f"as last), it has {len(ordered)}", line=last.line, column="point")
    first = ordered[0]
    for column in ("x", "y"):
        if abs(first[column] - last[column]) > _EPS:
            raise DataError(path, f"{name}: polygon not closed: last point ({last['x']}, "
                            f"{last['y']}) differs from its first ({first['x']}, {first['y']}, "
                            f"line {first.line})", line=last.line, column=column)
    return tuple(r["x"] for r in ordered), tuple(r["y"] for r in ordered)


def _polyline(path: Path, rows: list[Row], name: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
    ordered = _ordered_points(path, rows, name)
    if len(ordered) < 2:
        raise DataError(path, f"{name}: a path needs at least 2 points, it has {len(ordered)}",
                        line=ordered[-1].line, column="point")
    return tuple(r["x"] for r in ordered), tuple(r["y"] for r in ordered)


def _last_line(rows: list[Row]) -> int:
    return max(r.line for r in rows)


def _load_outlines(path: Path) -> tuple[Shape, ...]:
    rows = read_table(path, [Column("outline"), Column("view", choices=frozenset(VIEWS)),
                             Column("label"), *_point_columns()])
    require_unique(path, rows, ["outline", "point"])
    shapes = []
    for (outline,), group in _group(rows, ["outline"]).items():
        name = f"outline '{outline}'"
        _check_same(path, group, "view", name)
        _check_same(path, group, "label", name)
        for row in group:
            _check_box(path, row, row["view"])
        xs, ys = _polygon(path, group, name)
        shapes.append(Shape(id=outline, view=group[0]["view"], label=group[0]["label"],
                            xs=xs, ys=ys))
    return tuple(shapes)


def _load_spine(path: Path) -> tuple[SpinePart, ...]:
    rows = read_table(path, [Column("structure"), Column("kind", choices=frozenset(SPINE_KINDS)),
                             Column("level", required=False),
                             Column("side", required=False, choices=frozenset(SIDES)),
                             Column("label"), *_point_columns()])
    require_unique(path, rows, ["structure", "point"])
    for row in rows:
        allowed, needs_side = _SPINE_RULES[row["kind"]]
        level = row["level"]
        if allowed is None and level is not None:
            raise DataError(path, f"a {row['kind']} has no level (leave it empty)",
                            line=row.line, column="level")
        if allowed is not None and level not in allowed:
            shown = "empty" if level is None else f"'{level}'"
            raise DataError(path, f"level {shown} is not valid for a {row['kind']} "
                            f"(one of: {', '.join(allowed)})", line=row.line, column="level")
        if needs_side and row["side"] is None:
            raise DataError(path, f"a {row['kind']} needs a side (left or right)",
                            line=row.line, column="side")
        if not needs_side and row["side"] is not None:
            raise DataError(path, f"a {row['kind']} has no side (leave it empty)",
                            line=row.line, column="side")
        _check_box(path, row, "spine")
    parts = []
    seen: dict[tuple, int] = {}
    groups = _group(rows, ["structure"])
    for (structure,), group in groups.items():
        name = f"structure '{structure}'"
        for column in ("kind", "level", "side", "label"):
            _check_same(path, group, column, name)
        head = group[0]
        key = (head["kind"], head["level"] or "", head["side"])
        if key in seen:
            raise DataError(path, f"{name} repeats kind/level/side {key!r} of the structure "
                            f"starting on line {seen[key]}", line=head.line, column="structure")
        seen[key] = head.line
        xs, ys = _polygon(path, group, name)
        parts.append(SpinePart(id=structure, view="spine", label=head["label"], xs=xs, ys=ys,
                               kind=head["kind"], level=head["level"] or "", side=head["side"]))
    required = ([("vertebra", lv, None) for lv in VERTEBRA_LEVELS]
                + [("disc", lv, None) for lv in DISC_LEVELS]
                + [("pedicle", lv, s) for lv in PEDICLE_LEVELS for s in SIDES]
                + [("sacral_foramen", lv, s) for lv in FORAMEN_LEVELS for s in SIDES]
                + [("thecal_sac", "", None)])
    for key in required:
        if key not in seen:
            kind, level, side = key
            what = " ".join(part for part in (kind, level, side) if part)
            raise DataError(path, f"missing structure: {what}", line=_last_line(rows),
                            column="structure")
    return tuple(parts)


def _load_trunks(path: Path) -> dict[str, str]:
    """Nerve name -> the trunk it belongs to (sciatic, femoral, ...)."""
    rows = read_table(path, [Column("nerve"), Column("trunk"), Column("sources", "list")])
    require_unique(path, rows, ["nerve"])
    return {row["nerve"]: row["trunk"] for row in rows}


def _load_nerves(path: Path, roots: tuple[str, ...],
                 trunks: dict[str, str]) -> tuple[NerveSegment, ...]:
    rows = read_table(path, [Column("root"), Column("side", choices=frozenset(SIDES)),
                             Column("view", choices=frozenset(VIEWS)), Column("segment", "int"),
                             Column("nerve"), *_point_columns()])
    for row in rows:
        require_known(path, row, "root", roots, "root")
        if row["segment"] < 0:
            raise DataError(path, "segment must be 0 or more", line=row.line, column="segment")
        _check_box(path, row, row["view"])
    keys = ["root", "side", "view", "segment"]
    require_unique(path, rows, [*keys, "point"])
    segments = []
    for (root, side, view, segment), group in _group(rows, keys).items():
        name = f"{root} {side} {view} segment {segment}"
        _check_same(path, group, "nerve", name)
        xs, ys = _polyline(path, group, name)
        nerve = group[0]["nerve"]
        is_root = nerve == f"{root} nerve root"
        if not is_root and nerve not in trunks:
            raise DataError(path, f"nerve '{nerve}' is not in nerve_trunks.csv",
                            line=group[0].line, column="nerve")
        label = (f"{nerve} ({side})" if nerve.startswith(root)
                 else f"{nerve} ({root} fibres, {side})")
        segments.append(NerveSegment(id=f"{root}_{side}_{view}_{segment}", view=view,
                                     label=label, xs=xs, ys=ys, root=root, side=side,
                                     segment=segment, nerve=nerve,
                                     trunk="" if is_root else trunks[nerve]))
    in_spine = {(s.root, s.side) for s in segments if s.view == "spine"}
    for root in roots:
        for side in SIDES:
            if (root, side) not in in_spine:
                mine = [r for r in rows if r["root"] == root and r["side"] == side]
                line = mine[0].line if mine else _last_line(rows)
                raise DataError(path, f"root {root} {side} has no segment in the spine view",
                                line=line, column="view" if mine else "root")
    return tuple(segments)


def _load_regions(path: Path, region_ids: tuple[str, ...],
                  labels: dict[str, str]) -> tuple[RegionShape, ...]:
    rows = read_table(path, [Column("region"), Column("side", choices=frozenset(SIDES)),
                             Column("view", choices=frozenset(VIEWS)), Column("part", "int"),
                             *_point_columns()])
    for row in rows:
        require_known(path, row, "region", region_ids, "region")
        if row["view"] == "spine":
            raise DataError(path, "skin regions are not drawn in the spine view",
                            line=row.line, column="view")
        if row["part"] < 0:
            raise DataError(path, "part must be 0 or more", line=row.line, column="part")
        _check_box(path, row, row["view"])
    keys = ["region", "side", "view", "part"]
    require_unique(path, rows, [*keys, "point"])
    shapes = []
    for (region, side, view, part), group in _group(rows, keys).items():
        xs, ys = _polygon(path, group, f"region {region} {side} {view} part {part}")
        shapes.append(RegionShape(id=f"{region}_{side}_{view}_{part}", view=view,
                                  label=f"{labels.get(region, region)} ({side})", xs=xs, ys=ys,
                                  region=region, side=side, part=part))
    present = {(s.region, s.side) for s in shapes}
    for region in region_ids:
        for side in SIDES:
            if (region, side) not in present:
                mine = [r for r in rows if r["region"] == region]
                line = mine[0].line if mine else _last_line(rows)
                raise DataError(path, f"region {region} has no shape on the {side} side",
                                line=line, column="side" if mine else "region")
    return tuple(shapes)


def _load_lesion_sites(path: Path) -> tuple[LesionSite, ...]:
    rows = read_table(path, [Column("level", choices=frozenset(DISC_LEVELS)),
                             Column("zone", choices=frozenset(ZONES)),
                             Column("side", choices=frozenset((*SIDES, "both"))),
                             Column("x", "float"), Column("y", "float")])
    require_unique(path, rows, ["level", "zone", "side"])
    sites = []
    for row in rows:
        if (row["zone"] == "central") != (row["side"] == "both"):
            expected = "both" if row["zone"] == "central" else "left or right"
            raise DataError(path, f"zone {row['zone']} takes side {expected}",
                            line=row.line, column="side")
        _check_box(path, row, "spine")
        sites.append(LesionSite(level=row["level"], zone=row["zone"], side=row["side"],
                                x=row["x"], y=row["y"]))
    present = {(s.level, s.zone, s.side) for s in sites}
    for level in DISC_LEVELS:
        for zone in ZONES:
            for side in (("both",) if zone == "central" else SIDES):
                if (level, zone, side) not in present:
                    raise DataError(path, f"missing lesion site: {level} {zone} {side}",
                                    line=_last_line(rows), column="zone")
    return tuple(sites)
