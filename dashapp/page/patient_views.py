"""Every text a patient can read on the page, view by view, as plain strings.

The readability test (tests/test_readability.py) and benchmarks/readability.py grade
these; keeping the list here means both measure exactly what the page shows. A view is a
list of blocks (a paragraph, a list item, a heading): what a person reads on one screen.
Clinician text and the list of sources are left out: they are not written for patients.
"""
from __future__ import annotations

from dashapp import clinical
from dashapp.page import layout, texts, urlstate

# the nine views the readability issue measured: each condition at its usual place,
# plus the two other common herniation zones and the lowest disc
TYPICAL = (
    ("disc-herniation", "L4-L5", "left", "paracentral"),
    ("disc-herniation", "L5-S1", "left", "paracentral"),
    ("disc-herniation", "L4-L5", "both", "central"),
    ("disc-herniation", "L3-L4", "right", "foraminal"),
    ("degenerative-disc", "L4-L5", "left", None),
    ("spondylolisthesis", "L4-L5", "left", None),
    ("spinal-stenosis", "L4-L5", "both", "central"),
    ("facet-arthritis", "L4-L5", "left", "lateral-recess"),
    ("sciatica", None, "left", None),
)

# links with bad values: each one makes the page show a note
BAD_LINKS = (
    "?condition=nope", "?condition=disc-herniation&level=L9-S9", "?side=middle",
    "?condition=sciatica&level=L4-L5", "?condition=sciatica&zone=central",
    "?condition=disc-herniation&zone=sideways", "?condition=disc-herniation&side=both",
    "?regions=heel,nowhere&condition=disc-herniation", "?regions=heel&side=up",
    "?audience=robot", "?" + "x=1&" * 600, "?regions=heel:left:itchy",
    "?regions=heel&weak=jump&flags=nope", "?regions=a1,a2,a3,a4,a5,a6,a7",
)

SKIP_CLASSES = ("sources", "gloss-meaning")  # citations; glossary meanings are graded apart
_HEADINGS = {"H1", "H2", "H3", "H4", "Summary", "Legend"}
_BLOCKS = {"P", "Li", "Dt", "Dd", "Label", *_HEADINGS}


def _text(node) -> str:
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, (str, int, float)):
        return str(node)
    if isinstance(node, (list, tuple)):
        return "".join(_text(n) for n in node)
    if type(node).__name__ == "Br":
        return " "
    if any(c in (getattr(node, "className", None) or "").split() for c in SKIP_CLASSES):
        return ""
    return _text(getattr(node, "children", None))


def blocks(node, headings: bool = True) -> list[str]:
    """The text blocks of a component tree, in reading order (empty ones dropped);
    headings=False leaves out headings and summaries (what is graded is the prose)."""
    out: list[str] = []

    def walk(n):
        if n is None or isinstance(n, (bool, int, float)):
            return
        if isinstance(n, str):
            if n.strip():
                out.append(n.strip())
            return
        if isinstance(n, (list, tuple)):
            for child in n:
                walk(child)
            return
        if any(c in (getattr(n, "className", None) or "").split() for c in SKIP_CLASSES):
            return
        if not headings and type(n).__name__ in _HEADINGS:
            return
        # the words of radio buttons and tick boxes are read too
        for option in getattr(n, "options", None) or ():
            if isinstance(option, dict) and isinstance(option.get("label"), str):
                out.append(option["label"])
        if type(n).__name__ in _BLOCKS:
            text = " ".join(_text(n).split())
            if text:
                out.append(text)
            return
        walk(getattr(n, "children", None))

    walk(node)
    return out


def as_prose(view: list[str]) -> str:
    """Blocks joined as a reader meets them: a block without end punctuation (a heading,
    a list item) still ends there, so it does not run into the next sentence."""
    return " ".join(b if b[-1] in ".!?:" else b + "." for b in view if b)


def explain_json_text(expl: clinical.Explanation) -> list[str]:
    """The patient fields of `spinefoot explain --json` the issue measured."""
    return [expl.plain["what"], expl.plain["where"], expl.plain["signs"],
            *expl.notes, *expl.red_flags]


def forward_view(data: clinical.ClinicalData, state, headings: bool = True) -> list[str]:
    expl = clinical.explain(data, *state)
    return (blocks(texts.explanation_children(expl, data, "patient"), headings)
            + [texts.figure_summary(expl, data)])


