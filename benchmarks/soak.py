"""Load and soak: the production config on loopback, real visits, idle connections held.

Starts gunicorn with the repo's gunicorn.conf.py on a free loopback port,
opens --idle connections that send nothing or half a request and keeps them
open all along (re-opening any the server drops), then for each client count
replays visits for --seconds: a page load (cold visits fetch every script,
warm ones revalidate) and the callbacks a person triggers (the link, a few
selections, marking places in 'where does it hurt?', picking a candidate).
Prints requests/s, latency percentiles, errors and each worker's memory.

    python benchmarks/soak.py [--seconds 600] [--clients 8,64] [--idle 200]
                              [--workers N] [--worker-class gevent]

Loopback only; every loop is bounded by --seconds. Not a test: numbers
depend on the machine (and on whatever else runs on it).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from dashapp import clinical
from dashapp.datafiles.anatomy_schema import read_anatomy
from dashapp.datafiles.clinical_schema import read_clinical
from dashapp.pictures import figure

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
COLD_VISITS = 0.2  # share of visits with an empty browser cache


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


# --- the server --------------------------------------------------------------------

def start_server(port: int, workers: int | None, worker_class: str | None, home: str):
    gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "-c", str(REPO / "gunicorn.conf.py"), "-b", f"{HOST}:{port}"]
    command += ["-w", str(workers)] if workers else []
    command += ["-k", worker_class] if worker_class else []
    proc = subprocess.Popen(command + ["dashapp.app:server"], cwd="/", env={**os.environ,
                            "HOME": home}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=2).read()
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("gunicorn stopped: " + proc.stderr.read().decode()[-2000:])
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("gunicorn did not answer within 90 s")


def _workers(master: int) -> dict[int, tuple[int, float]]:
    """{pid: (resident kB, CPU seconds used)} of the master's children, from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == master:
                status = (entry / "status").read_text()
                rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
                cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
                found[int(entry.name)] = (rss, cpu)
        except (OSError, AttributeError, IndexError, ValueError):
            continue
    return found


def worker_rss(master: int) -> dict[int, int]:
    """{pid: resident kB} of the master's children."""
    return {pid: rss for pid, (rss, _) in _workers(master).items()}


def worker_cpu(master: int) -> float:
    """CPU seconds the master's children have used so far."""
    return sum(cpu for _, cpu in _workers(master).values())


# --- idle connections ---------------------------------------------------------------

class IdleHolder(threading.Thread):
    """Keeps `count` connections open that send nothing or half a request."""

    def __init__(self, port: int, count: int):
        super().__init__(daemon=True)
        self.port, self.count = port, count
        self.sockets: list[socket.socket] = []
        self.reopened = 0
        self.failed = 0
        self.stop = threading.Event()

    def _open(self, i: int) -> socket.socket | None:
        try:
            s = socket.create_connection((HOST, self.port), timeout=5)
            if i % 2:
                s.sendall(b"GET / HTTP/1.1\r\nHost: soak\r\n")  # never finished
            s.setblocking(False)
            return s
        except OSError:
            self.failed += 1
            return None

    def run(self):
        self.sockets = [self._open(i) for i in range(self.count)]
        while not self.stop.wait(2.0):
            for i, s in enumerate(self.sockets):
                try:
                    closed = s is None or s.recv(1, socket.MSG_PEEK) == b""
                except BlockingIOError:
                    closed = False
                except OSError:
                    closed = True
                if closed:
                    if s is not None:
                        s.close()
                    self.sockets[i] = self._open(i)
                    self.reopened += 1

    def held(self) -> int:
        return sum(s is not None for s in self.sockets)

    def close(self):
        self.stop.set()
        self.join(timeout=10)
        for s in self.sockets:
            if s is not None:
                s.close()


# --- what a visit sends ---------------------------------------------------------------

