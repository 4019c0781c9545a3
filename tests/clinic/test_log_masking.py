"""Secret links (manage and calendar tokens) never reach a log line: Django's, runserver's or gunicorn's."""

import contextlib
import io
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from acuclinic.clinic.log_masking import MASK, MaskSecretLinks, mask_secret_links

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "Zq4v0xK2pR8sT1uW3yA5bC7dE9fG.hJ6kL8mN0pQ2rS4tU6vW8xY0zA2bC4dE6fG8hJ0k"
SECRET_PATHS = [
    f"/book/manage/{TOKEN}/",
    f"/book/manage/{TOKEN}/cancel/",
    f"/book/calendar/{TOKEN}.ics",
    f"/api/v1/appointments/{TOKEN}",
    f"/api/v1/appointments/{TOKEN}/reschedule",
]


@pytest.mark.parametrize(
    "line",
    [
        f'127.0.0.1 - - [01/Dec/2026:10:00:00 +0000] "GET /book/manage/{TOKEN}/ HTTP/1.1" 200 5120 "-" "Firefox"',
        f'"POST /api/v1/appointments/{TOKEN}/cancel HTTP/1.1" 200 312',
        f'"GET /static/css/site.css HTTP/1.1" 200 80 "https://clinic.example/book/manage/{TOKEN}/" "Firefox"',
        f"Internal Server Error: /book/calendar/{TOKEN}.ics",
        f"Not Found: /BOOK/MANAGE/{TOKEN}/",
        f"GET /login/?next=%2Fbook%2Fmanage%2F{TOKEN}%2F",
    ],
)
def test_every_shape_of_secret_link_is_masked(line):
    masked = mask_secret_links(line)
    assert TOKEN not in masked and TOKEN[:20] not in masked
    assert MASK in masked


def test_other_paths_are_left_alone():
    line = '"GET /book/treatment/ann/?from=2026-12-01 HTTP/1.1" 200 "/api/v1/appointments" "/acupoints/gb30/"'
    assert mask_secret_links(line) == line


@pytest.fixture
def console():
    """What the console handler configured in settings.LOGGING writes, for this test."""
    handlers = [h for h in logging.getLogger().handlers if any(isinstance(f, MaskSecretLinks) for f in h.filters)]
    assert handlers, "settings.LOGGING's console handler carries the secret-link filter"
    stream = io.StringIO()
    previous = [handler.setStream(stream) for handler in handlers]
    yield stream
    for handler, old in zip(handlers, previous, strict=True):
        handler.setStream(old)


@pytest.mark.parametrize("path", SECRET_PATHS)
def test_djangos_not_found_lines_carry_no_token(client, clinic_site, console, path):
    response = client.get(path) if "cancel" not in path else client.post(path)
    assert response.status_code in (404, 405, 410), response.status_code
    logged = console.getvalue()
    assert TOKEN not in logged
    if response.status_code == 404:
        assert MASK in logged


def test_an_internal_server_error_line_and_its_traceback_carry_no_token(client, clinic_site, console, monkeypatch):
    from acuclinic.booking import views

    def broken(token):
        raise RuntimeError(f"lookup failed for {views.reverse('booking:manage', args=[token])}")

    monkeypatch.setattr(views, "_by_token", broken)
    client.raise_request_exception = False
    assert client.get(f"/book/manage/{TOKEN}/").status_code == 500
    logged = console.getvalue()
    assert "Internal Server Error: /book/manage/[masked]/" in logged
    assert "RuntimeError: lookup failed for /book/manage/[masked]/" in logged and "Traceback" in logged
    assert TOKEN not in logged


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ACUCLINIC_ENV"}}
    env.update(ACUCLINIC_VAR_DIR=str(tmp_path), PYTHONPATH=str(ROOT), DATABASE_URL=f"sqlite:///{tmp_path}/empty.db")
    return env


def request_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited"
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)  # not listening yet
    raise AssertionError("the server did not start")


def visit_secret_links(base: str) -> None:
    for path in SECRET_PATHS:
        headers = {"Referer": f"{base}/book/manage/{TOKEN}/"}
        with contextlib.suppress(urllib.error.HTTPError):  # an invalid token is refused; the log is what matters
            urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=10)


def test_gunicorn_access_and_error_logs_carry_no_token(tmp_path):
    port, access, errors = free_port(), tmp_path / "access.log", tmp_path / "error.log"
    command = [
        *(sys.executable, "-m", "gunicorn", "acuclinic.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"),
        *("--access-logfile", str(access), "--error-logfile", str(errors)),
        *("--logger-class", "acuclinic.clinic.log_masking.GunicornLogger"),
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=server_env(tmp_path))  # the flags `make serve-prod` uses
    try:
        request_until_up(f"http://127.0.0.1:{port}", process)
        visit_secret_links(f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait(timeout=30)
    logged = access.read_text()
    assert logged.count(MASK) >= 2 * len(SECRET_PATHS), logged  # request line and referrer of each
    assert TOKEN not in logged and TOKEN not in errors.read_text()


def test_runserver_log_carries_no_token(tmp_path):
    port = free_port()
    command = [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, cwd=ROOT, env=server_env(tmp_path), stderr=subprocess.PIPE, text=True)
    try:
        request_until_up(f"http://127.0.0.1:{port}", process)
        visit_secret_links(f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        _out, logged = process.communicate(timeout=30)
    assert "/book/manage/[masked]/" in logged and "/book/calendar/[masked]" in logged, logged
    assert TOKEN not in logged
