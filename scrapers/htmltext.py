"""Article body text from an HTML container: paragraphs only, no boxes, captions, ads, share bars or bylines.

Two layers: element rules (drop comments, scripts, figures, captions and any element whose class/id/type names a
related box, sidebar, ad or share bar) and text rules (cut at "Tin liên quan"/"Hồ sơ Startup"-style box headings,
drop photo captions, bracketed related links, sign-offs and trailing right-aligned bylines).
"""
from __future__ import annotations

import re
import unicodedata

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "video", "audio", "svg",
             "button", "form", "input", "select", "figure", "figcaption", "picture", "canvas", "nav", "aside",
             "footer", "header", "map", "ins"}
BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
              "blockquote", "table", "tr", "td", "th", "dl", "dt", "dd", "pre", "center", "hr", "tbody"}
JUNK_NAME = re.compile(
    r"relate|lienquan|lien-quan|tin-khac|tinkhac|sidebar|side-bar|share|social|sharing|comment|banner|advert|"
    r"(^|[-_ ])ads?($|[-_ ])|(^|[-_ ])adv|quangcao|qc-|sas_|sas-|(^|[-_ ])tags?($|[-_ ])|tag-list|"
    r"breadcrumb|newsletter|"
    r"readmore|read-more|see-more|xem-them|most-?read|popular|box-news|author-info|article-meta|byline|"
    r"caption|photo-?cms|article-photo|kbwscwl|notebox-related|rating|vote|zalo|facebook|fb-",
    re.I,
)
JUNK_TYPES = {"relatednewsbox", "relatednews", "relatedonenews", "photo", "videostream", "sortablevideo"}
STOP_HEADINGS = {
    "tin liên quan", "bài liên quan", "tin cùng chuyên mục", "hồ sơ startup", "khởi nghiệp", "đọc tiếp",
    "xem thêm", "tham khảo thêm", "mới nhất", "tin mới", "tin khác", "đọc bài theo từ khoá", "đọc bài theo từ khóa",
    "từ khóa", "từ khoá", "tags", "chia sẻ", "bình luận", "ý kiến bạn đọc", "có thể bạn quan tâm", "đọc nhiều",
    "tin đọc nhiều", "cùng chuyên mục", "bài viết liên quan", "tin nổi bật",
}
_STOP_PREFIX = re.compile(r"^(mới nhất trên|bình luận \(\d+\)|cơ quan chủ quản|© bản quyền|bản quyền thuộc về)", re.I)
_CAPTION = re.compile(r"(\(\s*(ảnh|photo|video|clip)\s*:[^)]*\)\s*\.?$|(^|[-–.]\s*)ảnh\s*:\s*[^.]{2,60}\.?$)", re.I)
_SOURCE_CAPTION = re.compile(r"\(\s*nguồn\s*:[^)]*\)\s*\.?$", re.I)   # only short lines: body text cites sources too
_SIGNOFF = re.compile(
    r"^(\(\s*(theo [^)]{2,40}|ttxvn[^)]{0,24}|vietnam\+|vnplus|vna|nlđo|nld)\s*\)|ttxvn|ttxvn/vietnam\+|vietnam\+)\.?$",
    re.I,
)
_BRACKET_LINK = re.compile(r"^\[[^\]]{3,300}\]$")
_PREFIX_ONLY = re.compile(r"^\s*(\./\.|\.\/\.)\s*$")


def _is_junk(tag: Tag) -> bool:
    if tag.name in DROP_TAGS:
        return True
    attrs = tag.attrs or {}
    if str(attrs.get("type", "")).lower() in JUNK_TYPES:
        return True
    names = " ".join(attrs.get("class") or []) + " " + str(attrs.get("id") or "")
    if names.strip() and JUNK_NAME.search(names):
        return True
    return str(attrs.get("aria-hidden", "")).lower() == "true" or "display:none" in str(attrs.get("style", ""))


def prune(root: Tag, extra_selectors: list[str] = (), keep: Tag | None = None) -> None:
    """Remove comments, junk elements and the given selectors from ``root`` in place (never ``keep`` itself)."""
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for selector in extra_selectors:
        for tag in root.select(selector):
            if tag is not keep:
                tag.decompose()
    for tag in list(root.find_all(True)):
        if tag is keep or tag.decomposed or tag.parent is None:
            continue
        if _is_junk(tag):
            tag.decompose()
    _drop_headed_boxes(root, keep)


