"""Body text for pages of unknown layout: semantic containers first, then the densest paragraph block, then
trafilatura. Junk (boxes, captions, share bars, header/footer/nav/aside) is pruned before any of them."""
from __future__ import annotations

import copy

import trafilatura

from scrapers import dom
from scrapers.boxes import prune
from scrapers.htmltext import block_paragraphs, body_from, clean_paragraphs
from scrapers.selectors import Scope, compiled, share_index

SEMANTIC = (
    "[itemprop=articleBody]", "[data-field=body]", "[data-role=content]", "div.article__body", "div.article-body",
    "div.article-content", "div.detail-content", "div.content-detail", "div.entry-content", "div.post-content",
    "div.cms-body", "#article-body", "#content-detail", "div.fck_detail", "div.news-content",
)
MIN_PARAGRAPH = 40
_INLINE = frozenset({"a", "b", "strong", "em", "i", "span"})


def generic_body(page_root, *, title=None, sapo=None, author=None):
    """(body, byline, captions, how, container) where ``how`` names the method that produced the body.
    ``page_root`` is the page's <html> element; it is pruned on a copy, never in place."""
    page = copy.deepcopy(page_root)
    share_index(page, page_root)
    root = dom.body_of(page)
    if root is None:
        root = page
    prune(root)
    scope = Scope(root)
    for selector, compiled_selector in zip(SEMANTIC, compiled(SEMANTIC), strict=True):
        container = scope.first(compiled_selector)
        if container is not None and _text_length(container) >= 80:
            body, byline, captions = body_from(container, title=title, sapo=sapo, author=author)
            if body:
                return body, byline, captions, f"container:{selector}", container
    densest = _densest_block(root)
    if densest is not None:
        body, byline, captions = body_from(densest, title=title, sapo=sapo, author=author)
        if body:
            return body, byline, captions, "densest-block", densest
    return (*_trafilatura(dom.serialize(page_root), title, sapo, author), "trafilatura", None)


def _text_length(tag) -> int:
    return len(dom.collapse(dom.get_text(tag, " ")))


def _own_text(tag) -> int:
    """Characters of a block's own text: its direct text nodes plus the text of its inline children."""
    own = [dom.stored_piece(tag.text)] if tag.text else []
    inline = 0
    for child in tag:
        if isinstance(child.tag, str) and child.tag in _INLINE:
            inline += len("".join(dom.stored_strings(child)))
        if child.tail:
            own.append(dom.stored_piece(child.tail))
    return len("".join(own).strip()) + inline


def _densest_block(root):
    scores: dict[int, tuple[int, object]] = {}
    for block in root.iterdescendants("p", "div", "blockquote"):
        length = _own_text(block)
        if length < MIN_PARAGRAPH or block.getparent() is None:
            continue
        parent = block.getparent()
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
