"""Wiring between the page and the engines. Thin: translate, delegate, return."""
from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, State, ctx, html, no_update

from . import chairside, clinical, inputs, layout, marking, picker, urlstate
from .viewtitle import view_title
from .highlight import reverse_highlight

CONTROLS = ["mode", "condition", "level", "side", "zone"]


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

    # the address bar and the share link follow the view: each new view is a
    # history entry, so Back and Forward walk through what the doctor showed
    # (with the drawing and the mirror choice: assets/chairside.js)
    app.clientside_callback(
        ClientsideFunction("chairside", "writeUrl"),
        Output("share-link", "children"),
        Input("canonical-query", "data"), State("url-loaded", "data"),
    )
    app.clientside_callback(
        ClientsideFunction("chairside", "setup"),
        Output("ink", "title"), Input("chairside-config", "data"),
    )
    app.clientside_callback(
        ClientsideFunction("chairside", "applyLink"),
        Output("ink-note", "title"), Input("chairside-link", "data"),
    )

    @app.callback(
        *[Output(c, "value", allow_duplicate=True) for c in CONTROLS],
        Output("regions", "value", allow_duplicate=True),
        Output("audience", "value"),
        Output("url-note", "children"), Output("url-note", "hidden"),
        Output("url-loaded", "data"),
        Output("marks", "data", allow_duplicate=True), Output("leg", "value", allow_duplicate=True),
        Output("weak", "value"), Output("flags", "value"), Output("chairside-link", "data"),
        Input("url", "search"), Input("nav", "data"),
        prevent_initial_call="initial_duplicate",
    )
    def load_url(search, nav):
        """A link opens its view; bad values fall back, with a visible note.
        Back/Forward (and Start over) bring their address through `nav`."""
        if ctx.triggered_id == "nav" and isinstance(nav, dict):
            search = nav.get("search")
        search = inputs.search(search)
        state = urlstate.parse_query(search, data)
        extra = chairside.from_query(search) if len(search) <= urlstate.MAX_QUERY \
            else chairside.ChairsideLink()
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

    @app.callback(
        Output("explanation", "children"), Output("reverse-highlight", "data"),
        Output("canonical-query", "data"), Output("figure-summary", "children"),
        Output("view-title", "data"), Output("urgent", "children"),
        Output("back-to-marks", "hidden"), Output("legend", "children"),
        Output("side-view", "children"), Output("handout-text", "children"),
        *[Input(c, "value") for c in CONTROLS], Input("marks", "data"),
        Input("weak", "value"), Input("flags", "value"), Input("audience", "value"),
        Input("show-possible", "value"),
        State("leg", "value"),
    )
    def explain_panel(mode, condition, level, side, zone, marks, weak, flags, audience, possible,
                      leg):
        show_possible = isinstance(possible, list) and "on" in possible
        mode, condition, level, side, zone, audience = inputs.words(
            mode, condition, level, side, zone, audience)
        marks = marking.tokens(inputs.mark_list(marks, data))
        weak = inputs.known_list(weak, data.strength, "weak")
        flags = inputs.known_list(flags, clinical.asked_flags(data), "flags")
        leg = inputs.choice(leg or "left", ("left", "right"), "leg")
        # the warning signs the marks and answers raise head the page in either mode
        urgent = layout.urgent_children(model.red_flags(marks, flags))
        cond = data.conditions.get(condition)
        if cond is not None:  # hidden controls keep their values; they do not apply
            level = level if cond.has_level else None
            zone = zone if cond.zones else None
        audience = audience if audience in urlstate.AUDIENCES else "patient"
        state = urlstate.ViewState("explain", condition, level, side, zone, audience=audience,
                                   weak=weak, flags=flags)
        try:
            if mode == "where":
                result = model.where(marks, leg, weak, flags)
                hl = reverse_highlight(model.index, result,
                                       [(m.region, m.side) for m in result.marks])
                state = urlstate.ViewState(
                    mode="where", side=result.side if marks else leg, regions=result.regions,
                    audience=audience, marks=tuple((m.region, m.side, m.feel)
                                                   for m in result.marks),
                    weak=weak, flags=flags)
                more = len(result.candidates) > 1
                return (layout.reverse_children(result, data), hl.to_client(),
                        urlstate.to_query(state, data),
                        layout.reverse_summary(result, data, show_possible),
                        view_title(state, data), urgent, True,
                        layout.legend_children("where", more, show_possible,
                                               "explained" in hl.traces.values()), [],
                        layout.handout_where_children(result, data))
            expl = model.explain(condition, level, side, zone)
        except clinical.NotApplicable as refusal:
            # the link still says what was asked, so it reproduces this page
            query = urlstate.to_query(state, data) if cond is not None else no_update
            refused = layout.refusal_children(refusal.reason)
            return (refused, None, query,
                    "Nothing is shown: this combination does not occur.",
                    view_title(state, data), urgent, not marks,
                    layout.legend_children("explain", False, False), [],
                    html.Div(refused, className="handout-words"))
        has_possible = any(h.role != "primary" for h in expl.roots)
        return (layout.explanation_children(expl, data, audience, from_marks=bool(marks)), None,
                urlstate.to_query(state, data),
                layout.figure_summary(expl, data, show_possible),
                view_title(state, data), urgent, not marks,
                layout.legend_children("explain", has_possible, show_possible),
                layout.side_view_children(expl), layout.handout_children(expl, data))

    @app.callback(
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
    )
    def edit_marks(click, tap, ticked, leg, _clear, _unmark, marks, feel, mode):
        """Every change to the marks: a tap on the picker or the schematic, a tick in the
        list, a removal, clearing, or another leg chosen (the list then shows that leg).
        The rules are in marking.py; a tap that hits nothing says so."""
        marks = inputs.mark_list(marks, data)
        leg = inputs.choice(leg or "left", ("left", "right"), "leg")
        feel = inputs.choice(feel or "pain", clinical.FEELS, "feel")
        labels = {r.id: r.label for r in data.regions.values()}
        trigger = ctx.triggered_id
        keep = no_update
        if trigger == "clear-regions":
            return [], [], keep, keep, "All marks cleared."
        if isinstance(trigger, dict) and trigger.get("type") == "unmark":
            if not ctx.triggered[0]["value"]:
                return (keep,) * 5
            region, _, side = str(trigger.get("index", "")).partition(":")
            marks = marking.remove(marks, region, side)
            return ([list(m) for m in marks], marking.on_leg(marks, leg), keep, keep,
                    f"Unmarked: {labels.get(region, region)} ({side} leg).")
        if trigger == "leg":
            return keep, marking.on_leg(marks, leg), keep, keep, keep
        if trigger == "regions":
            ticked = [r for r in inputs.marks(ticked, data) if r in data.regions]
            new, added = marking.tick(marks, leg, ticked, feel)
            if new == marks:  # the list only followed the marks (a link, another leg)
                return (keep,) * 5
            status = marking.said(labels, "marked", added, leg, feel) if added else keep
            return [list(m) for m in new], keep, keep, keep, status
        if trigger == "picker-tap":
            hit = inputs.tap(tap, picker.VIEWS)
            if hit is None:
                return (keep,) * 5
            region = (None if hit["x"] is None or hit["y"] is None else
                      picker.region_at(model.anatomy, hit["view"], hit["side"], hit["x"], hit["y"]))
            if region is None:
                return keep, keep, keep, keep, marking.MISS
            side = hit["side"]
        else:  # a tap on the schematic marks in "where does it hurt?"; while
            # explaining it only names what was touched (name_tap): the view stays
            if inputs.word(mode) != "where":
                return (keep,) * 5
            hit = model.region_at(click)
            if hit is None:
                return (keep,) * 5
            region, side = hit
        marks, what = marking.tap(marks, region, side, feel)
        return ([list(m) for m in marks], marking.on_leg(marks, side), "where", side,
                marking.said(labels, what, region, side, feel))

    @app.callback(
        Output("picker", "figure"), Output("picker", "style"),
        Input("picker-view", "value"), Input("leg", "value"), Input("marks", "data"),
        Input("mode", "value"),
    )
    def draw_picker(view, leg, marks, mode):
        """The zoomed picker: the chosen view of the chosen leg, its marks named
        (drawn only when shown: a hidden graph has no width to fit). Its box gets the
        view's height: a responsive graph drops the figure's own height and would
        otherwise size itself from a box measured while hidden (0 px, the foot then
        drawn over the checklist below and taps falling through to it)."""
        if inputs.word(mode) != "where":
            return no_update, no_update
        view = inputs.choice(view or "foot_top", picker.VIEWS, "view")
        leg = inputs.choice(leg or "left", ("left", "right"), "leg")
        marked = tuple((r, f) for r, s, f in inputs.mark_list(marks, data) if s == leg)
        return model.picker(view, leg, marked), picker.box_style(view)

    @app.callback(Output("marked-list", "children"), Input("marks", "data"))
    def list_marks(marks):
        return layout.marked_list(inputs.mark_list(marks, data), data)

    @app.callback(
        Output("mode", "value", allow_duplicate=True),
        Input("back-to-marks", "n_clicks"), prevent_initial_call=True,
    )
    def back_to_marks(clicks):
        """Back from a candidate's explanation to the places marked (they were kept)."""
        return "where" if clicks else no_update

    @app.callback(
        Output("tap-name", "children"), Output("tap-note", "hidden"), Output("tapped", "data"),
        Output("tap-mark", "hidden"),
        Input("mode", "value"), Input("schematic", "clickData"),
        prevent_initial_call=True,
    )
    def name_tap(mode, click):
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

    @app.callback(
        Output("marks", "data", allow_duplicate=True),
        Output("regions", "value", allow_duplicate=True),
        Output("mode", "value", allow_duplicate=True),
        Output("leg", "value", allow_duplicate=True),
        Input("tap-mark", "n_clicks"), State("tapped", "data"), State("marks", "data"),
        State("feel", "value"),
        prevent_initial_call=True,
    )
    def mark_tapped(clicks, tapped, marks, feel):
        """The doctor chose to mark the place pointed at: now 'where does it hurt?'."""
        if not clicks or not isinstance(tapped, dict) or tapped.get("region") not in data.regions \
                or tapped.get("side") not in ("left", "right"):
            return (no_update,) * 4
        marks = inputs.mark_list(marks, data)
        feel = inputs.choice(feel or "pain", clinical.FEELS, "feel")
        region, side = tapped["region"], tapped["side"]
        if (region, side) not in {(r, s) for r, s, _ in marks}:
            marks, _ = marking.tap(marks, region, side, feel)
        return [list(m) for m in marks], marking.on_leg(marks, side), "where", side

    @app.callback(
        *[Output(c, "value", allow_duplicate=True) for c in CONTROLS],
        Input({"type": "candidate", "index": ALL}, "n_clicks"),
        State("marks", "data"), State("weak", "value"), State("flags", "value"),
        State("leg", "value"),
        prevent_initial_call=True,
    )
    def pick_candidate(clicks, marks, weak, flags, leg):
        """A candidate root opens the forward view of its most likely lesion; the marks stay."""
        marks = marking.tokens(inputs.mark_list(marks, data))
        weak = inputs.known_list(weak, data.strength, "weak")
        flags = inputs.known_list(flags, clinical.asked_flags(data), "flags")
        rank = inputs.pattern_index(ctx.triggered_id, inputs.MAX_LIST)
        if rank is None or not ctx.triggered[0]["value"] or not marks:
            return (no_update,) * len(CONTROLS)
        try:
            result = model.where(marks, inputs.choice(leg or "left", ("left", "right")),
                                 weak, flags)
        except clinical.NotApplicable:  # the page never lists candidates for these
            return (no_update,) * len(CONTROLS)
        if rank >= len(result.candidates):
            return (no_update,) * len(CONTROLS)
        cand = result.candidates[rank]
        condition, level, zone = cand.condition_hint
        return "explain", condition, level, cand.side, zone
