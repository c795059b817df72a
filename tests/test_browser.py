"""The real page in real Chromium: click what a person clicks, check what they see."""
from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from dashapp.server.factory import create_app

TIMEOUT = 20
# the screen point at the middle of a trace (shared with test_chairside.py)
TRACE_CENTRE = (Path(__file__).parent / "trace_centre.js").read_text()


@pytest.fixture
def page(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_element("#schematic .js-plotly-plot", timeout=TIMEOUT)
    return dash_duo


def painted(duo, key: str):
    """Wait until the schematic shows the highlight for `key`."""
    duo.wait_for_element(f'#schematic .js-plotly-plot[data-highlight="{key}"]', timeout=TIMEOUT)


def trace_styles(duo) -> list[dict]:
    """What is on screen: per trace its key and the style its SVG nodes have."""
    return duo.driver.execute_script("return window.dash_clientside.spinefoot.inspect()")


def pattern(style: dict) -> str:
    """The fill pattern a region shows ('on', 'secondary', 'marked'), or ''."""
    fill = style["fill"] or ""
    return fill.split("sf-pattern-region-")[1].split('"')[0].rstrip(")") if "sf-pattern" in fill \
        else ""


def lit(duo, prefix: str, width_at_least: float = 4.5) -> list[str]:
    return [t["key"] for t in trace_styles(duo)
            if str(t["key"]).startswith(prefix) and (t["width"] or 0) >= width_at_least]


def click_option(duo, control_id: str, value: str):
    duo.driver.find_element(By.CSS_SELECTOR, f'#{control_id} input[value="{value}"]').click()


def checked(duo, control_id: str) -> str:
    return duo.driver.find_element(By.CSS_SELECTOR, f"#{control_id} input:checked") \
        .get_attribute("value")


def test_first_view_is_drawn_and_explained(page):
    painted(page, "disc-herniation|L4-L5|left|paracentral")
    page.wait_for_contains_text("#explanation", "L5", timeout=TIMEOUT)
    keys = [t["key"] for t in trace_styles(page)]
    assert any(k.startswith("outline:") for k in keys)
    assert any(k.startswith("region:heel:left") for k in keys)
    assert lit(page, "nerve:L5:left")  # the traversing root at L4-L5
    assert not lit(page, "nerve:S1:")
    assert page.get_logs() == []
    # offline and private: every request the page made went to its own origin
    urls = page.driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (r) { return r.name; })")
    assert urls and all(u.startswith(page.server_url) for u in urls), urls


def test_l5_s1_left_herniation_lights_s1_to_the_heel(page):
    painted(page, "disc-herniation|L4-L5|left|paracentral")
    click_option(page, "level", "L5-S1")
    painted(page, "disc-herniation|L5-S1|left|paracentral")
    assert lit(page, "nerve:S1:left:spine")
    assert any(":foot_sole" in k for k in lit(page, "nerve:S1:left"))
    assert not lit(page, "nerve:L5:") and not lit(page, "nerve:S1:right")
    styles = {t["key"]: t for t in trace_styles(page)}
    for region in ("heel", "lateral_foot", "sole"):
        keys = [k for k in styles if k.startswith(f"region:{region}:left:")]
        assert keys and all(pattern(styles[k]) == "on" for k in keys), region
    assert pattern(styles[next(k for k in styles if k.startswith("region:dorsum_foot:left:"))]) == ""
    # the picture is lit in the browser at once; the words come from the server
    page.wait_for_contains_text("#explanation", "L5–S1", timeout=TIMEOUT)
    text = page.find_element("#explanation").text
    assert "S1" in text and "heel" in text.lower()
    query = "?condition=disc-herniation&level=L5-S1&side=left&zone=paracentral"
    assert page.driver.execute_script("return window.location.search") == query
    # the same in words under the figure, and a link to send
    page.wait_for_contains_text("#figure-summary", "S1 nerve root (left side)", timeout=TIMEOUT)
    assert "heel" in page.find_element("#figure-summary").text
    page.wait_for_text_to_equal("#share-link", page.server_url + "/" + query, timeout=TIMEOUT)


