"""Write a plaintext export (JSON or Markdown) of the whole vault to a file the user chose."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from commsdesk.files import _sync_folder, _write_error
from commsdesk.storage.vault import Vault
from commsdesk.transfer.json_export import export_to
from commsdesk.transfer.markdown_export import export_markdown

FORMATS = ("json", "markdown")


def export_file(vault: Vault, path: Path, fmt: str) -> Path:
    """Only the user can read the file; it is written beside its place, fsynced and renamed into
    place in one step, so a failure (a full disk) leaves no half export and an older file whole."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format: {fmt}")
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name + ".", suffix=".tmp")
    except OSError as exc:
        raise _write_error(exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            if fmt == "markdown":
                handle.write(export_markdown(vault))
            else:
                export_to(vault, handle)  # streamed: a large journal is never whole in memory
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _write_error(exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)
    return path
