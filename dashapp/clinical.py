"""Clinical engine: condition -> lesion -> roots -> regions, and the reverse look-up.

Every medical fact lives in data/*.csv with its sources (see clinical_reference.md);
this module only applies the rules those files state, generically:

- levels.csv says which root exits and which traverses at each disc level;
- lesion_rules.csv says, per condition and zone, which of those roots a lesion
  presses on (traversing / exiting / the rest of the cauda equina / listed), in
  which role (primary / possible) and on which side(s);
- regions.csv ranks the roots of each skin region (primary first);
- territories.csv / nerves.csv describe a nerve outside the spine (sciatic);
- mimics.csv, red_flags.csv, map_disagreements.csv, condition_notes.csv and
  messages.csv hold everything else the explanation says.

No Dash import here: the page, the CLI and the tests all call these functions.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

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
}
TEMPLATE_FIELDS = {"level", "zone", "side", "roots"}
ROOT_ORDER = ("L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4", "S5")


def root_order(root: str) -> int:
    """Sort key: head to tail (unknown roots last)."""
    return ROOT_ORDER.index(root) if root in ROOT_ORDER else len(ROOT_ORDER)


_ROLE_WEIGHT = {"primary": 1.0, "possible": 0.5}
_REGION_WEIGHT = 0.5  # a region where the root is ranked 2nd counts half, 3rd a quarter (overlap)
_SIDE_MISMATCH = 0.5  # one-sided symptoms from a two-sided lesion, or the reverse


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
    fit: str
    side: str
    back_pain: str
    match_note: str | None
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
        "messages")}

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
        Column("regions", "list", required=False), _sources_col()])
    require_unique(p["red_flags"], flag_rows, ["flag"])
    check_sources(p["red_flags"], flag_rows)
    for r in flag_rows:
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
    red_flags = tuple(RedFlag(r["flag"], r["plain"], r["clinical"], r["cauda_equina"], r["regions"],
                              r["sources"]) for r in flag_rows)

    # mimics
    mimic_rows = read_table(p["mimics"], [
        Column("mimic"), Column("name"), Column("where_plain"), Column("differs_plain"),
        Column("differs_clinical"), Column("regions_typical", "list", required=False),
        Column("regions_also", "list", required=False),
        Column("regions_required", "list", required=False),
        Column("fit", choices=frozenset({"within", "overlap"})),
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
        r["regions_typical"], r["regions_also"], r["regions_required"], r["fit"], r["side"],
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

    return ClinicalData(
        conditions=conditions, roots=roots, regions=regions, mimics=mimics, sources=sources,
        levels=levels, zones=zones, rules={k: tuple(v) for k, v in rules.items()}, nerves=nerves,
        territories=territories, red_flags=red_flags, disagreements=disagreements,
        condition_notes=condition_notes, frequency=frequency, messages=messages, source_urls=urls)


# ---------------------------------------------------------------- forward engine

@dataclass(frozen=True)
class Lesion:
    kind: str
    level: str | None
    zone: str | None
    sides: tuple[str, ...]


@dataclass(frozen=True)
class RootHit:
    root: str
    side: str
    role: str  # "primary" | "possible"


@dataclass(frozen=True)
class RegionHit:
    region: str
    side: str
    role: str  # "primary" | "secondary"


@dataclass(frozen=True)
class Explanation:
    condition: str
    level: str | None
    side: str
    zone: str | None
    lesion: Lesion
    roots: tuple[RootHit, ...]
    regions: tuple[RegionHit, ...]
    weakness: tuple[str, ...]
    reflexes: tuple[str, ...]
    red_flags: tuple[str, ...]
    sources: tuple[str, ...]  # full citations
    notes: tuple[str, ...]
    plain: dict[str, str]
    clinical: dict[str, str]
    source_ids: tuple[str, ...] = ()
    condition_name: str = ""

    def to_json(self) -> dict:
        return {
            "condition": self.condition,
            "level": self.level,
            "side": self.side,
            "zone": self.zone,
            "roots": [{"root": h.root, "side": h.side, "role": h.role} for h in self.roots],
            "regions": [{"region": h.region, "side": h.side, "role": h.role} for h in self.regions],
            "weakness": list(self.weakness),
            "reflexes": list(self.reflexes),
            "red_flags": list(self.red_flags),
            "sources": list(self.sources),
            "condition_name": self.condition_name,
            "lesion": {"kind": self.lesion.kind, "level": self.lesion.level,
                       "zone": self.lesion.zone, "sides": list(self.lesion.sides)},
            "notes": list(self.notes),
            "plain": dict(self.plain),
            "clinical": dict(self.clinical),
            "source_ids": list(self.source_ids),
        }


def _normalise_level(level: str) -> str:
    return level.strip().upper().replace("/", "-").replace("\u2013", "-").replace(" ", "")


def resolve_condition(data: ClinicalData, text: str) -> str | None:
    """Condition id for an id, a name or a lay alias (case-insensitive); None if unknown."""
    key = text.strip().lower()
    for cond in data.conditions.values():
        if key in (cond.id, cond.name.lower()) or key in (a.lower() for a in cond.aliases):
            return cond.id
    return None


def _condition(data: ClinicalData, condition: str) -> Condition:
    cond = data.conditions.get(condition) if isinstance(condition, str) else None
    if cond is None:
        raise NotApplicable(f"Unknown condition '{condition}'; choose one of: "
                            f"{', '.join(data.conditions)}.")
    return cond


def _side(side: str) -> str:
    value = side.strip().lower() if isinstance(side, str) else side
    if value not in SIDES:
        raise NotApplicable(f"Unknown side '{side}'; choose left, right or both.")
    return value


def defaults(data: ClinicalData, condition_id: str) -> dict:
    """The starting level, side and zone for a condition (from conditions.csv)."""
    cond = _condition(data, condition_id)
    return {"level": cond.default_level, "side": cond.default_side, "zone": cond.default_zone}


def _resolve(data: ClinicalData, condition: str, level: str | None, side: str,
             zone: str | None) -> tuple[Condition, str | None, str, str | None]:
    cond = _condition(data, condition)
    side = _side(side)
    if zone is not None and isinstance(zone, str) and zone.strip() == "":
        zone = None
    if not cond.zones:
        if zone is not None:
            raise NotApplicable(f"{cond.name} has no zone to choose; leave the zone empty.")
    elif zone is None:
        zone = cond.default_zone
    else:
        zone = zone.strip().lower()
        if zone not in data.zones:
            raise NotApplicable(f"Unknown zone '{zone}'; for {cond.name} choose one of: "
                                f"{', '.join(cond.zones)}.")
        if zone not in cond.zones:
            raise NotApplicable(f"The {data.zones[zone].name} zone does not apply to {cond.name}; "
                                f"choose one of: {', '.join(cond.zones)}.")
    if level is not None and isinstance(level, str) and level.strip() == "":
        level = None
    if not cond.has_level:
        if level is not None:
            raise NotApplicable(cond.level_refusal or f"{cond.name} has no spinal level.")
    else:
        if level is None:
            raise NotApplicable(f"Choose a level for {cond.name}: {', '.join(cond.levels)}.")
        level = _normalise_level(level)
        if level not in LEVELS:
            raise NotApplicable(f"Unknown level '{level}'; choose one of: {', '.join(LEVELS)}.")
        if level not in cond.levels:
            raise NotApplicable(cond.level_refusal or f"{cond.name} is not shown at {level}.")
    return cond, level, side, zone


def _rule_roots(data: ClinicalData, rules: Iterable[LesionRule],
                level: str | None) -> list[tuple[str, str, LesionRule]]:
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


def _join(items: list[str], last: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _side_words(side: str) -> str:
    """Patient words for a side, to follow a noun: 'on the left side', 'on both sides'."""
    return "on both sides" if side == "both" else f"on the {side} side"


def _roots_words(roots: list[str], side: str | None = None) -> str:
    """'the L5 nerve root'; plural for several roots or for one root on both sides."""
    if not roots:
        return "no nerve root"
    noun = "nerve root" if len(roots) == 1 and side != "both" else "nerve roots"
    return f"the {_join(roots)} {noun}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


_RULE_WORD = {"traversing": "traversing", "exiting": "exiting",
              "below-traversing": "cauda equina below the level", "listed": "named"}

Hit = tuple[str, str, LesionRule]  # (root, role, rule)


def _ranked(hits: list[Hit]) -> list[Hit]:
    """Primary roots first, then possible ones; head to tail within each."""
    return [h for role in ("primary", "possible") for h in hits if h[1] == role]


def _affected_regions(data: ClinicalData, hits: list[Hit], nerve: Nerve | None,
                      used_sources: list[str]) -> tuple[list[str], dict[str, str]]:
    """Regions lit (file order) and their role: primary / secondary."""
    region_roles: dict[str, str] = {}
    if nerve is not None:
        for region_id, (role, srcs) in data.territories[nerve.id].items():
            region_roles[region_id] = role
            used_sources += srcs
    else:
        for region in data.regions.values():
            for root, role, _ in hits:
                if root in region.roots:
                    best = "primary" if (region.roots[0] == root and role == "primary") else "secondary"
                    if region_roles.get(region.id) != "primary":
                        region_roles[region.id] = best
    ordered = [r for r in data.regions if r in region_roles]
    for r in ordered:
        used_sources += data.regions[r].sources
    return ordered, region_roles


def _signs(data: ClinicalData, hits: list[Hit], nerve: Nerve | None,
           used_sources: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Weakness and reflexes to test: from nerves.csv outside the spine, else roots.csv."""
    if nerve is not None:
        used_sources += nerve.sources
        return tuple(f"{nerve.name}: {w}" for w in nerve.weakness), tuple(nerve.reflexes)
    weakness, reflexes = [], []
    for root, role, _ in _ranked(hits):
        info = data.roots[root]
        used_sources += info.sources
        tag = " (possible)" if role == "possible" else ""
        if info.key_muscle:
            sign = f" - {info.weakness_sign}" if info.weakness_sign else ""
            weakness.append(f"{root}{tag}: {info.key_muscle}{sign}")
        if info.reflex:
            reflexes.append(f"{root}{tag}: {info.reflex}")
    return tuple(weakness), tuple(reflexes)