def test_lesion_is_drawn_at_its_level(page):
    painted(page, "disc-herniation|L4-L5|left|paracentral")
    captions = [label["text"] for t in trace_styles(page) if t["key"] == "labels:spine"
                for label in t["labels"] if label["shown"]]
    assert captions == ["L4–L5:herniation"]  # two lines: L4–L5: / herniation
    assert _visible_lesions(page) == 1
    limb_labels = [label["text"] for t in trace_styles(page) if t["key"] in ("labels:front",
                   "labels:back") for label in t["labels"] if label["shown"]]
    assert limb_labels == ["L5"]


def test_clinician_mode_names_root_reflex_and_sources(page):
    click_option(page, "level", "L5-S1")
    painted(page, "disc-herniation|L5-S1|left|paracentral")
    click_option(page, "audience", "clinician")
    page.wait_for_contains_text("#explanation", "Achilles", timeout=TIMEOUT)
    text = page.find_element("#explanation").text
    assert "Reflexes" in text and "Sources" in text
    page.wait_for_contains_text("#share-link", "&audience=clinician", timeout=TIMEOUT)


def test_condition_change_sets_its_zones(page):
    click_option(page, "condition", "spinal-stenosis")
    page.wait_for_element('#zone input[value="lateral-recess"]', timeout=TIMEOUT)
    values = [e.get_attribute("value") for e in
              page.driver.find_elements(By.CSS_SELECTOR, "#zone input")]
    assert set(values) == {"central", "lateral-recess", "foraminal"}
    # central stenosis is on both sides: the side follows, left and right wait
    painted(page, "spinal-stenosis|L4-L5|both|central")
    assert checked(page, "side") == "both"
    click_option(page, "zone", "foraminal")
    click_option(page, "side", "left")
    painted(page, "spinal-stenosis|L4-L5|left|foraminal")
    assert lit(page, "nerve:L4:left")  # foraminal stenosis: the exiting root


def test_sciatica_hides_the_level_and_lights_the_leg_only(page):
    click_option(page, "condition", "sciatica")
    painted(page, "sciatica||left|")
    assert not page.find_element("#level-field").is_displayed()
    assert lit(page, "nerve:L5:left:sciatic") and not lit(page, "nerve:L5:left:spine")
    assert not lit(page, "nerve:L4:left:limb")  # femoral and saphenous are spared
    # the level still set on the hidden control does not apply to sciatica
    page.wait_for_contains_text("#explanation", "sciatic nerve", timeout=TIMEOUT)
    assert "does not occur" not in page.find_element("#explanation").text
    page.wait_for_text_to_equal("#share-link", page.server_url + "/?condition=sciatica&side=left",
                                timeout=TIMEOUT)


def disabled(duo, control_id: str) -> set[str]:
    return {e.get_attribute("value") for e in
            duo.driver.find_elements(By.CSS_SELECTOR, f"#{control_id} input:disabled")}


def test_choices_that_do_not_occur_cannot_be_picked(page):
    painted(page, "disc-herniation|L4-L5|left|paracentral")
    assert disabled(page, "side") == {"both"}  # a paracentral herniation is one-sided
    click_option(page, "zone", "central")
    painted(page, "disc-herniation|L4-L5|both|central")
    assert disabled(page, "side") == {"left", "right"}  # and a central one is on both
    click_option(page, "condition", "spondylolisthesis")
    page.wait_for_element('#level input[value="L1-L2"]:disabled', timeout=TIMEOUT)
    assert disabled(page, "level") == {"L1-L2", "L2-L3"}  # degenerative slips: L3 to S1


def test_refused_link_says_why_and_falls_back(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url +
                        "/?condition=disc-herniation&level=L4-L5&side=both&zone=paracentral")
    dash_duo.wait_for_contains_text("#url-note", "left side", timeout=TIMEOUT)
    painted(dash_duo, "disc-herniation|L4-L5|left|paracentral")


