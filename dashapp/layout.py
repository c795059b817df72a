"""The page: controls, the schematic, the explanation panel."""
from __future__ import annotations

from dash import dcc, html

from . import areas, chairside, clinical, swatches
from .glossary_view import Glosser, word_list
from .marking import FEEL_WORDS
from .picker import VIEWS as PICKER_VIEWS, box_style as picker_box_style
from .urlstate import default_state

SIDE_OPTIONS = [{"label": "Left", "value": "left"}, {"label": "Right", "value": "right"},
                {"label": "Both", "value": "both"}]
# each zone with a plain gloss: a patient may choose one from a doctor's letter
ZONE_WORDS = {
    "central": "Central (middle)",
    "paracentral": "Paracentral (to one side)",
    "lateral-recess": "Lateral recess (side gutter)",
    "foraminal": "Foraminal (in the exit)",
    "extraforaminal": "Far lateral (outside the exit)",
}
# the 'possibly involved' layer: off for patients (the main answer stands
# out), on for clinicians; the text names those roots either way
POSSIBLE_OPTION = [{"label": "Show roots that may also be involved", "value": "on"}]
AUDIENCES = [{"label": "For patients", "value": "patient"},
             {"label": "For clinicians", "value": "clinician"}]
# the same urgency wording as red_flags.csv (one wording for one symptom everywhere)
FOOTER = ("A picture to learn from, not a diagnosis. Do you have numbness between the legs, new "
          "trouble with the bladder or bowel, or weakness that gets worse fast? Then go to "
          "emergency care the same day.")
TAGLINE = ("Is my back the root of my foot pain? See which nerve a spine problem presses on, "
           "and where in the leg and foot it is felt.")
MODE_OPTIONS = [{"label": "Explain a diagnosis", "value": "explain"},
                {"label": "Where does it hurt?", "value": "where"}]


def zone_options(cond: clinical.Condition) -> list[dict]:
    return [{"label": ZONE_WORDS.get(z, z), "value": z} for z in cond.zones]


def level_options(cond: clinical.Condition | None = None) -> list[dict]:
    """Every level; those the condition does not occur at are greyed out."""
    return [{"label": lv.replace("-", "–"), "value": lv,
             "disabled": cond is not None and lv not in cond.levels} for lv in clinical.LEVELS]


def side_options(allowed=clinical.SIDES) -> list[dict]:
    return [{**option, "disabled": option["value"] not in allowed} for option in SIDE_OPTIONS]


def _field(label: str, control, field_id: str | None = None, hidden: bool = False):
    kwargs = {"id": field_id} if field_id else {}
    controls = control if isinstance(control, list) else [control]
    return html.Fieldset([html.Legend(label), *controls], className="field",
                         hidden=hidden, **kwargs)


def region_groups(data: clinical.ClinicalData) -> list[dict]:
    return [{"label": r.label, "value": r.id} for r in data.regions.values()]


LEG_OPTIONS = [{"label": "Left leg", "value": "left"}, {"label": "Right leg", "value": "right"}]


