# Sourced by scripts/demo.sh and scripts/test.sh: a virtualenv in .venv with anbk installed.
# Works on a fresh Debian/Ubuntu machine with Python >= 3.11; installs python3-venv when root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "anbk needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))." >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    if ! "$PYTHON" -m venv .venv 2>/dev/null; then
        rm -rf .venv
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            echo "Installing python3-venv with apt-get (needed to create .venv)..."
            apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
            "$PYTHON" -m venv .venv
        else
            echo "Cannot create a virtualenv: run 'sudo apt-get install python3-venv' first." >&2
            exit 1
        fi
    fi
fi
# Reinstall only when the dependency list changed: a re-run starts in seconds.
stamp=.venv/.anbk-installed
if [ ! -f "$stamp" ] || ! cmp -s pyproject.toml "$stamp"; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test]"
    cp pyproject.toml "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
