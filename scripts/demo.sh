#!/usr/bin/env bash
# Install everything into .venv, load the demo province into ./var and serve it.
source "$(dirname "$0")/bootstrap.sh"
exec anbk demo "$@"
