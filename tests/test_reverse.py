"""Reverse look-up ("where does it hurt?"): regions -> ranked roots, levels, mimics, notes."""
from __future__ import annotations

import json

import pytest

from dashapp.clinical import NotApplicable, parse_marks, where
from dashapp.datafiles.clinical_schema import read_clinical

DATA = read_clinical()


@pytest.fixture(scope="module")
def data():
    return DATA


def first(result):
    return result.candidates[0]


@pytest.mark.parametrize("region", list(DATA.regions))
@pytest.mark.parametrize("side", ["left", "right"])
def test_each_region_alone_gives_its_primary_root_first(data, region, side):
    # numbness follows the skin map: the region table's primary root comes first
    result = where(data, [f"{region}:numbness"], side)
    best = first(result)
    assert best.root == data.regions[region].roots[0]
    assert best.side == side and 0.5 < best.score <= 1.0
    assert best.score == max(c.score for c in result.candidates)
    assert best.explains == (region,) and best.misses == ()
    assert best.levels, "every root has lesions that can press on it"
    assert best.condition_hint[1:] == best.levels[0]


@pytest.mark.parametrize("region", [r for r in DATA.regions
                                    if r not in {reg for _, reg in DATA.pain_course}])
def test_pain_outside_any_pain_course_follows_the_skin_map(data, region):
    assert first(where(data, [region], "left")).root == data.regions[region].roots[0]


def test_saddle_is_s3_with_red_flag_first(data):
    result = where(data, ["saddle"], "left")
    assert first(result).root == "S3"
    flag = result.red_flags[0]
    assert (flag.id, flag.urgency, flag.reason) == ("saddle-numbness", "emergency", "marked")
    assert "emergency care the same day" in flag.text and "saddle" in flag.text
    assert all(zone == "central" for _, zone in first(result).levels)  # cauda equina
    assert first(result).condition_hint[2] == "central"
    mixed = where(data, ["heel", "saddle"], "right")
    assert mixed.red_flags[0].id == "saddle-numbness"


@pytest.mark.parametrize("regions, root", [
    (["dorsum_foot", "big_toe", "lateral_leg"], "L5"),
    (["heel", "lateral_foot", "sole"], "S1"),
    (["medial_leg", "medial_ankle"], "L4"),
    (["anterior_thigh", "lateral_thigh"], "L2"),
])
def test_patterns(data, regions, root):
    result = where(data, regions, "left")
    assert first(result).root == root
    assert first(result).misses == ()


def test_overlapping_territories_favour_the_likely_root(data):
    # back of thigh: S2 then S1; back of calf: S1 then S2 -> both fit equally, but S1 is far more
    # often pinched (L5-S1 herniation) than S2 (only through a central lesion) (review item 7)
    result = where(data, ["posterior_thigh:numbness", "posterior_calf:numbness"], "left")
    scores = {c.root: c.score for c in result.candidates}
    assert first(result).root == "S1" and scores["S1"] == 0.75
    assert 0 < scores["S2"] < scores["S1"]


def test_likely_roots_rank_higher(data):
    s1_pattern = where(data, ["buttock", "posterior_thigh", "posterior_calf"], "left")
    assert first(s1_pattern).root == "S1"
    assert first(s1_pattern).levels[0] == ("L5-S1", "paracentral")
    assert not any("fit is weak" in n for n in s1_pattern.notes)  # S1 misses the buttock: not 'edge'
    alone = where(data, ["posterior_thigh:numbness"], "left")  # region table: S2 first
    assert [c.root for c in alone.candidates[:2]] == ["S2", "S1"]


def test_second_and_third_roots_keep_their_order(data):
    # sole: S1, L5, L4 -> L5 above L4 (review item 8)
    scores = {c.root: c.score for c in where(data, ["sole"], "left").candidates}
    assert scores["S1"] > scores["L5"] > scores["L4"] > 0
    buttock = [c.root for c in where(data, ["buttock:numbness"], "left").candidates]
    assert buttock.index("S2") < buttock.index("L1")


def test_central_herniation_offers_s1_from_l4_l5(data):
    s1 = next(c for c in where(data, ["heel"], "left").candidates if c.root == "S1")
    assert ("L4-L5", "central") in s1.levels and ("L5-S1", "central") in s1.levels


def test_full_explanation_beats_partial(data):
    result = where(data, ["heel", "lateral_foot", "sole"], "left")
    scores = {c.root: c.score for c in result.candidates}
    assert scores["S1"] == 1.0
    assert scores["L5"] < scores["S1"] and scores["L4"] < scores["S1"]


