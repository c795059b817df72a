"""Broken clinical data files: each defect must raise DataError naming file, line and column."""
from __future__ import annotations

import shutil

import pytest

from dashapp.datafiles.clinical_schema import read_clinical
from dashapp.datafiles.locations import DataError, data_dir


@pytest.fixture()
def copy(tmp_path):
    """A private copy of data/ to break one thing in."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def corrupt(folder, name: str, old: str, new: str) -> int:
    """Replace the single occurrence of `old` in data file `name`; return its line number."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line


def expect(folder, name: str, line: int | None, column: str | None, words: str = "") -> DataError:
    with pytest.raises(DataError) as info:
        read_clinical(folder)
    message = str(info.value)
    where = name
    if line is not None:
        where += f", line {line}"
    if column is not None:
        where += f", column '{column}'"
    assert message.startswith(where), message
    assert words in message
    return info.value


def test_real_data_loads():
    data = read_clinical()
    assert set(data.conditions) == {"disc-herniation", "degenerative-disc", "spondylolisthesis",
                                    "spinal-stenosis", "facet-arthritis", "sciatica"}


# (file, unique old text, replacement, column, words expected in the message)
DEFECTS = [
    ("conditions.csv", "true,StatPearls-LDH;Fardon 2014", "true,StatPearls-LDH;Fardon 2041",
     "sources", "unknown source id 'Fardon 2041'"),
    ("conditions.csv", ",paracentral,true,", ",lateral-recess,true,", "default_zone",
     "one of the condition's zones"),
    ("conditions.csv", "central;paracentral;foraminal;extraforaminal", "central;paracentral;sideways",
     "zones", "unknown zone"),
    ("conditions.csv", "true,L3-L4;L4-L5;L5-S1,", "true,L3-L4;L4-L5;L5-S2,",
     "levels", "'L5-S2' is not one of"),
    ("conditions.csv", "has slid forward on the one below", "has slid {direction} on the one below",
     "mechanism_plain", "unknown placeholder {direction}"),
    # a format spec or conversion would load and then crash explain() (review item 16)
    ("conditions.csv", "on the one below (spondylolisthesis).", "on the one below {level:d}.",
     "mechanism_plain", "format spec or conversion"),
    ("conditions.csv", "Compresses {roots}.", "Compresses {roots!r}.", "clinician_note",
     "format spec or conversion"),
    ("messages.csv", "({detail})", "({detail:>20})", "text", "format spec or conversion"),
    ("conditions.csv", ",false,StatPearls-Piriformis;Gray's", ",perhaps,StatPearls-Piriformis;Gray's",
     "back_pain", "not true or false"),
    ("lesion_rules.csv", "disc-herniation,paracentral,bulge,traversing",
     "disc-herniation,paracentral,bulge,sideways", "root_rule", "'sideways' is not one of"),
    ("lesion_rules.csv", "disc-herniation,paracentral,bulge,", "disc-herniation,lateral-recess,bulge,",
     "zone", "not one of disc-herniation's zones"),
    ("lesion_rules.csv", "listed,L4;L5;S1;S2;S3,primary", "listed,,primary", "roots",
     "needs the roots"),
    ("lesion_rules.csv", "listed,L4;L5;S1;S2;S3,primary", "listed,L4;L5;S1;S2;S9,primary", "roots",
     "unknown root 'S9'"),
    ("lesion_rules.csv", "central,central-bulge,below-traversing,,", "central,central-bulge,below-traversing,S2,",
     "roots", "takes no roots"),
    ("lesion_rules.csv", "traversing,,primary,one,A paracentral herniation presses on one side only. "
     "Choose left or right. Or choose the central zone for both sides.", "traversing,,primary,one,",
     "side_refusal", "side_rule 'one'"),
    ("lesion_rules.csv", "spondylolisthesis,,slip,exiting", "spondylolisthesis,,spur,exiting",
     "lesion_kind", "differs from line"),
    ("regions.csv", "medial_leg,Inner shin,inner shin,L4;L3",
     "medial_leg,Inner shin,inner shin,L4;L9", "roots", "unknown root 'L9'"),
    ("regions.csv", "S1,sural,false,StatPearls-Derm;Gray's", "S1,sural,nope,StatPearls-Derm;Gray's",
     "red_flag", "true or false"),
    ("roots.csv", "Achilles (ankle jerk),", "Achilles (ankle jerk),\"\",", None, "fields"),
    ("levels.csv", "L4-L5,L4,L5,L4,L5", "L4-L5,L4,L5,L5,L4", "traversing_root", "below the exiting"),
    ("levels.csv", "L2-L3,L2,L3,L2,L3", "L2-L3,L2,L3,L2,L9", "traversing_root", "unknown root"),
    # duplicated facts are cross-checked (review item 17)
    ("levels.csv", "L3-L4,L3,L4,L3,L4", "L3-L4,L2,L4,L3,L4", "upper", "must spell the level"),
    ("levels.csv", "L3-L4,L3,L4,L3,L4", "L3-L4,L3,L4,L2,L4", "exiting_root", "own vertebra"),
    ("levels.csv", "L3-L4,L3,L4,L3,L4", "L3-L4,L3,L4,L3,L5", "traversing_root",
     "traversing root at L3-L4 is L4"),
    ("roots.csv", "L4,L4 nerve root,L4-L5,", "L4,L4 nerve root,L3-L4,", "exits_at",
     "L4 exiting at L4-L5"),
    ("roots.csv", "S1,S1 nerve root,S1 foramen,", "S1,S1 nerve root,L5-S1,", "exits_at",
     "L5 exiting at L5-S1, not S1"),
    ("regions.csv", "S1,sural,false,StatPearls-Derm;Gray's", "S1,sural,true,StatPearls-Derm;Gray's",
     "red_flag", "no row of red_flags.csv"),
    ("zones.csv", "(far lateral) zone,Fardon 2014;StatPearls-LDH", "(far lateral) zone,", "sources", "is empty"),
    ("sources.csv", "https://doi.org/10.1016/j.spinee.2014.04.022", "doi:10.1016/j.spinee.2014.04.022",
     "url", "http(s) address"),
    ("sources.csv", "Zhang 2017,", "Fardon 2014,", "source_id", "duplicate"),
    ("mimics.csv", "sole,heel;medial_foot,,any", "sole,heel;medial_fot,,any", "regions_also",
     "unknown region 'medial_fot'"),
    ("mimics.csv", "heel,sole;medial_foot,,any,absent", "heel,sole;heel,,any,absent",
     "regions_also", "also in regions_typical"),
    ("mimics.csv", "posterior_thigh;buttock,posterior_calf,any", "posterior_thigh;buttock,posterior_calf,one",
     "side", "not one of"),
    ("red_flags.csv", "true,emergency,Is there new numbness", "maybe,emergency,Is there new numbness",
     "cauda_equina", "true or false"),
    ("red_flags.csv", "passage?,saddle,StatPearls-CES", "passage?,sadle,StatPearls-CES", "regions",
     "unknown region 'sadle'"),
    ("red_flags.csv", "true,emergency,Is there new numbness", "true,soon,Is there new numbness",
     "urgency", "not one of"),
    # one urgency wording for one symptom: an emergency flag may not say 'get medical advice'
    ("red_flags.csv", "is full. Go to emergency care the same day.", "is full. Get medical advice the same day.",
     "plain", "says 'go to emergency care the same day'"),
    ("pain_course.csv", "L5,buttock,", "L5,buttocks,", "region", "unknown region 'buttocks'"),
    ("pain_course.csv", "S1,buttock,", "S7,buttock,", "root", "unknown root 'S7'"),
    ("key_points.csv", "L5,dorsum_foot,", "L5,heel,", "region", "L5 is not a root of 'heel'"),
    ("strength.csv", "S1,calf muscles", "S9,calf muscles", "roots", "unknown root 'S9'"),
    ("condition_notes.csv", "extraforaminal,,20,Here the disc pushes into or past the side opening where the nerve leaves. So it pinches the root that leaves at that level ({roots} at {level})",
     "extraforaminal,,20,Here the disc pushes into or past the side opening where the nerve leaves. So it pinches the root that leaves at that level ({roots} at {lvl})", "text",
     "unknown placeholder {lvl}"),
    ("map_disagreements.csv", "sole,StatPearls-Derm;Foerster 1933", "big_toe,StatPearls-Derm;Foerster 1933",
     "region", "duplicate"),
    ("map_disagreements.csv", "big_toe,ISNCSCI;Keegan-Garrett 1948,", "big_toe,ISNCSCI;Keegan 1948,",
     "maps", "unknown source id 'Keegan 1948'"),
    ("condition_notes.csv", "spondylolisthesis,,L5-S1,21", "spondylolisthesis,,L1-L2,21", "level",
     "not a level of spondylolisthesis"),
    ("condition_notes.csv", "spondylolisthesis,,L5-S1,21", "spondylolisthesis,,L5-S1,first", "priority",
     "not a whole number"),
    ("condition_notes.csv", "facet-arthritis;degenerative-disc,", "facet-arthritis;gout,", "condition",
     "unknown condition 'gout'"),
    ("condition_notes.csv", "disc-herniation;spinal-stenosis,central,L1-L2,1", "spinal-stenosis;sciatica,central,,1",
     "zone", "not a zone of sciatica"),
    ("frequency.csv", "level,L3-L4,0.03", "level,L3-L4,lots", "weight", "not a number"),
    ("frequency.csv", "level,L3-L4,0.03", "level,L3-L4,3", "weight", "at most 1"),
    ("frequency.csv", "zone,central,0.05", "zone,lateral-recess,0.05", "value",
     "not a zone of disc-herniation"),
    ("territories.csv", "sciatic,heel,primary", "sciatic,heal,primary", "region", "unknown region"),
    ("territories.csv", "sciatic,sole,primary", "sciatic,sole,main", "role", "not one of"),
    ("nerves.csv", "sciatic,sciatic nerve,L4;L5;S1;S2;S3", "sciatic,sciatic nerve,L4;L5;S1;S2;S6",
     "roots", "unknown root 'S6'"),
    ("messages.csv", "({detail})", "({details})", "text", "unknown placeholder {details}"),
    ("messages.csv", "overlap,The skin", "overlaps,The skin", "message", "unknown message id"),
]


