"""The zoomed tap picker of "Where does it hurt?": one view of one leg, big enough for a thumb.

The main schematic shows everything at once, so on a phone a toe is a few pixels wide.
The picker draws only the skin regions of one view (front or back of the leg, top of the
foot, sole) of one leg, scaled so that every region is at least 24 x 24 CSS px (WCAG 2.2
target size). A tap is turned into figure coordinates in the browser (assets/picker.js)
and named here (region_at), so a tap that misses every region can say so. No Dash here.
"""
from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from dashapp.model.anatomy import Anatomy

VIEWS = {"front": "Front of leg", "back": "Back of leg", "foot_top": "Top of foot",
         "foot_sole": "Sole"}
# plot height per view (CSS px): sets the scale, as the width follows the height (equal
# axes). Legs ~7.3 px per unit (the inner ankle bone, 3.6 units wide, gets 26 px); feet
# ~22 px per unit (the little toe, 1.5 units wide, gets 33 px).
HEIGHTS = {"front": 660, "back": 720, "foot_top": 580, "foot_sole": 580}
PAD = 0.6  # figure units around the leg


def box_style(view: str) -> dict:
    """The picker's box, as tall as its view: a definite height, whatever Plotly measured."""
    return {"height": f"{HEIGHTS[view]}px"}

FEEL_STYLE = {  # fill and hatch per feeling: colour is never the only cue
    "pain": ("rgba(200, 29, 37, 0.55)", "x"),
    "numbness": ("rgba(27, 108, 168, 0.55)", "."),
    "tingling": ("rgba(224, 122, 31, 0.6)", "/"),
}
FEEL_LETTER = {"pain": "pain", "numbness": "numb", "tingling": "pins"}


@dataclass(frozen=True)
class PickerRegion:
    region: str
    xs: tuple[float, ...]  # plain numbers: the picker figure's JSON stays lists
    ys: tuple[float, ...]


def regions_in(anatomy: Anatomy, view: str, side: str) -> tuple[PickerRegion, ...]:
    """Every region polygon drawn in this view of this leg (a region may have several parts)."""
    return tuple(PickerRegion(s.region, tuple(s.xs.tolist()), tuple(s.ys.tolist()))
                 for s in anatomy.regions
                 if s.view == view and s.side == side)


def bounds(anatomy: Anatomy, view: str, side: str) -> tuple[float, float, float, float]:
    """x0, x1, y0, y1 of the leg in this view (its outline and its regions), padded."""
    xs, ys = [], []
    for shape in anatomy.outlines:
        if shape.view == view and shape.id.endswith(f"_{side}"):
            xs += shape.xs.tolist()
            ys += shape.ys.tolist()
    for part in regions_in(anatomy, view, side):
        xs += part.xs
        ys += part.ys
    return min(xs) - PAD, max(xs) + PAD, min(ys) - PAD, max(ys) + PAD


def region_at(anatomy: Anatomy, view: str, side: str, x: float, y: float) -> str | None:
    """The region under a tap at figure coordinates (x, y), or None (a miss)."""
    shape = anatomy.region_at(x, y, view, side)
    return None if shape is None else shape.region


def _area(part: PickerRegion) -> float:
    return (max(part.xs) - min(part.xs)) * (max(part.ys) - min(part.ys))


def _centre(part: PickerRegion) -> tuple[float, float]:
    """A point to put the region's name at: the middle of its bounding box."""
    return (min(part.xs) + max(part.xs)) / 2, (min(part.ys) + max(part.ys)) / 2


def picker_figure(anatomy: Anatomy, labels: dict[str, str], view: str, side: str,
                  marks: dict[str, str]) -> go.Figure:
    """The picker for one view of one leg; `marks` maps a marked region to what is felt there.

    Every region is outlined and named on hover-free screens by its label when marked
    (words, pattern and colour: never colour alone). The figure is static: taps are read
    by assets/picker.js.
    """
    x0, x1, y0, y1 = bounds(anatomy, view, side)
    fig = go.Figure()
    for shape in anatomy.outlines:
        if shape.view == view and shape.id.endswith(f"_{side}"):
            fig.add_trace(go.Scatter(x=shape.xs.tolist(), y=shape.ys.tolist(), mode="lines",
                                     fill="toself",
                                     fillcolor="#f4ede6", line={"color": "#8a7f76", "width": 1},
                                     hoverinfo="skip", showlegend=False))
    biggest: dict[str, PickerRegion] = {}  # the name goes on a region's largest part
    for part in regions_in(anatomy, view, side):
        feel = marks.get(part.region)
        color, hatch = FEEL_STYLE.get(feel, ("rgba(27, 108, 168, 0.07)", ""))
        fig.add_trace(go.Scatter(
            x=part.xs, y=part.ys, mode="lines", fill="toself", fillcolor=color,
            fillpattern={"shape": hatch, "fgcolor": "rgba(0,0,0,0.45)", "size": 7} if hatch else None,
            line={"color": "#1f2933" if feel else "#52606d", "width": 3 if feel else 1.5},
            hoverinfo="skip", showlegend=False, meta=part.region))
        if feel and (part.region not in biggest or _area(part) > _area(biggest[part.region])):
            biggest[part.region] = part
    if biggest:
        centres = [_centre(p) for p in biggest.values()]
        fig.add_trace(go.Scatter(
            x=[c[0] for c in centres], y=[c[1] for c in centres], mode="text",
            text=[f"<b>{labels[r]}</b><br>{FEEL_LETTER[marks[r]]}" for r in biggest],
            textfont={"size": 12, "color": "#111"}, hoverinfo="skip", showlegend=False))
    fig.update_layout(
        height=HEIGHTS[view], margin={"l": 0, "r": 0, "t": 0, "b": 0},
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)", dragmode=False,
        # equal axes shrink the drawing area, never widen the ranges: a redraw at another
        # size (shown after being hidden) keeps the leg as large as the box allows
        xaxis={"range": [x0, x1], "visible": False, "fixedrange": True, "constrain": "domain"},
        yaxis={"range": [y0, y1], "visible": False, "fixedrange": True,
               "scaleanchor": "x", "scaleratio": 1, "constrain": "domain"},
        meta={"view": view, "side": side})
    return fig
