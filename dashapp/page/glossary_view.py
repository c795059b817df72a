"""Glossary words on the page: a word whose one-line meaning shows on tap, hover or keyboard
focus, and the list of every word with its meaning.

A word is a <button type=button> (reachable with Tab, no nested controls: it is only used in
plain paragraphs and list items) whose aria-describedby points at its meaning in the word
list, so a screen reader reads the meaning too; the visible tip inside it is aria-hidden so
it is not read twice. assets/glossary.js opens the tip on tap; assets/glossary.css shows it.
"""
from __future__ import annotations

from dash import html

from dashapp.model.glossary import Glossary


class Glosser:
    """Marks each glossary word the first time it appears in one view (one tip per word)."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self.seen: set[str] = set()

    def __call__(self, text: str) -> list:
        out: list = []
        for piece in self.glossary.pieces(text, self.seen):
            if isinstance(piece, str):
                out.append(piece)
                continue
            term, word = piece
            out.append(html.Button(
                [word, html.Span(term.meaning, className="gloss-meaning", role="tooltip",
                                 **{"aria-hidden": "true"})],
                type="button", className="term", **{"aria-describedby": term.anchor}))
        return out


def word_list(glossary: Glossary) -> html.Details:
    """Every glossary word with its meaning; the meanings are what the words point at."""
    return html.Details([
        html.Summary("Words explained"),
        html.Dl([part for term in glossary.terms
                 for part in (html.Dt(term.id), html.Dd(term.meaning, id=term.anchor))]),
    ], id="glossary", className="glossary")
