"""What a careful look at the real page trips over: the selected look of the
controls, the side kept across conditions, the tab's title."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from dashapp.app import create_app
from test_browser import TIMEOUT, checked, click_option, painted


@pytest.fixture
def page(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_element("#schematic .js-plotly-plot", timeout=TIMEOUT)
    return dash_duo


LOOK = """
    var input = document.querySelector(arguments[0]);
    var label = input.closest('label'), s = getComputedStyle(label);
    return {background: s.backgroundColor, border: s.borderTopColor, color: s.color,
            weight: s.fontWeight, shadow: s.boxShadow,
            accent: getComputedStyle(input).accentColor};"""


def look(duo, selector: str) -> dict:
    return duo.driver.execute_script(LOOK, selector)


def test_a_clicked_option_looks_like_the_options_selected_from_the_start(page):
    painted(page, "disc-herniation|L4-L5|left|paracentral")
    before = look(page, '#level input[value="L4-L5"]')
    click_option(page, "level", "L5-S1")  # a real click: the pointer stays on it, it has focus
    painted(page, "disc-herniation|L5-S1|left|paracentral")
    after = look(page, '#level input[value="L5-S1"]')
    assert after == before
    # the same for the other radio groups, and nothing in Dash's purple
    assert look(page, '#condition input[value="disc-herniation"]') == before
    unselected = look(page, '#level input[value="L4-L5"]')
    assert unselected["background"] != before["background"]
    purple = "rgb(127, 75, 196)"
    assert purple not in after.values()


def test_ticked_boxes_use_the_palette_not_dash_purple(page):
    click_option(page, "mode", "where")
    box = '#regions input[value="heel"]'
    page.wait_for_element(box, timeout=TIMEOUT)
    page.driver.find_element(By.CSS_SELECTOR, box).click()
    page.wait_for_contains_text(".candidates li:first-child", "S1", timeout=TIMEOUT)
    ticked = look(page, box)
    mark = page.driver.execute_script(
        "return getComputedStyle(document.body).getPropertyValue('--mark').trim()")
    assert mark == "#1b6ca8"
    assert ticked["accent"] == ticked["color"] == "rgb(27, 108, 168)"


def test_changing_condition_keeps_the_chosen_side_where_it_can(page):
    painted(page, "disc-herniation|L4-L5|left|paracentral")
    click_option(page, "side", "right")
    painted(page, "disc-herniation|L4-L5|right|paracentral")
    # a one-sided problem: the side stays right, and no note
    click_option(page, "condition", "facet-arthritis")
    painted(page, "facet-arthritis|L4-L5|right|lateral-recess")
    assert checked(page, "side") == "right"
    click_option(page, "condition", "spinal-stenosis")  # the lateral recess carries over
    painted(page, "spinal-stenosis|L4-L5|right|lateral-recess")
    assert not page.find_element("#side-note").is_displayed()
    # a central stenosis is on both sides: both are shown, and a note says why
    click_option(page, "zone", "central")
    painted(page, "spinal-stenosis|L4-L5|both|central")
    page.wait_for_contains_text("#side-note", "both sides", timeout=TIMEOUT)
    assert page.find_element("#side-note").is_displayed()
    # to a one-sided problem again: the right side comes back, not left
    click_option(page, "condition", "facet-arthritis")
    painted(page, "facet-arthritis|L4-L5|right|lateral-recess")
    assert checked(page, "side") == "right"
    WebDriverWait(page.driver, TIMEOUT).until(
        lambda d: not d.find_element(By.ID, "side-note").is_displayed())
    # the same through a zone that forces both and one that does not
    click_option(page, "condition", "disc-herniation")
    painted(page, "disc-herniation|L4-L5|right|paracentral")  # the usual zone again
    click_option(page, "zone", "central")
    painted(page, "disc-herniation|L4-L5|both|central")
    click_option(page, "zone", "foraminal")
    painted(page, "disc-herniation|L4-L5|right|foraminal")
    assert checked(page, "side") == "right"


def test_the_tab_title_names_the_view(page):
    painted(page, "disc-herniation|L4-L5|left|paracentral")
    title = "L4–L5 disc herniation, left — spinefoot"
    WebDriverWait(page.driver, TIMEOUT).until(lambda d: d.title == title)
    click_option(page, "side", "right")
    click_option(page, "level", "L5-S1")
    WebDriverWait(page.driver, TIMEOUT).until(
        lambda d: d.title == "L5–S1 disc herniation, right — spinefoot")
    click_option(page, "mode", "where")
    page.driver.find_element(By.CSS_SELECTOR, '#regions input[value="heel"]').click()
    WebDriverWait(page.driver, TIMEOUT).until(lambda d: "heel" in d.title)
    assert page.driver.title.startswith("Where does it hurt")


def test_a_link_opens_with_its_title(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url +
                        "/?condition=spinal-stenosis&level=L3-L4&side=right&zone=lateral-recess")
    painted(dash_duo, "spinal-stenosis|L3-L4|right|lateral-recess")
    WebDriverWait(dash_duo.driver, TIMEOUT).until(
        lambda d: d.title == "L3–L4 lateral recess spinal stenosis, right — spinefoot")
