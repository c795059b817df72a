"""'Save for the record (FHIR)' in the handout dialog: the view of a link as an HL7 FHIR
R4B Bundle file (dashapp.export.fhir), made on this server from the query string alone.
Nothing is kept and nothing is sent anywhere else; the doctor's note never leaves the page
(it is not in the link). A link with a value the page would have replaced by a default is
refused, not exported: a record must hold what was shown, not a fallback. No Dash here.
"""
from __future__ import annotations

from flask import Flask, Response, request

from dashapp import clinical
from dashapp.export import fhir
from dashapp.page import urlstate
from dashapp.page.tools import RECORD_ROUTE as ROUTE


class BadView(ValueError):
    """Not a view this page would export; the message is one sentence for the person."""


def record_file(model, query: str) -> tuple[str, str]:
    """(the Bundle as JSON text, a file name) for the view in `query` ('?condition=…').
    `model` is factory.Model (its cached engine calls). BadView for a link that is not
    one view as shown."""
    if len(query) > urlstate.MAX_QUERY:
        raise BadView("The link is too long to be a view of this page.")
    state = urlstate.parse_query(query, model.clinical)
    if state.notes:  # the page would show a fallback: not what the link asked for
        raise BadView("the link has a value this page does not take. " + " ".join(state.notes))
    try:
        if state.mode == "where":
            marks = tuple(clinical.Mark(*m).token() for m in state.marks)
            result = model.where(marks, state.side, state.weak, state.flags)
            document = fhir.where_bundle(model.clinical, result, state.flags)
            name = "where-it-hurts"
        else:
            expl = model.explain(state.condition, state.level, state.side, state.zone)
            document = fhir.explain_bundle(model.clinical, expl, state.weak, state.flags)
            name = "-".join(v for v in (expl.condition, expl.level, expl.zone, expl.side) if v)
    except clinical.NotApplicable as refusal:
        raise BadView(refusal.reason) from None
    return fhir.to_json(document), f"spinefoot-{name.lower()}.fhir.json"


def register(server: Flask, model) -> None:
    @server.route(ROUTE, methods=["GET"])
    def record_fhir():
        try:
            text, filename = record_file(model, request.query_string.decode("utf-8", "replace"))
        except BadView as error:
            return Response(f"Not saved for the record: {error}\n", status=400,
                            mimetype="text/plain", headers={"Cache-Control": "no-store"})
        except fhir.ExportError as error:
            server.logger.error("spinefoot: FHIR export failed: %s", error)
            return Response("Not saved for the record: the export failed; nothing was written.\n",
                            status=500, mimetype="text/plain", headers={"Cache-Control": "no-store"})
        # health information: the browser saves it as a file and keeps no copy in its cache
        return Response(text, mimetype=fhir.MEDIA_TYPE, headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store"})
