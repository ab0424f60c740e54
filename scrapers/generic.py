"""Body text for pages of unknown layout: semantic containers first, then the densest paragraph block, then
trafilatura. Junk (boxes, captions, share bars, header/footer/nav/aside) is pruned before any of them."""
from __future__ import annotations

import copy
import re

import trafilatura
from bs4 import BeautifulSoup, NavigableString, Tag

from scrapers.htmltext import block_paragraphs, body_from, clean_paragraphs, prune

SEMANTIC = (
    "[itemprop=articleBody]", "[data-field=body]", "[data-role=content]", "div.article__body", "div.article-body",
    "div.article-content", "div.detail-content", "div.content-detail", "div.entry-content", "div.post-content",
    "div.cms-body", "#article-body", "#content-detail", "div.fck_detail", "div.news-content",
)
MIN_PARAGRAPH = 40


def generic_body(soup: BeautifulSoup, *, title=None, sapo=None, author=None):
    """(body, byline, captions, how, container) where ``how`` names the method that produced the body."""
    page = copy.copy(soup)
    root = page.body or page
    prune(root)
    for selector in SEMANTIC:
        container = root.select_one(selector)
        if container is not None and _text_length(container) >= 80:
            body, byline, captions = body_from(container, title=title, sapo=sapo, author=author)
            if body:
                return body, byline, captions, f"container:{selector}", container
    densest = _densest_block(root)
    if densest is not None:
        body, byline, captions = body_from(densest, title=title, sapo=sapo, author=author)
        if body:
            return body, byline, captions, "densest-block", densest
    return (*_trafilatura(str(soup), title, sapo, author), "trafilatura", None)


def _text_length(tag: Tag) -> int:
    return len(re.sub(r"\s+", " ", tag.get_text(" ")).strip())


def _own_text(tag: Tag) -> int:
    return len("".join(str(c) for c in tag.children if isinstance(c, NavigableString)).strip()) + sum(
        len(c.get_text()) for c in tag.children if isinstance(c, Tag) and c.name in ("a", "b", "strong", "em", "i",
                                                                                      "span"))


def _densest_block(root: Tag) -> Tag | None:
    scores: dict[int, tuple[int, Tag]] = {}
    for block in root.find_all(["p", "div", "blockquote"]):
        length = _own_text(block)
        if length < MIN_PARAGRAPH or block.parent is None:
            continue
        parent = block.parent
        total, _ = scores.get(id(parent), (0, parent))
        scores[id(parent)] = (total + length, parent)
    if not scores:
        return None
    total, best = max(scores.values(), key=lambda item: item[0])
    return best if total >= 2 * MIN_PARAGRAPH else None


def _trafilatura(html: str, title, sapo, author):
    text = trafilatura.extract(html, include_comments=False, include_tables=False, include_images=False,
                               favor_precision=True, deduplicate=True) or ""
    lines = [(line.strip(), False) for line in text.split("\n") if line.strip()]
    paragraphs, byline, captions = clean_paragraphs(lines, title=title, sapo=sapo, author=author,
                                                    byline_from_tail=False)
    return ("\n\n".join(paragraphs) or None), byline, captions


__all__ = ["generic_body", "block_paragraphs"]
