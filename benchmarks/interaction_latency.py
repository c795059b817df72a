"""Selection → painted-figure latency in real headless Chromium.

Starts the app, opens it in Debian's Chromium, and clicks through many
condition / level / side switches the way a person would (a click on the
radio button). For each it measures, inside the page, the time from the
click to the next animation frame after the highlight was applied to the
SVG (assets/highlight.js marks that frame; the browser paints it). Also prints time to the first painted schematic and the
bytes the page transferred.

    python benchmarks/interaction_latency.py [--switches 200] [--width 1400]
    python benchmarks/interaction_latency.py --phone --width 375 --height 812
"""
from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.action_chains import ActionChains

CLICK_AND_WAIT = """
const [control, value, expected, done] = arguments;
const input = document.querySelector(`#${control} input[value="${value}"]`);
const t0 = performance.now();
let afterplot = null;
const gd = document.querySelector('#schematic .js-plotly-plot');
const onAfter = () => { afterplot = performance.now(); };
gd.on('plotly_afterplot', onAfter);
document.addEventListener('spinefoot:painted', function handler(ev) {
  if (expected !== null && ev.detail !== expected) return;
  document.removeEventListener('spinefoot:painted', handler);
  gd.removeListener('plotly_afterplot', onAfter);
  done({painted: window.spinefootPainted.t - t0, afterplot: afterplot && afterplot - t0,
        key: ev.detail});
});
input.click();
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "dashapp", "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the app did not start within 60 s")


def browser(width: int, height: int) -> webdriver.Chrome:
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic",
                 f"--window-size={width},{height}"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--switches", type=int, default=200)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--phone", action="store_true",
                        help="emulate a phone viewport of --width x --height (e.g. 375 x 812)")
    args = parser.parse_args()

    port = free_port()
    server = start_server(port)
    driver = browser(args.width, args.height)
    if args.phone:  # headless windows have a minimum width: emulate the phone's screen
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": args.width, "height": args.height, "deviceScaleFactor": 2, "mobile": True})
    try:
        url = f"http://127.0.0.1:{port}/"
        driver.get(url)
        # the app starts when the person reaches for it (assets/boot.js): a doctor
        # moves the mouse as the page opens; the clock below runs from the page load
        ActionChains(driver).move_by_offset(3, 3).perform()
        driver.set_script_timeout(30)
        first = driver.execute_async_script("""
            const done = arguments[0];
            (function wait() {
              if (window.spinefootPainted) {
                const nav = performance.getEntriesByType('navigation')[0];
                done({painted: window.spinefootPainted.t, dcl: nav.domContentLoadedEventEnd});
              } else setTimeout(wait, 10);
            })();""")
        transferred = driver.execute_script("""
            const nav = performance.getEntriesByType('navigation')[0];
            const res = performance.getEntriesByType('resource');
            return {bytes: nav.transferSize + res.reduce((a, r) => a + r.transferSize, 0),
                    decoded: nav.decodedBodySize + res.reduce((a, r) => a + r.decodedBodySize, 0),
                    requests: res.length + 1};""")

        rng = random.Random(args.seed)
        # what a person can click now: the visible options of each control
        options_js = """
            const out = {};
            for (const id of ['condition', 'level', 'side', 'zone']) {
              const field = document.getElementById(id);
              if (!field || field.closest('[hidden]')) continue;
              out[id] = Array.from(field.querySelectorAll('input')).filter(i => !i.checked && !i.disabled)
                             .map(i => i.value);
            }
            return out;"""
        painted, afterplot, kinds = [], [], {"condition": 0, "level": 0, "side": 0, "zone": 0}
        for _ in range(args.switches):
            options = {k: v for k, v in driver.execute_script(options_js).items() if v}
            # conditions change less often than level/side/zone in real use
            weights = [1 if k == "condition" else 3 for k in options]
            control = rng.choices(list(options), weights)[0]
            value = rng.choice(options[control])
            result = driver.execute_async_script(CLICK_AND_WAIT, control, value, None)
            painted.append(result["painted"])
            kinds[control] += 1
            if result["afterplot"] is not None:
                afterplot.append(result["afterplot"])
            if control == "condition":
                time.sleep(0.3)  # let Dash swap the zone options before the next click
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)

    report = {
        "switches": len(painted),
        "switches_by_control": kinds,
        "window": f"{args.width}x{args.height}" + (" phone" if args.phone else ""),
        "select_to_painted_ms": {"p50": round(statistics.median(painted), 1),
                                 "p95": round(percentile(painted, 0.95), 1),
                                 "max": round(max(painted), 1)},
        "select_to_afterplot_ms": ({"p50": round(statistics.median(afterplot), 1),
                                    "p95": round(percentile(afterplot, 0.95), 1)}
                                   if afterplot else "not fired: a selection re-plots nothing"),
        "first_painted_schematic_ms": round(first["painted"], 1),
        "dom_content_loaded_ms": round(first["dcl"], 1),
        "page_bytes_transferred": transferred["bytes"],
        "page_bytes_decoded": transferred["decoded"],
        "requests": transferred["requests"],
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
