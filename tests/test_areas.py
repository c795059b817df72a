"""Long area lists read as a few places (issue 12)."""
from __future__ import annotations

import pytest

from dashapp import areas, clinical, layout
from dashapp.tables import DataError


def words(ids):
    return {r: r.replace("_", " ") for r in ids}


def test_a_whole_run_is_named_once_in_place_of_its_first_area():
    ids = ["lateral_leg", "buttock", "posterior_thigh", "posterior_calf", "heel", "sole"]
    assert areas.grouped(ids, words(ids)) == [
        "lateral leg", "the back of the leg, from the buttock to the heel", "sole"]


def test_a_part_of_a_run_keeps_its_own_words_and_larger_runs_win():
    ids = ["posterior_thigh", "posterior_calf", "sole"]
    assert areas.grouped(ids, words(ids)) == ["the back of the thigh and calf", "sole"]
    ids = ["heel", "big_toe"]  # neither run is whole
    assert areas.grouped(ids, words(ids)) == ["heel", "big toe"]


def test_every_group_names_known_areas(tmp_path):
    groups = areas.load_groups()
    known = set(clinical.load_clinical().regions)
    assert groups and all(set(g.regions) <= known for g in groups)
    bad = tmp_path / "region_groups.csv"
    (tmp_path / "regions.csv").write_text("region,label\nheel,Heel\n")
    bad.write_text("group,regions,words\nx,heel;elbow,the heel and elbow\n")
    with pytest.raises(DataError, match="elbow"):
        areas.load_groups(str(tmp_path))


def test_the_caption_under_the_picture_groups_a_long_list(clinical_data):
    expl = clinical.explain(clinical_data, "disc-herniation", "L5-S1", "left", "paracentral")
    felt = {h.region for h in expl.regions if h.role == "primary"}
    text = layout.figure_summary(expl, clinical_data)
    assert text.startswith("Shown in red: the S1")
    if {"buttock", "posterior_thigh", "posterior_calf", "heel"} <= felt:
        assert "from the buttock to the heel" in text and "back of calf" not in text
    else:  # the S1 run without the buttock: still fewer phrases than areas
        assert text.count(",") + text.count(";") < len(felt)
