#!/usr/bin/env bash
# `make bundle`: the Linux one-folder app and its .tar.gz, from pinned, hashed build requirements.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}
# strip and readelf (binutils) trim the bundle; root installs them when missing.
if ! command -v readelf >/dev/null || ! command -v strip >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq binutils >/dev/null
fi
VENV=build/bundle-venv
if [ ! -f "$VENV/.installed" ] || [ packaging/requirements-build.txt -nt "$VENV/.installed" ]; then
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --require-hashes --no-deps -r packaging/requirements-build.txt
    touch "$VENV/.installed"
fi
# Reproducible enough: fixed hash seed, file times from the last commit, a fresh work folder.
export PYTHONHASHSEED=0
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH
rm -rf build/work build/dist
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath build/dist --workpath build/work packaging/commsdesk.spec
"$VENV/bin/python" packaging/linux/finish_bundle.py build/dist/commsdesk dist
