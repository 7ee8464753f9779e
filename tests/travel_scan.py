"""A search of the disk as a border officer's tool would do it: names of files, and their bytes in
the common text encodings, case folded."""

from __future__ import annotations

import os


def forms(text: str) -> list[bytes]:
    return [variant.encode(encoding) for variant in {text, text.lower(), text.upper()}
            for encoding in ("utf-8", "utf-16-le", "utf-16-be")]


def scan(roots, contents: list[str], names: list[str] = (), skip=()) -> list[str]:
    """Files under `roots` (but not under `skip`) whose bytes hold one of `contents` or whose
    path below the root holds one of `names`."""
    patterns = [form for needle in contents for form in forms(needle)]
    skip = [os.fspath(s) for s in skip]
    found = []
    for root in roots:
        for dirpath, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if os.path.join(dirpath, d) not in skip]
            for name in files:
                path = os.path.join(dirpath, name)
                below = os.path.relpath(path, root).lower()
                if any(needle.lower() in below for needle in names):
                    found.append(path)
                    continue
                try:
                    with open(path, "rb") as handle:
                        data = handle.read()
                except OSError:
                    continue
                found += [f"{path}: {p!r}" for p in patterns if p in data]
    return found
