"""Article URLs from a site's RSS feeds, sitemaps (urlset or sitemapindex) and section/listing pages."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import feedparser
from bs4 import BeautifulSoup
from lxml import etree

from scrapers.site import Site
from scrapers.timeparse import parse_iso, parse_rfc822, parse_vn_text


@dataclass
class Found:
    url: str
    published_hint: datetime | None = None
    title: str | None = None


def normalise_link(url: str) -> str:
    """Absolute article URL without fragment and tracking query parameters."""
    parts = urlsplit(url.strip())
    query = "&".join(p for p in parts.query.split("&") if p and not p.lower().startswith(("utm_", "fbclid", "gidzl")))
    path = quote(parts.path, safe="/%:@!$&'()*+,;=-._~")          # spaces and raw non-ASCII -> percent-encoded
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, query, ""))


def feed_date(value: str | None) -> datetime | None:
    if not value:
        return None
    month_first = bool(re.search(r"\b[AP]M\b", value, re.I))
    return parse_rfc822(value) or parse_iso(value) or parse_vn_text(value, month_first=month_first)


def links_from_feed(body: bytes, site: Site, base_url: str | None = None) -> list[Found]:
    parsed = feedparser.parse(body)
    found: list[Found] = []
    for entry in parsed.entries:
        link = (entry.get("link") or entry.get("id") or "").strip()
        if not link:
            continue
        link = normalise_link(urljoin(base_url or site.base, html.unescape(link)))
        if not site.owns(link):
            continue
        when = feed_date(entry.get("published") or entry.get("updated"))
        found.append(Found(link, when, entry.get("title")))
    return found


def links_from_sitemap(body: bytes, site: Site) -> tuple[list[Found], list[str]]:
    """(article URLs with <lastmod>, child sitemap URLs) of a sitemap document; garbage gives ([], [])."""
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                                                               huge_tree=False))
    except etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    articles: list[Found] = []
    children: list[str] = []
    for node in root:
        tag = etree.QName(node).localname if isinstance(node.tag, str) else ""
        loc = _child_text(node, "loc")
        if not loc:
            continue
        if tag == "sitemap":
            children.append(loc)
        elif tag == "url":
            link = normalise_link(loc)
            if site.owns(link):
                articles.append(Found(link, parse_iso(_child_text(node, "lastmod")) or
                                      parse_iso(_child_text(node, "publication_date"))))
    return articles, children


def _child_text(node, name: str) -> str | None:
    for child in node.iter():
        if isinstance(child.tag, str) and etree.QName(child).localname == name and child.text:
            return child.text.strip()
    return None


def links_from_section(body: str, page_url: str, site: Site, override_base: str | None = None) -> list[Found]:
    """Article links of a listing page (relative links resolved against the real site, not the override)."""
    soup = BeautifulSoup(body, "lxml")
    real_page = page_url
    if override_base and page_url.startswith(override_base):
        real_page = site.base + page_url[len(override_base):]
    found: dict[str, Found] = {}
    for anchor in soup.find_all("a", href=True):
        href = anchor["href"].strip()
        if href.startswith(("javascript:", "mailto:", "#")):
            continue
        link = normalise_link(urljoin(real_page, href))
        if site.is_article_url(link) and link not in found:
            found[link] = Found(link, None, anchor.get_text(" ", strip=True) or None)
    return list(found.values())
