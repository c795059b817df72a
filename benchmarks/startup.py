"""Start-up cost: seconds from launch to a serving app, and one worker's memory.

Starts the installed app under gunicorn with one worker on a free loopback
port, times launch -> first 200 on /, then reads the worker's resident
memory after that first page (RSS, and USS: the part private to it) and
stops it. Repeats and prints the
median and the range, so a busy machine shows as spread, not as a figure.

    python benchmarks/startup.py [--runs 5] [--config gunicorn.conf.py]

Run it from a checkout whose package is installed (tools/test.sh installs
it into .venv): it launches `gunicorn` from the same environment as itself.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, USS): resident, and private to this process (what one more worker costs
    when workers share what the master loaded before forking)."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":")
        fields[name] = int(value.split()[0]) / 1024
    return fields["Rss"], fields["Private_Clean"] + fields["Private_Dirty"]


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def one_run(config: str | None, timeout: float) -> tuple[float, float, float]:
    """(seconds to the first served page, worker RSS and USS in MB)."""
    port = free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "-w", "1", "-b", f"127.0.0.1:{port}"]
    command += ["-c", str(Path(config).resolve()) if config else os.devnull]  # no stray config from cwd
    command.append("dashapp.app:server")
    start = time.perf_counter()
    # cwd=/ : import the installed package, not the source tree
    proc = subprocess.Popen(command, cwd="/", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--config", help="a gunicorn config file (default: none)")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    times, rss, uss = [], [], []
    for i in range(args.runs):
        seconds, resident, private = one_run(args.config, args.timeout)
        times.append(seconds)
        rss.append(resident)
        uss.append(private)
        print(f"run {i + 1}: {seconds:.2f} s to first page, worker RSS {resident:.1f} MB, "
              f"USS {private:.1f} MB", flush=True)
    print(f"start-up to first page: median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}) over {args.runs} runs")
    print(f"worker RSS after first page: median {statistics.median(rss):.1f} MB "
          f"(min {min(rss):.1f}, max {max(rss):.1f}); private (USS) median "
          f"{statistics.median(uss):.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
