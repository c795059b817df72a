"""The plain glossary (data/glossary.csv): words a patient meets, each with a one-line meaning.

GlossaryFile is the file's schema (read with the clinical files); pieces() splits a text into plain runs and the
glossary words in it, so the page can explain a word where it appears (glossary_view.py
draws it). No Dash here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from .tables import Row, Series, Table, listed, pa


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


class GlossaryFile(Table):
    """data/glossary.csv, checked with the clinical files (clinical_data.FILES)."""

    term: Series[str] = pa.Field(unique=True)
    forms: Series[str] = listed(optional=False)
    meaning: Series[str]
    sources: Series[str] = listed(optional=False, refs="sources.source_id")


def glossary_problems(rows: Sequence[Row]) -> list:
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


def glossary_of(rows: Iterable[Row]) -> Glossary:
    return Glossary(tuple(Term(r["term"], r["forms"], r["meaning"], r["sources"]) for r in rows))
