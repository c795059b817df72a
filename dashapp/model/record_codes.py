"""Codes for the record (data/record_codes.csv): which SNOMED CT and ICD-10-CM code a
view gets, each with its source and the code system version it was checked in.

A row gives one code of one system to the views its key columns match (an empty key
matches any value); a row without a code says why none is given. The FHIR export
(dashapp.export.fhir) asks find() for each part of what it writes. No I/O, no Dash.
"""
from __future__ import annotations

from dataclasses import dataclass

# what a code is for: the Condition for what was explained and its bodySite, the
# Condition for the named root and its bodySite, and the side (a bodySite qualifier)
CODE_PARTS = ("condition", "condition-site", "radiculopathy", "root-site", "laterality")
# the systems each part is coded in (a row per view, with a code or the reason for none)
PART_SYSTEMS = {"condition": ("snomed-ct", "icd-10-cm"), "condition-site": ("snomed-ct",),
                "radiculopathy": ("snomed-ct", "icd-10-cm"), "root-site": ("snomed-ct",),
                "laterality": ("snomed-ct",)}
CODE_SYSTEMS = {"snomed-ct": "http://snomed.info/sct",
                "icd-10-cm": "http://hl7.org/fhir/sid/icd-10-cm"}
SYSTEM_NAMES = {"snomed-ct": "SNOMED CT", "icd-10-cm": "ICD-10-CM"}
KEYS = ("condition", "level", "zone", "side", "root")


@dataclass(frozen=True)
class RecordCode:
    part: str  # CODE_PARTS
    system: str  # a key of CODE_SYSTEMS
    code: str | None  # None: no code is given; `display` says why
    display: str
    version: str  # ICD-10-CM fiscal year, or the SNOMED CT edition URI
    sources: tuple[str, ...]
    # the views it applies to; an empty tuple matches any value (None included)
    conditions: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    zones: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    roots: tuple[str, ...] = ()

    def keys(self) -> tuple[tuple[str, ...], ...]:
        return (self.conditions, self.levels, self.zones, self.sides, self.roots)

    def matches(self, view: tuple[str | None, ...]) -> bool:
        """`view`: (condition, level, zone, side, root), None where it has none."""
        return all(not wanted or value in wanted for wanted, value in zip(self.keys(), view))

    def overlaps(self, other: RecordCode) -> bool:
        """Some view would match both (same part and system): the table would be ambiguous."""
        return (self.part, self.system) == (other.part, other.system) and all(
            not a or not b or set(a) & set(b) for a, b in zip(self.keys(), other.keys()))


@dataclass(frozen=True)
class RecordCodes:
    rows: tuple[RecordCode, ...] = ()

    def find(self, part: str, system: str, condition: str | None = None,
             level: str | None = None, zone: str | None = None, side: str | None = None,
             root: str | None = None) -> RecordCode | None:
        """The one row for this part, system and view (the file is checked to have no two),
        or None where the table has none."""
        view = (condition, level, zone, side, root)
        return next((row for row in self.rows
                     if row.part == part and row.system == system and row.matches(view)), None)
