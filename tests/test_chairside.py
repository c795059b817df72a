"""Chairside, in real Chromium at a doctor's screen sizes: everything in view,
a tap never drops the diagnosis, Back/Forward walk through the views shown."""
from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from test_browser import TIMEOUT, TRACE_CENTRE, _click_region, checked, click_option, painted

from dashapp.page import drawing
from dashapp.server.factory import create_app

SCREENS = {"laptop": (1280, 800), "laptop-large": (1440, 900), "ipad-portrait": (820, 1180),
           "ipad-landscape": (1180, 820)}


def open_at(duo, width: int, height: int, query: str = ""):
    duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    duo.start_server(create_app())
    if query:
        duo.driver.get(duo.server_url + "/" + query)
    duo.wait_for_element("#schematic .js-plotly-plot", timeout=TIMEOUT)


def rects(duo, selector: str) -> list[dict]:
    """Viewport rectangles of the visible elements matching `selector`."""
    return duo.driver.execute_script("""
        return Array.from(document.querySelectorAll(arguments[0])).map(function (e) {
          var r = e.getBoundingClientRect(), l = e.closest('label') || e;
          var lr = l.getBoundingClientRect();
          return {id: e.id || e.value || e.textContent, top: Math.min(r.top, lr.top),
                  bottom: Math.max(r.bottom, lr.bottom), width: lr.width};
        }).filter(function (r) { return r.width > 0; });""", selector)


def view_of(duo) -> tuple:
    return tuple(checked(duo, c) for c in ("mode", "condition", "level", "side", "zone"))


@pytest.mark.parametrize("screen", SCREENS)
def test_controls_picture_and_explanation_in_view(dash_duo, screen):
    width, height = SCREENS[screen]
    open_at(dash_duo, width, height,
            "?condition=disc-herniation&level=L4-L5&side=right&zone=paracentral")
    painted(dash_duo, "disc-herniation|L4-L5|right|paracentral")
    dash_duo.wait_for_contains_text("#explanation h2", "Disc herniation", timeout=TIMEOUT)
    controls = rects(dash_duo, ".controls input, .controls button, #audience input, "
                               ".draw-tools button")
    assert len(controls) >= 20
    below = [c["id"] for c in controls if c["bottom"] > height or c["top"] < 0]
    assert not below, f"controls out of view at {width}x{height}: {below}"
    (picture,) = rects(dash_duo, "#schematic")
    assert picture["top"] >= 0 and picture["bottom"] <= height
    (heading,) = rects(dash_duo, "#explanation h2")
    assert heading["bottom"] <= height, "the start of the explanation is on screen"
    # a control at the bottom of the panel: choosing it does not move the picture
    click_option(dash_duo, "zone", "foraminal")
    painted(dash_duo, "disc-herniation|L4-L5|right|foraminal")
    click_option(dash_duo, "side", "left")
    painted(dash_duo, "disc-herniation|L4-L5|left|foraminal")
    (after,) = rects(dash_duo, "#schematic")
    assert (after["top"], after["bottom"]) == (picture["top"], picture["bottom"])
    assert dash_duo.driver.execute_script("return window.scrollY") == 0


def test_tap_on_the_picture_while_explaining_keeps_the_diagnosis(dash_duo):
    open_at(dash_duo, 1280, 800,
            "?condition=spinal-stenosis&level=L3-L4&side=right&zone=lateral-recess")
    painted(dash_duo, "spinal-stenosis|L3-L4|right|lateral-recess")
    before = view_of(dash_duo)
    query = dash_duo.driver.execute_script("return location.search")
    _click_region(dash_duo, "region:heel:left:foot_sole")
    dash_duo.wait_for_contains_text("#tap-note", "Heel (left)", timeout=TIMEOUT)
    assert view_of(dash_duo) == before == ("explain", "spinal-stenosis", "L3-L4", "right",
                                           "lateral-recess")
    assert dash_duo.driver.execute_script("return location.search") == query
    painted(dash_duo, "spinal-stenosis|L3-L4|right|lateral-recess")
    # the doctor may still choose to mark it: only then the mode changes
    dash_duo.find_element("#tap-mark").click()
    dash_duo.wait_for_contains_text(".candidates li:first-child", "S1", timeout=TIMEOUT)
    assert checked(dash_duo, "mode") == "where"


