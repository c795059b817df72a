"""The schema of data/record_codes.csv (the codes of the FHIR export) and its named
checks; read with the clinical files (clinical_schema.FILES) into
ClinicalData.record_codes. No Dash here.

What is checked here: each column's values, each code's shape (an ICD-10-CM code's
pattern; a SNOMED CT concept id's partition and Verhoeff check digit, so a mistyped
digit never reaches a record), the version's form for its system, and across rows that
no two rows give the same part and system to one view. That each code exists in its
release is checked by the tests (tests/test_record_codes.py) against packaged code lists.
"""
from __future__ import annotations

import re

import pandas as pd

from dashapp.datafiles.tables import Row, Series, Table, listed, row_rule, text
from dashapp.model.clinical_data import LEVELS, SIDES
from dashapp.model.record_codes import CODE_PARTS, CODE_SYSTEMS, PART_SYSTEMS, RecordCode, RecordCodes

ICD10CM_CODE = re.compile(r"[A-TV-Z][0-9][0-9AB](\.[0-9A-TV-Z]{1,4})?")
VERSION_FORM = {"icd-10-cm": re.compile(r"\d{4}"),  # the fiscal year of the release
                "snomed-ct": re.compile(r"http://snomed\.info/sct/\d+(/version/\d{8})?")}

# Verhoeff's tables (multiplication in the dihedral group D5, position permutations):
# the last digit of a SNOMED CT identifier checks the others
_MULT = ((0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
         (2, 3, 4, 0, 1, 7, 8, 9, 5, 6), (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
         (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
         (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
         (8, 7, 6, 5, 9, 3, 2, 1, 0, 4), (9, 8, 7, 6, 5, 4, 3, 2, 1, 0))
_PERM = ((0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
         (5, 8, 0, 3, 7, 9, 6, 1, 4, 2), (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
         (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
         (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8))


def verhoeff_ok(digits: str) -> bool:
    """True when the last digit is the Verhoeff check digit of the others."""
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _MULT[check][_PERM[position % 8][int(digit)]]
    return check == 0


def snomed_concept_problem(code: str) -> str | None:
    """Why `code` cannot be a SNOMED CT concept id, or None."""
    if not re.fullmatch(r"[1-9][0-9]{5,17}", code):
        return "a SNOMED CT id is 6 to 18 digits"
    if code[-3:-1] not in ("00", "10"):
        return "not a concept id (its partition digits are not 00 or 10)"
    if not verhoeff_ok(code):
        return "its check digit is wrong (a mistyped digit?)"
    return None


def code_problem(system: str, code: str | None) -> str | None:
    if code is None or system not in CODE_SYSTEMS:
        return None
    if system == "icd-10-cm":
        return None if ICD10CM_CODE.fullmatch(code) else f"'{code}' is not an ICD-10-CM code"
    problem = snomed_concept_problem(code)
    return None if problem is None else f"'{code}': {problem}"


class RecordCodesFile(Table):
    part: Series[str] = text(allowed=CODE_PARTS)
    condition: Series[str] = listed(refs="conditions.condition")
    level: Series[str] = listed(allowed=LEVELS)
    zone: Series[str] = listed(refs="zones.zone")
    side: Series[str] = listed(allowed=SIDES)
    root: Series[str] = listed(refs="roots.root")
    system: Series[str] = text(allowed=CODE_SYSTEMS)
    code: Series[str] = text(optional=True)
    display: Series[str]
    version: Series[str]
    sources: Series[str] = listed(optional=False, refs="sources.source_id")

    @row_rule("a system of its part", "system",
              lambda row: f"{row['part']} is coded in {', '.join(PART_SYSTEMS[row['part']])}")
    def _system_of_part(cls, df):
        return pd.Series([s in PART_SYSTEMS.get(p, (s,)) for p, s in zip(df["part"], df["system"])],
                         index=df.index)

    @row_rule("a well-formed code", "code", lambda row: code_problem(row["system"], row["code"]))
    def _code_shape(cls, df):
        return pd.Series([code_problem(s, None if pd.isna(c) else c) is None
                          for s, c in zip(df["system"], df["code"])], index=df.index)

    @row_rule("the version of its system", "version",
              lambda row: "ICD-10-CM: the release's fiscal year (e.g. 2026)"
              if row["system"] == "icd-10-cm" else
              "SNOMED CT: the edition URI, http://snomed.info/sct/MODULE[/version/YYYYMMDD]")
    def _version_form(cls, df):
        return pd.Series([s not in VERSION_FORM or bool(VERSION_FORM[s].fullmatch(v))
                          for s, v in zip(df["system"], df["version"])], index=df.index)


def record_codes_fit(r) -> list:
    """Named check: no two rows give one view the same part and system, and a row's levels
    and zones are those of its conditions (else it could never match)."""
    conditions = {row["condition"]: row for row in r["conditions"]}
    problems = []
    seen: list[tuple[Row, RecordCode]] = []
    for row in r["record_codes"]:
        code = _code(row)
        clash = next((earlier for earlier, other in seen if code.overlaps(other)), None)
        if clash is not None:
            problems.append(("record_codes", row.line, "part", f"gives {row['part']} "
                             f"({row['system']}) to views line {clash.line} gives it to too"))
        seen.append((row, code))
        mine = [conditions[c] for c in row["condition"]] or list(conditions.values())
        for column, plural in (("level", "levels"), ("zone", "zones")):
            stray = [v for v in row[column] if not any(v in cond[plural] for cond in mine)]
            if stray:
                problems.append(("record_codes", row.line, column, f"'{stray[0]}' is not "
                                 f"a {column} of {', '.join(c['condition'] for c in mine)}"))
    return problems


def _code(row: Row) -> RecordCode:
    return RecordCode(row["part"], row["system"], row["code"], row["display"], row["version"],
                      row["sources"], row["condition"], row["level"], row["zone"], row["side"],
                      row["root"])


def record_codes_of(rows: list[Row]) -> RecordCodes:
    return RecordCodes(tuple(_code(row) for row in rows))
