"""Start a real server process for a test and wait until it answers (loopback only)."""
from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(command: list[str], port: int, timeout: float = 60.0, **popen):
    """Run `command`; yield the page at / once it answers; stop the process after."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **popen)
    try:
        deadline = time.time() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    assert r.status == 200
                    page = r.read()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()
                assert time.time() < deadline, f"{command[0]} did not answer within {timeout} s"
                time.sleep(0.3)
        yield page
    finally:
        proc.terminate()
        proc.wait(timeout=20)
