#!/usr/bin/env bash
# Install everything into .venv and run the whole test suite (pytest arguments pass through).
# Browser tests drive Debian's chromium; as root this installs it with apt-get when missing.
source "$(dirname "$0")/bootstrap.sh"
if ! command -v chromium >/dev/null && [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing Debian's chromium for the browser tests (apt-get install -y chromium)..."
        apt-get update -qq && apt-get install -y -qq chromium >/dev/null
    else
        echo "chromium is missing: browser tests will be skipped (under CI=true they fail)." >&2
    fi
fi
exec python -m pytest -n "${ANBK_TEST_WORKERS:-2}" "$@"
