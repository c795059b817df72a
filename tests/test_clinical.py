"""Forward engine: condition/level/side/zone -> roots, regions, signs, red flags (clinical_reference.md)."""
from __future__ import annotations

import itertools

import pytest

from dashapp.clinical import (
    LEVELS,
    SIDES,
    URGENCY_ORDER,
    URGENCY_WORDS,
    Explanation,
    NotApplicable,
    all_states,
    defaults,
    explain,
)
from dashapp.datafiles.clinical_schema import read_clinical


@pytest.fixture(scope="module")
def data():
    return read_clinical()


DATA = read_clinical()
CONDITIONS = list(DATA.conditions)
ALL_ZONES = list(DATA.zones)


def roots_of(expl: Explanation, role: str | None = None, side: str | None = None) -> set[str]:
    return {h.root for h in expl.roots if (role is None or h.role == role)
            and (side is None or h.side == side)}


def regions_of(expl: Explanation, side: str) -> set[str]:
    return {h.region for h in expl.regions if h.side == side}


# ------------------------------------------------------------ every combination

@pytest.mark.parametrize(
    "condition, level, side, zone",
    list(itertools.product(CONDITIONS, (None,) + LEVELS, SIDES, (None,) + tuple(ALL_ZONES))))
def test_every_combination_explains_or_refuses(data, condition, level, side, zone):
    try:
        expl = explain(data, condition, level, side, zone)
    except NotApplicable as refusal:
        assert refusal.reason and refusal.reason.endswith(".")
        assert "\n" not in refusal.reason
        return
    assert expl.condition == condition
    assert expl.roots, "an explanation names at least one root"
    assert expl.regions
    assert expl.red_flags
    assert all(h.role in ("primary", "possible") for h in expl.roots)
    assert any(h.role == "primary" for h in expl.roots)
    assert all(h.role in ("primary", "secondary") for h in expl.regions)
    assert {h.side for h in expl.roots} <= {"left", "right"}
    if expl.side == "both":
        assert {h.side for h in expl.roots} == {"left", "right"}
    else:
        assert {h.side for h in expl.roots} == {expl.side}
    for key in ("what", "where", "signs", "urgent"):
        assert expl.plain[key]
    for key in ("lesion", "roots", "key_points", "pattern"):
        assert expl.clinical[key]
    assert expl.sources and all(s in data.sources.values() for s in expl.sources)


def test_all_states_are_exactly_the_explainable_ones(data):
    states = all_states(data)
    assert len(states) == len(set(states))
    for state in states:
        explain(data, *state)
    # every condition appears, and the defaults are among the states
    for cid in data.conditions:
        d = defaults(data, cid)
        assert (cid, d["level"], d["side"], d["zone"]) in states
    assert ("disc-herniation", "L5-S1", "left", "paracentral") in states
    assert ("disc-herniation", "L5-S1", "both", "paracentral") not in states
    assert ("sciatica", None, "left", None) in states
    assert not any(s[0] == "sciatica" and s[1] for s in states)


def test_defaults_follow_the_reference(data):
    assert defaults(data, "disc-herniation") == {"level": "L4-L5", "side": "left",
                                                  "zone": "paracentral"}
    assert defaults(data, "spondylolisthesis")["level"] == "L4-L5"
    stenosis = defaults(data, "spinal-stenosis")
    assert stenosis["level"] == "L4-L5" and stenosis["zone"] in ("central", "lateral-recess")
    assert defaults(data, "sciatica") == {"level": None, "side": "left", "zone": None}
    assert data.conditions["spinal-stenosis"].defaults_reason  # the choice is justified in data
    with pytest.raises(NotApplicable):
        defaults(data, "gout")


# ------------------------------------------------------------ lesion -> root rules (section 2)

