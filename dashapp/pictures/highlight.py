"""Highlight state → which traces, lesion shapes and labels light up. No Dash.

A highlight is data (`Highlight`): computed here from an engine result,
precomputed for every valid view, applied in the browser by
assets/highlight.js and, for tests and the first paint, by apply_highlight.
Also: which region a click on the figure landed in.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import plotly.graph_objects as go

from dashapp.model.anatomy import Anatomy
from dashapp.pictures.figure import STYLES, FigureIndex, flat_to_nested


@dataclass(frozen=True)
class Highlight:
    """What to show for one state: trace styles, lesion shapes, labels."""

    traces: dict[int, str]  # trace index -> state name (others: "off" if dim else "base")
    shapes: tuple[int, ...] = ()  # lesion shapes shown
    labels: tuple[tuple[int, int], ...] = ()  # (trace, point) of labels shown
    dim: bool = True
    # labels of roots only possibly involved: shown with that layer only
    maybe_labels: tuple[tuple[int, int], ...] = ()

    def to_client(self) -> dict:
        return {"traces": {str(k): v for k, v in self.traces.items()}, "shapes": list(self.shapes),
                "labels": [list(pair) for pair in self.labels],
                "maybe": [list(pair) for pair in self.maybe_labels], "dim": self.dim}


# states of the 'possibly involved' layer, which can be switched off
POSSIBLE_STATES = ("possible", "secondary")


# --- highlight state -> styles ---------------------------------------------

def _root_state(role: str) -> str:
    return "on" if role == "primary" else "possible"


def explanation_highlight(index: FigureIndex, explanation, anatomy: Anatomy) -> Highlight:
    """The highlight for a forward explanation (clinical.Explanation)."""
    traces: dict[int, str] = {}
    lesion = explanation.lesion
    # the sciatic nerve irritated outside the spine: only its own fibres light
    prefix = "{root}:{side}:sciatic:" if lesion.kind == "sciatic" else "{root}:{side}:"
    labels, maybe = [], []
    for hit in explanation.roots:
        for i in index.traces_for("nerve:" + prefix.format(root=hit.root, side=hit.side)):
            traces[i] = _root_state(hit.role)
        kind = "root" if hit.role == "primary" else "root?"
        if (label := index.label_points.get(f"{kind}:{hit.root}:{hit.side}")) is not None:
            (labels if kind == "root" else maybe).append(label)
    for hit in explanation.regions:
        for i in index.traces_for(f"region:{hit.region}:{hit.side}:"):
            # a region is as strong as its strongest root; keep "on" over "secondary"
            state = "on" if hit.role == "primary" else "secondary"
            if traces.get(i) != "on":
                traces[i] = state
    keys = lesion_shape_keys(lesion)
    if keys:
        labels.append(index.label_points[f"lesion:{keys[0]}"])
        for i in index.traces_for(f"spine:disc:{lesion.level}:"):
            traces[i] = "on"
        if lesion.kind == "slip":
            upper = lesion.level.split("-")[0]
            for i in index.traces_for(f"spine:vertebra:{upper}:"):
                traces[i] = "on"
    return Highlight(traces=traces, shapes=tuple(index.shapes[k] for k in keys),
                     labels=tuple(labels), dim=True, maybe_labels=tuple(maybe))


def lesion_shape_keys(lesion) -> list[str]:
    """The drawn marks of a clinical.Lesion; the first one carries the caption."""
    if lesion.kind == "sciatic" or not lesion.level:
        return []
    level, kind = lesion.level, lesion.kind
    sides = [s for s in lesion.sides if s in ("left", "right")] or ["left", "right"]
    if kind in ("central-bulge", "canal-narrowing"):
        return [f"{kind}:{level}:both"]
    if kind == "slip":  # seen from behind: a step, and the canal pinched
        return [f"slip:{level}:both", f"canal-narrowing:{level}:both"]
    if kind == "collapse":  # lost height narrows the foramina
        return [f"collapse:{level}:both"] + [f"foraminal-narrowing:{level}:{s}" for s in sides]
    if kind in ("bulge", "spur"):
        return [f"{kind}:{level}:{lesion.zone}:{s}" for s in sides]
    if kind in ("recess-narrowing", "foraminal-narrowing"):
        return [f"{kind}:{level}:{s}" for s in sides]
    raise ValueError(f"unknown lesion kind {kind!r}")


def explained_marks(result) -> set[tuple[str, str]]:
    """(region, side) of the marks that a best match (all that tie for best) explains."""
    best = result.candidates[0].score if result.candidates else 0.0
    return {(region, cand.side) for cand in result.candidates if cand.score >= best - 1e-9
            for region in cand.explains}


def reverse_highlight(index: FigureIndex, result, marked: Iterable[tuple[str, str]]) -> Highlight:
    """Reverse mode: marked regions, those the best match explains set apart; the
    best candidates lit (all that tie for best, e.g. the same root on both sides),
    the next ones weaker."""
    traces: dict[int, str] = {}
    labels, maybe = [], []
    best = result.candidates[0].score if result.candidates else 0.0
    explained = explained_marks(result)
    shown = 3 * len({c.side for c in result.candidates} or {"left"})  # three per side
    for rank, cand in enumerate(result.candidates[:shown]):
        top = cand.score >= best - 1e-9
        for i in index.traces_for(f"nerve:{cand.root}:{cand.side}:"):
            traces.setdefault(i, "on" if top else "possible")
        key = f"{'root' if top else 'root?'}:{cand.root}:{cand.side}"
        if (label := index.label_points.get(key)) is not None:
            (labels if top else maybe).append(label)
    for region, side in marked:
        for i in index.traces_for(f"region:{region}:{side}:"):
            traces[i] = "explained" if (region, side) in explained else "marked"
    return Highlight(traces=traces, labels=tuple(labels), dim=bool(traces),
                     maybe_labels=tuple(maybe))


def apply_highlight(fig: go.Figure, index: FigureIndex, highlight: Highlight,
                    show_possible: bool = True) -> go.Figure:
    """Apply a highlight server-side: same table, same result as highlight.js."""
    rest = "off" if highlight.dim else "base"
    for i, trace in enumerate(fig.data):
        cls = index.trace_class[i]
        if cls == "fixed":
            continue
        states = STYLES[cls]
        state = highlight.traces.get(i, rest)
        if state in POSSIBLE_STATES and not show_possible:
            state = rest
        trace.update(flat_to_nested(states.get(state) or states.get("off") or states["base"]))
    shown = set(highlight.shapes)
    for i, shape in enumerate(fig.layout.shapes):
        shape.opacity = 1 if i in shown else 0
    labels = set(highlight.labels) | (set(highlight.maybe_labels) if show_possible else set())
    for trace_index, colors in index.label_colors.items():
        fig.data[trace_index].textfont.color = [
            color if (trace_index, point) in labels else "rgba(0,0,0,0)"
            for point, color in enumerate(colors)]
    return fig


# --- clicks -------------------------------------------------------------------

def region_at(anatomy: Anatomy, index: FigureIndex, point: dict) -> tuple[str, str] | None:
    """(region, side) under a Plotly click point, or None.

    A click on a region's fill names it directly; a click that Plotly gave to
    a nerve drawn over the skin is resolved by the region containing the point.
    """
    try:
        curve = int(point["curveNumber"])
        key = index.trace_key[curve] if curve >= 0 else None  # -1 is no trace
    except (TypeError, KeyError, IndexError, ValueError, OverflowError):  # Infinity
        return None
    if key is None:
        return None
    kind, *rest = key.split(":")
    if kind == "region":
        return rest[0], rest[1]
    x, y = point.get("x"), point.get("y")
    if not isinstance(x, (int, float)) or not isinstance(y, (int, float)):
        return None
    try:
        x, y = float(x), float(y)
    except OverflowError:  # an integer beyond any float
        return None
    view = rest[-1] if kind == "nerve" else None
    shape = anatomy.region_at(x, y, view)
    return None if shape is None else (shape.region, shape.side)
