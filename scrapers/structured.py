"""Structured data of a page: JSON-LD (values may be HTML-entity encoded), Open Graph / article:* meta in both
``name=`` and ``property=`` forms, <link rel=canonical>, <time datetime>, itemprop microdata.

``structured_fields(soup)`` returns {field: value} plus ``_from`` = {field: "jsonld" | "meta"} saying where each came
from. Nothing here knows about a particular site.
"""
from __future__ import annotations

import html
import json
import re
from typing import Any

from bs4 import BeautifulSoup

from scrapers.timeparse import parse_any

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                 "backgroundnewsarticle", "opinionnewsarticle", "webpage"}
_GENERIC_AUTHORS = {"ban biên tập", "admin", "administrator", "pv", "phóng viên", "bbt", "tòa soạn", "toà soạn"}


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", html.unescape(html.unescape(value))).strip()
    return text or None


def _jsonld_objects(soup: BeautifulSoup) -> list[dict]:
    objects: list[dict] = []
    for script in soup.find_all("script"):
        kind = html.unescape(script.get("type") or "").lower()
        if "ld+json" not in kind:
            continue
        raw = script.string or script.get_text() or ""
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
    if "://" in text or re.fullmatch(r"[\w.-]+\.(vn|com|net|org)(\.vn)?", lowered):
        return None
    return text or None


def _meta(soup: BeautifulSoup) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
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


def structured_fields(soup: BeautifulSoup) -> dict:
    objects = _jsonld_objects(soup)
    article = next((o for o in objects if _types(o) & ARTICLE_TYPES - {"webpage"}), None)
    article = article or next((o for o in objects if "webpage" in _types(o) and o.get("headline")), None) or {}
    meta = _meta(soup)
    fields: dict[str, Any] = {}
    origin: dict[str, str] = {}

    def put(name: str, value: Any, where: str) -> None:
        if value and name not in fields:
            fields[name] = value
            origin[name] = where

    canonical = soup.find("link", rel=lambda v: v and "canonical" in (v if isinstance(v, list) else [v]))
    put("canonical", _clean(canonical.get("href")) if canonical else None, "meta")
    put("canonical", _first(meta, "og:url"), "meta")
    page = article.get("mainEntityOfPage")
    put("canonical", _clean(article.get("url")) or (_clean(page.get("@id")) if isinstance(page, dict) else
                                                   _clean(page)), "jsonld")
    put("canonical", _first(meta, "twitter:url", "url", "dc.identifier"), "meta")

    put("title", _clean(article.get("headline")) or _clean(article.get("name")), "jsonld")
    put("title", _first(meta, "og:title", "twitter:title"), "meta")
    put("sapo", _clean(article.get("description")), "jsonld")
    put("sapo", _first(meta, "og:description", "twitter:description"), "meta")
    put("published_at", parse_any(_clean(article.get("datePublished"))), "jsonld")
    put("published_at", parse_any(_first(meta, "article:published_time", "og:published_time", "pubdate",
                                         "datepublished", "publishdate", "dc.date.issued")), "meta")
    put("updated_at", parse_any(_clean(article.get("dateModified"))), "jsonld")
    put("updated_at", parse_any(_first(meta, "article:modified_time", "og:updated_time", "datemodified")), "meta")
    put("author", plausible_author(_name_of(article.get("author"))), "jsonld")
    put("author", plausible_author(_first(meta, "article:author", "author", "dc.creator")), "meta")
    put("section", _first(meta, "article:section"), "meta")
    put("section", _name_of(article.get("articleSection")), "jsonld")
    put("section", _breadcrumb_section(objects, fields.get("canonical"), fields.get("title")), "jsonld")
    tags = [t.strip() for v in meta.get("article:tag", []) for t in html.unescape(v).split(",") if t.strip()]
    put("tags", tags, "meta")
    put("tags", [t.strip() for t in (_first(meta, "news_keywords") or "").split(",") if t.strip()], "meta")
    put("body", _clean_body(article.get("articleBody")), "jsonld")
    image = article.get("image")
    image_url = image.get("url") if isinstance(image, dict) else image[0] if isinstance(image, list) and image \
        else image
    put("image", _clean(image_url if isinstance(image_url, str) else None) or _first(meta, "og:image"), "meta")
    put("site_name", _first(meta, "og:site_name"), "meta")
    fields["_from"] = origin
    return fields


def _clean_body(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = html.unescape(value)
    if "<" in text and ">" in text:
        text = BeautifulSoup(text, "lxml").get_text("\n")
    return text.strip() or None


def time_datetime(soup: BeautifulSoup):
    """The first <time datetime=...> (or itemprop=datePublished) value as a datetime, if any."""
    for tag in soup.select("time[datetime], [itemprop=datePublished]"):
        value = tag.get("datetime") or tag.get("content")
        parsed = parse_any(value) if value else None
        if parsed:
            return parsed
    return None
