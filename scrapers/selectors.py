"""CSS selectors compiled once to XPath (cssselect), with soupsieve's semantics on HTML: a selector run on an element
matches its descendants only, run on a page (a root element) it matches every element; ``[type=...]`` values compare
case-insensitively; a selector that cannot be compiled never matches.

On a page, a selector is first checked against an index of the page's class names, ids and attribute values (built
once per page and thread): a selector that needs a class the page does not have is not run at all.
"""
from __future__ import annotations

import threading
from functools import lru_cache

from cssselect import HTMLTranslator, SelectorError, parse
from cssselect.xpath import is_safe_name
from lxml import etree

_UPPER, _LOWER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"
_local = threading.local()


class _Translator(HTMLTranslator):
    """HTML translator with soupsieve's rule that ``type`` attribute values match case-insensitively."""

    def xpath_attrib(self, selector):
        if selector.attrib.lower() != "type" or selector.value is None or selector.namespace:
            return super().xpath_attrib(selector)
        method = getattr(self, f"xpath_attrib_{self.attribute_operator_mapping[selector.operator]}")
        return method(self.xpath(selector.selector), f"translate(@type, '{_UPPER}', '{_LOWER}')",
                      selector.value.value.lower())


_TRANSLATOR = _Translator()


def _xpath(expression: str) -> etree.XPath:
    return etree.XPath(expression, regexp=False, smart_strings=False)


class Selector:
    """One CSS selector, compiled once: ``first``/``all`` under an element (descendants) or a page (all elements)."""

    __slots__ = ("css", "_inner", "_page", "_inner_first", "_page_first", "_needs")

    def __init__(self, css: str) -> None:
        self.css = css
        try:
            inner = _TRANSLATOR.css_to_xpath(css, prefix="descendant::")
            page = _TRANSLATOR.css_to_xpath(css, prefix="descendant-or-self::")
            self._inner, self._page = _xpath(inner), _xpath(page)
            self._inner_first, self._page_first = _xpath(f"({inner})[1]"), _xpath(f"({page})[1]")
            self._needs = tuple(_needs(tree.parsed_tree) for tree in parse(css))
        except (SelectorError, etree.XPathError):
            self._inner = self._page = self._inner_first = self._page_first = None
            self._needs = ()

    @property
    def valid(self) -> bool:
        return self._inner is not None

    def all(self, node) -> list:
        if self._inner is None or node is None:
            return []
        page = node.getparent() is None
        return self.all_in(node, page, _index_for(node, page))

    def first(self, node):
        if self._inner is None or node is None:
            return None
        page = node.getparent() is None
        return self.first_in(node, page, _index_for(node, page))

    def all_in(self, node, page: bool, index) -> list:
        """``all`` with the scope and the page index already looked up (``Scope``)."""
        if self._inner is None or index is not None and not self._possible(index):
            return []
        return (self._page if page else self._inner)(node)

    def first_in(self, node, page: bool, index):
        if self._inner is None or index is not None and not self._possible(index):
            return None
        found = (self._page_first if page else self._inner_first)(node)
        return found[0] if found else None

    def _possible(self, index) -> bool:
        for classes, ids, attrs, class_parts in self._needs:
            if classes and not classes <= index.classes or ids and not ids <= index.ids:
                continue
            if class_parts and not all(part in index.class_text for part in class_parts):
                continue
            if _has_attrs(index, attrs):
                return True
        return False


def _has_attrs(index, attrs: tuple) -> bool:
    for name, exact in attrs:
        if not index.has_attr(name, exact):
            return False
    return True


class Scope:
    """A node to run several selectors under: page or element and the page index, looked up once."""

    __slots__ = ("node", "page", "index")

    def __init__(self, node) -> None:
        self.node = node
        self.page = node.getparent() is None
        self.index = _index_for(node, self.page)

    def first(self, selector: Selector):
        return selector.first_in(self.node, self.page, self.index)

    def all(self, selector: Selector) -> list:
        return selector.all_in(self.node, self.page, self.index)


@lru_cache(maxsize=1024)
def compiled(selectors: tuple[str, ...]) -> tuple[Selector, ...]:
    """The compiled selectors of a template field (cached per tuple)."""
    return tuple(css(s) for s in selectors)