@pytest.mark.parametrize("condition, level, zone, root", [
    ("disc-herniation", "L5-S1", "paracentral", "S1"),
    ("disc-herniation", "L4-L5", "paracentral", "L5"),
    ("disc-herniation", "L3-L4", "paracentral", "L4"),
    ("disc-herniation", "L4-L5", "foraminal", "L4"),
    ("disc-herniation", "L5-S1", "foraminal", "L5"),
    ("disc-herniation", "L5-S1", "extraforaminal", "L5"),
    ("disc-herniation", "L4-L5", "extraforaminal", "L4"),
    ("degenerative-disc", "L4-L5", None, "L4"),
    ("degenerative-disc", "L5-S1", None, "L5"),
    ("spinal-stenosis", "L4-L5", "lateral-recess", "L5"),
    ("spinal-stenosis", "L5-S1", "foraminal", "L5"),
    ("facet-arthritis", "L4-L5", "lateral-recess", "L5"),
    ("facet-arthritis", "L4-L5", "foraminal", "L4"),
])
def test_single_root_rules(data, condition, level, zone, root):
    expl = explain(data, condition, level, "left", zone)
    assert roots_of(expl) == {root}
    assert roots_of(expl, "primary", "left") == {root}
    assert expl.side == "left"


def test_l5_s1_paracentral_left(data):
    expl = explain(data, "disc-herniation", "L5-S1", "left", "paracentral")
    assert [(h.root, h.side, h.role) for h in expl.roots] == [("S1", "left", "primary")]
    assert {"heel", "lateral_foot", "sole", "little_toe", "posterior_calf"} <= regions_of(expl, "left")
    assert regions_of(expl, "right") == set()
    roles = {h.region: h.role for h in expl.regions}
    assert roles["heel"] == "primary"
    assert roles["posterior_thigh"] == "secondary"  # S2 is listed first there
    assert any("Achilles" in r for r in expl.reflexes)
    assert any("plantar flexors" in w for w in expl.weakness)
    assert expl.lesion.kind == "bulge" and expl.lesion.level == "L5-S1"
    assert expl.lesion.sides == ("left",)


def test_zone_defaults_to_paracentral(data):
    assert roots_of(explain(data, "disc-herniation", "L4-L5", "right")) == {"L5"}


def test_region_roles_follow_region_ranking(data):
    expl = explain(data, "disc-herniation", "L4-L5", "left", "paracentral")  # L5
    roles = {h.region: h.role for h in expl.regions}
    for rid, region in data.regions.items():
        if "L5" not in region.roots:
            assert rid not in roles
        elif region.roots[0] == "L5":
            assert roles[rid] == "primary"
        else:
            assert roles[rid] == "secondary"
    assert roles["big_toe"] == "primary" and roles["sole"] == "secondary"


def test_central_herniation_both_sides_and_cauda_equina(data):
    expl = explain(data, "disc-herniation", "L4-L5", "both", "central")
    assert roots_of(expl, "primary", "left") == {"L5"}
    assert roots_of(expl, "primary", "right") == {"L5"}
    # every root below the traversing one, as for central stenosis (review item 1)
    assert roots_of(expl, "possible") == {"S1", "S2", "S3"}
    assert "listed" not in expl.clinical["lesion"]
    assert expl.lesion.kind == "central-bulge"
    assert "cauda equina" in expl.notes[0]
    assert "saddle" in regions_of(expl, "left")
    flags = [f for f in data.red_flags]
    ce_count = sum(f.cauda_equina for f in flags)
    assert all(flag in {f.plain for f in flags if f.cauda_equina} for flag in expl.red_flags[:ce_count])


@pytest.mark.parametrize("condition, zone", [("disc-herniation", "central"),
                                              ("spinal-stenosis", "central")])
@pytest.mark.parametrize("side", ["left", "right"])
def test_central_with_one_side_is_shown_on_both(data, condition, zone, side):
    expl = explain(data, condition, "L4-L5", side, zone)
    assert expl.side == "both"
    assert expl.lesion.sides == ("left", "right")
    assert any("both" in n and side in n for n in expl.notes)
    assert "cauda equina" in expl.notes[0]


