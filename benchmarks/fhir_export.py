"""FHIR export: what "Save for the record (FHIR)" costs the server.

Prints the first export's time in a fresh Python (it imports fhir.resources, ~once per
worker), then the time per download through the app's route (Flask test client, no
network) for every explained view and for a set of 'where' views: median and p95.

    python benchmarks/fhir_export.py [--rounds 3]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from dashapp import clinical
from dashapp.datafiles.clinical_schema import read_clinical
from dashapp.server.factory import create_app

ROUTE = "/_spinefoot/record.fhir.json"
WHERE = ["?regions=big_toe:left:numbness,dorsum_foot:left",
         "?regions=heel:right,sole:right:numbness&weak=tiptoe",
         "?regions=saddle:left,posterior_calf:left,posterior_calf:right&flags=bladder-bowel",
         "?regions=buttock:left,posterior_thigh:left,lateral_leg:left,dorsum_foot:left"]
FIRST = """
import time
t = time.perf_counter()
from dashapp.datafiles import cache
from dashapp import clinical
from dashapp.export import fhir
_, data = cache.load()
e = clinical.explain(data, "disc-herniation", "L5-S1", "left", "paracentral")
t0 = time.perf_counter()
fhir.explain_bundle(data, e)
print(f"{time.perf_counter() - t0:.3f}")
"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def timed(client, queries: list[str], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            reply = client.get(ROUTE + query)
            times.append((time.perf_counter() - start) * 1000)
            assert reply.status_code == 200, (query, reply.get_data(as_text=True))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    first = subprocess.run([sys.executable, "-c", FIRST], capture_output=True, text=True,
                           check=True).stdout.strip()
    print(f"first export in a fresh process (imports fhir.resources): {float(first) * 1000:.0f} ms")
    app = create_app()
    client = app.server.test_client()
    explain = [f"?condition={c}" + (f"&level={lv}" if lv else "") + f"&side={s}"
               + (f"&zone={z}" if z else "") for c, lv, s, z in clinical.all_states(read_clinical())]
    timed(client, explain[:5] + WHERE[:1], 1)  # warm: imports and caches
    for name, queries in (("explain", explain), ("where", WHERE * 10)):
        times = timed(client, queries, args.rounds)
        print(f"{name}: {len(times)} downloads, median {statistics.median(times):.1f} ms, "
              f"p95 {percentile(times, 0.95):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
