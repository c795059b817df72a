"""Anatomy model + highlight state → Plotly figure. No Dash here.

The figure is built once; a selection only changes styles (trace styles,
which lesion shapes and labels show), described by dashapp/highlight.py and
applied in the browser by assets/highlight.js from this module's style table.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable

import plotly.graph_objects as go

from dashapp.model.anatomy import VIEW_BOXES, VIEWS, Anatomy

# --- look -----------------------------------------------------------------
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
INK = "#1f2933"
SKIN = "#f6ede4"
SKIN_LINE = "#b9a696"
BONE = "#ece6da"
BONE_LINE = "#8c8272"
NERVE = "#d9a92b"  # anatomy atlases draw nerves yellow
HOT = "#c81d25"  # the affected root and its territory
WARM = "#e07a1f"  # possible / secondary involvement
MARK = "#1b6ca8"  # regions the user marked in reverse mode
LESION = "#7b2cbf"

# styles[trace class][state] -> attribute values. States: base (nothing
# chosen), on (affected), possible/secondary (weaker involvement), off
# (recedes), marked (reverse mode: the user said it hurts there), explained
# (marked, and the best match explains it).
# Colour is never the only cue: width, dash and fill pattern change too.
STYLES: dict[str, dict[str, dict]] = {
    "nerve": {
        "base": {"opacity": 0.9, "line.color": NERVE, "line.width": 1.6, "line.dash": "solid"},
        "on": {"opacity": 1.0, "line.color": HOT, "line.width": 5.0, "line.dash": "solid"},
        "possible": {"opacity": 1.0, "line.color": WARM, "line.width": 3.4, "line.dash": "dash"},
        "off": {"opacity": 0.35, "line.color": "#c9b98f", "line.width": 1.0, "line.dash": "solid"},
    },
    "region": {
        "base": {"opacity": 1.0, "line.color": "rgba(150,130,115,0.45)", "line.width": 0.6,
                 "fillcolor": "rgba(232,214,198,0.55)", "fillpattern.shape": ""},
        "on": {"opacity": 1.0, "line.color": HOT, "line.width": 1.8,
               "fillcolor": "rgba(200,29,37,0.42)", "fillpattern.shape": "/"},
        "secondary": {"opacity": 1.0, "line.color": WARM, "line.width": 1.2,
                      "fillcolor": "rgba(224,122,31,0.26)", "fillpattern.shape": "."},
        "marked": {"opacity": 1.0, "line.color": MARK, "line.width": 2.4,
                   "fillcolor": "rgba(27,108,168,0.40)", "fillpattern.shape": "x"},
        # marked, and explained by the best match: the red of what the root lights,
        # ringed by a thick blue edge (marked), hatched '/' not crossed 'x'
        "explained": {"opacity": 1.0, "line.color": MARK, "line.width": 3.2,
                      "fillcolor": "rgba(200,29,37,0.55)", "fillpattern.shape": "/",
                      "fillpattern.fgcolor": HOT},
        "off": {"opacity": 1.0, "line.color": "rgba(150,130,115,0.25)", "line.width": 0.5,
                "fillcolor": "rgba(232,214,198,0.30)", "fillpattern.shape": ""},
    },
    "disc": {
        "base": {"opacity": 1.0, "line.color": "#7d8aa0", "line.width": 1.0,
                 "fillcolor": "#c9d3e3", "fillpattern.shape": ""},
        "on": {"opacity": 1.0, "line.color": LESION, "line.width": 2.6,
               "fillcolor": "#d9c6ef", "fillpattern.shape": "-"},
        "off": {"opacity": 0.75, "line.color": "#9aa5b5", "line.width": 0.8,
                "fillcolor": "#dde3ec", "fillpattern.shape": ""},
    },
    "bone": {
        "base": {"opacity": 1.0, "line.color": BONE_LINE, "line.width": 1.0,
                 "fillcolor": BONE, "fillpattern.shape": ""},
        "on": {"opacity": 1.0, "line.color": LESION, "line.width": 2.4,
               "fillcolor": "#e9dcf5", "fillpattern.shape": ""},
        "off": {"opacity": 0.8, "line.color": "#b3aa9c", "line.width": 0.8,
                "fillcolor": "#f1ede6", "fillpattern.shape": ""},
    },
    "fixed": {"base": {}},  # outlines, thecal sac: never change
}
# fill in attributes a class does not use so every style has every attribute
for _cls in STYLES.values():
    for _style in _cls.values():
        _style.setdefault("opacity", 1.0)
        _style.setdefault("line.dash", "solid")
        _style.setdefault("fillpattern.shape", "")
        if "fillcolor" in _style:  # a pattern's marks in the edge's colour unless set apart
            _style.setdefault("fillpattern.fgcolor", _style["line.color"])

VIEW_TITLES = {
    "spine": "Spine, from behind",
    "front": "Legs, front",
    "back": "Legs, back",
    "foot_top": "Tops of feet",
    "foot_sole": "Soles",
}

# Arrangements: rows of cells; a cell stacks views; each view has a scale
# (the spine is a close-up, so drawn larger). Units are view units.
# The browser picks the one that draws largest in the space it has.
ARRANGEMENTS: dict[str, list[list[list[tuple[str, float]]]]] = {
    "wide": [[[("spine", 2.0)], [("front", 1.0)], [("back", 1.0)],
              [("foot_top", 1.0), ("foot_sole", 1.0)]]],
    "square": [[[("spine", 2.0)], [("front", 1.0)], [("back", 1.0)]],
               [[("foot_top", 1.35)], [("foot_sole", 1.35)]]],
    "tall": [[[("spine", 1.45)], [("foot_top", 0.95), ("foot_sole", 0.95)]],
             [[("front", 1.0)], [("back", 1.0)]]],
}
GAP = 4.0  # view units between views
TITLE_ROOM = 10.5  # view units above each view: its title, and under it the sides in words


def axis_names(view: str) -> tuple[str, str]:
    """('x2', 'y2')-style trace references of a view's axes."""
    n = VIEWS.index(view) + 1
    suffix = "" if n == 1 else str(n)
    return "x" + suffix, "y" + suffix