def where_controls(data: clinical.ClinicalData) -> list:
    """Marking for a thumb: the leg, what is felt, a zoomed picture of one view to tap,
    the name of what was just marked, then the same as a checklist, the strength checks
    and the warning-sign questions (both optional)."""
    return [
        _field("Which leg?", dcc.RadioItems(id="leg", options=LEG_OPTIONS, value="left",
                                            className="segmented", inline=True)),
        _field("What do you feel there?", dcc.RadioItems(
            id="feel", value="pain", className="segmented", inline=True,
            options=[{"label": FEEL_WORDS[f].capitalize(), "value": f}
                     for f in clinical.FEELS])),
        _field("Tap where you feel it", [
            dcc.RadioItems(id="picker-view", value="foot_top", className="segmented", inline=True,
                           options=[{"label": v, "value": k} for k, v in PICKER_VIEWS.items()]),
            dcc.Graph(id="picker", className="picker", style=picker_box_style("foot_top"),
                      config={"staticPlot": True, "displayModeBar": False, "responsive": True}),
            html.P("Tap an area to mark it. Tap it again to unmark it.", id="picker-status",
                   className="picker-status", role="status", **{"aria-live": "polite"}),
        ]),
        html.Div(id="marked-list", className="marked-list"),
        # on a phone the ranking sits below the big picture: one tap gets there
        html.A("↓ See what could explain it", href="#explanation", className="jump"),
        html.Button("Clear all marks", id="clear-regions", className="quiet", n_clicks=0),
        html.Details([
            html.Summary("Or tick the places in a list (for the leg chosen above)"),
            dcc.Checklist(id="regions", options=region_groups(data), value=[],
                          className="regions"),
        ], className="region-list", open=True),
        _field("Strength check (optional). Hold on to something. Tick what is hard:",
               dcc.Checklist(id="weak", value=[], className="checks", options=[
                   {"label": c.label, "value": c.id} for c in data.strength.values()])),
        _field("Warning signs. Tick any that are true:",
               dcc.Checklist(id="flags", value=[], className="checks warn", options=[
                   {"label": f.question, "value": f.id} for f in data.red_flags
                   if f.question])),
    ]


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
    ], className="dialog-box"), id="handout-dialog", className="overlay", hidden=True,
        role="dialog", **{"aria-modal": "true", "aria-labelledby": "handout-title"})


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


