"""The address: a link opens its view (bad values fall back, with a visible note),
and every view writes its address, so each is a history entry and a link to share."""
from __future__ import annotations

from functools import partial

from dash import ClientsideFunction, Input, Output, State, ctx, no_update

from dashapp.page import drawing, inputs, marking, urlstate
from dashapp.page.callbacks.controls import CONTROLS


def register(app, model) -> None:
    app.callback(
        *[Output(c, "value", allow_duplicate=True) for c in CONTROLS],
        Output("regions", "value", allow_duplicate=True),
        Output("audience", "value"),
        Output("url-note", "children"), Output("url-note", "hidden"),
        Output("url-loaded", "data"),
        Output("marks", "data", allow_duplicate=True), Output("leg", "value", allow_duplicate=True),
        Output("weak", "value"), Output("flags", "value"), Output("chairside-link", "data"),
        Input("url", "search"), Input("nav", "data"),
        prevent_initial_call="initial_duplicate",
    )(partial(load_url, model))
    # the address bar and the share link follow the view: each new view is a
    # history entry, so Back and Forward walk through what the doctor showed
    # (with the drawing and the mirror choice: assets/chairside.js)
    app.clientside_callback(
        ClientsideFunction("chairside", "writeUrl"),
        Output("share-link", "children"),
        Input("canonical-query", "data"), State("url-loaded", "data"),
    )


def load_url(model, search, nav):
    """A link opens its view; bad values fall back, with a visible note.
    Back/Forward (and Start over) bring their address through `nav`."""
    if ctx.triggered_id == "nav" and isinstance(nav, dict):
        search = nav.get("search")
    search = inputs.search(search)
    state = urlstate.parse_query(search, model.clinical)
    extra = drawing.from_query(search) if len(search) <= urlstate.MAX_QUERY \
        else drawing.ChairsideLink()
    note = " ".join(state.notes + extra.notes)
    marks = [list(m) for m in state.marks]
    leg = marks[0][1] if marks else (state.side if state.side in ("left", "right") else "left")
    side = state.side if state.mode == "explain" else no_update
    # Back/Forward return to a view with fewer marks too: then every value is set
    restore = ctx.triggered_id == "nav"

    def changed(value, start):  # the page's start values need no second round
        return value if restore or value != start else no_update

    return (state.mode, state.condition, state.level, side, state.zone,
            changed(marking.on_leg(state.marks, leg), []), state.audience, note, not note,
            True, changed(marks, []), changed(leg, "left"), changed(list(state.weak), []),
            changed(list(state.flags), []), extra.to_client())