def test_back_and_forward_walk_through_the_views(dash_duo):
    open_at(dash_duo, 1280, 800)
    painted(dash_duo, "disc-herniation|L4-L5|left|paracentral")
    dash_duo.wait_for_contains_text("#share-link", "zone=paracentral", timeout=TIMEOUT)
    length = dash_duo.driver.execute_script("return history.length")
    views = [("disc-herniation|L4-L5|left|paracentral", None)]
    for control, value, key in (("level", "L5-S1", "disc-herniation|L5-S1|left|paracentral"),
                                ("zone", "foraminal", "disc-herniation|L5-S1|left|foraminal"),
                                ("side", "right", "disc-herniation|L5-S1|right|foraminal")):
        click_option(dash_duo, control, value)
        painted(dash_duo, key)
        dash_duo.wait_for_contains_text("#share-link", f"{control}={value}", timeout=TIMEOUT)
        views.append((key, dash_duo.driver.execute_script("return location.search")))
    assert dash_duo.driver.execute_script("return history.length") == length + 3
    for key, _ in reversed(views[:-1]):  # Back, Back, Back
        dash_duo.driver.back()
        painted(dash_duo, key)
    assert dash_duo.driver.execute_script("return location.pathname") == "/"
    assert view_of(dash_duo)[1:] == ("disc-herniation", "L4-L5", "left", "paracentral")
    for key, search in views[1:]:  # Forward, Forward, Forward
        dash_duo.driver.forward()
        painted(dash_duo, key)
        dash_duo.wait_for_text_to_equal("#share-link", dash_duo.server_url + "/" + search,
                                        timeout=TIMEOUT)
        assert dash_duo.driver.execute_script("return location.search") == search
    # Back once more lands on the view before, and its controls say so
    dash_duo.driver.back()
    painted(dash_duo, views[2][0])
    assert view_of(dash_duo) == ("explain", "disc-herniation", "L5-S1", "left", "foraminal")


def test_start_over_returns_to_the_opening_view(dash_duo):
    open_at(dash_duo, 1280, 800, "?condition=spondylolisthesis&level=L5-S1&side=both")
    painted(dash_duo, "spondylolisthesis|L5-S1|both|")
    dash_duo.find_element("#start-over").click()
    painted(dash_duo, "disc-herniation|L4-L5|left|paracentral")
    dash_duo.wait_for_contains_text("#share-link", "disc-herniation", timeout=TIMEOUT)
    dash_duo.driver.back()  # and Back returns to where the doctor was
    painted(dash_duo, "spondylolisthesis|L5-S1|both|")


def _centre(duo, key_prefix: str) -> tuple[int, int]:
    """Viewport point at the middle of the first trace whose key starts so."""
    return tuple(int(v) for v in duo.driver.execute_script(TRACE_CENTRE, key_prefix, False))


def _ink(duo) -> dict:
    return duo.driver.execute_script("return window.dash_clientside.chairside.state()")


def _stroke(duo, start: tuple[int, int], end: tuple[int, int], steps: int = 24):
    actions = ActionBuilder(duo.driver)
    actions.pointer_action.move_to_location(*start).pointer_down()
    for k in range(1, steps + 1):  # a gentle curve, as a hand draws
        t = k / steps
        x = start[0] + (end[0] - start[0]) * t + 30 * t * (1 - t)
        y = start[1] + (end[1] - start[1]) * t
        actions.pointer_action.move_to_location(int(x), int(y))
    actions.pointer_action.pointer_up()
    actions.perform()