def build_layout(data: clinical.ClinicalData, figure, client_table: dict, highlights: dict,
                 condition_meta: dict, aspects: dict,
                 chairside_config: dict | None = None) -> html.Div:
    start = default_state(data)
    start_cond = data.conditions[start.condition]
    chairside_config = chairside_config or chairside.client_config("xaxis2")
    controls = html.Div([
        # back to the view the page opens with (a new history entry: Back returns)
        html.Button("↺ Start over", id="start-over", className="quiet start-over",
                    title="Back to the opening view (the drawing is cleared)"),
        html.Div(id="explain-controls", children=[
            _field("Condition", dcc.RadioItems(
                id="condition", value=start.condition, className="stack",
                options=[{"label": c.name, "value": c.id} for c in data.conditions.values()]),
                   "condition-field"),
            _field("Level", dcc.RadioItems(id="level", options=level_options(), value=start.level,
                                           className="segmented grid3", inline=True), "level-field"),
            _field("Zone", dcc.RadioItems(id="zone", options=zone_options(start_cond),
                                          value=start.zone, className="segmented grid2",
                                          inline=True),
                   "zone-field", hidden=not start_cond.zones),
            # in "where does it hurt?" every mark has its own side: the leg is chosen there
            _field("Side", [dcc.RadioItems(id="side", options=SIDE_OPTIONS, value=start.side,
                                           className="segmented grid3", inline=True),
                            # a condition that cannot keep the chosen side says so
                            html.P(id="side-note", className="side-note", role="status",
                                   hidden=True)]),
        ]),
        html.Div(id="where-controls", hidden=True, children=where_controls(data)),
    ], className="controls", role="group", **{"aria-label": "What to show"})

    graph = dcc.Graph(
        id="schematic", figure=figure, className="schematic",
        # not "responsive": Plotly would re-plot on every window resize event (even
        # a phone's address bar sliding); assets/highlight.js resizes only on change
        config={"displayModeBar": False, "responsive": False, "scrollZoom": False,
                "doubleClick": False, "displaylogo": False},
        # the final shape from the start (dashapp/serving.py sets it per screen
        # width): nothing below the picture moves when Plotly draws
        style={"aspectRatio": f"var(--schematic-aspect, {aspects['wide']})"},
    )
    return html.Div([
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="client-table", data=client_table),
        dcc.Store(id="highlights", data=highlights),
        dcc.Store(id="condition-meta", data=condition_meta),
        dcc.Store(id="arrangements", data=aspects),
        dcc.Store(id="reverse-highlight", data=None),
        dcc.Store(id="url-loaded", data=False),
        dcc.Store(id="canonical-query", data=""),
        dcc.Store(id="view-title", data=None),
        dcc.Store(id="side-wish", data=start.side),  # the side last chosen freely
        dcc.Store(id="marks", data=[]),  # where mode: [[region, side, feel], ...]
        dcc.Store(id="picker-tap", data=None),  # a tap on the picker (assets/picker.js)
        # Back/Forward: assets/highlight.js hands the address it returned to here
        dcc.Store(id="nav", data=None),
        dcc.Store(id="tapped", data=None),
        dcc.Store(id="chairside-config", data=chairside_config),
        dcc.Store(id="chairside-link", data=None),
        html.Div(id="painted", hidden=True),
        html.Header([
            html.H1(["spine", html.Span("foot")]),
            html.P(TAGLINE, className="tagline"),
        ], className="masthead"),
        html.Div(id="url-note", className="url-note", role="status", hidden=True),
        handout_head(),
        html.Main([
            # the two ways in, first on every screen (on a phone too)
            html.Nav(dcc.RadioItems(id="mode", options=MODE_OPTIONS, value="explain",
                                    className="segmented mode", inline=True),
                     className="mode-bar", **{"aria-label": "Mode"}),
            # "get help now": above any candidate, in both modes (filled by the server)
            html.Div(id="urgent", className="urgent", role="alert"),
            html.Section(controls, className="panel controls-panel"),
            html.Section(html.Figure([
                figure_tools(chairside_config["pens"]),
                # the drawing: one layer over the whole picture (assets/chairside.js)
                html.Div([graph, html.Div(id="ink", className="ink-layer")], className="picture"),
                html.Figcaption([
                    # what is lit, in words: colour is never the only cue
                    html.P(id="figure-summary", className="figure-summary"),
                    # explaining: a tap names what was touched, the diagnosis stays
                    html.Div([html.Span(id="tap-name"),
                              html.Button("Mark where it hurts", id="tap-mark", className="quiet",
                                          n_clicks=0,
                                          title="Switch to 'Where does it hurt?' with this place "
                                                "marked")],
                             id="tap-note", className="tap-note", role="status", hidden=True),
                    # every mark the picture shows, drawn small, in words
                    html.Ul(id="legend", className="legend"),
                    html.Div(id="side-view", className="side-view"),
                    dcc.Checklist(id="show-possible", options=POSSIBLE_OPTION, value=[],
                                  className="show-possible"),
                    html.A("↓ What this means", href="#explanation", className="jump"),
                    html.P(id="ink-note", className="hint", hidden=True),
                    html.Div([html.Span("Link to this view: "),
                              html.Code(id="share-link", className="share-link"),
                              dcc.Clipboard(target_id="share-link", title="Copy the link",
                                            className="copy")], className="share"),
                ]),
            ]), className="panel figure-panel"),
            html.Section([
                dcc.RadioItems(id="audience", options=AUDIENCES, value="patient",
                               className="segmented audience", inline=True),
                # a candidate opened from "where does it hurt?" keeps the marks: a way back
                html.Button("← Back to the places you marked", id="back-to-marks",
                            className="back", hidden=True, n_clicks=0),
                html.Div(id="explanation", className="explanation", **{"aria-live": "polite"}),
                word_list(data.glossary),
            ], className="panel text-panel"),
        ], className="layout"),
        handout_sheet(),
        help_overlay(),
        handout_dialog(),
        html.Footer(FOOTER, className="footer"),
    ], className="page")


# --- explanation panel -------------------------------------------------------

def _sides_in_words(expl: clinical.Explanation) -> str:
    sides = sorted({h.side for h in expl.roots})
    return "both sides" if len(sides) > 1 else (sides[0] + " side" if sides else "")


