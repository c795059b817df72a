"""The immutable model of the schematic's coordinates, as the figure and hit-testing use it.

Five views, each in its own local coordinates (y up, arbitrary units, not to
scale); the figure builder places them side by side. Files (all in data/):

- outlines.csv       body silhouettes (closed polygons) per view
- spine.csv          vertebrae, discs, pedicles, sacral foramina, thecal sac
- lesion_sites.csv   where a lesion is drawn, per disc level, zone and side
- nerve_paths.csv    nerve polylines per root, side, view and segment
- region_shapes.csv  skin regions (closed polygons) per region, side, view

The files are read and checked into this model by dashapp.datafiles.anatomy_schema
(pandas and pandera), which a server that takes its model from the cache
(dashapp.datafiles.cache) never imports. Coordinates are read-only numpy arrays.
No I/O and no Dash here.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

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


# --------------------------------------------------------------------------- model

def _frozen(values) -> np.ndarray:
    array = np.array(values, dtype=float)
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class Shape:
    """A polygon (closed: first point == last) or a polyline (nerves); xs and ys are
    read-only float arrays."""

    id: str
    view: str
    label: str
    xs: np.ndarray = field(repr=False)
    ys: np.ndarray = field(repr=False)

    def __setstate__(self, state: dict) -> None:
        """From a pickle (datafiles/cache.py): arrays come back writable; read-only again."""
        self.__dict__.update(state)
        self.xs.setflags(write=False)
        self.ys.setflags(write=False)


@dataclass(frozen=True, eq=False, kw_only=True)
class SpinePart(Shape):
    kind: str
    level: str  # "" for the thecal sac
    side: str | None = None


@dataclass(frozen=True, eq=False, kw_only=True)
class NerveSegment(Shape):
    root: str
    side: str
    segment: int
    nerve: str
    trunk: str = ""  # "sciatic", "femoral", ... (data/nerve_trunks.csv); "" for a root itself


@dataclass(frozen=True, eq=False, kw_only=True)
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


@dataclass(frozen=True, eq=False)
class Anatomy:
    outlines: tuple[Shape, ...]
    spine: tuple[SpinePart, ...]
    nerves: tuple[NerveSegment, ...]
    regions: tuple[RegionShape, ...]
    lesion_sites: tuple[LesionSite, ...]
    roots: tuple[str, ...]
    region_ids: tuple[str, ...]
    _index: dict = field(init=False, repr=False)

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
        # every edge of every region polygon, for hit-testing a tap in one pass
        edges = [np.column_stack([s.xs[:-1], s.ys[:-1], s.xs[1:], s.ys[1:]]) for s in self.regions]
        object.__setattr__(self, "_index", {
            "nerves": nerve_index,
            "regions": region_index,
            "sites": {(s.level, s.zone, s.side): s for s in self.lesion_sites},
            "spine": {(p.kind, p.level, p.side): p for p in self.spine},
            "edges": np.concatenate(edges) if edges else np.empty((0, 4)),
            "edge_owner": np.repeat(np.arange(len(self.regions)), [len(e) for e in edges]),
            "region_views": np.array([s.view for s in self.regions]),
            "region_sides": np.array([s.side for s in self.regions]),
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

    def region_at(self, x: float, y: float, view: str | None = None,
                  side: str | None = None) -> RegionShape | None:
        """The first skin region (in file order) whose polygon contains (x, y), in `view`
        (and on `side`) or any. Even-odd ray casting over every edge at once."""
        x0, y0, x1, y1 = self._index["edges"].T
        with np.errstate(divide="ignore", invalid="ignore"):  # level edges never straddle
            crossing = ((y0 > y) != (y1 > y)) & (x < x0 + (y - y0) * (x1 - x0) / (y1 - y0))
        inside = np.bincount(self._index["edge_owner"][crossing],
                             minlength=len(self.regions)) % 2 == 1
        if view is not None:
            inside &= self._index["region_views"] == view
        if side is not None:
            inside &= self._index["region_sides"] == side
        hits = np.flatnonzero(inside)
        return self.regions[hits[0]] if hits.size else None