def test_deep_link_opens_that_view(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url +
                        "/?condition=spinal-stenosis&level=L3-L4&side=right&zone=lateral-recess"
                        "&audience=clinician")
    painted(dash_duo, "spinal-stenosis|L3-L4|right|lateral-recess")
    dash_duo.wait_for_contains_text("#explanation", "Reflexes", timeout=TIMEOUT)
    assert checked(dash_duo, "audience") == "clinician"
    assert checked(dash_duo, "condition") == "spinal-stenosis"
    assert checked(dash_duo, "level") == "L3-L4"
    assert checked(dash_duo, "side") == "right"
    assert lit(dash_duo, "nerve:L4:right") and not lit(dash_duo, "nerve:L4:left")
    assert not dash_duo.find_element("#url-note").is_displayed()


def test_bad_link_falls_back_with_a_visible_note(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?condition=broken-leg&level=L4-L5&side=left")
    dash_duo.wait_for_contains_text("#url-note", "Unknown condition", timeout=TIMEOUT)
    assert dash_duo.find_element("#url-note").is_displayed()
    painted(dash_duo, "disc-herniation|L4-L5|left|paracentral")


def _region_point(duo, key_prefix: str) -> tuple[int, int]:
    """Viewport coordinates of the middle of a region shape on the schematic
    (the picture first scrolled to the middle of the screen)."""
    x, y = duo.driver.execute_script(TRACE_CENTRE, key_prefix, True)
    return int(x), int(y)


def _click_region(duo, key_prefix: str):
    """A real mouse click at the middle of a region shape on the schematic."""
    x, y = _region_point(duo, key_prefix)
    actions = ActionBuilder(duo.driver)
    actions.pointer_action.move_to_location(int(x), int(y)).pause(0.2).click()
    actions.perform()


def _clear_spot(duo, key_prefix: str) -> tuple[int, int]:
    """Viewport point inside a region shape, as far as possible from any nerve."""
    x, y = duo.driver.execute_script("""
        var gd = document.querySelector('#schematic .js-plotly-plot'), prefix = arguments[0];
        var t = gd._fullData.find(function (t) { return String(t.meta).indexOf(prefix) === 0; });
        var xa = gd._fullLayout[t.xaxis.replace('x', 'xaxis')],
            ya = gd._fullLayout[t.yaxis.replace('y', 'yaxis')];
        function px(x, y) { return [xa._offset + xa.l2p(x), ya._offset + ya.l2p(y)]; }
        var poly = [], nerves = [];
        t.x.forEach(function (x, i) { if (x !== null) poly.push(px(x, t.y[i])); });
        gd._fullData.forEach(function (n) {
          if (String(n.meta).indexOf('nerve:') !== 0 || n.xaxis !== t.xaxis) return;
          n.x.forEach(function (x, i) { if (x !== null) nerves.push(px(x, n.y[i])); });
        });
        function inside(p) {
          var hit = false;
          for (var i = 0, j = poly.length - 1; i < poly.length; j = i++) {
            var a = poly[i], b = poly[j];
            if ((a[1] > p[1]) !== (b[1] > p[1]) &&
                p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]) hit = !hit;
          }
          return hit;
        }
        var xs = poly.map(function (p) { return p[0]; }), ys = poly.map(function (p) { return p[1]; });
        var best = null, bestD = -1;
        for (var i = 1; i < 20; i++) for (var j = 1; j < 20; j++) {
          var p = [Math.min.apply(null, xs) + (Math.max.apply(null, xs) - Math.min.apply(null, xs)) * i / 20,
                   Math.min.apply(null, ys) + (Math.max.apply(null, ys) - Math.min.apply(null, ys)) * j / 20];
          if (!inside(p)) continue;
          var d = Math.min.apply(null, nerves.map(function (n) { return Math.hypot(n[0] - p[0], n[1] - p[1]); }));
          if (d > bestD) { bestD = d; best = p; }
        }
        gd.scrollIntoView({block: 'center'});
        var box = gd.getBoundingClientRect();
        // a tall figure: bring the spot itself to the middle of the window
        window.scrollBy(0, box.top + best[1] - window.innerHeight / 2);
        box = gd.getBoundingClientRect();
        return [box.left + best[0], box.top + best[1]];""", key_prefix)
    return int(x), int(y)


def _hover(duo, x: int, y: int):
    actions = ActionBuilder(duo.driver)
    actions.pointer_action.move_to_location(x, y).pause(0.3)
    actions.perform()


def test_hover_names_skin_regions_and_nerves(page):
    painted(page, "disc-herniation|L4-L5|left|paracentral")
    _hover(page, *_clear_spot(page, "region:anterior_thigh:left:front"))
    page.wait_for_contains_text("#schematic .hoverlayer", "Front of thigh (left)", timeout=TIMEOUT)
    # pointing at a nerve names the nerve and the root whose fibres it carries
    _hover(page, *_region_point(page, "nerve:L5:left:sciatic:foot_top"))
    page.wait_for_contains_text("#schematic .hoverlayer", "L5 fibres, left", timeout=TIMEOUT)


def _visible_lesions(duo) -> int:
    return duo.driver.execute_script("""
        return Array.from(document.querySelectorAll('#schematic .shapelayer path[data-index]'))
          .filter(function (p) { return getComputedStyle(p).opacity === '1'; }).length;""")


def test_where_does_it_hurt_ranks_l5_for_dorsum_and_big_toe(page):
    click_option(page, "mode", "where")
    page.wait_for_element("#regions", timeout=TIMEOUT)
    for region in ("dorsum_foot", "big_toe"):
        page.driver.find_element(By.CSS_SELECTOR, f'#regions input[value="{region}"]').click()
    page.wait_for_contains_text(".candidates li:first-child", "L5 nerve root (left)", timeout=TIMEOUT)
    painted(page, "where")
    assert lit(page, "nerve:L5:left")
    # every piece of a nerve drawn in several pieces lights, down to the foot
    l5 = [t for t in trace_styles(page) if t["key"].startswith("nerve:L5:left:")]
    assert any(t["pieces"] > 1 for t in l5)
    assert all(t["width"] >= 4.5 and len(t["colors"]) == 1 for t in l5), l5
    # the address follows the server's answer to the second tick (L5 already leads after the first)
    WebDriverWait(page.driver, TIMEOUT).until(
        lambda d: d.execute_script("return window.location.search")
        == "?regions=dorsum_foot:left,big_toe:left")
    assert "fibular" in page.find_element("#explanation").text.lower()  # a mimic is named
    # choosing the candidate opens the forward view of its most likely lesion
    page.driver.find_element(By.CSS_SELECTOR, ".candidates li:first-child button").click()
    painted(page, "disc-herniation|L4-L5|left|paracentral")
    assert checked(page, "mode") == "explain"
    # the marks were kept: a way back to them
    page.find_element("#back-to-marks").click()
    page.wait_for_contains_text(".candidates li:first-child", "L5 nerve root (left)",
                                timeout=TIMEOUT)
    assert checked(page, "mode") == "where"
    assert "Top of foot (left leg)" in page.find_element("#marked-list").text


def test_tapping_a_region_on_the_figure_marks_it(page):
    painted(page, "disc-herniation|L4-L5|left|paracentral")
    click_option(page, "mode", "where")  # explaining, a tap only names it (test_chairside)
    page.wait_for_contains_text("#figure-summary", "Nothing marked", timeout=TIMEOUT)
    _click_region(page, "region:heel:left:foot_sole")
    page.wait_for_contains_text(".candidates li:first-child", "S1", timeout=TIMEOUT)
    assert checked(page, "mode") == "where"
    ticked = [e.get_attribute("value") for e in
              page.driver.find_elements(By.CSS_SELECTOR, "#regions input:checked")]
    assert ticked == ["heel"]
    styles = {t["key"]: t for t in trace_styles(page)}
    # marked, and explained by the best match (S1): drawn as both (test_browser_look.py)
    assert pattern(styles["region:heel:left:foot_sole"]) == "explained"


def test_clear_unmarks_everything(page):
    click_option(page, "mode", "where")
    page.driver.find_element(By.CSS_SELECTOR, '#regions input[value="heel"]').click()
    page.wait_for_contains_text(".candidates li:first-child", "S1", timeout=TIMEOUT)
    page.find_element("#clear-regions").click()
    page.wait_for_contains_text("#figure-summary", "Nothing marked", timeout=TIMEOUT)
    assert not page.driver.find_elements(By.CSS_SELECTOR, "#regions input:checked")
    assert not lit(page, "nerve:")


def test_where_link_opens_reverse_mode(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?regions=heel,lateral_foot,sole&side=right")
    dash_duo.wait_for_contains_text(".candidates li:first-child", "S1 nerve root (right)", timeout=TIMEOUT)
    assert checked(dash_duo, "mode") == "where"


def test_phone_width_stacks_the_views(dash_duo):
    # headless windows have a minimum width; emulate the phone's viewport instead
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": True})
    dash_duo.start_server(create_app())
    dash_duo.wait_for_element('#schematic .js-plotly-plot[data-arrangement="tall"]',
                              timeout=TIMEOUT)
    width = dash_duo.driver.execute_script(
        "return document.documentElement.scrollWidth")
    assert width <= 380, "no sideways scrolling on a phone"


# --- issue 6: a patient alone with a phone ------------------------------------------

def _phone(duo):
    duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": True})


def _picker_boxes(duo) -> dict:
    """On screen, per region of the picker: the bounding box of its drawn fill (CSS px)."""
    return duo.driver.execute_script("""
        var gd = document.querySelector('#picker .js-plotly-plot');
        var traces = gd.querySelectorAll('.scatterlayer .trace'), out = {};
        gd.data.forEach(function (t, i) {
          if (!t.meta) return;
          var fill = traces[i] && traces[i].querySelector('path.js-fill');
          if (!fill) return;
          var r = fill.getBoundingClientRect(), o = out[t.meta];
          if (!o || r.width * r.height > o.w * o.h)
            out[t.meta] = {x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height};
        });
        return out;""")


def _tap(duo, x: float, y: float):
    actions = ActionBuilder(duo.driver)
    actions.pointer_action.move_to_location(int(x), int(y)).pause(0.1).click()
    actions.perform()


def _show_picker(duo, view: str):
    click_option(duo, "picker-view", view)
    duo.wait_for_element(f'#picker .js-plotly-plot', timeout=TIMEOUT)
    WebDriverWait(duo.driver, TIMEOUT).until(lambda d: d.execute_script(
        "var gd = document.querySelector('#picker .js-plotly-plot');"
        "return gd && gd.layout && gd.layout.meta && gd.layout.meta.view === arguments[0];", view))
    WebDriverWait(duo.driver, TIMEOUT).until(lambda d: d.execute_script(  # drawn at its box's size
        "var box = document.querySelector('#picker'), gd = box.querySelector('.js-plotly-plot');"
        "return gd._fullLayout && Math.abs(gd._fullLayout.width - box.clientWidth) <= 1"
        " && Math.abs(gd._fullLayout.height - box.clientHeight) <= 1;"))
    duo.driver.execute_script(
        "document.querySelector('#picker').scrollIntoView({block: 'center'})")


def test_phone_mode_choice_is_on_the_first_screen(dash_duo):
    _phone(dash_duo)
    dash_duo.start_server(create_app())
    where = dash_duo.wait_for_element('#mode input[value="where"]', timeout=TIMEOUT)
    box = dash_duo.driver.execute_script(
        "return arguments[0].closest('label').getBoundingClientRect().toJSON()", where)
    assert 0 <= box["top"] and box["bottom"] <= 812


def test_phone_tap_the_big_toe_in_the_zoomed_picker(dash_duo):
    _phone(dash_duo)
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?mode=where&side=left")
    click_option(dash_duo, "feel", "numbness")
    _show_picker(dash_duo, "foot_top")
    boxes = _picker_boxes(dash_duo)
    assert {"big_toe", "little_toe", "dorsum_foot", "first_web_space"} <= set(boxes)
    small = {r: (round(b["w"]), round(b["h"])) for r, b in boxes.items()
             if b["w"] < 24 or b["h"] < 24}
    assert not small, f"WCAG 2.2 target size: at least 24 x 24 CSS px ({small})"
    toe = boxes["big_toe"]
    _tap(dash_duo, toe["x"], toe["y"])
    dash_duo.wait_for_text_to_equal("#picker-status", "Marked: Big toe (left leg), numbness.",
                                    timeout=TIMEOUT)
    dash_duo.wait_for_contains_text("#marked-list", "Big toe (left leg): numbness",
                                    timeout=TIMEOUT)
    dash_duo.wait_for_contains_text(".candidates li:first-child", "L5 nerve root (left)",
                                    timeout=TIMEOUT)
    WebDriverWait(dash_duo.driver, TIMEOUT).until(  # the address follows the server's answer
        lambda d: d.execute_script("return window.location.search")
        == "?regions=big_toe:left:numbness")
    # a tap beside the foot says so, and changes nothing
    gd = dash_duo.find_element("#picker .js-plotly-plot").rect
    _tap(dash_duo, gd["x"] + 4, gd["y"] + 4)
    dash_duo.wait_for_contains_text("#picker-status", "Nothing here", timeout=TIMEOUT)
    assert len(dash_duo.driver.find_elements(By.CSS_SELECTOR, "#marked-list li")) == 1


@pytest.mark.parametrize("view", ["front", "back", "foot_sole"])
def test_phone_every_picker_region_is_big_enough(dash_duo, view):
    _phone(dash_duo)
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?mode=where&side=left")
    _show_picker(dash_duo, view)
    boxes = _picker_boxes(dash_duo)
    assert boxes
    small = {r: (round(b["w"]), round(b["h"])) for r, b in boxes.items()
             if b["w"] < 24 or b["h"] < 24}
    assert not small, small


def _top(duo, selector: str) -> float:
    """Distance from the top of the page (CSS px)."""
    return duo.driver.execute_script(
        "return document.querySelector(arguments[0]).getBoundingClientRect().top"
        " + window.scrollY", selector)


def test_phone_urgent_block_above_the_first_candidate(dash_duo):
    _phone(dash_duo)
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?regions=dorsum_foot:left:numbness,"
                        "big_toe:left:numbness,buttock:left")
    dash_duo.wait_for_contains_text(".candidates li:first-child", "L5 nerve root (left)",
                                    timeout=TIMEOUT)
    assert not dash_duo.find_element("#urgent").text  # nothing urgent marked yet
    # the saddle, tapped in the picker of the back of the leg
    _show_picker(dash_duo, "back")
    saddle = _picker_boxes(dash_duo)["saddle"]
    _tap(dash_duo, saddle["x"], saddle["y"])
    dash_duo.wait_for_contains_text("#urgent", "Get help now", timeout=TIMEOUT)
    urgent = dash_duo.find_element("#urgent")
    assert "⚠" in urgent.text and "EMERGENCY" in urgent.text.upper()  # words and icon, not only colour
    assert "Go to emergency care the same day." in urgent.text
    assert _top(dash_duo, "#urgent") < _top(dash_duo, ".candidates li:first-child")
    # brought into view: the top of the block is on screen
    top = dash_duo.driver.execute_script(
        "return document.querySelector('#urgent').getBoundingClientRect().top")
    assert 0 <= top < 812
    style = dash_duo.driver.execute_script(
        "var s = getComputedStyle(document.querySelector('#urgent'));"
        "return [s.borderTopWidth, s.borderTopColor];")
    assert float(style[0].rstrip("px")) >= 2  # a visible frame, not a grey note


def test_warning_sign_answers_raise_the_block_and_travel_in_the_link(page):
    click_option(page, "mode", "where")
    page.driver.find_element(By.CSS_SELECTOR, '#regions input[value="heel"]').click()
    page.wait_for_contains_text(".candidates li:first-child", "S1", timeout=TIMEOUT)
    page.driver.find_element(By.CSS_SELECTOR, '#flags input[value="bladder-bowel"]').click()
    page.wait_for_contains_text("#urgent", "New trouble passing urine", timeout=TIMEOUT)
    WebDriverWait(page.driver, TIMEOUT).until(lambda d: "flags=bladder-bowel" in d.execute_script(
        "return window.location.search"))
    page.driver.find_element(By.CSS_SELECTOR, '#weak input[value="tiptoe"]').click()
    WebDriverWait(page.driver, TIMEOUT).until(lambda d: "weak=tiptoe" in d.execute_script(
        "return window.location.search"))
    assert _top(page, "#urgent") < _top(page, ".candidates li:first-child")
    text = page.find_element("#explanation").text
    assert "This is not a diagnosis." in text and "%" not in text
    assert "Fits all the places you marked." in text