def diagnosis_words(expl: clinical.Explanation, data: clinical.ClinicalData) -> str:
    """'Disc herniation · L4–L5 · right side': the view, in words."""
    parts = [data.conditions[expl.condition].name]
    if expl.level:
        parts.append(expl.level.replace("-", "–"))
    if side := _sides_in_words(expl):
        parts.append(side)
    return " · ".join(parts)


def handout_children(expl: clinical.Explanation, data: clinical.ClinicalData) -> list:
    """The printed handout's words: the diagnosis, the plain explanation and
    every red flag in full (never folded away, as on screen they may be)."""
    return [
        html.Div([
            html.H2(diagnosis_words(expl, data)),
            html.P(figure_summary(expl, data), className="handout-summary"),
            html.H3("What is happening"), html.P(expl.plain.get("what", "")),
            html.H3("Where it is felt"), html.P(expl.plain.get("where", "")),
            html.H3("Other signs"), html.P(expl.plain.get("signs", "")),
        ], className="handout-words"),
        html.Div([html.H3("When to get urgent help"), _list(expl.red_flags)],
                 className="handout-flags"),
    ]


def handout_where_children(result, data: clinical.ClinicalData) -> list:
    """The handout for 'where does it hurt?': the marks, the roots that fit,
    the look-alikes."""
    best = [f"{c.root} ({c.side})" for c in result.candidates[:3]]
    return [
        html.Div([
            html.H2("Where it hurts"),
            html.P(reverse_summary(result, data), className="handout-summary"),
            *([html.H3("Nerve roots that could explain it"), _list(best)] if best else []),
            *([html.H3("Other causes that can feel the same"),
               _list([f"{m.name}: {m.why}" for m in result.mimics])] if result.mimics else []),
        ], className="handout-words"),
        *([html.Div([html.H3("Get help now"), _list([f.text for f in result.red_flags])],
                    className="handout-flags")] if getattr(result, "red_flags", ()) else []),
    ]


def _list(items) -> html.Ul:
    return html.Ul([html.Li(i) for i in items])


NOT_A_DIAGNOSIS = "A picture to explain, not a diagnosis."


def explanation_heading(expl: clinical.Explanation, data: clinical.ClinicalData,
                        from_marks: bool = False) -> html.H2:
    """'Disc herniation · L4–L5 · left side'; reached from marked places it is one
    possible cause, never stated as fact: 'One possible cause: disc herniation at L4–L5'."""
    side_words = _sides_in_words(expl)
    level = expl.level.replace("-", "–") if expl.level else ""
    name = data.conditions[expl.condition].name
    if from_marks:
        return html.H2([f"One possible cause: {name[0].lower() + name[1:]}",
                        html.Span(f" at {level}" if level else ""),
                        html.Span(f" · {side_words}" if side_words else "")])
    return html.H2([name, html.Span(f" · {level}" if level else ""),
                    html.Span(f" · {side_words}" if side_words else "")])


def urgent_now(expl: clinical.Explanation) -> html.Div:
    """'Get help now if…' right under the heading (the full list is further down): a red
    frame, an icon and words, compact. A lesion in the middle adds the sign its own area
    raises (numbness in the saddle area)."""
    first, *raised = expl.urgent_now
    return html.Div([
        html.P([html.Span("⚠ ", className="urgent-icon", **{"aria-hidden": "true"}),
                first, " ", html.A("All warning signs", href="#red-flags")]),
        *[html.P(text) for text in raised],
    ], className="urgent-now", role="note", **{"aria-label": "Get help now"})


