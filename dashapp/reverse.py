"""Reverse look-up: marked skin regions (and a side) -> the roots and levels that fit, and mimics.

where() ranks every root by how well its skin areas (regions.csv, primary first) cover the
marks, weighted by how often a lesion presses on it (frequency.csv), lists the non-spinal
causes that fit (mimics.csv) and adds the notes messages.csv holds. No Dash import here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .clinical_data import (LEVELS, ClinicalData, NotApplicable, Region, check_side,
                            ordered_sources, rule_roots)

_ROLE_WEIGHT = {"primary": 1.0, "possible": 0.5}
_REGION_WEIGHT = 0.5  # a region where the root is ranked 2nd counts half, 3rd a quarter (overlap)
_SIDE_MISMATCH = 0.5  # one-sided symptoms from a two-sided lesion, or the reverse


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
                for r, role, _ in rule_roots(data, rules, level):
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


def _message(data: ClinicalData, notes: list[tuple[int, str]], used: list[str], priority: int,
             message_id: str, **fill: str) -> None:
    """Add the messages.csv text (filled in, if it takes placeholders) as a note, with its sources."""
    text, srcs = data.messages[message_id]
    notes.append((priority, text.format(**fill) if fill else text))
    used += srcs


def where(data: ClinicalData, regions: Iterable[str] | str, side: str = "left",
          back_pain: bool | None = None) -> ReverseResult:
    """Rank the roots (and their likely levels) and the non-spinal mimics for marked regions."""
    if isinstance(regions, str):
        regions = [r for r in regions.replace(" ", ",").split(",")]
    # an ordered set: one pass, however many regions are sent
    marked = list(dict.fromkeys(r.strip() if isinstance(r, str) else str(r)[:40] for r in regions))
    marked = [r for r in marked if r]
    if not marked:
        raise NotApplicable("Mark at least one region; valid regions: "
                            f"{', '.join(data.regions)}.")
    bad = [r for r in marked if r not in data.regions]
    if bad:
        raise NotApplicable(f"Unknown region '{bad[0]}'; valid regions: {', '.join(data.regions)}.")
    side = check_side(side)
    sides = ("left", "right") if side == "both" else (side,)
    used: list[str] = []
    notes: list[tuple[int, str]] = []

    # red flags triggered by a marked region come first
    for flag in data.red_flags:
        if set(flag.regions) & set(marked):
            notes.append((0, flag.plain))
            used += flag.sources
    if side == "both":
        _message(data, notes, used, 5, "reverse-both-sides")

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
            _message(data, notes, used, 10, "reverse-no-single-root", detail="; ".join(parts))
        elif not best[3] and best[6] <= _REGION_WEIGHT + 1e-9:
            _message(data, notes, used, 11, "reverse-weak-fit", root=best[1])
        if any(item[4] for item in scored):
            _message(data, notes, used, 40, "reverse-levels")

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
        _message(data, notes, used, 35, "reverse-back-pain-yes")
    elif back_pain is False:
        _message(data, notes, used, 35, "reverse-back-pain-no")
    _message(data, notes, used, 50, "overlap")

    notes_t = tuple(t for _, t in sorted(notes, key=lambda n: n[0]))
    return ReverseResult(tuple(marked), side, candidates, mimics, notes_t,
                         ordered_sources(data, used))
