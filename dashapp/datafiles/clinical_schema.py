"""Read and check the clinical files of data/ -> the ClinicalData model
(dashapp.model.clinical_data).

Each file has a declared schema (the *File classes: columns, types, allowed values,
single-row rules, and refs= for ids taken from another file); read_clinical() reads
each against its schema, then runs the named checks of the rules that span files, and
raises DataError naming file, line and column. Imported only to read the files
(the checking child of cache.py, and the tests). No Dash import here.
"""
from __future__ import annotations

import string
from pathlib import Path

import pandas as pd

from dashapp.datafiles.tables import (
    BOOL_WORDS,
    Row,
    Series,
    Table,
    items,
    known_ids,
    listed,
    pa,
    read_frame,
    refuse,
    row_rule,
    rows,
    split_items,
    text,
    yes_no,
)
from dashapp.datafiles.record_schema import RecordCodesFile, record_codes_fit, record_codes_of
from dashapp.datafiles.tables import data_dir as _default_data_dir
from dashapp.model.clinical_data import (
    BOTH_LEGS_FLAG,
    LESION_KINDS,
    LEVELS,
    MESSAGES,
    NOTE_FIELDS,
    ROOT_RULES,
    SIDE_RULES,
    SIDES,
    TEMPLATE_FIELDS,
    TEXT_ONLY_ROOTS,
    URGENCY_WORDS,
    ClinicalData,
    Condition,
    ConditionNote,
    Disagreement,
    LesionRule,
    Level,
    MimicInfo,
    Nerve,
    RedFlag,
    Region,
    Root,
    StrengthCheck,
    Zone,
)
from dashapp.model.glossary import Glossary, Term

# ---------------------------------------------------------------- file schemas (one per data/*.csv)
# Each file's columns, dtypes and allowed values, its single-row rules (named), and
# refs="file.column" for the ids it takes from another file (checked by known_ids).

def _placeholder_problem(text: str | None, allowed: set[str]) -> str | None:
    """Why a {placeholder} text would fail at run time, or None."""
    if not text:
        return None
    try:
        names = _fields(text)
    except ValueError as exc:
        return f"bad {{placeholder}} text ({exc})"
    unknown = sorted(n for n in names if n not in allowed)
    if unknown:
        allowed_text = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none"
        return f"unknown placeholder {{{unknown[0]}}} (allowed: {allowed_text})"
    return None


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


class _Sourced(Table):
    """A file of facts: each row names at least one source of sources.csv."""

    sources: Series[str] = listed(optional=False, refs="sources.source_id")

    @row_rule("every fact sourced", "sources", "every fact needs at least one source")
    def _has_a_source(cls, df):
        return items(df["sources"]).map(bool)


class SourcesFile(Table):
    source_id: Series[str] = pa.Field(unique=True)
    citation: Series[str]
    url: Series[str] = text(optional=True)

    @row_rule("url is a web address", "url", "'{url}' is not an http(s) address")
    def _web_address(cls, df):
        return df["url"].isna() | df["url"].str.startswith(("https://", "http://"))


class RootsFile(_Sourced):
    root: Series[str] = pa.Field(unique=True)
    label: Series[str]
    exits_at: Series[str]
    dermatome: Series[str]
    key_point: Series[str]
    key_muscle: Series[str] = text(optional=True)
    weakness_sign: Series[str] = text(optional=True)
    reflex: Series[str] = text(optional=True)
    signs_plain: Series[str]


class RegionsFile(_Sourced):
    region: Series[str] = pa.Field(unique=True)
    label: Series[str]
    where: Series[str]
    roots: Series[str] = listed(optional=False, refs="roots.root", also=TEXT_ONLY_ROOTS)
    peripheral_nerve: Series[str]
    red_flag: Series[str] = yes_no()

    @row_rule("each root once", "roots", "a root is listed twice")
    def _roots_once(cls, df):
        return items(df["roots"]).map(lambda roots: len(set(roots)) == len(roots))