def _drop_headed_boxes(root: Tag, keep: Tag | None) -> None:
    """A box introduced by a "Tin liên quan"-style heading: drop the heading's enclosing box when that box is small
    next to the article (so a related box in mid-body goes without cutting the paragraphs after it)."""
    scope = keep or root
    total = len(scope.get_text(" ", strip=True)) or 1
    for heading in list(scope.find_all(["h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "p", "div", "label"])):
        if heading.decomposed or heading.parent is None:
            continue
        if _norm(heading.get_text(" ", strip=True)) not in STOP_HEADINGS:
            continue
        box = heading.parent
        if box is not None and box is not scope and box is not root and box.name not in ("body", "html") \
                and len(box.get_text(" ", strip=True)) < 0.4 * total:
            box.decompose()


def block_paragraphs(root: Tag) -> list[tuple[str, bool]]:
    """(text, right_aligned) per visual paragraph: block boundaries and <br> split, inner whitespace collapsed."""
    out: list[tuple[str, bool]] = []
    buffer: list[str] = []
    align = {"right": False}

    def flush() -> None:
        text = re.sub(r"\s+", " ", "".join(buffer)).strip()
        if text:
            out.append((text, align["right"]))
        buffer.clear()
        align["right"] = False

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                buffer.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            if child.name == "br":
                flush()
                continue
            is_block = child.name in BLOCK_TAGS
            if is_block:
                flush()
            style = str(child.get("style", "")).replace(" ", "").lower()
            classes = {c.lower() for c in child.get("class") or []}
            if "text-align:right" in style or classes & {"text-right", "align-right", "right", "author"}:
                align["right"] = True
            walk(child)
            if is_block:
                flush()

    walk(root)
    flush()
    return out


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().rstrip(":").strip().lower()


def clean_paragraphs(paragraphs: list[tuple[str, bool]], *, title: str | None = None, sapo: str | None = None,
                     author: str | None = None,
                     byline_from_tail: bool = True) -> tuple[list[str], str | None, list[str]]:
    """Apply the text rules; returns (paragraphs, trailing byline or None, captions found as text)."""
    kept: list[tuple[str, bool]] = []
    captions: list[str] = []
    lead_byline = None
    title_n, sapo_n, author_n = _norm(title or ""), _norm(sapo or ""), _norm(author or "") or None
    for text, right in paragraphs:
        if not any(c.isalnum() for c in text):
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
        if (len(text) < 400 and _CAPTION.search(text)) or _is_source_caption(text):
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


_NAME_WITH_CREDIT = re.compile(r"^[^\W\d_][\w .'-]{1,40}\s*\((?:ttxvn|vna|vietnam\+|nlđo)[^)]*\)\.?$", re.I)


def _is_source_caption(text: str) -> bool:
    """"Ảnh minh họa. (Nguồn: Vietnam+)" is a caption; a sentence citing "(Nguồn: Bộ Công Thương)" is text."""
    match = _SOURCE_CAPTION.search(text)
    if not match or len(text) >= 160:
        return False
    prefix = text[:match.start()]
    return len(prefix) < 50 or bool(re.search(r"ảnh|minh họa|minh hoạ|đồ họa|biểu đồ|infographic", prefix, re.I))


def _looks_like_name(text: str) -> bool:
    words = [w for w in re.split(r"[\s,\-–]+", re.sub(r"\([^)]*\)", " ", text).strip()) if w]
    if not 1 <= len(words) <= 7 or len(text) > 70 or text.endswith(("?", "!", ":")) or any(c.isdigit() for c in text):
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.7 * len(words)


def body_from(container: Tag, *, remove: list[str] = (), title: str | None = None, sapo: str | None = None,
              author: str | None = None, byline_from_tail: bool = True) -> tuple[str | None, str | None, list[str]]:
    """(body text with paragraphs joined by blank lines, trailing byline, caption texts) of a container."""
    fragment = BeautifulSoup(str(container), "lxml")
    root = fragment.body or fragment
    top = next((c for c in root.children if isinstance(c, Tag)), None)
    prune(root, list(remove), keep=top)
    paragraphs, byline, captions = clean_paragraphs(block_paragraphs(root), title=title, sapo=sapo, author=author,
                                                    byline_from_tail=byline_from_tail)
    return ("\n\n".join(paragraphs) or None), byline, captions


def bold_lead(container: Tag | None) -> str | None:
    """The lead many Vietnamese pages print as a bold first paragraph of the body (no separate sapo element)."""
    if container is None:
        return None
    for paragraph in container.find_all("p")[:6]:
        text = re.sub(r"\s+", " ", paragraph.get_text(" ")).strip()
        if len(text) < 60:
            continue                                  # a byline, "Chia sẻ", an empty spacer
        bold = " ".join(b.get_text(" ") for b in paragraph.find_all(["strong", "b"]))
        bold = re.sub(r"\s+", " ", bold).strip()
        return text if bold == text and not text.endswith(":") else None
    return None
