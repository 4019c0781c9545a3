"""Shared by the benchmarks: an isolated, production-like acuclinic (own database and files under a
temporary folder, DEBUG off, gunicorn) that never touches a developer's own data."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(var_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(
        ACUCLINIC_ENV="production",
        SECRET_KEY="benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        ACUCLINIC_VAR_DIR=str(var_dir),
        TASKS_BACKEND="immediate",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",  # benchmarks send no real mail
        BOOKING_RATE_LIMIT="0",
        LOG_LEVEL="ERROR",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return result.stdout


def reset_postgres(database_url: str) -> None:
    """Recreate the benchmark's PostgreSQL database (never the test or development one)."""
    name = database_url.rsplit("/", 1)[1]
    if not name.startswith("acuclinic_bench"):
        raise SystemExit("refusing to reset a database whose name does not start with acuclinic_bench")
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


@contextlib.contextmanager
def site(*, database_url: str | None = None, workers: int = 3, demo: bool = True):
    """Yield (base_url, env) of a fresh, migrated site served by gunicorn; clean up afterwards."""
    var_dir = Path(tempfile.mkdtemp(prefix="acuclinic-bench-"))
    if database_url:
        reset_postgres(database_url)
    env = environment(var_dir, database_url)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    if demo:
        manage(env, "load_demo")
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "acuclinic.wsgi", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "error"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("the server did not start")
        yield base, env
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        shutil.rmtree(var_dir, ignore_errors=True)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else float("nan")


def summary(latencies_ms: list[float]) -> str:
    return (f"median {statistics.median(latencies_ms):.1f} ms, p99 {percentile(latencies_ms, 0.99):.1f} ms"
            if latencies_ms else "no requests")  # fmt: skip
