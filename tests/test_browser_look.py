"""What a careful look at the real page trips over: the selected look of the
controls, the side kept across conditions, the tab's title."""
from __future__ import annotations

from pathlib import Path

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from test_browser import TIMEOUT, checked, click_option, painted, pattern, trace_styles

from dashapp.server.factory import create_app


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
    # a new condition starts at its own usual zone (for stenosis the middle: both sides)
    click_option(page, "condition", "spinal-stenosis")
    painted(page, "spinal-stenosis|L4-L5|both|central")
    click_option(page, "zone", "lateral-recess")
    painted(page, "spinal-stenosis|L4-L5|right|lateral-recess")
    WebDriverWait(page.driver, TIMEOUT).until(
        lambda d: not d.find_element(By.ID, "side-note").is_displayed())
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


# --- the picture's labels: inside the plot, never on top of each other ------

LABEL_BOXES = (Path(__file__).parent / "label_boxes.js").read_text()
VIEWS = [
    # the lesion caption next to the level names, on the right
    ("condition=disc-herniation&level=L3-L4&side=right&zone=paracentral",
     "disc-herniation|L3-L4|right|paracentral"),
    # the most labels at once: both sides, three question-mark roots (clinician)
    ("condition=spinal-stenosis&level=L4-L5&side=both&zone=central&audience=clinician",
     "spinal-stenosis|L4-L5|both|central"),
    ("condition=spondylolisthesis&level=L4-L5&side=both", "spondylolisthesis|L4-L5|both|"),
    # the top level: its caption must not run into the view's title
    ("condition=degenerative-disc&level=L1-L2&side=both", "degenerative-disc|L1-L2|both|"),
]


@pytest.mark.parametrize("width,height", [(721, 900), (768, 1024), (812, 375), (900, 800)])
def test_labels_stay_inside_the_picture_and_apart(dash_duo, width, height):
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 900})
    dash_duo.start_server(create_app())
    for query, key in VIEWS:
        dash_duo.driver.get(f"{dash_duo.server_url}/?{query}")
        painted(dash_duo, key)
        boxes = dash_duo.driver.execute_script(LABEL_BOXES)
        assert boxes["n"] > 20, boxes  # titles, L/R, root names, the lit ones
        assert boxes["out"] == [] and boxes["over"] == [], (width, query, boxes)
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("text_size", [100, 150])
def test_on_a_phone_the_lesion_caption_never_covers_a_label(dash_duo, text_size):
    """At the browser's text size of 150 % on a 375 px phone the caption ('L4–L5: narrow
    canal') once sat on the level names beside it (issue 8)."""
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": True})
    dash_duo.driver.execute_cdp_cmd("Page.setFontSizes", {  # as the browser's setting does
        "fontSizes": {"standard": round(16 * text_size / 100)}})
    dash_duo.start_server(create_app())
    assert dash_duo.driver.execute_script(
        "return parseFloat(getComputedStyle(document.documentElement).fontSize)") == round(
            16 * text_size / 100)
    views = VIEWS + [("condition=disc-herniation&level=L5-S1&side=left&zone=foraminal",
                      "disc-herniation|L5-S1|left|foraminal")]
    for query, key in views:
        dash_duo.driver.get(f"{dash_duo.server_url}/?{query}")
        painted(dash_duo, key)
        boxes = dash_duo.driver.execute_script(LABEL_BOXES)
        captions = [t for t in boxes["texts"] if "–" in t]  # 'L4–L5:narrowcanal'
        assert len(captions) == 1, (query, boxes["texts"])
        hits = [o for o in boxes["over"] + boxes["out"] if "–" in o]
        assert hits == [], (text_size, query, hits)


def test_a_phone_held_sideways_gets_a_picture_that_fits_its_screen(dash_duo):
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 812, "height": 375, "deviceScaleFactor": 2, "mobile": True})
    dash_duo.start_server(create_app())
    painted(dash_duo, "disc-herniation|L4-L5|left|paracentral")
    box = dash_duo.driver.execute_script(
        "var r = document.querySelector('#schematic').getBoundingClientRect();"
        "return {w: r.width, h: r.height, inner: window.innerHeight,"
        " page: document.documentElement.scrollWidth};")
    assert box["h"] <= box["inner"], box  # all of it in view at once, scrolled to it
    assert box["w"] > 1.5 * box["h"]  # the wide arrangement: views side by side
    assert box["page"] <= 812  # no sideways scrolling


# --- the 'possibly involved' layer and the legend ---------------------------

def legend(duo) -> list[str]:
    return [e.text for e in duo.driver.find_elements(By.CSS_SELECTOR, "#legend li")]


