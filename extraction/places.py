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

from .gazetteer import MAX_ALIAS_TOKENS, IndexEntry, PlaceEntry, place_index, resolve
from .gazetteer.countries import AMBIGUOUS, FOLLOW_SENSITIVE
from .text import Token

SURNAMES = {
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô", "dương",
    "lý", "đào", "đoàn", "vương", "trịnh", "trương", "đinh", "lâm", "phùng", "mai", "tô", "hà", "tạ", "lưu", "quách",
    "thái", "cao", "chu", "lương", "kiều", "mạc", "từ", "hứa", "tăng", "diệp", "khúc", "nghiêm", "triệu", "văn",
    "âu", "giáp", "la", "lại", "lã", "ninh", "tống", "viên", "thân", "doãn", "khổng", "nông", "đàm", "ông", "hầu",
}
HONORIFICS = {"ông", "bà", "anh", "chị", "cô", "chú", "em", "bác", "cháu", "cụ", "chí", "ngài", "thầy"}
PLACE_WORDS = {"tỉnh", "thành", "phố", "tp", "thủ", "đô", "huyện", "quận", "thị", "xã", "phường", "bang", "vùng",
               "cộng", "hòa", "châu", "đặc", "khu", "trấn", "hạt", "nước", "quốc", "liên", "tự", "trị", "phủ"}
START_SENSITIVE = {"anh", "ý", "áo", "hàn", "úc", "nhật"}
_AMBIGUOUS_KEYS = {a.lower() for a in AMBIGUOUS}
_FOLLOW_KEYS = {a.lower() for a in FOLLOW_SENSITIVE}
_GAP_OK = re.compile(r"[ .\-–()]{1,4}")


@dataclass(frozen=True)
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


def _joined(text: str, toks: list[Token], i: int, n: int) -> bool:
    for a, b in zip(toks[i:i + n - 1], toks[i + 1:i + n], strict=False):
        gap = text[a.end:b.start]
        if not _GAP_OK.fullmatch(gap):
            return False
    return True


def _sentence_start(text: str, tok: Token) -> bool:
    before = text[max(0, tok.start - 3):tok.start].rstrip(" \"“(")
    return not before or before[-1] in ".!?\n:"


def _capital_run(text: str, toks: list[Token], i: int) -> int:
    n = 1
    while i + n < len(toks) and n < 4 and toks[i + n].capitalised \
            and text[toks[i + n - 1].end:toks[i + n].start] == " ":
        n += 1
    return n


def _lookup(text: str, toks: list[Token], i: int) -> tuple[int, IndexEntry] | None:
    index = place_index()
    for n in range(min(MAX_ALIAS_TOKENS, len(toks) - i), 0, -1):
        key = tuple(t.key for t in toks[i:i + n])
        found = index.get(key)
        if found is None or not _joined(text, toks, i, n):
            continue
        if all(toks[i + k].capitalised or not need for k, need in enumerate(found.capitals)) \
                and any(t.capitalised for t in toks[i:i + n]):
            return n, found
    return None


def _rejected(text: str, toks: list[Token], i: int, n: int) -> bool:
    prev = toks[i - 1] if i > 0 and text[toks[i - 1].end:toks[i].start] == " " else None
    if prev is not None and prev.key in HONORIFICS and not prev.capitalised:
        return True
    if n > 1 or toks[i].key not in _AMBIGUOUS_KEYS:
        return False
    key = toks[i].key
    if prev is not None and prev.key == "tiếng":
        return True
    if prev is not None and prev.capitalised and prev.key not in PLACE_WORDS and not _sentence_start(text, prev):
        return True
    if key in START_SENSITIVE and _sentence_start(text, toks[i]):
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) and text[toks[i].end:toks[i + 1].start] == " " else None
    return key in _FOLLOW_KEYS and nxt is not None and nxt.capitalised and nxt.key not in SURNAMES


def find_places(text: str, toks: list[Token], published: date | None) -> list[Place]:
    """Every known place in the text, in order, with its resolved gazetteer entry."""
    places: list[Place] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not tok.capitalised and not tok.text[:1].isdigit() and tok.key not in ("thủ", "thành", "nước", "tp"):
            i += 1
            continue
        hit = _lookup(text, toks, i)
        if hit is None and tok.key in SURNAMES and tok.capitalised:
            run = _capital_run(text, toks, i)
            if run > 1:
                inner = _lookup(text, toks, i + 1)
                if inner and inner[0] > 1 and inner[0] == run - 1:
                    i += 1
                    continue
                i += run
                continue
        if hit is None:
            i += 1
            continue
        n, found = hit
        if _rejected(text, toks, i, n):
            i += n
            continue
        entry = resolve(found.candidates, published)
        places.append(Place(tok.start, toks[i + n - 1].end, text[tok.start:toks[i + n - 1].end], entry))
        i += n
    return places
