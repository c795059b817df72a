"""The browser tab names the view it holds."""
from __future__ import annotations

from dashapp.page.urlstate import ViewState
from dashapp.page.viewtitle import view_title


def test_forward_view_names_level_condition_and_side(clinical_data):
    state = ViewState("explain", "disc-herniation", "L4-L5", "right", "paracentral")
    assert view_title(state, clinical_data) == "L4–L5 disc herniation, right — spinefoot"


def test_an_unusual_zone_is_named_and_both_sides_said_in_words(clinical_data):
    state = ViewState("explain", "disc-herniation", "L5-S1", "both", "central")
    assert view_title(state, clinical_data) == "L5–S1 central disc herniation, both sides — spinefoot"


def test_a_condition_without_level_drops_the_example_in_its_name(clinical_data):
    title = view_title(ViewState("explain", "sciatica", None, "left", None), clinical_data)
    assert title.startswith("Sciatic nerve pinched outside the spine, left")
    assert "e.g." not in title and "L" not in title.split(",")[0].replace("Sciatica", "")


def test_where_mode_names_the_marked_places(clinical_data):
    state = ViewState(mode="where", side="left", regions=("big_toe", "dorsum_foot"))
    assert view_title(state, clinical_data) == \
        "Where does it hurt: big toe, top of foot, left — spinefoot"
    assert view_title(ViewState(mode="where"), clinical_data) == "Where does it hurt? — spinefoot"


def test_an_unknown_condition_gets_the_plain_app_title(clinical_data):
    assert view_title(ViewState("explain", "broken-leg"), clinical_data).startswith("spinefoot")
