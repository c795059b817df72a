"""Long-lived caching of what cannot change: the page's layout (written and
compressed once, with an ETag), and the fingerprinted scripts and styles
(compressed once with brotli, kept for a year by the browser)."""
from __future__ import annotations

import hashlib

import flask

from dashapp.server.encodings import brotli, compressed, respond

PACKED_MAX = 64  # files compressed once and kept (the page loads about 15)
YEAR = 31536000


def layout_once(app) -> None:
    """The page's layout (the figure, the tables: ~460 kB of JSON) is the same for
    every visitor: serialised and compressed once, answered from memory with an
    ETag (it cost each visit ~25 ms of server time, the largest part of a visit)."""
    path = f"{app.config.routes_pathname_prefix}_dash-layout"
    ready: dict[str, dict[str, bytes] | str] = {}

    @app.server.before_request
    def layout_once():
        request = flask.request
        if request.path != path or request.method != "GET":
            return None
        if not ready:
            body = app.serve_layout().get_data()  # Dash's own serialisation
            ready["body"] = compressed(body, brotli_quality=9)
            ready["etag"] = hashlib.sha256(body).hexdigest()[:20]
        response = respond(ready["body"], "application/json")
        coding = response.headers.get("Content-Encoding", "identity")
        response.set_etag(f"{ready['etag']}-{coding}")
        response.cache_control.no_cache = True  # revalidate: a new release changes it
        return response.make_conditional(request)


def cache_fingerprinted_assets(server: flask.Flask, assets_path: str) -> None:
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


def compress_once(server: flask.Flask, prefixes: tuple[str, ...]) -> None:
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
