"""What a site module declares: hosts, discovery URLs (feeds, date-indexed sitemaps, sections + pagination), the
shape of its article URLs and its page templates (current first, legacy after). Adding a site = one module."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urlsplit, urlunsplit

from scrapers.netguard import host_matches


@dataclass(frozen=True)
class Template:
    """CSS selectors of one page layout; every list is tried in order, the first match wins."""

    name: str
    path: str                       # parse_path recorded when this template's body matched: selectors | legacy
    body: tuple[str, ...]
    title: tuple[str, ...] = ()
    sapo: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    time: tuple[str, ...] = ()
    section: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()    # inside the body: lead duplicates, boxes, captions
    images: tuple[str, ...] = ("figure",)


@dataclass
class Site:
    name: str
    base: str                                   # https://host
    hosts: tuple[str, ...]                      # allowlist; "host/path" entries scope a host to a path prefix
    article_pattern: str                        # regex on the URL path
    templates: tuple[Template, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemap_index: str | None = None
    sitemap_shards: tuple[str, ...] = ()        # str.format with year, month (e.g. "news-{year}-{month}.xml")
    sections: tuple[str, ...] = ()
    page_pattern: str | None = None             # str.format with section (path without extension), ext, n
    sapo_prefixes: tuple[str, ...] = ()
    brand_names: tuple[str, ...] = ()
    byline_from_tail: bool = False
    time_month_first: bool = False
    default_crawl: bool = True
    extra: dict = field(default_factory=dict)

    # ------------------------------------------------------------------ URLs
    def owns(self, url: str | None) -> bool:
        return bool(url) and url.startswith(("http://", "https://")) and host_matches(url, self.hosts)

    def is_article_url(self, url: str) -> bool:
        return self.owns(url) and re.search(self.article_pattern, urlsplit(url).path or "") is not None

    def absolute(self, path: str) -> str:
        return urljoin(self.base + "/", path.lstrip("/")) if not path.startswith("http") else path

    def feed_urls(self) -> list[str]:
        return [self.absolute(p) for p in self.feeds]

    def sitemap_urls(self, since: date, until: date) -> list[str]:
        """Monthly shard URLs (every declared form) for the months between since and until, newest first."""
        months = []
        year, month = until.year, until.month
        while (year, month) >= (since.year, since.month):
            months.append((year, month))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        urls: list[str] = []
        for year, month in months:
            for shard in self.sitemap_shards:
                url = self.absolute(shard.format(year=year, month=month))
                if url not in urls:
                    urls.append(url)
        return urls

    def section_urls(self, pages: int = 1) -> list[str]:
        urls = []
        for section in self.sections:
            urls.append(self.absolute(section))
            stem, dot, ext = section.rpartition(".")
            for n in range(2, pages + 1):
                if self.page_pattern:
                    urls.append(self.absolute(self.page_pattern.format(section=stem if dot else section,
                                                                       ext=ext if dot else "", n=n)))
        return urls

    def fetch_url(self, url: str, override_base: str | None) -> str:
        """The URL to request: the real one, or the same path under an override base (local demo/test server)."""
        if not override_base or not self.owns(url):
            return url
        base = urlsplit(override_base)
        parts = urlsplit(url)
        path = base.path.rstrip("/") + parts.path
        return urlunsplit((base.scheme, base.netloc, path, parts.query, ""))

    def allowed_hosts(self, override_base: str | None = None) -> list[str]:
        if not override_base:
            return list(self.hosts)
        base = urlsplit(override_base)
        return [f"{base.hostname}:{base.port or 80}{base.path.rstrip('/')}"]

    def parse(self, html: bytes | str, url: str | None = None):
        from scrapers.parsing import parse_html

        return parse_html(html, url, source=self.name, site=self)
