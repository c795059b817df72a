"""The server's edge: bounded requests, malformed ones refused in one log line.

- the callback endpoint takes at most MAX_BODY bytes (413 above);
- a malformed callback request (not JSON, too deeply nested, not the shape
  Dash posts for one of this app's server callbacks) is answered 400;
- a value no page sends (inputs.Invalid, raised by a callback) is answered
  as a no-op, 204, like dash.exceptions.PreventUpdate;
- an unknown /_dash-component-suites/ path is answered 404;
each with one line in the log (values shortened), never a traceback.

Behind a TLS-terminating proxy (SPINEFOOT_BEHIND_TLS=1) the app trusts that
one proxy's X-Forwarded-For/-Proto/-Host (ProxyFix) and sends HSTS (app.py).
Set it only when such a proxy is in front: otherwise clients could claim
any address or scheme.
"""
from __future__ import annotations

import logging
import os

import flask
from dash.exceptions import DependencyException
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from dashapp.page import inputs
from dashapp.server.envelope import envelope_problem

MAX_BODY = 64 * 1024  # the largest real callback request is a few kB
log = logging.getLogger("spinefoot")


def behind_tls() -> bool:
    """SPINEFOOT_BEHIND_TLS=1 (or true/yes): a proxy in front terminates HTTPS."""
    return os.environ.get("SPINEFOOT_BEHIND_TLS", "").strip().lower() in ("1", "true", "yes")


def install(app) -> None:
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    if behind_tls():  # the client's address and scheme as the one proxy saw them
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=1, x_proto=1, x_host=1)
    update_path = app.config.routes_pathname_prefix + "_dash-update-component"

    @server.before_request
    def _check_callback_request():
        if flask.request.path != update_path or flask.request.method != "POST":
            return None
        request = flask.request
        if request.content_length is not None and request.content_length > MAX_BODY:
            return _refuse(413, f"body of {request.content_length} bytes (limit {MAX_BODY})")
        try:
            if request.content_length is None:  # chunked: read up to the limit, then one more
                request.get_data(cache=True)
                request.stream.read(1)  # past the limit this raises RequestEntityTooLarge
            body = request.get_json(force=True)
        except RequestEntityTooLarge:
            return _refuse(413, f"body over {MAX_BODY} bytes")
        except HTTPException:
            return _refuse(400, "the body is not JSON")
        except RecursionError:
            return _refuse(400, "the JSON is nested too deeply")
        problem = envelope_problem(body, app.callback_map)
        return _refuse(400, problem) if problem else None

    @server.errorhandler(inputs.Invalid)
    def _invalid_value(error):
        _log_line(204, error.reason)
        return "", 204

    @server.errorhandler(DependencyException)
    def _unknown_suite(_error):
        return _refuse(404, "no such component-suite file", status_text="Not Found")


def _log_line(status: int, reason: str) -> None:
    request = flask.request
    log.warning("spinefoot: %s %s %s from %s: %s", status, request.method,
                inputs.shown(request.path, 80), request.remote_addr, reason)


def _refuse(status: int, reason: str, status_text: str = "Bad Request"):
    _log_line(status, reason)
    text = {413: "Request too large", 404: "Not Found"}.get(status, status_text)
    return flask.Response(text + "\n", status=status, mimetype="text/plain")
