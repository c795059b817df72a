"""Screenshots of the running page in headless Chromium (desktop and phone).

    python tools/screenshot.py URL OUT.png [--width 1400 --height 900]

Waits until the schematic has painted its highlight before the shot.
"""
from __future__ import annotations

import argparse
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.action_chains import ActionChains


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full", action="store_true", help="the whole page, not the viewport")
    parser.add_argument("--phone", action="store_true",
                        help="emulate a phone screen of --width x --height CSS px")
    parser.add_argument("--dark", action="store_true", help="prefers-color-scheme: dark")
    parser.add_argument("--text-size", type=int, default=100,
                        help="the browser's text size in %% (150: text set 1.5 times larger)")
    parser.add_argument("--first-view", action="store_true",
                        help="the link as a document, before the person reaches for the app")
    parser.add_argument("--click", action="append", default=[],
                        help="CSS selector to click before the shot (repeatable)")
    args = parser.parse_args()
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", f"--window-size={args.width},{args.height}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options)
    if args.phone:  # a real phone-sized viewport (headless windows have a minimum width)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": args.width, "height": args.height, "deviceScaleFactor": 2, "mobile": True})
    if args.dark:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    if args.text_size != 100:  # as the browser's font-size setting does
        driver.execute_cdp_cmd("Page.setFontSizes", {
            "fontSizes": {"standard": round(16 * args.text_size / 100)}})
    try:
        driver.get(args.url)
        if not args.first_view:  # the app starts when a person moves the mouse (assets/boot.js)
            ActionChains(driver).move_by_offset(3, 3).perform()
        deadline = 0 if args.first_view else time.time() + 30
        while time.time() < deadline and not driver.execute_script(
                "return !!window.spinefootPainted"):
            time.sleep(0.1)
        for selector in args.click:
            driver.execute_script("document.querySelector(arguments[0]).click()", selector)
            time.sleep(1.0)
        time.sleep(0.8)
        if args.full:
            height = driver.execute_script("return document.documentElement.scrollHeight")
            if args.phone:
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                    "width": args.width, "height": height, "deviceScaleFactor": 2,
                    "mobile": True})
            else:
                driver.set_window_size(args.width, height + 100)
            time.sleep(0.8)
        driver.save_screenshot(args.out)
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
