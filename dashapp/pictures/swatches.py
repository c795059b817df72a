"""Small drawings for the legend, from the same style table the picture uses,
so the legend shows exactly what the picture draws. SVG text; no Dash.

Fill patterns repeat assets/highlight.js's (7 px tiles: '/' hatch, '.' dots,
'x' crosses, '-' bars); line dashes repeat Plotly's (3 × width for 'dash').
"""
from __future__ import annotations

from urllib.parse import quote

from dashapp.pictures.figure import LESION, STYLES

_MARKS = {"/": ["M-1,8 L8,-1", "M-1,1 L1,-1", "M6,8 L8,6"],
          "x": ["M-1,8 L8,-1", "M-1,-1 L8,8"],
          "-": ["M0,3.5 L7,3.5"]}


def _svg(width: int, height: int, body: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">{body}</svg>')


def data_uri(svg: str) -> str:
    """For an <img src>: the page allows data: images (same origin, nothing fetched)."""
    return "data:image/svg+xml;charset=utf-8," + quote(svg)


def line_swatch(cls: str, state: str, width: int = 30, height: int = 14) -> str:
    """A nerve as the picture draws it in that state: colour, width, dash."""
    st = STYLES[cls][state]
    w = st["line.width"]
    dash = {"dash": f' stroke-dasharray="{3 * max(w, 3)},{3 * max(w, 3)}"',
            "dot": f' stroke-dasharray="{max(w, 3)},{max(w, 3)}"'}.get(st["line.dash"], "")
    y = height / 2
    return _svg(width, height, f'<path d="M1,{y} L{width - 1},{y}" stroke="{st["line.color"]}" '
                               f'stroke-width="{w}" fill="none"{dash}/>')


def fill_swatch(cls: str, state: str, width: int = 24, height: int = 16) -> str:
    """A region as the picture fills it in that state: colour, pattern, edge."""
    st = STYLES[cls][state]
    shape, ink, edge_ink = st["fillpattern.shape"], st["fillpattern.fgcolor"], st["line.color"]
    marks = "".join(f'<path d="{d}" stroke="{ink}" stroke-width="1.1"/>'
                    for d in _MARKS.get(shape, []))
    if shape == ".":
        marks = f'<circle cx="3.5" cy="3.5" r="1.3" fill="{ink}"/>'
    pattern = (f'<defs><pattern id="p" patternUnits="userSpaceOnUse" width="7" height="7">'
               f'<rect width="7" height="7" fill="{st["fillcolor"]}"/>{marks}</pattern></defs>')
    edge = max(st["line.width"], 1.0)
    return _svg(width, height, pattern +
                f'<rect x="{edge / 2}" y="{edge / 2}" width="{width - edge}" '
                f'height="{height - edge}" rx="2" fill="url(#p)" stroke="{edge_ink}" '
                f'stroke-width="{edge}"/>')


def lesion_swatch(width: int = 24, height: int = 16) -> str:
    """The problem at the spine (bulge, spur, narrowing): purple, as drawn."""
    return _svg(width, height, f'<ellipse cx="{width / 2}" cy="{height / 2}" rx="{width / 2 - 2}" '
                               f'ry="{height / 2 - 2}" fill="rgba(123,44,191,0.55)" '
                               f'stroke="{LESION}" stroke-width="2"/>')


def slip_side_view(upper: str, lower: str) -> str:
    """A forward slip seen from the side (it cannot show from behind): the
    upper vertebra standing forward of the one below. Front is to the left."""
    body = (
        '<rect x="58" y="62" width="64" height="26" rx="3" fill="#ece6da" stroke="#8c8272"/>'
        '<rect x="58" y="54" width="64" height="6" rx="2" fill="#d9c6ef" stroke="' + LESION + '"/>'
        '<rect x="38" y="26" width="64" height="26" rx="3" fill="#e9dcf5" stroke="' + LESION
        + '" stroke-width="2" stroke-dasharray="5,3"/>'
        '<path d="M34,39 L16,39 M22,33 L16,39 L22,45" stroke="' + LESION
        + '" stroke-width="2" fill="none"/>'
        f'<text x="70" y="44" font-size="13" font-family="sans-serif" text-anchor="middle" '
        f'fill="{LESION}" font-weight="bold">{upper}</text>'
        f'<text x="90" y="80" font-size="13" font-family="sans-serif" text-anchor="middle" '
        f'fill="#52606d">{lower}</text>'
        '<text x="8" y="18" font-size="12" font-family="sans-serif" fill="#52606d">front</text>'
        '<text x="132" y="18" font-size="12" font-family="sans-serif" text-anchor="end" '
        'fill="#52606d">back</text>'
    )
    return _svg(136, 94, body)
