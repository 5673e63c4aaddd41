#!/usr/bin/env bash
# Set up and run the default test suite on a fresh machine (Python 3.11, pip, git):
# creates .venv if missing, installs ascurate with its test extras (constraints.txt: the
# versions tested), then runs pytest without the slow, browser, crash and wheel tests
# (under 5 minutes). Arguments go to pytest; a `-m` of your own replaces the default one,
# e.g. `bash scripts/test.sh -m "slow or browser or crash or wheel"` (what .ci/run adds).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]" -c constraints.txt
# the review desk's browser tests drive Debian's chromium through Playwright (never `playwright install`)
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
fi
export PREFECT_SERVER_ANALYTICS_ENABLED=false
exec .venv/bin/python -m pytest -m "not (slow or browser or crash or wheel)" "$@"