@pytest.mark.parametrize("name, old, new, column, words", DEFECTS,
                         ids=[f"{d[0]}:{d[3]}:{i}" for i, d in enumerate(DEFECTS)])
def test_defect_is_named(copy, name, old, new, column, words):
    line = corrupt(copy, name, old, new)
    expect(copy, name, line, column, words)


def test_missing_file(copy):
    (copy / "mimics.csv").unlink()
    expect(copy, "mimics.csv", None, None, "file not found")


def test_missing_column(copy):
    line = corrupt(copy, "red_flags.csv", "flag,plain,clinical,", "flag,plain,clinicl,")
    expect(copy, "red_flags.csv", line, None, "missing column(s): clinical")


def test_condition_without_rule(copy):
    path = copy / "lesion_rules.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(l for l in lines if not l.startswith("degenerative-disc,")),
                    encoding="utf-8")
    text = (copy / "conditions.csv").read_text(encoding="utf-8").splitlines()
    line = next(i for i, l in enumerate(text, 1) if l.startswith("degenerative-disc,"))
    expect(copy, "conditions.csv", line, "condition", "no rule in lesion_rules.csv")


def test_missing_frequency(copy):
    path = copy / "frequency.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [l for l in lines if "zone,foraminal" not in l]
    path.write_text("".join(kept), encoding="utf-8")
    last = max(i for i, l in enumerate(kept, 1) if l.startswith("disc-herniation,"))
    expect(copy, "frequency.csv", last, "value", "no zone weight for foraminal")


def test_missing_level_refusal(copy):
    line = corrupt(copy, "conditions.csv",
                   "\"A slip from wear is most common at L4-L5. It is less common at L3-L4 or L5-S1. "
                   "Higher up it is rare. So only L3-L4, L4-L5 and L5-S1 are shown.\"", "")
    expect(copy, "conditions.csv", line, "level_refusal", "say why")


def test_red_flag_region_must_be_marked(copy):
    corrupt(copy, "regions.csv", "pudendal,true,", "pudendal,false,")
    text = (copy / "red_flags.csv").read_text(encoding="utf-8").splitlines()
    line = next(i for i, l in enumerate(text, 1) if l.startswith("saddle-numbness,"))
    expect(copy, "red_flags.csv", line, "regions", "'saddle' is not marked red_flag")
