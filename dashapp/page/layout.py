"""The page's layout: the controls of both modes, the schematic under its drawing
layer, and the panel the words go into (texts.py writes them)."""
from __future__ import annotations

from dash import dcc, html

from dashapp import clinical
from dashapp.page import drawing, tools
from dashapp.page.glossary_view import word_list
from dashapp.page.marking import FEEL_WORDS
from dashapp.page.urlstate import default_state
from dashapp.pictures.picker import VIEWS as PICKER_VIEWS
from dashapp.pictures.picker import box_style as picker_box_style

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


def build_layout(data: clinical.ClinicalData, figure, client_table: dict, highlights: dict,
                 condition_meta: dict, aspects: dict,
                 chairside_config: dict | None = None) -> html.Div:
    """The whole page: its stores, the masthead, the two modes' controls, the picture
    with the doctor's tools, the words, and the printed handout."""
    start = default_state(data)
    chairside_config = chairside_config or drawing.client_config("xaxis2")
    return html.Div([
        *_stores(client_table, highlights, condition_meta, aspects, chairside_config,
                 start.side),
        html.Header([
            html.H1(["spine", html.Span("foot")]),
            html.P(TAGLINE, className="tagline"),
        ], className="masthead"),
        html.Div(id="url-note", className="url-note", role="status", hidden=True),
        tools.handout_head(),
        html.Main([
            # the two ways in, first on every screen (on a phone too)
            html.Nav(dcc.RadioItems(id="mode", options=MODE_OPTIONS, value="explain",
                                    className="segmented mode", inline=True),
                     className="mode-bar", **{"aria-label": "Mode"}),
            # "get help now": above any candidate, in both modes (filled by the server)
            html.Div(id="urgent", className="urgent", role="alert"),
            html.Section(_controls(data, start), className="panel controls-panel"),
            html.Section(_figure(figure, aspects, chairside_config["pens"]),
                         className="panel figure-panel"),
            html.Section(_words(data), className="panel text-panel"),
        ], className="layout"),
        tools.handout_sheet(),
        tools.help_overlay(),
        tools.handout_dialog(),
        html.Footer(FOOTER, className="footer"),
    ], className="page")


def _stores(client_table: dict, highlights: dict, condition_meta: dict, aspects: dict,
            chairside_config: dict, start_side: str) -> list:
    """What the page keeps without showing it: the tables the browser highlights from,
    and the state the callbacks share."""
    return [
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="client-table", data=client_table),
        dcc.Store(id="highlights", data=highlights),
        dcc.Store(id="condition-meta", data=condition_meta),
        dcc.Store(id="arrangements", data=aspects),
        dcc.Store(id="reverse-highlight", data=None),
        dcc.Store(id="url-loaded", data=False),
        dcc.Store(id="canonical-query", data=""),
        dcc.Store(id="view-title", data=None),
        dcc.Store(id="side-wish", data=start_side),  # the side last chosen freely
        dcc.Store(id="marks", data=[]),  # where mode: [[region, side, feel], ...]
        dcc.Store(id="picker-tap", data=None),  # a tap on the picker (assets/picker.js)
        # Back/Forward: assets/highlight.js hands the address it returned to here
        dcc.Store(id="nav", data=None),
        dcc.Store(id="tapped", data=None),
        dcc.Store(id="chairside-config", data=chairside_config),
        dcc.Store(id="chairside-link", data=None),
        html.Div(id="painted", hidden=True),
    ]


def _controls(data: clinical.ClinicalData, start) -> html.Div:
    """Explain a diagnosis: condition, level, zone, side; or where does it hurt."""
    start_cond = data.conditions[start.condition]
    return html.Div([
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


def _figure(figure, aspects: dict, pens: list[dict]) -> html.Figure:
    """The schematic under its drawing layer, with the doctor's tools above and
    the picture's words (summary, legend, link) below."""
    graph = dcc.Graph(
        id="schematic", figure=figure, className="schematic",
        # not "responsive": Plotly would re-plot on every window resize event (even
        # a phone's address bar sliding); assets/highlight.js resizes only on change
        config={"displayModeBar": False, "responsive": False, "scrollZoom": False,
                "doubleClick": False, "displaylogo": False},
        # the final shape from the start (dashapp/server/first_html.py sets it per
        # screen width): nothing below the picture moves when Plotly draws
        style={"aspectRatio": f"var(--schematic-aspect, {aspects['wide']})"},
    )
    return html.Figure([
        tools.figure_tools(pens),
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
    ])


def _words(data: clinical.ClinicalData) -> list:
    """Who the words are for, and the words (filled by the callbacks)."""
    return [
        dcc.RadioItems(id="audience", options=AUDIENCES, value="patient",
                       className="segmented audience", inline=True),
        # a candidate opened from "where does it hurt?" keeps the marks: a way back
        html.Button("← Back to the places you marked", id="back-to-marks",
                    className="back", hidden=True, n_clicks=0),
        html.Div(id="explanation", className="explanation", **{"aria-live": "polite"}),
        word_list(data.glossary),
    ]