# view units beside a view: the spine's root names (L1 … S3) sit outside its
# nerves' ends and must not run off the picture ("L1" shown as "_1")
SIDE_ROOM = {"spine": 3.2}


def _pad(view: str) -> tuple[float, float, float, float]:
    xmin, xmax, ymin, ymax = VIEW_BOXES[view]
    side = SIDE_ROOM.get(view, 1.0)
    return xmin - side, xmax + side, ymin - 1.0, ymax + TITLE_ROOM


def arrangement_layout(name: str) -> dict:
    """Axis domains for an arrangement, plus its width/height ratio.

    Returns {"layout": {"xaxis.domain": [...], ...}, "aspect": width/height,
    "units": [width, height]} so the browser can choose and switch
    arrangement with one relayout, no rebuild.
    """
    rows = ARRANGEMENTS[name]
    placed: dict[str, tuple[float, float, float, float]] = {}  # view -> x0,x1,y0,y1 in units
    row_sizes = []
    for row in rows:
        widths, heights = [], []
        for cell in row:
            sizes = []
            for view, scale in cell:
                x0, x1, y0, y1 = _pad(view)
                sizes.append(((x1 - x0) * scale, (y1 - y0) * scale))
            widths.append(max(w for w, _ in sizes))
            heights.append(sum(h for _, h in sizes) + GAP * (len(sizes) - 1))
        row_sizes.append((widths, heights))
    total_w = max(sum(w) + GAP * (len(w) - 1) for w, _ in row_sizes)
    total_h = sum(max(h) for _, h in row_sizes) + GAP * (len(rows) - 1)
    top = total_h
    for row, (widths, heights) in zip(rows, row_sizes):
        row_h = max(heights)
        left = (total_w - (sum(widths) + GAP * (len(widths) - 1))) / 2
        for cell, cell_w, cell_h in zip(row, widths, heights):
            y = top - (row_h - cell_h) / 2
            for view, scale in cell:
                x0, x1, y0, y1 = _pad(view)
                w, h = (x1 - x0) * scale, (y1 - y0) * scale
                cx = left + (cell_w - w) / 2
                placed[view] = (cx, cx + w, y - h, y)
                y -= h + GAP
            left += cell_w + GAP
        top -= row_h + GAP
    layout = {}
    for view, (x0, x1, y0, y1) in placed.items():
        xa, ya = axis_names(view)
        xkey = "xaxis" if xa == "x" else "xaxis" + xa[1:]
        ykey = "yaxis" if ya == "y" else "yaxis" + ya[1:]
        layout[f"{xkey}.domain"] = [round(x0 / total_w, 4), round(x1 / total_w, 4)]
        layout[f"{ykey}.domain"] = [round(y0 / total_h, 4), round(y1 / total_h, 4)]
    return {"layout": layout, "aspect": round(total_w / total_h, 4),
            "units": [round(total_w, 2), round(total_h, 2)]}