class Site:
    """The page's resources and callbacks, read from the running app itself."""

    def __init__(self, port: int):
        base = f"http://{HOST}:{port}"
        html = urllib.request.urlopen(base + "/", timeout=10).read().decode()
        self.resources = re.findall(r'(?:src|href)="(/[^"]+)"', html)
        deps = json.loads(urllib.request.urlopen(base + "/_dash-dependencies", timeout=10).read())
        self.callbacks = [d for d in deps if not d.get("clientside_function")]
        data = read_clinical()
        self.states = clinical.all_states(data)
        self.regions = list(data.regions)
        _fig, index = figure.build_figure(read_anatomy())
        self.region_traces = [i for i, key in enumerate(index.trace_key)
                              if key.startswith("region:")]

    def callback(self, name: str) -> dict | None:
        found = [d for d in self.callbacks
                 if name in d["output"] or name in d["inputs"][0]["id"]]
        return found[0] if found else None

    def body(self, name: str, values: dict) -> bytes | None:
        """The request the page posts for callback `name`, values by component id."""
        dep = self.callback(name)
        if dep is None:
            return None

        def item(d):
            if d["id"].startswith("{"):  # pattern-matching: the listed components
                kind = json.loads(d["id"]).get("type")
                return [{"id": {"index": i, "type": kind}, "property": d["property"],
                         "value": v} for i, v in values.get(kind, [])]
            return {"id": d["id"], "property": d["property"], "value": values.get(d["id"])}

        inputs = [item(d) for d in dep["inputs"]]
        outputs = [{"id": o.split(".")[0], "property": o.split(".", 1)[1]}
                   for o in dep["output"].strip(".").split("...")]
        first = inputs[0][0] if isinstance(inputs[0], list) and inputs[0] else inputs[0]
        changed = first["id"] if isinstance(first["id"], str) else json.dumps(
            first["id"], sort_keys=True, separators=(",", ":"))
        return json.dumps({
            "output": dep["output"], "outputs": outputs if dep["output"].startswith("..")
            else outputs[0], "inputs": inputs, "state": [item(d) for d in dep["state"]],
            "changedPropIds": [f"{changed}.{first['property']}"]}).encode()

    def visit(self, rng: random.Random, where: bool) -> list[tuple[str, str, bytes | None]]:
        """One person's visit: (kind, path, body) in order; kind 'page' or a callback's."""
        cold = rng.random() < COLD_VISITS
        steps = [("page", "/", None)]
        steps += [("page", r, None) for r in self.resources
                  if cold or "?m=" in r or "/assets/" in r]
        steps += [("page", "/_dash-layout", None), ("page", "/_dash-dependencies", None)]
        cond, level, side, zone = rng.choice(self.states)
        view = {"mode": "explain", "condition": cond, "level": level, "side": side,
                "zone": zone, "regions": [], "audience": "patient",
                "url": f"?condition={cond}&side={side}"}
        steps.append(("url", "", self.body("url", view)))
        for _ in range(rng.randint(3, 8)):  # choosing views
            cond, level, side, zone = rng.choice(self.states)
            view.update(condition=cond, level=level, side=side, zone=zone,
                        audience=rng.choice(["patient", "patient", "clinician"]))
            steps.append(("explain", "", self.body("explanation.children", view)))
        if where:  # where does it hurt? (every other visit)
            marked = rng.sample(self.regions, rng.randint(1, 3))
            for n in range(1, len(marked) + 1):
                click = {"points": [{"curveNumber": rng.choice(self.region_traces),
                                     "x": 0, "y": 0}]}
                steps.append(("mark", "", self.body(
                    "schematic", {**view, "schematic": click, "mode": "where",
                                  "regions": marked[:n - 1]})))
                # the page keeps marks as [region, leg, feeling] ('marks' store)
                marks = [[r, "left", "pain"] for r in marked[:n]]
                steps.append(("where", "", self.body(
                    "explanation.children", {**view, "mode": "where", "leg": "left",
                                             "regions": marked[:n], "marks": marks})))
            steps.append(("pick", "", self.body(
                "candidate", {**view, "candidate": [(0, 1)], "regions": marked,
                              "leg": "left", "marks": marks})))
        return [s for s in steps if s[0] == "page" or s[2] is not None]


# --- clients ---------------------------------------------------------------------------