@pytest.mark.parametrize("level, primary, possible", [
    ("L1-L2", "L2", {"L3", "L4", "L5", "S1", "S2", "S3"}),
    ("L3-L4", "L4", {"L5", "S1", "S2", "S3"}),
    ("L5-S1", "S1", {"S2", "S3"}),
])
def test_central_herniation_skips_no_root(data, level, primary, possible):
    expl = explain(data, "disc-herniation", level, "both", "central")
    assert roots_of(expl, "primary") == {primary}
    assert roots_of(expl, "possible") == possible


def test_central_herniation_l1_l2_conus(data):
    assert any("conus medullaris" in n for n in explain(data, "disc-herniation", "L1-L2", "both",
                                                        "central").notes)
    assert not any("conus" in n for n in explain(data, "disc-herniation", "L4-L5", "both",
                                                 "central").notes)


def test_central_stenosis_roots_at_and_below(data):
    expl = explain(data, "spinal-stenosis", "L3-L4", "both", "central")
    assert roots_of(expl, "primary") == {"L4"}
    assert roots_of(expl, "possible") == {"L5", "S1", "S2", "S3"}
    assert expl.lesion.kind == "canal-narrowing"
    assert any("walk" in n for n in expl.notes)  # neurogenic claudication
    assert not any("first one affected" in n for n in expl.notes)  # unsourced claim gone
    # walking-related pain is said for central stenosis (a note), not for every zone
    for zone in ("central", "lateral-recess", "foraminal"):
        assert "walk" not in explain(data, "spinal-stenosis", "L4-L5", "left", zone).plain["what"]
    assert not any("walk" in n
                   for n in explain(data, "spinal-stenosis", "L4-L5", "left", "foraminal").notes)


def test_spondylolisthesis_l4_l5(data):
    expl = explain(data, "spondylolisthesis", "L4-L5", "left")
    assert roots_of(expl, "primary") == {"L5"}
    assert roots_of(expl, "possible") == {"L4"}
    assert expl.lesion.kind == "slip" and expl.lesion.level == "L4-L5"
    both = explain(data, "spondylolisthesis", "L4-L5", "both")  # often both legs
    assert roots_of(both, "primary", "right") == {"L5"}


def test_spondylolisthesis_generalises_and_refuses_rare_levels(data):
    expl = explain(data, "spondylolisthesis", "L5-S1", "right")
    assert roots_of(expl, "primary") == {"S1"} and roots_of(expl, "possible") == {"L5"}
    note = next(n for n in expl.notes if "isthmic" in n)
    assert "L5 root" in note and "not pinch the S1 root" in note  # says it contradicts the highlight
    for level in ("L1-L2", "L2-L3"):
        with pytest.raises(NotApplicable, match="rare"):
            explain(data, "spondylolisthesis", level, "left")


def test_sciatica(data):
    expl = explain(data, "sciatica", None, "left")
    assert roots_of(expl) == {"L4", "L5", "S1", "S2", "S3"}
    assert expl.level is None and expl.zone is None
    assert expl.lesion.kind == "sciatic" and expl.lesion.level is None
    regions = regions_of(expl, "left")
    assert {"buttock", "dorsum_foot", "sole", "heel", "lateral_leg"} <= regions
    assert not {"medial_leg", "medial_ankle", "anterior_thigh", "saddle"} & regions  # saphenous etc.
    assert "no back pain" in expl.plain["what"].lower()
    assert any("patellar" in r and "normal" in r for r in expl.reflexes)
    assert "usually normal" in expl.reflexes[0]
    # the spine is not said to be 'fine'; most sciatica comes from a root (review item 3)
    assert "are fine" not in expl.plain["what"]
    assert expl.plain["what"].startswith("Here the nerve roots in the spine are not the problem")
    assert any("Most often it comes from a pinched nerve root" in n and "disc herniation" in n
               for n in expl.notes)
    # the overlap note speaks of 'one pinched root': not for sciatica (review item 10)
    assert not any("one pinched root" in n for n in expl.notes)
    assert expl.clinical["lesion"].endswith("no root level; left.")


# ------------------------------------------------------------ refusals

