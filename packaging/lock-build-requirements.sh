#!/usr/bin/env bash
# Re-pin packaging/requirements-build.txt: every package the bundle is built from, with the
# SHA-256 of every file PyPI serves for that version (so the Windows and macOS runners match too).
# Needs pip-tools (`pip install pip-tools`); run from the repository's top folder.
set -euo pipefail
cd "$(dirname "$0")/.."
pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
    --output-file packaging/requirements-build.txt pyproject.toml packaging/requirements-build.in
# pip-tools 7 has no switch against this machine-only line.
sed -i "/^--find-links /d" packaging/requirements-build.txt
# PyInstaller's own dependencies on the other build machines: pip-compile resolves for this one only.
for platform in win:win_amd64 macos:macosx_11_0_arm64; do
    name=${platform%%:*}
    tag=${platform#*:}
    case $name in
        win) wanted="pefile==2024.8.26 pywin32-ctypes==0.2.3" ;;
        macos) wanted="macholib==1.16.4" ;;
    esac
    out=packaging/requirements-build-$name.txt
    {
        echo "# The extra packages PyInstaller needs on this build machine; written by lock-build-requirements.sh."
        echo "-r requirements-build.txt"
        for req in $wanted; do
            dir=$(mktemp -d)
            pip download --quiet --no-deps --only-binary=:all: --platform "$tag" --python-version 3.11 \
                -d "$dir" "$req"
            hash=$(pip hash "$dir"/*.whl | sed -n 's/^--hash=//p')
            echo "$req \\"
            echo "    --hash=$hash"
            rm -rf "$dir"
        done
    } > "$out"
done
