"""The parsers' view of a page: one lxml tree, CSS selectors compiled once to XPath (cssselect), and text read the
way the parsers have always read it (BeautifulSoup's ``get_text``: comments and the contents of script, style,
template and ruby annotations left out, one piece per text node).

Selector semantics follow soupsieve on HTML: a selector run on an element matches its descendants only, a selector
run on the page matches every element, ``[type=...]`` values compare case-insensitively, and a selector that
cannot be compiled never matches.
"""
from __future__ import annotations

import copy
import html
import threading
from functools import lru_cache

from cssselect import HTMLTranslator, SelectorError
from lxml import etree

HIDDEN_TEXT = frozenset({"script", "style", "template", "rt", "rp"})   # strings BeautifulSoup's get_text skips
_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
_PRESERVE = frozenset({"pre", "textarea"})
_UPPER, _LOWER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"
_local = threading.local()
Comment = etree.Comment


class _Translator(HTMLTranslator):
    """HTML translator with soupsieve's rule that ``type`` attribute values match case-insensitively."""

    def xpath_attrib(self, selector):
        if selector.attrib.lower() != "type" or selector.value is None or selector.namespace:
            return super().xpath_attrib(selector)
        method = getattr(self, f"xpath_attrib_{self.attribute_operator_mapping[selector.operator]}")
        return method(self.xpath(selector.selector), f"translate(@type, '{_UPPER}', '{_LOWER}')",
                      selector.value.value.lower())


_TRANSLATOR = _Translator()


class Selector:
    """One CSS selector, compiled once: ``first``/``all`` under an element (descendants) or a page (all elements)."""

    __slots__ = ("css", "_inner", "_page", "_inner_first", "_page_first")

    def __init__(self, css: str) -> None:
        self.css = css
        try:
            inner = _TRANSLATOR.css_to_xpath(css, prefix="descendant::")
            page = _TRANSLATOR.css_to_xpath(css, prefix="descendant-or-self::")
            self._inner, self._page = etree.XPath(inner), etree.XPath(page)
            self._inner_first, self._page_first = etree.XPath(f"({inner})[1]"), etree.XPath(f"({page})[1]")
        except (SelectorError, etree.XPathError):
            self._inner = self._page = self._inner_first = self._page_first = None

    @property
    def valid(self) -> bool:
        return self._inner is not None

    def all(self, node) -> list:
        if self._inner is None or node is None:
            return []
        return (self._page if _is_page(node) else self._inner)(node)

    def first(self, node):
        if self._inner is None or node is None:
            return None
        found = (self._page_first if _is_page(node) else self._inner_first)(node)
        return found[0] if found else None


def _is_page(node) -> bool:
    return node.getparent() is None


@lru_cache(maxsize=4096)
def css(selector: str) -> Selector:
    """The compiled form of ``selector`` (cached: each selector string is translated once per process)."""
    return Selector(selector)


@lru_cache(maxsize=1024)
def selector_group(selectors: tuple[str, ...]) -> tuple[Selector, ...]:
    """Selectors whose matches are all removed: one union query when none depends on siblings or position (so
    removing one match cannot change what another selects), else one query each."""
    if len(selectors) > 1 and not any(c in s for s in selectors for c in ":+~"):
        union = css(", ".join(selectors))
        if union.valid:
            return (union,)
    return tuple(css(s) for s in selectors)


def select(node, selector: str) -> list:
    return css(selector).all(node)


def select_one(node, selector: str):
    return css(selector).first(node)


# ---------------------------------------------------------------------------------------------------------- trees
def _parser() -> etree.HTMLParser:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.HTMLParser(default_doctype=False)
    return parser


def parse_document(text: str):
    """The <html> element of ``text`` parsed as HTML (libxml2, as BeautifulSoup's "lxml" builder); never raises."""
    parser = _parser()
    try:
        parser.feed(text)
        root = parser.close()
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        root = etree.Element("html")
    return root


def body_of(root):
    return root.find("body") if root.tag == "html" else None


def find(node, tag: str):
    """The first descendant element named ``tag`` (BeautifulSoup's ``find``)."""
    return next(node.iterdescendants(tag), None) if node is not None else None


def serialize(root) -> str:
    return etree.tostring(root, encoding="unicode", method="html")


# ---------------------------------------------------------------------------------------------------------- text
def is_element(node) -> bool:
    return isinstance(node.tag, str)


def has_hidden_text(node) -> bool:
    return next(node.iter(*HIDDEN_TEXT), None) is not None


def strings(node) -> list[str]:
    """The text pieces ``get_text`` joins: text nodes in document order, minus comments and hidden-text elements."""
    if node.tag in HIDDEN_TEXT or not has_hidden_text(node):
        return list(node.itertext())
    out: list[str] = []
    _visible(node, out)
    return out


def _visible(node, out: list[str]) -> None:
    if node.text:
        out.append(node.text)
    for child in node:
        if isinstance(child.tag, str) and child.tag not in HIDDEN_TEXT:
            _visible(child, out)
        if child.tail:
            out.append(child.tail)


def get_text(node, separator: str = "", strip: bool = False) -> str:
    pieces = strings(node)
    if strip:
        pieces = [s for s in (p.strip() for p in pieces) if s]
    return separator.join(pieces)


def text_of(node) -> str | None:
    """Whitespace-collapsed, entity-decoded text of an element; None when empty or missing."""
    if node is None:
        return None
    return " ".join(html.unescape(" ".join(strings(node))).split()) or None


def has_text(node) -> bool:
    """``text_of(node) is not None``, without building the text."""
    for piece in strings(node):
        if "&" in piece:
            piece = html.unescape(piece)
        if piece and not piece.isspace():
            return True
    return False


def stored_strings(node) -> list[str]:
    """``strings`` as BeautifulSoup stores them: an all-ASCII-whitespace text node outside <pre>/<textarea> is one
    newline (if it had one) or one space."""
    out: list[str] = []
    _stored(node, out, node.tag in _PRESERVE)
    return out


def _stored(node, out: list[str], preserved: bool) -> None:
    if node.text and node.tag not in HIDDEN_TEXT:
        out.append(stored_piece(node.text, preserved))
    for child in node:
        if isinstance(child.tag, str) and child.tag not in HIDDEN_TEXT:
            _stored(child, out, preserved or child.tag in _PRESERVE)
        if child.tail:
            out.append(stored_piece(child.tail, preserved))


def stored_piece(piece: str, preserved: bool = False) -> str:
    if preserved or piece.strip(_ASCII_SPACES):
        return piece
    return "\n" if "\n" in piece else " "


# ---------------------------------------------------------------------------------------------------------- edits
def remove(node) -> None:
    """Take ``node`` out of the tree; its tail stays a separate text piece (as a decomposed tag leaves it)."""
    parent = node.getparent()
    if parent is None:
        return
    marker = etree.Comment()
    marker.tail = node.tail
    node.tail = None
    parent.replace(node, marker)


def detached(node, root) -> bool:
    """True when ``node`` no longer hangs under ``root`` (an ancestor was removed)."""
    while node is not None:
        if node is root:
            return False
        node = node.getparent()
    return True


def fragment_copy(node):
    """A copy of ``node`` as a re-parse of its markup would give it: no tail, comments gone, adjacent text merged."""
    duplicate = copy.deepcopy(node)
    duplicate.tail = None
    etree.strip_tags(duplicate, etree.Comment)
    return duplicate
