"""The static SVG of a view (dashapp.pictures.static_svg), served at an address that
names the figure's version, so a browser keeps it for a year: the first HTML shows
it until Plotly has drawn (and it is the largest paint of a link)."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import flask

from dashapp.pictures import figure, static_svg
from dashapp.server.caching import YEAR
from dashapp.server.encodings import compressed, respond


class PictureFiles:
    """The pictures of one app's views. `model` is factory.Model."""

    def __init__(self, model, prefix: str):
        fig = model.figure
        self.fig = fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else fig
        self.table = model.index.client_table()
        self.model = model
        self.prefix = prefix
        # the pictures change only when the figure or its styles do
        self.version = hashlib.sha256(
            json.dumps([self.fig, self.table], sort_keys=True, default=str).encode()
            + Path(static_svg.__file__).read_bytes()).hexdigest()[:12]
        self.svg = lru_cache(maxsize=512)(self._svg)

    def _svg(self, arrangement: str, state: str, maybe: bool = False) -> dict[str, bytes]:
        """The picture, compressed once per view (br ~40 kB, gzip ~60 kB, plain ~200 kB).
        `maybe`: with the 'possibly involved' layer (the clinicians' view)."""
        side = state.split("|")[2] if state.count("|") == 3 else ""
        sides = ("left", "right") if side == "both" else (side,) if side else ()
        text = static_svg.render(self.fig, self.table, self.model.highlights.get(state),
                                 arrangement, maybe, sides, self.model.index.side_notes).encode()
        return compressed(text)

    def url(self, arrangement: str, state: str, maybe: bool) -> str:
        return (f"{self.prefix}_picture/{self.version}/{arrangement}.svg"
                f"?s={quote(state, safe='')}" + ("&p=1" if maybe else ""))

    def serve(self, token: str, arrangement: str) -> flask.Response:
        """The route: only this version, a known arrangement and a known view."""
        state = flask.request.args.get("s", "")
        if token != self.version or arrangement not in figure.ARRANGEMENTS or (
                state and state not in self.model.highlights):
            flask.abort(404)
        response = respond(self.svg(arrangement, state, flask.request.args.get("p") == "1"),
                           "image/svg+xml")
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
        return response

    def register(self, server: flask.Flask, routes_prefix: str) -> None:
        server.add_url_rule(f"{routes_prefix}_picture/<token>/<arrangement>.svg",
                            "first_picture", self.serve)