class LevelsFile(_Sourced):
    level: Series[str] = text(allowed=LEVELS, unique=True)
    upper: Series[str]
    lower: Series[str]
    exiting_root: Series[str] = text(refs="roots.root")
    traversing_root: Series[str] = text(refs="roots.root")
    plain: Series[str]


class ZonesFile(_Sourced):
    zone: Series[str] = pa.Field(unique=True)
    name: Series[str]
    plain: Series[str]
    clinical: Series[str]


def _true(values: pd.Series) -> pd.Series:
    return values.map(_yes)


def _yes(value) -> bool:
    return BOOL_WORDS.get(str(value).strip().lower(), False)


class ConditionsFile(_Sourced):
    condition: Series[str] = pa.Field(unique=True)
    name: Series[str]
    aliases: Series[str] = listed()
    zones: Series[str] = listed(refs="zones.zone")
    default_zone: Series[str] = text(optional=True)
    has_level: Series[str] = yes_no()
    levels: Series[str] = listed(allowed=LEVELS)
    default_level: Series[str] = text(optional=True)
    default_side: Series[str] = text(allowed=SIDES)
    defaults_reason: Series[str]
    level_refusal: Series[str] = text(optional=True)
    mechanism_plain: Series[str]
    clinician_note: Series[str]
    back_pain: Series[str] = yes_no()

    @row_rule("default zone among the zones", "default_zone",
              lambda row: "must be one of the condition's zones" if row["zones"]
              else "a condition without zones has no default zone")
    def _default_zone(cls, df):
        zones = items(df["zones"])
        return pd.Series([(z in zs) if zs else pd.isna(z)
                          for z, zs in zip(df["default_zone"], zones)], index=df.index)

    @row_rule("levels when it has a level", "levels",
              lambda row: "has_level is true but no levels are listed" if _yes(row["has_level"])
              else "has_level is false but levels are listed")
    def _levels_listed(cls, df):
        return _true(df["has_level"]) == items(df["levels"]).map(bool)

    @row_rule("default level among the levels", "default_level",
              lambda row: "must be one of the condition's levels" if _yes(row["has_level"])
              else "a condition without a level has no default level")
    def _default_level(cls, df):
        levels = items(df["levels"])
        return pd.Series([(lv in lvs) if has else pd.isna(lv) for lv, lvs, has in
                          zip(df["default_level"], levels, _true(df["has_level"]))], index=df.index)

    @row_rule("says why levels are missing", "level_refusal",
              "needed: say why the other levels cannot be chosen")
    def _level_refusal(cls, df):
        needs = ~_true(df["has_level"]) | (items(df["levels"]).map(len) < len(LEVELS))
        return ~needs | df["level_refusal"].notna()

    @row_rule("mechanism placeholders", "mechanism_plain",
              lambda row: _placeholder_problem(row["mechanism_plain"], TEMPLATE_FIELDS))
    def _mechanism_placeholders(cls, df):
        return df["mechanism_plain"].map(lambda t: _placeholder_problem(t, TEMPLATE_FIELDS) is None)

    @row_rule("clinician note placeholders", "clinician_note",
              lambda row: _placeholder_problem(row["clinician_note"], TEMPLATE_FIELDS))
    def _note_placeholders(cls, df):
        return df["clinician_note"].map(lambda t: _placeholder_problem(t, TEMPLATE_FIELDS) is None)


class NervesFile(_Sourced):
    nerve: Series[str] = pa.Field(unique=True)
    name: Series[str]
    roots: Series[str] = listed(optional=False, refs="roots.root")
    weakness: Series[str] = listed(optional=False)
    reflexes: Series[str] = listed(optional=False)
    signs_plain: Series[str]
    clinical: Series[str]


class TerritoriesFile(_Sourced):
    territory: Series[str] = text(refs="nerves.nerve")
    region: Series[str] = text(refs="regions.region")
    role: Series[str] = text(allowed=("primary", "secondary"))

    class Config:
        unique = ["territory", "region"]


