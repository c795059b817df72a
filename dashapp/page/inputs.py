"""What a server callback may be sent, checked before use. No Dash here.

The page only ever sends short strings, lists of them, small integers and
Plotly click data, but anyone can post anything to the callback endpoint.
Each callback passes its inputs through one of these functions first:
values come back normalised (trimmed, capped, lone surrogates replaced),
so caches are keyed on them and refusal texts can quote them; anything
the page could never send raises `Invalid`, which the server (guard.py)
answers as a quiet no-op (HTTP 204) with one log line. The request around
those values (the JSON Dash posts) is checked by dashapp.server.envelope.
"""
from __future__ import annotations

import math
from typing import Any, Iterable

from dashapp.model.clinical_data import FEELS

MAX_ID = 64  # no id, level, side or zone the page sends is longer
SHOWN = 40  # characters of a user value quoted back (as the link notes do)
MAX_LIST = 200  # items in any list the page sends (candidates, regions, ...)


class Invalid(ValueError):
    """A value no page sends (wrong type, too long, too many); `reason` is one short line."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def clean(value: str) -> str:
    """The text with lone surrogates (not encodable as UTF-8) replaced by '?'."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def shown(value: Any, limit: int = SHOWN) -> str:
    """A user value quoted for a note or a log line: shortened, printable."""
    text = clean(value if isinstance(value, str) else _brief(value)).strip()
    return repr(text[:limit] + ("…" if len(text) > limit else ""))


def _brief(value: Any) -> str:
    """A short description of a non-string value without walking all of it."""
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return f"an object with {len(value)} keys"
    return str(value)[:SHOWN + 1]  # numbers, booleans, None: short already


def word(value: Any, name: str = "value") -> str | None:
    """An id-like value (condition, level, side, zone, mode...): None or a
    trimmed string of at most MAX_ID characters. A longer one can match no
    id: it comes back shortened (ending in '…'), so it is refused as unknown
    and never echoed or cached at length."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise Invalid(f"{name} is {shown(value)}, not text")
    value = value.strip()
    if len(value) > MAX_ID:
        value = value[:SHOWN] + "…"
    return clean(value)


def words(*values: Any) -> tuple[str | None, ...]:
    """word() for each of several values, in order."""
    return tuple(word(v) for v in values)


def choice(value: Any, allowed: Iterable[str], name: str = "value") -> str:
    """One of `allowed` (case and surrounding spaces ignored)."""
    text = word(value, name)
    allowed = tuple(allowed)
    if text is None or text.lower() not in allowed:
        raise Invalid(f"{name} {shown(value)} is not one of {', '.join(allowed)}")
    return text.lower()


def id_list(value: Any, limit: int, name: str = "list") -> tuple[str, ...]:
    """A list of id-like strings (e.g. marked regions): trimmed, capped,
    duplicates and blanks dropped in one pass, at most `limit` of them."""
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)):
        raise Invalid(f"{name} is {shown(value)}, not a list")
    if len(value) > limit * 4:  # refuse before doing any work on a flood
        raise Invalid(f"{name} has {len(value)} items; at most {limit}")
    seen: dict[str, None] = {}  # ordered set: linear, keeps the order of marking
    for item in value:
        if not isinstance(item, str):
            raise Invalid(f"{name} holds {shown(item)}, not text")
        text = word(item)
        if text:
            seen[text] = None
    if len(seen) > limit:
        raise Invalid(f"{name} has {len(seen)} different items; at most {limit}")
    return tuple(seen)


def marks(value: Any, data) -> tuple[str, ...]:
    """Marked regions (clinical.ClinicalData `data`): each region at most once per side."""
    return id_list(value, 2 * len(data.regions), "regions")


def mark_list(value: Any, data) -> list[tuple[str, str, str]]:
    """The marks the page keeps: [[region, side, feel], ...], each place at most once.

    Only regions, sides (left, right) and feelings the data knows; anything else is
    not from the page (Invalid)."""
    if value is None:
        return []
    limit = 2 * len(data.regions)
    if not isinstance(value, (list, tuple)) or len(value) > limit:
        raise Invalid(f"marks is {shown(value)}, not a list of at most {limit}")
    out: dict[tuple[str, str], tuple[str, str, str]] = {}
    for item in value:
        if not isinstance(item, (list, tuple)) or len(item) != 3:
            raise Invalid(f"mark {shown(item)} is not [region, side, feel]")
        region = choice(item[0], data.regions, "region")
        side = choice(item[1], ("left", "right"), "side")
        feel = choice(item[2], FEELS, "feel")
        out.setdefault((region, side), (region, side, feel))
    return list(out.values())


def known_list(value: Any, allowed: Iterable[str], name: str = "list") -> tuple[str, ...]:
    """Ticked ids of a fixed checklist (strength checks, warning signs), in `allowed` order."""
    allowed = tuple(allowed)
    items = id_list(value, len(allowed), name)
    bad = [i for i in items if i not in allowed]
    if bad:
        raise Invalid(f"{name} holds {shown(bad[0])}, not one of {', '.join(allowed)}")
    return tuple(a for a in allowed if a in items)


def tap(value: Any, views: Iterable[str]) -> dict | None:
    """A tap on the picker (assets/picker.js): {x, y (finite or None: outside), view, side}."""
    if not isinstance(value, dict):
        return None
    view, side = value.get("view"), value.get("side")
    if view not in tuple(views) or side not in ("left", "right"):
        return None
    coords = {}
    for axis in ("x", "y"):
        v = value.get(axis)
        ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
        coords[axis] = float(v) if ok else None
    return {"view": view, "side": side, **coords}


def search(value: Any) -> str:
    """The address bar's query string ('?...'); parse_query caps its length."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid(f"search is {shown(value)}, not text")
    return clean(value)


def index(value: Any, size: int) -> int | None:
    """A list position the page sent (0 <= index < size), or None."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < size:
        return None
    return value


def pattern_index(component_id: Any, size: int) -> int | None:
    """The 'index' of a pattern-matching id such as {"type": "candidate", "index": 2}."""
    if not isinstance(component_id, dict):
        return None
    return index(component_id.get("index"), size)


def click_point(click: Any, traces: int) -> dict | None:
    """The first point of Plotly click data, with a valid trace number and
    finite coordinates (or none), else None."""
    try:
        point = click["points"][0]
    except (TypeError, KeyError, IndexError):
        return None
    if not isinstance(point, dict):
        return None
    curve = index(point.get("curveNumber"), traces)
    if curve is None:
        return None
    coords = {}
    for axis in ("x", "y"):
        v = point.get(axis)
        ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
        coords[axis] = float(v) if ok else None
    return {"curveNumber": curve, **coords}
