"""Field helpers shared by the parsers: selector lookups, title/author/sapo cleanup, images with captions."""
from __future__ import annotations

import re
from urllib.parse import urljoin

from scrapers import dom
from scrapers.dom import text_of
from scrapers.selectors import Scope, compiled
from scrapers.structured import plausible_author

_GENERIC_SAPO_PREFIX = re.compile(r"^\((?:[^()]{2,30})\)\s*[-–—]\s*")
_CREDIT = re.compile(r"\s*\((?:ttxvn|vna|vietnam\+|nlđo|theo)[^)]*\)\s*$", re.I)
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")
_CAPTION_BOX = ".caption, .PhotoCMS_Caption"
_BYLINE_LEAD = re.compile(r"^(tác giả|bài và ảnh|bài, ảnh|bài|theo|pv|by)\s*[:\-]?\s+", re.I)
_DOMAIN_LIKE_TAIL = re.compile(r"\.(vn|com|net)\b|^báo ")

__all__ = ["all_texts", "clean_author", "first", "first_text", "images_of", "strip_brand", "strip_sapo_prefix",
           "text_of"]


def first(node, selectors):
    """The first match of the first selector whose first match has text (or a datetime attribute)."""
    if node is None:
        return None
    scope = Scope(node)
    for selector in compiled(tuple(selectors)):
        found = scope.first(selector)
        if found is not None and (dom.has_text(found) or found.get("datetime")):
            return found
    return None


def first_text(node, selectors) -> str | None:
    return text_of(first(node, selectors))


def all_texts(node, selectors) -> list[str]:
    if node is None:
        return []
    scope = Scope(node)
    for selector in compiled(tuple(selectors)):
        values = [t for t in (text_of(tag) for tag in scope.all(selector)) if t]
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
        if brand_like or _DOMAIN_LIKE_TAIL.search(tail_l):
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
    text = dom.collapse(value).strip(",;")
    text = _BYLINE_LEAD.sub("", text)
    stripped = _CREDIT.sub("", text).strip()
    if not stripped:
        return text.strip("() ") or None
    if stripped.isupper() and len(stripped) > 3:
        stripped = " ".join(word.capitalize() for word in stripped.split())
    return plausible_author(stripped, brands)


def images_of(container, selectors, base_url: str, lead: str | None = None) -> list[dict]:
    images: list[dict] = []
    if lead:
        images.append({"src": urljoin(base_url, lead), "caption": None})
    if container is None:
        return images
    scope = Scope(container)
    for selector in compiled(tuple(selectors)):
        for block in scope.all(selector):
            _add_image(images, block, base_url)
    return images


def _add_image(images: list[dict], block, base_url: str) -> None:
    img = dom.find(block, "img")
    if img is None:
        return
    src = img.get("data-original") or img.get("data-src") or img.get("src")
    if not src or src.startswith("data:"):
        return
    caption_tag = dom.find(block, "figcaption")
    caption = text_of(caption_tag if caption_tag is not None else dom.css(_CAPTION_BOX).first(block))
    if caption is None:
        bare = (block.text or "") + "".join(child.tail or "" for child in block)
        caption = dom.collapse(bare) or None
    src = urljoin(base_url, src)
    known = next((i for i in images if i["src"].split("?")[0] == src.split("?")[0]), None)
    if known:
        known["caption"] = known["caption"] or caption
    else:
        images.append({"src": src, "caption": caption})
