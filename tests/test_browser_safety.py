"""Safety and trust, in real Chromium: what a user test of the page found (a patient on a
phone, a doctor at a laptop). Each test clicks what they clicked and checks what they saw."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from test_browser import TIMEOUT, _phone, _picker_boxes, _tap, click_option

from dashapp.server.factory import create_app


def _ticked(duo) -> list[str]:
    """Every ticked box on the page (checklists: places, strength, warning signs)."""
    return duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('input[type=checkbox]:checked'))"
        ".map(function (b) { return b.closest('[id]').id + ':' + b.value; });")


def _steady(duo) -> bool:
    """The picker, scrolled to the middle of the screen, is where it was a moment ago."""
    return duo.driver.execute_async_script("""
        var done = arguments[arguments.length - 1], p = document.querySelector('#picker');
        p.scrollIntoView({block: 'center'});
        var a = p.getBoundingClientRect();
        setTimeout(function () {
          var b = p.getBoundingClientRect();
          done(a.top === b.top && a.height === b.height);
        }, 300);""")


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
    # the page has settled: the explanation speaks of marking, the picker stays put
    dash_duo.wait_for_contains_text("#explanation", "Tap the places", timeout=TIMEOUT)
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: _steady(dash_duo))
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


def test_an_explainer_link_with_a_warning_answer_shows_the_urgent_box(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_element("#schematic .js-plotly-plot", timeout=TIMEOUT)
    dash_duo.driver.get(dash_duo.server_url + "/?condition=disc-herniation&flags=bladder-bowel")
    dash_duo.wait_for_contains_text("#urgent", "Get help now", timeout=TIMEOUT)
    assert "trouble passing urine" in dash_duo.find_element("#urgent").text
    dash_duo.wait_for_contains_text("#explanation", "Disc herniation", timeout=TIMEOUT)
    assert dash_duo.find_element("#mode input:checked").get_attribute("value") == "explain"
    WebDriverWait(dash_duo.driver, TIMEOUT).until(  # the answer stays in the address
        lambda d: "flags=bladder-bowel" in d.execute_script("return window.location.search"))
    # an answer the page does not know: the usual visible note
    dash_duo.driver.get(dash_duo.server_url + "/?condition=disc-herniation&weak=everything")
    dash_duo.wait_for_contains_text("#url-note", "everything", timeout=TIMEOUT)
    assert dash_duo.find_element("#url-note").is_displayed()
    assert not dash_duo.find_element("#urgent").text


def _two_marks_ranked(duo):
    """The page opened from a link marking the top of the foot and the big toe (left)."""
    duo.start_server(create_app())
    duo.wait_for_element("#schematic .js-plotly-plot", timeout=TIMEOUT)
    duo.driver.get(duo.server_url + "/?regions=dorsum_foot:left,big_toe:left")
    duo.wait_for_contains_text(".candidates li:first-child", "L5 nerve root (left)",
                               timeout=TIMEOUT)


def test_a_candidate_opened_from_marks_is_one_possible_cause_not_a_diagnosis(dash_duo):
    _two_marks_ranked(dash_duo)
    dash_duo.driver.find_element(By.CSS_SELECTOR, ".candidates li:first-child button").click()
    dash_duo.wait_for_text_to_equal(
        "#explanation h2", "One possible cause: disc herniation at L4–L5 · left side",
        timeout=TIMEOUT)
    line = dash_duo.find_element("#explanation .not-diagnosis")
    assert line.is_displayed() and "not a diagnosis" in line.text
    # chosen directly, the view is named as the doctor chose it; the line stays
    dash_duo.find_element("#start-over").click()
    dash_duo.wait_for_text_to_equal("#explanation h2", "Disc herniation · L4–L5 · left side",
                                    timeout=TIMEOUT)
    assert "not a diagnosis" in dash_duo.find_element("#explanation .not-diagnosis").text


def _box(duo, selector: str) -> dict:
    return duo.driver.execute_script(
        "return document.querySelector(arguments[0]).getBoundingClientRect().toJSON()", selector)


def test_phone_get_help_now_is_on_the_first_screen_of_the_explanation(dash_duo):
    _phone(dash_duo)
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?condition=spinal-stenosis&level=L4-L5&side=both"
                        "&zone=central")
    dash_duo.wait_for_contains_text("#explanation .urgent-now", "Get help now", timeout=TIMEOUT)
    # the saddle sign of a lesion in the middle is in the red part, not inside the text
    red = dash_duo.find_element("#explanation .urgent-now").text
    assert "between the legs" in red and "Go to emergency care the same day." in red
    # the person scrolls to the explanation (or follows "What this means")
    dash_duo.driver.execute_script(
        "document.querySelector('#explanation').scrollIntoView({block: 'start'})")
    box = _box(dash_duo, "#explanation .urgent-now")
    assert 0 <= box["top"] and box["top"] < 812 / 2, box
    style = dash_duo.driver.execute_script(
        "var s = getComputedStyle(document.querySelector('#explanation .urgent-now'));"
        "return [s.borderTopWidth, s.borderTopColor];")
    assert float(style[0].rstrip("px")) >= 2  # a red frame, not a footnote
    assert "⚠" in red  # an icon and words, not colour alone
    # the link leads to the full list
    dash_duo.find_element("#explanation .urgent-now a").click()
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: -2 <= d.execute_script(  # subpixel
        "return document.querySelector('#red-flags').getBoundingClientRect().top") < 812)


def test_laptop_get_help_now_is_visible_without_scrolling(dash_duo):
    dash_duo.driver.set_window_size(1280, 800)
    dash_duo.start_server(create_app())
    dash_duo.wait_for_contains_text("#explanation .urgent-now", "Get help now", timeout=TIMEOUT)
    inner = dash_duo.driver.execute_script("return window.innerHeight")
    assert dash_duo.driver.execute_script("return window.scrollY") == 0
    box = _box(dash_duo, "#explanation .urgent-now")
    assert 0 <= box["top"] and box["bottom"] <= inner, (box, inner)


def test_a_new_condition_starts_at_its_own_zone_and_a_greyed_side_says_why(dash_duo):
    from test_browser import checked, painted

    dash_duo.start_server(create_app())
    painted(dash_duo, "disc-herniation|L4-L5|left|paracentral")
    click_option(dash_duo, "condition", "spinal-stenosis")
    painted(dash_duo, "spinal-stenosis|L4-L5|both|central")
    # back to a herniation: its usual zone (to one side), not a central herniation;
    # the side chosen before applies again
    click_option(dash_duo, "condition", "disc-herniation")
    painted(dash_duo, "disc-herniation|L4-L5|left|paracentral")
    assert checked(dash_duo, "zone") == "paracentral" and checked(dash_duo, "side") == "left"
    dash_duo.wait_for_contains_text("#explanation h2", "left side", timeout=TIMEOUT)
    # a link names its zone: that zone is kept
    dash_duo.driver.get(dash_duo.server_url + "/?condition=disc-herniation&level=L4-L5"
                        "&side=both&zone=central")
    painted(dash_duo, "disc-herniation|L4-L5|both|central")
    assert checked(dash_duo, "zone") == "central"
    # a greyed-out side does nothing, but says why
    assert not dash_duo.find_element("#side-note").is_displayed()
    left = dash_duo.driver.find_element(By.CSS_SELECTOR, '#side input[value="left"]')
    assert left.get_attribute("disabled")
    left.find_element(By.XPATH, "./ancestor::label").click()
    dash_duo.wait_for_contains_text("#side-note", "affects both sides", timeout=TIMEOUT)
    assert dash_duo.find_element("#side-note").is_displayed()
    assert checked(dash_duo, "side") == "both"


def _focused(duo) -> str:
    return duo.driver.execute_script(
        "var e = document.activeElement;"
        "return (e.closest('[id]') ? e.closest('[id]').id : '') + '|' + e.tagName + '|'"
        " + e.textContent.slice(0, 60);")


def test_keyboard_focus_follows_a_chosen_candidate_and_the_way_back(dash_duo):
    from selenium.webdriver.common.keys import Keys

    _two_marks_ranked(dash_duo)
    dash_duo.driver.find_element(By.CSS_SELECTOR, ".candidates li:first-child button") \
        .send_keys(Keys.ENTER)
    WebDriverWait(dash_duo.driver, TIMEOUT).until(
        lambda d: _focused(dash_duo).startswith("explanation|H2|One possible cause"))
    back = dash_duo.find_element("#back-to-marks")
    assert back.is_displayed()
    back.send_keys(Keys.ENTER)
    WebDriverWait(dash_duo.driver, TIMEOUT).until(
        lambda d: _focused(dash_duo).startswith("marked-list|H2|You marked"))
