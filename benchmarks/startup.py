"""Start-up cost: seconds from launch to a serving app, and one worker's memory.

Starts the app under gunicorn with one worker on a free loopback port, times
launch -> first 200 on /, then reads the worker's memory after that first page
(RSS: resident; USS: private to it, what one more worker costs when workers
share what a preloading master loaded) and stops it.

Variants, run in turn (one run of each, then the next round) so a machine whose
load changes affects them alike:
  --python LABEL=PATH  an environment with spinefoot installed (repeatable; e.g. a
                       venv of an older commit; default: this Python);
  --config PATH|none   a gunicorn config file, or none (repeatable; default both
                       none and the repo's gunicorn.conf.py);
  --cache cold|warm    cold: an empty model cache (the first start after an install
                       or a data edit: the files are checked); warm: the cache a
                       previous start left (repeatable; default both). Versions
                       without dashapp/datacache.py run cold only.
Prints each run, then per variant the median and range; the load average is
printed before and after, so a busy machine shows as such.

    python benchmarks/startup.py [--runs 3] [--python main=/tmp/main/.venv/bin/python] ...

Run it from a checkout whose package is installed (tools/test.sh installs it
into .venv): gunicorn is taken from beside each Python, the app from its
installed package (the working directory is /).
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from itertools import product
from pathlib import Path

REPO_CONFIG = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, USS) of a process in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":")
        fields[name] = int(value.split()[0]) / 1024
    return fields["Rss"], fields["Private_Clean"] + fields["Private_Dirty"]


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def one_run(python: str, config: str | None, cache: Path, timeout: float) -> tuple[float, ...]:
    """(seconds to the first served page, worker RSS and USS in MB)."""
    port = free_port()
    gunicorn = str(Path(python).with_name("gunicorn"))
    command = [gunicorn, "-w", "1", "-b", f"127.0.0.1:{port}"]
    command += ["-c", config or os.devnull]  # no stray config from the working directory
    command.append("dashapp.app:server")
    env = {**os.environ, "SPINEFOOT_CACHE": str(cache)}
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd="/", env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                    r.read()
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None:
                    raise SystemExit(f"gunicorn exited: {proc.stderr.read().decode()[-2000:]}")
                if time.perf_counter() - start > timeout:
                    raise SystemExit(f"no page within {timeout} s")
                time.sleep(0.02)
        elapsed = time.perf_counter() - start
        workers = children(proc.pid)
        if len(workers) != 1:
            raise SystemExit(f"expected one worker, found {workers}")
        return (elapsed, *memory_mb(workers[0]))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def has_cache(python: str) -> bool:
    """Whether that environment's spinefoot keeps its checked model (dashapp/datacache.py)."""
    code = "import importlib.util as u, sys; sys.exit(u.find_spec('dashapp.datafiles.cache') is None)"
    return subprocess.run([python, "-c", code], cwd="/").returncode == 0


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def summary(values: list[float], unit: str, digits: int) -> str:
    return (f"{statistics.median(values):.{digits}f} {unit} "
            f"({min(values):.{digits}f}-{max(values):.{digits}f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each variant")
    parser.add_argument("--python", action="append", metavar="LABEL=PATH")
    parser.add_argument("--config", action="append", metavar="PATH|none")
    parser.add_argument("--cache", action="append", choices=("cold", "warm"))
    parser.add_argument("--timeout", type=float, default=180.0)
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    pythons = dict(p.split("=", 1) for p in args.python or [f"this={sys.executable}"])
    configs = [None if c == "none" else str(Path(c).resolve())
               for c in args.config or ["none", str(REPO_CONFIG)]]
    caches = args.cache or ["cold", "warm"]
    variants = [(label, config, cache) for label, config, cache in product(pythons, configs, caches)
                if cache == "cold" or has_cache(pythons[label])]  # without one, warm = cold
    scratch = Path(tempfile.mkdtemp(prefix="spinefoot-startup-"))
    warm = {label: scratch / f"warm-{i}" for i, label in enumerate(pythons)}
    try:
        print(f"load average before: {load_average()} ({os.cpu_count()} CPUs)", flush=True)
        for label, python in pythons.items():  # fill each warm cache once, untimed
            one_run(python, None, warm[label], args.timeout)
        results: dict[tuple, list[tuple[float, ...]]] = {v: [] for v in variants}
        for round_ in range(1, args.runs + 1):
            for label, config, cache in variants:
                folder = warm[label] if cache == "warm" else Path(tempfile.mkdtemp(dir=scratch))
                result = one_run(pythons[label], config, folder, args.timeout)
                results[(label, config, cache)].append(result)
                print(f"round {round_}: {name(label, config, cache)}: {result[0]:.2f} s, "
                      f"worker RSS {result[1]:.1f} MB, USS {result[2]:.1f} MB", flush=True)
        print(f"load average after: {load_average()}")
        print(f"\nmedian (min-max) of {args.runs} runs: time from launch to the first page; "
              "one worker's RSS and USS after it")
        for variant, runs in results.items():
            seconds, rss, uss = zip(*runs)
            print(f"{name(*variant):48} {summary(seconds, 's', 2):22} RSS {summary(rss, 'MB', 0):16}"
                  f" USS {summary(uss, 'MB', 0)}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def name(label: str, config: str | None, cache: str) -> str:
    return f"{label}, {Path(config).name if config else 'no config'}, {cache} cache"


if __name__ == "__main__":
    raise SystemExit(main())
