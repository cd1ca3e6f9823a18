import os
import shutil

import pytest

from tests.people import build_world

CHROMIUM = os.environ.get("ANBK_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Argon2 is tested on its own (tests/accounts); elsewhere a fast hasher keeps tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Login rate limits live in the cache, which outlives a test inside one xdist worker: the
    # logins of earlier tests must not count against the next (a browser test was refused).
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(scope="session")
def chromium_path():
    """Debian's chromium. Under CI=true a missing browser fails the run; elsewhere it skips."""
    path = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if not path:
        message = "chromium not found: run 'apt-get install -y chromium' (see README)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()