class LesionRulesFile(_Sourced):
    condition: Series[str] = text(refs="conditions.condition")
    zone: Series[str] = text(optional=True)
    lesion_kind: Series[str] = text(allowed=LESION_KINDS)
    root_rule: Series[str] = text(allowed=ROOT_RULES)
    roots: Series[str] = listed(refs="roots.root")
    role: Series[str] = text(allowed=("primary", "possible"))
    side_rule: Series[str] = text(allowed=SIDE_RULES)
    side_refusal: Series[str] = text(optional=True)
    territory: Series[str] = text(optional=True, refs="territories.territory")
    cauda_equina: Series[str] = yes_no()

    class Config:
        unique = ["condition", "zone", "root_rule", "roots"]

    @row_rule("listed roots given", "roots",
              lambda row: "root_rule 'listed' needs the roots" if row["root_rule"] == "listed"
              else f"root_rule '{row['root_rule']}' takes no roots")
    def _roots_iff_listed(cls, df):
        return (df["root_rule"] == "listed") == df["roots"].notna()

    @row_rule("one side says why not both", "side_refusal",
              "side_rule 'one' needs the sentence shown when 'both' is chosen")
    def _one_side_refusal(cls, df):
        return (df["side_rule"] != "one") | df["side_refusal"].notna()


def _urgency_problem(row: dict) -> str:
    return (f"a{'n' if row['urgency'][0] in 'aeiou' else ''} {row['urgency']} flag says "
            f"'{URGENCY_WORDS[row['urgency']]}' (and no other urgency)")


def _says_its_urgency(urgency: str, plain: str) -> bool:
    """One urgency wording for one symptom: the plain text says its own and no other."""
    words = URGENCY_WORDS.get(urgency)
    if words is None:
        return True  # an unknown urgency is the urgency column's own problem
    return words in plain.lower() and not any(
        w in plain.lower() for w in URGENCY_WORDS.values() if w != words)


class RedFlagsFile(_Sourced):
    flag: Series[str] = pa.Field(unique=True)
    plain: Series[str]
    clinical: Series[str]
    cauda_equina: Series[str] = yes_no()
    urgency: Series[str] = text(allowed=URGENCY_WORDS)
    question: Series[str] = text(optional=True)
    regions: Series[str] = listed(refs="regions.region")

    @row_rule("says its own urgency", "plain", _urgency_problem)
    def _own_urgency(cls, df):
        return pd.Series([_says_its_urgency(u, p) for u, p in zip(df["urgency"], df["plain"])],
                         index=df.index)


def _in_both(first: str | None, second: str | None) -> list[str]:
    return sorted(set(split_items(first or "")) & set(split_items(second or "")))


class MimicsFile(_Sourced):
    mimic: Series[str] = pa.Field(unique=True)
    name: Series[str]
    where_plain: Series[str]
    differs_plain: Series[str]
    differs_clinical: Series[str]
    regions_typical: Series[str] = listed(refs="regions.region")
    regions_also: Series[str] = listed(refs="regions.region")
    regions_required: Series[str] = listed(refs="regions.region")
    side: Series[str] = text(allowed=("any", "both"))
    back_pain: Series[str] = text(allowed=("any", "absent"))
    match_note: Series[str] = text(optional=True)

    @row_rule("a mimic has a region", "regions_typical", "a mimic needs at least one region")
    def _has_region(cls, df):
        return df["regions_typical"].notna() | df["regions_also"].notna()

    @row_rule("typical or also, not both", "regions_also",
              lambda row: f"'{_in_both(row['regions_typical'], row['regions_also'])[0]}' "
                          "is also in regions_typical")
    def _typical_or_also(cls, df):
        return pd.Series([not set(t) & set(a) for t, a in
                          zip(items(df["regions_typical"]), items(df["regions_also"]))],
                         index=df.index)


class MapDisagreementsFile(_Sourced):
    region: Series[str] = text(unique=True, refs="regions.region")
    maps: Series[str] = listed(optional=False, refs="sources.source_id")
    text: Series[str]


