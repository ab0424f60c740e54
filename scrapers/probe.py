"""Layout-drift check: fetch the newest feed item of each site and report which fields each parse path finds.

``vnwh probe`` prints it; after a redesign a user with network sees in seconds which path broke.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from scrapers import discovery, dom
from scrapers import fields as F
from scrapers.fetch import Fetcher
from scrapers.generic import generic_body
from scrapers.parsing import parse_html
from scrapers.registry import resolve_sources
from scrapers.structured import structured_fields

FIELDS = ("title", "sapo", "published_at", "author", "section", "tags", "body")


@dataclass
class ProbeResult:
    source: str
    feed_url: str | None = None
    article_url: str | None = None
    error: str | None = None
    paths: dict[str, dict[str, bool]] = field(default_factory=dict)   # path -> field -> found
    parse_path: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None and self.parse_path not in (None, "generic")


def probe(sources: list[str] | None = None, fetcher: Fetcher | None = None,
          site_overrides: dict | None = None) -> list[ProbeResult]:
    overrides = site_overrides or {}
    own = fetcher is None
    fetcher = fetcher or Fetcher(None)
    try:
        return [_probe_site(site, fetcher, overrides.get(site.name)) for site in resolve_sources(sources)]
    finally:
        if own:
            fetcher.close()


def _probe_site(site, fetcher: Fetcher, override) -> ProbeResult:
    result = ProbeResult(site.name)
    newest = None
    for feed in site.feed_urls():
        answer = fetcher.fetch(site.fetch_url(feed, override), source=site.name, kind="feed",
                               allowed_hosts=site.allowed_hosts(override))
        items = discovery.links_from_feed(answer.body, site) if answer.ok else []
        if items:
            result.feed_url = feed
            newest = max(items, key=lambda i: (i.published_hint is not None, i.published_hint or 0))
            break
    if newest is None:
        newest = _first_listed(site, fetcher, override, result)
    if newest is None:
        result.error = "no feed or section page listed an article"
        return result
    result.article_url = newest.url
    page = fetcher.fetch(site.fetch_url(newest.url, override), source=site.name, kind="article",
                         allowed_hosts=site.allowed_hosts(override))
    if not page.ok:
        result.error = f"article fetch failed: {page.error}"
        return result
    result.paths = paths_report(page.text(), site)
    record = parse_html(page.body, newest.url, source=site.name, site=site)
    result.parse_path, result.warnings = record.parse_path, record.parse_warnings
    return result


def _first_listed(site, fetcher: Fetcher, override, result: ProbeResult):
    """When every feed is dead: the first article link of the first section page that answers."""
    for section in site.section_urls(1):
        answer = fetcher.fetch(site.fetch_url(section, override), source=site.name, kind="section",
                               allowed_hosts=site.allowed_hosts(override))
        links = discovery.links_from_section(answer.text(), section, site, override) if answer.ok else []
        if links:
            result.feed_url = section
            return links[0]
    return None


def paths_report(html: str, site) -> dict[str, dict[str, bool]]:
    """Which fields each path finds on its own: structured data, each site template, the generic extractor."""
    root = dom.parse_document(html)
    data = structured_fields(root)
    report = {"structured": {name: bool(data.get(name)) for name in FIELDS}}
    for template in site.templates:
        report[f"{template.path}:{template.name}"] = {
            name: F.first(root, getattr(template, "body" if name == "body" else
                                               "time" if name == "published_at" else name)) is not None
            for name in FIELDS
        }
    body, *_rest = generic_body(root)
    report["generic"] = {"body": bool(body)}
    return report


def format_report(results: list[ProbeResult]) -> list[str]:
    lines = []
    for result in results:
        lines.append(f"{result.source}: {'OK' if result.ok else 'CHECK'} parse_path={result.parse_path} "
                     f"article={result.article_url} {result.error or ''}".rstrip())
        for path, found in result.paths.items():
            marks = " ".join(f"{name}={'y' if ok else '-'}" for name, ok in found.items())
            lines.append(f"  {path:<28} {marks}")
        if result.warnings:
            lines.append(f"  warnings: {', '.join(result.warnings)}")
    return lines
