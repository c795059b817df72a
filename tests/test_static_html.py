"""The first view's HTML: Dash html components written as the browser would get them."""
from __future__ import annotations

import pytest
from dash import dcc, html

from dashapp.page import first_view, urlstate
from dashapp.page.static_html import to_html
from dashapp.server.factory import build_model


def test_writes_tags_attributes_and_text_escaped():
    tree = html.Div([html.H2(["Disc ", html.Span("· L5–S1")]), html.P("a < b & c", hidden=True),
                     html.Img(src="x.svg", alt='say "hi"'), html.Details(html.Summary("More"),
                                                                           open=True)],
                    id="explanation", className="explanation", role="region",
                    **{"aria-label": "What this means", "data-x": "1"})
    assert to_html(tree) == (
        '<div aria-label="What this means" class="explanation" data-x="1" '
        'id="first-explanation" role="region">'
        "<h2>Disc <span>· L5–S1</span></h2><p hidden>a &lt; b &amp; c</p>"
        '<img alt="say &quot;hi&quot;" src="x.svg">'
        "<details open><summary>More</summary></details></div>")


def test_the_copy_has_ids_of_its_own_and_words_cannot_become_markup():
    # the app's ids must exist once; a link within the words still finds its place
    assert to_html(html.Div([html.A("All warning signs", href="#red-flags"),
                             html.Details(id="red-flags"), html.A("x", href="/?a=1")])) == (
        '<div><a href="#first-red-flags">All warning signs</a>'
        '<details id="first-red-flags"></details><a href="/?a=1">x</a></div>')
    assert to_html(html.Label("L", htmlFor="a")) == '<label for="first-a">L</label>'
    assert to_html(html.P(id={"type": "unmark", "index": 1})) == "<p></p>"
    # a text is text, whatever it holds
    assert to_html(html.P("<script>alert(1)</script>")) == \
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    assert to_html([None, False, 3, "x"]) == "3x"


def test_a_control_cannot_be_written_silently():
    with pytest.raises(TypeError, match="RadioItems"):
        to_html(html.Div(dcc.RadioItems(options=["a"])))


@pytest.fixture(scope="module")
def model():
    return build_model()


def test_an_explained_link_is_a_document_and_a_tool_starts_at_once(model):
    data = model.clinical
    state = urlstate.parse_query("condition=disc-herniation&level=L5-S1&side=left", data)
    view = first_view.for_state(state, model, has_extras=False)
    assert not view.boot_now
    assert "What is happening" in view.html and "{picture}" in view.html
    assert "When to get urgent help" in view.html
    clinician = urlstate.parse_query("condition=disc-herniation&level=L5-S1&side=left"
                                     "&audience=clinician", data)
    assert "Reflexes" in first_view.for_state(clinician, model, False).html
    for link in ("mode=where", "regions=big_toe:left", "condition=nonsense"):
        assert first_view.for_state(urlstate.parse_query(link, data), model, False).boot_now, link
    assert first_view.for_state(state, model, has_extras=True).boot_now  # a drawing to show