def test_primary_counts_more_than_overlap(data):
    result = where(data, ["big_toe"], "left")
    scores = {c.root: c.score for c in result.candidates}
    assert scores["L5"] > scores["L4"] > 0  # L5 first, L4 acceptable (Keegan-Garrett)


def test_l5_pattern_levels_mimic_and_disagreement(data):
    result = where(data, ["dorsum_foot", "big_toe"], "left")
    best = first(result)
    assert (best.root, best.side) == ("L5", "left")
    assert best.levels[0] == ("L4-L5", "paracentral")
    assert ("L5-S1", "foraminal") in best.levels
    assert best.levels.index(("L5-S1", "foraminal")) == 1
    assert best.condition_hint == ("disc-herniation", "L4-L5", "paracentral")
    assert "fibular-head" in [m.id for m in result.mimics]
    assert any("Keegan" in n for n in result.notes)  # big toe: L5 vs L4


def test_levels_per_root(data):
    def levels(root):
        result = where(data, [next(r for r, reg in data.regions.items() if reg.roots[0] == root)])
        return next(c for c in result.candidates if c.root == root).levels

    assert levels("S1")[0] == ("L5-S1", "paracentral")
    assert levels("L4")[:2] == (("L3-L4", "paracentral"), ("L4-L5", "foraminal"))
    assert levels("L5")[:2] == (("L4-L5", "paracentral"), ("L5-S1", "foraminal"))
    assert all(zone == "central" for _, zone in levels("S2"))


def test_sole_alone_tarsal_tunnel_first(data):
    result = where(data, ["sole"], "left")
    assert result.mimics[0].id == "tarsal-tunnel"
    morton = next(m for m in result.mimics if m.id == "mortons-neuroma")
    assert "matched on the sole" in morton.why  # no region id: said so, once (review item 22)
    assert "(" not in morton.why
    assert not any("matched on the sole" in n for n in result.notes)
    assert any("Foerster" in n for n in result.notes)  # sole: S1 vs L5/L4


def test_tarsal_tunnel_on_heel_says_sole_and_heel(data):
    tts = next(m for m in where(data, ["heel", "sole"], "left").mimics if m.id == "tarsal-tunnel")
    assert "only the sole and heel" in tts.why.lower()


def test_heel_alone_plantar_fasciitis_first(data):
    assert where(data, ["heel"], "right").mimics[0].id == "plantar-fasciitis"
    # neuropathy starts at the toes: heel pain in both feet is not it (review item 9)
    both = where(data, ["heel"], "both")
    assert both.mimics[0].id == "plantar-fasciitis"
    assert "peripheral-neuropathy" not in [m.id for m in both.mimics]
    toes = where(data, ["big_toe", "little_toe", "heel"], "both")
    assert toes.mimics[0].id == "peripheral-neuropathy"


@pytest.mark.parametrize("regions, side, mimic", [
    (["posterior_calf"], "both", "vascular-claudication"),
    (["posterior_calf", "posterior_thigh"], "both", "vascular-claudication"),
    (["lateral_thigh"], "left", "meralgia-paresthetica"),
    (["lateral_thigh", "anterior_thigh"], "right", "meralgia-paresthetica"),
    (["groin"], "left", "hip-osteoarthritis"),
    (["groin", "anterior_thigh", "medial_knee"], "left", "hip-osteoarthritis"),
])
def test_new_mimics_match(data, regions, side, mimic):
    result = where(data, regions, side)
    assert result.mimics[0].id == mimic
    assert set(data.mimics[mimic].sources) <= set(result.source_ids)


@pytest.mark.parametrize("regions, side, mimic", [
    (["anterior_thigh"], "left", "meralgia-paresthetica"),  # not the outer thigh
    (["medial_knee"], "left", "hip-osteoarthritis"),  # knee alone: not the hip
    (["heel"], "left", "vascular-claudication"),  # no calf
    (["sole", "dorsum_foot"], "left", "peripheral-neuropathy"),  # one foot: not a neuropathy
])
def test_new_mimics_stay_out_of_other_patterns(data, regions, side, mimic):
    assert mimic not in [m.id for m in where(data, regions, side).mimics]


def test_buttock_lists_piriformis(data):
    assert "piriformis" in [m.id for m in where(data, ["buttock", "posterior_thigh"], "left").mimics]


def test_both_sides(data):
    result = where(data, ["sole", "dorsum_foot", "big_toe"], "both")
    assert result.side == "both"
    assert result.mimics[0].id == "peripheral-neuropathy"
    sides = {(c.root, c.side) for c in result.candidates}
    assert ("L5", "left") in sides and ("L5", "right") in sides
    assert any("both" in n and "neuropathy" in n for n in result.notes)
    one = where(data, ["sole", "dorsum_foot"], "left")
    assert "peripheral-neuropathy" not in [m.id for m in one.mimics]


