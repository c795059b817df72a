"""The controls and the highlight, answered in the browser (assets/highlight.js):
choosing a condition, side or zone restyles the figure from precomputed tables,
with no round trip to the server."""
from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State

CONTROLS = ["mode", "condition", "level", "side", "zone"]


def register(app, _model) -> None:
    # condition -> which zones and levels apply
    app.clientside_callback(
        ClientsideFunction("spinefoot", "syncControls"),
        Output("zone", "options"), Output("zone", "value", allow_duplicate=True),
        Output("zone-field", "hidden"), Output("level", "value", allow_duplicate=True),
        Output("level-field", "hidden"), Output("level", "options"),
        Input("condition", "value"), State("level", "value"), State("zone", "value"),
        State("condition-meta", "data"),
        prevent_initial_call=True,
    )
    # sides that make sense for the zone: no dead end behind a 'Both' button
    app.clientside_callback(
        ClientsideFunction("spinefoot", "sideChoices"),
        Output("side", "options"), Output("side", "value", allow_duplicate=True),
        Output("side-note", "children"), Output("side-note", "hidden"),
        Input("mode", "value"), Input("condition", "value"), Input("zone", "value"),
        State("side", "value"), State("side", "options"), State("side-wish", "data"),
        State("condition-meta", "data"),
        prevent_initial_call="initial_duplicate",
    )
    app.clientside_callback(
        ClientsideFunction("spinefoot", "rememberSide"),
        Output("side-wish", "data"),
        Input("side", "value"), State("side", "options"),
    )
    app.clientside_callback(
        ClientsideFunction("spinefoot", "showMode"),
        Output("explain-controls", "hidden"), Output("where-controls", "hidden"),
        Input("mode", "value"),
    )
    # the 'possibly involved' layer: on for clinicians, off for patients
    app.clientside_callback(
        ClientsideFunction("spinefoot", "possibleFor"),
        Output("show-possible", "value"),
        Input("audience", "value"),
    )
    # the highlight itself: a restyle in the browser from precomputed tables
    app.clientside_callback(
        ClientsideFunction("spinefoot", "highlight"),
        Output("painted", "children"),
        *[Input(c, "value") for c in CONTROLS], Input("reverse-highlight", "data"),
        Input("show-possible", "value"),
        State("client-table", "data"), State("highlights", "data"),
        State("condition-meta", "data"), State("arrangements", "data"),
    )
    # the tab, bookmarks and history name the view
    app.clientside_callback(
        ClientsideFunction("spinefoot", "setTitle"),
        Input("view-title", "data"),
    )
