"""create_app(): load and check the data once, build the figure once, wire the page.

The WSGI entry that calls it is dashapp/app.py (`dashapp.app:server`)."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache

import dash
import plotly.graph_objects as go
from flask_compress import Compress

from dashapp import clinical
from dashapp.datafiles import cache as datacache
from dashapp.datafiles.locations import DataError, assets_dir
from dashapp.model import anatomy as anatomy_mod
from dashapp.page import callbacks, drawing, inputs, layout
from dashapp.pictures import figure, highlight, picker
from dashapp.server import guard, qr, record, security, serving


@dataclass
class Model:
    """Everything the page needs, computed once at start-up."""

    anatomy: anatomy_mod.Anatomy
    clinical: clinical.ClinicalData
    figure: object
    index: figure.FigureIndex
    highlights: dict = field(default_factory=dict)

    def __post_init__(self):
        self.explain = lru_cache(maxsize=1024)(self._explain)
        self.where = lru_cache(maxsize=256)(self._where)
        self.red_flags = lru_cache(maxsize=256)(self._red_flags)
        self.picker = lru_cache(maxsize=256)(self._picker)

    def _explain(self, condition, level, side, zone):
        return clinical.explain(self.clinical, condition, level, side, zone)

    def _where(self, marks: tuple, side: str, weak: tuple = (), answers: tuple = ()):
        """marks: engine tokens ('heel:left:pain'), or region ids taking `side`."""
        if not marks:
            return clinical.empty_result(side)
        return clinical.where(self.clinical, list(marks), side, weak=weak, answers=answers)

    def _red_flags(self, marks: tuple, answers: tuple = ()):
        return clinical.red_flags_for(self.clinical, list(marks), "left", answers)

    def _picker(self, view: str, side: str, marked: tuple):
        """The zoomed picker of one view of one leg; marked: ((region, feel), ...) on that leg."""
        labels = {r.id: r.label for r in self.clinical.regions.values()}
        return picker.picker_figure(self.anatomy, labels, view, side, dict(marked))

    @staticmethod
    def sides_of(side: str) -> tuple[str, ...]:
        return ("left", "right") if side == "both" else (side,)

    def region_at(self, click) -> tuple[str, str] | None:
        """(region, side) under a click on the schematic, if the click hit one."""
        point = inputs.click_point(click, len(self.index.trace_key))
        return None if point is None else highlight.region_at(self.anatomy, self.index, point)

    def structure_at(self, click) -> str | None:
        """What a tap on the schematic touched, named as its tooltip names it
        (from the figure itself, not from what the page sent): the skin
        region, else the nerve or the part of the spine."""
        hit = self.region_at(click)
        if hit is not None:
            region, side = hit
            label = self.clinical.regions[region].label if region in self.clinical.regions \
                else region
            return f"{label} ({side})"
        point = inputs.click_point(click, len(self.index.trace_key))
        if point is None:
            return None
        trace = self.figure.data[point["curveNumber"]]
        if trace.hoverinfo == "skip":
            return None
        texts = trace.hovertext if isinstance(trace.hovertext, (list, tuple)) else ()
        n = inputs.index(click["points"][0].get("pointNumber"), len(texts))
        if n is not None and texts[n]:
            return str(texts[n])
        return trace.name or None


def state_key(condition, level, side, zone) -> str:
    """Same key as stateKey() in assets/highlight.js."""
    return "|".join([condition, level or "", side, zone or ""])


def build_model(data_path=None) -> Model:
    anat, data = datacache.load(data_path)  # checked once per data and code, kept between starts
    fig, index = figure.build_figure(anat)
    model = Model(anatomy=anat, clinical=data, figure=fig, index=index)
    for condition, level, side, zone in clinical.all_states(data):
        expl = model.explain(condition, level, side, zone)
        model.highlights[state_key(condition, level, side, zone)] = (
            highlight.explanation_highlight(index, expl, anat).to_client())
    return model


def condition_meta(data: clinical.ClinicalData) -> dict:
    """What the controls need per condition, asked of the engine once: the
    options each control shows (assets/highlight.js only picks among them).

    side_options[zone] greys out the sides that do not occur for that zone: a central
    lesion is always on both sides, a one-sided herniation never 'both'.
    """
    meta = {}
    for c in data.conditions.values():
        sides: dict[str, list[str]] = {}
        for zone in c.zones or (None,):
            allowed = []
            for side in clinical.SIDES:
                try:
                    expl = clinical.explain(data, c.id, c.default_level, side, zone)
                except clinical.NotApplicable:
                    continue
                if expl.side == side:  # not silently widened to both
                    allowed.append(side)
            sides[zone or ""] = allowed
        meta[c.id] = {"name": c.name, "zones": list(c.zones), "zone_options": layout.zone_options(c),
                      "default_zone": c.default_zone, "default_level": c.default_level,
                      "levels": list(c.levels), "level_options": layout.level_options(c),
                      "has_level": c.has_level,
                      "side_options": {z: layout.side_options(a) for z, a in sides.items()}}
    return meta


def create_app(data_path=None) -> dash.Dash:
    model = build_model(data_path)
    app = dash.Dash(
        "dashapp",
        title="spinefoot · lower back to foot",
        assets_folder=str(assets_dir()),
        serve_locally=True,
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                   {"name": "description",
                    "content": "How a problem in the lower back causes pain in the leg and foot."}],
    )
    Compress(app.server)  # the figure and tables are JSON: gzip shrinks them ~10x
    start = highlight.apply_highlight(go.Figure(model.figure), model.index,
                                   highlight.Highlight(traces={}, dim=False))
    aspects = {name: figure.arrangement_layout(name) for name in figure.ARRANGEMENTS}
    front_axis = figure.axis_names("front")[0].replace("x", "xaxis", 1)
    chairside_config = {**drawing.client_config(front_axis),
                        "sideNotes": model.index.side_notes}
    app.layout = layout.build_layout(model.clinical, start, model.index.client_table(),
                                     model.highlights, condition_meta(model.clinical), aspects,
                                     chairside_config)
    callbacks.register(app, model)
    guard.install(app)
    serving.setup(app, model, state_key)  # lean first HTML with the picture, caching
    qr.register(app.server)
    record.register(app.server, model)  # the handout's 'Save for the record (FHIR)'
    security.secure(app)
    return app


def stop(error: DataError) -> None:
    """A broken data file: one line saying where, no traceback, and a status that
    stops every server. gunicorn reboots a worker that exits 1 forever; 3 is its
    'worker failed to boot', which halts the master (and a preloading master)."""
    print(f"spinefoot: data error: {error}", file=sys.stderr, flush=True)
    under_gunicorn = os.environ.get("SERVER_SOFTWARE", "").startswith("gunicorn")
    raise SystemExit(3 if under_gunicorn else 1)
