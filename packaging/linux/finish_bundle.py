"""After PyInstaller: strip debug data, list the files, pack a reproducible .tar.gz, print its SHA-256.

    python packaging/linux/finish_bundle.py build/dist/commsdesk dist/

The manifest (every file with its size) goes beside the archive so two builds can be compared
(packaging/compare_builds.sh).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.github.commsdesk.CommsDesk"
LIMIT_MB = 200

# Debug sections only, and only in files linked here, never in wheels' vendored libraries
# (`*.libs/`, rewritten by auditwheel's patchelf, which strip can break).
STRIPPED = re.compile(r"^_internal/(libpython[^/]*|python3\.\d+/lib-dynload/[^/]+\.so|sqlcipher3/[^/]+\.so|"
                      r"cryptography/hazmat/bindings/[^/]+\.so|PySide6/Qt/lib/libicu(uc|i18n)\.so[.\d]*)$")


def version() -> str:
    text = (ROOT / "src" / "commsdesk" / "__init__.py").read_text("utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def strip_debug(app: Path) -> None:
    for path in sorted(app.rglob("*")):
        rel = path.relative_to(app).as_posix()
        if path.is_file() and not path.is_symlink() and STRIPPED.match(rel):
            subprocess.run(["strip", "--strip-unneeded", str(path)], check=True)  # noqa: S603, S607


def drop_dangling_links(app: Path) -> None:
    # PyInstaller links every Qt library into _internal/, also those the spec dropped.
    for path in sorted(app.rglob("*")):
        if path.is_symlink() and not path.exists():
            path.unlink()


def add_desktop_files(app: Path) -> None:
    """The files install.sh puts into the user's menu, and the licence."""
    shutil.copy2(ROOT / "packaging" / "linux" / "install.sh", app / "install.sh")
    shutil.copy2(ROOT / "packaging" / "linux" / f"{APP_ID}.desktop", app / f"{APP_ID}.desktop")
    shutil.copy2(ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml", app / f"{APP_ID}.metainfo.xml")
    icons = app / "icons"
    icons.mkdir(exist_ok=True)
    for png in sorted((ROOT / "resources" / "icons").glob("commsdesk-*.png")):
        shutil.copy2(png, icons / png.name)
    shutil.copy2(ROOT / "resources" / "icons" / "commsdesk.svg", icons / "commsdesk.svg")
    shutil.copy2(ROOT / "LICENSE", app / "LICENSE")
    shutil.copy2(ROOT / "packaging" / "linux" / "README.txt", app / "README.txt")


def manifest(app: Path) -> str:
    lines = []
    for path in sorted(app.rglob("*")):
        rel = path.relative_to(app).as_posix()
        if path.is_symlink():
            lines.append(f"{rel} -> {os.readlink(path)}")
        elif path.is_file():
            lines.append(f"{rel} {path.stat().st_size}")
    return "\n".join(lines) + "\n"


def size_of(app: Path) -> int:
    return sum(p.stat().st_size for p in app.rglob("*") if p.is_file() and not p.is_symlink())


def pack(app: Path, archive: Path, top: str, epoch: int) -> None:
    """Sorted entries, fixed owner, times and modes: the same files give the same bytes."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in [app, *sorted(app.rglob("*"))]:
            rel = path.relative_to(app).as_posix()
            info = tar.gettarinfo(str(path), arcname=top if rel == "." else f"{top}/{rel}")
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = epoch
            if info.isdir() or info.mode & 0o111:
                info.mode = 0o755
            elif info.isfile():
                info.mode = 0o644
            if info.isfile():
                with open(path, "rb") as handle:
                    tar.addfile(info, handle)
            else:
                tar.addfile(info)
    with open(archive, "wb") as out, gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0,
                                                  compresslevel=6) as gz:
        gz.write(raw.getvalue())


def main() -> int:
    app, out = Path(sys.argv[1]), Path(sys.argv[2])
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    strip_debug(app)
    drop_dangling_links(app)
    add_desktop_files(app)
    out.mkdir(parents=True, exist_ok=True)
    name = f"commsdesk-{version()}-linux-x86_64"
    (out / f"{name}.files.txt").write_text(manifest(app), "utf-8")
    size = size_of(app)
    archive = out / f"{name}.tar.gz"
    pack(app, archive, name, epoch)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    (out / f"{name}.tar.gz.sha256").write_text(f"{digest}  {archive.name}\n", "utf-8")
    print(f"unpacked bundle: {size / 1e6:.1f} MB (limit {LIMIT_MB} MB), "
          f"{sum(1 for _ in app.rglob('*'))} files and folders")
    print(f"archive: {archive} {archive.stat().st_size / 1e6:.1f} MB")
    print(f"SHA-256: {digest}  {archive.name}")
    return 0 if size <= LIMIT_MB * 1e6 else 1


if __name__ == "__main__":
    sys.exit(main())
