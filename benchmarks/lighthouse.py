"""Lighthouse on the installed app behind gunicorn: medians of N runs per preset.

Starts `gunicorn dashapp.app:server` (the installed package, from a folder
outside the source tree), installs the pinned npm `lighthouse` into a cache
folder the first time, runs it with Debian's Chromium over loopback on the
mobile preset (simulated slow 4G, 4x CPU slowdown, 412 px phone) and the
desktop preset, and prints the medians of performance, LCP, TBT, CLS,
transferred bytes and accessibility.

    python benchmarks/lighthouse.py [--runs 3] [--path "/?condition=..."] [--keep DIR]

Lighthouse's figures depend on how busy the machine is (the CPU cost it
observes is what it scales): on a shared machine, compare medians taken
close together. --keep DIR saves each run's full JSON report (with the
main-thread breakdown and the trace-derived audits) for a closer look.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

LIGHTHOUSE = "13.5.0"  # npm package, pinned: its scoring changes between releases
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "spinefoot-bench"
CONFIG = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# headless Chromium on a machine without outside network: no background calls
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
                "--disable-background-networking --disable-component-update --disable-sync "
                "--no-first-run --disable-quic")
METRICS = {  # name -> (audit id, scale, unit)
    "lcp": ("largest-contentful-paint", 1 / 1000, "s"),
    "fcp": ("first-contentful-paint", 1 / 1000, "s"),
    "tbt": ("total-blocking-time", 1, "ms"),
    "cls": ("cumulative-layout-shift", 1, ""),
    "si": ("speed-index", 1 / 1000, "s"),
    "bytes": ("total-byte-weight", 1 / 1000, "kB"),
}


def lighthouse_cli() -> Path:
    """The pinned Lighthouse, installed with npm into the cache folder once."""
    home = CACHE / f"lighthouse-{LIGHTHOUSE}"
    cli = home / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        if not shutil.which("npm"):
            raise SystemExit("lighthouse.py needs Node.js and npm (apt-get install nodejs npm)")
        home.mkdir(parents=True, exist_ok=True)
        print(f"installing lighthouse@{LIGHTHOUSE} into {home} ...", file=sys.stderr)
        subprocess.run(["npm", "install", "--prefix", str(home), "--no-audit", "--no-fund",
                        "--loglevel=error", f"lighthouse@{LIGHTHOUSE}"], check=True)
    return cli


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, workers: int, wsgi: str) -> subprocess.Popen:
    """The production server on the installed package (cwd outside the source tree)."""
    command = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
    if CONFIG.exists():  # the production settings (worker class, timeouts)
        command += ["-c", str(CONFIG)]
    command.append(wsgi)
    proc = subprocess.Popen(command, cwd=tempfile.gettempdir(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("gunicorn stopped: " + proc.stderr.read().decode()[-2000:])
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("gunicorn did not answer within 90 s")


def run_lighthouse(cli: Path, url: str, preset: str, out: Path) -> dict:
    command = ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
               "--only-categories=performance,accessibility", f"--chrome-flags={CHROME_FLAGS}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())


def figures(report: dict) -> dict:
    audits = report["audits"]
    row = {"performance": round(report["categories"]["performance"]["score"] * 100),
           "accessibility": round(report["categories"]["accessibility"]["score"] * 100)}
    for name, (audit, scale, _unit) in METRICS.items():
        row[name] = audits[audit]["numericValue"] * scale
    return row


def fmt(name: str, value: float) -> str:
    if name in ("performance", "accessibility"):
        return f"{value:.0f}"
    if name == "cls":
        return f"{value:.3f}"
    unit = METRICS[name][2]
    return f"{value:,.0f} {unit}" if unit in ("ms", "kB") else f"{value:.2f} {unit}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--path", default="/", help='page to load, e.g. "/?condition=..."')
    parser.add_argument("--presets", default="mobile,desktop")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--wsgi", default="dashapp.app:server",
                        help="WSGI app to serve (to compare a variant of the app)")
    parser.add_argument("--keep", type=Path, help="save each run's JSON report here")
    parser.add_argument("--json", action="store_true", help="print the medians as JSON")
    args = parser.parse_args()

    cli = lighthouse_cli()
    port = free_port()
    server = start_gunicorn(port, args.workers, args.wsgi)
    url = f"http://127.0.0.1:{port}{args.path}"
    results: dict[str, list[dict]] = {}
    try:
        urllib.request.urlopen(url, timeout=10).read()  # warm the workers' caches
        with tempfile.TemporaryDirectory() as tmp:
            for preset in args.presets.split(","):
                for run in range(args.runs):
                    out = (args.keep or Path(tmp)) / f"{preset}-{run + 1}.json"
                    out.parent.mkdir(parents=True, exist_ok=True)
                    row = figures(run_lighthouse(cli, url, preset, out))
                    results.setdefault(preset, []).append(row)
                    print(f"{preset} run {run + 1}: " + ", ".join(
                        f"{k} {fmt(k, v)}" for k, v in row.items()), file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=20)

    medians = {preset: {k: statistics.median(r[k] for r in rows) for k in rows[0]}
               for preset, rows in results.items()}
    if args.json:
        print(json.dumps(medians, indent=2))
        return 0
    print(f"Lighthouse {LIGHTHOUSE}, {CHROMIUM}, median of {args.runs} runs, {args.path}")
    names = list(next(iter(medians.values())))
    print(f"{'':14}" + "".join(f"{p:>14}" for p in medians))
    for name in names:
        print(f"{name:14}" + "".join(f"{fmt(name, m[name]):>14}" for m in medians.values()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
