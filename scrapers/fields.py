"""Field helpers shared by the parsers: selector lookups, title/author/sapo cleanup, images with captions."""
from __future__ import annotations

import html
import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from scrapers.structured import plausible_author

_GENERIC_SAPO_PREFIX = re.compile(r"^\((?:[^()]{2,30})\)\s*[-–—]\s*")
_CREDIT = re.compile(r"\s*\((?:ttxvn|vna|vietnam\+|nlđo|theo)[^)]*\)\s*$", re.I)
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")


def text_of(tag: Tag | None) -> str | None:
    if tag is None:
        return None
    for comment in tag.find_all(string=lambda s: s.__class__.__name__ == "Comment"):
        comment.extract()
    text = re.sub(r"\s+", " ", html.unescape(tag.get_text(" "))).strip()
    return text or None


def first(soup: BeautifulSoup | Tag, selectors) -> Tag | None:
    for selector in selectors:
        try:
            found = soup.select_one(selector)
        except ValueError:
            continue
        if found is not None and (text_of(found) or found.get("datetime")):
            return found
    return None


def first_text(soup, selectors) -> str | None:
    return text_of(first(soup, selectors))


def all_texts(soup, selectors) -> list[str]:
    for selector in selectors:
        values = [t for t in (text_of(tag) for tag in soup.select(selector)) if t]
        if values:
            return list(dict.fromkeys(values))
    return []


def strip_brand(title: str | None, brands: tuple[str, ...] = ()) -> str | None:
    """Drop a trailing " - VnEconomy" / " | Vietnam+ (VietnamPlus)" style site suffix."""
    if not title:
        return title
    lowered_brands = [b.lower() for b in brands if b]
    for sep in _SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if not found or not head.strip():
            continue
        tail_l = tail.strip().lower()
        brand_like = any(b in tail_l or (len(tail_l) >= 4 and tail_l in b) for b in lowered_brands)
        if brand_like or re.search(r"\.(vn|com|net)\b|^báo ", tail_l):
            return head.strip()
    return title


def strip_sapo_prefix(sapo: str | None, prefixes: tuple[str, ...] = ()) -> str | None:
    if not sapo:
        return sapo
    for prefix in prefixes:
        sapo = re.sub(prefix, "", sapo, count=1)
    return _GENERIC_SAPO_PREFIX.sub("", sapo, count=1).strip() or None


def clean_author(value: str | None, brands: tuple[str, ...] = ()) -> str | None:
    """"MINH NGUYỆT (TTXVN/VIETNAM+)" -> "Minh Nguyệt"; "(TTXVN/Vietnam+)" -> "TTXVN/Vietnam+"; org names -> None."""
    if not value:
        return None
    text = re.sub(r"\s+", " ", value).strip().strip(",;")
    text = re.sub(r"^(tác giả|bài và ảnh|bài, ảnh|bài|theo|pv|by)\s*[:\-]?\s+", "", text, flags=re.I)
    stripped = _CREDIT.sub("", text).strip()
    if not stripped:
        return text.strip("() ") or None
    if stripped.isupper() and len(stripped) > 3:
        stripped = " ".join(word.capitalize() for word in stripped.split())
    return plausible_author(stripped, brands)


def images_of(container: Tag | None, selectors, base_url: str, lead: str | None = None) -> list[dict]:
    images: list[dict] = []
    if lead:
        images.append({"src": urljoin(base_url, lead), "caption": None})
    if container is None:
        return images
    for selector in selectors:
        for block in container.select(selector):
            img = block.find("img")
            if img is None:
                continue
            src = img.get("data-original") or img.get("data-src") or img.get("src")
            if not src or src.startswith("data:"):
                continue
            caption_tag = block.find("figcaption") or block.select_one(".caption, .PhotoCMS_Caption")
            caption = text_of(caption_tag)
            if caption is None:
                bare = "".join(t for t in block.find_all(string=True, recursive=False)).strip()
                caption = re.sub(r"\s+", " ", bare) or None
            src = urljoin(base_url, src)
            known = next((i for i in images if i["src"].split("?")[0] == src.split("?")[0]), None)
            if known:
                known["caption"] = known["caption"] or caption
            else:
                images.append({"src": src, "caption": caption})
    return images
