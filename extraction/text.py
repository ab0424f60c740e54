"""Text normalisation, sentence splitting and tokens with character offsets.

Every function here is length-preserving where it says so, so offsets found on a normalised copy index the
article text returned by :func:`article_text`.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff\t]")

# old-style tone placement ("hoà", "thuỷ") -> new style ("hòa", "thủy"); one character swaps for one.
_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}
_TONE_MOVES: dict[str, str] = {}
for _base_vowel, _first in (("a", "o"), ("e", "o"), ("y", "u")):
    _plain_first = {"o": "òóỏõọ", "u": "ùúủũụ"}[_first]
    for _i, _toned in enumerate(_TONED[_base_vowel]):
        _TONE_MOVES[_first + _toned] = _plain_first[_i] + _base_vowel
_VIETNAMESE_LETTER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_OLD_TONE = re.compile(r"[ou](?<!q[ou])[àáảãạèéẻẽẹỳýỷỹỵ](?![" + _VIETNAMESE_LETTER + "])")   # not after "q"
_MAYBE_OLD_TONE = re.compile(r"[ou][àáảãạèéẻẽẹỳýỷỹỵ]")


def normalise_part(value: str) -> str:
    """NFC and odd spaces (NBSP, zero-width, tabs) to plain spaces; CRLF to LF."""
    text = unicodedata.normalize("NFC", value)
    return _ODD_SPACES.sub(" ", text).replace("\r\n", "\n").replace("\r", "\n")


def article_text(title: str | None, sapo: str | None, body: str | None) -> str:
    """The text all offsets refer to: the non-empty parts, normalised, joined by a blank line."""
    parts = [normalise_part(p).strip() for p in (title, sapo, body) if p is not None and p.strip()]
    return "\n\n".join(p for p in parts if p)


def _move_tone(match: re.Match) -> str:
    found = match.group(0)
    return _TONE_MOVES.get(found, found)


def match_form(text: str) -> str:
    """A same-length copy for matching: lower case, new-style tone marks."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare character whose lower case is longer: fold one by one
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _OLD_TONE.sub(_move_tone, lowered) if _MAYBE_OLD_TONE.search(lowered) else lowered


def canonical_name(text: str) -> str:
    """Key for a name: NFC, new-style tones, lower case, single spaces, hyphens spaced out."""
    key = match_form(normalise_part(text)).strip()
    key = re.sub(r"\s*[-–—]\s*", " - ", key)
    return re.sub(r"\s+", " ", key)


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


def ascii_fold(text: str) -> str:
    """Diacritics removed, đ -> d (for name_ascii and loose keys)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


@dataclass(unsafe_hash=True)      # a value, never changed (frozen=True would triple the cost of __init__)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


_ABBREVIATIONS = {"st", "tp", "mr", "mrs", "ms", "dr", "ts", "ths", "pgs", "gs", "bs", "ks", "tt", "no", "vs", "p",
                  "q", "h", "tx"}
_BOUNDARY = re.compile(r"[.!?…](?P<close>[\"”’)]*)\s+[\"“‘(\[]?(?P<next>\w)")


def _word_before_dot(line: str, start: int, dot: int) -> str:
    """The word ending right before a full stop at ``dot`` (not reaching back before ``start``), else ''."""
    if line[dot] != ".":
        return ""
    i = dot
    while i > start and (line[i - 1].isalnum() or line[i - 1] == "_"):     # \w, without a regex scan of the line
        i -= 1
    return line[i:dot]


def _split_line(line: str, offset: int, paragraph: int) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for boundary in _BOUNDARY.finditer(line):
        following = boundary.group("next")
        if not (following.isupper() or following.isdigit()):
            continue
        end = boundary.start() + 1 + len(boundary.group("close"))
        word = _word_before_dot(line, start, boundary.start())
        if word and (word.lower() in _ABBREVIATIONS or len(word) == 1):
            continue
        sentences.append(_make(line, start, end, offset, paragraph))
        start = boundary.start("next")
        if line[start - 1] in "\"“‘([":
            start -= 1
    sentences.append(_make(line, start, len(line), offset, paragraph))
    return [s for s in sentences if s.text]


def _make(line: str, start: int, end: int, offset: int, paragraph: int) -> Sentence:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return Sentence(offset + start, offset + end, line[start:end], paragraph)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets into ``text``; a newline always ends a sentence."""
    sentences: list[Sentence] = []
    offset = 0
    for paragraph, line in enumerate(text.split("\n")):
        if line.strip():
            sentences.extend(_split_line(line, offset, paragraph))
        offset += len(line) + 1
    return sentences


TOKEN = re.compile(r"\w+(?:\.\w+)*")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str      # as written
    key: str       # match form

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