class ConditionNotesFile(_Sourced):
    condition: Series[str] = listed(refs="conditions.condition")
    zone: Series[str] = text(optional=True)
    level: Series[str] = text(optional=True, allowed=LEVELS)
    priority: Series[int]
    text: Series[str]

    @row_rule("note placeholders", "text",
              lambda row: _placeholder_problem(row["text"], NOTE_FIELDS))
    def _placeholders(cls, df):
        return df["text"].map(lambda t: _placeholder_problem(t, NOTE_FIELDS) is None)


class FrequencyFile(_Sourced):
    condition: Series[str] = text(refs="conditions.condition")
    kind: Series[str] = text(allowed=("level", "zone"))
    value: Series[str]
    weight: Series[float] = pa.Field(gt=0, le=1)

    class Config:
        unique = ["condition", "kind", "value"]


class MessagesFile(_Sourced):
    message: Series[str] = pa.Field(unique=True)
    text: Series[str]

    @row_rule("a message the engine uses", "message",
              f"unknown message id '{{message}}' (known: {', '.join(MESSAGES)})")
    def _known_message(cls, df):
        return df["message"].isin(list(MESSAGES))

    @row_rule("message placeholders", "text",
              lambda row: _placeholder_problem(row["text"], MESSAGES.get(row["message"], set())))
    def _placeholders(cls, df):
        return pd.Series([m not in MESSAGES or _placeholder_problem(t, MESSAGES[m]) is None
                          for m, t in zip(df["message"], df["text"])], index=df.index)


class PainCourseFile(_Sourced):
    root: Series[str] = text(refs="roots.root")
    region: Series[str] = text(refs="regions.region")

    class Config:
        unique = ["root", "region"]


class KeyPointsFile(_Sourced):
    root: Series[str] = text(unique=True, refs="roots.root")
    region: Series[str] = text(refs="regions.region")


class StrengthFile(_Sourced):
    check: Series[str] = pa.Field(unique=True)
    label: Series[str]
    question: Series[str]
    roots: Series[str] = listed(optional=False, refs="roots.root")
    muscle: Series[str]


class GlossaryFile(Table):
    """data/glossary.csv, checked with the clinical files (FILES)."""

    term: Series[str] = pa.Field(unique=True)
    forms: Series[str] = listed(optional=False)
    meaning: Series[str]
    sources: Series[str] = listed(optional=False, refs="sources.source_id")


def glossary_problems(rows: list[Row]) -> list:
    """Named check: each written form belongs to one term, and a term is one of its own forms."""
    problems, owner = [], {}
    for row in rows:
        for form in row["forms"]:
            if form.lower() in owner:
                problems.append((row.line, "forms",
                                 f"'{form}' is already a form of '{owner[form.lower()]}'"))
            else:
                owner[form.lower()] = row["term"]
        if owner.get(row["term"].lower()) != row["term"]:
            problems.append((row.line, "forms", "the term itself must be one of its forms"))
    return problems


def glossary_of(rows: list[Row]) -> Glossary:
    return Glossary(tuple(Term(r["term"], r["forms"], r["meaning"], r["sources"]) for r in rows))


# every clinical file, in the order they are checked
FILES: dict[str, type[Table]] = {
    "sources": SourcesFile, "roots": RootsFile, "regions": RegionsFile, "levels": LevelsFile,
    "zones": ZonesFile, "conditions": ConditionsFile, "nerves": NervesFile,
    "territories": TerritoriesFile, "lesion_rules": LesionRulesFile, "red_flags": RedFlagsFile,
    "mimics": MimicsFile, "map_disagreements": MapDisagreementsFile,
    "condition_notes": ConditionNotesFile, "frequency": FrequencyFile, "messages": MessagesFile,
    "pain_course": PainCourseFile, "key_points": KeyPointsFile, "strength": StrengthFile,
    "glossary": GlossaryFile, "record_codes": RecordCodesFile,
}


# ---------------------------------------------------------------- loading

