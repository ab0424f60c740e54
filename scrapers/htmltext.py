"""Article body text from an HTML container: paragraphs only, no boxes, captions, ads, share bars or bylines.

Two layers: element rules (scrapers.boxes: drop scripts, figures, captions and any element whose class/id/type
names a related box, sidebar, ad or share bar) and text rules (cut at "Tin liên quan"/"Hồ sơ Startup"-style box
headings, drop photo captions, bracketed related links, sign-offs and trailing right-aligned bylines).
"""
from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from scrapers import dom
from scrapers.boxes import STOP_HEADINGS, beyond_junk, is_junk, may_hold_stop_heading, prune
from scrapers.boxes import norm as _norm
from scrapers.selectors import Scope, group_matches, share_index

BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
              "blockquote", "table", "tr", "td", "th", "dl", "dt", "dd", "pre", "center", "hr", "tbody"}
_STOP_PREFIX = re.compile(r"^(mới nhất trên|bình luận \(\d+\)|cơ quan chủ quản|© bản quyền|bản quyền thuộc về)", re.I)
_CAPTION = re.compile(r"(\(\s*(ảnh|photo|video|clip)\s*:[^)]*\)\s*\.?$|(^|[-–.]\s*)ảnh\s*:\s*[^.]{2,60}\.?$)", re.I)
_SOURCE_CAPTION = re.compile(r"\(\s*nguồn\s*:[^)]*\)\s*\.?$", re.I)   # only short lines: body text cites sources too
_SIGNOFF = re.compile(
    r"^(\(\s*(theo [^)]{2,40}|ttxvn[^)]{0,24}|vietnam\+|vnplus|vna|nlđo|nld)\s*\)|ttxvn|ttxvn/vietnam\+|vietnam\+)\.?$",
    re.I,
)
_ALNUM = re.compile(r"[^\W_]")                  # str.isalnum: word characters but "_"
_BRACKET_LINK = re.compile(r"^\[[^\]]{3,300}\]$")
_PREFIX_ONLY = re.compile(r"^\s*(\./\.|\.\/\.)\s*$")


def block_paragraphs(root, skip=None, wrapped: bool = False) -> list[tuple[str, bool]]:
    """(text, right_aligned) per visual paragraph: block boundaries and <br> split, inner whitespace collapsed.

    ``skip(element)`` true: the element reads as removed (its tail stays). ``wrapped``: read ``root`` as the only
    child of a bare root (how a container sits in its re-parsed markup), its own tail left out."""
    out: list[tuple[str, bool]] = []
    buffer: list[str] = []
    align = [False]

    def flush() -> None:
        if buffer:
            text = dom.collapse("".join(buffer))
            if text:
                out.append((text, align[0]))
            buffer.clear()
        align[0] = False

    def element(child, name: str) -> None:
        if name == "br":
            flush()
            return
        block = name in BLOCK_TAGS
        if block:
            flush()
        style, classes = child.get("style"), child.get("class")
        if (style or classes) and _right_aligned(style, classes):
            align[0] = True
        walk(child)
        if block:
            flush()

    def walk(node) -> None:
        if node.text:
            buffer.append(node.text)
        for child in node:
            name = child.tag
            if name.__class__ is str and (skip is None or not skip(child)):
                element(child, name)
            if child.tail:
                buffer.append(child.tail)

    if wrapped:
        element(root, root.tag)
    else:
        walk(root)
    flush()
    return out


_RIGHT_CLASSES = {"text-right", "align-right", "right", "author"}


def _right_aligned(style: str | None, classes: str | None) -> bool:
    if style and "text-align:right" in style.replace(" ", "").lower():
        return True
    return bool(classes) and _right_class(classes)


@lru_cache(maxsize=4096)
def _right_class(classes: str) -> bool:
    """One of the class names says right-aligned (cached: templates repeat their class attributes)."""
    return not _RIGHT_CLASSES.isdisjoint(c.lower() for c in classes.split())


def clean_paragraphs(paragraphs: list[tuple[str, bool]], *, title: str | None = None, sapo: str | None = None,
                     author: str | None = None,
                     byline_from_tail: bool = True) -> tuple[list[str], str | None, list[str]]:
    """Apply the text rules; returns (paragraphs, trailing byline or None, captions found as text)."""
    kept: list[tuple[str, bool]] = []
    captions: list[str] = []
    lead_byline = None
    title_n, sapo_n, author_n = _norm(title or ""), _norm(sapo or ""), _norm(author or "") or None
    for text, right in paragraphs:
        if not _ALNUM.search(text):
            continue
        norm = _norm(text)
        if norm in STOP_HEADINGS or _STOP_PREFIX.match(norm):
            if kept and len(kept) <= 2 and all(_looks_like_name(t) for t, _ in kept):
                lead_byline = kept[0][0]          # "Nguyễn Tuyến / Chia sẻ" above the text: a byline, not a box
                kept.clear()
                continue
            if kept:
                break
            continue
        if norm in (title_n, sapo_n, author_n) or _BRACKET_LINK.match(text) or _PREFIX_ONLY.match(text):
            continue
        if ":" in text and ((len(text) < 400 and _CAPTION.search(text)) or _is_source_caption(text)):
            captions.append(text)
            continue
        kept.append((text, right))
    byline = None
    while kept and _SIGNOFF.match(kept[-1][0]):
        kept.pop()
    if kept and (kept[-1][1] or _NAME_WITH_CREDIT.match(kept[-1][0])) and _looks_like_name(kept[-1][0]) and (
            byline_from_tail or _NAME_WITH_CREDIT.match(kept[-1][0])):
        byline = kept.pop()[0]
        while kept and _SIGNOFF.match(kept[-1][0]):
            kept.pop()
    return [text for text, _ in kept], byline or lead_byline, captions


