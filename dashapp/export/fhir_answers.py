"""Where it hurts (clinical.ReverseResult) as FHIR R4B: spinefoot's own Questionnaire
(canonical URL and version) and a QuestionnaireResponse with every mark (region, side, what
is felt), the strength checks found hard, the warning questions answered yes, the warning
signs they raise, and the ranked possibilities as text marked "not a diagnosis".
read_answers() reads such a Bundle back. No Dash, no I/O.
"""
from __future__ import annotations

import hashlib
import json
from importlib import metadata

from dashapp.export.fhir_base import (
    NAMESPACE,
    PLACEHOLDER_SUBJECT,
    ExportError,
    full_url,
    laterality_coding,
    resources_of,
)
from dashapp.model.clinical_data import FEELS, ClinicalData, NotApplicable

QUESTIONNAIRE_URL = f"{NAMESPACE}:Questionnaire:where-does-it-hurt"
REGION_SYSTEM = f"{NAMESPACE}:CodeSystem:region"
SIDE_SYSTEM = f"{NAMESPACE}:CodeSystem:side"  # only where the table has no laterality code
FEEL_SYSTEM = f"{NAMESPACE}:CodeSystem:feel"
STRENGTH_SYSTEM = f"{NAMESPACE}:CodeSystem:strength-check"
WARNING_SYSTEM = f"{NAMESPACE}:CodeSystem:warning-sign"
LEGS = ("left", "right")
NOT_A_DIAGNOSIS = ("Not a diagnosis. These are the possibilities the places marked fit, in the "
                   "order spinefoot showed them; a clinician examines and decides.")


def _option(system: str, code: str, display: str) -> dict:
    return {"valueCoding": {"system": system, "code": code, "display": display}}


def _side_option(data: ClinicalData, side: str) -> dict:
    found = laterality_coding(data, side)
    return {"valueCoding": found} if found else _option(SIDE_SYSTEM, side, side)


def _choice(link_id: str, text: str, options: list[dict], **more) -> dict:
    return {"linkId": link_id, "text": text, "type": "choice", "answerOption": options, **more}


def _items(data: ClinicalData) -> list[dict]:
    mark = [
        _choice("mark.region", "Where", [_option(REGION_SYSTEM, r.id, r.label)
                                         for r in data.regions.values()], required=True),
        _choice("mark.side", "Which leg", [_side_option(data, s) for s in LEGS], required=True),
        _choice("mark.feel", "What is felt there", [_option(FEEL_SYSTEM, f, f) for f in FEELS],
                required=True),
    ]
    return [
        {"linkId": "mark", "text": "A place that hurts, tingles or is numb", "type": "group",
         "repeats": True, "item": mark},
        _choice("weak", "Strength checks found hard", [_option(STRENGTH_SYSTEM, c.id, c.label)
                                                        for c in data.strength.values()],
                repeats=True),
        _choice("flags", "Warning signs answered yes", [
            _option(WARNING_SYSTEM, f.id, f.question) for f in data.red_flags if f.question],
            repeats=True),
        {"linkId": "warnings", "text": "Warning signs these answers raise", "type": "text",
         "readOnly": True},
        {"linkId": "possibilities", "text": "What could explain it (not a diagnosis)",
         "type": "text", "readOnly": True},
    ]


def questionnaire(data: ClinicalData) -> dict:
    """spinefoot's own Questionnaire, from the data (regions, strength checks, warning questions)."""
    items = _items(data)
    # the version changes whenever the questions or their options do (a data edit)
    digest = hashlib.sha256(json.dumps(items, sort_keys=True).encode()).hexdigest()[:10]
    try:
        release = metadata.version("spinefoot")
    except metadata.PackageNotFoundError:
        release = "0"
    return {
        "resourceType": "Questionnaire", "url": QUESTIONNAIRE_URL,
        "version": f"{release}+{digest}", "name": "SpinefootWhereDoesItHurt",
        "title": "Where does it hurt? (spinefoot)", "status": "active",
        "subjectType": ["Patient"], "publisher": "spinefoot",
        "description": "Places on the legs and feet that hurt, tingle or are numb, strength "
                       "checks and warning questions, as asked by spinefoot's 'Where does it "
                       "hurt?' (an educational tool, not a diagnosis).",
        "item": items,
    }


def _coded(system: str, code: str, display: str) -> dict:
    return {"valueCoding": {"system": system, "code": code, "display": display}}