# --- geometry helpers -------------------------------------------------------

def _joined(shapes: Iterable) -> tuple[list, list]:
    """Concatenate polylines with None gaps (one trace, several pieces)."""
    xs: list = []
    ys: list = []
    for shape in shapes:
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(shape.xs.tolist())  # plain numbers: the figure JSON stays a list
        ys.extend(shape.ys.tolist())
    return xs, ys


def _svg_path(points: list[tuple[float, float]], closed: bool = True) -> str:
    head, *rest = points
    path = f"M {head[0]:.2f},{head[1]:.2f} " + " ".join(f"L {x:.2f},{y:.2f}" for x, y in rest)
    return path + (" Z" if closed else "")


def _blob(cx: float, cy: float, rx: float, ry: float, n: int = 20) -> str:
    return _svg_path([(cx + rx * math.cos(2 * math.pi * k / n),
                       cy + ry * math.sin(2 * math.pi * k / n)) for k in range(n)])


def _spur(cx: float, cy: float, toward: float, size: float = 1.0) -> str:
    """A jagged bony spur pointing sideways (toward=+1 right, -1 left)."""
    pts = [(cx - toward * size * 0.6, cy + size * 0.9), (cx + toward * size * 0.5, cy + size * 0.45),
           (cx - toward * size * 0.1, cy + size * 0.15), (cx + toward * size * 0.9, cy - size * 0.05),
           (cx - toward * size * 0.1, cy - size * 0.35), (cx + toward * size * 0.45, cy - size * 0.75),
           (cx - toward * size * 0.6, cy - size * 0.9)]
    return _svg_path(pts)


def _pinch(cx: float, cy: float, toward: float, depth: float = 1.1, height: float = 1.6) -> str:
    """A wedge pressing inward (toward the root) — narrowing of a canal or foramen."""
    return _svg_path([(cx - toward * depth, cy + height / 2), (cx, cy),
                      (cx - toward * depth, cy - height / 2)])


def _side_sign(side: str) -> float:
    """+1 if that side is to the viewer's right in the spine view (posterior view)."""
    return -1.0 if side == "left" else 1.0


# --- the figure and its index ----------------------------------------------

@dataclass
class FigureIndex:
    """Which trace / shape / label stands for what, for highlighting."""

    trace_class: list[str] = field(default_factory=list)  # per trace: style class
    trace_key: list[str] = field(default_factory=list)  # per trace: "nerve:L5:left:limb:back", ...
    shapes: dict[str, int] = field(default_factory=dict)  # lesion key -> layout shape index
    # "root:L5:left" / "lesion:bulge:L4-L5:paracentral:left" -> (trace index, point index)
    label_points: dict[str, tuple[int, int]] = field(default_factory=dict)
    label_colors: dict[int, list[str]] = field(default_factory=dict)  # per label trace, when shown
    # side -> [[annotation 'Left', annotation 'LEFT leg'], ...] per leg and foot view
    side_notes: dict[str, list[list[int]]] = field(default_factory=dict)

    def traces_for(self, prefix: str) -> list[int]:
        return [i for i, key in enumerate(self.trace_key) if key.startswith(prefix)]

    def client_table(self) -> dict:
        """The style table assets/highlight.js needs (sent once per page)."""
        return {"classes": self.trace_class, "styles": STYLES,
                "shapeCount": len(self.shapes),
                "labelColors": {str(k): v for k, v in self.label_colors.items()}}


