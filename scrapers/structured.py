"""Structured data of a page: JSON-LD (values may be HTML-entity encoded), Open Graph / article:* meta in both
``name=`` and ``property=`` forms, <link rel=canonical>, <time datetime>, itemprop microdata.

``structured_fields(root)`` (root: the page's lxml <html> element) returns {field: value} plus ``_from`` =
{field: "jsonld" | "meta"} saying where each came from. Nothing here knows about a particular site.
"""
from __future__ import annotations

import html
import json
import re
from typing import Any

from scrapers import dom
from scrapers.timeparse import parse_any

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                 "backgroundnewsarticle", "opinionnewsarticle", "webpage"}
_DOMAIN = re.compile(r"[\w.-]+\.(vn|com|net|org)(\.vn)?")
_GENERIC_AUTHORS = {"ban biên tập", "admin", "administrator", "pv", "phóng viên", "bbt", "tòa soạn", "toà soạn"}


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return dom.collapse(html.unescape(html.unescape(value))) or None


def _jsonld_objects(root) -> list[dict]:
    objects: list[dict] = []
    for script in root.iter("script"):
        kind = html.unescape(script.get("type") or "").lower()
        if "ld+json" not in kind:
            continue
        raw = "".join(dom.strings(script))
        try:
            data = json.loads(raw.strip().rstrip(";"))
        except ValueError:
            try:   # common CMS slips: raw newlines inside strings, trailing commas
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", re.sub(r"[\x00-\x1f]", " ", raw)))
            except ValueError:
                continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                objects.append(item)
                stack.extend(g for g in (item.get("@graph") or []) if isinstance(g, dict))
            elif isinstance(item, list):
                stack.extend(item)
    return objects


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _name_of(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name_of(v) for v in value) if n]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        if str(value.get("@type", "")).lower() == "organization":
            return None
        return _clean(value.get("name"))
    return _clean(value)


def plausible_author(value: str | None, site_names: tuple[str, ...] = ()) -> str | None:
    """None for org-like or placeholder bylines (a domain, a URL, "Ban biên tập", the site's own name)."""
    if not value:
        return None
    text = value.strip().strip(",;")
    lowered = text.lower()
    if lowered in _GENERIC_AUTHORS or lowered in {s.lower() for s in site_names}:
        return None
    if lowered.startswith(("báo ", "tạp chí", "thông tấn", "cổng thông tin", "ban biên tập", "trang tin")):
        return None
    if "://" in text or _DOMAIN.fullmatch(lowered):
        return None
    return text or None


