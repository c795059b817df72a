"""The plain glossary: its data, how words are found in a text, and the page showing it."""
from __future__ import annotations

import re
import shutil

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashapp import clinical
from dashapp.datafiles.clinical_schema import read_clinical
from dashapp.datafiles.locations import DataError, data_dir
from dashapp.model.glossary import Glossary, Term
from dashapp.page import layout, texts
from dashapp.page import patient_views as pv

TIMEOUT = 20
# the words issue 11 names: a patient meets each of them
REQUIRED = ("disc", "vertebra", "nerve root", "spinal canal", "sciatic nerve", "stenosis",
            "herniation", "cauda equina")


def _glossary(*terms: tuple[str, tuple[str, ...]]) -> Glossary:
    return Glossary(tuple(Term(t, forms, f"meaning of {t}", ("Gray's",)) for t, forms in terms))


def test_required_words_are_explained_with_sources(clinical_data):
    terms = {t.id: t for t in clinical_data.glossary.terms}
    for word in REQUIRED:
        assert word in terms, word
    for term in terms.values():
        assert term.meaning and term.sources and all(s in clinical_data.sources for s in term.sources)


def test_pieces_marks_whole_words_longest_first_once():
    g = _glossary(("nerve root", ("nerve root", "nerve roots")), ("disc", ("disc", "discs")))
    seen: set[str] = set()
    parts = g.pieces("The discussion: two Nerve roots and a disc. Another disc.", seen)
    marked = [p for p in parts if not isinstance(p, str)]
    assert [(t.id, word) for t, word in marked] == [("nerve root", "Nerve roots"), ("disc", "disc")]
    assert "".join(p if isinstance(p, str) else p[1] for p in parts) == \
        "The discussion: two Nerve roots and a disc. Another disc."
    assert g.pieces("one more disc", seen) == ["one more disc"]  # once per view
    assert [p for p in g.pieces("discs", None) if not isinstance(p, str)]  # plural form


def _copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


@pytest.mark.parametrize("old, new, words", [
    ("disc,disc;discs,", "disc,discs,", "the term itself must be one of its forms"),
    ("vertebra,vertebra;vertebrae,", "vertebra,vertebra;discs,", "already a form of 'disc'"),
    ("Narrowing. In the spine it means less room for the nerves.,StatPearls-LSS",
     "Narrowing. In the spine it means less room for the nerves.,Nobody 2020", "Nobody 2020"),
    ("Narrowing. In the spine it means less room for the nerves.,StatPearls-LSS",
     "Narrowing. In the spine it means less room for the nerves.,", "is empty"),
])
def test_bad_glossary_is_named(tmp_path, old, new, words):
    folder = _copy(tmp_path)
    path = folder / "glossary.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_clinical(folder)
    assert "glossary.csv" in str(info.value) and words in str(info.value)


def _find(node, kind: str, class_name: str | None = None) -> list:
    """Components of type `kind` (with `class_name`, if given) in a component tree."""
    found = []

    def walk(n):
        if isinstance(n, (list, tuple)):
            for c in n:
                walk(c)
        elif hasattr(n, "children"):
            if type(n).__name__ == kind and (
                    class_name is None or class_name in (getattr(n, "className", "") or "")):
                found.append(n)
            walk(n.children)

    walk(node)
    return found


def _buttons(node) -> list:
    return _find(node, "Button", "term")


def test_every_glossary_word_a_patient_reads_is_explained_there(clinical_data):
    """In every forward view, each glossary word in the patient text is a term button once,
    pointing at its meaning; clinician text has none."""
    anchors = {t.anchor for t in clinical_data.glossary.terms}
    for state in clinical.all_states(clinical_data):
        expl = clinical.explain(clinical_data, *state)
        children = texts.explanation_children(expl, clinical_data, "patient")
        buttons = _buttons(children)
        words = [b.children[0].lower() for b in buttons]
        text = " ".join(pv.explain_json_text(expl))  # the texts that are glossed
        for term in clinical_data.glossary.terms:
            forms = {f.lower() for f in term.forms}
            appears = any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text, re.I)
                          for f in forms)
            assert sum(w in forms for w in words) == (1 if appears else 0), (state, term.id)
        for b in buttons:
            assert getattr(b, "aria-describedby") in anchors
            assert b.type == "button"
        assert not _buttons(texts.explanation_children(expl, clinical_data, "clinician"))


def test_word_list_on_the_page(page_layout, clinical_data):
    word_list = [d for d in _find(page_layout, "Details") if getattr(d, "id", None) == "glossary"]
    assert len(word_list) == 1
    dds = _find(word_list, "Dd")
    assert {d.id for d in dds} == {t.anchor for t in clinical_data.glossary.terms}


@pytest.fixture
def page_layout(clinical_data):
    return layout.build_layout(clinical_data, {}, {}, {}, {}, {"wide": 1.0})


def test_glossary_word_shows_its_meaning_by_keyboard_and_tap(dash_duo):
    from dashapp.server.factory import create_app

    dash_duo.start_server(create_app())
    dash_duo.wait_for_element("#explanation .term", timeout=TIMEOUT)
    driver = dash_duo.driver
    term = driver.find_element(By.CSS_SELECTOR, "#explanation .term")
    tip = term.find_element(By.CSS_SELECTOR, ".gloss-meaning")
    assert not tip.is_displayed()
    # the meaning it points at is on the page, in the word list
    meaning = driver.find_element(By.ID, term.get_attribute("aria-describedby"))
    assert meaning.get_attribute("textContent") == tip.get_attribute("textContent")
    # keyboard: Tab reaches the word and shows its meaning; Escape and blur hide it again
    driver.execute_script("document.querySelector('#explanation h3').setAttribute('tabindex', '-1');"
                          "document.querySelector('#explanation h3').focus();")
    driver.switch_to.active_element.send_keys(Keys.TAB)
    assert driver.switch_to.active_element == term
    assert tip.is_displayed()
    driver.execute_script("document.activeElement.blur()")
    # tap (click): opens, a second tap closes
    term.click()
    assert tip.is_displayed() and "open" in term.get_attribute("class")
    tip_box = driver.execute_script("return arguments[0].getBoundingClientRect().right", tip)
    assert tip_box <= driver.execute_script("return window.innerWidth")
    driver.find_element(By.CSS_SELECTOR, "header").click()
    assert "open" not in term.get_attribute("class")
    # the list of words is on the page and opens
    driver.find_element(By.CSS_SELECTOR, "#glossary summary").click()
    assert driver.find_element(By.ID, "gloss-nerve-root").is_displayed()
    assert dash_duo.get_logs() == []