def read_clinical(data_dir: str | Path | None = None) -> ClinicalData:
    """Read every clinical file against its schema, check the ids each takes from another
    file, then the rules that span files; raises DataError naming file, line, column."""
    base = Path(data_dir) if data_dir is not None else _default_data_dir()
    frames = {name: read_frame(base / f"{name}.csv", schema) for name, schema in FILES.items()}
    for name, schema in FILES.items():
        refuse(base / f"{name}.csv", known_ids(frames, name, schema))
    r = {name: rows(frames[name], schema) for name, schema in FILES.items()}
    for check in CROSS_FILE_CHECKS:
        _refuse_by_file(base, check(r))
    return _model(r)


# Named checks of the rules that span files: each takes the rows of every file and
# returns its problems as (file name, line, column, message).

def regions_have_a_drawn_root(r) -> list:
    drawn = {row["root"] for row in r["roots"]}
    return [("regions", row.line, "roots", "needs at least one root from roots.csv")
            for row in r["regions"] if not drawn & set(row["roots"])]


def levels_agree_with_roots(r) -> list:
    order = [row["root"] for row in r["roots"]]
    root_row = {row["root"]: row for row in r["roots"]}
    problems = []
    for row in r["levels"]:
        # a root leaves below the pedicle of its own vertebra: at Lx-Ly, Lx exits, Ly traverses
        rules = [
            (order.index(row["traversing_root"]) > order.index(row["exiting_root"]),
             "traversing_root", "the traversing root must lie below the exiting root"),
            (row["level"] == f"{row['upper']}-{row['lower']}", "upper",
             f"upper-lower ({row['upper']}-{row['lower']}) must spell the level"),
            (row["exiting_root"] == row["upper"], "exiting_root",
             f"the exiting root at {row['level']} is {row['upper']} (the root leaves below the "
             "pedicle of its own vertebra)"),
            (row["traversing_root"] == row["lower"], "traversing_root",
             f"the traversing root at {row['level']} is {row['lower']}")]
        broken = [("levels", row.line, column, text) for ok, column, text in rules if not ok]
        if broken:
            problems.append(broken[0])  # one per row: the others follow from it
            continue
        exiting = root_row[row["exiting_root"]]
        if exiting["exits_at"] != row["level"]:
            problems.append(("roots", exiting.line, "exits_at",
                             f"levels.csv line {row.line} has {row['exiting_root']} exiting at "
                             f"{row['level']}, not {exiting['exits_at']}"))
    exiting_at = {row["level"]: row["exiting_root"] for row in r["levels"]}
    problems += [("roots", row.line, "exits_at", f"levels.csv has {exiting_at[row['exits_at']]} "
                  f"exiting at {row['exits_at']}, not {row['root']}")
                 for row in r["roots"]
                 if exiting_at.get(row["exits_at"]) not in (None, row["root"])]
    missing = [lv for lv in LEVELS if lv not in exiting_at]
    if missing:
        problems.append(("levels", None, None, f"missing level(s): {', '.join(missing)}"))
    return problems


def rules_fit_conditions(r) -> list:
    conditions = {row["condition"]: row for row in r["conditions"]}
    problems, first = [], {}
    for row in r["lesion_rules"]:
        cond = conditions[row["condition"]]
        if cond["zones"] and row["zone"] not in cond["zones"]:
            what = "missing" if row["zone"] is None else f"'{row['zone']}' is not"
            problems.append(("lesion_rules", row.line, "zone", f"zone {what} one of "
                             f"{cond['condition']}'s zones ({', '.join(cond['zones'])})"))
        if not cond["zones"] and row["zone"] is not None:
            problems.append(("lesion_rules", row.line, "zone",
                             f"{cond['condition']} has no zones; leave zone empty"))
        if row["root_rule"] != "listed" and not cond["has_level"]:
            problems.append(("lesion_rules", row.line, "root_rule", f"root_rule "
                             f"'{row['root_rule']}' needs a level, and {cond['condition']} has none"))
        key = (row["condition"], row["zone"])
        head = first.setdefault(key, row)
        problems += [("lesion_rules", row.line, column,
                      f"differs from line {head.line} for the same condition and zone")
                     for column in ("lesion_kind", "side_rule", "territory")
                     if row[column] != head[column]][:1]
    for cond in r["conditions"]:
        for zone in cond["zones"] or (None,):
            mine = [row for row in r["lesion_rules"]
                    if row["condition"] == cond["condition"] and row["zone"] == zone]
            if not mine:
                what = f"zone '{zone}'" if zone else "the condition"
                problems.append(("conditions", cond.line, "zones" if zone else "condition",
                                 f"no rule in lesion_rules.csv for {cond['condition']}, {what}"))
            elif not any(row["role"] == "primary" for row in mine):
                problems.append(("lesion_rules", mine[0].line, "role",
                                 f"{cond['condition']} {zone or ''}: no primary root rule"))
            elif (zone == cond["default_zone"] and mine[0]["side_rule"] == "one"
                  and cond["default_side"] == "both"):
                problems.append(("conditions", cond.line, "default_side",
                                 "default side 'both' but the default zone is one-sided"))
    return problems


