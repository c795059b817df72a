"""The checked data model, kept between starts so a server pays nothing for the schemas.

Checking data/ against its schemas (anatomy_schema.py, clinical_schema.py) needs pandas
and pandera: seconds of start-up and tens of MB that a server would then hold for its
whole life. So load() checks the files in a short-lived child process, which sends the
immutable model back as a pickle, and keeps that pickle in a cache directory, named by
a fingerprint of every data file and of this package's code. A later start with the
same files and code unpickles it (no check, no pandas, no pandera); an edited data
file or a new version of the code has another fingerprint, so it is checked again.
A bad file stops start-up with the same DataError as ever, raised here.

Cache directory: $SPINEFOOT_CACHE, else $XDG_CACHE_HOME/spinefoot, else
~/.cache/spinefoot; SPINEFOOT_CACHE=off keeps none. A directory that cannot be made
or written (a read-only home) only means every start checks the files again. A
pickle runs code when loaded, so only a directory private to this user is read.
No Dash here.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from dashapp.datafiles.locations import DataError
from dashapp.datafiles.locations import data_dir as default_data_dir
from dashapp.model.anatomy import Anatomy
from dashapp.model.clinical_data import ClinicalData

_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # dashapp/
KEEP = 8  # cached models kept (several installs or data folders may share the directory)


def load(data_dir: str | Path | None = None) -> tuple[Anatomy, ClinicalData]:
    """The checked (anatomy, clinical data) of `data_dir` (default: data_dir()).
    Raises DataError for a bad file, as read_anatomy and read_clinical do."""
    base = Path(data_dir) if data_dir is not None else default_data_dir()
    folder = cache_dir()
    path = folder / f"model-{fingerprint(base)}.pickle" if folder else None
    if path is not None and path.is_file():
        try:
            return pickle.loads(path.read_bytes())[1]
        except Exception:  # noqa: BLE001 - a damaged file: check again and replace it
            pass
    raw = _checked_in_child(base)
    status, value = pickle.loads(raw)
    if status == "error":
        raise value  # the DataError of the bad file, never cached
    if path is not None:
        _store(path, raw)
    return value


def fingerprint(base: Path) -> str:
    """Changes when any data file or any module of this package changes (the model's
    classes and the checks), or with another Python or numpy (the pickle's format)."""
    digest = hashlib.sha256(f"{sys.version}|numpy {np.__version__}".encode())
    for folder, pattern in ((base, "*.csv"), (_PACKAGE_DIR, "**/*.py")):
        for file in sorted(folder.glob(pattern)):
            digest.update(f"\0{file.relative_to(folder).as_posix()}\0".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:32]


def cache_dir() -> Path | None:
    """The cache directory, made private to this user; None if off or unusable."""
    setting = os.environ.get("SPINEFOOT_CACHE", "")
    if setting.lower() == "off":
        return None
    try:
        folder = Path(setting) if setting else (
            Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "spinefoot")
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except (OSError, RuntimeError):  # RuntimeError: no home directory
        return None
    private = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022
    return folder if private else None  # else another user could plant a pickle there


def _checked_in_child(base: Path) -> bytes:
    """Check the files in a child Python; its stdout is a pickle of ("ok", model) or
    ("error", DataError). The child finds this very package (sys.path[0] is set)."""
    code = (f"import sys; sys.path.insert(0, {str(_PACKAGE_DIR.parent)!r}); "
            "from dashapp.datafiles.cache import _check_and_print; _check_and_print(sys.argv[1])")
    done = subprocess.run([sys.executable, "-c", code, str(base.resolve())], capture_output=True)
    if done.returncode != 0:
        raise RuntimeError(f"checking the data files failed:\n{done.stderr.decode()[-3000:]}")
    return done.stdout


def _check_and_print(base: str) -> None:
    """In the child: read and check every file, print the pickled result."""
    from dashapp.datafiles.anatomy_schema import read_anatomy  # pandas: only in the child
    from dashapp.datafiles.clinical_schema import read_clinical

    try:
        result = ("ok", (read_anatomy(base), read_clinical(base)))
    except DataError as error:
        result = ("error", error)
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))


def _store(path: Path, raw: bytes) -> None:
    """Write atomically (a reader never sees half a file); keep the KEEP newest."""
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".model-", delete=False) as tmp:
            try:
                tmp.write(raw)
            except OSError:
                os.unlink(tmp.name)
                raise
        os.replace(tmp.name, path)
        cached = sorted(path.parent.glob("model-*.pickle"), key=lambda p: p.stat().st_mtime,
                        reverse=True)
        for old in cached[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a full or read-only disk: the next start checks the files again