def explanation_children(expl: clinical.Explanation, data: clinical.ClinicalData,
                         audience: str, from_marks: bool = False) -> list:
    """Plain words for patients; root, myotome, reflex, key point, sources for clinicians.
    `from_marks`: opened from the places marked in 'Where does it hurt?'."""
    def names(role: str) -> list[str]:
        return sorted({h.root for h in expl.roots if h.role == role}, key=clinical.root_order)

    main, maybe = names("primary"), names("possible")
    side_words = _sides_in_words(expl)
    heading = explanation_heading(expl, data, from_marks)
    # with no spinal level the nerve itself is pressed, not its roots (sciatica):
    # the badge names the roots its fibres come from, as the text says
    outside = not data.conditions[expl.condition].has_level
    label = "Nerve fibres from: " if outside else "Nerve roots: " if len(main) > 1 \
        else "Nerve root: "
    badge = html.P([html.Strong(label),
                    html.Span(", ".join(main), className="root-badge"),
                    f" ({side_words})" if side_words else "",
                    *([html.Br(), html.Span("Possibly also: "),
                       html.Span(", ".join(maybe), className="root-badge maybe")] if maybe else [])],
                  className="affected")
    # patients: each glossary word explained where it first appears (in reading order)
    gloss = Glosser(data.glossary) if audience != "clinician" else (lambda text: text)
    body = [html.H3("What is happening"), html.P(gloss(expl.plain.get("what", ""))),
            html.H3("Where it is felt"), html.P(gloss(expl.plain.get("where", ""))),
            html.H3("Other signs"), html.P(gloss(expl.plain.get("signs", "")))]
    notes = [html.P(gloss(n), className="note") for n in expl.notes]
    urgent = html.Details([html.Summary("When to get urgent help"),
                           _list([gloss(f) for f in expl.red_flags])],
                          open=audience == "patient", className="red-flags", id="red-flags")
    if audience == "clinician":
        body = [
            html.H3("Lesion"), html.P(expl.clinical.get("lesion", "")),
            html.H3("Roots"), html.P(expl.clinical.get("roots", "")),
            html.H3("Weakness"), _list(expl.weakness or ["—"]),
            html.H3("Reflexes"), _list(expl.reflexes or ["—"]),
            html.H3("Key points"), html.P(expl.clinical.get("key_points", "")),
            html.H3("Pattern"), html.P(expl.clinical.get("pattern", "")),
        ]
        sources = html.Details([html.Summary("Sources"), _list(expl.sources)], open=True,
                               className="sources")
        top = [html.P(NOT_A_DIAGNOSIS, className="not-diagnosis")] if from_marks else []
    else:
        sources = html.Details([html.Summary("Sources"), _list(expl.sources)], className="sources")
        top = [html.P(NOT_A_DIAGNOSIS, className="not-diagnosis"), urgent_now(expl)]
    return [heading, *top, badge, *body, *notes, urgent, sources]


def _words(items: list[str], last: str = "and") -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


def figure_summary(expl: clinical.Explanation, data: clinical.ClinicalData,
                   show_possible: bool = True) -> str:
    """One sentence naming what the schematic lights up (the roots that may
    also be involved only when the picture shows them)."""
    def roots(role: str) -> tuple[str, str]:
        """('L4 and L5', 'left side'), or ('', '') when no root has that role."""
        hits = [h for h in expl.roots if h.role == role]
        names = sorted({h.root for h in hits}, key=clinical.root_order)
        sides = sorted({h.side for h in hits})
        side = "both sides" if len(sides) > 1 else (f"{sides[0]} side" if sides else "")
        return (_words(names), side) if names else ("", "")

    (primary, side), (maybe, maybe_side) = roots("primary"), roots("possible")
    # neighbouring areas read as one run ("the back of the leg, from the
    # buttock to the heel"): a few places, not a list of fourteen
    felt = [h.region for h in expl.regions if h.role == "primary"]
    regions = areas.grouped(felt, {r: "the " + data.regions[r].where for r in felt})
    several = len({h.root for h in expl.roots if h.role == "primary"}) > 1
    noun = "nerve roots" if several else "nerve root"
    if not primary:
        text = "No nerve root is shown"
    elif not data.conditions[expl.condition].has_level:  # the nerve itself, not its roots
        text = f"Shown in red: the nerve fibres from {primary} ({side})"
    else:
        text = f"Shown in red: the {primary} {noun} ({side})"
    if maybe and show_possible:
        text += f", possibly also {maybe} ({maybe_side})"
    if regions:
        text += f". Felt in {areas.in_words(regions)}"
    return text + "."


