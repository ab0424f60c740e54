"""Text normalisation, sentence splitting and tokens with character offsets.

Every function here is length-preserving where it says so, so offsets found on a normalised copy index the
article text returned by :func:`article_text`.
"""
from __future__ import annotations

import re
import unicodedata
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
_OLD_TONE = re.compile(r"(?<![qQ])(" + "|".join(_TONE_MOVES) + r")(?![" + _VIETNAMESE_LETTER + "])",
                        re.IGNORECASE)


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
    moved = _TONE_MOVES[found.lower()]
    return moved if found.islower() else (moved[0].upper() + moved[1:] if found[0].isupper() else moved)


def match_form(text: str) -> str:
    """A same-length copy for matching: lower case, new-style tone marks."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare character whose lower case is longer: fold one by one
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _OLD_TONE.sub(_move_tone, lowered)


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


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


_ABBREVIATIONS = {"st", "tp", "mr", "mrs", "ms", "dr", "ts", "ths", "pgs", "gs", "bs", "ks", "tt", "no", "vs", "p",
                  "q", "h", "tx"}
_BOUNDARY = re.compile(r"(?<=[.!?…])(?P<close>[\"”’)]*)\s+(?=[\"“‘(\[]?[A-ZĐÀ-Ỹ0-9])")


def _split_line(line: str, offset: int, paragraph: int) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for boundary in _BOUNDARY.finditer(line):
        end = boundary.start() + len(boundary.group("close"))
        before = line[start:boundary.start()]
        last_word = re.search(r"(?<!\w)(\w+)\.$", before)
        if last_word and (last_word.group(1).lower() in _ABBREVIATIONS or len(last_word.group(1)) == 1):
            continue
        sentences.append(_make(line, start, end, offset, paragraph))
        start = boundary.end()
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


TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str      # as written
    key: str       # match form

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokens(text: str, key_text: str | None = None) -> list[Token]:
    """Word tokens (letters/digits; "TP.HCM" stays one token) with offsets and match keys."""
    keys = key_text if key_text is not None else match_form(text)
    return [Token(m.start(), m.end(), m.group(0), keys[m.start():m.end()]) for m in TOKEN.finditer(text)]
