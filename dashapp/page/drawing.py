"""What a doctor adds to a view chairside, and how it travels in the link. No Dash.

The drawing is one layer over the whole picture. A stroke is a run of points,
each in the coordinates of the view it was drawn over (so a stroke stays on
the leg it was drawn on whatever size or arrangement the picture has, and a
stroke from the spine down to a foot crosses views). In the link (`draw=`) it
is compact text, encoded by assets/chairside.js and read back here:

    draw=<stroke>.<stroke>…      strokes, oldest first
    <stroke> = <pen digit> ~<view digit> <point>… [~<view digit> <point>…]
    <point>  = 4 characters of the URL-safe base64 alphabet: x then y,
               12 bits each, across the view's frame (its box widened by
               half its size on every side: a stroke may leave a view)

`mirror=1` shows the front view as the patient sees themself in a mirror
(the default is the clinical convention: the patient's right on our left).
A bad value never breaks the page: it is left out, with a note.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs

from dashapp.model.anatomy import VIEW_BOXES, VIEWS

# Pen colours: dark and far from every colour the highlight uses (red, orange,
# blue marks, purple lesion, yellow nerves), each drawn with a white halo.
PENS: tuple[tuple[str, str], ...] = (
    ("Black", "#111111"),
    ("Green", "#0f8a3c"),
    ("Teal", "#00838f"),
)
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
LEVELS = 64 * 64  # 12 bits per coordinate
WIDEN = 0.5  # the frame around a view, as a share of its size on each side
MAX_DRAW = 1200  # characters of drawing a link carries (a link stays under 2000)
_STROKE = re.compile(r"^[0-9](?:~[0-9](?:[A-Za-z0-9_-]{4})+)+$")


class DrawingError(ValueError):
    """The drawing in a link cannot be read."""


@dataclass(frozen=True)
class Stroke:
    pen: int
    points: tuple[tuple[str, float, float], ...]  # (view, x, y) in that view's units

    def to_client(self) -> dict:
        return {"pen": self.pen, "points": [[v, round(x, 2), round(y, 2)]
                                            for v, x, y in self.points]}


@dataclass(frozen=True)
class ChairsideLink:
    """The chairside part of a link: the drawing and the mirror choice."""

    strokes: tuple[Stroke, ...] = ()
    mirror: bool = False
    notes: tuple[str, ...] = ()

    def to_client(self) -> dict:
        return {"strokes": [s.to_client() for s in self.strokes], "mirror": self.mirror}


def frames() -> dict[str, list[float]]:
    """Per view, the frame its points are encoded across: [x0, x1, y0, y1]."""
    out = {}
    for view, (xmin, xmax, ymin, ymax) in VIEW_BOXES.items():
        dx, dy = (xmax - xmin) * WIDEN, (ymax - ymin) * WIDEN
        out[view] = [xmin - dx, xmax + dx, ymin - dy, ymax + dy]
    return out


_FRAMES = frames()


def _number(chars: str) -> int:
    return ALPHABET.index(chars[0]) * 64 + ALPHABET.index(chars[1])


def _chars(n: int) -> str:
    n = min(LEVELS - 1, max(0, n))
    return ALPHABET[n // 64] + ALPHABET[n % 64]


def _quantise(value: float, low: float, high: float) -> int:
    return round((value - low) / (high - low) * (LEVELS - 1))


def _value(n: int, low: float, high: float) -> float:
    return low + n / (LEVELS - 1) * (high - low)


def decode(text: str) -> tuple[Stroke, ...]:
    """'0~0AbCd…' → strokes; DrawingError if any part is malformed."""
    if not text:
        return ()
    if len(text) > MAX_DRAW:
        raise DrawingError("the drawing in the link is too long")
    strokes = []
    for raw in text.split("."):
        if not _STROKE.match(raw):
            raise DrawingError("the drawing in the link could not be read")
        pen = int(raw[0])
        if pen >= len(PENS):
            raise DrawingError("the drawing in the link uses an unknown pen")
        points = []
        for run in raw[2:].split("~"):
            view_n = int(run[0])
            if view_n >= len(VIEWS):
                raise DrawingError("the drawing in the link names an unknown view")
            view = VIEWS[view_n]
            x0, x1, y0, y1 = _FRAMES[view]
            body = run[1:]
            for i in range(0, len(body), 4):
                points.append((view, _value(_number(body[i:i + 2]), x0, x1),
                               _value(_number(body[i + 2:i + 4]), y0, y1)))
        strokes.append(Stroke(pen, tuple(points)))
    return tuple(strokes)


def encode(strokes) -> str:
    """The inverse of decode (assets/chairside.js does the same in the browser)."""
    parts = []
    for stroke in strokes:
        out, view = [str(stroke.pen)], None
        for v, x, y in stroke.points:
            if v != view:
                view = v
                out.append(f"~{VIEWS.index(v)}")
            x0, x1, y0, y1 = _FRAMES[v]
            out.append(_chars(_quantise(x, x0, x1)) + _chars(_quantise(y, y0, y1)))
        parts.append("".join(out))
    return ".".join(parts)


def from_query(search: str | None) -> ChairsideLink:
    """The drawing and mirror choice in '?…&draw=…&mirror=1'; bad parts left out."""
    try:
        params = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?"),
                                                keep_blank_values=True).items()}
    except ValueError:
        return ChairsideLink()
    notes = []
    strokes: tuple[Stroke, ...] = ()
    try:
        strokes = decode(params.get("draw", ""))
    except DrawingError as error:
        notes.append(f"{str(error).capitalize()}; it was left out.")
    mirror = params.get("mirror", "0")
    if mirror not in ("0", "1"):
        notes.append("The mirror setting in the link is not 0 or 1; showing the usual view.")
    return ChairsideLink(strokes=strokes, mirror=mirror == "1", notes=tuple(notes))


def client_config(front_axis: str) -> dict:
    """What assets/chairside.js needs once: views in link order, their frames,
    the pens, the link budget and which x axis draws the front view."""
    return {"views": list(VIEWS), "frames": _FRAMES, "alphabet": ALPHABET,
            "pens": [{"name": n, "color": c} for n, c in PENS], "maxDraw": MAX_DRAW,
            "frontAxis": front_axis}
