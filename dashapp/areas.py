"""Long lists of areas, read as a few places: neighbouring areas named as one
run ("the back of the leg, from the buttock to the heel"). Groups come from
data/region_groups.csv. No Dash."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .tables import Column, data_dir, read_ids, read_table, require_known, require_unique


@dataclass(frozen=True)
class AreaGroup:
    id: str
    regions: tuple[str, ...]
    words: str


@lru_cache(maxsize=4)
def load_groups(base: str | None = None) -> tuple[AreaGroup, ...]:
    """Read and check region_groups.csv (each area an id of regions.csv)."""
    folder = Path(base) if base is not None else data_dir()
    path = folder / "region_groups.csv"
    rows = read_table(path, [Column("group"), Column("regions", "list"), Column("words")])
    require_unique(path, rows, ["group"])
    known = read_ids(folder / "regions.csv", "region")
    for row in rows:
        require_known(path, row, "regions", known, "region")
    return tuple(AreaGroup(r["group"], r["regions"], r["words"]) for r in rows)


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
