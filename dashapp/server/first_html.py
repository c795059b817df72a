"""The first HTML of a link: a lean document that already shows the linked view's
picture and words, with the app's scripts listed but not yet run.

Measured with benchmarks/lighthouse.py (mobile preset: slow 4G, 4x slower
CPU): before this the largest paint waited for React, the Dash layout and
plotly.js (~6 s). Now the first HTML points to a static SVG of exactly
the linked view (picture_files.py), shown until Plotly has drawn; the
schematic box has its final proportions from the start (no layout shift).
Dash's legacy polyfill bundle (core-js 2, for Internet Explorer) is not
sent: it replaced native functions (String.prototype.trim, setImmediate)
with slower ones. Dash's bundles still need the regenerator runtime; it is
shipped alone (assets/vendor/regenerator-runtime-*.js, MIT).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from html import escape

import flask

from dashapp.page import drawing, first_view, layout, texts, urlstate
from dashapp.pictures import figure

# the page without Dash's IE warning and without its <footer> around the
# scripts (a second "contentinfo" landmark beside the page's own footer)
INDEX = """<!DOCTYPE html>
<html lang="en">
<head>
{%metas%}
<title>{%title%}</title>
{%favicon%}
{%css%}
</head>
<body>
{%app_entry%}
{%config%}
{%scripts%}
{%renderer%}
</body>
</html>"""
POLYFILL = re.compile(r'<script src="[^"]*/polyfill@[^"]*"></script>\s*')
LATER = re.compile(r"<script src=")
BOOT = re.compile(r'<script type="text/x-later" src="([^"]*/assets/boot\.js[^"]*)"')
TABLE_BUNDLE = re.compile(r'<script src="[^"]*/dash_table/bundle[^"]*"></script>\s*')
PHONE = "(max-width: 719.98px)"  # assets/highlight.js stacks the views below 720 px


class FirstHtml:
    """Dash's index page, rewritten per link. `model` is factory.Model, `key` names a
    precomputed highlight (factory.state_key), `pictures` is a PictureFiles."""

    def __init__(self, app, model, key, pictures):
        self.model, self.key, self.pictures = model, key, pictures
        self.uses_table = any(type(c).__module__.startswith("dash.dash_table")
                              for c in app.layout._traverse())
        self.first_of = lru_cache(maxsize=512)(self._first_of)

    def install(self, app) -> None:
        original = app.interpolate_index
        app.interpolate_index = lambda **parts: original(**self.parts(parts))
        app.index_string = INDEX

    def _first_of(self, state: urlstate.ViewState, extras: bool):
        """(highlight key, words, first view, with the 'possibly' layer) of a view: it
        depends on the view asked for only (a few hundred exist), so it is written once
        each, not on every visit."""
        model = self.model
        view = first_view.for_state(state, model, extras)
        maybe = state.audience == "clinician"
        if state.mode != "explain":
            return ("", "The schematic: lower back, legs and feet, from the front and behind.",
                    view, False)
        cond = model.clinical.conditions[state.condition]
        level = state.level if cond.has_level else None
        zone = state.zone if cond.zones else None
        name = self.key(state.condition, level, state.side, zone)
        if name not in model.highlights:
            return "", "The schematic: nothing is lit.", view, False
        expl = model.explain(state.condition, level, state.side, zone)
        return name, texts.figure_summary(expl, model.clinical, maybe), view, maybe

    def first_state(self):
        """first_of() for the view the request's link asks for."""
        search = flask.request.query_string.decode("utf-8", "replace")
        state = urlstate.parse_query(search, self.model.clinical)
        link = drawing.from_query(search) if len(search) <= urlstate.MAX_QUERY else None
        return self.first_of(state, link is not None and bool(link.strokes or link.mirror
                                                               or link.notes))

    def parts(self, parts: dict) -> dict:
        """Dash's index parts for this request's link."""
        state, words, view, maybe = self.first_state()
        tall = self.pictures.url("tall", state, maybe)
        wide = self.pictures.url("wide", state, maybe)
        parts["scripts"] = self._scripts(parts.get("scripts", ""))
        parts["renderer"] = ('<script id="_dash-renderer" type="text/x-later">'
                             "new DashRenderer()</script>")
        parts["favicon"] = '<link rel="icon" href="data:,">'  # no request for a favicon
        parts["css"] = parts.get("css", "") + _picture_style(tall, wide)
        # assets/highlight.js draws Plotly's first picture in the arrangement
        # this screen gets (not the default one, then again)
        arrangements = json.dumps({n: figure.arrangement_layout(n) for n in figure.ARRANGEMENTS})
        parts["config"] = parts.get("config", "") + (
            f'<script id="sf-arrangements" type="application/json">{arrangements}</script>')
        parts["app_entry"] = _document(view, tall, wide, words) + parts.get("app_entry", "")
        return parts

    def _scripts(self, scripts: str) -> str:
        """The app's scripts are listed but not run (an unknown type is neither
        fetched nor run): assets/boot.js starts them when the person reaches for
        the page, or at once for a view that is a tool (first_view.py)."""
        scripts = POLYFILL.sub("", scripts)
        if not self.uses_table:  # Dash always sends DataTable's loader; this page has none
            scripts = TABLE_BUNDLE.sub("", scripts)
        return BOOT.sub(r'<script defer src="\1"', LATER.sub(
            '<script type="text/x-later" src=', scripts))


def _picture_style(tall: str, wide: str) -> str:
    """The schematic box has its final shape before Plotly draws, showing this
    view's picture (the same file the first paint used)."""
    aspect = {name: figure.arrangement_layout(name)["aspect"] for name in ("tall", "wide")}
    return (f'<style>:root{{--schematic-aspect:{aspect["wide"]};'
            f'--first-picture:url("{wide}")}}'
            f'@media {PHONE}{{:root{{--schematic-aspect:{aspect["tall"]};'
            f'--first-picture:url("{tall}")}}}}</style>')


def _document(view: first_view.FirstView, tall: str, wide: str, words: str) -> str:
    """The link's view as a document: masthead, picture and the words."""
    image = (f'<picture><source media="{PHONE}" srcset="{tall}">'
             f'<img src="{wide}" alt="{escape(words)}" fetchpriority="high"></picture>')
    masthead = ('<header class="masthead"><h1>spine<span>foot</span></h1>'
                f'<p class="tagline">{escape(layout.TAGLINE)}</p></header>')
    if view.boot_now:
        body = image + '<p class="first-view-status" role="status">Loading…</p>'
    else:
        body = view.html.replace("{picture}", image, 1)
    return (f'<div class="first-view" data-boot="{"now" if view.boot_now else "later"}">'
            f"{masthead}<main>{body}</main></div>")
