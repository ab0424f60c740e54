"""Find countries, Vietnamese provinces and foreign regions in text, with offsets.

Matching walks the tokens once and looks token n-grams up in a dict (longest first). Guards against the traps of
Vietnamese press text: person names ("Nguyễn Thúy Anh", "Ngô Đức Mạnh": a surname starts a capitalised run), the
language ("tiếng Anh"), honorifics ("ông Đức"), single-word country names glued to another capitalised word
("Mỹ Tho", "Đức Trọng") and lower-case words ("mỹ nghệ").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .gazetteer import PlaceEntry, place_index, resolve
from .gazetteer.countries import AMBIGUOUS, FOLLOW_SENSITIVE
from .text import NOT_A_COMMON_LETTER, match_form, trie_regex

SURNAMES = {
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô", "dương",
    "lý", "đào", "đoàn", "vương", "trịnh", "trương", "đinh", "lâm", "phùng", "mai", "tô", "hà", "tạ", "lưu", "quách",
    "thái", "cao", "chu", "lương", "kiều", "mạc", "từ", "hứa", "tăng", "diệp", "khúc", "nghiêm", "triệu", "văn",
    "âu", "giáp", "la", "lại", "lã", "ninh", "tống", "viên", "thân", "doãn", "khổng", "nông", "đàm", "ông", "hầu",
}
HONORIFICS = {"ông", "bà", "anh", "chị", "cô", "chú", "em", "bác", "cháu", "cụ", "chí", "ngài", "thầy"}
PLACE_WORDS = {"tỉnh", "thành", "phố", "tp", "thủ", "đô", "huyện", "quận", "thị", "xã", "phường", "bang", "vùng",
               "cộng", "hòa", "châu", "đặc", "khu", "trấn", "hạt", "nước", "quốc", "liên", "tự", "trị", "phủ"}
DIRECTIONS = {"nam", "bắc", "trung", "thượng", "hạ"}    # "các tỉnh Nam Lào", "Bắc Lào"
_PLACE_OR_DIRECTION = PLACE_WORDS | DIRECTIONS
START_SENSITIVE = {"anh", "ý", "áo", "hàn", "úc", "nhật"}
_AMBIGUOUS_KEYS = {a.lower() for a in AMBIGUOUS}
_FOLLOW_KEYS = {a.lower() for a in FOLLOW_SENSITIVE}
_GAP_OK = re.compile(r"[ .\-–()]{1,4}")


@dataclass(unsafe_hash=True)      # a value, never changed (frozen=True would triple the cost of __init__)
class Place:
    start: int
    end: int
    text: str                 # as written
    entry: PlaceEntry

    @property
    def country_code(self) -> str:
        return self.entry.country_code

    @property
    def locality_code(self) -> str | None:
        return self.entry.locality_code

    @property
    def is_country(self) -> bool:
        return self.entry.is_country

    @property
    def is_vietnamese(self) -> bool:
        return self.entry.country_code == "VN"


_WORD = re.compile(r"\w+(?:\.\w+)*")
_NEXT_WORD = re.compile(r"[^\w\n]{0,5}(\w+(?:\.\w+)*)")


@lru_cache(maxsize=1)
def _alias_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Every alias (match form) in one trie regex; blanks match the gaps the press writes ("Bà Rịa-Vũng Tàu").

    Two forms: at the very start of the text, and after a character that is not a common letter or digit (that
    character taken, so the regex engine skips through words instead of trying the trie at every position; a set of
    plain letters is cheaper to test than ``[^\\w.]``, which :func:`_alias_at` checks after)."""
    trie = trie_regex({" ".join(key) for key in place_index()}, space=r"[ .\-–()]{1,4}")
    return re.compile(f"(?:{trie})(?!\\w)"), re.compile(f"{NOT_A_COMMON_LETTER}({trie})(?!\\w)")


def _alias_at(key: str, pos: int) -> tuple[int, int] | None:
    """Span of the first alias starting a word at or after ``pos`` (what ``(?<![\\w.])alias(?!\\w)`` finds)."""
    at_start, after_gap = _alias_patterns()
    if pos == 0:
        m = at_start.match(key)
        if m is not None:
            return m.span()
    m = after_gap.search(key, max(0, pos - 1))
    while m is not None and _word_or_dot(key[m.start()]):           # a rare letter, '_' or '.': search on
        m = after_gap.search(key, m.start() + 1)
    return m.span(1) if m is not None else None


def _word_or_dot(char: str) -> bool:
    return char.isalnum() or char in "_."


