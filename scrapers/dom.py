"""The parsers' view of a page: one lxml tree, CSS selectors compiled once to XPath (scrapers.selectors), and text
read the way the parsers have always read it (BeautifulSoup's ``get_text``: comments and the contents of script,
style, template and ruby annotations left out, one piece per text node)."""
from __future__ import annotations

import copy
import html
import threading

from lxml import etree

from scrapers.selectors import css, selector_group

__all__ = ["css", "selector_group", "select", "select_one", "parse_document", "text_of", "has_text", "strings",
           "get_text", "stored_strings", "collapse", "remove", "detached", "fragment_copy", "find", "serialize",
           "body_of"]

HIDDEN_TEXT = frozenset({"script", "style", "template", "rt", "rp"})   # strings BeautifulSoup's get_text skips
_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
_PRESERVE = frozenset({"pre", "textarea"})
_local = threading.local()


def select(node, selector: str) -> list:
    return css(selector).all(node)


def select_one(node, selector: str):
    return css(selector).first(node)


# ---------------------------------------------------------------------------------------------------------- trees
def _parser() -> etree.HTMLParser:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.HTMLParser(default_doctype=False, collect_ids=False)  # no XPath id() here
    return parser


def parse_document(text: str):
    """The <html> element of ``text`` parsed as HTML (libxml2, as BeautifulSoup's "lxml" builder); never raises."""
    try:
        root = etree.fromstring(text, _parser())
    except (etree.XMLSyntaxError, ValueError):     # empty, or a str with an XML encoding declaration
        root = _fed(text)
    return root if root is not None else etree.Element("html")


def _fed(text: str):
    parser = etree.HTMLParser(default_doctype=False)
    try:
        parser.feed(text)
        return parser.close()
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def body_of(root):
    return root.find("body") if root.tag == "html" else None


def find(node, tag: str):
    """The first descendant element named ``tag`` (BeautifulSoup's ``find``)."""
    return next(node.iterdescendants(tag), None) if node is not None else None


def serialize(root) -> str:
    return etree.tostring(root, encoding="unicode", method="html")


# ---------------------------------------------------------------------------------------------------------- text
def has_hidden_text(node) -> bool:
    return next(node.iter(*HIDDEN_TEXT), None) is not None


def strings(node) -> list[str]:
    """The text pieces ``get_text`` joins: text nodes in document order, minus comments and hidden-text elements."""
    if not len(node) and node.tag.__class__ is str:  # a leaf element: its own text is all there is
        text = node.text
        return [] if text is None else [text]
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
    return collapse(html.unescape(" ".join(strings(node)))) or None


def collapse(text: str) -> str:
    """``" ".join(text.split())``: whitespace runs to one space, ends trimmed (shortcut when only single spaces)."""
    if text.isprintable() and "  " not in text:       # no whitespace but single ASCII spaces (str.isprintable)
        return text.strip(" ")
    return " ".join(text.split())


def has_text(node) -> bool:
    """``text_of(node) is not None``, without building the text."""
    whole = len(node) and (node.tag in HIDDEN_TEXT or not has_hidden_text(node))
    pieces = node.itertext() if whole else strings(node)          # (a leaf: strings' shortcut)
    for piece in pieces:
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
