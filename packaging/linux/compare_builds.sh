#!/usr/bin/env bash
# Two `make bundle` runs in a row must give the same file list and sizes (the manifest written by
# finish_bundle.py); prints both SHA-256 sums (equal when the archives are byte for byte the same).
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' src/commsdesk/__init__.py)
name=commsdesk-$version-linux-x86_64
out=build/compare
rm -rf "$out" && mkdir -p "$out"
for run in 1 2; do
    make bundle
    cp "dist/$name.files.txt" "$out/files-$run.txt"
    cp "dist/$name.tar.gz.sha256" "$out/sha256-$run.txt"
done
cat "$out"/sha256-*.txt
if diff -u "$out/files-1.txt" "$out/files-2.txt"; then
    echo "same file list and sizes: $(wc -l < "$out/files-1.txt") entries"
else
    echo "FAIL: the two builds differ"; exit 1
fi
