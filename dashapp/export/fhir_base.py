"""The parts every FHIR export shares: codings from the codes table, bodySite with
laterality, the placeholder subject, and the Bundle, validated with the fhir.resources R4B
models. The exports themselves: fhir.py. No Dash, no I/O.
"""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from functools import lru_cache

from dashapp.model.clinical_data import ClinicalData
from dashapp.model.record_codes import CODE_SYSTEMS, PART_SYSTEMS, SYSTEM_NAMES, RecordCode

MEDIA_TYPE = "application/fhir+json"
NAMESPACE = "urn:spinefoot:fhir"  # spinefoot's own names (Questionnaire, local code systems)
# the patient is never in the file: this reference stands for them until the receiving
# system links the resources to its own record
PLACEHOLDER_SUBJECT = {
    "identifier": {"system": f"{NAMESPACE}:placeholder", "value": "patient"},
    "display": "Placeholder: the receiving system replaces this with the patient's record",
}
PART_WORDS = {"condition": "condition", "condition-site": "body site",
              "radiculopathy": "radiculopathy", "root-site": "nerve root", "laterality": "side"}
LATERALITY_EXTENSION = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-laterality-qualifier"


class ExportError(Exception):
    """The Bundle did not validate: a fault of the exporter or its data, in one line."""


def now_text(now: datetime | None = None) -> str:
    return (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")


def full_url() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def coding(row: RecordCode) -> dict:
    return {"system": CODE_SYSTEMS[row.system], "version": row.version, "code": row.code,
            "display": row.display}


def codings(data: ClinicalData, part: str, view: tuple) -> tuple[list[dict], list[str]]:
    """The codings of `part` for `view` (condition, level, zone, side, root), one per system
    with a code, and a sentence for each system without one (the table's reason)."""
    found, gaps = [], []
    for system in PART_SYSTEMS[part]:
        row = data.record_codes.find(part, system, *view)
        if row is not None and row.code:
            found.append(coding(row))
        else:
            why = row.display if row is not None else "none was checked against a source"
            gaps.append(f"No {SYSTEM_NAMES[system]} code for the {PART_WORDS[part]}: {why}.")
    return found, gaps


def laterality_coding(data: ClinicalData, side: str) -> dict | None:
    row = data.record_codes.find("laterality", "snomed-ct", side=side)
    return coding(row) if row is not None and row.code else None


def body_site(data: ClinicalData, part: str, view: tuple, text: str,
              side: str) -> tuple[dict, list[str]]:
    """A bodySite: the site's coding (if any), its words, and the side as the laterality
    qualifier extension (mCODE's, usable on Condition.bodySite)."""
    found, gaps = codings(data, part, view)
    site: dict = {"text": text}
    if found:
        site["coding"] = found
    side_coding = laterality_coding(data, side)
    if side_coding is not None:
        site["extension"] = [{"url": LATERALITY_EXTENSION,
                              "valueCodeableConcept": {"coding": [side_coding], "text": side}}]
    else:
        gaps.append(f"No SNOMED CT laterality code for '{side}'.")
    return site, gaps


def bundle(resources: list[tuple[str, dict]], now: datetime | None = None) -> dict:
    """A collection Bundle of (fullUrl, resource), validated; ExportError if it is not valid."""
    document = {
        "resourceType": "Bundle",
        "identifier": {"system": "urn:ietf:rfc:3986", "value": full_url()},
        "type": "collection",
        "timestamp": now_text(now),
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in resources],
    }
    return validated(document)


@lru_cache(maxsize=1)
def _bundle_model():
    """fhir.resources is imported on first use (~1 s): a server that never exports never pays."""
    from fhir.resources.R4B.bundle import Bundle

    return Bundle


def validated(document: dict) -> dict:
    """`document` as the fhir.resources R4B Bundle model reads and writes it back."""
    try:
        model = _bundle_model().model_validate(document)
    except ValueError as error:  # pydantic's ValidationError is a ValueError
        where, what = (str(error).splitlines() + ["", ""])[1:3]
        raise ExportError(f"the FHIR Bundle did not validate: {where.strip()}: "
                          f"{what.strip().split(' [')[0][:160]}") from None
    return json.loads(model.model_dump_json(exclude_none=True))


def to_json(document: dict) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def read_bundle(text: str) -> dict:
    """A Bundle read back and validated (for a receiving system, and for the tests)."""
    try:
        document = json.loads(text)
    except ValueError as error:
        raise ExportError(f"not JSON: {error}") from None
    if not isinstance(document, dict) or document.get("resourceType") != "Bundle":
        raise ExportError("not a FHIR Bundle")
    return validated(document)


def resources_of(document: dict, resource_type: str) -> list[dict]:
    return [e["resource"] for e in document.get("entry", ())
            if e.get("resource", {}).get("resourceType") == resource_type]
