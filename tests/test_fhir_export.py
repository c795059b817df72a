"""The FHIR export (dashapp/export): every explained view's Bundle validates with the
fhir.resources R4B models; its ICD-10-CM codes and laterality match the level and the side
(table-driven against data/record_codes.csv, read here as a person reads it); a where
Bundle reads back to the same marks and answers; a view that cannot be exported raises,
never returning half a Bundle; and the server's download route."""
from __future__ import annotations

import csv
import json
from datetime import datetime, timezone

import pytest
from fhir.resources.R4B.bundle import Bundle

from dashapp import clinical
from dashapp.datafiles.locations import data_dir
from dashapp.export import fhir, fhir_base
from dashapp.export.fhir_answers import QUESTIONNAIRE_URL

ICD = "http://hl7.org/fhir/sid/icd-10-cm"
SNOMED = "http://snomed.info/sct"
NOW = datetime(2026, 12, 3, 9, 30, tzinfo=timezone.utc)


def rows() -> list[dict]:
    lines = [line for line in (data_dir() / "record_codes.csv").read_text(encoding="utf-8")
             .splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


def expected(part: str, system: str, **view) -> str | None:
    """The code the file gives this view (one row matches: the loader checks it), or None."""
    for row in rows():
        if row["part"] != part or row["system"] != system:
            continue
        if all(not row[k] or (v is not None and v in row[k].split(";")) for k, v in view.items()):
            return row["code"] or None
    return None


def reparsed(document: dict) -> Bundle:
    """The Bundle as a receiving system reads it: the JSON text, validated by fhir.resources."""
    return Bundle.model_validate_json(fhir.to_json(document))


def codes_of(concept: dict, system: str) -> list[str]:
    return [c["code"] for c in concept.get("coding", ()) if c["system"] == system]


def laterality_of(site: dict) -> str:
    ext = [e for e in site["extension"] if e["url"] == fhir_base.LATERALITY_EXTENSION]
    return ext[0]["valueCodeableConcept"]["coding"][0]["code"]


STATES = None


def all_views(data):
    global STATES
    if STATES is None:
        STATES = clinical.all_states(data)
    return STATES


def test_every_explained_view_gives_a_valid_bundle_with_codes_that_match_it(clinical_data):
    views = all_views(clinical_data)
    assert len(views) > 100
    lateral = {s: expected("laterality", "snomed-ct", side=s) for s in clinical.SIDES}
    for condition, level, side, zone in views:
        expl = clinical.explain(clinical_data, condition, level, side, zone)
        document = fhir.explain_bundle(clinical_data, expl, now=NOW)
        model = reparsed(document)
        assert model.type == "collection"
        problem, *roots = fhir.resources_of(document, "Condition")
        view = dict(condition=condition, level=level, zone=zone, side=expl.side)
        # ICD-10-CM and SNOMED CT as the file gives them, for this level (and side)
        assert codes_of(problem["code"], ICD) == [expected("condition", "icd-10-cm", **view)]
        assert codes_of(problem["code"], SNOMED) == [expected("condition", "snomed-ct", **view)]
        # the side of the view is the side on every bodySite
        for resource in (problem, *roots):
            assert laterality_of(resource["bodySite"][0]) == lateral[expl.side]
            assert resource["verificationStatus"]["coding"][0]["code"] == "provisional"
            assert resource["subject"] == fhir.PLACEHOLDER_SUBJECT
        named = list(dict.fromkeys(h.root for h in expl.roots if h.role == "primary"))
        has_level = clinical_data.conditions[condition].has_level
        assert [r["code"]["text"].split()[0] for r in roots] == (named if has_level else [])
        for root, resource in zip(named, roots):
            want = expected("radiculopathy", "icd-10-cm", **view, root=root)
            assert codes_of(resource["code"], ICD) == ([want] if want else [])


def test_icd10cm_region_follows_the_level_and_side_follows_the_view(clinical_data):
    """Independent of the file: L5-S1 is the lumbosacral region, the others lumbar; the
    sciatic nerve code names the side (left 02, right 01)."""
    for condition, level, side, zone in all_views(clinical_data):
        expl = clinical.explain(clinical_data, condition, level, side, zone)
        for resource in fhir.resources_of(fhir.explain_bundle(clinical_data, expl), "Condition"):
            for coding in resource["code"].get("coding", ()):
                if coding["system"] != ICD:
                    continue
                text = coding["display"]
                if level == "L5-S1":
                    assert "lumbosacral region" in text, (condition, level, text)
                elif level:
                    assert "lumbar region" in text and "lumbosacral" not in text, (level, text)
                else:
                    assert f"{expl.side} lower limb" in text, (side, text)


def test_the_l5_s1_left_herniation_the_issue_names(clinical_data):
    expl = clinical.explain(clinical_data, "disc-herniation", "L5-S1", "left", "paracentral")
    problem, root = fhir.resources_of(fhir.explain_bundle(clinical_data, expl), "Condition")
    assert codes_of(problem["code"], ICD) == ["M51.17"]
    assert laterality_of(problem["bodySite"][0]) == "7771000"
    assert codes_of(problem["bodySite"][0], SNOMED) == ["715056000"]
    assert root["code"]["text"] == "S1 radiculopathy, left side"
    # M54.1 excludes radiculopathy with a disc disorder: no second ICD-10-CM code, and it says why
    assert codes_of(root["code"], ICD) == [] and "M51.1-" in root["note"][-1]["text"]
    assert root["extension"][0]["valueReference"]["display"] == problem["code"]["text"]
    assert expl.plain["what"] in problem["note"][0]["text"]


def test_a_part_without_a_verified_code_is_written_in_words_and_says_so(clinical_data):
    expl = clinical.explain(clinical_data, "sciatica", None, "right", None)
    (problem,) = fhir.resources_of(fhir.explain_bundle(clinical_data, expl), "Condition")
    site = problem["bodySite"][0]
    assert "coding" not in site and site["text"].startswith("Sciatic nerve")
    assert laterality_of(site) == "24028007"
    assert "No SNOMED CT code for the body site" in problem["note"][-1]["text"]
    assert codes_of(problem["code"], ICD) == ["G57.01"]


WHERE_VIEWS = [
    (["big_toe:left:numbness", "dorsum_foot:left"], (), ()),
    (["heel:right", "big_toe:left:tingling", "saddle:left"], ("tiptoe", "heel-walk"),
     ("bladder-bowel",)),
    (["posterior_calf:both:pain", "sole:both:numbness"], ("knee",), ()),
]


@pytest.mark.parametrize("marks, weak, flags", WHERE_VIEWS)
def test_a_where_bundle_reads_back_to_the_same_marks_and_answers(clinical_data, marks, weak,
                                                                  flags):
    result = clinical.where(clinical_data, marks, "left", weak=weak, answers=flags)
    text = fhir.to_json(fhir.where_bundle(clinical_data, result, flags, now=NOW))
    back = fhir.read_bundle(text)
    got = fhir.read_answers(clinical_data, back)
    assert got == (tuple((m.region, m.side, m.feel) for m in result.marks), result.weak, flags)
    (questionnaire,) = fhir.resources_of(back, "Questionnaire")
    (response,) = fhir.resources_of(back, "QuestionnaireResponse")
    assert questionnaire["url"] == QUESTIONNAIRE_URL and questionnaire["version"]
    assert response["questionnaire"] == f"{QUESTIONNAIRE_URL}|{questionnaire['version']}"
    items = {i["linkId"]: i for i in response["item"]}
    note = items["possibilities"]["answer"][0]["valueString"]
    assert note.startswith("Not a diagnosis.")
    assert all(f"{c.root} nerve root, {c.side} leg" in note for c in result.candidates)
    warnings = [a["valueString"] for a in items.get("warnings", {}).get("answer", ())]
    assert warnings == [f"{f.urgency.upper()}: {f.text}" for f in result.red_flags]


def test_the_questionnaire_offers_what_the_page_asks(clinical_data):
    q = fhir_base.validated({"resourceType": "Bundle", "type": "collection", "entry": [
        {"fullUrl": "urn:uuid:00000000-0000-4000-8000-000000000001",
         "resource": fhir.fhir_answers.questionnaire(clinical_data)}]})["entry"][0]["resource"]
    items = {i["linkId"]: i for i in q["item"]}
    regions = [o["valueCoding"]["code"] for o in items["mark"]["item"][0]["answerOption"]]
    assert regions == list(clinical_data.regions)
    assert [o["valueCoding"]["code"] for o in items["weak"]["answerOption"]] == \
        list(clinical_data.strength)
    assert [o["valueCoding"]["code"] for o in items["flags"]["answerOption"]] == \
        list(clinical.asked_flags(clinical_data))


def test_nothing_marked_or_an_unknown_answer_is_refused_not_half_written(clinical_data):
    with pytest.raises(clinical.NotApplicable):
        fhir.where_bundle(clinical_data, clinical.empty_result("left"))
    result = clinical.where(clinical_data, ["heel:left"])
    with pytest.raises(clinical.NotApplicable):
        fhir.where_bundle(clinical_data, result, ("not-a-flag",))


def test_an_invalid_bundle_raises_one_line_and_returns_nothing():
    with pytest.raises(fhir.ExportError) as info:
        fhir_base.bundle([("urn:uuid:00000000-0000-4000-8000-000000000002",
                           {"resourceType": "Condition", "code": {"text": "no subject"}})])
    assert "subject" in str(info.value) and "\n" not in str(info.value)
    with pytest.raises(fhir.ExportError):
        fhir.read_bundle('{"resourceType": "Patient"}')


# ---------------------------------------------------------------- the download route

@pytest.fixture(scope="module")
def client():
    from dashapp.server.factory import create_app

    return create_app().server.test_client()


ROUTE = "/_spinefoot/record.fhir.json"


def test_the_route_gives_the_view_as_a_file_that_validates(client, clinical_data):
    reply = client.get(ROUTE + "?condition=spinal-stenosis&level=L4-L5&side=both&zone=central")
    assert reply.status_code == 200
    assert reply.headers["Content-Type"].startswith(fhir.MEDIA_TYPE)
    assert reply.headers["Content-Disposition"] == \
        'attachment; filename="spinefoot-spinal-stenosis-l4-l5-central-both.fhir.json"'
    assert reply.headers["Cache-Control"] == "no-store"
    document = fhir.read_bundle(reply.get_data(as_text=True))
    assert codes_of(fhir.resources_of(document, "Condition")[0]["code"], ICD) == ["M48.062"]
    reply = client.get(ROUTE + "?regions=big_toe:left:numbness,heel:right&weak=tiptoe"
                               "&flags=bladder-bowel")
    assert reply.status_code == 200
    back = fhir.read_answers(clinical_data, fhir.read_bundle(reply.get_data(as_text=True)))
    assert back == ((("big_toe", "left", "numbness"), ("heel", "right", "pain")), ("tiptoe",),
                    ("bladder-bowel",))


@pytest.mark.parametrize("query, words", [
    ("?mode=where&side=left", "Mark at least one place"),
    ("?condition=nope", "Unknown condition"),
    ("?condition=disc-herniation&level=L4-L5&side=both&zone=paracentral", "both"),
    ("?regions=big_toe:left&flags=not-a-flag", "Unknown warning sign"),
    ("?" + "x" * 2100, "too long"),
])
def test_a_link_that_is_not_one_view_as_shown_is_refused_in_words(client, query, words):
    reply = client.get(ROUTE + query)
    assert reply.status_code == 400
    text = reply.get_data(as_text=True)
    assert text.startswith("Not saved for the record") and words in text, text
    assert "resourceType" not in text


def test_only_get_is_served(client):
    assert client.post(ROUTE, data=json.dumps({"note": "x"})).status_code == 405


def test_answers_given_with_an_explained_view_are_never_dropped(client, clinical_data):
    """A warning sign answered yes travels with the explainer's link: it is in the record too,
    first, with its urgency."""
    reply = client.get(ROUTE + "?condition=disc-herniation&level=L4-L5&side=left"
                               "&zone=paracentral&weak=tiptoe&flags=bladder-bowel")
    assert reply.status_code == 200
    problem = fhir.resources_of(fhir.read_bundle(reply.get_data(as_text=True)), "Condition")[0]
    first = problem["note"][0]["text"]
    flag = next(f for f in clinical_data.red_flags if f.id == "bladder-bowel")
    assert flag.question in first and flag.urgency in first and flag.plain in first
    assert clinical_data.strength["tiptoe"].label in first
    expl = clinical.explain(clinical_data, "disc-herniation", "L4-L5", "left", "paracentral")
    with pytest.raises(clinical.NotApplicable):
        fhir.explain_bundle(clinical_data, expl, flags=("not-a-flag",))
