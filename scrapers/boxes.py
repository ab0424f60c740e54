"""Element rules of the body extractor: drop junk elements (scripts, figures, captions, anything whose class/id/type
names a related box, sidebar, ad or share bar), a template's extra selectors, and small boxes introduced by a
"Tin liên quan"-style heading. Removal leaves the text around an element as separate pieces (``dom.remove``)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from cssselect import SelectorError, parse

from scrapers import dom
from scrapers.selectors import Scope, group_matches, union_safe

DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "video", "audio", "svg",
             "button", "form", "input", "select", "figure", "figcaption", "picture", "canvas", "nav", "aside",
             "footer", "header", "map", "ins"}
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
HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "p", "div", "label"})


def norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().rstrip(":").strip().lower()


def is_junk(tag) -> bool:
    if tag.tag in DROP_TAGS:
        return True
    attrs = tag.attrib
    if not attrs:
        return False
    if attrs.get("type", "").lower() in JUNK_TYPES:
        return True
    if _junk_names(attrs.get("class", ""), attrs.get("id", "")):
        return True
    return attrs.get("aria-hidden", "").lower() == "true" or "display:none" in attrs.get("style", "")


@lru_cache(maxsize=8192)
def _junk_names(classes: str, ident: str) -> bool:
    """JUNK_NAME on an element's class names and id (cached: a site's templates repeat them on every page)."""
    return _junk_name(" ".join(classes.split()) + " " + ident)


def _junk_name(names: str) -> bool:
    return bool(names.strip() and JUNK_NAME.search(names))


@lru_cache(maxsize=1024)
def beyond_junk(selectors: tuple[str, ...]) -> tuple[str, ...]:
    """The selectors of a union-safe group that can match an element ``is_junk`` does not already drop: the others
    add nothing when every match and every junk element goes. A group that is not union-safe stays whole (it runs
    selector by selector, in order)."""
    if not union_safe(selectors):
        return selectors
    return tuple(s for s in selectors if not _matches_only_junk(s))


def _matches_only_junk(selector: str) -> bool:
    """Every element ``selector`` matches is junk: in each alternative, the subject (the compound right of any
    combinator) requires a DROP_TAGS tag, a JUNK_TYPES type, or a class or id that JUNK_NAME finds on its own."""
    try:
        alternatives = parse(selector)
    except SelectorError:
        return False
    return all(_subject_is_junk(alternative.parsed_tree) for alternative in alternatives)


def _subject_is_junk(tree) -> bool:
    while type(tree).__name__ == "CombinedSelector":
        tree = tree.subselector
    while tree is not None:                           # the compound's conditions (not those inside :not(), :has())
        kind = type(tree).__name__
        if kind == "Element":
            return (tree.element or "").lower() in DROP_TAGS
        if kind == "Class" and not any(c.isspace() for c in tree.class_name) and _junk_name(tree.class_name):
            return True
        if kind == "Hash" and _junk_name(tree.id):
            return True
        if (kind == "Attrib" and not tree.namespace and tree.attrib.lower() == "type" and tree.operator == "="
                and tree.value is not None and tree.value.value.lower() in JUNK_TYPES):
            return True
        tree = getattr(tree, "selector", None)
    return False


def prune(root, extra_selectors: tuple[str, ...] | list[str] = (), keep=None) -> None:
    """Remove junk elements and the given selectors from ``root`` in place (never ``keep`` itself)."""
    matches = group_matches(Scope(root), beyond_junk(tuple(extra_selectors)))
    groups = [matches] if matches is not None else (s.all(root) for s in dom.selector_group(tuple(extra_selectors)))
    for found in groups:                              # one after another when a selector depends on position
        for tag in found:
            if tag is not keep:
                dom.remove(tag)
    if root.getparent() is None and root is not keep and is_junk(root):
        root.clear()                                  # a junk-named page root: the whole page goes
        return
    _drop_junk(root, keep)
    _drop_headed_boxes(root, keep)


def _drop_junk(node, keep) -> None:
    """Remove the outermost junk elements under ``node`` (what is inside them goes with them, unexamined)."""
    for child in list(node):
        if child.tag.__class__ is not str:
            continue
        if child is not keep and is_junk(child):
            dom.remove(child)
        else:
            _drop_junk(child, keep)


def _drop_headed_boxes(root, keep) -> None:
    """A box introduced by a "Tin liên quan"-style heading: drop the heading's enclosing box when that box is small
    next to the article (so a related box in mid-body goes without cutting the paragraphs after it)."""
    scope = keep if keep is not None else root
    total = None
    sizes: dict = {}                                  # text length per box, until a removal changes the tree
    for heading in _heading_candidates(scope):
        if dom.detached(heading, scope) or norm(dom.get_text(heading, " ", strip=True)) not in STOP_HEADINGS:
            continue
        total = total or len(dom.get_text(scope, " ", strip=True)) or 1
        box = heading.getparent()
        if box is None or box is scope or box is root or box.tag in ("body", "html"):
            continue
        if box not in sizes:
            sizes[box] = len(dom.get_text(box, " ", strip=True))
        if sizes[box] < 0.4 * total:
            dom.remove(box)
            sizes.clear()


# Pre-filters, so most elements are never compared with the headings. For an element whose text reads as heading S,
# its text lower-cased without whitespace is S without whitespace plus trailing colons, so
# 1. S without whitespace shows up in the scope's text lower-cased without whitespace, and
# 2. the element has few visible characters: norm() keeps every one but whitespace and colons, NFC folds at most
#    4 code points into one and lower() never shortens, so more than 4 x the longest heading cannot match.
def _flat(text: str, collapsed: bool = False) -> str:
    """``text`` NFC, lower-cased, without whitespace. ``collapsed``: its only whitespace is single ASCII spaces
    (``dom.collapse`` output), so dropping the spaces is enough."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if collapsed:
        return text.lower().replace(" ", "")
    return "".join(text.lower().split())