def red_flags_agree_with_regions(r) -> list:
    marked = {row["region"] for row in r["regions"] if row["red_flag"]}
    named = {region for row in r["red_flags"] for region in row["regions"]}
    problems = [("red_flags", row.line, "regions",
                 f"'{region}' is not marked red_flag in regions.csv")
                for row in r["red_flags"] for region in row["regions"] if region not in marked]
    if BOTH_LEGS_FLAG not in {row["flag"] for row in r["red_flags"]}:
        problems.append(("red_flags", None, None,
                         f"missing the '{BOTH_LEGS_FLAG}' flag (raised by marks on both legs)"))
    return problems + [("regions", row.line, "red_flag", "red_flag is true but no row of "
                        "red_flags.csv names this region")
                       for row in r["regions"] if row["region"] in marked - named]


def notes_fit_conditions(r) -> list:
    conditions = {row["condition"]: row for row in r["conditions"]}
    every_zone = tuple(row["zone"] for row in r["zones"])
    problems = []
    for row in r["condition_notes"]:
        for cid in row["condition"] or (None,):
            zones = conditions[cid]["zones"] if cid else every_zone
            if row["zone"] is not None and row["zone"] not in zones:
                problems.append(("condition_notes", row.line, "zone",
                                 f"'{row['zone']}' is not a zone of {cid or 'any condition'}"))
            if row["level"] is not None and cid and row["level"] not in conditions[cid]["levels"]:
                problems.append(("condition_notes", row.line, "level",
                                 f"'{row['level']}' is not a level of {cid}"))
    return problems


def frequency_fits_conditions(r) -> list:
    conditions = {row["condition"]: row for row in r["conditions"]}
    problems, given = [], {}
    for row in r["frequency"]:
        cond = conditions[row["condition"]]
        if row["value"] not in cond[row["kind"] + "s"]:
            problems.append(("frequency", row.line, "value",
                             f"'{row['value']}' is not a {row['kind']} of {row['condition']}"))
        given.setdefault(row["condition"], []).append(row)
    for cid, mine in given.items():
        for kind in ("level", "zone"):
            gap = [v for v in conditions[cid][kind + "s"]
                   if v not in {row["value"] for row in mine if row["kind"] == kind}]
            if gap:
                problems.append(("frequency", mine[-1].line, "value", f"{cid}: no {kind} weight "
                                 f"for {', '.join(gap)} (every level and zone needs one)"))
    return problems


def messages_complete(r) -> list:
    gap = [m for m in MESSAGES if m not in {row["message"] for row in r["messages"]}]
    return [("messages", None, None, f"missing message(s): {', '.join(gap)}")] if gap else []


def key_points_in_their_region(r) -> list:
    """A root's key sensory point lies in a region that root supplies."""
    region_roots = {row["region"]: row["roots"] for row in r["regions"]}
    return [("key_points", row.line, "region",
             f"{row['root']} is not a root of '{row['region']}' in regions.csv")
            for row in r["key_points"] if row["root"] not in region_roots[row["region"]]]


def glossary_forms(r) -> list:
    return [("glossary", *problem) for problem in glossary_problems(r["glossary"])]