@pytest.mark.parametrize("args, words", [
    (("degenerative-disc", "L4-L5", "left", "central"), "no zone"),
    (("sciatica", "L4-L5", "left", None), "no spinal level"),
    (("disc-herniation", "L4-L5", "left", "lateral-recess"), "does not apply"),
    (("disc-herniation", "L4-L5", "both", "paracentral"), "Choose left or right. Or choose the central zone"),
    (("disc-herniation", "L4-L5", "both", "foraminal"), "Choose left or right"),
    (("disc-herniation", "L5-S1", "both", "extraforaminal"), "Choose left or right"),
    (("disc-herniation", None, "left", "paracentral"), "Choose a level"),
    (("disc-herniation", "L6-S1", "left", None), "Unknown level"),
    (("disc-herniation", "L4-L5", "middle", None), "Unknown side"),
    (("disc-herniation", "L4-L5", "left", "sideways"), "Unknown zone"),
    (("gout", "L4-L5", "left", None), "Unknown condition"),
    (("facet-arthritis", "L4-L5", "left", "central"), "does not apply"),
    (("sciatica", None, "both", None), "left or right"),
])
def test_refusals(data, args, words):
    with pytest.raises(NotApplicable) as info:
        explain(data, *args)
    assert isinstance(info.value, ValueError)
    assert words in info.value.reason


def test_level_spelling_is_forgiving(data):
    assert explain(data, "disc-herniation", "l4/l5", "left").level == "L4-L5"


# ------------------------------------------------------------ signs, red flags, sources

def test_weakness_and_reflexes_come_from_roots_csv(data):
    for condition, level, zone, root in [("disc-herniation", "L5-S1", "paracentral", "S1"),
                                         ("disc-herniation", "L3-L4", "paracentral", "L4"),
                                         ("disc-herniation", "L4-L5", "paracentral", "L5")]:
        expl = explain(data, condition, level, "left", zone)
        info = data.roots[root]
        assert any(info.key_muscle in w for w in expl.weakness)
        if info.reflex:
            assert any(info.reflex in r for r in expl.reflexes)
        assert info.key_point in expl.clinical["key_points"]
    s1 = explain(data, "disc-herniation", "L5-S1", "left", "paracentral")
    assert "Achilles" in " ".join(s1.reflexes)
    l4 = explain(data, "disc-herniation", "L3-L4", "left", "paracentral")
    assert "patellar" in " ".join(l4.reflexes) and "knee jerk" in " ".join(l4.reflexes)
    l5 = explain(data, "disc-herniation", "L4-L5", "left", "paracentral")
    assert "extensor hallucis longus" in " ".join(l5.weakness)
    assert "foot drop" in l5.plain["signs"]


def test_red_flags_in_every_explanation(data):
    every = {f.plain for f in data.red_flags}
    for state in all_states(data):
        expl = explain(data, *state)
        assert set(expl.red_flags) == every
        assert expl.plain["urgent"]
    assert any("saddle" in f.plain for f in data.red_flags)
    assert any("urine" in f.plain for f in data.red_flags)


def test_every_source_id_resolves(data):
    import csv
    from pathlib import Path

    from dashapp.datafiles.locations import data_dir
    used = set()
    for path in Path(data_dir()).glob("*.csv"):
        lines = [l for l in path.read_text(encoding="utf-8").splitlines()
                 if l.strip() and not l.startswith("#")]
        for row in csv.DictReader(lines):
            for column in ("sources", "maps"):
                if row.get(column):
                    used |= {s.strip() for s in row[column].split(";") if s.strip()}
    assert used, "the data cite sources"
    assert used <= set(data.sources), used - set(data.sources)
    for short in ("ISNCSCI", "StatPearls-LDH", "StatPearls-DS", "StatPearls-LSS", "StatPearls-CES",
                  "StatPearls-Derm", "StatPearls-Piriformis", "Fardon 2014", "Keegan-Garrett 1948",
                  "Foerster 1933", "Gray's", "Zhang 2017"):
        assert short in data.sources and len(data.sources[short]) > len(short)
    expl = explain(data, "disc-herniation", "L5-S1", "left", "paracentral")
    assert expl.source_ids and all(data.sources[s] in expl.sources for s in expl.source_ids)
    assert data.sources["StatPearls-LDH"] in expl.sources