def test_no_single_root_is_said(data):
    result = where(data, ["anterior_thigh", "heel"], "left")
    assert all(c.score < 1 for c in result.candidates)
    assert any("No single nerve root" in n for n in result.notes)
    whole = where(data, ["heel", "sole"], "left")
    assert not any("No single nerve root" in n for n in whole.notes)


def test_back_pain_changes_mimic_weight(data):
    none = where(data, ["dorsum_foot"], "left")
    yes = where(data, ["dorsum_foot"], "left", back_pain=True)
    no = where(data, ["dorsum_foot"], "left", back_pain=False)
    fib = {r: next(m for m in r.mimics if m.id == "fibular-head").score for r in (none, yes, no)}
    assert fib[yes] < fib[none] == fib[no]
    assert any("without back pain" in n for n in no.notes)
    assert any("Back pain" in n for n in yes.notes)


@pytest.mark.parametrize("bad", [["big_toe", "little_finger"], ["knee"], []])
def test_unknown_region_refused(data, bad):
    with pytest.raises(NotApplicable) as info:
        where(data, bad, "left")
    assert "big_toe" in info.value.reason  # lists the valid ids
    if bad:
        assert bad[-1] in info.value.reason


def test_bad_side_refused(data):
    with pytest.raises(NotApplicable):
        where(data, ["heel"], "up")


@pytest.mark.parametrize("regions, side", [
    (["big_toe"], "left"), (["heel", "lateral_foot", "sole"], "both"),
    (["anterior_thigh", "heel", "saddle"], "right"), (list(DATA.regions), "left"),
])
def test_scores_descending_in_unit_interval(data, regions, side):
    result = where(data, regions, side)
    scores = [c.score for c in result.candidates]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)
    assert all(0 < m.score <= 1 for m in result.mimics)


def test_string_input_and_duplicates(data):
    result = where(data, "big_toe,dorsum_foot,big_toe", "left")
    assert result.regions == ("big_toe", "dorsum_foot")


def test_json_shape(data):
    out = where(data, ["big_toe", "dorsum_foot"], "left").to_json()
    assert {"regions", "candidates", "mimics"} <= set(out)
    assert out["regions"] == ["big_toe", "dorsum_foot"]
    cand = out["candidates"][0]
    assert {"root", "side", "score", "levels"} <= set(cand)
    assert cand["root"] == "L5" and cand["side"] == "left" and isinstance(cand["score"], float)
    assert cand["levels"][0] == {"level": "L4-L5", "zone": "paracentral",
                                 "condition": "disc-herniation"}
    assert cand["fit"] == "Fits all the places you marked."
    assert out["marks"] == [{"region": "big_toe", "side": "left", "feel": "pain"},
                            {"region": "dorsum_foot", "side": "left", "feel": "pain"}]
    assert out["red_flags"] == []
    assert all({"id", "name"} <= set(m) for m in out["mimics"])
    assert {"id": "fibular-head", "name": DATA.mimics["fibular-head"].name} == {
        k: v for k, v in out["mimics"][0].items() if k in ("id", "name")}
    json.dumps(out)


# ---------------------------------------------------------------- issue 6: feel, sides, flags, fit

def test_done_means_pattern_l5_first_with_an_honest_fit(data):
    """Numbness on top of the left foot and big toe, pain in the left buttock: L5 first."""
    result = where(data, ["dorsum_foot:numbness", "big_toe:numbness", "buttock:pain"], "left")
    best = first(result)
    assert (best.root, best.side) == ("L5", "left")
    assert best.fit == "Fits all the places you marked."
    assert "100" not in best.fit and "%" not in best.fit
    s1 = next(c for c in result.candidates if c.root == "S1")
    assert s1.fit == "Fits 1 of the 3 places you marked."
    assert "fibular-head" in [m.id for m in result.mimics]
    assert result.red_flags == ()
    marking_saddle = where(data, ["dorsum_foot:numbness", "big_toe:numbness", "buttock", "saddle"],
                           "left")
    assert marking_saddle.red_flags[0].id == "saddle-numbness"


def test_one_sided_buttock_and_thigh_pain_is_l5_or_s1_not_sacral(data):
    result = where(data, ["buttock", "posterior_thigh"], "left")
    top = {c.root for c in result.candidates if c.score == first(result).score}
    assert top <= {"L5", "S1"} and top
    ranks = [c.root for c in result.candidates]
    assert ranks.index("S2") > 1 and ranks.index("S3") > 1
    assert first(result).levels[0][1] != "central"  # one leg: not a central sacral lesion first