class _Traces:
    """The figure's traces as they are added, with the index the highlight uses."""

    def __init__(self):
        self.index = FigureIndex()
        self.traces: list[go.Scatter] = []

    def add(self, trace: go.Scatter, cls: str, key: str, view: str) -> None:
        xa, ya = axis_names(view)
        trace.update(xaxis=xa, yaxis=ya, meta=key)
        trace.update({k: v for k, v in flat_to_nested(STYLES[cls]["base"]).items()})
        self.traces.append(trace)
        self.index.trace_class.append(cls)
        self.index.trace_key.append(key)


def build_figure(anatomy: Anatomy, arrangement: str = "wide") -> tuple[go.Figure, FigureIndex]:
    """The whole schematic in its resting state (nothing highlighted)."""
    out = _Traces()
    _add_outlines(out, anatomy)
    _add_regions(out, anatomy)
    _add_spine(out, anatomy)
    _add_nerves(out, anatomy)
    index = out.index
    layout_shapes, index.shapes = _lesion_shapes(anatomy)
    for trace in _label_traces(anatomy, index, first=len(out.traces)):
        out.traces.append(trace)
        index.trace_class.append("fixed")
        index.trace_key.append(trace.meta)
    fig = go.Figure(data=out.traces)
    fig.update_layout(**_figure_layout(arrangement), shapes=layout_shapes,
                      annotations=_annotations(anatomy, index.side_notes))
    return fig, index


def _add_outlines(out: _Traces, anatomy: Anatomy) -> None:
    for outline in anatomy.outlines:
        # the silhouette is not hovered: Plotly would name it instead of the
        # skin region or nerve drawn over it
        out.add(go.Scatter(x=outline.xs.tolist(), y=outline.ys.tolist(), fill="toself",
                           fillcolor=SKIN, mode="lines", line={"color": SKIN_LINE, "width": 1.2},
                           name=outline.label, hoverinfo="skip", showlegend=False),
                "fixed", f"outline:{outline.id}", outline.view)


def _add_regions(out: _Traces, anatomy: Anatomy) -> None:
    for region_id in anatomy.region_ids:
        for side in ("left", "right"):
            by_view: dict[str, list] = {}
            for shape in anatomy.region_shapes(region_id, side):
                by_view.setdefault(shape.view, []).append(shape)
            for view, pieces in by_view.items():
                xs, ys = _joined(pieces)
                out.add(go.Scatter(x=xs, y=ys, fill="toself", mode="lines", hoveron="fills",
                                   name=pieces[0].label, hoverinfo="name", showlegend=False),
                        "region", f"region:{region_id}:{side}:{view}", view)


def _add_spine(out: _Traces, anatomy: Anatomy) -> None:
    for part in anatomy.spine:
        cls = {"vertebra": "bone", "pedicle": "bone", "disc": "disc"}.get(part.kind, "fixed")
        key = f"spine:{part.kind}:{part.level}:{part.side or ''}"
        trace = go.Scatter(x=part.xs.tolist(), y=part.ys.tolist(), fill="toself", mode="lines",
                           hoveron="fills", name=part.label, hoverinfo="name", showlegend=False)
        if part.kind == "thecal_sac":
            trace.update(fillcolor="rgba(173,216,230,0.55)", line={"color": "#5d8aa8", "width": 1})
        elif part.kind == "sacral_foramen":
            trace.update(fillcolor="#ffffff", line={"color": BONE_LINE, "width": 0.8})
        out.add(trace, cls, key, "spine")


def _add_nerves(out: _Traces, anatomy: Anatomy) -> None:
    for root in anatomy.roots:
        for side in ("left", "right"):
            # one trace per part and view: the root in the spine, its fibres in
            # the sciatic nerve and its branches, and in other nerves; so the
            # sciatic nerve can light alone (irritated outside the spine)
            by_part: dict[tuple[str, str], list] = {}
            for seg in anatomy.nerve_segments(root, side):
                part = ("spine" if seg.view == "spine"
                        else "sciatic" if seg.trunk == "sciatic" else "limb")
                by_part.setdefault((part, seg.view), []).append(seg)
            for (part, view), segs in by_part.items():
                xs, ys = _joined(segs)
                hover: list = []
                for seg in segs:
                    if hover:
                        hover.append(None)
                    hover.extend([seg.label] * len(seg.xs))
                out.add(go.Scatter(x=xs, y=ys, mode="lines", hovertext=hover, hoverinfo="text",
                                   name=f"{root} {side}", showlegend=False,
                                   line={"shape": "spline", "smoothing": 0.6}),
                        "nerve", f"nerve:{root}:{side}:{part}:{view}", view)