def reverse_summary(result, data: clinical.ClinicalData, show_possible: bool = True) -> str:
    if not result.regions:
        return "Nothing marked yet."
    marked = _words([f"{data.regions[m.region].label.lower()} ({m.side}"
                     + ("" if m.feel == "pain" else f", {FEEL_WORDS[m.feel]}") + ")"
                     for m in result.marks])
    text = f"Marked: {marked}."
    if result.candidates:
        top = result.candidates[0].score
        best = [f"{c.root} ({c.side})" for c in result.candidates if c.score >= top - 1e-9]
        text += f" Shown in red: {_words(best)}, the best match" + ("es" if len(best) > 1 else "")
        if len(result.candidates) > len(best) and show_possible:
            text += "; dashed orange: the next ones"
        text += "."
        text += _explains_words(result, data)
    return text


def _explains_words(result, data: clinical.ClinicalData) -> str:
    """Which marks each best match explains (drawn red with a blue edge) and which
    it does not (left in blue crosses): said in words, not by colour alone."""
    top = result.candidates[0].score
    out = ""
    for cand in (c for c in result.candidates if c.score >= top - 1e-9):
        def places(regions):
            return areas.in_words([f"the {data.regions[r].label.lower()}" for r in regions])
        if cand.explains:
            out += f" {cand.root} ({cand.side}) explains {places(cand.explains)}: red with a blue edge."
        if cand.misses:
            lead = "It does not" if cand.explains else f"{cand.root} ({cand.side}) does not"
            out += f" {lead} explain {places(cand.misses)}: blue crosses."
    return out


def refusal_children(reason: str) -> list:
    return [html.H2("This combination does not occur"),
            html.P(reason, className="refusal"),
            html.P("Change the side, zone or level to see a view.")]


def urgent_children(flags) -> list:
    """The 'get help now' block: the warning signs raised, most urgent first.

    Urgency is said in words and by an icon, not only by colour."""
    if not flags:
        return []
    emergency = any(f.urgency == "emergency" for f in flags)
    # the same words as the flags themselves (one urgency wording per symptom)
    title = "Get help now: go to emergency care the same day" if emergency else \
        "Get medical advice the same day"
    return [html.H2(["⚠ ", title], className="urgent-title"),
            html.Ul([html.Li([html.Strong("Emergency: " if f.urgency == "emergency" else
                                          "Urgent: "), f.text],
                             className=f"flag {f.urgency}", **{"data-flag": f.id})
                     for f in flags])]


def marked_list(marks, data: clinical.ClinicalData) -> list:
    """The places marked, each with its leg, what is felt there and a button to unmark it."""
    if not marks:
        return [html.P("Nothing marked yet.", className="hint")]
    return [html.H2("You marked"), html.Ul([html.Li([
        html.Span(f"{data.regions[r].label} ({s} leg): {FEEL_WORDS[f]}"),
        html.Button("✕", id={"type": "unmark", "index": f"{r}:{s}"}, className="unmark",
                    n_clicks=0, title=f"Unmark {data.regions[r].label} ({s} leg)",
                    **{"aria-label": f"Unmark {data.regions[r].label} ({s} leg)"}),
    ]) for r, s, f in marks])]


def _lesion_words(data: clinical.ClinicalData, cand) -> str:
    """'Most often from a disc herniation at L4–L5, just to one side of the middle …' in plain words."""
    if not cand.lesions:
        return ""
    cid, level, zone = cand.lesions[0]
    text = f"Most often from {data.conditions[cid].name.lower()} at {level.replace('-', '–')}"
    if zone:
        text += f", {data.zones[zone].plain}"
    others = list(dict.fromkeys(lv for _, lv, _ in cand.lesions[1:3] if lv != level))
    if others:
        text += f". Also possible at {', '.join(lv.replace('-', '–') for lv in others)}"
    return text + "."


