"""The handout's QR code: the link of the view, drawn as SVG on this server
(segno, pure Python, offline). Nothing is kept: the link comes in the request
and goes back as a picture. No Dash here.
"""
from __future__ import annotations

import io

import segno
from flask import Flask, Response, request

MAX_LINK = 2400  # the app's links stay under 2000 characters; anything longer is not ours
ROUTE = "/_spinefoot/qr.svg"


class BadLink(ValueError):
    """Not a link this page would print."""


def qr_svg(link: str) -> bytes:
    """A black-on-white SVG QR code of `link` (error correction M: a little
    wear or a pen mark on the paper still scans)."""
    if not isinstance(link, str) or not link.startswith(("http://", "https://")):
        raise BadLink("the QR code is only made for an http(s) link")
    if len(link) > MAX_LINK:
        raise BadLink(f"the link is longer than {MAX_LINK} characters")
    code = segno.make(link, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=4, border=4, dark="#000000", light="#ffffff",
              xmldecl=False, svgclass=None, lineclass=None)
    return out.getvalue()


def register(server: Flask) -> None:
    @server.route(ROUTE)
    def handout_qr():
        try:
            svg = qr_svg(request.args.get("link", ""))
        except BadLink as error:
            return Response(f"No QR code: {error}.", status=400, mimetype="text/plain")
        return Response(svg, mimetype="image/svg+xml",
                        headers={"Cache-Control": "private, max-age=600"})
