"""Data files as people save them: Windows line endings and Excel's byte-order mark
load; a broken file stops start-up with one line naming the right file, line and
column, under the dev server and under gunicorn (which must stop, not reboot workers)."""
from __future__ import annotations

import gc
import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from servers import free_port

from dashapp.datafiles.anatomy_schema import read_anatomy
from dashapp.datafiles.clinical_schema import read_clinical
from dashapp.datafiles.locations import DataError, data_dir
from dashapp.server import factory as app

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def line_of(path: Path, start: str) -> int:
    """1-based number of the first line of `path` starting with `start`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))


def header_line(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip() and not line.startswith("#"))


def refused(folder: Path) -> DataError:
    """The error start-up gives: both loaders, in the order the app runs them."""
    with pytest.raises(DataError) as info:
        app.build_model(folder)
    return info.value


def test_windows_line_endings_and_byte_order_mark_load(copy):
    for path in copy.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    loaded, shipped = read_anatomy(copy), read_anatomy()
    for mine, theirs in zip(loaded.regions + loaded.nerves, shipped.regions + shipped.nerves,
                            strict=True):
        assert mine.id == theirs.id and mine.label == theirs.label
        assert (mine.xs == theirs.xs).all() and (mine.ys == theirs.ys).all()
    assert loaded.region_ids == shipped.region_ids
    assert read_clinical(copy) == read_clinical()


def test_non_utf8_byte(copy):
    path = copy / "regions.csv"
    line = line_of(path, "heel,")
    path.write_bytes(path.read_bytes().replace(b"heel,Heel,", b"heel,H\xe9el,", 1))
    err = refused(copy)
    assert (err.file, err.line, err.column) == ("regions.csv", line, "label")
    assert "0xe9 is not UTF-8" in str(err)


def test_short_row(copy):
    path = copy / "regions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    line = line_of(path, "heel,")
    lines[line - 1] = ",".join(lines[line - 1].split(",")[:3])  # region, label, where
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = refused(copy)
    assert (err.file, err.line, err.column) == ("regions.csv", line, "roots")
    assert "has 3 fields, the header has 7" in str(err)


def test_long_row(copy):
    path = copy / "regions.csv"
    line = line_of(path, "heel,")
    text = path.read_text(encoding="utf-8").replace("heel,", "heel,extra,", 1)
    path.write_text(text, encoding="utf-8")
    err = refused(copy)
    assert (err.file, err.line) == ("regions.csv", line)
    assert "has 8 fields, the header has 7" in str(err)


def test_unterminated_quote(copy):
    path = copy / "regions.csv"
    line = line_of(path, "heel,")
    path.write_text(path.read_text(encoding="utf-8").replace("heel,Heel,", 'heel,"Heel,', 1),
                    encoding="utf-8")
    err = refused(copy)
    assert (err.file, err.line, err.column) == ("regions.csv", line, "label")
    assert "not closed" in str(err)


def test_duplicate_id(copy):
    path = copy / "regions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = line_of(path, "heel,")
    lines.append(lines[first - 1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = refused(copy)
    assert (err.file, err.line, err.column) == ("regions.csv", len(lines), "region")
    assert f"duplicate region ('heel',) (first on line {first})" in str(err)


def test_empty_file(copy):
    (copy / "regions.csv").write_text("", encoding="utf-8")
    err = refused(copy)
    assert (err.file, err.line) == ("regions.csv", 1)
    assert "file is empty" in str(err)


def test_header_only_file(copy):
    path = copy / "roots.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    head = header_line(path)
    path.write_text("\n".join(lines[:head]) + "\n", encoding="utf-8")
    err = refused(copy)
    assert (err.file, err.line) == ("roots.csv", head)
    assert "a header but no data rows" in str(err)


def test_several_problems_in_one_file_are_reported_together(copy):
    path = copy / "regions.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("S1,sural,false,", "S1,sural,nope,", 1).replace(
        "heel,Heel,", "heel,,", 1)
    path.write_text(text, encoding="utf-8")
    err = refused(copy)
    message = str(err)
    assert "\n" not in message
    assert "'nope' is not true or false" in message and "is empty" in message


def _break_nerve_paths(folder: Path) -> str:
    """An x that is not a number; returns the line start-up must print."""
    path = folder / "nerve_paths.csv"
    head = header_line(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[head].split(",")
    cells[lines[head - 1].split(",").index("x")] = "left-ish"
    lines[head] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return (f"spinefoot: data error: nerve_paths.csv, line {head + 1}, column 'x': "
            "'left-ish' is not a number")


def _env(folder: Path) -> dict:
    return {**os.environ, "SPINEFOOT_DATA": str(folder)}


def test_dev_server_stops_with_one_line(copy):
    expected = _break_nerve_paths(copy)
    result = subprocess.run([sys.executable, "-m", "dashapp", "serve", "--port", str(free_port())],
                            capture_output=True, text=True, timeout=120, env=_env(copy), cwd="/")
    assert result.returncode == 1
    assert result.stderr.strip() == expected


@pytest.mark.parametrize("config", ["repo", "none"])
def test_gunicorn_stops_instead_of_rebooting_workers(copy, config):
    """With the repo's gunicorn.conf.py the master loads the data and stops at once;
    without it each worker exits with gunicorn's boot-error status, which stops the master."""
    expected = _break_nerve_paths(copy)
    gunicorn = shutil.which("gunicorn")
    assert gunicorn, "gunicorn comes with the [prod] extra"
    conf = str(REPO / "gunicorn.conf.py") if config == "repo" else os.devnull
    command = [gunicorn, "-c", conf, "-w", "2", "-b", f"127.0.0.1:{free_port()}",
               "dashapp.app:server"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120,
                            env=_env(copy), cwd="/")
    # 3 is gunicorn's 'worker failed to boot'; without preloading, a second worker
    # failing while gunicorn shuts down can make gunicorn itself end with 1
    assert result.returncode == 3 if config == "repo" else result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("spinefoot:")]
    assert lines and set(lines) == {expected}
    if config == "repo":
        assert lines == [expected] and "Booting worker" not in result.stderr


def test_gunicorn_config_checks_the_data_in_the_master_and_shares_it():
    conf = runpy.run_path(str(REPO / "gunicorn.conf.py"))
    assert conf["preload_app"] is True  # the data is loaded and checked before forking
    try:
        conf["when_ready"](None)
        assert gc.get_freeze_count() > 0  # forked workers share the loaded objects' pages
    finally:
        gc.unfreeze()