def test_patients_see_the_main_answer_clinicians_also_what_may_be_involved(page):
    page.driver.get(page.server_url +
                    "/?condition=spinal-stenosis&level=L4-L5&side=both&zone=central")
    painted(page, "spinal-stenosis|L4-L5|both|central")
    page.wait_for_contains_text("#figure-summary", "L5", timeout=TIMEOUT)
    maybe = [t for t in trace_styles(page) if t["key"].startswith("nerve:S1:left")]
    assert maybe and all(t["dash"] in ("", "none") for t in maybe)  # not drawn dashed
    assert not any(label["shown"] and label["text"].endswith("?")
                   for t in trace_styles(page) for label in t["labels"])
    assert "possibly" not in page.find_element("#figure-summary").text
    assert not any("may also" in item for item in legend(page))
    # the patient text still names them
    assert "S1" in page.find_element("#explanation").text
    # a clinician sees them at once; and anyone can switch them on
    click_option(page, "audience", "clinician")
    page.wait_for_contains_text("#figure-summary", "possibly also", timeout=TIMEOUT)
    WebDriverWait(page.driver, TIMEOUT).until(lambda d: any(
        label["shown"] and label["text"] == "S1?" for t in trace_styles(page)
        for label in t["labels"]))
    dashed = [t for t in trace_styles(page) if t["key"].startswith("nerve:S1:left")]
    assert all(t["dash"] not in ("", "none") for t in dashed)
    assert any("may also be involved" in item for item in legend(page))


def test_the_legend_draws_every_mark_the_picture_shows(page):
    painted(page, "disc-herniation|L4-L5|left|paracentral")
    page.wait_for_contains_text("#legend", "where it is felt", timeout=TIMEOUT)
    items = page.driver.find_elements(By.CSS_SELECTOR, "#legend li")
    drawn = [i for i in items if i.find_elements(By.CSS_SELECTOR, "img.swatch")]
    assert len(drawn) == 3  # the problem, the root, where it is felt
    for item in drawn:  # each swatch is really drawn (an image the browser decoded)
        size = page.driver.execute_script(
            "var i = arguments[0].querySelector('img'); return [i.naturalWidth, i.complete];", item)
        assert size[0] > 0 and size[1], item.text
    click_option(page, "mode", "where")
    page.driver.find_element(By.CSS_SELECTOR, '#regions input[value="heel"]').click()
    page.wait_for_contains_text("#legend", "where you marked", timeout=TIMEOUT)
    # a slip shows its side view under the picture, naming both vertebrae
    page.driver.get(page.server_url + "/?condition=spondylolisthesis&level=L4-L5&side=both")
    page.wait_for_contains_text("#side-view", "L4 has slipped forward over L5", timeout=TIMEOUT)


# --- where mode: what the best root explains, apart from what it does not ----

def test_marks_the_best_root_explains_are_drawn_apart_and_said(page):
    page.driver.get(page.server_url + "/?regions=big_toe:left,dorsum_foot:left,heel:left")
    page.wait_for_contains_text(".candidates li:first-child", "L5 nerve root (left)",
                                timeout=TIMEOUT)
    painted(page, "where")
    styles = {t["key"]: t for t in trace_styles(page)}

    def looks(region):
        return [styles[k] for k in styles if str(k).startswith(f"region:{region}:left:")]
    for region in ("big_toe", "dorsum_foot"):  # explained: red hatch in a thick blue edge
        assert looks(region) and all(pattern(t) == "explained" and t["width"] >= 3
                                     and t["color"] == "rgb(27, 108, 168)"
                                     for t in looks(region)), region
    heel = looks("heel")  # marked, not explained: blue crosses, a thinner edge
    assert heel and all(pattern(t) == "marked" and t["width"] < 3 for t in heel)
    # the legend draws it, in words too
    page.wait_for_contains_text("#legend", "marked and explained by this nerve", timeout=TIMEOUT)
    item = next(i for i in page.driver.find_elements(By.CSS_SELECTOR, "#legend li")
                if "explained" in i.text)
    assert page.driver.execute_script(
        "var i = arguments[0].querySelector('img.swatch'); return i && i.naturalWidth > 0;", item)
    # the caption says which marks the red root explains and which it does not
    caption = page.find_element("#figure-summary").text
    assert "L5 (left) explains the big toe and the top of foot" in caption
    assert "It does not explain the heel: blue crosses." in caption
    # a mark alone that the best root explains: no plain 'marked' look left
    page.driver.get(page.server_url + "/?regions=heel:left")
    page.wait_for_contains_text(".candidates li:first-child", "S1", timeout=TIMEOUT)
    painted(page, "where")
    heel = [t for t in trace_styles(page) if str(t["key"]).startswith("region:heel:left:")]
    assert heel and all(pattern(t) == "explained" for t in heel)
    assert "does not explain" not in page.find_element("#figure-summary").text