def test_classic_s1_pattern_is_one_root(data):
    result = where(data, ["buttock", "posterior_thigh", "posterior_calf", "lateral_foot", "heel"],
                   "left")
    assert first(result).root == "S1" and first(result).misses == ()
    assert first(result).fit == "Fits all the places you marked."
    assert not any("No single nerve root" in n for n in result.notes)


def test_pain_follows_the_course_numbness_the_skin_map(data):
    # front of the thigh: pain runs there from L2-L4; numbness there is L2's skin
    assert first(where(data, ["anterior_thigh:numbness"], "left")).root == "L2"
    pain = {c.root for c in where(data, ["anterior_thigh:pain"], "left").candidates}
    assert {"L2", "L3", "L4"} <= pain
    # buttock numbness is skin (S3 first); buttock pain is the L5/S1 course
    assert first(where(data, ["buttock:numbness"], "left")).root == "S3"
    assert first(where(data, ["buttock:pain"], "left")).root in ("L5", "S1")
    assert first(where(data, ["buttock:tingling"], "left")).root == "S3"


def test_numbness_at_a_key_point_counts_double(data):
    # heel (S1 key point) and big toe (L5): with pain both fit one place each
    pain = {c.root: c.score for c in where(data, ["heel", "big_toe"], "left").candidates}
    numb = {c.root: c.score for c in where(data, ["heel:numbness", "big_toe"], "left").candidates}
    assert numb["S1"] > pain["S1"]
    assert numb["S1"] > numb["L5"]


def test_strength_checks_weigh_the_myotomes(data):
    plain = where(data, ["sole", "big_toe"], "left")
    assert first(plain).root == "L5"
    tiptoe = where(data, ["sole", "big_toe"], "left", weak=["tiptoe"])
    assert first(tiptoe).root == "S1"  # plantar flexion: S1
    assert tiptoe.weak == ("tiptoe",)
    assert any("You said: walking on tiptoe is hard" in n for n in tiptoe.notes)
    knee = {c.root: c.score for c in where(data, ["medial_knee"], "left", weak=["knee"]).candidates}
    heel = {c.root: c.score for c in where(data, ["medial_knee"], "left",
                                           weak=["heel-walk"]).candidates}
    assert knee["L3"] > heel["L3"]  # knee extension: L3/L4; heel-walking: L4/L5
    assert heel["L4"] > heel["L3"]


def test_unknown_strength_check_or_answer_is_refused(data):
    with pytest.raises(NotApplicable) as info:
        where(data, ["heel"], "left", weak=["handstand"])
    assert "heel-walk" in info.value.reason
    with pytest.raises(NotApplicable) as info:
        where(data, ["heel"], "left", answers=["both-legs"])  # raised by marks, not asked
    assert "bladder-bowel" in info.value.reason


def test_each_mark_has_its_own_side(data):
    result = where(data, ["heel:left", "big_toe:right"])
    assert result.side == "both"
    best = {(c.root, c.side) for c in result.candidates[:2]}
    assert best == {("S1", "left"), ("L5", "right")}
    assert ("S1", "right") not in {(c.root, c.side) for c in result.candidates}
    assert [(m.region, m.side) for m in result.marks] == [("heel", "left"), ("big_toe", "right")]
    mimics = {m.id: m.side for m in result.mimics}
    assert mimics["plantar-fasciitis"] == "left" and mimics["fibular-head"] == "right"


def test_marks_on_both_legs_rank_central_lesions_first(data):
    result = where(data, ["dorsum_foot", "big_toe"], "both")
    for cand in result.candidates[:2]:
        assert cand.root == "L5"
        assert cand.levels[0][1] == "central"
        assert cand.condition_hint[2] == "central"
    assert {c.lesions[0][0] for c in result.candidates[:2]} <= {"disc-herniation", "spinal-stenosis"}
    one = where(data, ["dorsum_foot", "big_toe"], "left")
    assert first(one).levels[0] == ("L4-L5", "paracentral")


def test_both_legs_raise_the_emergency_flag(data):
    flags = where(data, ["heel:left", "heel:right"]).red_flags
    assert [(f.id, f.urgency, f.reason) for f in flags] == [("both-legs", "emergency", "both legs")]
    assert not where(data, ["heel"], "left").red_flags


