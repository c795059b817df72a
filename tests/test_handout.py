"""The printed handout, as the browser prints it: headless Chromium's own
PDF (CDP Page.printToPDF), read back with pypdf, rendered with pdftoppm and
its QR code decoded with zxing-cpp."""
from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from selenium.webdriver.support.ui import WebDriverWait
from test_browser import TIMEOUT, painted
from test_chairside import _centre, _ink, _stroke, open_at

from dashapp import clinical
from dashapp.datafiles.clinical_schema import read_clinical
from dashapp.server.factory import create_app

PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}  # inches, portrait
NOTE = "Walk every day; review in six weeks."


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def print_pdf(duo, paper: str) -> bytes:
    width, height = PAPERS[paper]
    result = duo.driver.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": width, "paperHeight": height, "printBackground": False,
        "preferCSSPageSize": False})
    return base64.b64decode(result["data"])


def rendered(pdf: bytes, out: Path) -> Image.Image:
    """The first page as pdftoppm draws it (150 dpi PNG)."""
    pdf_path = out.with_suffix(".pdf")
    pdf_path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf_path),
                    str(out.with_suffix(""))], check=True, timeout=60)
    return Image.open(out)


def prepare(duo) -> str:
    """The doctor's view: a drawing and a note. Returns the view's link."""
    open_at(duo, 1280, 800, "?condition=disc-herniation&level=L4-L5&side=right"
                            "&zone=paracentral")
    painted(duo, "disc-herniation|L4-L5|right|paracentral")
    duo.find_element("#draw-toggle").click()
    _stroke(duo, _centre(duo, "spine:disc:L4-L5"), _centre(duo, "region:dorsum_foot:right:foot_top"))
    WebDriverWait(duo.driver, TIMEOUT).until(lambda d: len(_ink(duo)["strokes"]) == 1)
    duo.find_element("#draw-toggle").click()  # done drawing
    duo.find_element("#print-open").click()
    duo.find_element("#doctor-note").send_keys(NOTE)
    duo.find_element("#handout-close").click()
    link = duo.driver.execute_script("return location.href")
    assert "draw=" in link and NOTE.split()[0] not in link  # the note is never in the link
    # the QR code of exactly this link has loaded
    WebDriverWait(duo.driver, TIMEOUT).until(lambda d: d.execute_script(
        "var i = document.getElementById('handout-qr'); return i.complete && i.naturalWidth > 0"
        " && decodeURIComponent(i.src.split('link=')[1] || '') === arguments[0]", link))
    duo.wait_for_text_to_equal("#share-link", link, timeout=TIMEOUT)
    return link


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils (tools/test.sh)")
def test_handout_is_one_page_with_the_words_red_flags_note_and_a_qr_of_the_link(dash_duo,
                                                                               tmp_path):
    link = prepare(dash_duo)
    expl = clinical.explain(read_clinical(), "disc-herniation", "L4-L5", "right",
                            "paracentral")
    assert expl.red_flags
    for paper in PAPERS:
        pdf = print_pdf(dash_duo, paper)
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1, f"{paper}: {len(reader.pages)} pages"
        box = reader.pages[0].mediabox
        assert float(box.height) > float(box.width)  # portrait
        text = _flat(reader.pages[0].extract_text())
        assert "Disc herniation" in text and "L4" in text and "right side" in text
        for words in (expl.plain["what"], *expl.red_flags):
            assert _flat(words) in text, (paper, words)
        assert "urgent help" in text.lower() and NOTE in text
        assert "Explain a diagnosis" not in text  # no controls on paper
        page = rendered(pdf, tmp_path / f"handout-{paper}.png")
        codes = zxingcpp.read_barcodes(page)
        assert [c.text for c in codes] == [link], (paper, [c.text for c in codes])


def test_the_doctors_note_is_never_sent_to_the_server():
    """No callback reads the note: the page never posts it."""
    app = create_app()
    for spec in app.callback_map.values():
        for dep in [*spec["inputs"], *spec["state"]]:
            assert dep["id"] != "doctor-note", spec


def test_the_longest_view_with_the_longest_note_still_prints_on_one_page(dash_duo):
    """Central stenosis on both sides has the most words; the note is capped."""
    open_at(dash_duo, 1280, 800, "?condition=spinal-stenosis&level=L4-L5&side=both&zone=central")
    painted(dash_duo, "spinal-stenosis|L4-L5|both|central")
    dash_duo.find_element("#print-open").click()
    note = dash_duo.find_element("#doctor-note")
    limit = int(note.get_attribute("maxlength"))
    note.send_keys(("Review in six weeks. " * 20)[:limit + 20])
    assert len(note.get_attribute("value")) == limit
    dash_duo.find_element("#handout-close").click()
    for paper in PAPERS:
        reader = PdfReader(io.BytesIO(print_pdf(dash_duo, paper)))
        assert len(reader.pages) == 1, paper
        assert "Review in six weeks" in reader.pages[0].extract_text()