_FLAT_HEADINGS = frozenset(_flat(h) for h in STOP_HEADINGS)
# the headings to look for in a text: one that contains another heading is found whenever the shorter one is
_FLAT_NEEDLES = tuple(sorted(h for h in _FLAT_HEADINGS if not any(o != h and o in h for o in _FLAT_HEADINGS)))
_LIMIT = 4 * max(len(h) for h in STOP_HEADINGS)


def may_hold_stop_heading(text: str, collapsed: bool = False) -> bool:
    """False when no element whose text is (part of) ``text`` can read as a stop heading. ``collapsed``: as in
    ``_flat``."""
    flat = _flat(text, collapsed)
    for heading in _FLAT_NEEDLES:
        if heading in flat:
            return True
    return False


def _heading_candidates(scope) -> list:
    """Heading-tag descendants of ``scope`` in document order that could read as a stop heading."""
    if dom.has_hidden_text(scope):                    # text the matcher skips: no shortcuts
        return [el for el in scope.iterdescendants() if el.tag in HEADING_TAGS]
    if not may_hold_stop_heading("".join(scope.itertext())):
        return []
    found: list = []
    for child in scope:
        if child.tag.__class__ is str:
            _short(child, found)
    return [el for el in found if el is not None]


def _short(node, found: list) -> str | None:
    """The text under ``node`` if it has few visible characters (else None); appends heading-tag elements whose
    text could read as a stop heading, in document order."""
    heading = node.tag in HEADING_TAGS
    if heading:
        slot = len(found)
        found.append(None)
    parts = [node.text] if node.text else []
    short = True
    for child in node:
        if child.tag.__class__ is str:
            text = _short(child, found)
            if text is None:
                short = False
            elif short:
                parts.append(text)
        if child.tail and short:
            parts.append(child.tail)
    if not short:
        return None
    text = "".join(parts)
    if len(text) > _LIMIT and len("".join(text.split())) - text.count(":") > _LIMIT:
        return None
    if heading and _flat(text).rstrip(":") in _FLAT_HEADINGS:
        found[slot] = node
    return text
