"""Clinical engine, forward: condition -> lesion -> roots -> regions, signs, red flags, texts.

explain() applies the rules of the clinical data (dashapp.model.clinical_data, from
data/*.csv) generically; all_states() lists every (condition, level, side, zone) it
accepts. No Dash import here.
"""
from __future__ import annotations

from dataclasses import dataclass

from dashapp.clinical import areas
from dashapp.model.clinical_data import (
    LEVELS,
    SIDES,
    URGENCY_ORDER,
    ClinicalData,
    Condition,
    Hit,
    Nerve,
    NotApplicable,
    RedFlag,
    check_side,
    ordered_sources,
    rule_roots,
)

ROOT_ORDER = ("L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4", "S5")


def root_order(root: str) -> int:
    """Sort key: head to tail (unknown roots last)."""
    return ROOT_ORDER.index(root) if root in ROOT_ORDER else len(ROOT_ORDER)


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
    # 'get help now', first on the page: the short pointer to the full list, then the
    # warning signs the lesion's own areas raise (the saddle, for a lesion in the middle)
    urgent_now: tuple[str, ...] = ()

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
            "urgent_now": list(self.urgent_now),
        }


def _normalise_level(level: str) -> str:
    if not isinstance(level, str):
        raise NotApplicable(f"Unknown level '{str(level)[:40]}'; choose one of: {', '.join(LEVELS)}.")
    return level.strip().upper().replace("/", "-").replace("\u2013", "-").replace(" ", "")


def _condition(data: ClinicalData, condition: str) -> Condition:
    cond = data.conditions.get(condition) if isinstance(condition, str) else None
    if cond is None:
        raise NotApplicable(f"Unknown condition '{condition}'. Choose one of these: "
                            f"{', '.join(data.conditions)}.")
    return cond



def defaults(data: ClinicalData, condition_id: str) -> dict:
    """The starting level, side and zone for a condition (from conditions.csv)."""
    cond = _condition(data, condition_id)
    return {"level": cond.default_level, "side": cond.default_side, "zone": cond.default_zone}


def _resolve(data: ClinicalData, condition: str, level: str | None, side: str,
             zone: str | None) -> tuple[Condition, str | None, str, str | None]:
    cond = _condition(data, condition)
    side = check_side(side)
    if zone is not None and isinstance(zone, str) and zone.strip() == "":
        zone = None
    if not cond.zones:
        if zone is not None:
            raise NotApplicable(f"{cond.name} has no zone to choose. Leave the zone empty.")
    elif zone is None:
        zone = cond.default_zone
    else:
        zone = zone.strip().lower() if isinstance(zone, str) else str(zone)[:40]
        if zone not in data.zones:
            raise NotApplicable(f"Unknown zone '{zone}'. For {cond.name}, choose one of these: "
                                f"{', '.join(cond.zones)}.")
        if zone not in cond.zones:
            raise NotApplicable(f"The {data.zones[zone].name} zone does not apply to {cond.name}. "
                                f"Choose one of these: {', '.join(cond.zones)}.")
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
            raise NotApplicable(f"Unknown level '{level}'. Choose one of these: {', '.join(LEVELS)}.")
        if level not in cond.levels:
            raise NotApplicable(cond.level_refusal or f"{cond.name} is not shown at {level}.")
    return cond, level, side, zone


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


def _place_words(data: ClinicalData, regions: list[str]) -> list[str]:
    """Patient words for areas, neighbouring ones named as one run (as the caption
    under the picture does: areas.py)."""
    return areas.grouped(regions, {r: f"the {data.regions[r].where}" for r in regions})


def _places(lead: str, more: str, places: list[str], per_sentence: int = 3) -> list[str]:
    """A list of places as short sentences, a few at a time: a long list in one
    sentence is what makes a text hard to read."""
    chunks = [places[i:i + per_sentence] for i in range(0, len(places), per_sentence)]
    return [f"{lead if i == 0 else more} {areas.in_words(chunk)}." for i, chunk in enumerate(chunks)]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


_RULE_WORD = {"traversing": "traversing", "exiting": "exiting",
              "below-traversing": "cauda equina below the level", "listed": "named"}



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
    # a red-flag region (the saddle) is never listed as a place pain 'can reach': its warning
    neutral = [r for r in ordered_regions if not data.regions[r].red_flag]
    # pain runs along the root's course (buttock, thigh); numbness follows the skin map
    course = [] if nerve is not None else list(dict.fromkeys(
        region for root, region in data.pain_course if root in primary))
    prim = _place_words(data, [r for r in neutral
                               if region_roles[r] == "primary" and r not in course])
    sec = _place_words(data, [r for r in neutral
                              if region_roles[r] == "secondary" and r not in course])
    if course:
        where_text = " ".join([
            f"Pain often runs through {areas.in_words(_place_words(data, course))} "
            f"{_side_words(side)}.",
            *_places("Numbness or pins and needles are felt more in", "And in", prim),
            *_places("It can also reach", "And", sec)])
    else:
        where_text = " ".join([f"You may feel pain, tingling or numbness {_side_words(side)}.",
                               *_places("It is felt most in", "And in", prim),
                               *_places("It can also reach", "And", sec)])
    if nerve is not None:
        signs = nerve.signs_plain
    elif len(primary) == 1:
        signs = f"A pinched {primary[0]} nerve root can cause other signs. {data.roots[primary[0]].signs_plain}"
    else:
        signs = "Other signs, root by root. " + " ".join(
            f"{r}: {data.roots[r].signs_plain}" for r in primary)
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

    hits = rule_roots(data, rules, level)
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
    flags = sorted(data.red_flags, key=lambda f: (URGENCY_ORDER.index(f.urgency),
                                                  (not f.cauda_equina) if ce else 0))
    red_flags = tuple(f.plain for f in flags)
    for f in flags:
        used_sources += f.sources
    pointer, pointer_sources = data.messages["urgent-now"]
    used_sources += pointer_sources
    urgent_now = (pointer, *(f.plain for f in flags if set(f.regions) & set(ordered_regions)))

    for note in data.condition_notes:
        if ((not note.conditions or cond.id in note.conditions) and (note.zone in (None, zone))
                and (note.level in (None, level))):
            primary = [root for root, role, _ in rule_roots(data, rules, level) if role == "primary"]
            notes.append((note.priority, note.text.format(level=level or "",
                                                          roots=_join(primary))))
            used_sources += note.sources
    notes_t = tuple(text for _, text in sorted(notes, key=lambda t: t[0]))

    plain = _plain_texts(data, cond, level, zone, eff_side, hits, nerve, ordered_regions,
                         region_roles, red_flags)
    clinical = _clinical_texts(data, cond, level, zone, eff_side, sides, hits, nerve,
                               ordered_regions, region_roles, flags, used_sources)
    ids = ordered_sources(data, used_sources)
    return Explanation(
        condition=cond.id, level=level, side=eff_side, zone=zone,
        lesion=Lesion(first.kind, level, zone, sides), roots=root_hits, regions=region_hits,
        weakness=weakness, reflexes=reflexes, red_flags=red_flags,
        sources=tuple(data.sources[s] for s in ids), notes=notes_t, plain=plain,
        clinical=clinical, source_ids=ids, condition_name=cond.name, urgent_now=urgent_now)


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
