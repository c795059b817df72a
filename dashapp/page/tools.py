"""The doctor's tools around the picture: drawing (pens, undo, redo, clear), the
chairside views (mirror, present, print, keys), the shortcuts overlay, and the
handout (its dialog, and the parts printed only). Their behaviour is in the
browser (assets/chairside.js)."""
from __future__ import annotations

from dash import html

# the server's route for the view as a FHIR file (dashapp/server/record.py); the link's
# query is set by assets/chairside.js to the view on screen
RECORD_ROUTE = "/_spinefoot/record.fhir.json"

SHORTCUTS = [("↑ / ↓", "level up / down the spine"), ("← / →", "left / right side"),
             ("1 – 6", "condition, in the order of the list"), ("D", "draw on the picture"),
             ("Ctrl+Z / Ctrl+Y", "undo / redo a stroke"), ("M", "mirror the front view"),
             ("P", "present: the picture full screen"), ("?", "this list"),
             ("Esc", "close, stop drawing, leave full screen")]


def _tool(label: str, tool_id: str, title: str, pressed: bool | None = None, **kwargs):
    extra = {} if pressed is None else {"aria-pressed": "true" if pressed else "false"}
    return html.Button(label, id=tool_id, className="quiet tool", title=title, n_clicks=0,
                       **extra, **kwargs)


def figure_tools(pens: list[dict]) -> html.Div:
    """Above the picture: drawing (pens, undo, redo, clear) and the chairside
    views (mirror, present, print, keys). One row whose height never changes."""
    ink = html.Div([
        _tool("✎ Draw", "draw-toggle", "Draw on the picture with a finger, pen or mouse (D)",
              pressed=False),
        html.Span([html.Button(html.Span(p["name"], className="pen-name"), className="pen",
                               title=f"{p['name']} pen", style={"--pen": p["color"]},
                               **{"data-pen": str(i), "aria-pressed": "true" if i == 0 else "false"})
                   for i, p in enumerate(pens)], className="pens", role="group",
                  **{"aria-label": "Pen colour"}),
        _tool("↶ Undo", "ink-undo", "Undo the last stroke (Ctrl+Z)", disabled=True),
        _tool("↷ Redo", "ink-redo", "Redo (Ctrl+Y)", disabled=True),
        _tool("Clear", "ink-clear", "Clear the drawing", disabled=True),
    ], className="ink-tools")
    views = html.Div([
        _tool("⇆ Mirror", "mirror-toggle", "Show the front view as in a mirror, as the patient "
              "sees themself (M)", pressed=False),
        _tool("Present", "present-toggle", "The picture full screen, for the patient (P)",
              pressed=False),
        _tool("Print…", "print-open", "Print the handout or save it as PDF"),
        _tool("?", "help-toggle", "Keyboard shortcuts (?)", **{"aria-label": "Keyboard shortcuts"}),
    ], className="view-tools")
    return html.Div([ink, views], className="draw-tools", **{"data-drawing": "false"})


def help_overlay() -> html.Div:
    return html.Div(html.Div([
        html.H2("Keyboard shortcuts", id="help-title"),
        html.Table(html.Tbody([html.Tr([html.Th(html.Kbd(key), scope="row"), html.Td(what)])
                               for key, what in SHORTCUTS]), className="shortcuts"),
        html.P("A tap on the picture names what is there; it never changes the diagnosis. "
               "Back and Forward walk through the views shown.", className="hint"),
        html.Button("Close", id="help-close", className="quiet"),
    ], className="dialog-box"), id="help", className="overlay", hidden=True, role="dialog",
        **{"aria-modal": "true", "aria-labelledby": "help-title"})


def handout_dialog() -> html.Div:
    """Before printing: the doctor's note. It stays in this page: no callback
    reads it, so it is never sent to the server, and it is not in the link."""
    return html.Div(html.Div([
        html.H2("Handout for the patient", id="handout-title"),
        html.P("One page: the picture with your drawing, the explanation, when to get urgent "
               "help, and a QR code that opens this view on the patient's phone."),
        html.Label("Your note (printed only; never sent, saved or put in the link)",
                   htmlFor="doctor-note"),
        html.Textarea(id="doctor-note", rows=5, maxLength=280, className="doctor-note",
                      placeholder="e.g. Walk daily; review in 6 weeks."),
        html.Div([html.Button("Print / Save as PDF", id="handout-print", className="quiet"),
                  html.Button("Close", id="handout-close", className="quiet")],
                 className="dialog-actions"),
        record_download(),
    ], className="dialog-box"), id="handout-dialog", className="overlay", hidden=True,
        role="dialog", **{"aria-modal": "true", "aria-labelledby": "handout-title"})


def record_download() -> html.P:
    """A file for the health record (HL7 FHIR), made on the server from the view in the
    link; the note above is not in the link, so it is never in the file."""
    return html.P([
        html.A("Save for the record (FHIR)", id="handout-fhir", href=RECORD_ROUTE, download="",
               className="record-link", **{"data-route": RECORD_ROUTE}),
        html.Span(" A file for the health record system: what this view shows, with its "
                  "codes. The patient is not named in it; your note is not in it.",
                  id="handout-fhir-about", className="hint"),
        html.Span("Mark a place first: then it can be saved for the record.",
                  id="handout-fhir-empty", className="hint", hidden=True),
    ], className="record-export")


def handout_head() -> html.Div:
    """Printed only: the top of the handout, above the picture."""
    return html.Div([html.Div([html.Strong("spinefoot"), " · what we looked at today"],
                              className="handout-brand"),
                     html.Span(id="handout-date")], className="handout-head")


def handout_sheet() -> html.Div:
    """Printed only (assets/style.css @media print), under the picture: the
    words (filled by the explanation callback), the note and the QR code."""
    return html.Div([
        html.Div(id="handout-text", className="handout-text"),
        html.Div([
            html.Div([html.H3("Your doctor's note"), html.P(id="handout-note-text")],
                     id="handout-note", className="handout-note empty"),
            html.Div([html.Img(id="handout-qr", alt="QR code: this view on your phone"),
                      html.P(["Scan to open this view, with the drawing, on your phone. ",
                              html.Span(id="handout-link", className="handout-link")])],
                     className="handout-qr"),
        ], className="handout-side"),
        html.P("Educational schematic, not a diagnosis.", className="handout-foot"),
    ], id="handout", className="handout")
