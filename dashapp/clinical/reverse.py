"""Reverse look-up: marks (region, side, what is felt) -> the roots and levels that fit, mimics, red flags.

where() ranks every root on every marked leg by how well it explains that leg's marks:
- numbness and tingling follow the skin map (regions.csv, primary first) and count double at
  the root's key sensory point (key_points.csv);
- pain follows the skin map too, and also the root's pain course (pain_course.csv: buttock and
  back of the thigh for L5/S1, front of the thigh for L2-L4);
- a strength check the person found hard (strength.csv) weighs the roots it tests;
- how often a lesion presses on the root at all (frequency.csv) breaks near-ties.
It lists the non-spinal look-alikes that fit each leg (mimics.csv), the warning signs the marks
or the answers raise (red_flags.csv, most urgent first) and the notes messages.csv holds.
No Dash import here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from dashapp.model.clinical_data import (
    BOTH_LEGS_FLAG,
    FEELS,
    LEVELS,
    URGENCY_ORDER,
    ClinicalData,
    NotApplicable,
    Region,
    check_side,
    ordered_sources,
    rule_roots,
)

_ROLE_WEIGHT = {"primary": 1.0, "possible": 0.5}
_REGION_WEIGHT = 0.5  # a region where the root is ranked 2nd counts half, 3rd a quarter (overlap)
_KEY_POINT_COUNT = 2.0  # numbness or tingling at a root's key sensory point counts double for it
_WEAK_FLOOR = 0.5  # a root that tests none of the ticked strength checks keeps half its score
_BACK_PAIN_MIMIC = 0.5  # with back pain, a look-alike that comes without it counts half
LEG_SIDES = ("left", "right")


@dataclass(frozen=True)
class Mark:
    """One marked place: a region of one leg and what is felt there."""

    region: str
    side: str  # left / right
    feel: str = "pain"  # FEELS

    def token(self) -> str:
        """'big_toe:left', or 'big_toe:left:numbness' (the link and the CLI spell marks so)."""
        return f"{self.region}:{self.side}" + ("" if self.feel == "pain" else f":{self.feel}")


@dataclass(frozen=True)
class Candidate:
    root: str
    side: str
    score: float
    levels: tuple[tuple[str, str], ...]  # (level, zone), most likely first
    explains: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()
    condition_hint: tuple[str, str, str] = ("", "", "")
    fit: str = ""  # in words: "Fits all the places you marked."
    lesions: tuple[tuple[str, str, str], ...] = ()  # (condition, level, zone), most likely first


@dataclass(frozen=True)
class Mimic:
    id: str
    name: str
    why: str
    score: float = 0.0
    side: str = ""  # the leg(s) it fits: left / right / both
    fit: str = ""


@dataclass(frozen=True)
class Flag:
    """A warning sign the marks or the answers raise."""

    id: str
    text: str
    urgency: str  # "emergency" | "urgent"
    reason: str  # "marked" | "both legs" | "answered"


@dataclass(frozen=True)
class ReverseResult:
    regions: tuple[str, ...]  # region ids once each, in the order marked
    side: str  # the legs marked: left / right / both
    candidates: tuple[Candidate, ...]
    mimics: tuple[Mimic, ...]
    notes: tuple[str, ...]
    source_ids: tuple[str, ...] = ()
    marks: tuple[Mark, ...] = ()
    red_flags: tuple[Flag, ...] = ()
    weak: tuple[str, ...] = ()
    evidence: str = ""  # what pain drawings can and cannot tell (shown beside the ranking)

    def to_json(self) -> dict:
        return {
            "regions": list(self.regions),
            "marks": [{"region": m.region, "side": m.side, "feel": m.feel} for m in self.marks],
            "candidates": [{
                "root": c.root, "side": c.side, "score": c.score,
                "levels": [{"level": lv, "zone": zn, "condition": cid} for cid, lv, zn in c.lesions],
                "fit": c.fit, "explains": list(c.explains), "misses": list(c.misses),
                "condition_hint": {"condition": c.condition_hint[0], "level": c.condition_hint[1],
                                   "zone": c.condition_hint[2]},
            } for c in self.candidates],
            "mimics": [{"id": m.id, "name": m.name, "why": m.why, "side": m.side, "fit": m.fit}
                       for m in self.mimics],
            "red_flags": [{"id": f.id, "text": f.text, "urgency": f.urgency, "reason": f.reason}
                          for f in self.red_flags],
            "side": self.side,
            "weak": list(self.weak),
            "evidence": self.evidence,
            "notes": list(self.notes),
            "source_ids": list(self.source_ids),
        }


def empty_result(side: str = "left") -> ReverseResult:
    """Nothing marked yet."""
    return ReverseResult(regions=(), side=side, candidates=(), mimics=(), notes=())


# ---------------------------------------------------------------- reading marks

def parse_mark(data: ClinicalData, token: str, side: str = "left") -> tuple[Mark, ...]:
    """'big_toe', 'big_toe:left', 'big_toe:numbness' or 'big_toe:right:tingling' -> marks.

    A mark without its own side takes `side`; 'both' gives one mark per leg.
    NotApplicable (one sentence) for an unknown region, side or feeling.
    """
    region, *parts = [p.strip().lower() for p in str(token).strip().split(":")]
    if region not in data.regions:
        raise NotApplicable(f"Unknown region '{region[:40]}'; valid regions: "
                            f"{', '.join(data.regions)}.")
    own_side, feel = None, "pain"
    for part in parts:
        if part in ("left", "right", "both") and own_side is None:
            own_side = part
        elif part in FEELS and feel == "pain":
            feel = part
        else:
            raise NotApplicable(f"'{part[:40]}' in '{str(token)[:60]}' is neither a side (left, right, both) "
                                f"nor a feeling ({', '.join(FEELS)}).")
    legs = check_side(own_side or side)
    return tuple(Mark(region, s, feel) for s in (LEG_SIDES if legs == "both" else (legs,)))


def parse_marks(data: ClinicalData, items: Iterable[str | Mark] | str,
                side: str = "left") -> tuple[Mark, ...]:
    """Marks from tokens (or Mark objects), in order; a place marked twice counts once (first wins)."""
    if isinstance(items, str):
        items = items.replace(" ", ",").split(",")
    marks: dict[tuple[str, str], Mark] = {}
    for item in items:
        if isinstance(item, Mark):
            found: tuple[Mark, ...] = parse_mark(data, item.token())
        elif str(item).strip():
            found = parse_mark(data, item, side)
        else:
            continue
        for mark in found:
            marks.setdefault((mark.region, mark.side), mark)
    return tuple(marks.values())


def check_weak(data: ClinicalData, weak: Iterable[str]) -> tuple[str, ...]:
    """Strength checks the person found hard, in strength.csv order; NotApplicable for unknown ones."""
    wanted = [w.strip().lower() for w in weak if w and w.strip()]
    bad = [w for w in wanted if w not in data.strength]
    if bad:
        raise NotApplicable(f"Unknown strength check '{bad[0]}'; choose from: "
                            f"{', '.join(data.strength)}.")
    return tuple(c for c in data.strength if c in wanted)


def asked_flags(data: ClinicalData) -> tuple[str, ...]:
    """The red flags the optional check asks about (those with a question)."""
    return tuple(f.id for f in data.red_flags if f.question)


def check_answers(data: ClinicalData, answers: Iterable[str]) -> tuple[str, ...]:
    """Red-flag questions answered yes, in red_flags.csv order; NotApplicable for unknown ones."""
    wanted = [a.strip().lower() for a in answers if a and a.strip()]
    asked = asked_flags(data)
    bad = [a for a in wanted if a not in asked]
    if bad:
        raise NotApplicable(f"Unknown warning sign '{bad[0]}'; choose from: {', '.join(asked)}.")
    return tuple(a for a in asked if a in wanted)


# ---------------------------------------------------------------- scoring

def _skin_weight(region: Region, root: str) -> float:
    if root not in region.roots:
        return 0.0
    index = region.roots.index(root)
    return 1.0 if index == 0 else _REGION_WEIGHT / index


def _mark_weight(data: ClinicalData, mark: Mark, root: str) -> tuple[float, float]:
    """(how well `root` explains the mark 0..1, how much the mark counts for it)."""
    skin = _skin_weight(data.regions[mark.region], root)
    if mark.feel == "pain":  # pain also runs along the root's course
        return max(skin, 1.0 if (root, mark.region) in data.pain_course else 0.0), 1.0
    key = data.key_points.get(root)
    return skin, (_KEY_POINT_COUNT if key is not None and key[0] == mark.region else 1.0)


def _fit_words(data: ClinicalData, count: int, total: int, leg: str) -> str:
    if count == total:
        return data.messages["fit-all"][0].format(leg=leg)
    return data.messages["fit-some"][0].format(count=count, total=total, leg=leg)


def _lesions_for_root(data: ClinicalData, root: str, both_legs: bool
                      ) -> list[tuple[float, str, str, str]]:
    """(weight, condition, level, zone) of the lesions that press on `root`, most likely first.

    Lesions whose sides match the marks come first: for both legs the two-sided (central)
    ones, for one leg the one-sided ones; then by how often they occur (frequency.csv).
    """
    found = []
    for cid, table in data.frequency.items():
        cond = data.conditions[cid]
        for level in cond.levels:
            for zone in (cond.zones or (None,)):
                rules = data.rules[(cid, zone)]
                side_rule = rules[0].side_rule
                if both_legs:
                    sided = {"both": 0, "one-or-both": 1, "one": 2}[side_rule]
                else:
                    sided = {"one": 0, "one-or-both": 0, "both": 1}[side_rule]
                for r, role, _ in rule_roots(data, rules, level):
                    if r == root:
                        weight = (table["level"].get(level, 1.0) * table["zone"].get(zone or "", 1.0)
                                  * _ROLE_WEIGHT[role])
                        found.append((sided, weight, cid, level, zone or ""))
    order = {lv: i for i, lv in enumerate(LEVELS)}
    found.sort(key=lambda t: (t[0], -t[1], order[t[3]]))
    # the best lesion's weight, discounted when its sides do not match the marks; a level and
    # zone named once (central herniation and central stenosis share 'L4-L5 central')
    seen: set[tuple[str, str]] = set()
    out = []
    for sided, w, cid, lv, zn in found:
        if (lv, zn) not in seen:
            seen.add((lv, zn))
            out.append((w * (0.5 ** sided), cid, lv, zn))
    return out


def _rank_roots(data: ClinicalData, marks: tuple[Mark, ...], legs: tuple[str, ...],
                weak: tuple[str, ...], used: list[str]) -> list[tuple]:
    """(score, root, side, explains, misses, levels, hint, fit, fit words) for every root that fits."""
    both_legs = len(legs) == 2
    weak_roots = [data.strength[w].roots for w in weak]
    rows = []
    for side in legs:
        on_leg = [m for m in marks if m.side == side]
        leg_words = f" on the {side} leg" if both_legs else ""
        for root in data.roots:
            weights = [_mark_weight(data, m, root) for m in on_leg]
            total = sum(count for _, count in weights)
            fit = sum(w * count for w, count in weights) / total
            if fit <= 0:
                continue
            explains = tuple(m.region for m, (w, _) in zip(on_leg, weights) if w > 0)
            misses = tuple(m.region for m, (w, _) in zip(on_leg, weights) if w == 0)
            lesions = _lesions_for_root(data, root, both_legs)
            strength = 1.0
            if weak_roots:
                tested = sum(root in roots for roots in weak_roots)
                strength = _WEAK_FLOOR + (1 - _WEAK_FLOOR) * tested / len(weak_roots)
            rows.append([fit, lesions[0][0] if lesions else 0.0, strength, root, side, explains,
                         misses, tuple(t[1:] for t in lesions),
                         lesions[0][1:] if lesions else ("", "", ""),
                         _fit_words(data, len(explains), len(on_leg), leg_words)])
            used += data.roots[root].sources
    max_w = max((r[1] for r in rows), default=0.0)
    ranked = []
    for fit, best_w, strength, *rest in rows:
        likelihood = 0.5 + 0.5 * best_w / max_w if max_w > 0 else 1.0
        ranked.append((round(fit * likelihood * strength, 4), *rest, fit))
    order = list(data.roots)
    ranked.sort(key=lambda t: (-t[0], order.index(t[1]), LEG_SIDES.index(t[2])))
    return ranked


def _mimics(data: ClinicalData, marks: tuple[Mark, ...], legs: tuple[str, ...],
            back_pain: bool | None, used: list[str]) -> tuple[Mimic, ...]:
    """Look-alikes judged per leg and by fit: an extra mark lowers the fit, it never removes one."""
    found = []
    for index, m in enumerate(data.mimics.values()):
        judged = [("both", marks)] if m.side == "both" else [
            (s, tuple(mk for mk in marks if mk.side == s)) for s in legs]
        if m.side == "both" and len(legs) < 2:
            continue
        fits: dict[str, tuple[float, int, int]] = {}
        for leg, on_leg in judged:
            regions = [mk.region for mk in on_leg]
            if m.required and not set(m.required) & set(regions):
                continue
            points = [1.0 if r in m.typical else _REGION_WEIGHT if r in m.also else 0.0
                      for r in regions]
            if not any(points):
                continue
            score = sum(points) / len(points)
            if back_pain and m.back_pain == "absent":
                score *= _BACK_PAIN_MIMIC
            fits[leg] = (score, sum(p > 0 for p in points), len(points))
        if not fits:
            continue
        leg = "both" if len(fits) == 2 else next(iter(fits))
        score, count, total = max(fits.values())
        why = f"{m.where_plain} {m.differs_plain}" + (f" {m.match_note}" if m.match_note else "")
        leg_words = f" on the {leg} leg" if len(legs) == 2 and leg != "both" else ""
        found.append((-score, -(m.side == "both"), index,
                      Mimic(m.id, m.name, why, round(score, 4), leg,
                            _fit_words(data, count, total, leg_words))))
        used += m.sources
    found.sort(key=lambda t: t[:3])
    return tuple(t[3] for t in found)


def _red_flags(data: ClinicalData, marks: tuple[Mark, ...], legs: tuple[str, ...],
               answers: tuple[str, ...], used: list[str]) -> tuple[Flag, ...]:
    """Warning signs raised by a marked region, by marks on both legs, or by a 'yes'; most urgent first."""
    marked = {m.region for m in marks}
    raised = []
    for index, flag in enumerate(data.red_flags):
        if set(flag.regions) & marked:
            reason = "marked"
        elif flag.id == BOTH_LEGS_FLAG and len(legs) == 2:
            reason = "both legs"
        elif flag.id in answers:
            reason = "answered"
        else:
            continue
        raised.append((URGENCY_ORDER.index(flag.urgency), index,
                       Flag(flag.id, flag.plain, flag.urgency, reason)))
        used += flag.sources
    return tuple(t[2] for t in sorted(raised, key=lambda t: t[:2]))


def red_flags_for(data: ClinicalData, marks: Iterable[str | Mark] | str, side: str = "left",
                  answers: Iterable[str] = ()) -> tuple[Flag, ...]:
    """The warning signs raised by marks and answers alone (nothing marked is fine):
    what the 'get help now' block shows in either mode."""
    marks = parse_marks(data, marks, side)
    legs = tuple(s for s in LEG_SIDES if any(m.side == s for m in marks))
    return _red_flags(data, marks, legs, check_answers(data, answers), [])


def _message(data: ClinicalData, notes: list[tuple[int, str]], used: list[str], priority: int,
             message_id: str, **fill: str) -> None:
    """Add the messages.csv text (filled in, if it takes placeholders) as a note, with its sources."""
    text, srcs = data.messages[message_id]
    notes.append((priority, text.format(**fill) if fill else text))
    used += srcs


def _words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def where(data: ClinicalData, marks: Iterable[str | Mark] | str, side: str = "left",
          back_pain: bool | None = None, weak: Iterable[str] = (),
          answers: Iterable[str] = ()) -> ReverseResult:
    """Rank the roots (and their likely levels), the look-alikes and the warning signs for marks.

    `marks`: tokens 'region[:side][:feel]' (or Mark objects); a mark without a side takes `side`.
    `weak`: strength checks found hard (strength.csv ids); `answers`: red-flag questions answered yes.
    """
    marks = parse_marks(data, marks, side)
    if not marks:
        raise NotApplicable("Mark at least one region; valid regions: "
                            f"{', '.join(data.regions)}.")
    weak = check_weak(data, weak)
    answers = check_answers(data, answers)
    legs = tuple(s for s in LEG_SIDES if any(m.side == s for m in marks))
    regions = tuple(dict.fromkeys(m.region for m in marks))
    used: list[str] = []
    notes: list[tuple[int, str]] = []

    red_flags = _red_flags(data, marks, legs, answers, used)
    if len(legs) == 2:
        _message(data, notes, used, 5, "reverse-both-sides")

    ranked = _rank_roots(data, marks, legs, weak, used)
    candidates = tuple(Candidate(root, s, score, tuple(t[1:] for t in lesions), explains, misses,
                                 hint, words, lesions)
                       for score, root, s, explains, misses, lesions, hint, words, _ in ranked)
    for r in regions:
        used += data.regions[r].sources
    for m in marks:
        if m.feel == "pain":
            used += [s for (root, region), srcs in data.pain_course.items()
                     if region == m.region for s in srcs]
        elif any(key[0] == m.region for key in data.key_points.values()):
            used += [s for key in data.key_points.values() if key[0] == m.region for s in key[1]]
    if ranked:
        for leg in legs:
            on_leg = [t for t in ranked if t[2] == leg]
            if on_leg and all(t[4] for t in on_leg):  # no single root explains this leg
                parts, covered = [], set()
                for t in on_leg:
                    new = [r for r in t[3] if r not in covered]
                    if new:
                        parts.append(f"{t[1]}: {', '.join(data.regions[r].label.lower() for r in new)}")
                        covered |= set(new)
                _message(data, notes, used, 10, "reverse-no-single-root", detail="; ".join(parts))
                break
        best = ranked[0]
        if not best[4] and best[-1] <= _REGION_WEIGHT + 1e-9:
            _message(data, notes, used, 11, "reverse-weak-fit", root=best[1])
        if any(t[5] for t in ranked):
            _message(data, notes, used, 40, "reverse-levels")
    if weak:
        roots = list(dict.fromkeys(r for w in weak for r in data.strength[w].roots))
        _message(data, notes, used, 15, "reverse-strength",
                 checks=_words([data.strength[w].label.lower() for w in weak]),
                 roots=_words(roots))
        for w in weak:
            used += data.strength[w].sources

    for r in regions:  # where the dermatome maps disagree: shown, not hidden
        dis = data.disagreements.get(r)
        if dis is not None:
            notes.append((20, dis.text))
            used += dis.sources

    mimics = _mimics(data, marks, legs, back_pain, used)
    if back_pain is True and mimics:
        _message(data, notes, used, 35, "reverse-back-pain-yes")
    elif back_pain is False:
        _message(data, notes, used, 35, "reverse-back-pain-no")
    _message(data, notes, used, 50, "overlap")
    evidence, srcs = data.messages["reverse-evidence"]
    used += srcs

    notes_t = tuple(t for _, t in sorted(notes, key=lambda n: n[0]))
    return ReverseResult(regions, "both" if len(legs) == 2 else legs[0], candidates, mimics,
                         notes_t, ordered_sources(data, used), marks, red_flags, weak, evidence)