# --- reduced motion (issue 8 leftover) ---------------------------------------

def _motion(duo, value: str):
    duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-reduced-motion", "value": value}]})


# the longest transition and animation any element of the page has, in seconds; and a
# probe element that asks for both, as any future animation of the page would
DURATIONS = """
    var probe = document.getElementById('motion-probe') || document.createElement('div');
    probe.id = 'motion-probe';
    probe.style.transition = 'opacity 2s'; probe.style.animation = 'none 3s infinite';
    document.body.appendChild(probe);
    var longest = {transition: 0, animation: 0};
    document.querySelectorAll('*').forEach(function (e) {
      var s = getComputedStyle(e);
      ['transition', 'animation'].forEach(function (k) {
        s[k + 'Duration'].split(',').forEach(function (d) {
          longest[k] = Math.max(longest[k], parseFloat(d) || 0); });
      });
    });
    var p = getComputedStyle(probe);
    return {longest: longest, probe: [parseFloat(p.transitionDuration), parseFloat(p.animationDuration)]};"""

# every scrollIntoView the page asks for, with its options
RECORD_SCROLLS = """
    window.scrollsAsked = [];
    var own = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (options) {
      window.scrollsAsked.push({id: this.id, behavior: options && options.behavior});
      return own.apply(this, arguments);
    };"""


def _picture_scroll_after_choosing(duo) -> str:
    """Choose the first candidate on a phone; how the picture is brought into view."""
    duo.driver.execute_script("window.scrollsAsked = [];")
    duo.driver.find_element(By.CSS_SELECTOR, ".candidates li:first-child button").click()
    WebDriverWait(duo.driver, TIMEOUT).until(lambda d: any(
        s["id"] == "schematic" for s in d.execute_script("return window.scrollsAsked")))
    return next(s["behavior"] for s in duo.driver.execute_script("return window.scrollsAsked")
                if s["id"] == "schematic")


def test_reduced_motion_stills_what_would_move(dash_duo):
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": True})
    _motion(dash_duo, "reduce")
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?regions=dorsum_foot:left,big_toe:left")
    dash_duo.wait_for_contains_text(".candidates li:first-child", "L5 nerve root (left)",
                                    timeout=TIMEOUT)
    assert dash_duo.driver.execute_script(
        "return matchMedia('(prefers-reduced-motion: reduce)').matches")
    # CSS: no transition or animation on the page lasts longer than a blink, not even
    # one that asks for seconds
    still = dash_duo.driver.execute_script(DURATIONS)
    assert still["longest"]["transition"] <= 0.001 and still["longest"]["animation"] <= 0.001, still
    assert max(still["probe"]) <= 0.001, still
    assert dash_duo.driver.execute_script(
        "return getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    # JS: choosing a candidate on a phone jumps to the picture, it does not glide
    dash_duo.driver.execute_script(RECORD_SCROLLS)
    assert _picture_scroll_after_choosing(dash_duo) == "auto"
    # the same page without the wish moves: the probe keeps its seconds, the scroll glides
    _motion(dash_duo, "no-preference")
    moving = dash_duo.driver.execute_script(DURATIONS)
    assert moving["probe"] == [2, 3], moving
    dash_duo.find_element("#back-to-marks").click()
    dash_duo.wait_for_contains_text(".candidates li:first-child", "L5 nerve root (left)",
                                    timeout=TIMEOUT)
    assert _picture_scroll_after_choosing(dash_duo) == "smooth"
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("standard", [16, 24])  # the browser's text size: 100 %, 150 %
def test_on_a_phone_no_label_runs_into_another(dash_duo, standard):
    """On a 375 px phone 'LEFT leg' ran into the next view's 'LEFT leg', 'LEFT' into
    'RIGHT' over the feet and S1, S2, S3 into each other (more so at 150 %): the side
    names shorten there and the sacral names are spread (issues 8 and 12)."""
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": True})
    dash_duo.driver.execute_cdp_cmd("Page.setFontSizes", {"fontSizes": {"standard": standard}})
    dash_duo.start_server(create_app())
    for query, key in VIEWS:
        dash_duo.driver.get(f"{dash_duo.server_url}/?{query}")
        painted(dash_duo, key)
        try:  # the side names follow the highlight a moment after it is painted
            WebDriverWait(dash_duo.driver, 5).until(lambda d: not any(
                (lambda b: b["over"] + b["out"])(d.execute_script(LABEL_BOXES))))
        except TimeoutException:
            pass
        boxes = dash_duo.driver.execute_script(LABEL_BOXES)
        assert boxes["n"] > 20, boxes
        assert boxes["over"] == [] and boxes["out"] == [], (standard, query, boxes)