_PICTURE_WORDS = re.compile(r"ảnh|minh họa|minh hoạ|đồ họa|biểu đồ|infographic", re.I)
_PARENTHESES = re.compile(r"\([^)]*\)")
_NAME_SEPARATORS = re.compile(r"[\s,\-–]+")
_NAME_WITH_CREDIT = re.compile(r"^[^\W\d_][\w .'-]{1,40}\s*\((?:ttxvn|vna|vietnam\+|nlđo)[^)]*\)\.?$", re.I)


def _is_source_caption(text: str) -> bool:
    """"Ảnh minh họa. (Nguồn: Vietnam+)" is a caption; a sentence citing "(Nguồn: Bộ Công Thương)" is text."""
    match = _SOURCE_CAPTION.search(text) if len(text) < 160 else None
    if not match:
        return False
    prefix = text[:match.start()]
    return len(prefix) < 50 or bool(_PICTURE_WORDS.search(prefix))


def _looks_like_name(text: str) -> bool:
    words = [w for w in _NAME_SEPARATORS.split(_PARENTHESES.sub(" ", text).strip()) if w]
    if not 1 <= len(words) <= 7 or len(text) > 70 or text.endswith(("?", "!", ":")) or any(c.isdigit() for c in text):
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.7 * len(words)


def body_from(container, *, remove: list[str] = (), title: str | None = None, sapo: str | None = None,
              author: str | None = None, byline_from_tail: bool = True) -> tuple[str | None, str | None, list[str]]:
    """(body text with paragraphs joined by blank lines, trailing byline, caption texts) of a container.

    Reads the container as a re-parse of its markup would be: <html><body>container</body></html> (a <body>
    container is its own root, with its first child element kept), junk and ``remove`` matches left out."""
    paragraphs = _paragraphs_in_place(container, remove)
    if paragraphs is None:
        root, top = _fragment(container)
        prune(root, list(remove), keep=top)
        paragraphs = block_paragraphs(root)
    paragraphs, byline, captions = clean_paragraphs(paragraphs, title=title, sapo=sapo, author=author,
                                                    byline_from_tail=byline_from_tail)
    return ("\n\n".join(paragraphs) or None), byline, captions


def _paragraphs_in_place(container, remove) -> list[tuple[str, bool]] | None:
    """The paragraphs of the pruned container read without copying it, skipping removed elements, when pruning
    would remove nothing else: no text that could be a "Tin liên quan"-style box heading, no ruby annotations.
    None: prune a copy instead."""
    if container.tag in ("html", "body") or container.tag in dom.HIDDEN_TEXT:
        return None
    matches = group_matches(Scope(container), beyond_junk(tuple(remove)))  # junk is skipped anyway
    if matches is None:
        return None
    removed = set(matches)
    ruby = []

    def skip(tag) -> bool:
        if tag in removed or is_junk(tag):
            return True
        if tag.tag in ("rt", "rp"):
            ruby.append(tag)
        return False

    paragraphs = block_paragraphs(container, skip, wrapped=True)
    if ruby or may_hold_stop_heading("".join(text for text, _ in paragraphs), collapsed=True):
        return None
    return paragraphs


def _fragment(container):
    copy = dom.fragment_copy(container)
    if copy.tag == "html":
        root = copy.find("body")
        if root is None:
            return copy, None
    elif copy.tag == "body":
        etree.Element("html").append(copy)
        root = copy
    else:
        root = etree.SubElement(etree.Element("html"), "body")
        root.append(copy)
    share_index(root.getroottree().getroot(), container)
    top = next((child for child in root if isinstance(child.tag, str)), None)
    return root, top


def bold_lead(container) -> str | None:
    """The lead many Vietnamese pages print as a bold first paragraph of the body (no separate sapo element)."""
    if container is None:
        return None
    for paragraph in list(container.iterdescendants("p"))[:6]:
        text = dom.collapse(dom.get_text(paragraph, " "))
        if len(text) < 60:
            continue                                  # a byline, "Chia sẻ", an empty spacer
        bold = " ".join(dom.get_text(b, " ") for b in paragraph.iterdescendants("strong", "b"))
        bold = dom.collapse(bold)
        return text if bold == text and not text.endswith(":") else None
    return None
