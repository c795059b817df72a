"""Links: every view is a link, and a bad link falls back with a note."""
import pytest

from dashapp.page import urlstate


def test_full_link_round_trips(clinical_data):
    query = "?condition=disc-herniation&level=L5-S1&side=left&zone=paracentral"
    state = urlstate.parse_query(query, clinical_data)
    assert (state.mode, state.condition, state.level, state.side, state.zone) == (
        "explain", "disc-herniation", "L5-S1", "left", "paracentral")
    assert state.notes == ()
    assert urlstate.to_query(state, clinical_data) == query


def test_empty_link_is_the_default_view(clinical_data):
    state = urlstate.parse_query("", clinical_data)
    assert state.condition == "disc-herniation"
    assert state.level == "L4-L5" and state.zone == "paracentral"  # reference defaults
    assert state.notes == ()


@pytest.mark.parametrize("query, field, expected, words", [
    ("?condition=broken-leg", "condition", "disc-herniation", "Unknown condition"),
    ("?condition=disc-herniation&level=L9-L10", "level", "L4-L5", "Level"),
    ("?condition=disc-herniation&side=up", "side", "left", "Side"),
    ("?condition=disc-herniation&zone=lateral-recess", "zone", "paracentral", "Zone"),
    ("?condition=sciatica&level=L4-L5", "level", None, "no spinal level"),
    ("?condition=degenerative-disc&level=L4-L5&zone=central", "zone", None, "no zones"),
    ("?condition=disc-herniation&zone=paracentral&side=both", "side", "left", "left"),
    ("?condition=%3Cscript%3Ealert(1)%3C/script%3E", "condition", "disc-herniation", "Unknown"),
])
def test_bad_values_fall_back_with_a_note(clinical_data, query, field, expected, words):
    state = urlstate.parse_query(query, clinical_data)
    assert getattr(state, field) == expected
    assert state.notes, "a fallback must leave a visible note"
    assert words.lower() in " ".join(state.notes).lower()


def test_overlong_link_is_ignored_safely(clinical_data):
    state = urlstate.parse_query("?condition=" + "x" * 5000, clinical_data)
    assert state.condition == "disc-herniation" and state.notes


def test_where_link(clinical_data):
    state = urlstate.parse_query("?regions=big_toe,dorsum_foot&side=left", clinical_data)
    assert state.mode == "where"
    assert state.regions == ("big_toe", "dorsum_foot")
    assert state.marks == (("big_toe", "left", "pain"), ("dorsum_foot", "left", "pain"))
    # each mark now says its own side; the older link opens the same view
    assert urlstate.to_query(state, clinical_data) == "?regions=big_toe:left,dorsum_foot:left"


def test_where_link_drops_unknown_regions_with_a_note(clinical_data):
    state = urlstate.parse_query("?regions=big_toe,elbow&side=sideways", clinical_data)
    assert state.regions == ("big_toe",)
    assert state.side == "left"
    notes = " ".join(state.notes)
    assert "'elbow'" in notes and "Side" in notes


def test_sciatica_link_has_no_level(clinical_data):
    state = urlstate.parse_query("?condition=sciatica&side=right", clinical_data)
    assert state.notes == ()
    assert urlstate.to_query(state, clinical_data) == "?condition=sciatica&side=right"


def test_condition_id_is_not_case_sensitive(clinical_data):
    state = urlstate.parse_query("?condition=Disc-Herniation&level=l5-s1", clinical_data)
    assert (state.condition, state.level, state.notes) == ("disc-herniation", "L5-S1", ())


def test_where_link_says_what_it_left_out(clinical_data):
    state = urlstate.parse_query("?condition=x&level=L9&regions=elbow", clinical_data)
    notes = " ".join(state.notes)
    assert state.mode == "where" and "'elbow'" in notes and "condition, level and zone" in notes


def test_clinician_text_travels_in_the_link(clinical_data):
    query = "?condition=disc-herniation&level=L5-S1&side=left&zone=paracentral&audience=clinician"
    state = urlstate.parse_query(query, clinical_data)
    assert state.audience == "clinician" and state.notes == ()
    assert urlstate.to_query(state, clinical_data) == query
    odd = urlstate.parse_query("?audience=surgeons", clinical_data)
    assert odd.audience == "patient" and "audience" in " ".join(odd.notes)


def test_where_link_with_nothing_marked(clinical_data):
    state = urlstate.ViewState(mode="where", side="right")
    query = urlstate.to_query(state, clinical_data)
    assert query == "?mode=where&side=right"
    back = urlstate.parse_query(query, clinical_data)
    assert (back.mode, back.side, back.regions, back.notes) == ("where", "right", (), ())


def test_each_region_with_its_own_side_and_feeling(clinical_data):
    query = "?regions=heel:left,big_toe:right:numbness&weak=tiptoe,heel-walk&flags=bladder-bowel"
    state = urlstate.parse_query(query, clinical_data)
    assert state.mode == "where" and state.notes == ()
    assert state.marks == (("heel", "left", "pain"), ("big_toe", "right", "numbness"))
    assert state.side == "both" and state.regions == ("heel", "big_toe")
    assert state.weak == ("heel-walk", "tiptoe")  # strength.csv order
    assert state.flags == ("bladder-bowel",)
    assert urlstate.to_query(state, clinical_data) == (
        "?regions=heel:left,big_toe:right:numbness&weak=heel-walk,tiptoe&flags=bladder-bowel")


def test_old_links_open_the_same_view(clinical_data):
    old = urlstate.parse_query("?regions=heel,sole&side=both", clinical_data)
    new = urlstate.parse_query(
        "?regions=heel:left,heel:right,sole:left,sole:right", clinical_data)
    assert set(old.marks) == set(new.marks) and old.side == new.side == "both"
    right = urlstate.parse_query("?regions=heel&side=right", clinical_data)
    assert right.marks == (("heel", "right", "pain"),) and right.side == "right"


@pytest.mark.parametrize("query, words", [
    ("?regions=heel:upwards", "'heel:upwards'"),
    ("?regions=heel:left&weak=handstand", "strength check 'handstand'"),
    ("?regions=heel:left&flags=both-legs", "warning sign 'both-legs'"),  # raised by marks, not asked
])
def test_bad_where_values_are_left_out_with_a_note(clinical_data, query, words):
    state = urlstate.parse_query(query, clinical_data)
    assert state.mode == "where" and words in " ".join(state.notes)
    assert state.weak == () and state.flags == ()


def test_an_explainer_link_keeps_its_warning_answers(clinical_data):
    # a 'yes' to a warning question in the link is never dropped, whatever the mode
    query = "?condition=disc-herniation&level=L4-L5&side=left&zone=paracentral&flags=bladder-bowel"
    state = urlstate.parse_query(query, clinical_data)
    assert state.mode == "explain" and state.flags == ("bladder-bowel",)
    assert state.notes == ()
    assert urlstate.to_query(state, clinical_data) == query


def test_an_explainer_link_with_unknown_answers_says_so(clinical_data):
    state = urlstate.parse_query("?condition=disc-herniation&weak=everything", clinical_data)
    assert state.mode == "explain" and state.weak == ()
    assert any("strength check 'everything'" in n for n in state.notes), state.notes