def _figure_layout(arrangement: str) -> dict:
    """The views' axes in `arrangement`, and everything else the layout holds."""
    arr = arrangement_layout(arrangement)
    axes = {}
    for view in VIEWS:
        xa, ya = axis_names(view)
        xkey = "xaxis" if xa == "x" else "xaxis" + xa[1:]
        ykey = "yaxis" if ya == "y" else "yaxis" + ya[1:]
        x0, x1, y0, y1 = _pad(view)
        hidden = {"visible": False, "fixedrange": True, "showgrid": False, "zeroline": False}
        axes[xkey] = {**hidden, "range": [x0, x1], "domain": arr["layout"][f"{xkey}.domain"]}
        axes[ykey] = {**hidden, "range": [y0, y1], "domain": arr["layout"][f"{ykey}.domain"],
                      "scaleanchor": xa, "scaleratio": 1, "constrain": "domain"}
    return dict(
        **axes,
        margin={"l": 10, "r": 10, "t": 4, "b": 4},  # room for a side name at the edge
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        font={"family": FONT, "color": INK, "size": 12},
        hovermode="closest",
        hoverdistance=8,  # a nerve is named when pointed at; elsewhere the skin region
        hoverlabel={"font": {"family": FONT, "size": 13}, "namelength": -1},  # never cut names
        dragmode=False,
        # what a "✎ Draw" stroke looks like (assets/highlight.js switches drawing on)
        newshape={"line": {"color": MARK, "width": 4}, "opacity": 0.9},
        showlegend=False,
        autosize=True,
        uirevision="schematic",
    )


def flat_to_nested(style: dict) -> dict:
    """{'line.color': c} -> {'line': {'color': c}} for go.Scatter.update."""
    nested: dict = {}
    for key, value in style.items():
        head, _, tail = key.partition(".")
        if tail:
            nested.setdefault(head, {})[tail] = value
        else:
            nested[head] = value
    return nested


