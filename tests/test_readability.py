"""Patient text reads at a 6th-grade level (Flesch-Kincaid, textstat 0.7.3) and keeps its facts.

Limits (issue 11, NIH/AMA guidance for patient-education material): the median view at
grade 6 or below, every view at 7.5 or below. A view is what one screen shows a patient
(dashapp/page/patient_views.py); its prose is graded, headings left out. Clinician text is
not graded: it stays precise.
"""
from __future__ import annotations

import re
import statistics
import subprocess
import sys
from importlib.metadata import version

import pytest
import textstat

from dashapp import clinical
from dashapp.page import patient_views as pv
from dashapp.page import texts

MEDIAN_LIMIT = 6.0
VIEW_LIMIT = 7.5
# a guard beyond the limits: one hard paragraph (a note, a list item) must not hide
# among the easy ones of its view
BLOCK_LIMIT, BLOCK_WORDS = 10.0, 12
EMERGENCY = "Go to emergency care the same day."
URGENT = "Get medical advice the same day."


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


@pytest.fixture(scope="module")
def views(clinical_data):
    return {kind: [pv.as_prose(v) for v in vs]
            for kind, vs in pv.all_views(clinical_data, headings=False).items()}


def test_textstat_is_the_offline_version():
    assert version("textstat") == "0.7.3"
    # with every socket call refused, textstat still grades: it needs no network
    code = ("import socket\n"
            "def refuse(*a, **k): raise OSError('network used')\n"
            "socket.socket.connect = refuse; socket.create_connection = refuse\n"
            "socket.getaddrinfo = refuse\n"
            "import textstat\n"
            "print(textstat.flesch_kincaid_grade('The nerve root is pinched. It hurts.'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert float(out.stdout.strip()) < 6


def test_grade_tells_hard_from_plain():
    """The measure itself: a long clinical sentence grades far above a plain one."""
    hard = ("Part of the soft inner material of the disc between the 4th and 5th lumbar "
            "vertebrae (L4-L5) has pushed out just to one side of the middle of the spinal canal.")
    plain = "Some of the soft inside of the disc has pushed out. It presses on a nerve."
    assert grade(hard) > VIEW_LIMIT + 2
    assert grade(plain) < MEDIAN_LIMIT


def test_every_patient_view_under_the_limit(views):
    too_hard = [(grade(t), kind, t) for kind, texts in views.items() for t in texts
                if grade(t) > VIEW_LIMIT]
    assert not too_hard, "\n".join(f"{g} [{k}] {t}" for g, k, t in sorted(too_hard)[-5:])


def test_no_hard_paragraph_hides_in_a_view(clinical_data):
    blocks = {b for views in pv.all_views(clinical_data, headings=False).values()
              for view in views for b in view if textstat.lexicon_count(b) >= BLOCK_WORDS}
    too_hard = sorted((grade(b), b) for b in blocks if grade(b) > BLOCK_LIMIT)
    assert not too_hard, too_hard[-3:]


@pytest.mark.parametrize("kind", ["forward", "reverse", "refusal", "link note", "question"])
def test_median_view_at_grade_six(views, kind):
    assert statistics.median(grade(t) for t in views[kind]) <= MEDIAN_LIMIT


def test_typical_views_at_grade_six(clinical_data):
    """The nine views the issue measured, as `spinefoot explain --json` gives them."""
    grades = [grade(" ".join(pv.explain_json_text(clinical.explain(clinical_data, *s))))
              for s in pv.TYPICAL]
    assert statistics.median(grades) <= MEDIAN_LIMIT
    assert max(grades) <= VIEW_LIMIT


def _has(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w])", text) is not None


def test_forward_text_keeps_roots_sides_and_red_flags(clinical_data):
    for state in clinical.all_states(clinical_data):
        expl = clinical.explain(clinical_data, *state)
        text = " ".join(pv.explain_json_text(expl))
        for hit in expl.roots:  # every root the picture lights is named in the words
            assert _has(expl.plain["what"], hit.root), (state, hit.root, expl.plain["what"])
        side = "both sides" if expl.side == "both" else f"{expl.side} side"
        assert side in expl.plain["what"] and side in expl.plain["where"], (state, text)
        for flag in clinical_data.red_flags:
            assert flag.plain in expl.red_flags
        view = " ".join(pv.forward_view(clinical_data, state))
        for flag in expl.red_flags:
            assert flag in view


def test_red_flags_carry_one_instruction_each(clinical_data):
    """Each red flag ends with what to do; cauda equina signs are an emergency."""
    for flag in clinical_data.red_flags:
        assert flag.plain.endswith((EMERGENCY, URGENT)), flag.plain
        if flag.cauda_equina:
            assert flag.plain.endswith(EMERGENCY), flag.plain


def test_emergency_wording_is_the_same_everywhere(clinical_data):
    """One urgency wording per symptom: every sentence (headings too) that sends a patient
    to emergency care says it in the red flags' words."""
    for kind, views in pv.all_views(clinical_data).items():
        for text in (pv.as_prose(v) for v in views):
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                if re.search(r"\bemergency care\b", sentence, re.I):
                    assert EMERGENCY.lower() in sentence.lower(), (kind, sentence)


def test_reverse_text_names_the_roots_and_side(clinical_data):
    for regions, side, weak, answers in pv.reverse_marks(clinical_data):
        result = clinical.where(clinical_data, list(regions), side, weak=weak, answers=answers)
        view = " ".join(pv.reverse_view(clinical_data, regions, side, weak, answers))
        for cand in result.candidates:
            assert _has(view, cand.root), (regions, cand.root)
            assert cand.side in view
        for flag in result.red_flags:  # every warning the marks raise, with what to do
            assert flag.text in view and flag.text.endswith((EMERGENCY, URGENT)), flag.text


def test_central_lesions_warn_in_the_notes(clinical_data):
    """Where the lesion can cause cauda equina syndrome, a note says so with the instruction."""
    for state in clinical.all_states(clinical_data):
        if state[3] != "central":
            continue
        notes = " ".join(clinical.explain(clinical_data, *state).notes)
        assert EMERGENCY.lower() in notes.lower(), (state, notes)


def test_clinician_text_stays_precise(clinical_data):
    expl = clinical.explain(clinical_data, "disc-herniation", "L4-L5", "left", "paracentral")
    text = " ".join(pv.blocks(texts.explanation_children(expl, clinical_data, "clinician")))
    for term in ("traversing", "extensor hallucis longus", "ISNCSCI", "Fardon"):
        assert term in text
