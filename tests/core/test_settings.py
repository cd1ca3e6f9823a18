"""Settings come only from the environment; the defaults work on a machine with nothing set."""

import json
import os
import stat
import subprocess
import sys

import pytest

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.db import connection
with connection.cursor() as cur:
    cur.execute("PRAGMA journal_mode"); journal = cur.fetchone()[0]
    cur.execute("PRAGMA busy_timeout"); busy = cur.fetchone()[0]
print(json.dumps({"key": settings.SECRET_KEY, "db": str(settings.DATABASES["default"]["NAME"]),
                  "journal": journal, "busy": busy, "lang": settings.LANGUAGE_CODE,
                  "mode": settings.ANBK_MODE,
                  "tx": settings.DATABASES["default"]["OPTIONS"]["transaction_mode"],
                  "cache": settings.CACHES["default"]["BACKEND"]}))
"""


def probe(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DATABASE_URL", "SECRET_KEY", "REDIS_URL", "LANGUAGE_CODE", "ANBK_MODE"}}
    clean |= {"ANBK_VAR_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "anbk.settings"}
    out = subprocess.run([sys.executable, "-c", PROBE], env=clean | env, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def test_it_defaults_to_sqlite_wal_in_var_with_a_generated_secret(tmp_path):
    first = probe(tmp_path)
    key_file = tmp_path / "var" / "secret_key"
    assert first["db"] == str(tmp_path / "var" / "anbk.sqlite3")
    assert (first["journal"], first["busy"], first["tx"]) == ("wal", 20000, "IMMEDIATE")
    assert (first["lang"], first["mode"]) == ("id", "central")
    assert first["cache"].endswith("LocMemCache")
    assert key_file.read_text().strip() == first["key"] and len(first["key"]) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert probe(tmp_path)["key"] == first["key"]  # stable across restarts


def test_it_reads_the_environment(tmp_path):
    got = probe(tmp_path, SECRET_KEY="k" * 60, LANGUAGE_CODE="en",
                REDIS_URL="redis://127.0.0.1:6379/0",
                DATABASE_URL=f"sqlite:///{tmp_path / 'other.sqlite3'}")
    assert got["key"] == "k" * 60 and got["lang"] == "en"
    assert got["db"].endswith("other.sqlite3") and got["cache"].endswith("RedisCache")
    assert not (tmp_path / "var" / "secret_key").exists()


def test_it_refuses_an_unknown_mode(tmp_path):
    with pytest.raises(subprocess.CalledProcessError) as error:
        probe(tmp_path, ANBK_MODE="satelit")
    assert "ANBK_MODE" in error.value.stderr
