"""Union-merge translation catalogs after a git merge: `python scripts/po_union.py REF...`.

For each language, reads the working-tree catalog (conflict markers removed by taking ours) and the
catalog at each REF, keeps every message (ours wins when both translate the same msgid), writes it
sorted, then re-runs `scripts/i18n.py all` so the template and .mo files agree with the sources.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def catalog_at(ref: str, rel: str):
    data = subprocess.run(["git", "show", f"{ref}:{rel}"], cwd=ROOT, capture_output=True,  # noqa: S603, S607
                          check=True).stdout
    return read_po(io.BytesIO(data))


def main(refs: list[str]) -> None:
    for lang in ("ru", "en"):
        rel = f"translations/{lang}/LC_MESSAGES/commsdesk.po"
        ours = catalog_at("HEAD", rel)
        for ref in refs:
            theirs = catalog_at(ref, rel)
            for message in theirs:
                if not message.id:
                    continue
                mine = ours.get(message.id, message.context)
                text = mine.string if mine is not None else ""
                empty = not text or (isinstance(text, tuple) and not any(text))
                if empty:
                    if mine is not None:
                        ours.delete(message.id, message.context)
                    ours[message.id] = message
        buffer = io.BytesIO()
        write_po(buffer, ours, sort_output=True, omit_header=False)
        (ROOT / rel).write_bytes(buffer.getvalue())
    subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "all"], cwd=ROOT, check=True)  # noqa: S603


if __name__ == "__main__":
    main(sys.argv[1:])
