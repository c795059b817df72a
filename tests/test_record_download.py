"""The handout dialog's "Save for the record (FHIR)" in real Chromium: the link saves a file
(Chromium's own download) that validates as a FHIR R4B Bundle of the view on screen, in both
modes, without the doctor's note; with nothing marked it is not offered."""
from __future__ import annotations

import time
from pathlib import Path

from selenium.webdriver.support.ui import WebDriverWait
from test_browser import TIMEOUT, painted
from test_chairside import open_at

from dashapp import clinical
from dashapp.export import fhir

NOTE = "Private note: call the spouse."


def _allow_downloads(duo, folder: Path) -> None:
    duo.driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                               {"behavior": "allow", "downloadPath": str(folder)})


def _saved(folder: Path) -> Path:
    """The one finished download in `folder`."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.suffix == ".json"]
        if done and not any(p.name.endswith(".crdownload") for p in folder.iterdir()):
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no download in {folder}: {list(folder.iterdir())}")


def _open_dialog_with_note(duo):
    duo.find_element("#print-open").click()
    duo.find_element("#doctor-note").send_keys(NOTE)
    link = duo.find_element("#handout-fhir")
    WebDriverWait(duo.driver, TIMEOUT).until(lambda d: link.is_displayed())
    return link


def test_the_explain_view_saves_a_file_that_validates_without_the_note(dash_duo, tmp_path,
                                                                        clinical_data):
    query = "?condition=disc-herniation&level=L4-L5&side=right&zone=paracentral"
    open_at(dash_duo, 1280, 800, query)
    painted(dash_duo, "disc-herniation|L4-L5|right|paracentral")
    _allow_downloads(dash_duo, tmp_path)
    link = _open_dialog_with_note(dash_duo)
    assert link.text == "Save for the record (FHIR)"
    assert link.get_attribute("href").endswith("/_spinefoot/record.fhir.json" + query)
    link.click()
    saved = _saved(tmp_path)
    assert saved.name == "spinefoot-disc-herniation-l4-l5-paracentral-right.fhir.json"
    text = saved.read_text(encoding="utf-8")
    assert NOTE not in text and "spouse" not in text
    problem, root = fhir.resources_of(fhir.read_bundle(text), "Condition")
    expl = clinical.explain(clinical_data, "disc-herniation", "L4-L5", "right", "paracentral")
    assert problem["code"]["text"] == "Disc herniation at L4–L5, paracentral zone, right side"
    assert [c["code"] for c in problem["code"]["coding"]] == ["202735001", "M51.16"]
    assert root["code"]["text"] == "L5 radiculopathy, right side"
    assert expl.plain["what"] in problem["note"][0]["text"]


def test_the_where_view_saves_the_marks_and_answers(dash_duo, tmp_path, clinical_data):
    query = "?regions=big_toe:left:numbness,dorsum_foot:left,heel:right&weak=tiptoe"
    open_at(dash_duo, 1280, 800, query)
    _allow_downloads(dash_duo, tmp_path)
    link = _open_dialog_with_note(dash_duo)
    assert link.get_attribute("href").endswith("/_spinefoot/record.fhir.json" + query)
    link.click()
    text = _saved(tmp_path).read_text(encoding="utf-8")
    assert NOTE not in text
    marks, weak, flags = fhir.read_answers(clinical_data, fhir.read_bundle(text))
    assert marks == (("big_toe", "left", "numbness"), ("dorsum_foot", "left", "pain"),
                     ("heel", "right", "pain"))
    assert weak == ("tiptoe",) and flags == ()


def test_with_nothing_marked_there_is_nothing_to_save(dash_duo):
    open_at(dash_duo, 1280, 800, "?mode=where&side=left")
    dash_duo.find_element("#print-open").click()
    WebDriverWait(dash_duo.driver, TIMEOUT).until(
        lambda d: dash_duo.find_element("#handout-fhir-empty").is_displayed())
    assert not dash_duo.find_element("#handout-fhir").is_displayed()