def _plain_texts(data: ClinicalData, cond: Condition, level: str | None, zone: str | None,
                 side: str, hits: list[Hit], nerve: Nerve | None, ordered_regions: list[str],
                 region_roles: dict[str, str], red_flags: tuple[str, ...]) -> dict[str, str]:
    primary = [r for r, role, _ in hits if role == "primary"]
    possible = [r for r, role, _ in hits if role == "possible"]
    lv = data.levels[level] if level else None
    zn = data.zones[zone] if zone else None
    roots_for_text = list(nerve.roots) if nerve else primary
    fill = {"level": lv.plain if lv else "", "zone": zn.plain if zn else "",
            "side": _side_words(side), "roots": _roots_words(roots_for_text, side)}
    what = cond.mechanism_plain.format(**fill)
    if possible and nerve is None:
        what += f" {_sentence(_roots_words(possible, side))} may also be affected."
    prim_where = [f"the {data.regions[r].where}" for r in ordered_regions
                  if region_roles[r] == "primary"]
    sec_where = [f"the {data.regions[r].where}" for r in ordered_regions
                 if region_roles[r] == "secondary"]
    where_text = f"Pain, tingling or numbness may be felt {_side_words(side)}, in {_join(prim_where)}."
    if sec_where:
        where_text += f" It can also reach {_join(sec_where)}."
    if nerve is not None:
        signs = nerve.signs_plain
    else:
        if len(primary) == 1:
            signs = f"Other signs of a pinched {primary[0]} nerve root: {data.roots[primary[0]].signs_plain}."
        else:
            signs = "Other signs: " + "; ".join(
                f"for {r}, {data.roots[r].signs_plain}" for r in primary) + "."
    return {"what": what, "where": where_text, "signs": signs, "urgent": " ".join(red_flags)}


