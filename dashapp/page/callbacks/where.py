""""Where does it hurt?": marking places (the tap picker, the schematic, the list),
the picker's picture, the list of marks, and opening a candidate's explanation."""
from __future__ import annotations

from functools import partial

from dash import ALL, Input, Output, State, ctx, no_update

from dashapp import clinical
from dashapp.page import inputs, marking, texts
from dashapp.page.callbacks.controls import CONTROLS
from dashapp.pictures import picker

KEEP = (no_update,) * 5  # edit_marks: nothing changes


def register(app, model) -> None:
    app.callback(
        Output("marks", "data", allow_duplicate=True),
        Output("regions", "value", allow_duplicate=True),
        Output("mode", "value", allow_duplicate=True),
        Output("leg", "value", allow_duplicate=True),
        Output("picker-status", "children"),
        Input("schematic", "clickData"), Input("picker-tap", "data"),
        Input("regions", "value"), Input("leg", "value"), Input("clear-regions", "n_clicks"),
        Input({"type": "unmark", "index": ALL}, "n_clicks"),
        State("marks", "data"), State("feel", "value"), State("mode", "value"),
        prevent_initial_call=True,
    )(partial(edit_marks, model))
    app.callback(
        Output("picker", "figure"), Output("picker", "style"),
        Input("picker-view", "value"), Input("leg", "value"), Input("marks", "data"),
        Input("mode", "value"),
    )(partial(draw_picker, model))
    app.callback(Output("marked-list", "children"),
                 Input("marks", "data"))(partial(list_marks, model))
    app.callback(
        Output("mode", "value", allow_duplicate=True),
        Input("back-to-marks", "n_clicks"), prevent_initial_call=True,
    )(back_to_marks)
    app.callback(
        *[Output(c, "value", allow_duplicate=True) for c in CONTROLS],
        Input({"type": "candidate", "index": ALL}, "n_clicks"),
        State("marks", "data"), State("weak", "value"), State("flags", "value"),
        State("leg", "value"),
        prevent_initial_call=True,
    )(partial(pick_candidate, model))


def edit_marks(model, click, tap, ticked, leg, _clear, _unmark, marks, feel, mode):
    """Every change to the marks: a tap on the picker or the schematic, a tick in the
    list, a removal, clearing, or another leg chosen (the list then shows that leg).
    The rules are in marking.py; a tap that hits nothing says so. Answers (marks,
    ticked regions of the leg shown, mode, leg, status)."""
    data = model.clinical
    marks = inputs.mark_list(marks, data)
    leg = inputs.choice(leg or "left", ("left", "right"), "leg")
    feel = inputs.choice(feel or "pain", clinical.FEELS, "feel")
    labels = {r.id: r.label for r in data.regions.values()}
    trigger = ctx.triggered_id
    if trigger == "clear-regions":
        return [], [], no_update, no_update, "All marks cleared."
    if isinstance(trigger, dict) and trigger.get("type") == "unmark":
        return _unmarked(marks, leg, labels, trigger)
    if trigger == "leg":
        return no_update, marking.on_leg(marks, leg), no_update, no_update, no_update
    if trigger == "regions":
        return _ticked(data, marks, leg, ticked, feel, labels)
    hit = _picker_hit(model, tap) if trigger == "picker-tap" else _schematic_hit(model, click,
                                                                                 mode)
    if hit is None or hit == marking.MISS:
        return KEEP if hit is None else (*KEEP[:4], marking.MISS)
    region, side = hit
    marks, what = marking.tap(marks, region, side, feel)
    return ([list(m) for m in marks], marking.on_leg(marks, side), "where", side,
            marking.said(labels, what, region, side, feel))


def _unmarked(marks, leg, labels, trigger):
    """A mark's remove button."""
    if not ctx.triggered[0]["value"]:
        return KEEP
    region, _, side = str(trigger.get("index", "")).partition(":")
    marks = marking.remove(marks, region, side)
    return ([list(m) for m in marks], marking.on_leg(marks, leg), no_update, no_update,
            f"Unmarked: {labels.get(region, region)} ({side} leg).")


def _ticked(data, marks, leg, ticked, feel, labels):
    """A tick or untick in the list of places of the leg shown."""
    ticked = [r for r in inputs.marks(ticked, data) if r in data.regions]
    new, added = marking.tick(marks, leg, ticked, feel)
    if new == marks:  # the list only followed the marks (a link, another leg)
        return KEEP
    status = marking.said(labels, "marked", added, leg, feel) if added else no_update
    return [list(m) for m in new], no_update, no_update, no_update, status


def _picker_hit(model, tap):
    """(region, side) under a tap on the zoomed picker; MISS outside every region;
    None for a tap the page did not send."""
    hit = inputs.tap(tap, picker.VIEWS)
    if hit is None:
        return None
    region = (None if hit["x"] is None or hit["y"] is None else
              picker.region_at(model.anatomy, hit["view"], hit["side"], hit["x"], hit["y"]))
    return marking.MISS if region is None else (region, hit["side"])


def _schematic_hit(model, click, mode):
    """A tap on the schematic marks in "where does it hurt?"; while explaining it
    only names what was touched (chairside.name_tap): the view stays."""
    if inputs.word(mode) != "where":
        return None
    return model.region_at(click)


def draw_picker(model, view, leg, marks, mode):
    """The zoomed picker: the chosen view of the chosen leg, its marks named
    (drawn only when shown: a hidden graph has no width to fit). Its box gets the
    view's height: a responsive graph drops the figure's own height and would
    otherwise size itself from a box measured while hidden (0 px, the foot then
    drawn over the checklist below and taps falling through to it)."""
    if inputs.word(mode) != "where":
        return no_update, no_update
    view = inputs.choice(view or "foot_top", picker.VIEWS, "view")
    leg = inputs.choice(leg or "left", ("left", "right"), "leg")
    marked = tuple((r, f) for r, s, f in inputs.mark_list(marks, model.clinical) if s == leg)
    return model.picker(view, leg, marked), picker.box_style(view)


def list_marks(model, marks):
    """The places marked, each with a remove button."""
    return texts.marked_list(inputs.mark_list(marks, model.clinical), model.clinical)


def back_to_marks(clicks):
    """Back from a candidate's explanation to the places marked (they were kept)."""
    return "where" if clicks else no_update


def pick_candidate(model, clicks, marks, weak, flags, leg):
    """A candidate root opens the forward view of its most likely lesion; the marks stay."""
    data = model.clinical
    nothing = (no_update,) * len(CONTROLS)
    marks = marking.tokens(inputs.mark_list(marks, data))
    weak = inputs.known_list(weak, data.strength, "weak")
    flags = inputs.known_list(flags, clinical.asked_flags(data), "flags")
    rank = inputs.pattern_index(ctx.triggered_id, inputs.MAX_LIST)
    if rank is None or not ctx.triggered[0]["value"] or not marks:
        return nothing
    try:
        result = model.where(marks, inputs.choice(leg or "left", ("left", "right")), weak, flags)
    except clinical.NotApplicable:  # the page never lists candidates for these
        return nothing
    if rank >= len(result.candidates):
        return nothing
    cand = result.candidates[rank]
    condition, level, zone = cand.condition_hint
    return "explain", condition, level, cand.side, zone
