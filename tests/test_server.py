"""The server as deployed: security headers, compression, nothing off-origin,
gunicorn, and a wheel that carries the data."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from servers import free_port, serving

from dashapp.server.factory import create_app

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def test_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp
    assert "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_page_declares_its_language(client):
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_broken_data_stops_start_up_with_file_line_and_column(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    path = data / "nerve_paths.csv"
    lines = path.read_text().splitlines()
    header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    cells = lines[header + 1].split(",")
    cells[lines[header].split(",").index("x")] = "left-ish"
    lines[header + 1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n")
    from dashapp.datafiles.locations import DataError
    with pytest.raises(DataError) as info:
        create_app(data)
    assert str(info.value) == (f"nerve_paths.csv, line {header + 2}, column 'x': "
                               "'left-ish' is not a number")


def test_responses_are_compressed(client):
    response = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"


def test_page_names_no_other_origin(client):
    """No CDN, no web fonts, no analytics: every URL the page loads is local."""
    html = client.get("/").get_data(as_text=True)
    layout = client.get("/_dash-layout").get_data(as_text=True)
    for text in (html, layout):
        assert "https://" not in text and "http://" not in text


def test_layout_carries_every_valid_state(client):
    from dashapp import clinical
    from dashapp.datafiles.clinical_schema import read_clinical
    layout = json.loads(client.get("/_dash-layout").get_data(as_text=True))

    def find(node, wanted):
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == wanted:
                return node["props"]
            for value in node.values():
                if (hit := find(value, wanted)) is not None:
                    return hit
        elif isinstance(node, list):
            for value in node:
                if (hit := find(value, wanted)) is not None:
                    return hit
        return None

    highlights = find(layout, "highlights")["data"]
    states = clinical.all_states(read_clinical())
    assert len(highlights) == len(states)


def test_gunicorn_serves_the_app():
    gunicorn = shutil.which("gunicorn")
    assert gunicorn, "gunicorn comes with the [prod] extra"
    port = free_port()
    command = [gunicorn, "-w", "1", "-b", f"127.0.0.1:{port}", "dashapp.app:server"]
    with serving(command, port, cwd="/") as page:
        assert b"spinefoot" in page


def test_wheel_carries_data_and_assets(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                    str(REPO)], check=True, timeout=300)
    wheel = next(tmp_path.glob("spinefoot-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in ("dashapp/data/nerve_paths.csv", "dashapp/data/conditions.csv",
                 "dashapp/data/region_shapes.csv", "dashapp/assets/highlight.js",
                 "dashapp/assets/style.css", "dashapp/app.py"):
        assert path in names, path
    shipped = {Path(n).name for n in names if n.startswith("dashapp/data/")}
    assert shipped == {p.name for p in (REPO / "data").glob("*.csv")}


def test_load_benchmark_speaks_the_apps_callback(client):
    """benchmarks/server_load.py posts what the page posts; keep them in step."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from server_load import body
    finally:
        sys.path.pop(0)
    response = client.post("/_dash-update-component", headers={"Content-Type": "application/json"},
                           data=body(("disc-herniation", "L5-S1", "left", "paracentral")))
    assert response.status_code == 200
    assert "S1" in response.get_data(as_text=True)