def _search(duo) -> str:
    return duo.driver.execute_script("return location.search")


def test_a_stroke_from_the_spine_to_a_foot_survives_a_level_change_and_is_in_the_link(dash_duo):
    open_at(dash_duo, 1280, 800, "?condition=disc-herniation&level=L4-L5&side=right"
                                 "&zone=paracentral")
    painted(dash_duo, "disc-herniation|L4-L5|right|paracentral")
    dash_duo.find_element("#draw-toggle").click()
    dash_duo.wait_for_element('#draw-toggle[aria-pressed="true"]', timeout=TIMEOUT)
    dash_duo.find_element('.pen[data-pen="1"]').click()
    _stroke(dash_duo, _centre(dash_duo, "spine:disc:L4-L5"),
            _centre(dash_duo, "region:dorsum_foot:right:foot_top"))
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: len(_ink(dash_duo)["strokes"]) == 1)
    (stroke,) = _ink(dash_duo)["strokes"]
    views = [p[0] for p in stroke["points"]]
    assert views[0] == "spine" and views[-1] == "foot_top" and stroke["pen"] == 1
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: "draw=" in _search(dash_duo))
    drawn = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#ink path.stroke")
    assert len(drawn) == 1 and drawn[0].get_attribute("stroke") == drawing.PENS[1][1]

    # the link carries it: the server's reader gives the same stroke back
    def from_link() -> tuple:
        query = parse_qs(_search(dash_duo).lstrip("?"))
        return drawing.decode(query["draw"][0])

    (linked,) = from_link()
    assert linked.pen == 1 and [p[0] for p in linked.points] == views
    for (v, x, y), (lv, lx, ly) in zip(stroke["points"], linked.points):
        assert v == lv and abs(x - lx) < 0.1 and abs(y - ly) < 0.1

    # a level change (keyboard ↓): the stroke stays, on screen and in the new link
    ActionChains(dash_duo.driver).send_keys(Keys.ARROW_DOWN).perform()
    painted(dash_duo, "disc-herniation|L5-S1|right|paracentral")
    # the picture changes at once; the address follows the server's answer
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: "level=L5-S1" in _search(dash_duo))
    assert len(from_link()) == 1
    assert len(dash_duo.driver.find_elements(By.CSS_SELECTOR, "#ink path.stroke")) == 1

    # undo, redo; and Back restores the earlier view with its drawing
    dash_duo.find_element("#ink-undo").click()
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: "draw=" not in _search(dash_duo))
    dash_duo.find_element("#ink-redo").click()
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: "draw=" in _search(dash_duo))
    dash_duo.driver.back()
    painted(dash_duo, "disc-herniation|L4-L5|right|paracentral")
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: len(_ink(dash_duo)["strokes"]) == 1)
    dash_duo.find_element("#ink-clear").click()
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: not _ink(dash_duo)["strokes"])
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, "#ink path.stroke")


def test_a_link_with_a_drawing_and_mirror_opens_with_both(dash_duo):
    stroke = drawing.Stroke(2, (("front", -10.0, 50.0), ("front", -8.0, 30.0),
                                  ("foot_top", -8.0, 10.0)))
    open_at(dash_duo, 1280, 800, "?condition=disc-herniation&level=L5-S1&side=left"
                                 f"&zone=paracentral&draw={drawing.encode([stroke])}&mirror=1")
    painted(dash_duo, "disc-herniation|L5-S1|left|paracentral")
    WebDriverWait(dash_duo.driver, TIMEOUT).until(lambda d: len(_ink(dash_duo)["strokes"]) == 1)
    assert _ink(dash_duo)["mirror"]
    assert dash_duo.find_element("#mirror-toggle").get_attribute("aria-pressed") == "true"
    front = dash_duo.driver.execute_script(
        "var gd = document.querySelector('#schematic .js-plotly-plot');"
        "return gd._fullLayout[arguments[0]].range", "xaxis2")
    assert front[0] > front[1]  # the front view is drawn mirrored
    assert "mirror=1" in _search(dash_duo) and "draw=" in _search(dash_duo)
    # a bad drawing in a link: left out, with a note
    dash_duo.driver.get(dash_duo.server_url + "/?condition=sciatica&side=left&draw=!!")
    dash_duo.wait_for_contains_text("#url-note", "drawing", timeout=TIMEOUT)
    painted(dash_duo, "sciatica||left|")


