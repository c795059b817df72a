"""benchmarks/soak.py replays what the page sends: keep it in step with the app.

A few seconds of the real script against gunicorn with the repo's config
(no timing asserted): every kind of request is sent and none fails.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_soak_benchmark_runs_every_kind_of_request_without_errors():
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "soak.py"), "--seconds", "8",
         "--clients", "2", "--idle", "10", "--warmup", "1", "--workers", "1"],
        capture_output=True, text=True, timeout=300, cwd="/")
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "10 idle connections held" in out, out
    errors = [int(n) for n in re.findall(r"errors (\d+)", out)]
    assert errors and not any(errors), out
    counts = dict(re.findall(r"(\w+) (\d+)(?:,|$)", out.split("callbacks: ")[1].splitlines()[0]))
    assert set(counts) == {"url", "explain", "mark", "where", "pick"}, out
    assert all(int(n) > 0 for n in counts.values()), out
    assert re.search(r"worker \d+: RSS \d+ -> \d+ MB", out), out
