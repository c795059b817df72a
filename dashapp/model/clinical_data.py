"""Clinical data model: the dataclasses behind data/*.csv.

Every medical fact lives in data/*.csv with its sources (see clinical_reference.md):

- levels.csv says which root exits and which traverses at each disc level;
- lesion_rules.csv says, per condition and zone, which of those roots a lesion
  presses on (traversing / exiting / the rest of the cauda equina / listed), in
  which role (primary / possible) and on which side(s);
- regions.csv ranks the roots of each skin region (primary first);
- territories.csv / nerves.csv describe a nerve outside the spine (sciatic);
- pain_course.csv says where a root's pain runs (buttock, thigh) apart from its skin map;
  key_points.csv holds each root's key sensory point; strength.csv the strength checks;
- mimics.csv, red_flags.csv, map_disagreements.csv, condition_notes.csv and
  messages.csv hold everything else the explanation says; glossary.csv the plain
  meaning of the words a patient meets (read by glossary.py); record_codes.csv the
  SNOMED CT and ICD-10-CM codes of the FHIR export (record_codes.py).

The files are read and checked into this model by dashapp.datafiles.clinical_schema
(declared schemas and the named checks of the rules that span files; pandas and
pandera), which a server that takes its model from the cache never imports. The last
section holds the few queries on the model that both engines use (dashapp.clinical:
forward and reverse). No I/O and no Dash here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from dashapp.model.glossary import Glossary
from dashapp.model.record_codes import RecordCodes

LEVELS = ("L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1")
SIDES = ("left", "right", "both")
LESION_KINDS = ("bulge", "central-bulge", "collapse", "slip", "spur", "canal-narrowing",
                "recess-narrowing", "foraminal-narrowing", "sciatic")
ROOT_RULES = ("traversing", "exiting", "below-traversing", "listed")
SIDE_RULES = ("one", "both", "one-or-both")
# Deeper sacral roots: named in regions.csv (saddle) and in texts, never drawn (not in roots.csv).
TEXT_ONLY_ROOTS = ("S4", "S5")
# Message ids the engine uses (messages.csv), with the placeholders each may use.
MESSAGES = {
    "forced-both": {"what", "chosen"},
    "reverse-both-sides": set(),
    "reverse-no-single-root": {"detail"},
    "reverse-weak-fit": {"root"},
    "reverse-back-pain-yes": set(),
    "reverse-back-pain-no": set(),
    "reverse-levels": set(),
    "overlap": set(),
    "reverse-evidence": set(),
    "reverse-strength": {"checks", "roots"},
    "fit-all": {"leg"},
    "fit-some": {"count", "total", "leg"},
    "urgent-now": set(),
}
# condition_notes.csv text may name the chosen level and the roots it pinches
NOTE_FIELDS = {"level", "roots"}
# One urgency wording for one symptom everywhere: a red flag's plain text says exactly this.
URGENCY_WORDS = {"emergency": "go to emergency care the same day",
                 "urgent": "get medical advice the same day"}
URGENCY_ORDER = tuple(URGENCY_WORDS)  # most urgent first
BOTH_LEGS_FLAG = "both-legs"  # raised by marks on both legs (reverse.py)
FEELS = ("pain", "numbness", "tingling")  # what is felt at a marked region; pain is the default
TEMPLATE_FIELDS = {"level", "zone", "side", "roots"}


class NotApplicable(ValueError):
    """The requested combination is not meaningful; `reason` is one user-facing sentence."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------- model

@dataclass(frozen=True)
class Root:
    id: str
    label: str
    exits_at: str
    dermatome: str
    key_point: str
    key_muscle: str | None
    weakness_sign: str | None
    reflex: str | None
    signs_plain: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Region:
    id: str
    label: str
    where: str
    roots: tuple[str, ...]  # ranked, primary first
    peripheral_nerve: str
    red_flag: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Level:
    id: str
    upper: str
    lower: str
    exiting: str
    traversing: str
    plain: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Zone:
    id: str
    name: str
    plain: str
    clinical: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Condition:
    id: str
    name: str
    aliases: tuple[str, ...]
    zones: tuple[str, ...]
    default_zone: str | None
    default_level: str | None
    has_level: bool
    levels: tuple[str, ...]
    default_side: str = "left"
    defaults_reason: str = ""
    level_refusal: str | None = None
    mechanism_plain: str = ""
    clinician_note: str = ""
    back_pain: bool = True
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class LesionRule:
    condition: str
    zone: str | None
    kind: str
    root_rule: str
    roots: tuple[str, ...]
    role: str
    side_rule: str
    side_refusal: str | None
    territory: str | None
    cauda_equina: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Nerve:
    id: str
    name: str
    roots: tuple[str, ...]
    weakness: tuple[str, ...]
    reflexes: tuple[str, ...]
    signs_plain: str
    clinical: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RedFlag:
    id: str
    plain: str
    clinical: str
    cauda_equina: bool
    regions: tuple[str, ...]
    sources: tuple[str, ...]
    urgency: str = "emergency"  # URGENCY_WORDS key
    question: str | None = None  # the yes/no question of the optional check, if asked


