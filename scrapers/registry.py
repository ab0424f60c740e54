"""The sites vnwh knows: name -> Site. Adding a site = one module in scrapers/sites exposing ``SITE``."""
from __future__ import annotations

from scrapers.site import Site
from scrapers.sites import baochinhphu, generic, nld, vietnamplus, vneconomy

SITES: dict[str, Site] = {
    module.SITE.name: module.SITE for module in (vietnamplus, vneconomy, nld, baochinhphu, generic)
}
GENERIC = SITES["generic"]
DEFAULT_SOURCES = [name for name, site in SITES.items() if site.default_crawl]


def site_for_url(url: str | None) -> Site | None:
    """The site whose host allowlist covers ``url`` (None for unknown hosts and the generic fallback)."""
    if not url:
        return None
    for site in SITES.values():
        if site.hosts and site.owns(url):
            return site
    return None


def resolve_sources(sources: list[str] | None) -> list[Site]:
    if not sources:
        return [SITES[name] for name in DEFAULT_SOURCES]
    unknown = [s for s in sources if s not in SITES or s == "generic"]
    if unknown:
        raise ValueError(f"unknown source(s): {', '.join(unknown)}; known: {', '.join(DEFAULT_SOURCES)}")
    return [SITES[s] for s in sources]
