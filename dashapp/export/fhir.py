"""A view as an HL7 FHIR R4B Bundle (type collection) for a health record.

- explain: a provisional Condition for what was explained (SNOMED CT and ICD-10-CM, bodySite
  with laterality, the plain explanation as a note) and one for the radiculopathy of each
  root the engine names (fhir_conditions.py);
- where: spinefoot's own Questionnaire and a QuestionnaireResponse with every mark, the
  strength and warning answers and the ranked possibilities, marked "not a diagnosis"
  (fhir_answers.py).

Codes come only from data/record_codes.csv (ClinicalData.record_codes), each with its code
system version; where the table gives none, the resource says so in words. No patient
identity: `subject` is a placeholder the receiving system replaces. The whole Bundle is
validated with the fhir.resources R4B models before it is returned: a view that cannot be
exported raises (NotApplicable for what the person chose, ExportError otherwise), never
half a Bundle. No Dash, no I/O.

Entry points for the page's download and the CLI's --fhir; what every export shares is
in fhir_base.py.
"""
from __future__ import annotations

from datetime import datetime

from dashapp.export import fhir_answers, fhir_conditions
from dashapp.export.fhir_base import (
    MEDIA_TYPE,
    PLACEHOLDER_SUBJECT,
    ExportError,
    bundle,
    now_text,
    read_bundle,
    resources_of,
    to_json,
)
from dashapp.model.clinical_data import ClinicalData

__all__ = ["MEDIA_TYPE", "PLACEHOLDER_SUBJECT", "ExportError", "explain_bundle", "where_bundle",
           "read_bundle", "read_answers", "resources_of", "to_json"]


def explain_bundle(data: ClinicalData, expl, weak: tuple[str, ...] = (),
                   flags: tuple[str, ...] = (), now: datetime | None = None) -> dict:
    """What was explained (clinical.Explanation) as a validated Bundle, with the strength
    checks found hard and the warning questions answered yes that came with the view."""
    return bundle(fhir_conditions.conditions(data, expl, now_text(now), weak, flags), now)


def where_bundle(data: ClinicalData, result, flags: tuple[str, ...] = (),
                 now: datetime | None = None) -> dict:
    """Where it hurts (clinical.ReverseResult) and the warning questions answered yes
    (`flags`) as a validated Bundle."""
    return bundle(fhir_answers.answers(data, result, flags, now_text(now)), now)


read_answers = fhir_answers.read_answers
