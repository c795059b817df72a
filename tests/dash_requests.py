"""Hand-made callback requests, shaped as the page's own (for the hostile-request tests).

A request names the callback by its output string, as the page does; the
values go into the inputs and state the callback declares, in that order.
"""
from __future__ import annotations

import json

UPDATE = "/_dash-update-component"


def server_callbacks(app) -> dict:
    """{output: spec} of the callbacks that run on the server (not clientside)."""
    return {out: spec for out, spec in app.callback_map.items() if callable(spec.get("callback"))}


# what the page sends when nothing is odd, by component id (pattern ids by their type)
PAGE = {"mode": "explain", "condition": "disc-herniation", "level": "L5-S1", "side": "left",
        "zone": "paracentral", "regions": [], "audience": "patient", "url": "",
        "candidate": [(0, 1)], "marks": [], "weak": [], "flags": [], "leg": "left",
        "feel": "pain", "picker-tap": None, "picker-view": "foot_top", "unmark": [],
        "clear-regions": 0, "back-to-marks": 0}


def find(app, text: str) -> str:
    """The output string of the one server callback whose outputs name `text`
    or whose first input's id contains it."""
    found = [out for out, spec in server_callbacks(app).items()
             if text in out or text in spec["inputs"][0]["id"]]
    assert len(found) == 1, (text, found)
    return found[0]


def dep_name(dep: dict) -> str:
    """A dependency's id, or a pattern-matching one's type."""
    return json.loads(dep["id"]).get("type", dep["id"]) if is_pattern(dep) else dep["id"]


def values(app, output: str, given: dict) -> list:
    """Input+state values in declaration order: `given` by id, else what the page sends."""
    unknown = set(given) - {dep_name(d) for d in dependencies(app.callback_map[output])}
    assert not unknown, unknown
    return [given.get(dep_name(d), PAGE.get(dep_name(d))) for d in
            dependencies(app.callback_map[output])]


def request(app, output: str, given: dict, changed: str | None = None) -> dict:
    """body() with values by id; `changed` names the input that changed (default: the first)."""
    spec = app.callback_map[output]
    payload = body(app, output, values(app, output, given))
    if changed is not None:
        payload["changedPropIds"] = [
            prop_id(d["id"], d["property"]) for d in spec["inputs"] if dep_name(d) == changed]
    return payload


def dependencies(spec: dict) -> list[dict]:
    """The inputs then the state the callback declares."""
    return list(spec["inputs"]) + list(spec.get("state", []))


def is_pattern(dep: dict) -> bool:
    return dep["id"].startswith("{")


def pattern_items(dep: dict, entries) -> list[dict]:
    """A pattern-matching (ALL) dependency: [(index, value), ...] -> the list the page sends."""
    template = {k: v for k, v in json.loads(dep["id"]).items() if not isinstance(v, list)}
    return [{"id": {**template, "index": index}, "property": dep["property"], "value": value}
            for index, value in entries]


def prop_id(component, prop: str) -> str:
    """Dash's 'id.property' (a dict id as sorted, compact JSON)."""
    if isinstance(component, dict):
        component = json.dumps(component, sort_keys=True, separators=(",", ":"))
    return f"{component}.{prop}"


def body(app, output: str, values: list, changed: list[str] | None = None) -> dict:
    """The request body the page would post for `output` with these input+state values.

    A pattern-matching dependency takes a list of (index, value) pairs. By
    default the first input is the one that changed.
    """
    spec = app.callback_map[output]
    deps = dependencies(spec)
    assert len(values) == len(deps), (output, len(values), len(deps))
    items = [pattern_items(dep, value) if is_pattern(dep)
             else {"id": dep["id"], "property": dep["property"], "value": value}
             for dep, value in zip(deps, values)]
    n_inputs = len(spec["inputs"])
    if changed is None:
        first = items[0]
        changed = ([prop_id(i["id"], i["property"]) for i in first[:1]] if isinstance(first, list)
                   else [prop_id(first["id"], first["property"])])
    declared = spec["output"]
    outputs = ([{"id": o.component_id, "property": o.component_property} for o in declared]
               if isinstance(declared, (list, tuple))
               else {"id": declared.component_id, "property": declared.component_property})
    return {"output": output, "outputs": outputs, "inputs": items[:n_inputs],
            "state": items[n_inputs:], "changedPropIds": changed}


def post(client, payload, raw: bool = False):
    """POST a body (a dict, or bytes as given) to the callback endpoint."""
    data = payload if raw else json.dumps(payload)  # NaN, Infinity and lone surrogates pass
    return client.post(UPDATE, data=data, headers={"Content-Type": "application/json"})