@dataclass(frozen=True)
class MimicInfo:
    id: str
    name: str
    where_plain: str
    differs_plain: str
    differs_clinical: str
    typical: tuple[str, ...]
    also: tuple[str, ...]
    required: tuple[str, ...]
    side: str
    back_pain: str
    match_note: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class StrengthCheck:
    id: str
    label: str
    question: str
    roots: tuple[str, ...]
    muscle: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Disagreement:
    region: str
    maps: tuple[str, ...]
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ConditionNote:
    conditions: tuple[str, ...]  # empty = every condition
    zone: str | None
    level: str | None
    priority: int
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ClinicalData:
    conditions: dict[str, Condition]
    roots: dict[str, Root]  # file order = head to tail
    regions: dict[str, Region]  # file order
    mimics: dict[str, MimicInfo]
    sources: dict[str, str]  # source id -> full citation
    levels: dict[str, Level] = field(default_factory=dict)
    zones: dict[str, Zone] = field(default_factory=dict)
    rules: dict[tuple[str, str | None], tuple[LesionRule, ...]] = field(default_factory=dict)
    nerves: dict[str, Nerve] = field(default_factory=dict)
    territories: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    red_flags: tuple[RedFlag, ...] = ()
    disagreements: dict[str, Disagreement] = field(default_factory=dict)
    condition_notes: tuple[ConditionNote, ...] = ()
    frequency: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    messages: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    source_urls: dict[str, str | None] = field(default_factory=dict)
    pain_course: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)  # (root, region) -> sources
    key_points: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # root -> (region, sources)
    strength: dict[str, StrengthCheck] = field(default_factory=dict)
    glossary: Glossary = field(default_factory=Glossary)  # plain meanings of the words patients meet
    record_codes: RecordCodes = field(default_factory=RecordCodes)  # SNOMED CT / ICD-10-CM for the record


# ---------------------------------------------------------------- queries both engines use

Hit = tuple[str, str, LesionRule]  # (root, role, rule)


def check_side(side: str) -> str:
    """'left', 'right' or 'both' (case and spaces ignored); NotApplicable for anything else."""
    value = side.strip().lower() if isinstance(side, str) else side
    if value not in SIDES:
        raise NotApplicable(f"Unknown side '{side}'. Choose left, right or both.")
    return value


def rule_roots(data: ClinicalData, rules: Iterable[LesionRule], level: str | None) -> list[Hit]:
    """(root, role, rule) the rules give at `level`, head to tail, primary winning over possible."""
    order = list(data.roots)
    found: dict[str, tuple[str, LesionRule]] = {}
    for rule in rules:
        if rule.root_rule == "listed":
            hit = list(rule.roots)
        else:
            lv = data.levels[level]  # type: ignore[index]
            if rule.root_rule == "traversing":
                hit = [lv.traversing]
            elif rule.root_rule == "exiting":
                hit = [lv.exiting]
            else:  # below-traversing
                hit = order[order.index(lv.traversing) + 1:]
        for root in hit:
            if root not in found or (rule.role == "primary" and found[root][0] != "primary"):
                found[root] = (rule.role, rule)
    return sorted(((r, role, rule) for r, (role, rule) in found.items()),
                  key=lambda t: order.index(t[0]))


def ordered_sources(data: ClinicalData, ids: Iterable[str]) -> tuple[str, ...]:
    """The source ids among `ids`, once each, in sources.csv order."""
    wanted = set(ids)
    return tuple(s for s in data.sources if s in wanted)
