"""Bodies compressed once and answered in the encoding the browser accepts."""
from __future__ import annotations

import gzip

import flask

try:  # brotli comes with flask-compress; gzip is the fallback
    import brotli
except ImportError:  # pragma: no cover
    brotli = None


def compressed(body: bytes, brotli_quality: int = 11) -> dict[str, bytes]:
    """{"identity", "gzip"[, "br"]} of one body, compressed once."""
    encoded = {"identity": body, "gzip": gzip.compress(body, 9)}
    if brotli is not None:
        encoded["br"] = brotli.compress(body, quality=brotli_quality)
    return encoded


def respond(encoded: dict[str, bytes], mimetype: str) -> flask.Response:
    """The best encoding the request accepts, with Content-Encoding and Vary set."""
    accepted = flask.request.headers.get("Accept-Encoding", "")
    coding = next((c for c in ("br", "gzip") if c in accepted and c in encoded), "identity")
    response = flask.Response(encoded[coding], mimetype=mimetype)
    if coding != "identity":
        response.headers["Content-Encoding"] = coding
    response.vary.add("Accept-Encoding")
    return response