def _lesion_shapes(anatomy: Anatomy) -> tuple[list[dict], dict[str, int]]:
    """Every lesion the engine can name, drawn once and hidden until chosen."""
    xa, ya = axis_names("spine")
    shapes: list[dict] = []
    keys: dict[str, int] = {}
    levels = sorted({site.level for site in anatomy.lesion_sites})

    def put(key: str, path: str, fill: str = "rgba(123,44,191,0.55)", dash: str = "solid") -> None:
        keys[key] = len(shapes)
        # always drawn, hidden by opacity: showing one is then a style change
        shapes.append({"type": "path", "path": path, "xref": xa, "yref": ya, "opacity": 0,
                       "fillcolor": fill, "line": {"color": LESION, "width": 2, "dash": dash},
                       "layer": "above"})

    for level in levels:
        disc = anatomy.spine_part("disc", level)
        disc_cx = (min(disc.xs) + max(disc.xs)) / 2
        disc_cy = (min(disc.ys) + max(disc.ys)) / 2
        disc_w = max(disc.xs) - min(disc.xs)
        disc_h = max(disc.ys) - min(disc.ys)
        central = anatomy.lesion_site(level, "central", "both")
        put(f"central-bulge:{level}:both", _blob(central.x, central.y, disc_w * 0.22, disc_h * 0.8))
        put(f"canal-narrowing:{level}:both",
            _pinch(central.x - 1.9, central.y, -1.0) + " " + _pinch(central.x + 1.9, central.y, 1.0),
            fill="rgba(123,44,191,0.65)")
        upper = level.split("-")[0]
        vert = anatomy.spine_part("vertebra", upper)
        # slip: seen from behind a forward slip cannot show, so the slipped
        # vertebra is ringed (dashed); a side view under the picture shows it
        # standing forward of the one below (slip_side_view_svg)
        vx = (min(vert.xs) + max(vert.xs)) / 2
        vy = (min(vert.ys) + max(vert.ys)) / 2
        ring = [(vx + (x - vx) * 1.12, vy + (y - vy) * 1.12) for x, y in zip(vert.xs, vert.ys)]
        put(f"slip:{level}:both", _svg_path(ring),
            fill="rgba(123,44,191,0.12)", dash="dash")
        squashed = [(disc_cx + (x - disc_cx) * 1.02, disc_cy + (y - disc_cy) * 0.35)
                    for x, y in zip(disc.xs, disc.ys)]
        put(f"collapse:{level}:both", _svg_path(squashed), fill="rgba(123,44,191,0.70)")
        for side in ("left", "right"):
            sign = _side_sign(side)
            for zone in ("paracentral", "foraminal", "extraforaminal"):
                site = anatomy.lesion_site(level, zone, side)
                put(f"bulge:{level}:{zone}:{side}", _blob(site.x, site.y, 1.15, 0.85))
            recess = anatomy.lesion_site(level, "lateral-recess", side)
            foramen = anatomy.lesion_site(level, "foraminal", side)
            for zone, site in (("lateral-recess", recess), ("foraminal", foramen)):
                put(f"spur:{level}:{zone}:{side}", _spur(site.x + sign * 1.2, site.y, -sign, 1.0),
                    fill="rgba(140,130,114,0.9)")
            put(f"recess-narrowing:{level}:{side}", _pinch(recess.x + sign * 1.3, recess.y, -sign),
                fill="rgba(123,44,191,0.65)")
            # the foramen squeezed from above and below (disc height lost, spurs)
            put(f"foraminal-narrowing:{level}:{side}",
                _svg_path([(foramen.x - 0.9, foramen.y + 1.3), (foramen.x + 0.9, foramen.y + 1.3),
                           (foramen.x, foramen.y + 0.35)]) + " " +
                _svg_path([(foramen.x - 0.9, foramen.y - 1.3), (foramen.x + 0.9, foramen.y - 1.3),
                           (foramen.x, foramen.y - 0.35)]),
                fill="rgba(123,44,191,0.65)")
    return shapes, keys


# leg and foot views name the sides in words a patient reads at arm's length;
# a foot view is too narrow on a phone for 'LEFT foot' beside 'Right'
SIDE_WORDS = {"front": " leg", "back": " leg", "foot_top": "", "foot_sole": ""}
SIDE_WORD_PX = 14


def _side_words(view: str, letter: str, x: float, y: float, xa: str, ya: str,
                first: int, side_notes: dict[str, list[list[int]]]) -> list[dict]:
    """'Left' in grey, and in its place while that side is lit 'LEFT leg' (or 'LEFT') in
    bold (assets/chairside.js shows one of the two). Centred on data
    coordinates, so a mirrored view carries its words along."""
    side = "left" if letter == "L" else "right"
    common = {"x": x, "y": y, "xref": xa, "yref": ya, "showarrow": False}
    plain = {**common, "text": side.capitalize(),
             "font": {"size": SIDE_WORD_PX, "color": "#52606d"}}
    named = {**common, "text": f"<b>{side.upper()}{SIDE_WORDS[view]}</b>",
             "font": {"size": SIDE_WORD_PX + 1, "color": "#8a1118"},
             "bgcolor": "rgba(255,255,255,0.85)"}
    side_notes.setdefault(side, []).append([first, first + 1])
    return [plain, named]