def _clinical_texts(data: ClinicalData, cond: Condition, level: str | None, zone: str | None,
                    side: str, sides: tuple[str, ...], hits: list[Hit], nerve: Nerve | None,
                    ordered_regions: list[str], region_roles: dict[str, str],
                    flags: list[RedFlag], used_sources: list[str]) -> dict[str, str]:
    ranked = _ranked(hits)
    zn = data.zones[zone] if zone else None
    if nerve is not None:
        roots_words = f"{nerve.name} ({', '.join(nerve.roots)} fibres)"
    else:
        roots_words = ", ".join(f"{root} ({_RULE_WORD[rule.root_rule]}, {role})"
                                for root, role, rule in ranked)
    cfill = {"level": level or "", "zone": zn.clinical if zn else "", "side": side,
             "roots": roots_words}
    root_lines, key_points = [], []
    for root, role, _ in ranked:
        info = data.roots[root]
        root_lines.append(
            f"{root} [{role}; {'+'.join(sides)}]: key muscle: {info.key_muscle or '-'}"
            f"{' (' + info.weakness_sign + ')' if info.weakness_sign else ''}; "
            f"reflex {info.reflex or '-'}; ISNCSCI key point {info.key_point}")
        key_points.append(f"{root}: {info.key_point}")
    if nerve is not None:
        pattern = (f"{nerve.clinical} Territory: "
                   + ", ".join(f"{data.regions[r].label.lower()} ({region_roles[r]})"
                               for r in ordered_regions) + ".")
    else:
        primary = [r for r, role, _ in ranked if role == "primary"]
        possible = [r for r, role, _ in ranked if role == "possible"]
        pattern = ("Dermatomal pattern: " + "; ".join(
            f"{r} {data.roots[r].dermatome}" for r in primary)
                   + (f"; possible: {', '.join(possible)}" if possible else "") + ".")
        # where the dermatome maps disagree: for clinicians (patients get the overlap note)
        for r in ordered_regions:
            dis = data.disagreements.get(r)
            if dis is not None:
                pattern += f" {dis.text}"
                used_sources += dis.sources
    clinical = {
        "lesion": cond.clinician_note.format(**cfill),
        "roots": "; ".join(root_lines),
        "key_points": "ISNCSCI key sensory points: " + "; ".join(key_points) + ".",
        "pattern": pattern,
        "red_flags": " ".join(f.clinical for f in flags),
    }
    if nerve is not None:
        clinical["roots"] = (f"{', '.join(nerve.roots)} fibres within the {nerve.name}, not the roots "
                             f"themselves: weakness {'; '.join(nerve.weakness)}; reflexes "
                             f"{'; '.join(nerve.reflexes)}")
        clinical["key_points"] = ("Root key points are not the test here: sensory loss, if any, "
                                  f"follows the {nerve.name} territory (see pattern).")
    return clinical


