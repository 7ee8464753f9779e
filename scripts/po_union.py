"""Merge translation catalogs after a git merge: `python scripts/po_union.py REF...`.

For each language: a three-way merge of the .po text (ours, the merge base, REF), as git would;
where that leaves conflicts, a union of the catalogs instead (every message kept; a message both
sides changed takes REF's translation if ours is empty, else ours). Then `scripts/i18n.py all`
so the template and the .mo files agree with the merged sources.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def git(*args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True,  # noqa: S603, S607
                          check=True).stdout


def at(ref: str, rel: str) -> bytes:
    return git("show", f"{ref}:{rel}")


def three_way(rel: str, ref: str) -> bytes | None:
    base = git("merge-base", "HEAD", ref).decode().strip()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, data in (("ours", at("HEAD", rel)), ("base", at(base, rel)), ("theirs", at(ref, rel))):
            path = Path(folder) / name
            path.write_bytes(data)
            paths.append(str(path))
        done = subprocess.run(["git", "merge-file", "-p", *paths], capture_output=True)  # noqa: S603, S607
    return done.stdout if done.returncode == 0 else None


def union(current: bytes, ref: str, rel: str) -> bytes:
    ours = read_po(io.BytesIO(current))
    for message in read_po(io.BytesIO(at(ref, rel))):
        if not message.id:
            continue
        mine = ours.get(message.id, message.context)
        text = mine.string if mine is not None else ""
        if not text or (isinstance(text, tuple) and not any(text)):
            if mine is not None:
                ours.delete(message.id, message.context)
            ours[message.id] = message
    buffer = io.BytesIO()
    write_po(buffer, ours, sort_output=True, omit_header=False)
    return buffer.getvalue()


def main(refs: list[str]) -> None:
    for lang in ("ru", "en"):
        rel = f"translations/{lang}/LC_MESSAGES/commsdesk.po"
        text = at("HEAD", rel)
        for ref in refs:
            merged = three_way(rel, ref) if len(refs) == 1 else None
            text = merged if merged is not None else union(text, ref, rel)
        (ROOT / rel).write_bytes(text)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "all"], cwd=ROOT,  # noqa: S603
                   check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