def test_answers_raise_their_flags_most_urgent_first(data):
    result = where(data, ["heel"], "left",
                   answers=["infection-cancer-fracture", "bladder-bowel"])
    assert [f.id for f in result.red_flags] == ["bladder-bowel", "infection-cancer-fracture"]
    assert [f.urgency for f in result.red_flags] == ["emergency", "urgent"]
    assert {f.reason for f in result.red_flags} == {"answered"}
    assert "NICE NG59" in result.source_ids


def test_mimics_judged_per_side_and_by_fit(data):
    # one-sided calf pain on walking keeps vascular claudication
    assert "vascular-claudication" in [m.id for m in where(data, ["posterior_calf"], "left").mimics]
    # toes do not rule out tarsal tunnel or Morton's neuroma; they lower the fit
    toes = where(data, ["sole", "big_toe", "little_toe"], "left")
    ids = [m.id for m in toes.mimics]
    assert "tarsal-tunnel" in ids and "mortons-neuroma" in ids
    tts = next(m for m in toes.mimics if m.id == "tarsal-tunnel")
    assert tts.fit == "Fits 1 of the 3 places you marked."
    alone = next(m for m in where(data, ["sole"], "left").mimics if m.id == "tarsal-tunnel")
    assert tts.score < alone.score
    # a look-alike on the other leg is judged with that leg's marks only
    split = where(data, ["sole:left", "dorsum_foot:right"])
    by_id = {m.id: m for m in split.mimics}
    assert by_id["tarsal-tunnel"].side == "left" and by_id["tarsal-tunnel"].score == 1.0


def test_inner_knee_has_a_look_alike(data):
    result = where(data, ["medial_knee"], "left")
    assert result.mimics[0].id == "knee-oa"
    assert "StatPearls-PesAnserine" in result.source_ids


def test_evidence_statement_is_given_with_its_sources(data):
    result = where(data, ["heel"], "left")
    assert "half to four fifths" in result.evidence
    assert "L5 from an S1" in result.evidence
    assert "Numbness and pins and needles follow the maps better" in result.evidence
    assert {"Albert 2019", "Murphy 2009"} <= set(result.source_ids)
    assert "PMC6778979" in data.sources["Albert 2019"]
    assert "Chiropr Osteopat 2009;17:9" in data.sources["Murphy 2009"]


@pytest.mark.parametrize("token, marks", [
    ("big_toe", [("big_toe", "left", "pain")]),
    ("big_toe:right", [("big_toe", "right", "pain")]),
    ("big_toe:numbness", [("big_toe", "left", "numbness")]),
    ("big_toe:right:tingling", [("big_toe", "right", "tingling")]),
    ("big_toe:tingling:right", [("big_toe", "right", "tingling")]),
    ("big_toe:both", [("big_toe", "left", "pain"), ("big_toe", "right", "pain")]),
    ("Big_Toe:LEFT", [("big_toe", "left", "pain")]),
])
def test_mark_tokens(data, token, marks):
    parsed = parse_marks(data, [token], "left")
    assert [(m.region, m.side, m.feel) for m in parsed] == marks


@pytest.mark.parametrize("token, words", [
    ("big_toe:sideways", "'sideways'"), ("big_toe:left:right", "'right'"),
    ("big_toe:numbness:pain", "'pain'"), ("toe:left", "Unknown region 'toe'"),
])
def test_bad_mark_tokens_are_refused_in_one_sentence(data, token, words):
    with pytest.raises(NotApplicable) as info:
        parse_marks(data, [token])
    assert words in info.value.reason


def test_mark_tokens_round_trip(data):
    marks = parse_marks(data, ["heel:left", "big_toe:right:numbness"])
    assert [m.token() for m in marks] == ["heel:left", "big_toe:right:numbness"]
    assert parse_marks(data, [m.token() for m in marks]) == marks


def test_the_caption_says_which_marks_the_shown_root_explains(data):
    """Under the picture, in words (not by colour alone): what the red root explains
    and what it leaves unexplained, each named with its look in the picture."""
    from dashapp.page import texts
    result = where(data, ["big_toe:left", "dorsum_foot:left", "heel:left"], "left")
    text = texts.reverse_summary(result, data)
    best = first(result)
    assert best.root == "L5"
    assert "L5 (left) explains the big toe and the top of foot: red with a blue edge." in text
    assert "It does not explain the heel: blue crosses." in text
    # all explained: no 'does not'; two best (one per leg): each named
    both = texts.reverse_summary(where(data, ["heel:left", "heel:right"], "left"), data)
    assert "S1 (left) explains the heel" in both and "S1 (right) explains the heel" in both
    assert "does not" not in both
