"""Clinical data model: the dataclasses behind data/*.csv and load_clinical(), which reads them.

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
  meaning of the words a patient meets (read by glossary.py).

load_clinical() cross-checks them all and raises DataError naming file, line and column.
The last section holds the few queries on the model that both engines use (clinical.py
forward, reverse.py reverse). No Dash import here.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from dashapp.glossary import Glossary, load_glossary
from dashapp.tables import (Column, DataError, Row, data_dir as _default_data_dir, read_table,
                            require_known, require_unique)

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


# ---------------------------------------------------------------- loading

def _fields(template: str) -> set[str]:
    """Placeholder names; ValueError for a format spec or conversion ({level:d}, {side!r})."""
    names = set()
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if spec or conversion:
            raise ValueError(f"{{{name}}} may not carry a format spec or conversion; "
                             "write the bare {name}")
        names.add(name)
    return names


def _check_template(path: Path, row: Row, column: str, allowed: set[str]) -> None:
    text = row[column]
    if not text:
        return
    try:
        names = _fields(text)
    except ValueError as exc:
        raise DataError(path, f"bad {{placeholder}} text ({exc})", line=row.line, column=column) from None
    unknown = sorted(n for n in names if n not in allowed)
    if unknown:
        allowed_text = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none"
        raise DataError(path, f"unknown placeholder {{{unknown[0]}}} (allowed: {allowed_text})",
                        line=row.line, column=column)


def _sources_col() -> Column:
    return Column("sources", "list")


def load_clinical(data_dir: str | Path | None = None) -> ClinicalData:
    """Read and cross-check every clinical file in data/; raises DataError naming file, line, column."""
    base = Path(data_dir) if data_dir is not None else _default_data_dir()
    p = {name: base / f"{name}.csv" for name in (
        "sources", "roots", "regions", "levels", "zones", "conditions", "lesion_rules", "nerves",
        "territories", "red_flags", "mimics", "map_disagreements", "condition_notes", "frequency",
        "messages", "pain_course", "key_points", "strength", "glossary")}

    # sources
    src_rows = read_table(p["sources"], [Column("source_id"), Column("citation"),
                                         Column("url", required=False)])
    require_unique(p["sources"], src_rows, ["source_id"])
    sources = {r["source_id"]: r["citation"] for r in src_rows}
    urls = {r["source_id"]: r["url"] for r in src_rows}
    for r in src_rows:
        if r["url"] is not None and not r["url"].startswith(("https://", "http://")):
            raise DataError(p["sources"], f"'{r['url']}' is not an http(s) address", line=r.line,
                            column="url")

    def check_sources(path: Path, rows: Iterable[Row], column: str = "sources") -> None:
        for row in rows:
            if not row[column]:
                raise DataError(path, "every fact needs at least one source", line=row.line,
                                column=column)
            require_known(path, row, column, sources, "source id")

    # roots
    root_rows = read_table(p["roots"], [
        Column("root"), Column("label"), Column("exits_at"), Column("dermatome"),
        Column("key_point"), Column("key_muscle", required=False),
        Column("weakness_sign", required=False), Column("reflex", required=False),
        Column("signs_plain"), _sources_col()])
    require_unique(p["roots"], root_rows, ["root"])
    check_sources(p["roots"], root_rows)
    root_row = {r["root"]: r for r in root_rows}
    roots = {r["root"]: Root(r["root"], r["label"], r["exits_at"], r["dermatome"], r["key_point"],
                             r["key_muscle"], r["weakness_sign"], r["reflex"], r["signs_plain"],
                             r["sources"]) for r in root_rows}
    root_ids = tuple(roots)

    # regions
    region_rows = read_table(p["regions"], [
        Column("region"), Column("label"), Column("where"), Column("roots", "list"),
        Column("peripheral_nerve"), Column("red_flag", "bool"), _sources_col()])
    require_unique(p["regions"], region_rows, ["region"])
    check_sources(p["regions"], region_rows)
    for r in region_rows:
        require_known(p["regions"], r, "roots", root_ids + TEXT_ONLY_ROOTS, "root")
        if not any(root in roots for root in r["roots"]):
            raise DataError(p["regions"], "needs at least one root from roots.csv", line=r.line,
                            column="roots")
        if len(set(r["roots"])) != len(r["roots"]):
            raise DataError(p["regions"], "a root is listed twice", line=r.line, column="roots")
    regions = {r["region"]: Region(r["region"], r["label"], r["where"], r["roots"],
                                   r["peripheral_nerve"], r["red_flag"], r["sources"])
               for r in region_rows}

    # levels
    level_rows = read_table(p["levels"], [
        Column("level", choices=frozenset(LEVELS)), Column("upper"), Column("lower"),
        Column("exiting_root"), Column("traversing_root"), Column("plain"), _sources_col()])
    require_unique(p["levels"], level_rows, ["level"])
    check_sources(p["levels"], level_rows)
    for r in level_rows:
        require_known(p["levels"], r, "exiting_root", root_ids, "root")
        require_known(p["levels"], r, "traversing_root", root_ids, "root")
        if root_ids.index(r["traversing_root"]) <= root_ids.index(r["exiting_root"]):
            raise DataError(p["levels"], "the traversing root must lie below the exiting root",
                            line=r.line, column="traversing_root")
        # a root leaves below the pedicle of its own vertebra: at Lx-Ly, Lx exits and Ly traverses
        if r["level"] != f"{r['upper']}-{r['lower']}":
            raise DataError(p["levels"], f"upper-lower ({r['upper']}-{r['lower']}) must spell the "
                            "level", line=r.line, column="upper")
        if r["exiting_root"] != r["upper"]:
            raise DataError(p["levels"], f"the exiting root at {r['level']} is {r['upper']} (the root "
                            "leaves below the pedicle of its own vertebra)", line=r.line,
                            column="exiting_root")
        if r["traversing_root"] != r["lower"]:
            raise DataError(p["levels"], f"the traversing root at {r['level']} is {r['lower']}",
                            line=r.line, column="traversing_root")
        exiting = root_row[r["exiting_root"]]
        if exiting["exits_at"] != r["level"]:
            raise DataError(p["roots"], f"levels.csv line {r.line} has {r['exiting_root']} exiting at "
                            f"{r['level']}, not {exiting['exits_at']}", line=exiting.line,
                            column="exits_at")
    exiting_at = {r["level"]: r["exiting_root"] for r in level_rows}
    for r in root_rows:
        if r["exits_at"] in LEVELS and exiting_at.get(r["exits_at"]) not in (None, r["root"]):
            raise DataError(p["roots"], f"levels.csv has {exiting_at[r['exits_at']]} exiting at "
                            f"{r['exits_at']}, not {r['root']}", line=r.line, column="exits_at")
    missing = [lv for lv in LEVELS if lv not in {r["level"] for r in level_rows}]
    if missing:
        raise DataError(p["levels"], f"missing level(s): {', '.join(missing)}")
    levels = {lv: next(Level(r["level"], r["upper"], r["lower"], r["exiting_root"],
                             r["traversing_root"], r["plain"], r["sources"])
                       for r in level_rows if r["level"] == lv) for lv in LEVELS}

    # zones
    zone_rows = read_table(p["zones"], [Column("zone"), Column("name"), Column("plain"),
                                        Column("clinical"), _sources_col()])
    require_unique(p["zones"], zone_rows, ["zone"])
    check_sources(p["zones"], zone_rows)
    zones = {r["zone"]: Zone(r["zone"], r["name"], r["plain"], r["clinical"], r["sources"])
             for r in zone_rows}

    # conditions
    cond_rows = read_table(p["conditions"], [
        Column("condition"), Column("name"), Column("aliases", "list", required=False),
        Column("zones", "list", required=False), Column("default_zone", required=False),
        Column("has_level", "bool"),
        Column("levels", "list", required=False, choices=frozenset(LEVELS)),
        Column("default_level", required=False),
        Column("default_side", choices=frozenset(SIDES)), Column("defaults_reason"),
        Column("level_refusal", required=False), Column("mechanism_plain"),
        Column("clinician_note"), Column("back_pain", "bool"), _sources_col()])
    require_unique(p["conditions"], cond_rows, ["condition"])
    check_sources(p["conditions"], cond_rows)
    conditions: dict[str, Condition] = {}
    cond_row = {r["condition"]: r for r in cond_rows}
    for r in cond_rows:
        path = p["conditions"]
        require_known(path, r, "zones", zones, "zone")
        if r["zones"] and r["default_zone"] not in r["zones"]:
            raise DataError(path, "must be one of the condition's zones", line=r.line,
                            column="default_zone")
        if not r["zones"] and r["default_zone"] is not None:
            raise DataError(path, "a condition without zones has no default zone", line=r.line,
                            column="default_zone")
        if r["has_level"] and not r["levels"]:
            raise DataError(path, "has_level is true but no levels are listed", line=r.line,
                            column="levels")
        if not r["has_level"] and r["levels"]:
            raise DataError(path, "has_level is false but levels are listed", line=r.line,
                            column="levels")
        if r["has_level"] and r["default_level"] not in r["levels"]:
            raise DataError(path, "must be one of the condition's levels", line=r.line,
                            column="default_level")
        if not r["has_level"] and r["default_level"] is not None:
            raise DataError(path, "a condition without a level has no default level",
                            line=r.line, column="default_level")
        needs_refusal = (not r["has_level"]) or len(r["levels"]) < len(LEVELS)
        if needs_refusal and not r["level_refusal"]:
            raise DataError(path, "needed: say why the other levels cannot be chosen",
                            line=r.line, column="level_refusal")
        _check_template(path, r, "mechanism_plain", TEMPLATE_FIELDS)
        _check_template(path, r, "clinician_note", TEMPLATE_FIELDS)
        conditions[r["condition"]] = Condition(
            r["condition"], r["name"], r["aliases"], r["zones"], r["default_zone"],
            r["default_level"], r["has_level"], r["levels"], r["default_side"],
            r["defaults_reason"], r["level_refusal"], r["mechanism_plain"], r["clinician_note"],
            r["back_pain"], r["sources"])

    # nerves and territories
    nerve_rows = read_table(p["nerves"], [
        Column("nerve"), Column("name"), Column("roots", "list"), Column("weakness", "list"),
        Column("reflexes", "list"), Column("signs_plain"), Column("clinical"), _sources_col()])
    require_unique(p["nerves"], nerve_rows, ["nerve"])
    check_sources(p["nerves"], nerve_rows)
    for r in nerve_rows:
        require_known(p["nerves"], r, "roots", root_ids, "root")
    nerves = {r["nerve"]: Nerve(r["nerve"], r["name"], r["roots"], r["weakness"], r["reflexes"],
                                r["signs_plain"], r["clinical"], r["sources"]) for r in nerve_rows}
    terr_rows = read_table(p["territories"], [
        Column("territory"), Column("region"),
        Column("role", choices=frozenset({"primary", "secondary"})), _sources_col()])
    require_unique(p["territories"], terr_rows, ["territory", "region"])
    check_sources(p["territories"], terr_rows)
    territories: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}
    for r in terr_rows:
        require_known(p["territories"], r, "territory", nerves, "nerve")
        require_known(p["territories"], r, "region", regions, "region")
        territories.setdefault(r["territory"], {})[r["region"]] = (r["role"], r["sources"])

    # lesion rules
    rule_rows = read_table(p["lesion_rules"], [
        Column("condition"), Column("zone", required=False),
        Column("lesion_kind", choices=frozenset(LESION_KINDS)),
        Column("root_rule", choices=frozenset(ROOT_RULES)),
        Column("roots", "list", required=False),
        Column("role", choices=frozenset({"primary", "possible"})),
        Column("side_rule", choices=frozenset(SIDE_RULES)),
        Column("side_refusal", required=False), Column("territory", required=False),
        Column("cauda_equina", "bool"), _sources_col()])
    require_unique(p["lesion_rules"], rule_rows, ["condition", "zone", "root_rule", "roots"])
    check_sources(p["lesion_rules"], rule_rows)
    rules: dict[tuple[str, str | None], list[LesionRule]] = {}
    first_line: dict[tuple[str, str | None], Row] = {}
    for r in rule_rows:
        path = p["lesion_rules"]
        require_known(path, r, "condition", conditions, "condition")
        cond = conditions[r["condition"]]
        if cond.zones and r["zone"] not in cond.zones:
            what = "missing" if r["zone"] is None else f"'{r['zone']}' is not"
            raise DataError(path, f"zone {what} one of {cond.id}'s zones ({', '.join(cond.zones)})",
                            line=r.line, column="zone")
        if not cond.zones and r["zone"] is not None:
            raise DataError(path, f"{cond.id} has no zones; leave zone empty", line=r.line,
                            column="zone")
        if r["root_rule"] == "listed":
            if not r["roots"]:
                raise DataError(path, "root_rule 'listed' needs the roots", line=r.line,
                                column="roots")
            require_known(path, r, "roots", root_ids, "root")
        else:
            if r["roots"]:
                raise DataError(path, f"root_rule '{r['root_rule']}' takes no roots", line=r.line,
                                column="roots")
            if not cond.has_level:
                raise DataError(path, f"root_rule '{r['root_rule']}' needs a level, and {cond.id} "
                                "has none", line=r.line, column="root_rule")
        if r["side_rule"] == "one" and not r["side_refusal"]:
            raise DataError(path, "side_rule 'one' needs the sentence shown when 'both' is chosen",
                            line=r.line, column="side_refusal")
        if r["territory"] is not None:
            require_known(path, r, "territory", territories, "territory")
        key = (r["condition"], r["zone"])
        if key in first_line:
            first = first_line[key]
            for column in ("lesion_kind", "side_rule", "territory"):
                if r[column] != first[column]:
                    raise DataError(path, f"differs from line {first.line} for the same condition "
                                    "and zone", line=r.line, column=column)
        else:
            first_line[key] = r
        rules.setdefault(key, []).append(LesionRule(
            r["condition"], r["zone"], r["lesion_kind"], r["root_rule"], r["roots"], r["role"],
            r["side_rule"], r["side_refusal"], r["territory"], r["cauda_equina"], r["sources"]))
    for cond in conditions.values():
        for zone in (cond.zones or (None,)):
            if (cond.id, zone) not in rules:
                what = f"zone '{zone}'" if zone else "the condition"
                raise DataError(p["conditions"], f"no rule in lesion_rules.csv for {cond.id}, {what}",
                                line=cond_row[cond.id].line, column="zones" if zone else "condition")
        for zone in (cond.zones or (None,)):
            first = first_line[(cond.id, zone)]
            if not any(x.role == "primary" for x in rules[(cond.id, zone)]):
                raise DataError(p["lesion_rules"], f"{cond.id} {zone or ''}: no primary root rule",
                                line=first.line, column="role")
            if zone == cond.default_zone and first["side_rule"] == "one" and cond.default_side == "both":
                raise DataError(p["conditions"], "default side 'both' but the default zone is "
                                "one-sided", line=cond_row[cond.id].line, column="default_side")

    # red flags
    flag_rows = read_table(p["red_flags"], [
        Column("flag"), Column("plain"), Column("clinical"), Column("cauda_equina", "bool"),
        Column("urgency", choices=frozenset(URGENCY_WORDS)), Column("question", required=False),
        Column("regions", "list", required=False), _sources_col()])
    require_unique(p["red_flags"], flag_rows, ["flag"])
    check_sources(p["red_flags"], flag_rows)
    for r in flag_rows:
        words = URGENCY_WORDS[r["urgency"]]
        others = [w for w in URGENCY_WORDS.values() if w != words and w in r["plain"].lower()]
        if words not in r["plain"].lower() or others:
            raise DataError(p["red_flags"], f"a{'n' if r['urgency'][0] in 'aeiou' else ''} "
                            f"{r['urgency']} flag says '{words}' (and no other urgency)",
                            line=r.line, column="plain")
        require_known(p["red_flags"], r, "regions", regions, "region")
        for region_id in r["regions"]:
            if not regions[region_id].red_flag:
                raise DataError(p["red_flags"], f"'{region_id}' is not marked red_flag in regions.csv",
                                line=r.line, column="regions")
    flagged = {region_id for r in flag_rows for region_id in r["regions"]}
    for r in region_rows:
        if r["red_flag"] and r["region"] not in flagged:
            raise DataError(p["regions"], "red_flag is true but no row of red_flags.csv names this "
                            "region", line=r.line, column="red_flag")
    if BOTH_LEGS_FLAG not in {r["flag"] for r in flag_rows}:
        raise DataError(p["red_flags"], f"missing the '{BOTH_LEGS_FLAG}' flag (raised by marks on both legs)")
    red_flags = tuple(RedFlag(r["flag"], r["plain"], r["clinical"], r["cauda_equina"], r["regions"],
                              r["sources"], r["urgency"], r["question"]) for r in flag_rows)

    # mimics
    mimic_rows = read_table(p["mimics"], [
        Column("mimic"), Column("name"), Column("where_plain"), Column("differs_plain"),
        Column("differs_clinical"), Column("regions_typical", "list", required=False),
        Column("regions_also", "list", required=False),
        Column("regions_required", "list", required=False),
        Column("side", choices=frozenset({"any", "both"})),
        Column("back_pain", choices=frozenset({"any", "absent"})),
        Column("match_note", required=False), _sources_col()])
    require_unique(p["mimics"], mimic_rows, ["mimic"])
    check_sources(p["mimics"], mimic_rows)
    for r in mimic_rows:
        for column in ("regions_typical", "regions_also", "regions_required"):
            require_known(p["mimics"], r, column, regions, "region")
        if not r["regions_typical"] and not r["regions_also"]:
            raise DataError(p["mimics"], "a mimic needs at least one region", line=r.line,
                            column="regions_typical")
        both = set(r["regions_typical"]) & set(r["regions_also"])
        if both:
            raise DataError(p["mimics"], f"'{sorted(both)[0]}' is also in regions_typical",
                            line=r.line, column="regions_also")
    mimics = {r["mimic"]: MimicInfo(
        r["mimic"], r["name"], r["where_plain"], r["differs_plain"], r["differs_clinical"],
        r["regions_typical"], r["regions_also"], r["regions_required"], r["side"],
        r["back_pain"], r["match_note"], r["sources"]) for r in mimic_rows}

    # map disagreements
    dis_rows = read_table(p["map_disagreements"], [Column("region"), Column("maps", "list"),
                                                   Column("text"), _sources_col()])
    require_unique(p["map_disagreements"], dis_rows, ["region"])
    check_sources(p["map_disagreements"], dis_rows)
    check_sources(p["map_disagreements"], dis_rows, "maps")
    for r in dis_rows:
        require_known(p["map_disagreements"], r, "region", regions, "region")
    disagreements = {r["region"]: Disagreement(r["region"], r["maps"], r["text"], r["sources"])
                     for r in dis_rows}

    # condition notes
    note_rows = read_table(p["condition_notes"], [
        Column("condition", "list", required=False), Column("zone", required=False),
        Column("level", required=False, choices=frozenset(LEVELS)), Column("priority", "int"),
        Column("text"), _sources_col()])
    check_sources(p["condition_notes"], note_rows)
    for r in note_rows:
        _check_template(p["condition_notes"], r, "text", NOTE_FIELDS)
        require_known(p["condition_notes"], r, "condition", conditions, "condition")
        for cid in r["condition"] or (None,):
            if r["zone"] is not None:
                zones_of = conditions[cid].zones if cid else tuple(zones)
                if r["zone"] not in zones_of:
                    raise DataError(p["condition_notes"], f"'{r['zone']}' is not a zone of "
                                    f"{cid or 'any condition'}", line=r.line, column="zone")
            if r["level"] is not None and cid and r["level"] not in conditions[cid].levels:
                raise DataError(p["condition_notes"], f"'{r['level']}' is not a level of {cid}",
                                line=r.line, column="level")
    condition_notes = tuple(ConditionNote(r["condition"], r["zone"], r["level"], r["priority"],
                                          r["text"], r["sources"]) for r in note_rows)

    # frequency
    freq_rows = read_table(p["frequency"], [
        Column("condition"), Column("kind", choices=frozenset({"level", "zone"})), Column("value"),
        Column("weight", "float"), _sources_col()])
    require_unique(p["frequency"], freq_rows, ["condition", "kind", "value"])
    check_sources(p["frequency"], freq_rows)
    frequency: dict[str, dict[str, dict[str, float]]] = {}
    for r in freq_rows:
        path = p["frequency"]
        require_known(path, r, "condition", conditions, "condition")
        cond = conditions[r["condition"]]
        allowed = cond.levels if r["kind"] == "level" else cond.zones
        if r["value"] not in allowed:
            raise DataError(path, f"'{r['value']}' is not a {r['kind']} of {cond.id}", line=r.line,
                            column="value")
        if not 0 < r["weight"] <= 1:
            raise DataError(path, "weight must be above 0 and at most 1", line=r.line,
                            column="weight")
        frequency.setdefault(cond.id, {"level": {}, "zone": {}})[r["kind"]][r["value"]] = r["weight"]
    for cid, table in frequency.items():
        cond = conditions[cid]
        need = {"level": cond.levels, "zone": cond.zones}
        for kind, values in need.items():
            gap = [v for v in values if v not in table[kind]]
            if gap:
                last = [r for r in freq_rows if r["condition"] == cid][-1]
                raise DataError(p["frequency"], f"{cid}: no {kind} weight for {', '.join(gap)} "
                                "(every level and zone needs one)", line=last.line, column="value")

    # messages
    msg_rows = read_table(p["messages"], [Column("message"), Column("text"), _sources_col()])
    require_unique(p["messages"], msg_rows, ["message"])
    check_sources(p["messages"], msg_rows)
    messages = {}
    for r in msg_rows:
        if r["message"] not in MESSAGES:
            raise DataError(p["messages"], f"unknown message id '{r['message']}' (known: "
                            f"{', '.join(MESSAGES)})", line=r.line, column="message")
        _check_template(p["messages"], r, "text", MESSAGES[r["message"]])
        messages[r["message"]] = (r["text"], r["sources"])
    gap = [m for m in MESSAGES if m not in messages]
    if gap:
        raise DataError(p["messages"], f"missing message(s): {', '.join(gap)}")

    # pain course, key sensory points, strength checks (reverse look-up and forward text)
    course_rows = read_table(p["pain_course"], [Column("root"), Column("region"), _sources_col()])
    require_unique(p["pain_course"], course_rows, ["root", "region"])
    check_sources(p["pain_course"], course_rows)
    for r in course_rows:
        require_known(p["pain_course"], r, "root", root_ids, "root")
        require_known(p["pain_course"], r, "region", regions, "region")
    pain_course = {(r["root"], r["region"]): r["sources"] for r in course_rows}
    key_rows = read_table(p["key_points"], [Column("root"), Column("region"), _sources_col()])
    require_unique(p["key_points"], key_rows, ["root"])
    check_sources(p["key_points"], key_rows)
    for r in key_rows:
        require_known(p["key_points"], r, "root", root_ids, "root")
        require_known(p["key_points"], r, "region", regions, "region")
        if r["root"] not in regions[r["region"]].roots:
            raise DataError(p["key_points"], f"{r['root']} is not a root of '{r['region']}' in "
                            "regions.csv", line=r.line, column="region")
    key_points = {r["root"]: (r["region"], r["sources"]) for r in key_rows}
    strength_rows = read_table(p["strength"], [
        Column("check"), Column("label"), Column("question"), Column("roots", "list"),
        Column("muscle"), _sources_col()])
    require_unique(p["strength"], strength_rows, ["check"])
    check_sources(p["strength"], strength_rows)
    for r in strength_rows:
        require_known(p["strength"], r, "roots", root_ids, "root")
    strength = {r["check"]: StrengthCheck(r["check"], r["label"], r["question"], r["roots"],
                                          r["muscle"], r["sources"]) for r in strength_rows}

    return ClinicalData(
        conditions=conditions, roots=roots, regions=regions, mimics=mimics, sources=sources,
        levels=levels, zones=zones, rules={k: tuple(v) for k, v in rules.items()}, nerves=nerves,
        territories=territories, red_flags=red_flags, disagreements=disagreements,
        condition_notes=condition_notes, frequency=frequency, messages=messages, source_urls=urls,
        pain_course=pain_course, key_points=key_points, strength=strength,
        glossary=load_glossary(p["glossary"], sources))


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
