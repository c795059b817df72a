"""axe-core in real Chromium on every state a person can reach, at desktop and
phone width: WCAG 2.1 A/AA and axe's best practices, no violation allowed.

axe-core is the pinned npm package (installed once into a cache folder with
the machine's npm; tools/test.sh installs Node.js where it is missing). It is
injected into the page by the test driver, so the page's own Content-Security-Policy
stays as strict as it is.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from dashapp.server.factory import create_app

AXE_VERSION = "4.14.1"
AXE_HOME = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / \
    "spinefoot-test" / f"axe-core-{AXE_VERSION}"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
TIMEOUT = 30
PAINTED = "#schematic .js-plotly-plot[data-highlight]"


@pytest.fixture(scope="session")
def axe_source() -> str:
    script = AXE_HOME / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            if os.environ.get("CI"):
                pytest.fail("CI: npm is missing; tools/test.sh installs it")
            pytest.skip("npm is not installed (tools/test.sh installs it)")
        AXE_HOME.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--prefix", str(AXE_HOME), "--no-audit", "--no-fund",
                        "--loglevel=error", f"axe-core@{AXE_VERSION}"], check=True, timeout=300)
    return script.read_text()


def violations(duo, axe_source: str) -> list[str]:
    """axe's violations on the page as it is now, one readable line each."""
    driver = duo.driver
    driver.set_script_timeout(120)
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(axe_source)
    result = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
           .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' | ' +
                                                     n.failureSummary.split('\\n').slice(1, 2))}))))
           .catch(e => done([{id: 'axe-error', impact: 'error', help: String(e), nodes: []}]));
    """, TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} -> {v['nodes']}" for v in result]


def settle(duo):
    """The page has drawn its view and written its text."""
    duo.wait_for_element(PAINTED, timeout=TIMEOUT)
    duo.wait_for_element("#explanation h2", timeout=TIMEOUT)


def click(duo, selector: str):
    duo.driver.find_element(By.CSS_SELECTOR, selector).click()


FIRST_VIEW = "before the app starts"  # the link as a document (dashapp/page/first_view.py)
# state name -> (link, what to do on the page, text that shows it is there)
STATES = {
    "first view, patient": ("/?condition=spinal-stenosis&level=L4-L5&side=both&zone=central",
                            FIRST_VIEW, ".first-view .explanation h3"),
    "first view, clinician": ("/?condition=disc-herniation&level=L5-S1&side=left"
                              "&zone=paracentral&audience=clinician", FIRST_VIEW,
                              ".first-view .explanation .sources"),
    "explain, patient": ("/", None, "#explanation h3"),
    "explain, clinician": ("/?condition=spinal-stenosis&level=L4-L5&side=both&zone=central"
                           "&audience=clinician", None, "#explanation .sources"),
    "where, marked": ("/?regions=big_toe,dorsum_foot&side=left", None, "#explanation .candidates"),
    "where, nothing marked": ("/?mode=where", None, "#where-controls"),
    "where, urgent": ("/?regions=saddle:left,big_toe:left", None, ".urgent h2"),
    "refused link": ("/?condition=disc-herniation&level=L4-L5&side=both&zone=paracentral", None,
                     "#url-note"),
    "bad link": ("/?condition=nonsense&level=L9&side=up", None, "#url-note"),
    "draw mode": ("/", "#draw-toggle", '#draw-toggle[aria-pressed="true"]'),
    "handout dialog": ("/?condition=disc-herniation&level=L5-S1&side=left", "#print-open",
                       "#handout-fhir:not([hidden])"),
}


@pytest.mark.parametrize("width,scheme", [(1280, "light"), (375, "light"), (1280, "dark")])
def test_no_axe_violations_in_any_state(dash_duo, axe_source, width, scheme):
    dash_duo.start_server(create_app())
    dash_duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": scheme}]})
    if width < 720:  # a phone: real mobile viewport (headless windows have a minimum width)
        dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": 812, "deviceScaleFactor": 2, "mobile": True})
    else:
        dash_duo.driver.set_window_size(width, 900)
    found = {}
    for name, (link, action, shown) in STATES.items():
        if action == FIRST_VIEW:
            dash_duo.driver.arrive_only(dash_duo.server_url + link)
        else:
            dash_duo.driver.get(dash_duo.server_url + link)
            settle(dash_duo)
        if action and action != FIRST_VIEW:
            if not dash_duo.find_element(action).is_displayed():
                continue  # not offered at this width (drawing is for chairside screens)
            click(dash_duo, action)
        dash_duo.wait_for_element(shown, timeout=TIMEOUT)
        problems = violations(dash_duo, axe_source)
        if problems:
            found[name] = problems
    assert found == {}, "\n".join(f"[{width}px {scheme}] {state}: {p}"
                                  for state, ps in found.items() for p in ps)


def test_dark_theme_keeps_the_picture_on_a_light_card_with_the_highlight_outstanding(
        dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    dash_duo.driver.set_window_size(1280, 900)
    dash_duo.driver.get(dash_duo.server_url + "/?condition=disc-herniation&level=L5-S1&side=left")
    settle(dash_duo)
    page_bg, card_bg = dash_duo.driver.execute_script("""
        const bg = (sel) => getComputedStyle(document.querySelector(sel)).backgroundColor;
        return [bg('body'), bg('.figure-panel')];""")
    assert luminance(page_bg) < 0.05 and luminance(card_bg) > 0.6
    # the lit root stands out from its card more than anything unlit does
    styles = dash_duo.driver.execute_script("return window.dash_clientside.spinefoot.inspect()")
    lit = [s for s in styles if str(s["key"]).startswith("nerve:S1:left") and s["width"] >= 4.5]
    unlit = [s for s in styles if str(s["key"]).startswith("nerve:") and s["width"]
             and s["width"] < 4.5]
    assert lit and unlit
    best_unlit = max(contrast(s["color"], card_bg) * s["opacity"] for s in unlit)
    assert min(contrast(s["color"], card_bg) for s in lit) > best_unlit


def rgb(css: str) -> tuple[float, ...]:
    return tuple(float(v) for v in css[css.index("(") + 1:css.index(")")].split(",")[:3])


def luminance(css: str) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb(css))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def tab_until(duo, matches: str, limit: int = 80):
    """Press Tab until the focused element matches the CSS selector; the path taken."""
    from selenium.webdriver.common.keys import Keys
    seen = []
    for _ in range(limit):
        duo.driver.switch_to.active_element.send_keys(Keys.TAB)
        here = duo.driver.execute_script(
            "const e = document.activeElement; return [e.matches(arguments[0]),"
            " (e.closest('[id]') || e).id + ':' + e.tagName + ':' + (e.value || '')]", matches)
        seen.append(here[1])
        if here[0]:
            return seen
    raise AssertionError(f"{matches} not reached by Tab; went through {seen}")


def test_every_control_and_the_copy_link_work_by_keyboard(dash_duo):
    from selenium.webdriver.common.keys import Keys
    dash_duo.start_server(create_app())
    dash_duo.driver.set_window_size(1280, 900)
    dash_duo.driver.get(dash_duo.server_url + "/")
    settle(dash_duo)
    path = tab_until(dash_duo, '.copy[role="button"]')
    for group in ("mode", "condition", "level", "zone", "side", "draw-toggle", "mirror-toggle",
                  "present-toggle", "print-open"):
        assert any(step.startswith(group + ":") for step in path), (group, path)
    # the copy button is named and answers Enter
    copy = dash_duo.driver.switch_to.active_element
    assert copy.get_attribute("aria-label") == "Copy the link"
    dash_duo.driver.execute_script(
        "document.querySelector('.copy').addEventListener('click', () => window.sfCopied = true)")
    copy.send_keys(Keys.ENTER)
    assert dash_duo.driver.execute_script("return window.sfCopied === true")
    # a level chosen with the arrow keys lights that level
    dash_duo.driver.find_element(By.CSS_SELECTOR, "#level input:checked").click()
    dash_duo.driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    dash_duo.wait_for_element('#schematic .js-plotly-plot[data-highlight='
                              '"disc-herniation|L5-S1|left|paracentral"]', timeout=TIMEOUT)


def test_focus_ring_is_visible_and_unlike_the_selected_look(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.set_window_size(1280, 900)
    dash_duo.driver.get(dash_duo.server_url + "/")
    settle(dash_duo)
    tab_until(dash_duo, "#condition input")
    ring = dash_duo.driver.execute_script("""
        const label = document.activeElement.closest('label');
        const s = getComputedStyle(label), bg = getComputedStyle(label.closest('.panel'));
        const other = getComputedStyle(document.querySelector('#level label:has(input:checked)'));
        return {color: s.outlineColor, width: parseFloat(s.outlineWidth), style: s.outlineStyle,
                offset: parseFloat(s.outlineOffset), panel: bg.backgroundColor,
                page: getComputedStyle(document.body).backgroundColor,
                selectedOutline: other.outlineStyle};""")
    assert ring["style"] == "solid" and ring["width"] >= 2 and ring["offset"] >= 1
    # the ring sits in the gap outside the control: it must stand out from the panel
    assert contrast(ring["color"], ring["panel"]) >= 3
    assert contrast(ring["color"], ring["page"]) >= 3
    # selected (not focused) options show fill and border, never a ring
    assert ring["selectedOutline"] == "none"


def test_picture_labels_are_readable_on_a_phone_and_grow_with_text_size(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": True})
    sizes = {}
    for standard in (16, 24):  # the browser's text size: default, then 150 %
        dash_duo.driver.execute_cdp_cmd("Page.setFontSizes", {"fontSizes": {"standard": standard}})
        dash_duo.driver.get(dash_duo.server_url + "/?condition=disc-herniation&level=L5-S1")
        settle(dash_duo)
        sizes[standard] = dash_duo.driver.execute_script("""
            return Array.from(document.querySelectorAll('#schematic svg text'))
              .filter(t => t.textContent.trim() && getComputedStyle(t).fillOpacity !== '0')
              .map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize),
                         getComputedStyle(t).stroke !== 'none']);""")
    assert sizes[16] and min(size for _, size, _ in sizes[16]) >= 12
    before = {text: size for text, size, _ in sizes[16]}
    after = {text: size for text, size, _ in sizes[24]}
    # everything grows; what the highlight shows (haloed labels: 'S1') by the full 1.5.
    # (Side names shorten where larger text would run them together: 'RIGHT leg' ->
    # 'RIGHT', so only the words on the picture at both sizes are compared.)
    both = [text for text in before if text in after]
    assert len(both) >= 0.8 * len(before), (sorted(before), sorted(after))
    assert all(after[text] > before[text] for text in both)
    lit = [(text, size) for text, size, halo in sizes[24] if halo]
    assert lit and all(size >= 1.5 * before[text] - 0.5 for text, size in lit)
    assert min(after.values()) >= 14


def test_screen_readers_read_the_picture_as_what_is_lit(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?condition=disc-herniation&level=L5-S1")
    settle(dash_duo)
    dash_duo.wait_for_contains_text("#figure-summary", "S1 nerve root (left side)", timeout=TIMEOUT)
    node = dash_duo.driver.execute_cdp_cmd("DOM.getDocument", {"depth": 0})["root"]
    graph = dash_duo.driver.execute_cdp_cmd("DOM.querySelector", {
        "nodeId": node["nodeId"], "selector": "#schematic"})
    tree = dash_duo.driver.execute_cdp_cmd("Accessibility.getPartialAXTree", {
        "nodeId": graph["nodeId"], "fetchRelatives": False})["nodes"]
    me = tree[0]
    assert me["role"]["value"] == "image"
    assert me["name"]["value"] == dash_duo.find_element("#figure-summary").text
    assert "S1 nerve root (left side)" in me["name"]["value"]
