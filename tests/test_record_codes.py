"""data/record_codes.csv, the codes of the FHIR export: every code checked against a packaged
code list where one exists (ICD-10-CM: the CMS release in simple_icd_10_cm; SNOMED CT body
structures and laterality: DICOM PS3.16 in pydicom), every view the engine explains covered
(a code or the reason for none), and a broken row refused on load with its line and column."""
from __future__ import annotations

import csv
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest
import simple_icd_10_cm as icd
from pydicom.sr import _cid_dict, _concepts_dict

from dashapp import clinical
from dashapp.datafiles.clinical_schema import read_clinical
from dashapp.datafiles.locations import DataError, data_dir
from dashapp.datafiles.record_schema import snomed_concept_problem, verhoeff_ok
from dashapp.model.record_codes import PART_SYSTEMS

CODES = data_dir() / "record_codes.csv"
DICOM_CIDS = {"condition-site": (7604, 1003), "laterality": (244,)}


def table() -> list[dict]:
    """The file as a person reads it (not through the loader)."""
    lines = [line for line in CODES.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


def icd_release_year() -> str:
    """The fiscal year of the ICD-10-CM release the package ships (its tabular list)."""
    folder = resources.files("simple_icd_10_cm.data")
    tabular = next(f for f in folder.iterdir() if f.name.startswith("icd10c-tabular"))
    head = tabular.read_text(encoding="utf-8")[:400]
    return re.search(r"<version>(\d{4})</version>", head).group(1)


ICD_ROWS = [r for r in table() if r["system"] == "icd-10-cm" and r["code"]]


def test_the_table_has_icd_rows_to_check():
    assert len(ICD_ROWS) >= 15


@pytest.mark.parametrize("row", ICD_ROWS, ids=lambda r: r["code"])
def test_every_icd10cm_code_is_a_billable_code_of_the_release_it_names(row):
    code = row["code"]
    assert icd.is_valid_item(code), f"{code} is not in ICD-10-CM {icd_release_year()}"
    assert icd.is_leaf(code), f"{code} has subcodes: not a code to record"
    assert row["display"] == icd.get_description(code)
    assert row["version"] == icd_release_year()


def test_the_fy2025_disc_degeneration_split_is_honoured():
    """FY2025 split M51.36/M51.37 by pain; they are no codes to record any more, and none
    of this table's codes is a category with subcodes."""
    assert not icd.is_leaf("M51.36") and not icd.is_leaf("M51.37")
    assert all(r["code"] not in ("M51.36", "M51.37") for r in ICD_ROWS)


def _dicom_meanings(code: str, cids: tuple[int, ...]) -> set[str]:
    """The names DICOM gives a SNOMED CT code that is in the context groups `cids` (its
    meaning there and the concept's fully specified name), or nothing if it is not in them."""
    concepts = _concepts_dict.concepts["SCT"]
    keywords = {k for cid in cids for k in _cid_dict.cid_concepts[cid].get("SCT", ())}
    if not any(code in concepts.get(k, {}) for k in keywords):
        return set()
    return {c[code][0].removesuffix(" (body structure)") for c in concepts.values() if code in c}


DICOM_ROWS = [r for r in table() if r["part"] in DICOM_CIDS and r["code"]]


@pytest.mark.parametrize("row", DICOM_ROWS, ids=lambda r: r["code"])
def test_body_sites_and_laterality_are_dicom_ps3_16_snomed_codes(row):
    meanings = _dicom_meanings(row["code"], DICOM_CIDS[row["part"]])
    assert meanings, f"{row['code']} is not in DICOM CID {DICOM_CIDS[row['part']]}"
    # DICOM calls 51440002 "Bilateral"; SNOMED CT's own name is "Right and left" (mCODE)
    assert row["display"] in meanings | {"Right and left"}, (row["display"], meanings)
    assert "DICOM PS3.16" in row["sources"]


def test_laterality_is_the_issue_s_qualifier_per_side():
    lat = {r["side"]: r["code"] for r in table() if r["part"] == "laterality"}
    assert lat == {"left": "7771000", "right": "24028007", "both": "51440002"}


def test_every_snomed_code_has_a_valid_check_digit_and_a_terminology_source():
    sources = {"SNOMED IPS 2022", "VSAC chronic pain", "DICOM PS3.16", "mCODE laterality"}
    for row in table():
        if row["system"] == "snomed-ct" and row["code"]:
            assert snomed_concept_problem(row["code"]) is None, row
            assert set(row["sources"].split(";")) & sources, row


def test_the_check_digit_test_catches_a_mistyped_digit():
    assert verhoeff_ok("7771000") and verhoeff_ok("202735001")
    assert not verhoeff_ok("7771001") and not verhoeff_ok("202753001")


def test_every_view_the_engine_explains_has_a_row_for_every_part_and_system(clinical_data):
    """A code, or a row saying why there is none: the export never has to guess."""
    codes = clinical_data.record_codes
    for condition, level, side, zone in clinical.all_states(clinical_data):
        expl = clinical.explain(clinical_data, condition, level, side, zone)
        view = (expl.condition, expl.level, expl.zone, expl.side)
        parts = ["condition", "condition-site", "laterality"]
        roots = [h.root for h in expl.roots if h.role == "primary"]
        for part in parts:
            for system in PART_SYSTEMS[part]:
                assert codes.find(part, system, *view) is not None, (part, system, view)
        if clinical_data.conditions[condition].has_level:
            for root in roots:
                for part in ("radiculopathy", "root-site"):
                    for system in PART_SYSTEMS[part]:
                        assert codes.find(part, system, *view, root) is not None, (part, view)


# ---------------------------------------------------------------- refused on load

@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def _edit(folder: Path, old: str, new: str) -> int:
    path = folder / "record_codes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if old in line and not line.startswith("#"))
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


@pytest.mark.parametrize("old, new, column, words", [
    ("202735001", "202753001", "code", "check digit"),  # two digits swapped
    ("M51.17", "M5117", "code", "not an ICD-10-CM code"),
    (",2026,", ",FY26,", "version", "fiscal year"),
    ("spondylolisthesis,L3-L4;L4-L5,,,,icd-10-cm,M43.16", "spondylolisthesis,L1-L2,,,,icd-10-cm,M43.16",
     "level", "'L1-L2' is not a level of spondylolisthesis"),
    ("laterality,,,,right,", "laterality,,,,left,", "part", "line"),  # two codes for 'left'
    ("condition,sciatica,,,,,snomed-ct", "condition,sciatic,,,,,snomed-ct", "condition",
     "unknown condition 'sciatic'"),
])
def test_a_broken_row_is_refused_with_its_line_and_column(copy, old, new, column, words):
    line = _edit(copy, old, new)
    with pytest.raises(DataError) as info:
        read_clinical(copy)
    message = str(info.value)
    assert "record_codes.csv" in message and f"line {line}" in message
    assert f"column '{column}'" in message and words in message, message
