"""The first view of a link, as a plain document: picture, words, a way in.

A patient opening a link on a phone wants to see and read it. Starting the
interactive page costs seconds of a phone's processor (React, Dash and
plotly.js drawing 180 shapes: benchmarks/lighthouse.py), during which the
page does not answer a thumb. So the server sends this view of the linked
state first, written by the same functions as the app's own text
(texts.py), and assets/boot.js starts the app when the person reaches for
it: a tap, a key, a mouse moving. Views that are a tool rather than a text
(where does it hurt?, a link carrying drawings or a note about a bad value)
start the app at once.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from dashapp import clinical
from dashapp.page import texts, urlstate
from dashapp.page.static_html import to_html


@dataclass(frozen=True)
class FirstView:
    html: str  # the document's body (no picture: server/first_html.py places it)
    boot_now: bool  # start the app without waiting for the person


def for_state(state: urlstate.ViewState, model, has_extras: bool) -> FirstView:
    """`model` is app.Model; `has_extras`: the link carries more than the view (drawings)."""
    data = model.clinical
    if state.mode != "explain" or state.notes or has_extras:
        return FirstView("", True)
    cond = data.conditions[state.condition]
    level = state.level if cond.has_level else None
    zone = state.zone if cond.zones else None
    try:
        expl = model.explain(state.condition, level, state.side, zone)
    except clinical.NotApplicable:
        return FirstView("", True)
    clinician = state.audience == "clinician"
    audience = "&amp;audience=clinician" if clinician else ""
    has_possible = any(h.role != "primary" for h in expl.roots)
    urgent = texts.urgent_children(model.red_flags((), state.flags))
    words = to_html(texts.explanation_children(expl, data, state.audience))
    caption = escape(texts.figure_summary(expl, data, clinician))
    legend = to_html(texts.legend_children("explain", has_possible, clinician))
    body = (
        (f'<div class="urgent" role="alert">{to_html(urgent)}</div>' if urgent else "")
        + '<div class="first-view-start">'
        '<button type="button" class="first-view-open" data-then="controls">'
        'Change what is shown</button>'
        f'<a class="first-view-where" href="?mode=where{audience}">Where does it hurt?</a>'
        '<p class="first-view-status" role="status"></p></div>'
        '<div class="first-view-body">'
        f'<figure class="first-view-figure">{{picture}}'
        f'<figcaption><p class="figure-summary">{caption}</p>'
        f'<ul class="legend">{legend}</ul></figcaption></figure>'
        f'<section class="first-view-text explanation" aria-label="What this means">{words}'
        '</section></div>')
    return FirstView(body, False)