def test_map_disagreement_and_overlap_notes(data):
    expl = explain(data, "disc-herniation", "L4-L5", "left", "paracentral")  # big toe lit
    # map disagreements are for clinicians (review item 12)
    assert "Keegan" in expl.clinical["pattern"] and "Foerster" in expl.clinical["pattern"]
    assert not any("Keegan" in n or "Foerster" in n for n in expl.notes)
    # the overlap sentence comes once, from condition_notes.csv, not from code (review item 10)
    assert sum("only part" in n for n in expl.notes) == 1
    assert "only part" not in expl.plain["where"]
    assert "Keegan" in explain(data, "spinal-stenosis", "L4-L5", "both", "central").clinical["pattern"]


def test_red_flag_both_legs_is_new_or_worsening(data):
    flag = next(f for f in data.red_flags if f.id == "both-legs")
    assert flag.plain.startswith("New pain, numbness or weakness in both legs")
    assert "get worse fast" in flag.plain
    assert flag.clinical.startswith("New or progressive bilateral")
    # stenosis says 'often in both legs'; the flag must not call every such case urgent
    expl = explain(data, "spinal-stenosis", "L4-L5", "both", "central")
    assert flag.plain in expl.red_flags
    assert "Pain, numbness or weakness in both legs:" not in expl.plain["urgent"]


def test_plain_grammar(data):
    """Sides read as words, plural roots for both sides, no doubled parentheses (review item 11)."""
    for state in all_states(data):
        expl = explain(data, *state)
        for key, text in expl.plain.items():
            assert ") (" not in text and "((" not in text, (state, key, text)
            assert "(left side)" not in text and "(both sides)" not in text, (state, key)
            assert "nerve root on both sides" not in text, (state, key, text)
            assert " the the " not in text, (state, key, text)
        for text in expl.notes:
            assert ") (" not in text, (state, text)
    left = explain(data, "disc-herniation", "L4-L5", "left", "paracentral")
    assert "the L5 nerve root on the left side" in left.plain["what"]
    assert "Pain often runs through the buttock and the back of the thigh on the left side." in left.plain["where"]
    # the top of the foot, the big toe and the web space between them: one run (issue 12)
    assert "the outer shin, the top of the foot and the big toe." in left.plain["where"]
    both = explain(data, "spinal-stenosis", "L4-L5", "both", "central")
    assert "the L5 nerve roots on both sides" in both.plain["what"]
    assert "The S1, S2 and S3 nerve roots may also be affected." in both.plain["what"]
    # the level comes first, so the anatomy does not read 'L4 leaves at L3-L4' (review item 4)
    recess = explain(data, "spinal-stenosis", "L3-L4", "right", "lateral-recess")
    assert recess.plain["what"].startswith("Stenosis means narrowing. This is at the level between "
                                           "the 3rd and 4th vertebrae")
    assert recess.plain["what"].endswith("the L4 nerve root on the right side.")
    facet = explain(data, "facet-arthritis", "L4-L5", "left", "foraminal")
    assert facet.plain["what"].startswith("This is at the level between the 4th and 5th vertebrae")


def test_notes_for_wear_conditions(data):
    for condition in ("facet-arthritis", "degenerative-disc"):
        expl = explain(data, condition, "L4-L5", "left", data.conditions[condition].default_zone)
        assert any("spread to the buttock or thigh without a pinched nerve" in n
                   for n in expl.notes)
    assert not any("spread to the buttock" in n
                   for n in explain(data, "disc-herniation", "L4-L5", "left").notes)


