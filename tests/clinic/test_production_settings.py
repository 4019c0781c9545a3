"""Production refuses to start half-configured, and passes Django's deployment checklist."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_extra, tmp_path):
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_HOST"}
    unset |= {"EMAIL_BACKEND", "TRUSTED_PROXIES"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update({"ACUCLINIC_ENV": "production", "ACUCLINIC_VAR_DIR": str(tmp_path), **env_extra})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


GOOD = {
    "SECRET_KEY": "k8$-" + "a1B2c3D4e5F6g7H8i9J0" * 3,
    "ALLOWED_HOSTS": "clinic.example",
    "EMAIL_HOST": "smtp.clinic.example",
}


@pytest.mark.parametrize(
    ("env_extra", "variable"),
    [
        ({"ALLOWED_HOSTS": "clinic.example", "EMAIL_HOST": "smtp.clinic.example"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60, "EMAIL_HOST": "smtp.clinic.example"}, "ALLOWED_HOSTS"),
        # Without it, every confirmation and manage link would be printed to stdout and marked sent.
        ({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "clinic.example"}, "EMAIL_HOST"),
        ({**GOOD, "TRUSTED_PROXIES": "127.0.0.1,proxy.internal"}, "TRUSTED_PROXIES"),
    ],
)
def test_production_without_a_required_variable_exits_with_one_line_naming_it(tmp_path, env_extra, variable):
    result = run_manage("check", env_extra=env_extra, tmp_path=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", env_extra=GOOD, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_an_explicit_email_backend_lets_production_start(tmp_path):
    env = {**GOOD, "EMAIL_HOST": "", "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}
    result = run_manage("check", env_extra=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"DEBUG": "1"}, "acuclinic.E001"),
        ({"SECRET_KEY": "short-but-set"}, "acuclinic.E002"),
        ({"SECRET_KEY": "ab" * 40}, "acuclinic.E002"),  # long, but two characters
        ({"EMAIL_HOST": "", "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "acuclinic.E003"),
    ],
)
def test_check_deploy_fails_on_debug_a_weak_key_or_mail_that_is_never_sent(tmp_path, changes, error):
    result = run_manage("check", "--deploy", env_extra={**GOOD, **changes}, tmp_path=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert error in result.stderr


def test_collectstatic_gathers_the_sites_own_files_for_production(tmp_path):
    env = {**GOOD, "STATIC_ROOT": str(tmp_path / "static")}
    result = run_manage("collectstatic", "--noinput", env_extra=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    assert {"css/site.css", "favicon.svg"} <= set(manifest["paths"])
    assert (tmp_path / "static" / manifest["paths"]["css/site.css"]).exists()
