"""The request around a callback's values: the JSON Dash posts, checked so that
Dash itself never trips over a malformed one (guard.py answers 400). The values
inside are checked by each callback (dashapp.page.inputs)."""
from __future__ import annotations

import json
from typing import Any

from dashapp.page.inputs import MAX_ID, MAX_LIST, shown


def envelope_problem(body: Any, callbacks: dict) -> str | None:
    """Why a posted callback request is malformed, or None if Dash can run it.

    `callbacks` is Dash's callback map ({output: {"inputs", "state", "output",
    "callback"}}). Checked: the output names a server callback, inputs and
    state match its declaration one for one (pattern-matching ones as lists),
    and changedPropIds are strings whose JSON ids parse.
    """
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str):
        return "'output' is missing or not text"
    spec = callbacks.get(output)
    if spec is None or not callable(spec.get("callback")):
        return f"no server callback has output {shown(output)}"
    for key in ("inputs", "state"):
        problem = _dependencies_problem(key, body.get(key, []), spec.get(key, []))
        if problem:
            return problem
    declared = spec.get("output")
    outputs = body.get("outputs")
    if not isinstance(declared, (list, tuple)):  # a single output is sent as one object
        declared, outputs = [declared], [outputs]
    if not isinstance(outputs, list) or len(outputs) != len(declared) or not all(
            _is_output(o, d) for o, d in zip(outputs, declared)):
        return f"'outputs' do not match the callback's {len(declared)} outputs"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or len(changed) > MAX_LIST:
        return "'changedPropIds' is not a short list"
    for prop_id in changed:
        if not isinstance(prop_id, str) or len(prop_id) > 4 * MAX_ID:
            return f"changed prop id {shown(prop_id)} is not a short string"
        component = prop_id.rpartition(".")[0]
        if component.startswith("{") and not isinstance(_json_or_none(component), dict):
            return f"changed prop id {shown(prop_id)} does not hold a JSON id"
    return None


def _json_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _is_dependency(item: Any, pattern: bool = False) -> bool:
    if not isinstance(item, dict) or not isinstance(item.get("property"), str):
        return False
    component = item.get("id")
    if pattern:
        return isinstance(component, dict) and all(isinstance(k, str) for k in component)
    return isinstance(component, str)


def _is_output(item: Any, declared: Any) -> bool:
    """An {id, property} the callback declares ('value@hash' names a duplicate output)."""
    component = getattr(declared, "component_id", None)
    if isinstance(component, dict):  # pattern-matching outputs: not used here
        return False
    return (_is_dependency(item) and item["id"] == component
            and item["property"].split("@")[0] == getattr(declared, "component_property", None))


def _dependencies_problem(key: str, given: Any, declared: list) -> str | None:
    if not isinstance(given, list) or len(given) != len(declared):
        return f"'{key}' is not a list of {len(declared)}"
    for item, dep in zip(given, declared):
        pattern = str(dep.get("id", "")).startswith("{")
        if pattern:  # ALL / ALLSMALLER: a list of matching components
            if not isinstance(item, list) or len(item) > MAX_LIST:
                return f"'{key}' for {dep['id']} is not a short list"
            if not all(_is_dependency(i, pattern=True) and i["property"] == dep["property"]
                       for i in item):
                return f"'{key}' for {dep['id']} holds a malformed entry"
        elif not (_is_dependency(item) and item["id"] == dep["id"]
                  and item["property"] == dep["property"]):
            return f"'{key}' does not match {dep['id']}.{dep['property']}"
    return None
