"""Server load: the explanation callback under concurrent requests, on loopback.

Every selection asks the server for one thing: the explanation text (the
figure is restyled in the browser). This starts the app under gunicorn,
then sends that callback request for random valid views from several
threads for a bounded time, and prints requests/s and latency percentiles.

    python benchmarks/server_load.py [--seconds 15] [--threads 8] [--workers 2]
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

from dashapp import clinical
from dashapp.datafiles.clinical_schema import read_clinical

OUTPUT = ("..explanation.children...reverse-highlight.data...canonical-query.data"
          "...figure-summary.children...view-title.data...urgent.children"
          "...back-to-marks.hidden...legend.children...side-view.children...handout-text.children..")
CONTROLS = ("mode", "condition", "level", "side", "zone")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def body(state: tuple) -> bytes:
    condition, level, side, zone = state
    values = dict(zip(CONTROLS, ("explain", condition, level, side, zone)))
    inputs = [{"id": c, "property": "value", "value": values[c]} for c in CONTROLS]
    inputs += [{"id": "marks", "property": "data", "value": []},
               {"id": "weak", "property": "value", "value": []},
               {"id": "flags", "property": "value", "value": []},
               {"id": "audience", "property": "value", "value": "patient"},
               {"id": "show-possible", "property": "value", "value": []}]
    return json.dumps({
        "output": OUTPUT,
        "outputs": [{"id": "explanation", "property": "children"},
                    {"id": "reverse-highlight", "property": "data"},
                    {"id": "canonical-query", "property": "data"},
                    {"id": "figure-summary", "property": "children"},
                    {"id": "view-title", "property": "data"},
                    {"id": "urgent", "property": "children"},
                    {"id": "back-to-marks", "property": "hidden"},
                    {"id": "legend", "property": "children"},
                    {"id": "side-view", "property": "children"},
                    {"id": "handout-text", "property": "children"}],
        "inputs": inputs, "changedPropIds": ["level.value"],
        "state": [{"id": "leg", "property": "value", "value": "left"}],
    }).encode()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    gunicorn = shutil.which("gunicorn")
    if not gunicorn:
        print("gunicorn is needed: pip install '.[prod]'", file=sys.stderr)
        return 2
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([gunicorn, "-w", str(args.workers), "-b", f"127.0.0.1:{port}",
                               "dashapp.app:server"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/", timeout=1)
                break
            except OSError:
                if time.time() > deadline:
                    raise SystemExit("the app did not start within 60 s")
                time.sleep(0.3)
        states = clinical.all_states(read_clinical())
        # one request first: a changed callback must fail loudly, not count errors
        probe = urllib.request.Request(url + "/_dash-update-component", data=body(states[0]),
                                       headers={"Content-Type": "application/json"})
        try:
            urllib.request.urlopen(probe, timeout=10).read()
        except OSError as error:
            raise SystemExit(f"the explanation callback refused the request: {error}")
        latencies: list[float] = []
        errors = [0]
        lock = threading.Lock()
        stop_at = time.time() + args.seconds

        def worker(seed: int) -> None:
            rng = random.Random(seed)
            while time.time() < stop_at:
                request = urllib.request.Request(
                    url + "/_dash-update-component", data=body(rng.choice(states)),
                    headers={"Content-Type": "application/json", "Accept-Encoding": "gzip"})
                t0 = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=10) as response:
                        response.read()
                        ok = response.status == 200
                except OSError:
                    ok = False
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    if ok:
                        latencies.append(elapsed)
                    else:
                        errors[0] += 1

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.threads)]
        started = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        duration = time.time() - started
    finally:
        server.terminate()
        server.wait(timeout=20)

    print(json.dumps({
        "gunicorn_workers": args.workers, "client_threads": args.threads,
        "seconds": round(duration, 1), "requests": len(latencies), "errors": errors[0],
        "requests_per_s": round(len(latencies) / duration, 1),
        "latency_ms": {"p50": round(statistics.median(latencies), 1),
                       "p95": round(percentile(latencies, 0.95), 1),
                       "max": round(max(latencies), 1)} if latencies else None,
    }, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
