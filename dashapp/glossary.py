"""The plain glossary (data/glossary.csv): words a patient meets, each with a one-line meaning.

load_glossary() reads and checks the file; pieces() splits a text into plain runs and the
glossary words in it, so the page can explain a word where it appears (glossary_view.py
draws it). No Dash here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .tables import Column, DataError, read_table, require_known, require_unique


@dataclass(frozen=True)
class Term:
    id: str  # the word as listed, e.g. "nerve root"
    forms: tuple[str, ...]  # how it is written in the texts, e.g. ("nerve root", "nerve roots")
    meaning: str
    sources: tuple[str, ...]

    @property
    def anchor(self) -> str:
        """The element id of the term's meaning in the page's word list."""
        return "gloss-" + re.sub(r"[^a-z0-9]+", "-", self.id.lower()).strip("-")


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()

    def __post_init__(self):
        forms = {f.lower(): t for t in self.terms for f in t.forms}
        object.__setattr__(self, "_by_form", forms)
        # longest first, so "nerve roots" wins over "nerve root"; whole words only
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        object.__setattr__(self, "_pattern",
                           re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.I)
                           if forms else None)

    def pieces(self, text: str, seen: set[str] | None = None) -> list[str | tuple[Term, str]]:
        """`text` as plain runs and (term, word as written) pairs. With `seen`, a term is
        marked only the first time (one explanation per view is enough); `seen` is updated."""
        if not self._pattern or not text:
            return [text] if text else []
        out: list[str | tuple[Term, str]] = []
        last = 0
        for match in self._pattern.finditer(text):
            term = self._by_form[match.group(0).lower()]
            if seen is not None:
                if term.id in seen:
                    continue
                seen.add(term.id)
            if match.start() > last:
                out.append(text[last:match.start()])
            out.append((term, match.group(0)))
            last = match.end()
        if last < len(text):
            out.append(text[last:])
        return out


def load_glossary(path: str | Path, sources: Iterable[str]) -> Glossary:
    """Read glossary.csv; every term needs a meaning and a known source. DataError otherwise."""
    sources = set(sources)
    rows = read_table(path, [Column("term"), Column("forms", "list"), Column("meaning"),
                             Column("sources", "list")])
    require_unique(path, rows, ["term"])
    owner: dict[str, str] = {}
    for row in rows:  # (read_table already refuses an empty meaning or source list)
        require_known(path, row, "sources", sources, "source id")
        for form in row["forms"]:
            if form.lower() in owner:
                raise DataError(path, f"'{form}' is already a form of '{owner[form.lower()]}'",
                                line=row.line, column="forms")
            owner[form.lower()] = row["term"]
        if row["term"].lower() not in owner or owner[row["term"].lower()] != row["term"]:
            raise DataError(path, "the term itself must be one of its forms", line=row.line,
                            column="forms")
    return Glossary(tuple(Term(r["term"], r["forms"], r["meaning"], r["sources"]) for r in rows))