def _mark_item(data: ClinicalData, mark) -> dict:
    side = _side_option(data, mark.side)
    return {"linkId": "mark", "item": [
        {"linkId": "mark.region", "answer": [_coded(REGION_SYSTEM, mark.region,
                                                    data.regions[mark.region].label)]},
        {"linkId": "mark.side", "answer": [side]},
        {"linkId": "mark.feel", "answer": [_coded(FEEL_SYSTEM, mark.feel, mark.feel)]}]}


def possibilities_text(data: ClinicalData, result) -> str:
    """The ranked roots (with their likely levels) and the look-alikes, in the page's order."""
    lines = [NOT_A_DIAGNOSIS]
    for rank, cand in enumerate(result.candidates, 1):
        levels = ", ".join(f"{level} {zone}".strip() + f" ({data.conditions[cid].name.lower()})"
                           for cid, level, zone in cand.lesions[:3])
        lines.append(f"{rank}. {cand.root} nerve root, {cand.side} leg: {cand.fit}"
                     + (f" Most likely from: {levels}." if levels else ""))
    if result.mimics:
        lines.append("Causes outside the spine that fit: " + "; ".join(
            f"{m.name} ({m.side}): {m.fit.rstrip('.')}" for m in result.mimics) + ".")
    return "\n".join([*lines, result.evidence, *result.notes]).strip()


def response(data: ClinicalData, result, flags: tuple[str, ...], now: str) -> dict:
    q = questionnaire(data)
    items = [_mark_item(data, m) for m in result.marks]
    if result.weak:
        items.append({"linkId": "weak", "answer": [
            _coded(STRENGTH_SYSTEM, w, data.strength[w].label) for w in result.weak]})
    questions = {f.id: f.question for f in data.red_flags if f.question}
    if flags:
        items.append({"linkId": "flags", "answer": [
            _coded(WARNING_SYSTEM, f, questions[f]) for f in flags]})
    if result.red_flags:
        items.append({"linkId": "warnings", "answer": [
            {"valueString": f"{f.urgency.upper()}: {f.text}"} for f in result.red_flags]})
    items.append({"linkId": "possibilities",
                  "answer": [{"valueString": possibilities_text(data, result)}]})
    return {"resourceType": "QuestionnaireResponse",
            "questionnaire": f"{q['url']}|{q['version']}", "status": "completed",
            "subject": dict(PLACEHOLDER_SUBJECT), "authored": now, "item": items}


def answers(data: ClinicalData, result, flags: tuple[str, ...], now: str) -> list[tuple[str, dict]]:
    """(fullUrl, resource) for the Questionnaire and the response; NotApplicable when
    nothing is marked (there is nothing to record)."""
    if not result.marks:
        raise NotApplicable("Mark at least one place where it hurts first.")
    unknown = [f for f in flags if f not in {x.id for x in data.red_flags if x.question}]
    if unknown:
        raise NotApplicable(f"Unknown warning sign '{unknown[0]}'.")
    return [(full_url(), questionnaire(data)), (full_url(), response(data, result, flags, now))]


# ---------------------------------------------------------------- reading back

def _side_of(data: ClinicalData, value: dict) -> str:
    for side in LEGS:
        if _side_option(data, side)["valueCoding"]["code"] == value.get("code"):
            return side
    raise ExportError(f"unknown side code {value.get('code')!r}")


def read_answers(data: ClinicalData, document: dict) -> tuple[tuple, tuple, tuple]:
    """(marks as (region, side, feel), strength checks, warning questions answered yes) of
    a where Bundle (read with fhir_base.read_bundle)."""
    found = resources_of(document, "QuestionnaireResponse")
    if len(found) != 1 or not found[0].get("questionnaire", "").startswith(QUESTIONNAIRE_URL):
        raise ExportError("no spinefoot 'Where does it hurt?' response in this Bundle")
    marks, weak, flags = [], (), ()
    for item in found[0].get("item", ()):
        codes = [a["valueCoding"] for a in item.get("answer", ()) if "valueCoding" in a]
        if item["linkId"] == "mark":
            parts = {sub["linkId"]: sub["answer"][0]["valueCoding"] for sub in item["item"]}
            marks.append((parts["mark.region"]["code"], _side_of(data, parts["mark.side"]),
                          parts["mark.feel"]["code"]))
        elif item["linkId"] == "weak":
            weak = tuple(c["code"] for c in codes)
        elif item["linkId"] == "flags":
            flags = tuple(c["code"] for c in codes)
    return tuple(marks), weak, flags