def test_weakness_primary_first_and_key_muscle_caveat(data):
    expl = explain(data, "spondylolisthesis", "L4-L5", "left")
    assert expl.weakness[0].startswith("L5:") and expl.weakness[1].startswith("L4 (possible)")
    assert [h.root for h in expl.roots] == ["L5", "L4"]
    central = explain(data, "disc-herniation", "L4-L5", "both", "central")
    s2 = next(w for w in central.weakness if w.startswith("S2"))
    assert "no ISNCSCI key muscle; clinically:" in s2
    assert "no ISNCSCI key muscle" not in data.roots["S1"].key_muscle


def test_plain_text_is_plain(data):
    jargon = ("radiculopathy", "dermatome", "myotome", "traversing", "foramen ", "ISNCSCI",
              "paracentral", "plantar flexors")
    for state in all_states(data):
        expl = explain(data, *state)
        for key, text in expl.plain.items():
            for word in jargon:
                assert word not in text, (state, key, word)


def test_json_shape(data):
    out = explain(data, "disc-herniation", "L5-S1", "left", "paracentral").to_json()
    fixed = {"condition", "level", "side", "zone", "roots", "regions", "weakness", "reflexes",
             "red_flags", "sources"}
    assert fixed <= set(out)
    assert out["condition"] == "disc-herniation" and out["level"] == "L5-S1"
    assert out["side"] == "left" and out["zone"] == "paracentral"
    assert out["roots"] == [{"root": "S1", "side": "left", "role": "primary"}]
    assert {"root", "side"} <= set(out["roots"][0])
    assert all({"region", "side"} <= set(r) for r in out["regions"])
    assert {"region": "heel", "side": "left", "role": "primary"} in out["regions"]
    for key in ("weakness", "reflexes", "red_flags", "sources"):
        assert isinstance(out[key], list) and all(isinstance(x, str) for x in out[key])
    import json
    json.dumps(out)
    sciatica = explain(data, "sciatica").to_json()
    assert sciatica["level"] is None and sciatica["zone"] is None


# ---------------------------------------------------------------- issue 6: clinical corrections

def _all_data_texts(data):
    texts = [n.text for n in data.condition_notes] + [t for t, _ in data.messages.values()]
    texts += [c.mechanism_plain for c in data.conditions.values()]
    texts += [f.plain for f in data.red_flags] + [m.differs_plain for m in data.mimics.values()]
    return texts


def test_one_urgency_wording_for_one_symptom_everywhere(data):
    from dashapp.page.layout import FOOTER

    for text in _all_data_texts(data) + [FOOTER]:
        lowered = text.lower()
        assert "urgent medical advice" not in lowered, text  # the old second wording
        assert "seek emergency care" not in lowered, text
        if "emergency care" in lowered:
            assert "go to emergency care the same day" in lowered, text
    for flag in data.red_flags:  # the loader checks this too; the symptoms stay emergencies
        assert URGENCY_WORDS[flag.urgency] in flag.plain.lower()
    urgency = {f.id: f.urgency for f in data.red_flags}
    assert urgency["both-legs"] == urgency["worsening-weakness"] == urgency["saddle-numbness"] \
        == "emergency"


def test_red_flags_most_urgent_first_in_every_explanation(data):
    order = {f.plain: URGENCY_ORDER.index(f.urgency) for f in data.red_flags}
    for state in all_states(data):
        ranks = [order[text] for text in explain(data, *state).red_flags]
        assert ranks == sorted(ranks), state


def test_infection_cancer_fracture_flag_lists_the_risk_factors_with_its_own_source(data):
    flag = next(f for f in data.red_flags if f.id == "infection-cancer-fracture")
    text = flag.plain.lower()
    for words in ("fever", "past cancer", "weight loss you cannot explain", "pain at night",
                  "at rest", "injecting drugs", "weak immune system", "steroid", "bones are thin",
                  "fall", "after age 50"):
        assert words in text, words
    assert flag.urgency == "urgent"
    assert set(flag.sources) == {"NICE NG59", "Chou 2007"}
    assert "StatPearls-CES" not in flag.sources


