"""Wiring between the page and the engines. Thin: translate, delegate, return."""
from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, State, ctx, no_update

from . import clinical, inputs, layout, urlstate
from .viewtitle import view_title
from .highlight import reverse_highlight

CONTROLS = ["mode", "condition", "level", "side", "zone"]


def toggled(regions: list[str], side: str, region: str, tapped: str) -> tuple[list[str], str]:
    """Marked regions and side after a tap on `region` of the `tapped` side.

    Regions are marked for one side or both (as in the link). The first tap
    sets the side; a tap on the other side's copy of a region adds that side
    (both) rather than unmarking it; a tap on a marked region unmarks it.
    """
    regions = list(regions)
    if not regions:
        return [region], tapped
    if region in regions and side in (tapped, "both"):
        regions.remove(region)
        return regions, (side if regions else tapped)
    if region not in regions:
        regions.append(region)
    return regions, (side if side == tapped else "both")


def register(app, model) -> None:
    """`model` is app.Model: the loaded data, figure index and tables."""
    data = model.clinical

    # condition -> which zones and levels apply (in the browser: no round trip)
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

    # the highlight itself: a restyle in the browser from precomputed tables
    app.clientside_callback(
        ClientsideFunction("spinefoot", "highlight"),
        Output("painted", "children"),
        *[Input(c, "value") for c in CONTROLS], Input("reverse-highlight", "data"),
        State("client-table", "data"), State("highlights", "data"),
        State("condition-meta", "data"), State("arrangements", "data"),
    )

    # the tab, bookmarks and history name the view
    app.clientside_callback(
        ClientsideFunction("spinefoot", "setTitle"),
        Input("view-title", "data"),
    )

    # the address bar and the share link follow the view (no history entry)
    app.clientside_callback(
        ClientsideFunction("spinefoot", "writeUrl"),
        Output("share-link", "children"),
        Input("canonical-query", "data"), State("url-loaded", "data"),
    )

    @app.callback(
        *[Output(c, "value", allow_duplicate=True) for c in CONTROLS],
        Output("regions", "value", allow_duplicate=True),
        Output("audience", "value"),
        Output("url-note", "children"), Output("url-note", "hidden"),
        Output("url-loaded", "data"),
        Input("url", "search"),
        prevent_initial_call="initial_duplicate",
    )
    def load_url(search):
        """A link opens its view; bad values fall back, with a visible note."""
        state = urlstate.parse_query(inputs.search(search), data)
        note = " ".join(state.notes)
        return (state.mode, state.condition, state.level, state.side, state.zone,
                list(state.regions), state.audience, note, not note, True)

    @app.callback(
        Output("explanation", "children"), Output("reverse-highlight", "data"),
        Output("canonical-query", "data"), Output("figure-summary", "children"),
        Output("view-title", "data"),
        *[Input(c, "value") for c in CONTROLS], Input("regions", "value"),
        Input("audience", "value"),
    )
    def explain_panel(mode, condition, level, side, zone, regions, audience):
        mode, condition, level, side, zone, audience = inputs.words(
            mode, condition, level, side, zone, audience)
        regions = inputs.marks(regions, data)
        cond = data.conditions.get(condition)
        if cond is not None:  # hidden controls keep their values; they do not apply
            level = level if cond.has_level else None
            zone = zone if cond.zones else None
        audience = audience if audience in urlstate.AUDIENCES else "patient"
        state = urlstate.ViewState("explain", condition, level, side, zone, audience=audience)
        try:
            if mode == "where":
                result = model.where(regions, side)
                hl = reverse_highlight(model.index, result,
                                       [(r, s) for r in regions for s in model.sides_of(side)])
                state = urlstate.ViewState(mode="where", side=side, regions=regions,
                                           audience=audience)
                return (layout.reverse_children(result, data), hl.to_client(),
                        urlstate.to_query(state, data), layout.reverse_summary(result, data),
                        view_title(state, data))
            expl = model.explain(condition, level, side, zone)
        except clinical.NotApplicable as refusal:
            # the link still says what was asked, so it reproduces this page
            query = urlstate.to_query(state, data) if cond is not None else no_update
            return (layout.refusal_children(refusal.reason), None, query,
                    "Nothing is shown: this combination does not occur.",
                    view_title(state, data))
        return (layout.explanation_children(expl, data, audience), None,
                urlstate.to_query(state, data), layout.figure_summary(expl, data),
                view_title(state, data))

    @app.callback(
        Output("regions", "value", allow_duplicate=True),
        Output("mode", "value", allow_duplicate=True),
        Output("side", "value", allow_duplicate=True),
        Input("schematic", "clickData"), Input("clear-regions", "n_clicks"),
        State("regions", "value"), State("side", "value"), State("mode", "value"),
        prevent_initial_call=True,
    )
    def mark_region(click, _clear, regions, side, mode):
        """A tap on a region marks it (or unmarks it) and switches to
        'where does it hurt?'."""
        if ctx.triggered_id == "clear-regions":
            return [], no_update, no_update
        hit = model.region_at(click)
        if hit is None:
            return no_update, no_update, no_update
        side, mode = inputs.choice(side, clinical.SIDES, "side"), inputs.word(mode)
        marked = list(inputs.marks(regions, data)) if mode == "where" else []
        marked, new_side = toggled(marked, side, *hit)
        return marked, "where", new_side

    @app.callback(
        *[Output(c, "value", allow_duplicate=True) for c in CONTROLS],
        Input({"type": "candidate", "index": ALL}, "n_clicks"),
        State("regions", "value"), State("side", "value"),
        prevent_initial_call=True,
    )
    def pick_candidate(clicks, regions, side):
        """A candidate root opens the forward view of its most likely lesion."""
        regions = inputs.marks(regions, data)
        rank = inputs.pattern_index(ctx.triggered_id, inputs.MAX_LIST)
        if rank is None or not ctx.triggered[0]["value"]:
            return (no_update,) * len(CONTROLS)
        try:
            result = model.where(regions, inputs.word(side))
        except clinical.NotApplicable:  # the page never lists candidates for these
            return (no_update,) * len(CONTROLS)
        if rank >= len(result.candidates):
            return (no_update,) * len(CONTROLS)
        cand = result.candidates[rank]
        condition, level, zone = cand.condition_hint
        return "explain", condition, level, cand.side, zone