def _annotations(anatomy: Anatomy, side_notes: dict | None = None) -> list[dict]:
    """Static text: view titles, which side is which, root names at the spine.
    `side_notes` collects, per side, the [plain, lit] annotation indices."""
    side_notes = {} if side_notes is None else side_notes
    notes: list[dict] = []
    for view in VIEWS:
        xa, ya = axis_names(view)
        xmin, xmax, ymin, ymax = VIEW_BOXES[view]
        notes.append({"text": f"<b>{VIEW_TITLES[view]}</b>", "x": (xmin + xmax) / 2,
                      "y": ymax + TITLE_ROOM - 2.2, "xref": xa, "yref": ya, "showarrow": False,
                      "font": {"size": 12, "color": "#52606d"}})
        # which side is which: posterior views show the left on the left
        left_on_left = view != "front"
        for side, x in (("L", xmin + 1.2), ("R", xmax - 1.2)):
            text = side if left_on_left else ("R" if side == "L" else "L")
            if view in SIDE_WORDS:  # a quarter in from each edge: room for 'RIGHT leg'
                quarter = xmin + (xmax - xmin) * (0.25 if x < (xmin + xmax) / 2 else 0.75)
                notes += _side_words(view, text, quarter, ymax + 1.6, xa, ya,
                                     len(notes), side_notes)
                continue
            notes.append({"text": text, "x": x, "y": ymax + 0.8, "xref": xa,
                          "yref": ya, "showarrow": False,
                          "font": {"size": 11, "color": "#7b8794"}})
    # root names where each root leaves the spine (always shown: orientation),
    # the sacral ones (whose exits lie close) spread just enough to stay apart
    xa, ya = axis_names("spine")
    for side in ("left", "right"):
        ends = [(root, segs[0].xs[-1], segs[0].ys[-1]) for root in anatomy.roots
                for segs in [[s for s in anatomy.nerve_segments(root, side) if s.view == "spine"]]
                if segs]
        heights = spread([y for _, _, y in ends], ROOT_NAME_GAP)
        for (root, x, _), y in zip(ends, heights):
            notes.append({"text": root, "x": x, "y": round(y, 2), "xref": xa, "yref": ya,
                          "showarrow": False, "xanchor": "left" if side == "right" else "right",
                          "font": {"size": 10, "color": "#7b8794"}})
    return notes


# spine view units between two root names: on a 375 px phone a unit is ~5 px,
# and a name at 150 % text is ~18 px high (S1, S2, S3 leave 2.7-3 units apart)
ROOT_NAME_GAP = 4.0


def spread(ys: list[float], gap: float) -> list[float]:
    """Heights at least `gap` apart, in the same order; each run of crowded
    ones centred where it was (those already apart stay put)."""
    order = sorted(range(len(ys)), key=lambda i: -ys[i])
    runs: list[list[int]] = []

    def centre(run: list[int]) -> float:
        return sum(ys[i] for i in run) / len(run)
    for i in order:
        runs.append([i])
        while len(runs) > 1:
            upper, lower = runs[-2], runs[-1]
            bottom = centre(upper) - gap * (len(upper) - 1) / 2
            top = centre(lower) + gap * (len(lower) - 1) / 2
            if bottom - top >= gap:
                break
            runs[-2:] = [upper + lower]
    out = list(ys)
    for run in runs:
        c = centre(run)
        for k, i in enumerate(run):
            out[i] = c + gap * ((len(run) - 1) / 2 - k)
    return out


