"""A phone opening a link: the picture first, then the page, and nothing jumps."""
from __future__ import annotations

import pytest

from dashapp.app import create_app

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
    # the first paint's stand-in is gone once the page is there
    assert not phone.find_element(".first-view").is_displayed()
    assert phone.get_logs() == []


def test_the_first_picture_is_in_the_html_before_any_script(phone):
    phone.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    phone.driver.get(phone.server_url + "/" + LINK)
    img = phone.find_element(".first-view img")
    phone.driver.set_script_timeout(10)
    assert "S1 (left)" in img.get_attribute("alt")
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
