"""Dash html components -> an HTML string, for the page the server sends first.

The first view of a link is a plain document (dashapp/server/first_html.py): the
picture and the same words the app shows, written by the same functions in
texts.py. Only the `dash.html` components those functions use are needed;
anything else (a dcc control, an unknown object) is a programming error
and raises, so a text never silently goes missing.
"""
from __future__ import annotations

from html import escape

# Dash prop name -> HTML attribute name, where they differ
ATTRIBUTES = {"className": "class", "htmlFor": "for", "tabIndex": "tabindex",
              "colSpan": "colspan", "rowSpan": "rowspan"}
SKIPPED = {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state",
           "setProps", "key", "style"}
VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}
# The first view is a copy of the app's words, and their ids belong to the app:
# the copy's ids (and the links and labels that point at them) get this prefix,
# so a link within the words still works and no id is on the page twice.
ID_PREFIX = "first-"
POINTERS = {"htmlFor", "aria-labelledby", "aria-describedby", "aria-controls"}


def to_html(node) -> str:
    """The HTML of a component tree (components, lists, strings, numbers, None)."""
    if node is None or node is False:
        return ""
    if isinstance(node, (list, tuple)):
        return "".join(to_html(child) for child in node)
    if isinstance(node, str):
        return escape(node, quote=False)
    if isinstance(node, (int, float)) and not isinstance(node, bool):
        return escape(str(node))
    module = type(node).__module__
    if not module.startswith("dash.html"):
        raise TypeError(f"static_html: cannot write {module}.{type(node).__name__}")
    tag = type(node).__name__.lower()
    props = node.to_plotly_json()["props"]  # the props set, wildcard aria-*/data-* too
    attrs = "".join(_attribute(name, props[name]) for name in sorted(props)  # one order
                    if name not in SKIPPED)
    style = props.get("style")
    if style:
        attrs += ' style="' + escape(";".join(f"{_css_name(k)}:{v}" for k, v in style.items())) \
            + '"'
    if tag in VOID:
        return f"<{tag}{attrs}>"
    return f"<{tag}{attrs}>{to_html(props.get('children'))}</{tag}>"


def _attribute(name: str, value) -> str:
    if value is None or value is False:
        return ""
    if name == "id":
        if not isinstance(value, str):  # pattern-matching ids live in the app only
            return ""
        value = ID_PREFIX + value
    elif name in POINTERS and isinstance(value, str):
        value = " ".join(ID_PREFIX + v for v in value.split())
    elif name == "href" and isinstance(value, str) and value.startswith("#") and len(value) > 1:
        value = "#" + ID_PREFIX + value[1:]
    attr = ATTRIBUTES.get(name, name)
    if value is True:
        return f" {attr}"
    return f' {attr}="{escape(str(value))}"'


def _css_name(key: str) -> str:
    return "".join("-" + c.lower() if c.isupper() else c for c in key)
