"""The schematic as a static SVG, for the first paint. No Dash here.

A phone opening a link should see the picture of that view at once, not
after React and plotly.js have loaded and drawn (seconds on a mid-range
phone). This draws the same figure (dashapp.figure) with the same highlight
table assets/highlight.js applies, in an arrangement's proportions, as one
SVG the first HTML points to. Plotly's interactive drawing replaces it.

Only what the figure uses is drawn: scatter lines and 'toself' fills (with
Plotly's spline smoothing), text traces, path shapes, text annotations.
"""
from __future__ import annotations

import re
from html import escape

from dashapp.model.anatomy import VIEWS
from dashapp.pictures import figure as figure_mod

# nominal pixel width per arrangement: text is drawn at Plotly's pixel sizes
# for a picture about this wide (a phone's width for the stacked one)
NOMINAL_WIDTH = {"tall": 360.0, "square": 900.0, "wide": 760.0}
CATMULL_ROM_EXP = 0.5  # Plotly's spline (Drawing.smoothopen)
TRANSPARENT = "rgba(0,0,0,0)"


def _axis_keys(view: str) -> tuple[str, str]:
    xa, ya = figure_mod.axis_names(view)
    return "xaxis" + xa[1:], "yaxis" + ya[1:]


class _Frame:
    """Axis coordinates of each view -> pixels of the picture."""

    def __init__(self, layout: dict, arrangement: str):
        arr = figure_mod.arrangement_layout(arrangement)
        units_w, units_h = arr["units"]
        self.width = NOMINAL_WIDTH.get(arrangement, 1000.0)
        self.height = self.width * units_h / units_w
        self.maps = {}
        for view in VIEWS:
            xkey, ykey = _axis_keys(view)
            xr, yr = layout[xkey]["range"], layout[ykey]["range"]
            xd, yd = arr["layout"][f"{xkey}.domain"], arr["layout"][f"{ykey}.domain"]
            xa, ya = figure_mod.axis_names(view)
            self.maps[(xa, ya)] = (xr, yr, xd, yd)

    def mapper(self, xref: str, yref: str):
        (x0, x1), (y0, y1), (dx0, dx1), (dy0, dy1) = self.maps[(xref, yref)]
        sx = (dx1 - dx0) * self.width / (x1 - x0)
        sy = (dy1 - dy0) * self.height / (y1 - y0)
        left, bottom = dx0 * self.width, self.height * (1 - dy0)

        def to_px(x: float, y: float) -> tuple[float, float]:
            return round(left + (x - x0) * sx, 1), round(bottom - (y - y0) * sy, 1)
        return to_px


def _pieces(xs, ys) -> list[list[tuple[float, float]]]:
    """Polyline pieces split at None gaps (Plotly's connectgaps=False)."""
    pieces, current = [], []
    for x, y in zip(xs, ys):
        if x is None or y is None:
            if current:
                pieces.append(current)
            current = []
        else:
            current.append((x, y))
    if current:
        pieces.append(current)
    return pieces


def _tangent(prev, this, nxt, smoothness):
    d1x, d1y = prev[0] - this[0], prev[1] - this[1]
    d2x, d2y = nxt[0] - this[0], nxt[1] - this[1]
    d1a = (d1x * d1x + d1y * d1y) ** (CATMULL_ROM_EXP / 2)
    d2a = (d2x * d2x + d2y * d2y) ** (CATMULL_ROM_EXP / 2)
    numx = (d2a * d2a * d1x - d1a * d1a * d2x) * smoothness
    numy = (d2a * d2a * d1y - d1a * d1a * d2y) * smoothness
    denom1, denom2 = 3 * d2a * (d1a + d2a), 3 * d1a * (d1a + d2a)
    return ((round(this[0] + (numx / denom1 if denom1 else 0), 1),
             round(this[1] + (numy / denom1 if denom1 else 0), 1)),
            (round(this[0] - (numx / denom2 if denom2 else 0), 1),
             round(this[1] - (numy / denom2 if denom2 else 0), 1)))


def _pt(p) -> str:
    return f"{p[0]:g},{p[1]:g}"


def _path(points, smoothing: float | None, closed: bool) -> str:
    if smoothing and len(points) >= 3:  # Plotly's Drawing.smoothopen
        tangents = [_tangent(points[i - 1], points[i], points[i + 1], smoothing)
                    for i in range(1, len(points) - 1)]
        d = f"M{_pt(points[0])}Q{_pt(tangents[0][0])} {_pt(points[1])}"
        for i in range(2, len(points) - 1):
            d += f"C{_pt(tangents[i - 2][1])} {_pt(tangents[i - 1][0])} {_pt(points[i])}"
        d += f"Q{_pt(tangents[-1][1])} {_pt(points[-1])}"
    else:
        d = "M" + "L".join(_pt(p) for p in points)
    return d + ("Z" if closed else "")


