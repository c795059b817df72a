"""The browser tab's title for a view, so tabs, bookmarks and history say
what each one holds ("L4–L5 disc herniation, right — spinefoot"). No Dash."""
from __future__ import annotations

import re

from dashapp import clinical
from dashapp.page.urlstate import ViewState

APP = "spinefoot"
ZONE_WORDS = {"central": "central", "lateral-recess": "lateral recess",
              "foraminal": "foraminal", "extraforaminal": "far lateral"}
SIDE_WORDS = {"left": "left", "right": "right", "both": "both sides"}


def _lower_first(name: str) -> str:
    # "Disc herniation" -> "disc herniation"; keep acronyms ("L5") as they are
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _condition_words(cond: clinical.Condition, zone: str | None) -> str:
    name = re.sub(r"\s*\(e\.g\.[^)]*\)", "", cond.name)  # a tab is short: drop the example
    # the zone is named only when it is not the condition's usual one
    if zone and zone != cond.default_zone and zone in ZONE_WORDS:
        return f"{ZONE_WORDS[zone]} {_lower_first(name)}"
    return name


def view_title(state: ViewState, data: clinical.ClinicalData) -> str:
    side = SIDE_WORDS.get(state.side, state.side)
    if state.mode == "where":
        if not state.regions:
            return f"Where does it hurt? — {APP}"
        places = [data.regions[r].label.lower() for r in state.regions if r in data.regions]
        shown = ", ".join(places[:3]) + (" …" if len(places) > 3 else "")
        return f"Where does it hurt: {shown}, {side} — {APP}"
    cond = data.conditions.get(state.condition)
    if cond is None:
        return f"{APP} · lower back to foot"
    words = _condition_words(cond, state.zone)
    if cond.has_level and state.level:
        text = f"{state.level.replace('-', '–')} {_lower_first(words)}"
    else:
        text = words
    return f"{text}, {side} — {APP}"