class _Text:
    """Lazy word access around positions of one text (tokenising everything would cost more than the lookups)."""

    __slots__ = ("text", "key")

    def __init__(self, text: str, key: str) -> None:
        self.text, self.key = text, key

    def word_at(self, pos: int) -> tuple[int, int] | None:
        m = _WORD.match(self.text, pos)
        return m.span() if m else None

    def next_word(self, end: int) -> tuple[int, int] | None:
        m = _NEXT_WORD.match(self.text, end)
        return m.span(1) if m else None

    def prev_word(self, start: int) -> tuple[int, int] | None:
        text, i = self.text, start - 1
        limit = max(-1, start - 6)
        while i > limit and not text[i].isalnum():
            i -= 1
        end = i + 1
        while i >= 0 and text[i].isalnum():
            i -= 1
        return (i + 1, end) if end > i + 1 else None

    def cap(self, span: tuple[int, int]) -> bool:
        return self.text[span[0]].isupper()

    def k(self, span: tuple[int, int]) -> str:
        return self.key[span[0]:span[1]]

    def spaced(self, a: tuple[int, int], b: tuple[int, int]) -> bool:
        return self.text[a[1]:b[0]] == " "

    def sentence_start(self, pos: int) -> bool:
        before = self.text[max(0, pos - 3):pos].rstrip(" \"“(")
        return not before or before[-1] in ".!?\n:"


def _next_spaced(t: _Text, last: tuple[int, int]) -> tuple[int, int] | None:
    """The word right after ``last``, one blank between them (looked up only when a rule needs it)."""
    nxt = t.next_word(last[1])
    return nxt if nxt is not None and t.spaced(last, nxt) else None


def _in_person_name(t: _Text, spans: list[tuple[int, int]], prev) -> bool:
    """"Ngô Đức Mạnh", "Nguyễn Thúy Anh": capitalised words led by a surname run into or through the match."""
    if prev is None or not t.cap(prev):
        return False
    after = _next_spaced(t, spans[-1])
    run_goes_on = after is not None and t.cap(after)
    if len(spans) > 1 and not run_goes_on:
        return False                       # "Đoàn Bình Thuận thăm…": the province ends the capitalised run
    word = spans[0]
    for _ in range(3):
        if prev is None or not t.cap(prev) or not t.spaced(prev, word):
            return False
        if t.k(prev) in SURNAMES:
            return True
        word, prev = prev, t.prev_word(prev[0])
    return False


def _rejected(t: _Text, spans: list[tuple[int, int]]) -> bool:
    first, last = spans[0], spans[-1]
    prev = t.prev_word(first[0])
    if prev is not None and t.text[prev[1]:first[0]] != " ":
        prev = None                                  # only a word one blank before counts
    if prev is not None and t.text[prev[0]].isupper():
        if _in_person_name(t, spans, prev):
            return True
    elif prev is not None and t.k(prev) in HONORIFICS:
        return True
    key = t.key[first[0]:first[1]]
    if len(spans) > 1 or key not in _AMBIGUOUS_KEYS:
        return False
    if prev is not None and t.k(prev) == "tiếng":
        return True
    if prev is not None and t.cap(prev) and t.k(prev) not in _PLACE_OR_DIRECTION \
            and not t.sentence_start(prev[0]):
        return True
    if key in START_SENSITIVE and t.sentence_start(first[0]):
        return True
    if key not in _FOLLOW_KEYS:
        return False
    nxt = _next_spaced(t, last)
    return nxt is not None and t.cap(nxt) and t.k(nxt) not in SURNAMES


def find_places(text: str, key: str | None = None, published: date | None = None) -> list[Place]:
    """Every known place in the text, in order, with its resolved gazetteer entry."""
    t = _Text(text, key if key is not None else match_form(text))
    key = t.key
    index = place_index()
    places: list[Place] = []
    readings: dict[tuple[str, str], tuple] = {}          # an alias written the same way reads the same way
    at = _alias_at(key, 0)
    while at is not None:
        start, end = at
        spans, found = _reading(text[start:end], key[start:end], index, readings)
        if found is None:
            # the longest alias does not fit ("tỉnh Quảng Ninh" written in lower case): retry from the next word
            at = _alias_at(key, start + spans[1][0] if len(spans) > 1 else end)
            continue
        at = _alias_at(key, end)
        spans = [(start + a, start + b) for a, b in spans]
        if not _rejected(t, spans):
            entry = resolve(found.candidates, published)
            places.append(Place(spans[0][0], spans[-1][1], text[spans[0][0]:spans[-1][1]], entry))
    return places


def _reading(written: str, key: str, index: dict, readings: dict) -> tuple[list[tuple[int, int]], object]:
    """Word spans of an alias match (relative to it) and its index entry, None when it does not fit as written (an
    unknown key, or lower case where the alias needs capitals); cached per article in ``readings``."""
    got = readings.get((written, key))
    if got is None:
        spans = [w.span() for w in _WORD.finditer(written)]
        found = index.get(tuple([key[a:b] for a, b in spans]))
        caps = [written[a].isupper() for a, _ in spans]
        if found is None or not any(caps) or \
                not all(c or not need for c, need in zip(caps, found.capitals, strict=False)):
            found = None
        got = readings[(written, key)] = (spans, found)
    return got