def _dash(dash: str | None, width: float) -> str:
    w = max(width, 3)  # Plotly's Drawing.dashStyle, as in highlight.js
    return {"dash": f"{3 * w:g},{3 * w:g}", "dot": f"{w:g},{w:g}"}.get(dash or "", "")


def _patterns(styles: dict) -> str:
    """The fill patterns highlight.js draws (same ids, same look)."""
    marks = {"/": ["M-1,8 L8,-1", "M-1,1 L1,-1", "M6,8 L8,6"], "x": ["M-1,8 L8,-1", "M-1,-1 L8,8"],
             "-": ["M0,3.5 L7,3.5"]}
    out = []
    for cls, states in styles.items():
        for state, st in states.items():
            shape = st.get("fillpattern.shape")
            if not shape:
                continue
            ink = st["line.color"]
            body = "".join(f'<path d="{d}" stroke="{ink}" stroke-width="1.1"/>'
                           for d in marks.get(shape, [])) or \
                f'<circle cx="3.5" cy="3.5" r="1.3" fill="{ink}"/>'
            out.append(f'<pattern id="sf-pattern-{cls}-{state}" patternUnits="userSpaceOnUse" '
                       f'width="7" height="7"><rect width="7" height="7" fill="{st["fillcolor"]}"/>'
                       f"{body}</pattern>")
    return "<defs>" + "".join(out) + "</defs>"


def _text(content: str, x: float, y: float, size: float, color: str, anchor: str,
          halo: bool = False) -> str:
    """Plotly's little HTML (<b>, <br>) as SVG text, centred on y."""
    bold = "<b>" in content
    lines = [re.sub(r"</?b>", "", line) for line in re.split(r"<br\s*/?>", content)]
    top = -(len(lines) - 1) / 2 * 1.3
    spans = "".join(f'<tspan x="{x:g}" dy="{(top if i == 0 else 1.3):.2f}em">{escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    extra = ' stroke="#fff" stroke-width="4" paint-order="stroke" stroke-linejoin="round"' \
        if halo else ""
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:g}" y="{y:g}" font-size="{size:g}" fill="{color}" text-anchor="{anchor}" '
            f'dominant-baseline="central"{weight}{extra}>{spans}</text>')


def _shape_path(path: str, to_px) -> str:
    """A shape's SVG path in axis units ('M x,y L x,y Z') -> in pixels."""
    def move(match: re.Match) -> str:
        return _pt(to_px(float(match.group(1)), float(match.group(2))))
    return re.sub(r"(-?[\d.]+)\s*,\s*(-?[\d.]+)", move, path)


POSSIBLE = ("possible", "secondary")  # the layer a person may switch off (as in highlight.js)


def render(fig: dict, table: dict, highlight: dict | None, arrangement: str,
           show_possible: bool = False, lit_sides: tuple[str, ...] = (),
           side_notes: dict | None = None) -> str:
    """The figure (fig.to_plotly_json()) lit as `highlight` (Highlight.to_client())
    would light it in the browser, as an SVG document: the 'possibly involved'
    layer only with `show_possible`; of each side's two names (FigureIndex.side_notes:
    [plain, lit] annotation indices) the lit one on `lit_sides`, as chairside.js does."""
    layout = fig["layout"]
    frame = _Frame(layout, arrangement)
    highlight = highlight or {}
    lit = {t: state for t, state in highlight.get("traces", {}).items()
           if show_possible or state not in POSSIBLE}
    rest = "off" if highlight.get("dim") else "base"
    labels = highlight.get("labels", []) + (highlight.get("maybe", []) if show_possible else [])
    shown_labels = {(int(t), int(p)) for t, p in labels}
    font = escape(layout.get("font", {}).get("family", "sans-serif"), quote=True)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width:g} '
           f'{frame.height:.1f}" width="{frame.width:g}" height="{frame.height:.1f}" '
           f'font-family="{font}">', _patterns(table["styles"])]
    for i, trace in enumerate(fig["data"]):
        to_px = frame.mapper(trace.get("xaxis", "x"), trace.get("yaxis", "y"))
        if trace.get("mode") == "text":
            out += _label_texts(trace, i, table["labelColors"].get(str(i)), shown_labels, to_px)
        else:
            out.append(_trace_path(trace, table, table["classes"][i], lit.get(str(i)), rest,
                                   to_px))
    out += _lesion_paths(layout, frame, set(highlight.get("shapes", [])))
    out += _side_names(layout, frame, side_notes or {}, lit_sides)
    out.append("</svg>")
    return "".join(out)


