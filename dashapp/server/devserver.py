"""The development server (`spinefoot serve`) without its version in the Server header."""
from __future__ import annotations

from werkzeug.serving import WSGIRequestHandler


class QuietHandler(WSGIRequestHandler):
    """Werkzeug's request handler, answering 'Server: spinefoot' (not Werkzeug/x Python/y)."""

    def version_string(self) -> str:
        return "spinefoot"
