"""The page's callbacks, one module per feature. Thin: each translates the page's
values (checked by dashapp.page.inputs), asks the engines, and returns components.

- controls.py   the controls and the highlight, in the browser (no round trip)
- link.py       the address: a link opens its view; the view writes the address
- explain.py    the words, summary, legend and handout of the current view
- where.py      "Where does it hurt?": marks, the tap picker, candidates
- chairside.py  the doctor's tools: drawing, naming what was tapped, marking it
"""
from __future__ import annotations

from dashapp.page.callbacks import chairside, controls, explain, link, where


def register(app, model) -> None:
    """Wire every feature. `model` is dashapp.server.factory.Model: the loaded
    data, the figure's index and the engines' caches."""
    for feature in (controls, link, explain, where, chairside):
        feature.register(app, model)
