"""Editing the marks of "Where does it hurt?": taps, ticks, removals, and what to say. No Dash.

A mark is (region, side, feel): a region of one leg and what is felt there (pain,
numbness, tingling). The page keeps the list in the browser; the callbacks call these
functions to change it, so the rules live here and are tested without a browser.
"""
from __future__ import annotations

Mark = tuple[str, str, str]  # (region, side, feel)

FEEL_WORDS = {"pain": "pain", "numbness": "numbness", "tingling": "pins and needles"}
MISS = "Nothing here. Tap inside the body, on one of the outlined areas."


def on_leg(marks: list[Mark], side: str) -> list[str]:
    """The regions marked on one leg, in the order marked."""
    return [region for region, s, _ in marks if s == side]


def tap(marks: list[Mark], region: str, side: str, feel: str) -> tuple[list[Mark], str]:
    """A tap on `region` of the `side` leg with `feel` chosen: (new marks, what happened).

    A new place is marked with the chosen feeling; a tap on a marked place with another
    feeling chosen changes its feeling; a tap with the same feeling unmarks it.
    """
    for i, (r, s, f) in enumerate(marks):
        if (r, s) == (region, side):
            if f == feel:
                return marks[:i] + marks[i + 1:], "unmarked"
            return marks[:i] + [(region, side, feel)] + marks[i + 1:], "changed"
    return marks + [(region, side, feel)], "marked"


def tick(marks: list[Mark], side: str, ticked: list[str], feel: str) -> tuple[list[Mark], str | None]:
    """The checklist of the `side` leg now shows `ticked`: add what is new (with `feel`),
    drop what was unticked. Returns the new marks and the region just ticked, if one was."""
    ticked_set = set(ticked)
    kept = [m for m in marks if m[1] != side or m[0] in ticked_set]
    have = set(on_leg(kept, side))
    added = [r for r in ticked if r not in have]
    return kept + [(r, side, feel) for r in added], (added[-1] if added else None)


def remove(marks: list[Mark], region: str, side: str) -> list[Mark]:
    return [m for m in marks if (m[0], m[1]) != (region, side)]


def said(labels: dict[str, str], what: str, region: str, side: str, feel: str) -> str:
    """The status line after a change: the region's name, its leg and the feeling."""
    name = f"{labels[region]} ({side} leg)"
    if what == "unmarked":
        return f"Unmarked: {name}."
    if what == "changed":
        return f"Changed: {name} now marked as {FEEL_WORDS[feel]}."
    return f"Marked: {name}, {FEEL_WORDS[feel]}."


def tokens(marks: list[Mark]) -> tuple[str, ...]:
    """The marks as engine tokens ('big_toe:left:numbness'), the cache key of a where() call."""
    return tuple(f"{r}:{s}:{f}" for r, s, f in marks)
