"""What was explained (clinical.Explanation) as FHIR R4B Conditions: one for the problem
(code, bodySite with laterality, the plain explanation as a note) and one for the
radiculopathy of each root the engine names, each provisional: the app explains, the
clinician confirms. Codes from the codes table only (fhir_base.codings). No Dash, no I/O.
"""
from __future__ import annotations

from dashapp.export.fhir_base import PLACEHOLDER_SUBJECT, body_site, codings, full_url
from dashapp.model.clinical_data import ClinicalData, NotApplicable

TERMINOLOGY = "http://terminology.hl7.org/CodeSystem"
DUE_TO_EXTENSION = "http://hl7.org/fhir/StructureDefinition/condition-dueTo"
PROVENANCE = ("Provisional: shown and explained with spinefoot, an educational schematic of "
              "the lower back and legs; the clinician confirms or corrects it.")


def _status(system: str, code: str, display: str) -> dict:
    return {"coding": [{"system": f"{TERMINOLOGY}/{system}", "code": code, "display": display}]}


def _side_words(side: str) -> str:
    return "both sides" if side == "both" else f"{side} side"


def _shared(now: str) -> dict:
    """What every Condition of the export says: provisional, an encounter diagnosis of the
    placeholder patient, recorded now."""
    return {
        "resourceType": "Condition",
        "clinicalStatus": _status("condition-clinical", "active", "Active"),
        "verificationStatus": _status("condition-ver-status", "provisional", "Provisional"),
        "category": [_status("condition-category", "encounter-diagnosis", "Encounter Diagnosis")],
        "subject": dict(PLACEHOLDER_SUBJECT),
        "recordedDate": now,
    }


def _title(data: ClinicalData, expl) -> str:
    parts = [expl.condition_name]
    if expl.level:
        parts.append(f"at {expl.level.replace('-', '–')}")
    if expl.zone:
        parts.append(f"{data.zones[expl.zone].name} zone")
    return ", ".join([" ".join(parts[:2]), *parts[2:], _side_words(expl.side)])


def _site_words(data: ClinicalData, expl) -> str:
    """The place of the problem in words: the level, or the nerve outside the spine."""
    if expl.level:
        return f"Lumbar spine at {expl.level.replace('-', '–')}, {_side_words(expl.side)}"
    rule = data.rules[(expl.condition, expl.zone)][0]
    nerve = data.nerves.get(rule.territory or "")
    name = nerve.name if nerve else expl.condition_name
    return f"{name[:1].upper()}{name[1:]}, {_side_words(expl.side)}"


def _plain(expl) -> str:
    return " ".join(t for t in (expl.plain.get("what"), expl.plain.get("where"),
                                expl.plain.get("signs"), *expl.notes) if t)


def _clinical(expl) -> str:
    c = expl.clinical
    return " ".join(t for t in (c.get("lesion"), c.get("roots"), c.get("key_points"),
                                c.get("pattern")) if t)


def _notes(*texts: str) -> list[dict]:
    return [{"text": t} for t in texts if t]


def _answers(data: ClinicalData, weak: tuple[str, ...], flags: tuple[str, ...]) -> str:
    """The strength and warning answers that travelled with the view (never dropped)."""
    said = []
    if weak:
        said.append("Strength checks found hard: "
                    + "; ".join(data.strength[w].label for w in weak) + ".")
    questions = {f.id: f for f in data.red_flags}
    said += [f"Warning question answered yes: {questions[f].question} "
             f"({questions[f].urgency}: {questions[f].plain})" for f in flags]
    return " ".join(said)


def problem(data: ClinicalData, expl, now: str, weak: tuple[str, ...] = (),
            flags: tuple[str, ...] = ()) -> dict:
    """The Condition for what was explained (with the answers given alongside, if any)."""
    view = (expl.condition, expl.level, expl.zone, expl.side, None)
    found, gaps = codings(data, "condition", view)
    site, site_gaps = body_site(data, "condition-site", view, _site_words(data, expl), expl.side)
    code = {"text": _title(data, expl), **({"coding": found} if found else {})}
    return {**_shared(now), "code": code, "bodySite": [site],
            "note": _notes(_answers(data, weak, flags),
                           f"The explanation given (in plain words): {_plain(expl)}",
                           f"For the clinician: {_clinical(expl)}",
                           " ".join([PROVENANCE, *gaps, *site_gaps]))}


def named_roots(expl) -> list[str]:
    """The roots the engine names as pressed on (primary), head to tail, once each."""
    return list(dict.fromkeys(h.root for h in expl.roots if h.role == "primary"))


def radiculopathy(data: ClinicalData, expl, root: str, cause_url: str, now: str) -> dict:
    """The Condition for the trouble of one named root, on the explained side(s)."""
    view = (expl.condition, expl.level, expl.zone, expl.side, root)
    found, gaps = codings(data, "radiculopathy", view)
    site, site_gaps = body_site(data, "root-site", view, f"{root} nerve root", expl.side)
    signs = [s for s in (*expl.weakness, *expl.reflexes) if s.startswith(f"{root}:")]
    code = {"text": f"{root} radiculopathy, {_side_words(expl.side)}",
            **({"coding": found} if found else {})}
    return {**_shared(now), "code": code, "bodySite": [site],
            "extension": [{"url": DUE_TO_EXTENSION, "valueReference": {
                "reference": cause_url, "display": _title(data, expl)}}],
            "note": _notes(f"Signs to test: {'; '.join(signs)}." if signs else "",
                           " ".join([PROVENANCE, *gaps, *site_gaps]))}


def conditions(data: ClinicalData, expl, now: str, weak: tuple[str, ...] = (),
               flags: tuple[str, ...] = ()) -> list[tuple[str, dict]]:
    """(fullUrl, Condition) for the problem and, for a problem in the spine (it has a level),
    the radiculopathy of each root named; a nerve outside the spine has no root to name.
    `weak`, `flags`: strength checks found hard and warning questions answered yes."""
    unknown = [f for f in flags if f not in {x.id for x in data.red_flags if x.question}]
    unknown += [w for w in weak if w not in data.strength]
    if unknown:
        raise NotApplicable(f"Unknown answer '{unknown[0]}'.")
    cause = full_url()
    found = [(cause, problem(data, expl, now, weak, flags))]
    if data.conditions[expl.condition].has_level:
        found += [(full_url(), radiculopathy(data, expl, root, cause, now))
                  for root in named_roots(expl)]
    return found
