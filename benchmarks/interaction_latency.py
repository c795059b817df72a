"""Selection → painted-figure latency in real headless Chromium.

Starts the app, opens it in Debian's Chromium, and clicks through many
condition / level / side switches the way a person would (a click on the
radio button). For each it measures, inside the page, the time from the
click to the next animation frame after the highlight was applied to the
SVG (assets/highlight.js marks that frame; the browser paints it). Also prints time to the first painted schematic and the
bytes the page transferred.

    python benchmarks/interaction_latency.py [--switches 200] [--width 1400]
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

CLICK_AND_WAIT = """
const [control, value, expected, done] = arguments;
const input = document.querySelector(`#${control} input[value="${value}"]`);
const t0 = performance.now();
let afterplot = null;
const gd = document.querySelector('#schematic .js-plotly-plot');
const onAfter = () => { afterplot = performance.now(); };
gd.on('plotly_afterplot', onAfter);
document.addEventListener('spinefoot:painted', function handler(ev) {
  if (ev.detail !== expected) return;
  document.removeEventListener('spinefoot:painted', handler);
  gd.removeListener('plotly_afterplot', onAfter);
  done({painted: window.spinefootPainted.t - t0, afterplot: afterplot && afterplot - t0});
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
    args = parser.parse_args()

    port = free_port()
    server = start_server(port)
    driver = browser(args.width, args.height)
    try:
        url = f"http://127.0.0.1:{port}/"
        driver.get(url)
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
        state = {"condition": "disc-herniation", "level": "L4-L5", "side": "left",
                 "zone": "paracentral"}
        # only switches between valid views (a refused view paints "none:…")
        plan = [("level", lv) for lv in ("L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1")] + \
               [("side", s) for s in ("left", "right")] + \
               [("zone", z) for z in ("paracentral", "foraminal", "extraforaminal")]
        painted, afterplot = [], []
        for _ in range(args.switches):
            control, value = rng.choice([p for p in plan if state[p[0]] != p[1]])
            state[control] = value
            expected = "|".join([state["condition"], state["level"], state["side"], state["zone"]])
            result = driver.execute_async_script(CLICK_AND_WAIT, control, value, expected)
            painted.append(result["painted"])
            if result["afterplot"] is not None:
                afterplot.append(result["afterplot"])
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)

    report = {
        "switches": len(painted),
        "window": f"{args.width}x{args.height}",
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