def explain(data: ClinicalData, condition: str, level: str | None = None, side: str = "left",
            zone: str | None = None) -> Explanation:
    """What a condition at a level/side/zone does: roots, regions, signs, red flags, texts."""
    cond, level, side, zone = _resolve(data, condition, level, side, zone)
    rules = data.rules[(cond.id, zone)]
    first = rules[0]
    notes: list[tuple[int, str]] = []
    used_sources: list[str] = list(cond.sources)
    for rule in rules:
        used_sources += rule.sources

    if first.side_rule == "one" and side == "both":
        raise NotApplicable(first.side_refusal or "Choose left or right.")
    eff_side = side
    if first.side_rule == "both" and side != "both":
        eff_side = "both"
        text, srcs = data.messages["forced-both"]
        what = f"{data.zones[zone].name} {cond.name.lower()}" if zone else cond.name.lower()
        notes.append((10, text.format(what=what, chosen=side)))
        used_sources += srcs
    sides = ("left", "right") if eff_side == "both" else (eff_side,)

    hits = _rule_roots(data, rules, level)
    root_hits = tuple(RootHit(root, s, role) for root, role, _ in _ranked(hits) for s in sides)
    nerve = data.nerves.get(first.territory) if first.territory else None
    ordered_regions, region_roles = _affected_regions(data, hits, nerve, used_sources)
    region_hits = tuple(RegionHit(r, s, region_roles[r])
                        for role_pass in ("primary", "secondary")
                        for r in ordered_regions if region_roles[r] == role_pass
                        for s in sides)
    weakness, reflexes = _signs(data, hits, nerve, used_sources)

    # red flags: cauda-equina ones first when the lesion is central
    ce = any(rule.cauda_equina for rule in rules)
    flags = sorted(data.red_flags, key=lambda f: (not f.cauda_equina) if ce else 0)
    red_flags = tuple(f.plain for f in flags)
    for f in flags:
        used_sources += f.sources

    for note in data.condition_notes:
        if ((not note.conditions or cond.id in note.conditions) and (note.zone in (None, zone))
                and (note.level in (None, level))):
            notes.append((note.priority, note.text))
            used_sources += note.sources
    notes_t = tuple(text for _, text in sorted(notes, key=lambda t: t[0]))

    plain = _plain_texts(data, cond, level, zone, eff_side, hits, nerve, ordered_regions,
                         region_roles, red_flags)
    clinical = _clinical_texts(data, cond, level, zone, eff_side, sides, hits, nerve,
                               ordered_regions, region_roles, flags, used_sources)
    ids = _ordered_sources(data, used_sources)
    return Explanation(
        condition=cond.id, level=level, side=eff_side, zone=zone,
        lesion=Lesion(first.kind, level, zone, sides), roots=root_hits, regions=region_hits,
        weakness=weakness, reflexes=reflexes, red_flags=red_flags,
        sources=tuple(data.sources[s] for s in ids), notes=notes_t, plain=plain,
        clinical=clinical, source_ids=ids, condition_name=cond.name)