Marks = tuple[tuple[str, ...], str, tuple[str, ...], tuple[str, ...]]  # marks, side, weak, yes


def reverse_marks(data: clinical.ClinicalData) -> list[Marks]:
    """A set of reverse-mode marks: every region alone on one side and on both, felt as
    numbness too; a few common groups (so the 'no single root', look-alike and both-legs
    texts appear); every strength check found hard and every warning question answered yes."""
    marks: list[Marks] = [((r,), side, (), ()) for r in data.regions for side in ("left", "both")]
    marks += [((f"{r}:right:numbness",), "left", (), ()) for r in data.regions]
    groups = [("big_toe", "dorsum_foot"), ("heel", "sole"), ("heel", "anterior_thigh"),
              ("lateral_leg", "posterior_calf"), ("buttock", "posterior_thigh"),
              ("groin", "little_toe"), ("sole", "dorsum_foot", "big_toe", "little_toe"),
              ("heel:left", "big_toe:right:tingling"), ("posterior_calf:left", "posterior_calf:right"),
              ("lateral_thigh:left:numbness", "anterior_thigh:left"), ("groin", "anterior_thigh")]
    marks += [(g, side, (), ()) for g in groups for side in ("left", "both")]
    marks += [(("lateral_leg", "dorsum_foot"), "left", (check,), ()) for check in data.strength]
    marks += [(("heel",), "right", (), (f.id,)) for f in data.red_flags if f.question]
    return marks


def reverse_view(data: clinical.ClinicalData, regions: tuple[str, ...], side: str,
                 weak: tuple[str, ...] = (), answers: tuple[str, ...] = (),
                 headings: bool = True) -> list[str]:
    result = clinical.where(data, list(regions), side, weak=weak, answers=answers)
    # the 'get help now' block is its own box on the page, above the candidates
    return (blocks(texts.urgent_children(result.red_flags), headings)
            + blocks(texts.reverse_children(result, data), headings)
            + [texts.reverse_summary(result, data)])


def questions(data: clinical.ClinicalData) -> list[str]:
    """The yes/no checks of 'Where does it hurt?' (warning signs, strength), from the data."""
    return ([f.question for f in data.red_flags if f.question]
            + [text for c in data.strength.values() for text in (c.label, c.question)])


def refusals(data: clinical.ClinicalData) -> list[str]:
    """Every distinct reason the engine gives for a combination that does not occur."""
    reasons: list[str] = []
    for cond in data.conditions.values():
        for level in (*clinical.LEVELS, None):
            for side in clinical.SIDES:
                for zone in (*data.zones, None):
                    try:
                        clinical.explain(data, cond.id, level, side, zone)
                    except clinical.NotApplicable as refusal:
                        if refusal.reason not in reasons:
                            reasons.append(refusal.reason)
    return reasons


def refusal_views(data: clinical.ClinicalData, headings: bool = True) -> list[list[str]]:
    return [blocks(texts.refusal_children(reason), headings) for reason in refusals(data)]


def link_notes(data: clinical.ClinicalData) -> list[str]:
    notes: list[str] = []
    for link in BAD_LINKS:
        notes += [n for n in urlstate.parse_query(link, data).notes if n not in notes]
    return notes


def static_view(data: clinical.ClinicalData, headings: bool = True) -> list[str]:
    """What the page always shows around the views: tagline, captions, footer, prompts."""
    empty = clinical.ReverseResult(regions=(), side="left", candidates=(), mimics=(), notes=())
    page = layout.build_layout(data, {}, {}, {}, {}, {"wide": 1.0})
    return [b for b in blocks(page, headings) if b != "spinefoot"] + blocks(
        texts.reverse_children(empty, data), headings)


def all_views(data: clinical.ClinicalData, headings: bool = True) -> dict[str, list[list[str]]]:
    """Every patient view the page can show, by kind (headings=False: the prose only)."""
    return {
        "forward": [forward_view(data, s, headings) for s in clinical.all_states(data)],
        "reverse": [reverse_view(data, r, s, w, a, headings) for r, s, w, a in reverse_marks(data)],
        "question": [[q] for q in questions(data)],
        "refusal": refusal_views(data, headings),
        "link note": [[n] for n in link_notes(data)],
        "page": [static_view(data, headings)],
    }
