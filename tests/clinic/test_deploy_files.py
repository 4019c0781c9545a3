"""docs/deploy/: the files the README's production path has a clinic copy onto its server, each tried for real
where this machine can: nginx runs its config (TLS, forwarded headers, media, the masked access log),
systemd checks the units, the environment file passes `check --deploy`, and every command named exists."""

import http.server
import os
import re
import shlex
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "docs" / "deploy"
TOKEN = "SECRETtoken123abc"


def read_env_file(path: Path) -> dict:
    """The variables as `set -a; . file` (and systemd's EnvironmentFile) read them."""
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = shlex.split(value)[0] if value.strip() else ""
    return values


def test_the_environment_file_is_a_complete_production_configuration(tmp_path):
    values = read_env_file(DEPLOY / "acuclinic.env")
    settings_source = (ROOT / "acuclinic" / "settings.py").read_text()
    for name in values:
        assert f'"{name}"' in settings_source, f"{name} is not a variable settings.py reads"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    var = tmp_path / "var"
    env.update(values, PYTHONPATH=str(ROOT), ACUCLINIC_VAR_DIR=str(var), STATIC_ROOT=str(var / "static"),
               MEDIA_ROOT=str(var / "media"), CACHE_URL=f"file://{var / 'cache'}",
               SECRET_KEY="k" + os.urandom(40).hex())  # fmt: skip
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    # The placeholder key is refused, so nobody runs with it by mistake.
    env["SECRET_KEY"] = values["SECRET_KEY"]
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode != 0 and "SECRET_KEY" in result.stdout + result.stderr


def test_acuclinic_manage_runs_a_command_with_the_environment_file(tmp_path):
    env_file = tmp_path / "env"
    env_file.write_text(
        (DEPLOY / "acuclinic.env").read_text()
        + (
            f"\nACUCLINIC_VAR_DIR={tmp_path}\nSTATIC_ROOT={tmp_path}/static\nMEDIA_ROOT={tmp_path}/media\n"
            f"CACHE_URL=file://{tmp_path}/cache\n"
        )
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "ACUCLINIC_", "SECRET"))}
    env.update(ACUCLINIC_ENV_FILE=str(env_file), ACUCLINIC_APP=str(ROOT), ACUCLINIC_PYTHON=sys.executable,
               PYTHONPATH=str(ROOT))  # fmt: skip
    script = str(DEPLOY / "acuclinic-manage")
    result = subprocess.run([script, "shell", "-c", "from django.conf import settings; "
                             "print(settings.BASE_URL, settings.TIME_ZONE, settings.DEFAULT_FROM_EMAIL)"],
                            env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.split("\n")[-2]
        == "https://clinic.example America/Toronto Harbour Acupuncture <clinic@clinic.example>"
    )