def _label_traces(anatomy: Anatomy, index: FigureIndex, first: int) -> list[go.Scatter]:
    """Root names on the limb paths and lesion captions: one text trace per view.

    Every label is drawn once, transparent; a highlight only colours the
    ones it shows (one style change in the browser, no re-plot).
    `first` is the trace index the first of these traces will have.
    """
    by_view: dict[str, dict[str, list]] = {}

    def put(key: str, view: str, x: float, y: float, text: str, position: str, color: str,
            size: int = 13):
        bucket = by_view.setdefault(view, {"keys": [], "x": [], "y": [], "text": [], "pos": [],
                                           "color": [], "size": []})
        for name, value in (("keys", key), ("x", x), ("y", y), ("text", text), ("pos", position),
                            ("color", color), ("size", size)):
            bucket[name].append(value)

    for root in anatomy.roots:
        for side in ("left", "right"):
            limb = [s for s in anatomy.nerve_segments(root, side) if s.view in ("front", "back")]
            if limb:
                seg = max(limb, key=lambda s: len(s.xs))
                mid = len(seg.xs) // 2
                outward = "middle right" if seg.xs[mid] > 0 else "middle left"
                # one label per look: bold red when the root is the affected
                # one, orange with a question mark when only possibly involved
                put(f"root:{root}:{side}", seg.view, seg.xs[mid], seg.ys[mid], f"<b>{root}</b>",
                    outward, HOT)
                # neighbouring roots run together (S2, S3 on the back of the
                # thigh): their question-mark labels sit at different heights
                maybe = int(len(seg.xs) * (0.5 - 0.13 * (anatomy.roots.index(root) % 3)))
                put(f"root?:{root}:{side}", seg.view, seg.xs[maybe], seg.ys[maybe], f"{root}?",
                    "middle right" if seg.xs[maybe] > 0 else "middle left", WARM, size=11)
    for key, (text, x, y, position) in _captions(anatomy).items():
        put(f"lesion:{key}", "spine", x, y, text, position, LESION, size=10)

    traces = []
    for view, bucket in by_view.items():
        trace_index = first + len(traces)
        for point, key in enumerate(bucket["keys"]):
            index.label_points[key] = (trace_index, point)
        index.label_colors[trace_index] = bucket["color"]
        xa, ya = axis_names(view)
        traces.append(go.Scatter(
            x=bucket["x"], y=bucket["y"], text=bucket["text"], mode="text",
            textposition=bucket["pos"], xaxis=xa, yaxis=ya, hoverinfo="skip", showlegend=False,
            cliponaxis=False,  # a caption may run into the view's margin
            textfont={"size": bucket["size"], "color": ["rgba(0,0,0,0)"] * len(bucket["keys"])},
            meta=f"labels:{view}", name=f"labels ({view})"))
    return traces


# short enough to stand over the spine, one word a line, between the level names
LESION_WORDS = {
    "bulge": "herniation",
    "central-bulge": "central herniation",
    "collapse": "collapsed disc",
    "slip": "slipped forward",
    "spur": "bone spur",
    "canal-narrowing": "narrow canal",
    "recess-narrowing": "narrow recess",
    "foraminal-narrowing": "narrow foramen",
}


CAPTION_HEIGHT = 7.5  # view units a three-line caption needs on the smallest picture


def _stacked(words: str) -> str:
    """One word per line: narrow enough to sit beside the spine."""
    return "<br>".join(words.split())


def _captions(anatomy: Anatomy) -> dict[str, tuple[str, float, float, str]]:
    """Lesion key -> (caption, x, y, text position): over the spine, just above
    the disc (below it at the top level), clear of the level names."""
    captions = {}
    _, _, _, ymax = VIEW_BOXES["spine"]
    for level in sorted({site.level for site in anatomy.lesion_sites}):
        nice = level.replace("-", "–")
        disc = anatomy.spine_part("disc", level)
        # above the spur or bulge it names; at the top level that would run
        # into the view's title, so there it hangs below the disc
        y, position = max(disc.ys) + 2.2, "top center"
        if y + CAPTION_HEIGHT > ymax:
            y, position = min(disc.ys) - 1.6, "bottom center"
        # over the spine's midline, not beside the disc: between the two columns of
        # level names there is room for the caption at any width and text size (at
        # 150 % on a phone the gap beside the disc is narrower than 'L4–L5:'); the
        # white halo keeps it legible over the bones, the lesion below stays clear
        x = (max(disc.xs) + min(disc.xs)) / 2
        for kind in ("central-bulge", "canal-narrowing", "slip", "collapse"):
            captions[f"{kind}:{level}:both"] = (f"{nice}:<br>{_stacked(LESION_WORDS[kind])}",
                                                x, y, position)
        for side in ("left", "right"):
            keys = [(f"bulge:{level}:{zone}:{side}", "bulge")
                    for zone in ("paracentral", "foraminal", "extraforaminal")]
            keys += [(f"spur:{level}:{zone}:{side}", "spur")
                     for zone in ("lateral-recess", "foraminal")]
            keys += [(f"recess-narrowing:{level}:{side}", "recess-narrowing"),
                     (f"foraminal-narrowing:{level}:{side}", "foraminal-narrowing")]
            for key, kind in keys:
                captions[key] = (f"{nice}:<br>{_stacked(LESION_WORDS[kind])}", x, y, position)
    return captions
