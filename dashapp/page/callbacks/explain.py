"""The words of the current view: explanation, picture summary, title, warning
signs, legend and handout, for "explain a diagnosis" and "where does it hurt?"."""
from __future__ import annotations

from functools import partial

from dash import Input, Output, State, html, no_update

from dashapp import clinical
from dashapp.page import inputs, marking, texts, urlstate
from dashapp.page.callbacks.controls import CONTROLS
from dashapp.page.viewtitle import view_title
from dashapp.pictures.highlight import reverse_highlight


def register(app, model) -> None:
    app.callback(
        Output("explanation", "children"), Output("reverse-highlight", "data"),
        Output("canonical-query", "data"), Output("figure-summary", "children"),
        Output("view-title", "data"), Output("urgent", "children"),
        Output("back-to-marks", "hidden"), Output("legend", "children"),
        Output("side-view", "children"), Output("handout-text", "children"),
        *[Input(c, "value") for c in CONTROLS], Input("marks", "data"),
        Input("weak", "value"), Input("flags", "value"), Input("audience", "value"),
        Input("show-possible", "value"),
        State("leg", "value"),
    )(partial(describe_view, model))


def describe_view(model, mode, condition, level, side, zone, marks, weak, flags, audience,
                  possible, leg):
    """Everything written about the view: (explanation, reverse highlight, link,
    picture summary, title, warning signs, back-to-marks hidden, legend, side view,
    handout)."""
    data = model.clinical
    show_possible = isinstance(possible, list) and "on" in possible
    mode, condition, level, side, zone, audience = inputs.words(
        mode, condition, level, side, zone, audience)
    marks = marking.tokens(inputs.mark_list(marks, data))
    weak = inputs.known_list(weak, data.strength, "weak")
    flags = inputs.known_list(flags, clinical.asked_flags(data), "flags")
    leg = inputs.choice(leg or "left", ("left", "right"), "leg")
    # the warning signs the marks and answers raise head the page in either mode
    urgent = texts.urgent_children(model.red_flags(marks, flags))
    cond = data.conditions.get(condition)
    if cond is not None:  # hidden controls keep their values; they do not apply
        level = level if cond.has_level else None
        zone = zone if cond.zones else None
    audience = audience if audience in urlstate.AUDIENCES else "patient"
    state = urlstate.ViewState("explain", condition, level, side, zone, audience=audience,
                               weak=weak, flags=flags)
    try:
        if mode == "where":
            return _where_view(model, marks, leg, weak, flags, audience, show_possible, urgent)
        expl = model.explain(condition, level, side, zone)
    except clinical.NotApplicable as refusal:
        return _refused_view(data, state, refusal, cond is not None, urgent, marks)
    has_possible = any(h.role != "primary" for h in expl.roots)
    return (texts.explanation_children(expl, data, audience, from_marks=bool(marks)), None,
            urlstate.to_query(state, data),
            texts.figure_summary(expl, data, show_possible),
            view_title(state, data), urgent, not marks,
            texts.legend_children("explain", has_possible, show_possible),
            texts.side_view_children(expl), texts.handout_children(expl, data))


def _where_view(model, marks, leg, weak, flags, audience, show_possible, urgent):
    """The view of "where does it hurt?": the ranked roots and look-alikes of the marks."""
    data = model.clinical
    result = model.where(marks, leg, weak, flags)
    hl = reverse_highlight(model.index, result, [(m.region, m.side) for m in result.marks])
    state = urlstate.ViewState(
        mode="where", side=result.side if marks else leg, regions=result.regions,
        audience=audience, marks=tuple((m.region, m.side, m.feel) for m in result.marks),
        weak=weak, flags=flags)
    more = len(result.candidates) > 1
    return (texts.reverse_children(result, data), hl.to_client(),
            urlstate.to_query(state, data),
            texts.reverse_summary(result, data, show_possible),
            view_title(state, data), urgent, True,
            texts.legend_children("where", more, show_possible,
                                   "explained" in hl.traces.values()), [],
            texts.handout_where_children(result, data))


def _refused_view(data, state, refusal, known_condition: bool, urgent, marks):
    """A combination that does not occur: say why; the link still says what was
    asked, so it reproduces this page."""
    query = urlstate.to_query(state, data) if known_condition else no_update
    refused = texts.refusal_children(refusal.reason)
    return (refused, None, query,
            "Nothing is shown: this combination does not occur.",
            view_title(state, data), urgent, not marks,
            texts.legend_children("explain", False, False), [],
            html.Div(refused, className="handout-words"))