def _needs(tree) -> tuple[frozenset, frozenset, tuple, tuple]:
    """What any match of a parsed selector requires somewhere on the page: class names, ids, (attribute, exact
    value or None) and text inside a class attribute (``[class*=x]``). Arguments of pseudo-classes (:not, :has, ...)
    require nothing."""
    classes, ids, attrs, class_parts = set(), set(), [], []
    stack = [tree]
    while stack:
        tree = stack.pop()
        while tree is not None:
            kind = type(tree).__name__
            if kind == "Class" and not any(c.isspace() for c in tree.class_name):
                classes.add(tree.class_name)
            elif kind == "Hash":
                ids.add(tree.id)
            elif kind == "Attrib" and not tree.namespace and tree.attrib.lower() == "class" and tree.operator == "*=":
                class_parts.append(tree.value.value)
            elif kind == "Attrib" and not tree.namespace:
                attrs.append((tree.attrib.lower(), tree.value.value if tree.value is not None and
                              tree.operator == "=" else None))
            elif kind == "CombinedSelector":
                stack.append(tree.subselector)
            tree = getattr(tree, "selector", None)
    return frozenset(classes), frozenset(ids), tuple(attrs), tuple(class_parts)


_CLASSES = _xpath("//@class")
_IDS = _xpath("//@id")


@lru_cache(maxsize=256)
def _attribute_values(name: str) -> etree.XPath:
    if is_safe_name(name):
        return _xpath(f"//@{name}")
    literal = "'" + name + "'" if "'" not in name else '"' + name + '"'
    return _xpath(f"//@*[name() = {literal}]")


class PageIndex:
    """Class names and ids present on one page, its class attributes joined by spaces, and attribute values
    (computed on first use)."""

    def __init__(self, root) -> None:
        self.root = root
        self.class_text = " ".join(_CLASSES(root))
        self.classes = frozenset(self.class_text.split())
        self.ids = frozenset(_IDS(root))
        self._attrs: dict[str, set[str]] = {}
        self.aliases: list = []

    def has_attr(self, name: str, exact: str | None) -> bool:
        values = self._attrs.get(name)
        if values is None:
            known = self.ids if name == "id" else _attribute_values(name)(self.root)     # ids: read already
            values = self._attrs[name] = set(known)
            if name == "type":
                values.update(v.lower() for v in list(values))
        if exact is None:
            return bool(values)
        return (exact.lower() if name == "type" else exact) in values


def _index_for(node, page: bool) -> PageIndex | None:
    """The index of the page ``node`` belongs to: one per thread, rebuilt when a query runs on another page; None
    for an element of a tree that is neither the indexed page nor a copy made of it."""
    index = getattr(_local, "index", None)
    root = node if page else node.getroottree().getroot()
    if index is not None and (index.root is root or any(root is alias for alias in index.aliases)):
        return index
    if page:
        index = _local.index = PageIndex(root)
        return index
    return None


def share_index(copy_root, original) -> None:
    """Let queries on ``copy_root`` (a copy of ``original`` or of part of its page, which may only lose elements and
    gain wrappers above the copied part) use the index of ``original``'s page."""
    index = getattr(_local, "index", None)
    if index is not None and index.root is original.getroottree().getroot():
        index.aliases.append(copy_root)


@lru_cache(maxsize=4096)
def css(selector: str) -> Selector:
    """The compiled form of ``selector`` (cached: each selector string is translated once per process)."""
    return Selector(selector)


def union_safe(selectors: tuple[str, ...]) -> bool:
    """No selector depends on siblings or position, so removing one match cannot change what another selects."""
    return not any(c in s for s in selectors for c in ":+~")


@lru_cache(maxsize=1024)
def selector_group(selectors: tuple[str, ...]) -> tuple[Selector, ...]:
    """Selectors whose matches are all removed: one union query when that is safe, else one query each (to run one
    after another)."""
    if len(selectors) > 1 and union_safe(selectors):
        union = css(", ".join(selectors))
        if union.valid:
            return (union,)
    return tuple(css(s) for s in selectors)


def group_matches(scope: Scope, selectors: tuple[str, ...]) -> list | None:
    """Every match of any of ``selectors`` under the scope, in document order, from one query over the selectors the
    page can match at all; None when the selectors must run one after another (``selector_group``)."""
    if not union_safe(selectors):
        return None
    usable = tuple(s.css for s in compiled(selectors)
                   if s.valid and (scope.index is None or s._possible(scope.index)))
    if not usable:
        return []
    return scope.all(css(", ".join(usable)))
