"""Safety and trust, in real Chromium: what a user test of the page found (a patient on a
phone, a doctor at a laptop). Each test clicks what they clicked and checks what they saw."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from dashapp.app import create_app
from test_browser import TIMEOUT, _phone, _picker_boxes, _tap, click_option


def _ticked(duo) -> list[str]:
    """Every ticked box on the page (checklists: places, strength, warning signs)."""
    return duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('input[type=checkbox]:checked'))"
        ".map(function (b) { return b.closest('[id]').id + ':' + b.value; });")


def _picker_height(duo) -> float:
    return duo.driver.execute_script(
        "return document.querySelector('#picker').getBoundingClientRect().height")


@pytest.mark.parametrize("size", [(375, 812), (1280, 800)])
def test_switching_to_where_gives_the_picker_its_height_and_a_tap_marks_only_the_toe(
        dash_duo, size):
    if size[0] < 700:
        _phone(dash_duo)
    else:
        dash_duo.driver.set_window_size(*size)
    dash_duo.start_server(create_app())
    dash_duo.wait_for_element("#schematic .js-plotly-plot", timeout=TIMEOUT)
    dash_duo.wait_for_contains_text("#explanation", "L5", timeout=TIMEOUT)
    click_option(dash_duo, "mode", "where")
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: d.execute_script(
        "var gd = document.querySelector('#picker .js-plotly-plot');"
        "return gd && gd.layout && gd.layout.meta && gd.layout.meta.view === 'foot_top';"))
    # the picture takes its room on the page: nothing below it lies under the foot
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: _picker_height(dash_duo) > 300)
    drawn = dash_duo.driver.execute_script(
        "var r = document.querySelector('#picker .main-svg').getBoundingClientRect();"
        "return r.bottom;")
    box = dash_duo.driver.execute_script(
        "return document.querySelector('#picker').getBoundingClientRect().toJSON()")
    assert drawn <= box["bottom"] + 1, "the drawing spills out of the picker's box"
    status_top = dash_duo.driver.execute_script(
        "return document.querySelector('#picker-status').getBoundingClientRect().top")
    assert status_top >= box["bottom"] - 1
    dash_duo.driver.execute_script(
        "document.querySelector('#picker').scrollIntoView({block: 'center'})")
    toe = _picker_boxes(dash_duo)["big_toe"]
    # the element under the toe's middle is the picture, not a checkbox
    under = dash_duo.driver.execute_script(
        "var e = document.elementFromPoint(arguments[0], arguments[1]);"
        "return e && e.closest('#picker') ? 'picker' : (e ? e.outerHTML.slice(0, 80) : '');",
        toe["x"], toe["y"])
    assert under == "picker"
    _tap(dash_duo, toe["x"], toe["y"])
    dash_duo.wait_for_text_to_equal("#picker-status", "Marked: Big toe (left leg), pain.",
                                    timeout=TIMEOUT)
    dash_duo.wait_for_contains_text("#marked-list", "Big toe (left leg)", timeout=TIMEOUT)
    assert _ticked(dash_duo) == ["regions:big_toe"]
    assert len(dash_duo.driver.find_elements(By.CSS_SELECTOR, "#marked-list li")) == 1
