"""The `anbk` command as an operator uses it: a real server process, migrations, pass-through."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def env(tmp_path):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    return clean | {"ANBK_VAR_DIR": str(tmp_path / "var")}


def anbk(*args, env):
    return subprocess.run([sys.executable, "-m", "anbk.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_serve_migrates_and_serves_the_login_page_and_static_files(env):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "anbk.cli", "serve", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/akun/masuk/", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        assert page.status == 200 and "Masuk ke Portal ANBK" in page.read().decode()
        css = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/anbk/portal.css")
        assert css.status == 200
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_migrate_then_manage_passes_through_to_django(env):
    assert anbk("migrate", env=env).returncode == 0
    checked = anbk("manage", "check", env=env)
    assert checked.returncode == 0 and "no issues" in checked.stdout


def test_audit_verify_on_an_empty_log(env):
    anbk("migrate", env=env)
    result = anbk("audit", "verify", env=env)
    assert result.returncode == 0 and "0 entri" in result.stdout


def test_unknown_command_is_a_usage_error(env):
    result = anbk("terbang", env=env)
    assert result.returncode == 2 and "invalid choice" in result.stderr
