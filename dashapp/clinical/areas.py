"""Long lists of areas, read as a few places: neighbouring areas named as one
run ("the back of the leg from the buttock to the heel"), and the places
joined as an English list. Groups come from data/region_groups.csv. Used by
the caption under the picture and the patient text alike. No Dash."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from dashapp.datafiles.locations import DataError, data_dir


@dataclass(frozen=True)
class AreaGroup:
    id: str
    regions: tuple[str, ...]
    words: str


def _rows(path: Path) -> list[tuple[int, dict]]:
    """(line number, row) of a small CSV whose '#' lines are comments."""
    if not path.is_file():
        raise DataError(path, "file not found")
    numbered = [(n, line) for n, line in
                enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if line.strip() and not line.lstrip().startswith("#")]
    if not numbered:
        raise DataError(path, "no header")
    reader = csv.DictReader(line for _, line in numbered)
    return [(numbered[k + 1][0], row) for k, row in enumerate(reader)]


@lru_cache(maxsize=4)
def load_groups(base: str | None = None) -> tuple[AreaGroup, ...]:
    """Read and check region_groups.csv (each area an id of regions.csv)."""
    folder = Path(base) if base is not None else data_dir()
    path = folder / "region_groups.csv"
    known = {row.get("region", "").strip() for _, row in _rows(folder / "regions.csv")}
    groups, seen = [], set()
    for line, row in _rows(path):
        ident = (row.get("group") or "").strip()
        regions = tuple(r.strip() for r in (row.get("regions") or "").split(";") if r.strip())
        words = (row.get("words") or "").strip()
        if not ident or not regions or not words:
            raise DataError(path, "group, regions and words must all be filled", line=line)
        if "," in words:  # a comma inside one item would read as the list's own comma
            raise DataError(path, "words may not hold a comma (they are joined in a list)",
                            line=line, column="words")
        if ident in seen:
            raise DataError(path, f"duplicate group '{ident}'", line=line, column="group")
        for region in regions:
            if region not in known:
                raise DataError(path, f"unknown region '{region}'", line=line, column="regions")
        seen.add(ident)
        groups.append(AreaGroup(ident, regions, words))
    return tuple(groups)


def grouped(regions: Iterable[str], words: dict[str, str],
            groups: tuple[AreaGroup, ...] | None = None) -> list[str]:
    """Phrases for `regions` (in their order): whole runs by their group's
    words, the rest by `words[region]`. A run takes the place of its first area."""
    regions = list(dict.fromkeys(regions))
    left = set(regions)
    phrase_at: dict[str, str] = {}
    for group in groups if groups is not None else load_groups():
        if set(group.regions) <= left:
            first = next(r for r in regions if r in group.regions)
            phrase_at[first] = group.words
            left -= set(group.regions)
    return [phrase_at.get(r, words[r]) for r in regions if r in phrase_at or r in left]


def in_words(items: Iterable[str]) -> str:
    """Places as one English list: 'a', 'a and b', 'a, b and c'.

    A group names places of its own ("the top of the foot and the big toe"): last in
    the list, its 'and' is the list's ("the outer shin, the top of the foot and the big
    toe"); before the last, a comma ahead of the final 'and' keeps the items apart.
    An item with a comma of its own would make the commas ambiguous: semicolons then."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if any("," in i for i in items):
        return "; ".join(items[:-1]) + "; and " + items[-1]
    if " and the " in items[-1]:
        last = ", "
    elif any(" and " in i for i in items[:-1]):
        last = ", and "
    else:
        last = " and "
    return ", ".join(items[:-1]) + last + items[-1]