CROSS_FILE_CHECKS = (regions_have_a_drawn_root, levels_agree_with_roots, rules_fit_conditions,
                     red_flags_agree_with_regions, notes_fit_conditions,
                     frequency_fits_conditions, messages_complete, key_points_in_their_region,
                     glossary_forms, record_codes_fit)


def _refuse_by_file(base: Path, problems: list) -> None:
    """One DataError for the first file with problems (all of that file's problems)."""
    for name in dict.fromkeys(p[0] for p in problems):
        refuse(base / f"{name}.csv", [p[1:] for p in problems if p[0] == name])


def _model(r) -> ClinicalData:
    """The immutable model from checked rows."""
    def build(cls, name, *columns):
        return [cls(*(row[c] for c in columns)) for row in r[name]]

    rules: dict[tuple[str, str | None], list[LesionRule]] = {}
    for rule in build(LesionRule, "lesion_rules", "condition", "zone", "lesion_kind", "root_rule",
                      "roots", "role", "side_rule", "side_refusal", "territory", "cauda_equina",
                      "sources"):
        rules.setdefault((rule.condition, rule.zone), []).append(rule)
    territories: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}
    for row in r["territories"]:
        territories.setdefault(row["territory"], {})[row["region"]] = (row["role"], row["sources"])
    frequency: dict[str, dict[str, dict[str, float]]] = {}
    for row in r["frequency"]:
        frequency.setdefault(row["condition"], {"level": {}, "zone": {}})[row["kind"]][
            row["value"]] = row["weight"]
    levels = {lv.id: lv for lv in build(Level, "levels", "level", "upper", "lower", "exiting_root",
                                        "traversing_root", "plain", "sources")}
    return ClinicalData(
        conditions={c.id: c for c in build(
            Condition, "conditions", "condition", "name", "aliases", "zones", "default_zone",
            "default_level", "has_level", "levels", "default_side", "defaults_reason",
            "level_refusal", "mechanism_plain", "clinician_note", "back_pain", "sources")},
        roots={x.id: x for x in build(Root, "roots", "root", "label", "exits_at", "dermatome",
                                      "key_point", "key_muscle", "weakness_sign", "reflex",
                                      "signs_plain", "sources")},
        regions={x.id: x for x in build(Region, "regions", "region", "label", "where", "roots",
                                        "peripheral_nerve", "red_flag", "sources")},
        mimics={x.id: x for x in build(
            MimicInfo, "mimics", "mimic", "name", "where_plain", "differs_plain",
            "differs_clinical", "regions_typical", "regions_also", "regions_required",
            "side", "back_pain", "match_note", "sources")},
        sources={row["source_id"]: row["citation"] for row in r["sources"]},
        levels={lv: levels[lv] for lv in LEVELS},
        zones={x.id: x for x in build(Zone, "zones", "zone", "name", "plain", "clinical",
                                      "sources")},
        rules={key: tuple(found) for key, found in rules.items()},
        nerves={x.id: x for x in build(Nerve, "nerves", "nerve", "name", "roots", "weakness",
                                       "reflexes", "signs_plain", "clinical", "sources")},
        territories=territories,
        red_flags=tuple(build(RedFlag, "red_flags", "flag", "plain", "clinical", "cauda_equina",
                              "regions", "sources", "urgency", "question")),
        disagreements={x.region: x for x in build(Disagreement, "map_disagreements", "region",
                                                  "maps", "text", "sources")},
        condition_notes=tuple(build(ConditionNote, "condition_notes", "condition", "zone",
                                    "level", "priority", "text", "sources")),
        frequency=frequency,
        messages={row["message"]: (row["text"], row["sources"]) for row in r["messages"]},
        source_urls={row["source_id"]: row["url"] for row in r["sources"]},
        pain_course={(row["root"], row["region"]): row["sources"] for row in r["pain_course"]},
        key_points={row["root"]: (row["region"], row["sources"]) for row in r["key_points"]},
        strength={x.id: x for x in build(StrengthCheck, "strength", "check", "label", "question",
                                         "roots", "muscle", "sources")},
        glossary=glossary_of(r["glossary"]),
        record_codes=record_codes_of(r["record_codes"]))