def test_the_lit_side_is_named_in_words_on_the_picture(dash_duo):
    open_at(dash_duo, 1280, 800, "?condition=disc-herniation&level=L4-L5&side=right"
                                 "&zone=paracentral")
    painted(dash_duo, "disc-herniation|L4-L5|right|paracentral")
    words = dash_duo.driver.execute_script("""
        return Array.from(document.querySelectorAll('#schematic .annotation')).filter(
          function (g) { return getComputedStyle(g).opacity !== '0'; }).map(function (g) {
            var t = g.querySelector('.annotation-text');
            return [t.textContent, parseFloat(getComputedStyle(t).fontSize)]; });""")
    named = [w for w in words if w[0].startswith(("RIGHT", "LEFT"))]
    assert sorted(w[0] for w in named) == ["RIGHT", "RIGHT", "RIGHT leg", "RIGHT leg"]
    plain = [w for w in words if w[0] in ("Left", "Right")]
    assert sorted(w[0] for w in plain) == ["Left"] * 4  # the unlit side, in words
    assert all(size >= 14 for _, size in named + plain)


def test_presentation_mode_and_keyboard_shortcuts(dash_duo):
    open_at(dash_duo, 1280, 800)
    painted(dash_duo, "disc-herniation|L4-L5|left|paracentral")
    (before,) = rects(dash_duo, "#schematic")
    size = dash_duo.driver.execute_script(
        "return parseFloat(document.querySelector('#schematic .annotation-text').style.fontSize)")
    keys = ActionChains(dash_duo.driver)
    keys.send_keys("p").perform()
    dash_duo.wait_for_element("body.presenting", timeout=TIMEOUT)
    WebDriverWait(dash_duo.driver, TIMEOUT).until(
        lambda d: rects(dash_duo, "#schematic")[0]["bottom"] - rects(dash_duo, "#schematic")[0]
        ["top"] > (before["bottom"] - before["top"]) * 1.1)
    after_size = dash_duo.driver.execute_script(
        "return parseFloat(document.querySelector('#schematic .annotation-text').style.fontSize)")
    assert after_size > size * 1.3  # larger labels for the patient
    assert not dash_duo.find_element(".text-panel").is_displayed()
    # the slim bar keeps level and side in view and working
    assert dash_duo.find_element("#level").is_displayed()
    ActionChains(dash_duo.driver).send_keys(Keys.ARROW_RIGHT).perform()
    painted(dash_duo, "disc-herniation|L4-L5|right|paracentral")
    ActionChains(dash_duo.driver).send_keys(Keys.ESCAPE).perform()
    WebDriverWait(dash_duo.driver, TIMEOUT).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, "body.presenting"))
    ActionChains(dash_duo.driver).send_keys("4").perform()  # the fourth condition
    painted(dash_duo, "spinal-stenosis|L4-L5|both|central")
    ActionChains(dash_duo.driver).send_keys(Keys.ARROW_UP).perform()
    painted(dash_duo, "spinal-stenosis|L3-L4|both|central")
    ActionChains(dash_duo.driver).send_keys("?").perform()
    dash_duo.wait_for_contains_text("#help", "↑ / ↓", timeout=TIMEOUT)
    assert dash_duo.find_element("#help").is_displayed()
    for key in ("D", "P", "1 – 6", "← / →"):
        assert key in dash_duo.find_element("#help").text
