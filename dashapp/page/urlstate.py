"""The page state as a link: parse a query string safely, write it back.

A link must never break the page: every unknown or bad value falls back to
a default and leaves a note the page shows. No Dash here.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

from dashapp import clinical
from dashapp.page.inputs import clean, shown

DEFAULT_CONDITION = "disc-herniation"
MODES = ("explain", "where")
AUDIENCES = ("patient", "clinician")  # who the text is for; patient is the default
MAX_QUERY = 2000  # longer links are cut, not parsed (nobody types that much)


@dataclass(frozen=True)
class ViewState:
    mode: str = "explain"
    condition: str = DEFAULT_CONDITION
    level: str | None = None
    side: str = "left"
    zone: str | None = None
    regions: tuple[str, ...] = ()  # where mode: the regions marked, once each
    notes: tuple[str, ...] = ()
    audience: str = "patient"
    # where mode: each mark with its own side and feeling, (region, side, feel); the
    # strength checks found hard; the warning-sign questions answered yes
    marks: tuple[tuple[str, str, str], ...] = ()
    weak: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()


def default_state(data: clinical.ClinicalData, condition: str = DEFAULT_CONDITION) -> ViewState:
    d = clinical.defaults(data, condition)
    return ViewState(condition=condition, level=d.get("level"), side=d.get("side", "left"),
                     zone=d.get("zone"))


_shown = shown  # a user-supplied value, shortened and quoted, safe to put in a note


def parse_query(search: str | None, data: clinical.ClinicalData) -> ViewState:
    """'?condition=…&level=…' → a valid ViewState, with a note per fallback."""
    search = clean(search if isinstance(search, str) else "").lstrip("?")
    notes: list[str] = []
    if len(search) > MAX_QUERY:
        notes.append("The link was too long, so it was not used. This is the usual first view.")
        search = ""
    try:
        params = {k: v[-1] for k, v in parse_qs(search, keep_blank_values=True).items()}
    except ValueError:
        params = {}
        notes.append("The link could not be read. This is the usual first view.")

    audience = params.get("audience", "patient").strip().lower()
    if audience not in AUDIENCES:
        notes.append(f"Unknown audience {_shown(params['audience'])} in the link. "
                     "This shows the text for patients.")
        audience = "patient"
    view = _parse_view(params, data, notes)
    return replace(view, audience=audience, notes=_few(notes))


MAX_NOTES = 5  # a link full of unknown values gets a short note, not one line per value


def _few(notes: list[str]) -> tuple[str, ...]:
    if len(notes) <= MAX_NOTES:
        return tuple(notes)
    return (*notes[:MAX_NOTES - 1],
            f"{len(notes) - MAX_NOTES + 1} more values in the link were not understood "
            "and were left out.")


def _parse_view(params: dict, data: clinical.ClinicalData, notes: list[str]) -> ViewState:
    if "regions" in params or params.get("mode") == "where":
        return _parse_where(params, data, notes)
    if "mode" in params and params["mode"] not in MODES:
        notes.append(f"Unknown mode {_shown(params['mode'])} in the link. This shows the explainer.")

    condition = params.get("condition", DEFAULT_CONDITION).strip().lower()
    if condition not in data.conditions:
        notes.append(f"Unknown condition {_shown(condition)} in the link. "
                     f"This shows {data.conditions[DEFAULT_CONDITION].name.lower()} instead.")
        condition = DEFAULT_CONDITION
    base = default_state(data, condition)
    cond = data.conditions[condition]

    level = base.level
    if "level" in params:
        raw = params["level"].upper().replace("–", "-")
        if not cond.has_level:
            if raw:
                notes.append(f"{cond.name} has no spinal level. So the level in the link was not used.")
        elif raw in cond.levels:
            level = raw
        else:
            notes.append(f"Level {_shown(params['level'])} is not shown for {cond.name}. "
                         f"This shows {base.level}.")

    side = base.side
    if "side" in params:
        raw = params["side"].lower()
        if raw in clinical.SIDES:
            side = raw
        else:
            notes.append(f"Side {_shown(params['side'])} is not left, right or both. This shows {side}.")

    zone = base.zone
    if "zone" in params:
        raw = params["zone"].lower()
        if not cond.zones:
            if raw:
                notes.append(f"{cond.name} has no zones. So the zone in the link was not used.")
        elif raw in cond.zones:
            zone = raw
        else:
            notes.append(f"Zone {_shown(params['zone'])} does not apply to {cond.name}. "
                         f"This shows {base.zone}.")

    # the parts may each be valid but not together (e.g. a one-sided
    # herniation on both sides): keep the view, fall back on the side
    try:
        clinical.explain(data, condition, level, side, zone)
    except clinical.NotApplicable as refusal:
        notes.append(f"{refusal.reason} This shows the left side.")
        side = "left"
    # answers travel with the explainer too: a warning sign answered yes is never dropped
    weak, flags = _answers(params, data, notes)
    return ViewState("explain", condition, level, side, zone, (), tuple(notes),
                     weak=weak, flags=flags)


def _answers(params: dict, data: clinical.ClinicalData,
             notes: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The strength checks found hard and the warning-sign questions answered yes."""
    return (_known_list(params.get("weak", ""), data.strength, "strength check", notes),
            _known_list(params.get("flags", ""), clinical.asked_flags(data), "warning sign",
                        notes))


