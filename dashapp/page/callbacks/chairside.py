"""The doctor's tools beside the picture: the drawing layer (assets/chairside.js),
naming what a tap on the picture touched, and marking it as a place that hurts."""
from __future__ import annotations

from functools import partial

from dash import ClientsideFunction, Input, Output, State, ctx, no_update

from dashapp import clinical
from dashapp.page import inputs, marking


def register(app, model) -> None:
    app.clientside_callback(
        ClientsideFunction("chairside", "setup"),
        Output("ink", "title"), Input("chairside-config", "data"),
    )
    app.clientside_callback(
        ClientsideFunction("chairside", "applyLink"),
        Output("ink-note", "title"), Input("chairside-link", "data"),
    )
    app.callback(
        Output("tap-name", "children"), Output("tap-note", "hidden"), Output("tapped", "data"),
        Output("tap-mark", "hidden"),
        Input("mode", "value"), Input("schematic", "clickData"),
        prevent_initial_call=True,
    )(partial(name_tap, model))
    app.callback(
        Output("marks", "data", allow_duplicate=True),
        Output("regions", "value", allow_duplicate=True),
        Output("mode", "value", allow_duplicate=True),
        Output("leg", "value", allow_duplicate=True),
        Input("tap-mark", "n_clicks"), State("tapped", "data"), State("marks", "data"),
        State("feel", "value"),
        prevent_initial_call=True,
    )(partial(mark_tapped, model))


def name_tap(model, mode, click):
    """Explaining: a tap on the picture names what is there, and offers to
    mark it; the condition, level, side and zone stay as they are."""
    if inputs.word(mode) == "where" or ctx.triggered_id == "mode":
        return no_update, True, None, True
    name = model.structure_at(click)
    if name is None:
        return no_update, True, None, True
    region = model.region_at(click)
    return (f"You pointed at: {name}.", False,
            {"region": region[0], "side": region[1]} if region else None, region is None)


def mark_tapped(model, clicks, tapped, marks, feel):
    """The doctor chose to mark the place pointed at: now 'where does it hurt?'."""
    data = model.clinical
    if not clicks or not isinstance(tapped, dict) or tapped.get("region") not in data.regions \
            or tapped.get("side") not in ("left", "right"):
        return (no_update,) * 4
    marks = inputs.mark_list(marks, data)
    feel = inputs.choice(feel or "pain", clinical.FEELS, "feel")
    region, side = tapped["region"], tapped["side"]
    if (region, side) not in {(r, s) for r, s, _ in marks}:
        marks, _ = marking.tap(marks, region, side, feel)
    return [list(m) for m in marks], marking.on_leg(marks, side), "where", side
