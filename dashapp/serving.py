"""How the page reaches the browser: a lean first HTML that already shows
the picture of the requested view, and long-lived caching of what cannot change.

Measured with benchmarks/lighthouse.py (mobile preset: slow 4G, 4x slower
CPU): before this the largest paint waited for React, the Dash layout and
plotly.js (~6 s). Now the first HTML points to a static SVG of exactly
the linked view (dashapp.picture), shown until Plotly has drawn; the
schematic box has its final proportions from the start (no layout shift).
Dash's legacy polyfill bundle (core-js 2, for Internet Explorer) is not
sent: it replaced native functions (String.prototype.trim, setImmediate)
with slower ones. Dash's bundles still need the regenerator runtime; it is
shipped alone (assets/vendor/regenerator-runtime-*.js, MIT).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from html import escape
from urllib.parse import quote

import flask

try:  # brotli comes with flask-compress; gzip is the fallback
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

from . import chairside, figure, first_view, layout, picture, urlstate

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
PACKED_MAX = 64  # files compressed once and kept (the page loads about 15)
YEAR = 31536000
PHONE = "(max-width: 719.98px)"  # assets/highlight.js stacks the views below 720 px


def setup(app, model, key) -> None:
    """Serve `app` (dash.Dash) lean. `model` is app.Model; `key(condition,
    level, side, zone)` names a precomputed highlight (app.state_key)."""
    fig = model.figure.to_plotly_json() if hasattr(model.figure, "to_plotly_json") else model.figure
    table = model.index.client_table()
    # the pictures change only when the figure or its styles do
    version = hashlib.sha256(json.dumps([fig, table], sort_keys=True, default=str).encode()
                             + Path(picture.__file__).read_bytes()).hexdigest()[:12]
    prefix = app.config.requests_pathname_prefix

    @lru_cache(maxsize=512)
    def svg(arrangement: str, state: str, maybe: bool = False) -> dict[str, bytes]:
        """The picture, compressed once per view (br ~40 kB, gzip ~60 kB, plain ~200 kB).
        `maybe`: with the 'possibly involved' layer (the clinicians' view)."""
        side = state.split("|")[2] if state.count("|") == 3 else ""
        sides = ("left", "right") if side == "both" else (side,) if side else ()
        text = picture.render(fig, table, model.highlights.get(state), arrangement, maybe,
                              sides, model.index.side_notes).encode()
        encoded = {"gzip": gzip.compress(text, 9), "identity": text}
        if brotli is not None:
            encoded["br"] = brotli.compress(text)
        return encoded

    # the landing page's pictures are ready before the first visitor asks (~0.1 s)
    start = urlstate.default_state(model.clinical)
    for arrangement in ("tall", "wide"):
        svg(arrangement, key(start.condition, start.level, start.side, start.zone))

    @lru_cache(maxsize=512)
    def first_of(state: urlstate.ViewState, extras: bool) -> tuple[str, str, first_view.FirstView,
                                                                   bool]:
        """(highlight key, words, first view, with the 'possibly' layer) of a view: it
        depends on the view asked for only (a few hundred exist), so it is written once
        each, not on every visit."""
        view = first_view.for_state(state, model, extras)
        maybe = state.audience == "clinician"
        if state.mode != "explain":
            return ("", "The schematic: lower back, legs and feet, from the front and behind.",
                    view, False)
        cond = model.clinical.conditions[state.condition]
        level, zone = (state.level if cond.has_level else None), (state.zone if cond.zones
                                                                   else None)
        name = key(state.condition, level, state.side, zone)
        if name not in model.highlights:
            return "", "The schematic: nothing is lit.", view, False
        expl = model.explain(state.condition, level, state.side, zone)
        return name, layout.figure_summary(expl, model.clinical, maybe), view, maybe

    def first_state() -> tuple[str, str, first_view.FirstView, bool]:
        """first_of() for the view the request's link asks for."""
        search = flask.request.query_string.decode("utf-8", "replace")
        state = urlstate.parse_query(search, model.clinical)
        link = chairside.from_query(search) if len(search) <= urlstate.MAX_QUERY else None
        return first_of(state, link is not None and bool(link.strokes or link.mirror
                                                          or link.notes))

    def picture_url(arrangement: str, state: str, maybe: bool) -> str:
        return (f"{prefix}_picture/{version}/{arrangement}.svg?s={quote(state, safe='')}"
                + ("&p=1" if maybe else ""))

    uses_table = any(type(c).__module__.startswith("dash.dash_table")
                     for c in app.layout._traverse())
    original = app.interpolate_index

    def interpolate_index(**parts):
        state, words, view, maybe = first_state()
        tall, wide = picture_url("tall", state, maybe), picture_url("wide", state, maybe)
        scripts = POLYFILL.sub("", parts.get("scripts", ""))
        if not uses_table:  # Dash always sends DataTable's loader; this page has none
            scripts = TABLE_BUNDLE.sub("", scripts)
        # the app's scripts are listed but not run (an unknown type is neither
        # fetched nor run): assets/boot.js starts them when the person reaches
        # for the page, or at once for a view that is a tool (first_view.py)
        parts["scripts"] = BOOT.sub(r'<script defer src="\1"', LATER.sub(
            '<script type="text/x-later" src=', scripts))
        parts["renderer"] = ('<script id="_dash-renderer" type="text/x-later">'
                             "new DashRenderer()</script>")
        parts["favicon"] = '<link rel="icon" href="data:,">'  # no request for a favicon
        aspect = {name: figure.arrangement_layout(name)["aspect"] for name in ("tall", "wide")}
        parts["css"] = parts.get("css", "") + (
            # the schematic box has its final shape before Plotly draws, showing
            # this view's picture (the same file the first paint used)
            f'<style>:root{{--schematic-aspect:{aspect["wide"]};'
            f'--first-picture:url("{wide}")}}'
            f'@media {PHONE}{{:root{{--schematic-aspect:{aspect["tall"]};'
            f'--first-picture:url("{tall}")}}}}</style>')
        # assets/highlight.js draws Plotly's first picture in the arrangement
        # this screen gets (not the default one, then again)
        arrangements = json.dumps({n: figure.arrangement_layout(n) for n in figure.ARRANGEMENTS})
        parts["config"] = parts.get("config", "") + (
            f'<script id="sf-arrangements" type="application/json">{arrangements}</script>')
        image = (f'<picture><source media="{PHONE}" srcset="{tall}">'
                 f'<img src="{wide}" alt="{escape(words)}" fetchpriority="high"></picture>')
        masthead = ('<header class="masthead"><h1>spine<span>foot</span></h1>'
                    f'<p class="tagline">{escape(layout.TAGLINE)}</p></header>')
        if view.boot_now:
            body = image + '<p class="first-view-status" role="status">Loading…</p>'
        else:
            body = view.html.replace("{picture}", image, 1)
        parts["app_entry"] = (
            f'<div class="first-view" data-boot="{"now" if view.boot_now else "later"}">'
            f"{masthead}<main>{body}</main></div>") + parts.get("app_entry", "")
        return original(**parts)

    app.interpolate_index = interpolate_index
    app.index_string = INDEX

    def serve_picture(token: str, arrangement: str):
        state = flask.request.args.get("s", "")
        if token != version or arrangement not in figure.ARRANGEMENTS or (
                state and state not in model.highlights):
            flask.abort(404)
        encoded = svg(arrangement, state, flask.request.args.get("p") == "1")
        accepted = flask.request.headers.get("Accept-Encoding", "")
        coding = next((c for c in ("br", "gzip") if c in accepted and c in encoded), "identity")
        response = flask.Response(encoded[coding], mimetype="image/svg+xml")
        if coding != "identity":
            response.headers["Content-Encoding"] = coding
        response.headers["Vary"] = "Accept-Encoding"
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
        return response

    app.server.add_url_rule(f"{app.config.routes_pathname_prefix}_picture/<token>/"
                            "<arrangement>.svg", "first_picture", serve_picture)
    _layout_once(app)
    # after_request hooks run last-registered first: the cache headers, then this
    _compress_once(app.server, (f"{prefix}assets/", f"{prefix}_dash-component-suites/"))
    _cache_fingerprinted_assets(app.server, f"{prefix}assets/")


def _layout_once(app) -> None:
    """The page's layout (the figure, the tables: ~460 kB of JSON) is the same for
    every visitor: serialised and compressed once, answered from memory with an
    ETag (it cost each visit ~25 ms of server time, the largest part of a visit)."""
    path = f"{app.config.routes_pathname_prefix}_dash-layout"
    ready: dict[str, bytes] = {}

    @app.server.before_request
    def layout_once():
        request = flask.request
        if request.path != path or request.method != "GET":
            return None
        if not ready:
            body = app.serve_layout().get_data()  # Dash's own serialisation
            ready.update({"identity": body, "gzip": gzip.compress(body, 9)})
            if brotli is not None:
                ready["br"] = brotli.compress(body, quality=9)
            ready["etag"] = hashlib.sha256(body).hexdigest()[:20].encode()
        etag = ready["etag"].decode()
        accepted = request.headers.get("Accept-Encoding", "")
        coding = next((c for c in ("br", "gzip") if c in accepted and c in ready), "identity")
        response = flask.Response(ready[coding], mimetype="application/json")
        if coding != "identity":
            response.headers["Content-Encoding"] = coding
        response.vary.add("Accept-Encoding")
        response.set_etag(f"{etag}-{coding}")
        response.cache_control.no_cache = True  # revalidate: a new release changes it
        return response.make_conditional(request)


def _cache_fingerprinted_assets(server: flask.Flask, assets_path: str) -> None:
    """Assets are linked with their modification time (?m=…): a new file gets a
    new address, so the browser may keep each one for a year."""
    @server.after_request
    def cache(response: flask.Response) -> flask.Response:
        if (flask.request.path.startswith(assets_path) and "m" in flask.request.args
                and response.status_code == 200):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        return response


def _compress_once(server: flask.Flask, prefixes: tuple[str, ...]) -> None:
    """Scripts and styles linked with a fingerprint never change at their address:
    compress each with brotli once, harder than per request (plotly.js 1.2 MB ->
    357 kB, where per-request compression sent ~400 kB and spent the CPU on
    every page load). flask-compress still handles everything else."""
    if brotli is None:  # pragma: no cover
        return
    packed: dict[str, bytes] = {}

    @server.after_request
    def compress_once(response: flask.Response) -> flask.Response:
        request = flask.request
        if (request.method != "GET" or response.status_code != 200
                or "br" not in request.headers.get("Accept-Encoding", "")
                or "Content-Encoding" in response.headers
                or not request.path.startswith(prefixes)
                or "max-age=31536000" not in response.headers.get("Cache-Control", "")):
            return response
        response.direct_passthrough = False
        body = packed.get(request.path)
        if body is None:
            body = brotli.compress(response.get_data(), quality=9)
            if len(packed) < PACKED_MAX:  # addresses are the caller's: keep a bounded few
                packed[request.path] = body
        etag, _weak = response.get_etag()
        response.set_data(body)
        response.headers["Content-Encoding"] = "br"
        response.vary.add("Accept-Encoding")
        if etag:
            response.set_etag(etag + ":br")
        return response
