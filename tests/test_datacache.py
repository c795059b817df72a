"""The checked data model kept between starts (dashapp/datafiles/cache.py): a second start reads
it without checking again and without pandas or pandera; an edited data file is checked
again; a broken one gives the same error as ever and is never cached; a cache folder that
cannot be used only costs time."""
from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from test_data_files import REPO, copy  # noqa: F401 - copy: a copy of data/ to edit

from dashapp.datafiles import cache as datacache
from dashapp.datafiles.anatomy_schema import read_anatomy
from dashapp.datafiles.clinical_schema import read_clinical
from dashapp.datafiles.locations import DataError
from dashapp.model import anatomy


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SPINEFOOT_CACHE", str(folder))
    return folder


@pytest.fixture()
def checks(monkeypatch) -> list:
    """The folders checked in a child process (a cache miss each)."""
    done, real = [], datacache._checked_in_child
    monkeypatch.setattr(datacache, "_checked_in_child", lambda base: done.append(base) or real(base))
    return done


def pickles(folder: Path) -> list[Path]:
    return sorted(folder.glob("model-*.pickle"))


def same_anatomy(mine: anatomy.Anatomy, theirs: anatomy.Anatomy) -> bool:
    shapes = zip(mine.outlines + mine.spine + mine.nerves + mine.regions,
                 theirs.outlines + theirs.spine + theirs.nerves + theirs.regions, strict=True)
    return (mine.roots, mine.region_ids, mine.lesion_sites) == \
        (theirs.roots, theirs.region_ids, theirs.lesion_sites) and all(
        a.id == b.id and a.label == b.label and (a.xs == b.xs).all() and (a.ys == b.ys).all()
        for a, b in shapes)


def test_checked_once_then_read_from_the_cache(copy, cache, checks):
    first = datacache.load(copy)
    assert len(checks) == 1 and len(pickles(cache)) == 1
    second = datacache.load(copy)
    assert len(checks) == 1, "the second load checked the files again"
    for anat, clin in (first, second):
        assert clin == read_clinical(copy)
        assert same_anatomy(anat, read_anatomy(copy))
    # coordinates stay read-only after the pickle
    shape = second[0].regions[0]
    assert not shape.xs.flags.writeable and not shape.ys.flags.writeable
    assert second[0].region_at(float(shape.xs[:-1].mean()), float(shape.ys[:-1].mean()),
                               shape.view) is not None


def test_an_edited_data_file_is_checked_again(copy, cache, checks):
    assert datacache.load(copy)[1].regions["heel"].label == "Heel"
    path = copy / "regions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("heel,Heel,", "heel,Heel pad,", 1),
                    encoding="utf-8")
    anat, clin = datacache.load(copy)
    assert len(checks) == 2 and len(pickles(cache)) == 2
    assert clin.regions["heel"].label == "Heel pad"
    assert {s.label for s in anat.region_shapes("heel", "left")} == {"Heel pad (left)"}


def test_a_broken_file_gives_the_same_error_and_is_not_cached(copy, cache):
    path = copy / "regions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("heel,Heel,", "heel,,", 1),
                    encoding="utf-8")
    with pytest.raises(DataError) as direct:
        read_clinical(copy)
    with pytest.raises(DataError) as cached:
        datacache.load(copy)
    assert str(cached.value) == str(direct.value)
    assert (cached.value.file, cached.value.line, cached.value.column) == \
        (direct.value.file, direct.value.line, direct.value.column) == ("regions.csv",
                                                                        direct.value.line, "label")
    assert pickles(cache) == []


def test_a_damaged_cache_file_is_checked_again_and_replaced(copy, cache, checks):
    datacache.load(copy)
    (stored,) = pickles(cache)
    stored.write_bytes(b"not a pickle")
    assert datacache.load(copy)[1] == read_clinical(copy)
    assert len(checks) == 2 and stored.read_bytes() != b"not a pickle"


def test_no_cache_when_off_or_unusable(copy, tmp_path, monkeypatch, checks):
    monkeypatch.setenv("SPINEFOOT_CACHE", "off")
    assert datacache.cache_dir() is None
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)  # others may write here: a pickle there could be anyone's
    for setting in (a_file, shared):
        monkeypatch.setenv("SPINEFOOT_CACHE", str(setting))
        assert datacache.cache_dir() is None
        assert datacache.load(copy)[1] == read_clinical(copy)
    assert len(checks) == 2 and list(shared.iterdir()) == []


def test_the_serving_process_never_imports_pandas_or_pandera(cache):
    """The app checks the files in a child process, then reads the cache: the process that
    serves (a gunicorn worker imports dashapp.app) holds neither library, first start or not."""
    code = ("import json, sys, dashapp.app; print(json.dumps(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('pandas', 'pandera'))))")
    for start in ("first", "second"):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              cwd="/", timeout=300, env={**os.environ})
        assert done.returncode == 0, done.stderr[-2000:]
        assert json.loads(done.stdout) == [], f"{start} start imported {done.stdout}"
        assert len(pickles(cache)) == 1


def test_gunicorn_keeps_the_cache_out_of_the_home_directory(monkeypatch):
    monkeypatch.delenv("SPINEFOOT_CACHE", raising=False)
    runpy.run_path(str(REPO / "gunicorn.conf.py"))
    folder = Path(os.environ["SPINEFOOT_CACHE"])
    assert not folder.is_relative_to(Path.home())
    monkeypatch.setenv("SPINEFOOT_CACHE", "/somewhere/else")
    runpy.run_path(str(REPO / "gunicorn.conf.py"))
    assert os.environ["SPINEFOOT_CACHE"] == "/somewhere/else"  # a deployer's choice stands