class Client(threading.Thread):
    def __init__(self, port: int, site: Site, until: float, seed: int, results: list):
        super().__init__(daemon=True)
        self.port, self.site, self.until, self.results = port, site, until, results
        self.rng = random.Random(seed)
        self.etags: dict[str, str] = {}

    def _send(self, conn, kind, path, body):
        headers = {"Accept-Encoding": "gzip"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        elif path in self.etags:
            headers["If-None-Match"] = self.etags[path]
        start = time.perf_counter()
        conn.request("POST" if body is not None else "GET",
                     "/_dash-update-component" if body is not None else path, body, headers)
        response = conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - start
        if etag := response.getheader("ETag"):
            self.etags[path] = etag
        ok = response.status in (200, 204, 304)
        self.results.append((kind, elapsed, ok, response.status))
        if response.getheader("Connection", "").lower() == "close":
            conn.close()

    def run(self):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        visits = 0
        while time.time() < self.until:
            visits += 1
            for kind, path, body in self.site.visit(self.rng, where=visits % 2 == 1):
                if time.time() >= self.until:
                    break
                try:
                    self._send(conn, kind, path, body)
                except (OSError, http.client.HTTPException) as error:
                    self.results.append((kind, 0.0, False, type(error).__name__))
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        conn.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def summary(label: str, rows: list, seconds: float) -> str:
    times = [t * 1000 for _, t, ok, _ in rows if ok]
    errors = [status for _, _, ok, status in rows if not ok]
    text = (f"  {label:<9} {len(rows):>8} req {len(rows) / seconds:>8.1f} req/s   "
            f"p50 {percentile(times, .50):6.1f}  p95 {percentile(times, .95):6.1f}  "
            f"p99 {percentile(times, .99):6.1f} ms   errors {len(errors)}")
    if errors:
        text += f" {sorted(set(map(str, errors)))[:5]}"
    return text


def run_phase(port: int, site: Site, clients: int, seconds: float, seed: int) -> list:
    results: list = []
    until = time.time() + seconds
    threads = [Client(port, site, until, seed + i, results) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600.0, help="per client count")
    parser.add_argument("--clients", default="8,64", help="comma-separated client counts")
    parser.add_argument("--idle", type=int, default=200, help="idle connections held")
    parser.add_argument("--warmup", type=float, default=20.0, help="seconds before measuring")
    parser.add_argument("--workers", type=int, help="default: gunicorn.conf.py's")
    parser.add_argument("--worker-class", help="default: gunicorn.conf.py's (gevent)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    counts = [int(c) for c in args.clients.split(",") if c.strip()]

    port = free_port()
    with tempfile.TemporaryDirectory() as home:
        server = start_server(port, args.workers, args.worker_class, home)
        try:
            booted = worker_rss(server.pid)
            site = Site(port)
            idle = IdleHolder(port, args.idle)
            idle.start()
            time.sleep(1.0)
            print(f"gunicorn on {HOST}:{port}, {len(booted)} workers "
                  f"({args.worker_class or 'gevent'}), {idle.held()} idle connections held; "
                  f"{len(site.resources)} page resources, {len(site.callbacks)} server "
                  f"callbacks; cores: {os.cpu_count()}, load average "
                  f"{os.getloadavg()[0]:.1f}")
            run_phase(port, site, 4, args.warmup, args.seed)  # caches and imports warm
            warm = worker_rss(server.pid)
            print("worker RSS (MB) after boot: " + ", ".join(
                f"{pid}: {kb / 1024:.0f}" for pid, kb in sorted(booted.items())))
            print(f"worker RSS (MB) after {args.warmup:.0f} s warm-up: " + ", ".join(
                f"{pid}: {kb / 1024:.0f}" for pid, kb in sorted(warm.items())))
            for n, clients in enumerate(counts):
                start_rss, start_cpu = worker_rss(server.pid), worker_cpu(server.pid)
                began = time.time()
                results = run_phase(port, site, clients, args.seconds, args.seed + 1000 * n)
                took = time.time() - began
                end_rss, cpu = worker_rss(server.pid), worker_cpu(server.pid) - start_cpu
                print(f"{clients} clients, {took:.0f} s, {idle.held()} idle connections held "
                      f"(re-opened {idle.reopened}, failed {idle.failed}), load average "
                      f"{os.getloadavg()[0]:.1f}:")
                print(summary("all", results, took))
                print(f"  server CPU: {cpu:.0f} s over {took:.0f} s, "
                      f"{cpu / max(1, len(results)) * 1000:.1f} ms per request")
                print(summary("page", [r for r in results if r[0] == "page"], took))
                print(summary("callback", [r for r in results if r[0] != "page"], took))
                kinds = sorted({r[0] for r in results} - {"page"})
                print("  callbacks: " + ", ".join(
                    f"{k} {sum(r[0] == k for r in results)}" for k in kinds))
                for pid in sorted(set(start_rss) | set(end_rss)):
                    a, b = start_rss.get(pid), end_rss.get(pid)
                    growth = f"{(b - a) / a * 100:+.1f} %" if a and b else "(restarted)"
                    print(f"  worker {pid}: RSS {a and a / 1024:.0f} -> "
                          f"{b and b / 1024:.0f} MB {growth}")
            idle.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
