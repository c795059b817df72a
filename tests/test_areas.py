"""Long area lists read as a few places (issue 12)."""
from __future__ import annotations

import pytest

from dashapp import clinical
from dashapp.clinical import areas
from dashapp.datafiles.clinical_schema import read_clinical
from dashapp.datafiles.locations import DataError
from dashapp.page import texts


def words(ids):
    return {r: r.replace("_", " ") for r in ids}


def test_a_whole_run_is_named_once_in_place_of_its_first_area():
    ids = ["lateral_leg", "buttock", "posterior_thigh", "posterior_calf", "heel", "sole"]
    assert areas.grouped(ids, words(ids)) == [
        "lateral leg", "the back of the leg from the buttock to the heel", "sole"]


def test_a_part_of_a_run_keeps_its_own_words_and_larger_runs_win():
    ids = ["posterior_thigh", "posterior_calf", "sole"]
    assert areas.grouped(ids, words(ids)) == ["the back of the thigh and calf", "sole"]
    ids = ["heel", "big_toe"]  # neither run is whole
    assert areas.grouped(ids, words(ids)) == ["heel", "big toe"]


def test_every_group_names_known_areas(tmp_path):
    groups = areas.load_groups()
    known = set(read_clinical().regions)
    assert groups and all(set(g.regions) <= known for g in groups)
    bad = tmp_path / "region_groups.csv"
    (tmp_path / "regions.csv").write_text("region,label\nheel,Heel\n")
    bad.write_text("group,regions,words\nx,heel;elbow,the heel and elbow\n")
    with pytest.raises(DataError, match="elbow"):
        areas.load_groups(str(tmp_path))
    # a comma in a group's words would read as the list's own comma
    bad.write_text('group,regions,words\nx,heel,"the heel, underneath"\n')
    with pytest.raises(DataError, match="comma"):
        areas.load_groups(str(tmp_path))


def test_the_caption_under_the_picture_groups_a_long_list(clinical_data):
    expl = clinical.explain(clinical_data, "disc-herniation", "L5-S1", "left", "paracentral")
    felt = {h.region for h in expl.regions if h.role == "primary"}
    text = texts.figure_summary(expl, clinical_data)
    assert text.startswith("Shown in red: the S1")
    if {"buttock", "posterior_thigh", "posterior_calf", "heel"} <= felt:
        assert "from the buttock to the heel" in text and "back of calf" not in text
    else:  # the S1 run without the buttock: still fewer phrases than areas
        assert text.count(",") + text.count(";") < len(felt)


# --- the joined list reads as a normal English sentence (issue 12) -----------

def test_two_three_and_many_single_areas_join_with_commas_and_one_and():
    assert areas.in_words([]) == ""
    assert areas.in_words(["the heel"]) == "the heel"
    assert areas.in_words(["the heel", "the sole"]) == "the heel and the sole"
    assert areas.in_words(["the shin", "the heel", "the sole"]) == "the shin, the heel and the sole"
    many = ["the groin", "the shin", "the heel", "the sole", "the big toe"]
    assert areas.in_words(many) == "the groin, the shin, the heel, the sole and the big toe"
    assert ";" not in areas.in_words(many)


def test_a_group_last_lends_its_and_to_the_list():
    group = "the top of the foot and the big toe"
    assert areas.in_words(["the outer shin", group]) == (
        "the outer shin, the top of the foot and the big toe")
    assert areas.in_words(["the groin", "the outer shin", group]) == (
        "the groin, the outer shin, the top of the foot and the big toe")


def test_a_group_before_the_last_item_is_kept_apart_by_a_comma():
    group = "the top of the foot and the big toe"
    assert areas.in_words([group, "the heel"]) == "the top of the foot and the big toe, and the heel"
    assert areas.in_words(["the shin", group, "the heel"]) == (
        "the shin, the top of the foot and the big toe, and the heel")
    # two groups: the list still reads item by item
    assert areas.in_words([group, "the sole and the heel"]) == (
        "the top of the foot and the big toe, the sole and the heel")


def test_an_item_with_its_own_comma_falls_back_to_semicolons():
    assert areas.in_words(["the heel, underneath", "the sole"]) == "the heel, underneath; and the sole"


def test_grouped_areas_read_as_a_sentence_with_the_real_groups():
    ids = ["lateral_leg", "dorsum_foot", "big_toe", "first_web_space"]
    names = {"lateral_leg": "the outer shin", "dorsum_foot": "the top of foot",
             "big_toe": "the big toe", "first_web_space": "the first web space"}
    assert areas.in_words(areas.grouped(ids, names)) == (
        "the outer shin, the top of the foot and the big toe")
    assert "," not in "".join(g.words for g in areas.load_groups())


def test_the_caption_reads_as_one_sentence(clinical_data):
    expl = clinical.explain(clinical_data, "disc-herniation", "L4-L5", "left", "paracentral")
    text = texts.figure_summary(expl, clinical_data)
    assert text.endswith("Felt in the outer shin, the top of the foot and the big toe.")
    assert ";" not in text


def test_the_patient_text_groups_its_places_like_the_caption(clinical_data):
    expl = clinical.explain(clinical_data, "spinal-stenosis", "L4-L5", "both", "central")
    where = expl.plain["where"]
    caption = texts.figure_summary(expl, clinical_data)
    # the same run, by the same words, in the caption and in the text
    run = next(g.words for g in areas.load_groups() if g.id == "top_of_foot")
    assert run in caption and run in where
    for group in areas.load_groups():  # every whole run among the felt places is named once
        felt = {h.region for h in expl.regions}
        if set(group.regions) <= felt and not {"buttock", "posterior_thigh"} & set(group.regions):
            assert where.count(group.words) == 1, group.id
    # and none of its areas one by one
    assert "the skin on top of the foot between" not in where
    assert "Numbness or pins and needles are felt more in the outer shin, the top of the foot " \
           "and the big toe." in where