def _meta(root) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in root.iter("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if key and content is not None:
            found.setdefault(key.strip().lower(), []).append(content)
    return found


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        for value in meta.get(key, []):
            cleaned = _clean(value)
            if cleaned:
                return cleaned
    return None


def _breadcrumb_section(objects: list[dict], article_url: str | None, headline: str | None) -> str | None:
    for obj in objects:
        if "breadcrumblist" not in _types(obj):
            continue
        items = sorted((i for i in obj.get("itemListElement") or [] if isinstance(i, dict)),
                       key=lambda i: i.get("position") or 0)
        names = []
        for item in items:
            target = item.get("item") if isinstance(item.get("item"), dict) else {}
            name = _clean(item.get("name")) or _clean(target.get("name"))
            url = target.get("@id") or (item.get("item") if isinstance(item.get("item"), str) else None)
            if not name or name.lower() in ("trang chủ", "home") or name == headline or url == article_url:
                continue
            names.append(name)
        if names:
            return names[-1]
    return None


def _canonical_link(root):
    """The first <link> whose rel tokens include "canonical" (exactly, as BeautifulSoup matched it)."""
    return next((link for link in root.iter("link") if "canonical" in (link.get("rel") or "").split()), None)


def structured_fields(root) -> dict:
    objects = _jsonld_objects(root)
    article = next((o for o in objects if _types(o) & ARTICLE_TYPES - {"webpage"}), None)
    article = article or next((o for o in objects if "webpage" in _types(o) and o.get("headline")), None) or {}
    page = _Page(root, article, _meta(root), objects)
    fields: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for name, where, compute in _CANDIDATES:          # the first truthy candidate wins; later ones are not computed
        if name not in fields:
            value = compute(page, fields)
            if value:
                fields[name] = value
                origin[name] = where
    fields["_from"] = origin
    return fields


class _Page:
    __slots__ = ("root", "article", "meta", "objects")

    def __init__(self, root, article: dict, meta: dict, objects: list[dict]) -> None:
        self.root, self.article, self.meta, self.objects = root, article, meta, objects


def _page_id(p: _Page) -> str | None:
    page = p.article.get("mainEntityOfPage")
    return _clean(page.get("@id")) if isinstance(page, dict) else _clean(page)


def _tag_list(p: _Page) -> list[str]:
    return [t.strip() for v in p.meta.get("article:tag", []) for t in html.unescape(v).split(",") if t.strip()]


# (field, origin, compute(page, fields so far)) in order of preference
_CANDIDATES = (
    ("canonical", "meta", lambda p, f: _clean(_canonical_href(p.root))),
    ("canonical", "meta", lambda p, f: _first(p.meta, "og:url")),
    ("canonical", "jsonld", lambda p, f: _clean(p.article.get("url")) or _page_id(p)),
    ("canonical", "meta", lambda p, f: _first(p.meta, "twitter:url", "url", "dc.identifier")),
    ("title", "jsonld", lambda p, f: _clean(p.article.get("headline")) or _clean(p.article.get("name"))),
    ("title", "meta", lambda p, f: _first(p.meta, "og:title", "twitter:title")),
    ("sapo", "jsonld", lambda p, f: _clean(p.article.get("description"))),
    ("sapo", "meta", lambda p, f: _first(p.meta, "og:description", "twitter:description")),
    ("published_at", "jsonld", lambda p, f: parse_any(_clean(p.article.get("datePublished")))),
    ("published_at", "meta", lambda p, f: parse_any(_first(p.meta, "article:published_time", "og:published_time",
                                                            "pubdate", "datepublished", "publishdate",
                                                            "dc.date.issued"))),
    ("updated_at", "jsonld", lambda p, f: parse_any(_clean(p.article.get("dateModified")))),
    ("updated_at", "meta", lambda p, f: parse_any(_first(p.meta, "article:modified_time", "og:updated_time",
                                                          "datemodified"))),
    ("author", "jsonld", lambda p, f: plausible_author(_name_of(p.article.get("author")))),
    ("author", "meta", lambda p, f: plausible_author(_first(p.meta, "article:author", "author", "dc.creator"))),
    ("section", "meta", lambda p, f: _first(p.meta, "article:section")),
    ("section", "jsonld", lambda p, f: _name_of(p.article.get("articleSection"))),
    ("section", "jsonld", lambda p, f: _breadcrumb_section(p.objects, f.get("canonical"), f.get("title"))),
    ("tags", "meta", lambda p, f: _tag_list(p)),
    ("tags", "meta", lambda p, f: [t.strip() for t in (_first(p.meta, "news_keywords") or "").split(",")
                                   if t.strip()]),
    ("body", "jsonld", lambda p, f: _clean_body(p.article.get("articleBody"))),
    ("image", "meta", lambda p, f: _clean(_image_url(p.article.get("image"))) or _first(p.meta, "og:image")),
    ("site_name", "meta", lambda p, f: _first(p.meta, "og:site_name")),
)


def _canonical_href(root) -> str | None:
    link = _canonical_link(root)
    return link.get("href") if link is not None else None


def _image_url(image: Any) -> str | None:
    url = image.get("url") if isinstance(image, dict) else image[0] if isinstance(image, list) and image else image
    return url if isinstance(url, str) else None


def _clean_body(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = html.unescape(value)
    if "<" in text and ">" in text:
        text = page_text(text, "\n")
    return text.strip() or None


def page_text(markup: str, separator: str) -> str:
    """All text of ``markup`` parsed as a page, pieces joined by ``separator`` (BeautifulSoup's get_text)."""
    return separator.join(dom.stored_strings(dom.parse_document(markup)))


_TIME_TAGS = "time[datetime], [itemprop=datePublished]"


def time_datetime(root):
    """The first <time datetime=...> (or itemprop=datePublished) value as a datetime, if any."""
    for tag in dom.css(_TIME_TAGS).all(root):
        value = tag.get("datetime") or tag.get("content")
        parsed = parse_any(value) if value else None
        if parsed:
            return parsed
    return None