def reverse_children(result, data: clinical.ClinicalData) -> list:
    """Ranked candidates (fit in words, never a percentage), each a button to the forward
    view, then the look-alikes; what the evidence says sits next to the ranking."""
    if not result.regions:
        return [html.H2("Where does it hurt?"),
                html.P("Tap the places on the legs or feet where you feel pain, tingling or "
                       "numbness, or tick them in the list. The nerve roots that fit best appear "
                       "here, with other causes that can feel the same.")]
    items = []
    best = result.candidates[0].score if result.candidates else 0.0
    for rank, cand in enumerate(result.candidates):
        items.append(html.Li(html.Button([
            html.Strong(f"{cand.root} nerve root ({cand.side})"),
            html.Span(cand.fit, className="fit"),
            html.Span(_lesion_words(data, cand), className="levels"),
        ], id={"type": "candidate", "index": rank}, n_clicks=0,
            className="candidate best" if cand.score >= best - 1e-9 else "candidate")))
    gloss = Glosser(data.glossary)
    mimics = [html.Li([html.Strong(m.name), f". {m.fit} ", *gloss(m.why)]) for m in result.mimics]
    return [
        html.H2("Nerve roots that could explain it"),
        html.P([html.Strong("This is not a diagnosis. "), result.evidence],
               className="not-diagnosis"),
        html.Ol(items, className="candidates") if items else html.P(
            "No lumbar nerve root explains these places well."),
        html.P("Choose a root to see the spine problem that most often causes it. "
               "Your marks are kept.", className="hint") if items else None,
        html.H3("Not from the back? Other causes that fit"),
        html.Ul(mimics) if mimics else html.P("None of the common look-alikes fit these places."),
        *[html.P(gloss(n), className="note") for n in result.notes],
    ]


# --- legend: what each mark in the picture means -----------------------------

def _legend_item(svg: str, words: str) -> html.Li:
    return html.Li([html.Img(src=swatches.data_uri(svg), alt="", className="swatch"),
                    html.Span(words)])


def legend_children(mode: str, has_possible: bool, show_possible: bool,
                    explained: bool = False) -> list:
    """The marks the picture can show in this mode, each drawn as in the picture
    (`explained`: some marks are explained by the best match, drawn apart)."""
    maybe = has_possible and show_possible
    if mode == "where":
        items = [_legend_item(swatches.fill_swatch("region", "marked"), "where you marked"),
                 *([_legend_item(swatches.fill_swatch("region", "explained"),
                                 "marked and explained by this nerve")] if explained else []),
                 _legend_item(swatches.line_swatch("nerve", "on"), "the best match")]
        if maybe:
            items.append(_legend_item(swatches.line_swatch("nerve", "possible"),
                                      "the next matches"))
    else:
        items = [_legend_item(swatches.lesion_swatch(), "the problem in the spine"),
                 _legend_item(swatches.line_swatch("nerve", "on"), "the nerve root pressed on"),
                 _legend_item(swatches.fill_swatch("region", "on"), "where it is felt")]
        if maybe:
            items += [_legend_item(swatches.line_swatch("nerve", "possible"),
                                   "a root that may also be involved"),
                      _legend_item(swatches.fill_swatch("region", "secondary"),
                                   "where that may be felt")]
    return [*items, html.Li("Schematic, not to scale.", className="scale")]


def side_view_children(expl: clinical.Explanation) -> list:
    """A forward slip cannot show from behind: a side view, under the picture."""
    if expl.lesion.kind != "slip" or not expl.lesion.level:
        return []
    upper, lower = expl.lesion.level.split("-")
    return [html.Img(src=swatches.data_uri(swatches.slip_side_view(upper, lower)),
                     alt=f"Side view: {upper} has slipped forward over {lower}.",
                     className="slip-sketch"),
            html.Span(f"Seen from the side: {upper} has slipped forward over {lower}.")]