def test_every_command_the_units_and_cron_run_exists():
    commands = get_commands()
    text = "\n".join((DEPLOY / name).read_text() for name in ("acuclinic.service", "acuclinic-worker.service",
                                                              "acuclinic.cron"))  # fmt: skip
    named = set(re.findall(r"(?:manage\.py|bin/acuclinic-manage) (\w+)", text))
    assert named == {"db_worker", "send_reminders", "publish_scheduled", "purge_comment_spam"}
    assert named <= set(commands)
    assert "--logger-class acuclinic.clinic.log_masking.GunicornLogger" in text
    assert "backup.sh" in text and (DEPLOY / "backup.sh").exists()


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
@pytest.mark.parametrize("unit", ["acuclinic.service", "acuclinic-worker.service"])
def test_systemd_accepts_the_units(tmp_path, unit):
    # The unit as it would be on this machine: the app and its virtualenv where they are here.
    text = (DEPLOY / unit).read_text()
    text = text.replace("/srv/acuclinic/app/.venv/bin/", str(Path(sys.executable).parent) + "/")
    text = text.replace("/srv/acuclinic/app", str(ROOT))
    (tmp_path / unit).write_text(text)
    result = subprocess.run([shutil.which("systemd-analyze"), "verify", str(tmp_path / unit)], capture_output=True, text=True,
                            timeout=60)  # fmt: skip
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Upstream(http.server.BaseHTTPRequestHandler):
    """Stands in for gunicorn: records the headers nginx forwards."""

    seen: list = []

    def do_GET(self):
        Upstream.seen.append(dict(self.headers))
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def nginx(tmp_path):
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()) or not shutil.which("openssl"):
        if os.environ.get("ACUCLINIC_REQUIRE_SERVICES"):
            pytest.fail("ACUCLINIC_REQUIRE_SERVICES is set but nginx or openssl is not installed")
        pytest.skip("nginx or openssl is not installed (apt-get install nginx-light openssl)")
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    subprocess.run([shutil.which("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=clinic.example", "-keyout", tmp_path / "key.pem", "-out", tmp_path / "cert.pem"],
                   check=True, capture_output=True, timeout=60)  # fmt: skip
    (tmp_path / "media" / "original_images").mkdir(parents=True)
    (tmp_path / "media" / "original_images" / "door.png").write_bytes(b"\x89PNG door")
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    plain, tls = free_port(), free_port()
    site = (DEPLOY / "nginx.conf").read_text()
    for old, new in [
        ("listen 80;", f"listen 127.0.0.1:{plain};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{tls} ssl http2;"),
        ("/etc/letsencrypt/live/clinic.example/fullchain.pem", str(tmp_path / "cert.pem")),
        ("/etc/letsencrypt/live/clinic.example/privkey.pem", str(tmp_path / "key.pem")),
        ("/var/log/nginx/", f"{tmp_path}/"),
        ("/srv/acuclinic/var/media/", f"{tmp_path}/media/"),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream.server_address[1]};"),
    ]:
        assert old in site, old
        site = site.replace(old, new)
    site = "\n".join(line for line in site.splitlines() if "[::]" not in line)  # no IPv6 in every sandbox
    (tmp_path / "site.conf").write_text(site)
    # Started as root, nginx's workers would drop to "nobody", who cannot read pytest's private folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"{user}pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/main-error.log;\nevents {{}}\n"
        f"http {{\n access_log off;\n include {tmp_path}/site.conf;\n}}\n"
    )
    check = subprocess.run([binary, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert check.returncode == 0, check.stderr
    server = subprocess.Popen([binary, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"],
                              stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", tls)) == 0:
                break
        time.sleep(0.1)
    Upstream.seen = []
    yield {"plain": plain, "tls": tls, "log": tmp_path / "acuclinic.access.log"}
    server.terminate()
    server.wait(timeout=20)
    upstream.shutdown()


def fetch(port, path, *, tls=True, headers=None):
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    scheme = "https" if tls else "http"
    request = urllib.request.Request(f"{scheme}://127.0.0.1:{port}{path}", headers={"Host": "clinic.example",
                                                                                      **(headers or {})})  # fmt: skip

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), NoRedirect)
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_nginx_serves_tls_forwards_the_client_and_masks_secret_links_in_its_log(nginx):
    status, headers, _ = fetch(nginx["plain"], "/acupoints/gb30/", tls=False)
    assert status == 301 and headers["Location"] == "https://clinic.example/acupoints/gb30/"

    # A client's own X-Forwarded-Proto is replaced; its X-Forwarded-For is kept, with the real peer appended.
    status, _, body = fetch(nginx["tls"], "/acupoints/gb30/",
                            headers={"X-Forwarded-Proto": "http", "X-Forwarded-For": "203.0.113.9"})  # fmt: skip
    assert (status, body) == (200, b"ok")
    forwarded = Upstream.seen[-1]
    assert forwarded["X-Forwarded-Proto"] == "https" and forwarded["Host"] == "clinic.example"
    assert forwarded["X-Forwarded-For"] == "203.0.113.9, 127.0.0.1"

    status, headers, body = fetch(nginx["tls"], "/media/original_images/door.png")
    assert (status, body) == (200, b"\x89PNG door") and headers["X-Content-Type-Options"] == "nosniff"
    assert len(Upstream.seen) == 1  # media never reaches the app

    secret_paths = [f"/book/manage/{TOKEN}/cancel/?step=2", f"/book/calendar/{TOKEN}.ics",
                    f"/api/v1/appointments/{TOKEN}", f"/BOOK/Manage/{TOKEN}/"]  # fmt: skip
    for path in secret_paths:
        fetch(nginx["tls"], path, headers={"Referer": f"https://clinic.example/book/manage/{TOKEN}/"})
    fetch(nginx["tls"], "/acupoints/gb30/?q=visible")
    deadline = time.monotonic() + 10
    # Eight requests, eight lines: wait for the last one, which nginx may write a moment after answering.
    while time.monotonic() < deadline and nginx["log"].read_text().count("\n") < 8:
        time.sleep(0.1)
    log = nginx["log"].read_text()
    assert TOKEN not in log
    assert 'GET /book/manage/[masked]/cancel/?step=2 HTTP/1.1" 200' in log
    assert "GET /book/calendar/[masked] " in log and "GET /api/v1/appointments/[masked] " in log
    assert '"https://clinic.example/book/manage/[masked]/"' in log
    assert "GET /acupoints/gb30/?q=visible " in log  # only secret links are masked
