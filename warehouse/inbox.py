"""The inbox folder: files dropped there are imported by the inbox sensor, then moved to done/ or failed/."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from warehouse.db import db_path

IMPORTABLE = {".jsonl", ".ndjson", ".json", ".html", ".htm", ".warc", ".gz"}


def inbox_dir() -> Path:
    """``$VNWH_INBOX`` or ``inbox/`` beside the build file."""
    explicit = os.environ.get("VNWH_INBOX")
    return Path(explicit).expanduser().resolve() if explicit else db_path().with_name("inbox")


def waiting_files(inbox: Path | None = None) -> list[Path]:
    """Importable files directly in the inbox (not in done/ or failed/), oldest first; hidden files are skipped."""
    folder = inbox or inbox_dir()
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir()
             if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in IMPORTABLE]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))


def settle(path: Path, succeeded: bool) -> Path:
    """Move an imported file to done/ or failed/ beside it; a name already there gets a numeric suffix."""
    target_dir = path.parent / ("done" if succeeded else "failed")
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    counter = 1
    while target.exists():
        target = target_dir / f"{path.stem}.{counter}{path.suffix}"
        counter += 1
    shutil.move(str(path), target)
    return target