def _ordered_sources(data: ClinicalData, ids: Iterable[str]) -> tuple[str, ...]:
    wanted = set(ids)
    return tuple(s for s in data.sources if s in wanted)


def all_states(data: ClinicalData) -> list[tuple[str, str | None, str, str | None]]:
    """Every (condition, level, side, zone) that explain() accepts."""
    states = []
    for cond in data.conditions.values():
        for level in (cond.levels if cond.has_level else (None,)):
            for side in SIDES:
                for zone in (cond.zones or (None,)):
                    try:
                        explain(data, cond.id, level, side, zone)
                    except NotApplicable:
                        continue
                    states.append((cond.id, level, side, zone))
    return states


# ---------------------------------------------------------------- reverse engine

@dataclass(frozen=True)
class Candidate:
    root: str
    side: str
    score: float
    levels: tuple[tuple[str, str], ...]  # (level, zone), most likely first
    explains: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()
    condition_hint: tuple[str, str, str] = ("", "", "")


@dataclass(frozen=True)
class Mimic:
    id: str
    name: str
    why: str
    score: float = 0.0


@dataclass(frozen=True)
class ReverseResult:
    regions: tuple[str, ...]
    side: str
    candidates: tuple[Candidate, ...]
    mimics: tuple[Mimic, ...]
    notes: tuple[str, ...]
    source_ids: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "regions": list(self.regions),
            "candidates": [{
                "root": c.root, "side": c.side, "score": c.score,
                "levels": [{"level": lv, "zone": zn} for lv, zn in c.levels],
                "explains": list(c.explains), "misses": list(c.misses),
                "condition_hint": {"condition": c.condition_hint[0], "level": c.condition_hint[1],
                                   "zone": c.condition_hint[2]},
            } for c in self.candidates],
            "mimics": [{"id": m.id, "name": m.name, "why": m.why} for m in self.mimics],
            "side": self.side,
            "notes": list(self.notes),
            "source_ids": list(self.source_ids),
        }


def _region_weight(region: Region, root: str) -> float:
    if not region.roots or root not in region.roots:
        return 0.0
    index = region.roots.index(root)
    return 1.0 if index == 0 else _REGION_WEIGHT / index


def _lesions_for_root(data: ClinicalData, root: str, one_side: bool
                      ) -> list[tuple[float, str, str, str]]:
    """(weight, condition, level, zone) of the lesions that press on `root`, most likely first.

    Uses the conditions that have frequencies in frequency.csv (disc herniation).
    """
    found = []
    for cid, table in data.frequency.items():
        cond = data.conditions[cid]
        for level in cond.levels:
            for zone in (cond.zones or (None,)):
                rules = data.rules[(cid, zone)]
                for r, role, _ in _rule_roots(data, rules, level):
                    if r != root:
                        continue
                    weight = (table["level"].get(level, 1.0) * table["zone"].get(zone or "", 1.0)
                              * _ROLE_WEIGHT[role])
                    two_sided = rules[0].side_rule == "both"
                    if two_sided == one_side:
                        weight *= _SIDE_MISMATCH
                    found.append((weight, cid, level, zone or ""))
    order = {lv: i for i, lv in enumerate(LEVELS)}
    found.sort(key=lambda t: (-t[0], order[t[2]]))
    return found


