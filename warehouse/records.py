"""The records Python hands to the warehouse: what a parser produces and what a fetch attempt was."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

_SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]")
_BLANK_RUNS = re.compile(r"[ \t]+")          # never spans a line break, so one pass over the whole text
_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(value: str | None) -> str | None:
    """NFC, odd spaces to plain spaces, trimmed lines; None stays None and blank becomes None."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", _SPACES.sub(" ", value))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text or "  " in text:
        text = _BLANK_RUNS.sub(" ", text)
    if "\n" not in text:                                         # one line: nothing but its ends to trim
        return text.strip() or None
    lines = [line.strip() for line in text.split("\n")]           # else every blank run is one space already
    text = "\n".join(lines)
    if "\n\n\n" in text:
        text = _EXTRA_BLANK_LINES.sub("\n\n", text)
    return text.strip() or None


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no default port; path and query kept as they are."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    default_port = {"http": 80, "https": 443}.get(parts.scheme.lower())
    if parts.port and parts.port != default_port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", parts.query, ""))


def article_id_for(url: str) -> str:
    """A stable id: the first 16 hex digits of sha256 of the canonical URL."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:16]


def text_fingerprint(title: str | None, sapo: str | None, body: str | None) -> str:
    joined = "\x1f".join(part or "" for part in (title, sapo, body))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


@dataclass
class ArticleRecord:
    """One parsed article, ready to land in ``raw.articles``."""

    url: str
    source: str
    title: str | None = None
    sapo: str | None = None
    body_text: str | None = None
    published_at: datetime | None = None   # timezone-aware
    updated_at: datetime | None = None
    author: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)   # [{"src": ..., "caption": ...}]
    content_sha256: str | None = None
    parse_path: str = "text"
    parse_warnings: list[str] = field(default_factory=list)
    is_relevant: bool | None = None
    relevance_reason: str | None = None
    parser_version: str = "text-1"

    def __post_init__(self) -> None:
        self.url = canonical_url(self.url)
        self.title = clean_text(self.title)
        self.sapo = clean_text(self.sapo)
        self.body_text = clean_text(self.body_text)
        self.author = clean_text(self.author)
        self.section = clean_text(self.section)
        self.tags = [t for t in (clean_text(tag) for tag in self.tags) if t]

    @property
    def article_id(self) -> str:
        return article_id_for(self.url)

    @property
    def text_sha256(self) -> str:
        return text_fingerprint(self.title, self.sapo, self.body_text)


@dataclass
class FetchRecord:
    """One HTTP attempt, landed in ``raw.fetches``."""

    url: str
    source: str | None
    kind: str
    requested_at: datetime
    attempt: int = 1
    status: int | None = None
    final_url: str | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: str | None = None
    content_length: int | None = None
    content_sha256: str | None = None
    error: str | None = None
    duration_ms: int | None = None