class Tokens:
    """Word tokens of a text as parallel lists (cheap to build): offsets, match keys, capitalisation."""

    __slots__ = ("text", "key_text", "starts", "ends", "caps")

    def __init__(self, text: str, key_text: str | None = None) -> None:
        self.key_text = key_text if key_text is not None else match_form(text)
        spans = [m.span() for m in TOKEN.finditer(text)]
        self.text = text
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.caps = [text[s].isupper() for s in self.starts]

    def __len__(self) -> int:
        return len(self.starts)

    def key(self, i: int) -> str:
        return self.key_text[self.starts[i]:self.ends[i]]

    def __getitem__(self, i: int) -> Token:
        return Token(self.starts[i], self.ends[i], self.text[self.starts[i]:self.ends[i]], self.key(i))


def tokens(text: str, key_text: str | None = None) -> Tokens:
    """Word tokens (letters/digits; "TP.HCM" stays one token) with offsets and match keys."""
    return Tokens(text, key_text)


def trie_regex(words, space: str | None = None) -> str:
    """A regex alternation of literal phrases factored as a trie (much faster than a flat alternation).

    With ``space``, every blank in a phrase matches that pattern instead (e.g. flexible gaps between words)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [(space if space is not None and ch == " " else re.escape(ch)) + build(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not end else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


def whole_word(word: str) -> str:
    """Regex for ``word`` as a whole word: ``\\bword\\b`` for a word of word characters, but opening with its
    letters. The regex engine skips ahead to the letters a pattern opens with; a leading ``\\b`` (or look-behind)
    anywhere in a pattern's alternatives leaves it nothing to skip to, and it tries the pattern at every position."""
    return rf"{word}(?<!\w{word})(?!\w)"


_FIRST_WORD = re.compile(r"\w+")
NOT_A_COMMON_LETTER = f"[^0-9{_VIETNAMESE_LETTER}]"   # every non-word character, and a few rare letters


def first_word(phrase: str) -> str:
    """The word a phrase (or a regex alternative written as one) begins with: "tp\\.?" -> "tp"."""
    return _FIRST_WORD.match(phrase).group(0)


class WordFinder:
    """Runs several word-led patterns over a text with one scan for all their first words.

    A word-led pattern only matches where one of its first words begins as a whole word: it opens with ``(?<!\\w)``
    and each of its alternatives opens with a word followed by a non-word character (or by nothing, the pattern then
    going on with ``(?!\\w)``). The regex engine tries such a pattern at every position of the text (a look-behind
    first leaves it no prefix to skip to); the finder looks for the first words only after characters that are not
    common letters or digits (cheap to test, and true of every non-word character), then tries each pattern only
    where one of its own first words was found.
    """

    def __init__(self, led: dict[re.Pattern, Iterable[str]]) -> None:
        """``led``: each word-led pattern with the phrases (or regex alternatives) it is made of."""
        self.first_words = {pattern: frozenset(map(first_word, phrases)) for pattern, phrases in led.items()}
        words = trie_regex(set().union(*self.first_words.values()))
        self._at_start = re.compile(f"(?:{words})(?!\\w)") if words else None
        self._after_other = re.compile(f"{NOT_A_COMMON_LETTER}(?:{words})(?!\\w)") if words else None

    def starts(self, text: str) -> WordStarts:
        positions: dict[str, list[int]] = {}
        if self._at_start is not None:
            first = self._at_start.match(text)
            if first is not None:
                positions[first.group()] = [0]
            for m in self._after_other.finditer(text):
                word, start = m.group()[1:], m.start() + 1
                if word in positions:
                    positions[word].append(start)
                else:
                    positions[word] = [start]
        return WordStarts(text, positions, self.first_words)


class WordStarts:
    """Where the first words of a :class:`WordFinder` begin in one text (and a few places right after rare letters,
    where they do not begin a word: the patterns tried there do not match)."""

    __slots__ = ("text", "positions", "first_words")

    def __init__(self, text: str, positions: dict[str, list[int]], first_words: dict[re.Pattern, frozenset]) -> None:
        self.text, self.positions, self.first_words = text, positions, first_words

    def finditer(self, pattern: re.Pattern) -> Iterator[re.Match]:
        """Exactly ``pattern.finditer(text)``; a word-led pattern of the finder is tried only where it may match."""
        words = self.first_words.get(pattern)
        if words is None:
            return pattern.finditer(self.text)
        return self._matches_at(pattern, sorted(p for w in words & self.positions.keys() for p in self.positions[w]))

    def _matches_at(self, pattern: re.Pattern, candidates: list[int]) -> Iterator[re.Match]:
        free_from = 0                        # like finditer: a match never starts inside the previous one
        for start in candidates:
            if start >= free_from:
                m = pattern.match(self.text, start)
                if m is not None:
                    free_from = m.end()
                    yield m
