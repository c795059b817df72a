"""A phone opening a link: the picture first, then the page, and nothing jumps."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from dashapp.server.factory import create_app

TIMEOUT = 30
LINK = "?condition=disc-herniation&level=L5-S1&side=left&zone=paracentral"
# every layout shift the page made since it started loading (Layout Instability API)
LAYOUT_SHIFT = """
const done = arguments[0];
const entries = [];
new PerformanceObserver((list) => entries.push(...list.getEntries()))
  .observe({type: 'layout-shift', buffered: true});
setTimeout(() => done(entries.filter(e => !e.hadRecentInput)
  .map(e => ({value: e.value, nodes: e.sources.map(s => s.node && s.node.nodeName)}))), 300);
"""


@pytest.fixture
def phone(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": True})
    return dash_duo


def test_phone_link_draws_once_in_its_arrangement_without_layout_shift(phone):
    phone.driver.get(phone.server_url + "/" + LINK)
    phone.wait_for_element('#schematic .js-plotly-plot[data-highlight='
                           '"disc-herniation|L5-S1|left|paracentral"]', timeout=TIMEOUT)
    gd = phone.find_element("#schematic .js-plotly-plot")
    # drawn straight away in the stacked phone arrangement (not drawn wide, then again)
    assert gd.get_attribute("data-arrangement") == "tall"
    box = phone.driver.execute_script(
        "const r = document.getElementById('schematic').getBoundingClientRect();"
        "return [r.width, r.height];")
    assert box[1] > box[0] * 1.5  # a tall picture fills the phone's width
    phone.driver.set_script_timeout(10)
    shifts = phone.driver.execute_async_script(LAYOUT_SHIFT)
    assert sum(s["value"] for s in shifts) < 0.05, shifts
    # the first view is gone once the page is there (one copy of each word)
    assert phone.driver.find_elements(By.CSS_SELECTOR, ".first-view") == []
    assert phone.get_logs() == []


def test_the_first_picture_is_in_the_html_before_any_script(phone):
    phone.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    phone.driver.get(phone.server_url + "/" + LINK)
    img = phone.find_element(".first-view picture img")
    phone.driver.set_script_timeout(10)
    assert "S1 nerve root (left side)" in img.get_attribute("alt")
    # the phone gets the stacked picture, loaded and drawn
    assert "/tall.svg" in img.get_attribute("currentSrc")
    assert int(img.get_attribute("naturalWidth")) > 0


def test_desktop_link_loads_without_layout_shift(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.set_window_size(1280, 800)
    dash_duo.driver.get(dash_duo.server_url + "/" + LINK)
    dash_duo.wait_for_element('#schematic .js-plotly-plot[data-highlight='
                              '"disc-herniation|L5-S1|left|paracentral"]', timeout=TIMEOUT)
    dash_duo.wait_for_contains_text("#figure-summary", "S1", timeout=TIMEOUT)
    dash_duo.wait_for_contains_text("#share-link", "L5-S1", timeout=TIMEOUT)
    dash_duo.driver.set_script_timeout(10)
    shifts = dash_duo.driver.execute_async_script(LAYOUT_SHIFT)
    assert sum(s["value"] for s in shifts) < 0.05, shifts


# --- the link as a document first; the app when the person reaches for it -------------

STENOSIS = "?condition=spinal-stenosis&level=L4-L5&side=both&zone=central"
APP = "#react-entry-point .page"


def started(duo) -> bool:
    return duo.driver.execute_script(
        "return !!window.DashRenderer || !!document.querySelector(arguments[0])", APP)


def test_a_link_reads_as_a_document_before_any_script_runs(phone):
    phone.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    phone.driver.arrive_only(phone.server_url + "/" + STENOSIS)
    view = phone.find_element(".first-view")
    text = view.text
    # the same words the app writes: what it is, where it is felt, when to get help
    assert "Spinal stenosis" in phone.find_element(".first-view h2").text
    for words in ("What is happening", "Where it is felt", "When to get urgent help",
                  "Shown in red: the L5 nerve root (both sides)"):
        assert words in text, words
    # the patients' view: the 'possibly involved' layer is not in the caption
    assert "possibly also" not in phone.find_element(".first-view .figure-summary").text
    assert "/tall.svg" in phone.find_element(".first-view picture img").get_attribute("currentSrc")
    assert phone.driver.find_elements(By.CSS_SELECTOR, APP) == []


def test_the_app_waits_for_the_person_and_a_key_press_starts_it(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.set_window_size(1280, 800)
    dash_duo.driver.arrive_only(dash_duo.server_url + "/" + STENOSIS)
    dash_duo.wait_for_contains_text(".first-view .figure-summary", "L5", timeout=TIMEOUT)
    dash_duo.driver.execute_script("return new Promise(r => setTimeout(r, 1500))")
    assert not started(dash_duo)  # reading costs the phone nothing
    # a keyboard user presses Tab: the app starts and the focus is in it, not lost
    ActionChains(dash_duo.driver).send_keys(Keys.TAB).perform()
    dash_duo.wait_for_element(APP + " #condition", timeout=TIMEOUT)
    WebDriverWait(dash_duo.driver, TIMEOUT).until(
        lambda d: d.execute_script("return !!document.activeElement.closest('.page')"))
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, ".first-view") == []
    # the same view, now live
    dash_duo.wait_for_element('#schematic .js-plotly-plot[data-highlight='
                              '"spinal-stenosis|L4-L5|both|central"]', timeout=TIMEOUT)
    assert dash_duo.get_logs() == []


def test_change_what_is_shown_opens_the_controls_with_the_focus_on_the_condition(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.arrive_only(dash_duo.server_url + "/" + LINK)
    dash_duo.find_element(".first-view-open").click()
    WebDriverWait(dash_duo.driver, TIMEOUT).until(
        lambda d: d.execute_script("const a = document.activeElement;"
                                   "return a && a.closest('#condition') && a.checked;"))
    assert dash_duo.driver.switch_to.active_element.get_attribute("value") == "disc-herniation"


def test_where_does_it_hurt_is_a_tool_and_starts_at_once(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.arrive_only(dash_duo.server_url + "/" + LINK)
    dash_duo.find_element(".first-view-where").click()  # a plain link: works without scripts
    dash_duo.wait_for_element(APP + " #where-controls", timeout=TIMEOUT)  # no further input
    assert "mode=where" in dash_duo.driver.current_url


def test_a_reader_who_taps_the_words_finds_them_again_in_the_app(phone):
    phone.driver.arrive_only(phone.server_url + "/" + STENOSIS)
    words = phone.find_element(".first-view-text h3")
    phone.driver.execute_script("arguments[0].scrollIntoView()", words)
    # a finger on the text (a touch, with no mouse moving first)
    x, y = phone.driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.left + 5, r.top + 5];", words)
    phone.driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})
    for kind, points in (("touchStart", [{"x": x, "y": y}]), ("touchEnd", [])):
        phone.driver.execute_cdp_cmd("Input.dispatchTouchEvent",
                                     {"type": kind, "touchPoints": points})
    phone.wait_for_element(APP + " #explanation h2", timeout=TIMEOUT)
    WebDriverWait(phone.driver, TIMEOUT).until(lambda d: d.execute_script(
        "const r = document.getElementById('explanation').getBoundingClientRect();"
        "return r.top >= -5 && r.top < innerHeight / 2;"))