def where(data: ClinicalData, regions: Iterable[str] | str, side: str = "left",
          back_pain: bool | None = None) -> ReverseResult:
    """Rank the roots (and their likely levels) and the non-spinal mimics for marked regions."""
    if isinstance(regions, str):
        regions = [r for r in regions.replace(" ", ",").split(",")]
    marked: list[str] = []
    for r in regions:
        r = r.strip()
        if r and r not in marked:
            marked.append(r)
    if not marked:
        raise NotApplicable("Mark at least one region; valid regions: "
                            f"{', '.join(data.regions)}.")
    bad = [r for r in marked if r not in data.regions]
    if bad:
        raise NotApplicable(f"Unknown region '{bad[0]}'; valid regions: {', '.join(data.regions)}.")
    side = _side(side)
    sides = ("left", "right") if side == "both" else (side,)
    used: list[str] = []
    notes: list[tuple[int, str]] = []

    # red flags triggered by a marked region come first
    for flag in data.red_flags:
        if set(flag.regions) & set(marked):
            notes.append((0, flag.plain))
            used += flag.sources
    if side == "both":
        text, srcs = data.messages["reverse-both-sides"]
        notes.append((5, text))
        used += srcs

    # candidates: how well the root's skin areas fit the marks, weighted by how likely a
    # lesion is to press on that root at all (frequency.csv: most herniations pinch L5 or S1)
    fitted = []
    for root in data.roots:
        weights = {r: _region_weight(data.regions[r], root) for r in marked}
        fit = sum(weights.values()) / len(marked)
        if fit <= 0:
            continue
        explains = tuple(r for r in marked if weights[r] > 0)
        misses = tuple(r for r in marked if weights[r] == 0)
        lesions = _lesions_for_root(data, root, one_side=(side != "both"))
        levels = tuple((lv, zn) for _, _, lv, zn in lesions)
        hint = (lesions[0][1], lesions[0][2], lesions[0][3]) if lesions else ("", "", "")
        best_w = lesions[0][0] if lesions else 0.0
        fitted.append((fit, best_w, root, explains, misses, levels, hint))
        used += data.roots[root].sources
    max_w = max((t[1] for t in fitted), default=0.0)
    scored = []
    for fit, best_w, root, explains, misses, levels, hint in fitted:
        likelihood = 0.5 + 0.5 * best_w / max_w if max_w > 0 else 1.0
        scored.append((fit * likelihood, root, explains, misses, levels, hint, fit))
    order = list(data.roots)
    scored.sort(key=lambda t: (-t[0], order.index(t[1])))
    candidates = tuple(Candidate(root, s, round(score, 4), levels, explains, misses, hint)
                       for score, root, explains, misses, levels, hint, _ in scored for s in sides)
    for r in marked:
        used += data.regions[r].sources
    if scored:
        best = scored[0]
        if not any(not item[3] for item in scored):
            parts = []
            covered: set[str] = set()
            for _s, root, explains, _m, _l, _h, _f in scored:
                new = [r for r in explains if r not in covered]
                if new:
                    parts.append(f"{root}: {', '.join(data.regions[r].label.lower() for r in new)}")
                    covered |= set(new)
                if covered >= set(marked):
                    break
            text, srcs = data.messages["reverse-no-single-root"]
            notes.append((10, text.format(detail="; ".join(parts))))
            used += srcs
        elif not best[3] and best[6] <= _REGION_WEIGHT + 1e-9:
            text, srcs = data.messages["reverse-weak-fit"]
            notes.append((11, text.format(root=best[1])))
            used += srcs
        if any(item[4] for item in scored):
            text, srcs = data.messages["reverse-levels"]
            notes.append((40, text))
            used += srcs

    # map disagreements
    for r in marked:
        dis = data.disagreements.get(r)
        if dis is not None:
            notes.append((20, dis.text))
            used += dis.sources

    # mimics
    found = []
    for index, m in enumerate(data.mimics.values()):
        if m.side == "both" and side != "both":
            continue
        if m.required and not set(m.required) & set(marked):
            continue
        points = [1.0 if r in m.typical else _REGION_WEIGHT if r in m.also else 0.0 for r in marked]
        if m.fit == "within" and not all(points):
            continue
        if not any(points):
            continue
        score = sum(points) / len(marked)
        if back_pain and m.back_pain == "absent":
            score *= _SIDE_MISMATCH
        why = f"{m.where_plain} {m.differs_plain}"
        if m.match_note:
            why += f" {m.match_note}"
        found.append((-score, -(m.side == "both"), index, Mimic(m.id, m.name, why, round(score, 4))))
        used += m.sources
    found.sort(key=lambda t: t[:3])
    mimics = tuple(t[3] for t in found)

    if back_pain is True and mimics:
        text, srcs = data.messages["reverse-back-pain-yes"]
        notes.append((35, text))
        used += srcs
    elif back_pain is False:
        text, srcs = data.messages["reverse-back-pain-no"]
        notes.append((35, text))
        used += srcs
    text, srcs = data.messages["overlap"]
    notes.append((50, text))
    used += srcs

    notes_t = tuple(t for _, t in sorted(notes, key=lambda n: n[0]))
    return ReverseResult(tuple(marked), side, candidates, mimics, notes_t,
                         _ordered_sources(data, used))


def citations(data: ClinicalData, ids: Iterable[str]) -> tuple[str, ...]:
    """Full citations for source ids, in sources.csv order."""
    return tuple(data.sources[s] for s in _ordered_sources(data, ids))