def _parse_where(params: dict, data: clinical.ClinicalData, notes: list[str]) -> ViewState:
    """'regions=heel:left,big_toe:right:numbness' (or the older 'regions=a,b&side=left'),
    'weak=tiptoe', 'flags=bladder-bowel'; anything unknown is left out with a note."""
    if any(params.get(k) for k in ("condition", "level", "zone")):
        notes.append("The link marks places that hurt. So the condition, level and zone in it "
                     "were left out.")
    side = params.get("side", "left").strip().lower()
    if side not in clinical.SIDES:
        notes.append(f"Side {_shown(params['side'])} is not left, right or both. This shows left.")
        side = "left"
    marks: dict[tuple[str, str], tuple[str, str, str]] = {}
    for token in (t for t in params.get("regions", "").split(",") if t.strip()):
        try:
            found = clinical.parse_marks(data, [token], side)
        except clinical.NotApplicable:
            notes.append(f"Unknown region {_shown(token)} in the link was left out.")
            continue
        for m in found:
            marks.setdefault((m.region, m.side), (m.region, m.side, m.feel))
    weak, flags = _answers(params, data, notes)
    legs = {m[1] for m in marks.values()}
    if legs:
        side = "both" if len(legs) == 2 else legs.pop()
    base = default_state(data)
    regions = tuple(dict.fromkeys(m[0] for m in marks.values()))
    return ViewState("where", base.condition, base.level, side, base.zone, regions,
                     tuple(notes), marks=tuple(marks.values()), weak=weak, flags=flags)


def _known_list(raw: str, known, what: str, notes: list[str]) -> tuple[str, ...]:
    """The known ids of a comma list, in the order `known` has them; a note per unknown one."""
    wanted = [v.strip().lower() for v in raw.split(",") if v.strip()]
    for value in wanted:
        if value not in known:
            notes.append(f"Unknown {what} {_shown(value)} in the link was left out.")
    return tuple(k for k in known if k in wanted)


def to_query(state: ViewState, data: clinical.ClinicalData) -> str:
    """The canonical link for a state ('?condition=…'), values in a fixed order."""
    if state.mode == "where":
        marks = state.marks or tuple((r, s, "pain") for r in state.regions
                                     for s in (("left", "right") if state.side == "both"
                                               else (state.side,)))
        if marks:  # each mark says its own side (and feeling, unless pain)
            params = {"regions": ",".join(clinical.Mark(*m).token() for m in marks)}
        else:
            params = {"mode": "where", "side": state.side}
    else:
        cond = data.conditions[state.condition]
        params = {"condition": state.condition}
        if cond.has_level and state.level:
            params["level"] = state.level
        params["side"] = state.side
        if cond.zones and state.zone:
            params["zone"] = state.zone
    if state.weak:
        params["weak"] = ",".join(state.weak)
    if state.flags:
        params["flags"] = ",".join(state.flags)
    if state.audience != "patient":  # a clinician can pass a colleague the clinical text
        params["audience"] = state.audience
    return "?" + urlencode(params, safe=",:", errors="replace")  # a lone surrogate: '?'
