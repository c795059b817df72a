"""The plain glossary (data/glossary.csv): words a patient meets, each with a one-line meaning.

The file's schema and its named check are in clinical_schema.py (read with the
clinical files); pieces() splits a text into plain runs and the
glossary words in it, so the page can explain a word where it appears (glossary_view.py
draws it). No Dash here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


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
