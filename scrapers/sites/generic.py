"""The fallback for pages of unknown layout: structured data plus a generic body extractor (flagged 'generic')."""
from __future__ import annotations

from scrapers.site import Site

SITE = Site(name="generic", base="", hosts=(), article_pattern=r"$^", default_crawl=False)