def _label_texts(trace: dict, i: int, colors, shown_labels: set, to_px) -> list[str]:
    """The lit labels of one text trace (the root names beside the nerves)."""
    out = []
    size = trace.get("textfont", {}).get("size", 12)
    for p, (x, y) in enumerate(zip(trace["x"], trace["y"])):
        if colors is None or (i, p) not in shown_labels:
            continue
        px, py = to_px(x, y)
        pos = trace["textposition"][p] if isinstance(trace.get("textposition"), list) \
            else trace.get("textposition", "middle center")
        s = size[p] if isinstance(size, list) else size
        anchor = "start" if pos.endswith("right") else "end" if pos.endswith("left") \
            else "middle"
        dx = 3 if anchor == "start" else -3 if anchor == "end" else 0
        out.append(_text(trace["text"][p], px + dx, py, s, colors[p], anchor, halo=True))
    return out


def _trace_path(trace: dict, table: dict, cls: str, lit_state: str | None, rest: str,
                to_px) -> str:
    """One line or shape trace as a path, in the state the highlight gives it."""
    line = trace.get("line", {})
    st = {"line.color": line.get("color", "#444"), "line.width": line.get("width", 2),
          "line.dash": line.get("dash"), "fillcolor": trace.get("fillcolor"), "opacity":
          trace.get("opacity", 1)}
    fill = st["fillcolor"]
    if cls != "fixed":
        states = table["styles"][cls]
        state = lit_state if lit_state in states else (rest if rest in states else "base")
        st = {**st, **states[state]}
        fill = f"url(#sf-pattern-{cls}-{state})" if st.get("fillpattern.shape") \
            else st.get("fillcolor")
    smoothing = line.get("smoothing", 1) if line.get("shape") == "spline" else None
    closed = trace.get("fill") == "toself"
    pieces = [[to_px(x, y) for x, y in piece] for piece in _pieces(trace["x"], trace["y"])]
    d = "".join(_path(piece, smoothing, closed) for piece in pieces)
    width = st["line.width"]
    dash = _dash(st.get("line.dash"), width)
    attrs = (f' fill="{fill if closed and fill else "none"}" stroke="{st["line.color"]}"'
             f' stroke-width="{width:g}" stroke-linejoin="round"'
             + (f' stroke-dasharray="{dash}"' if dash else "")
             + (f' opacity="{st["opacity"]:g}"' if st.get("opacity", 1) != 1 else ""))
    return f'<path d="{d}"{attrs}/>'


def _lesion_paths(layout: dict, frame: "_Frame", shown_shapes: set) -> list[str]:
    """The lesion shapes the highlight shows (a bulge, a slip, a spur)."""
    out = []
    for s, shape in enumerate(layout.get("shapes", [])):
        if s not in shown_shapes or shape.get("type") != "path":
            continue
        to_px = frame.mapper(shape.get("xref", "x"), shape.get("yref", "y"))
        line = shape.get("line", {})
        dash = _dash(line.get("dash"), line.get("width", 2))
        out.append(f'<path d="{_shape_path(shape["path"], to_px)}"'
                   f' fill="{shape.get("fillcolor", "none")}"'
                   f' stroke="{line.get("color", "#444")}" stroke-width="{line.get("width", 2):g}"'
                   + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
    return out


def _side_names(layout: dict, frame: "_Frame", side_notes: dict,
                lit_sides: tuple[str, ...]) -> list[str]:
    """The annotations: of each side's two names the lit one on `lit_sides`."""
    hidden_notes, short_notes = set(), set()
    for side, pairs in side_notes.items():
        for plain, named in pairs:
            hidden_notes.add(named if side not in lit_sides else plain)
            if side in lit_sides and len(lit_sides) > 1:
                short_notes.add(named)  # 'LEFT' and 'RIGHT' alone, or the two would touch
    out = []
    for n, note in enumerate(layout.get("annotations", [])):
        if n in hidden_notes:
            continue
        to_px = frame.mapper(note.get("xref", "x"), note.get("yref", "y"))
        px, py = to_px(note["x"], note["y"])
        anchor = {"left": "start", "right": "end"}.get(note.get("xanchor"), "middle")
        nfont = note.get("font", {})
        text = note["text"]
        if n in short_notes:
            text = "<b>" + re.sub(r"</?b>", "", text).split(" ")[0] + "</b>"
        out.append(_text(text, px, py, nfont.get("size", 12), nfont.get("color", "#444"),
                         anchor))
    return out
