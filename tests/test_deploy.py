"""The production server and the dev server, as deployed (issue 9, item 4):
gunicorn.conf.py, idle clients, no version in Server, --debug only on
loopback, HSTS and ProxyFix behind a TLS proxy."""
from __future__ import annotations

import logging
import os
import runpy
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from servers import free_port, serving

from dashapp import cli

REPO = Path(__file__).resolve().parents[1]
CONF = REPO / "gunicorn.conf.py"


def _headers(port: int, path: str = "/") -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return dict(response.headers)


# --- gunicorn.conf.py ---------------------------------------------------------------

def test_gunicorn_conf_settings(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    conf = runpy.run_path(str(CONF))
    assert conf["worker_class"] == "gevent"
    assert conf["workers"] >= 2 and conf["worker_connections"] >= 200
    assert conf["control_socket_disable"] is True
    home = os.path.expanduser("~")
    assert not conf["worker_tmp_dir"].startswith(home)
    assert conf["limit_request_line"] <= 8190 and conf["limit_request_fields"] <= 100
    assert 0 < conf["timeout"] <= 60 and 0 < conf["keepalive"] <= 10
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert runpy.run_path(str(CONF))["workers"] == 3


def _gunicorn(port: int, *extra: str) -> list[str]:
    gunicorn = shutil.which("gunicorn")
    assert gunicorn, "gunicorn comes with the [prod] extra"
    return [gunicorn, "-c", str(CONF), "-b", f"127.0.0.1:{port}", *extra, "dashapp.app:server"]


def test_gunicorn_with_the_repo_config_leaves_home_alone_and_hides_its_version(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    port = free_port()
    env = {**os.environ, "HOME": str(home), "WEB_CONCURRENCY": "1"}
    env.pop("XDG_RUNTIME_DIR", None)
    with serving(_gunicorn(port), port, cwd="/", env=env) as page:
        assert b"spinefoot" in page
        server = _headers(port)["Server"]
        assert server == "gunicorn", server  # no version
    assert list(home.iterdir()) == []  # no ~/.gunicorn control socket


def test_idle_connections_leave_the_site_answering(tmp_path):
    """64 clients that connect and send nothing (or half a request) do not
    starve a single gevent worker: a real request still gets its page."""
    port = free_port()
    env = {**os.environ, "HOME": str(tmp_path), "WEB_CONCURRENCY": "1"}
    with serving(_gunicorn(port), port, cwd="/", env=env):
        idle = []
        try:
            for i in range(64):
                s = socket.create_connection(("127.0.0.1", port), timeout=10)
                if i % 2:
                    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # never finished
                idle.append(s)
            for _ in range(3):
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_dash-layout",
                                            timeout=20) as response:
                    assert response.status == 200
        finally:
            for s in idle:
                s.close()


# --- the dev server ---------------------------------------------------------------

def test_dev_server_names_no_version(tmp_path):
    spinefoot = shutil.which("spinefoot")
    assert spinefoot
    port = free_port()
    with serving([spinefoot, "serve", "--port", str(port)], port, cwd="/"):
        headers = _headers(port)
    assert headers["Server"] == "spinefoot"


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org", "",
                                  "127.0.0.1.example.org"])
def test_debug_is_refused_off_loopback(capsys, host):
    assert cli.main(["serve", "--debug", "--host", host]) == 2
    err = capsys.readouterr().err
    assert err.startswith("spinefoot: error: --debug") and err.count("\n") == 1


def test_debug_refusal_happens_before_any_server_starts():
    """In a fresh interpreter: exit 2, one line, the app never imported."""
    code = ("import sys; from dashapp import cli; status = cli.main(['serve', '--debug', "
            "'--host', '0.0.0.0']); print('dashapp.app' in sys.modules); sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, cwd="/")
    assert done.returncode == 2
    assert done.stdout.strip() == "False"
    assert done.stderr.count("\n") == 1 and "loopback" in done.stderr


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost",
                                  "LOCALHOST"])
def test_loopback_hosts_may_debug(host):
    assert cli._is_loopback(host)


# --- behind a TLS proxy ---------------------------------------------------------------

@pytest.fixture
def tls_app(monkeypatch):
    monkeypatch.setenv("SPINEFOOT_BEHIND_TLS", "1")
    from dashapp.server.factory import create_app
    return create_app()


def test_hsts_behind_a_tls_proxy(tls_app):
    client = tls_app.server.test_client()
    secure = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "max-age=" in secure.headers["Strict-Transport-Security"]
    plain = client.get("/")  # the proxy's own plain-http health check
    assert "Strict-Transport-Security" not in plain.headers


def test_no_hsts_without_the_setting(monkeypatch):
    monkeypatch.delenv("SPINEFOOT_BEHIND_TLS", raising=False)
    from dashapp.server.factory import create_app
    client = create_app().server.test_client()
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


def test_proxy_fix_takes_the_client_address_from_the_proxy(tls_app, caplog):
    client = tls_app.server.test_client()
    with caplog.at_level(logging.WARNING):
        response = client.post("/_dash-update-component", data=b"{}",
                               headers={"Content-Type": "application/json",
                                        "X-Forwarded-For": "203.0.113.9"})
    assert response.status_code == 400
    assert "from 203.0.113.9" in caplog.records[-1].getMessage()
