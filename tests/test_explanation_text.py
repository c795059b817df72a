"""The explanation's first lines: nothing reads like a diagnosis, urgent help comes first."""
from __future__ import annotations

import pytest

from dashapp import clinical
from dashapp.page import patient_views as pv
from dashapp.page import texts


def _text(node) -> str:
    return " ".join(pv.blocks(node))


def _classes(node) -> list[str]:
    return (getattr(node, "className", None) or "").split()


@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_reached_from_marks_it_is_one_possible_cause(clinical_data, audience):
    expl = clinical.explain(clinical_data, "disc-herniation", "L4-L5", "left", "paracentral")
    parts = texts.explanation_children(expl, clinical_data, audience, from_marks=True)
    assert _text(parts[0]) == "One possible cause: disc herniation at L4–L5 · left side"
    assert _text(parts[1]) == texts.NOT_A_DIAGNOSIS and "not-diagnosis" in _classes(parts[1])


def test_chosen_directly_the_heading_names_the_view(clinical_data):
    expl = clinical.explain(clinical_data, "disc-herniation", "L4-L5", "left", "paracentral")
    parts = texts.explanation_children(expl, clinical_data, "patient")
    assert _text(parts[0]) == "Disc herniation · L4–L5 · left side"


def test_patient_text_opens_with_not_a_diagnosis_then_get_help_now(clinical_data):
    for state in clinical.all_states(clinical_data):
        expl = clinical.explain(clinical_data, *state)
        parts = texts.explanation_children(expl, clinical_data, "patient")
        assert _text(parts[1]) == texts.NOT_A_DIAGNOSIS, state
        assert "urgent-now" in _classes(parts[2]), state
        assert "Get help now" in _text(parts[2]) and "emergency care" in _text(parts[2])


def test_a_lesion_in_the_middle_puts_the_saddle_sign_in_the_red_part(clinical_data):
    saddle = next(f for f in clinical_data.red_flags if f.id == "saddle-numbness")
    central = clinical.explain(clinical_data, "spinal-stenosis", "L4-L5", "both", "central")
    red = _text(texts.explanation_children(central, clinical_data, "patient")[2])
    assert saddle.plain in red
    assert saddle.plain not in central.plain["where"]
    side = clinical.explain(clinical_data, "disc-herniation", "L4-L5", "left", "paracentral")
    assert saddle.plain not in _text(texts.explanation_children(side, clinical_data,
                                                                 "patient")[2])
    # the pointer comes from data/ with its source
    assert central.urgent_now[0] == clinical_data.messages["urgent-now"][0]