def test_saddle_is_never_listed_neutrally(data):
    saddle = next(f for f in data.red_flags if f.id == "saddle-numbness")
    for state in all_states(data):
        expl = explain(data, *state)
        where_text = expl.plain["where"]
        assert "area between the legs and the inner buttocks" not in where_text, state
        # named as the emergency sign, in the red 'get help now' part at the top
        assert (saddle.plain in expl.urgent_now) == any(h.region == "saddle"
                                                        for h in expl.regions), state
        assert saddle.plain not in where_text, state


def test_forward_text_separates_pain_course_from_numbness_area(data):
    l5 = explain(data, "disc-herniation", "L4-L5", "left", "paracentral").plain["where"]
    pain, numb = l5.split("Numbness or pins and needles are felt more in")
    assert "buttock" in pain and "back of the thigh" in pain
    assert "top of the foot" in numb and "outer shin" in numb
    assert "buttock" not in numb and "thigh" not in numb
    l4 = explain(data, "disc-herniation", "L3-L4", "left", "paracentral").plain["where"]
    assert l4.startswith("Pain often runs through the front of the thigh")


def test_bulging_disc_is_not_a_herniation(data):
    cond = data.conditions["disc-herniation"]
    assert not any("bulg" in alias for alias in cond.aliases)
    expl = explain(data, "disc-herniation", "L4-L5", "left", "paracentral")
    bulge = [n for n in expl.notes if "bulge is not a herniation" in n]
    assert bulge and "Fardon 2014" in expl.source_ids


def test_far_lateral_note_names_the_chosen_level(data):
    for zone in ("foraminal", "extraforaminal"):
        notes = explain(data, "disc-herniation", "L5-S1", "left", zone).notes
        note = next(n for n in notes if "side opening where the nerve leaves" in n)
        assert "(L5 at L5-S1)" in note and "L4 at L4-L5" not in note
    notes = explain(data, "disc-herniation", "L3-L4", "right", "foraminal").notes
    assert any("(L3 at L3-L4)" in n for n in notes)


def test_conus_note_also_for_central_stenosis_at_l1_l2(data):
    for condition in ("disc-herniation", "spinal-stenosis"):
        notes = explain(data, condition, "L1-L2", "both", "central").notes
        assert any("conus medullaris" in n for n in notes), condition
    assert not any("conus" in n for n in explain(data, "spinal-stenosis", "L2-L3", "both",
                                                  "central").notes)


def test_small_anatomy_fixes(data):
    sciatic = data.nerves["sciatic"].clinical
    assert "superior gluteal nerve" in sciatic and "gluteal nerves are spared" not in sciatic
    s3 = data.roots["S3"]
    assert "anal sphincter (S2-S4)" in s3.key_muscle and "S2 and S4" in s3.signs_plain
    assert "1.3 : 1" in data.conditions["spondylolisthesis"].defaults_reason


def test_medial_cluneal_nerves_come_from_dorsal_rami():
    from dashapp.datafiles.anatomy_schema import NerveTrunksFile
    from dashapp.datafiles.tables import data_dir, read_frame

    rows = read_frame(data_dir() / "nerve_trunks.csv", NerveTrunksFile)
    trunk = dict(zip(rows["nerve"], rows["trunk"]))
    assert trunk["medial cluneal nerves"] == "dorsal rami"


def test_sciatica_choice_is_named_for_what_it_is(data):
    cond = data.conditions["sciatica"]
    assert cond.name.startswith("Sciatic nerve pinched outside the spine")
    notes = " ".join(explain(data, "sciatica", None, "left").notes)
    assert "Most often it comes from a pinched nerve root" in notes


@pytest.mark.parametrize("word", ["paracentral", "foraminal", "extraforaminal", "radiculopathy",
                                  "dermatome"])
def test_clinical_words_have_a_plain_gloss(data, word):
    from dashapp.page.layout import ZONE_WORDS

    assert any(word in (f.lower() for f in t.forms) for t in data.glossary.terms), word
    for zone, label in ZONE_WORDS.items():
        assert "(" in label, label  # the zone buttons carry their own gloss
