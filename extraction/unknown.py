"""Place-like names the gazetteer does not know: a capitalised name right after a place word.

"tỉnh Vologod", "bang Kerala", "huyện Ea Súp" -> counted per article so the gazetteer can grow.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from .facts import UnknownPlace
from .places import SURNAMES, Place

PLACE_WORDS = [r"tỉnh bang", r"tỉnh", r"thành phố", r"tp\.?", r"thủ đô", r"bang", r"vùng", r"huyện", r"quận", r"thị xã",
               r"xã", r"châu", r"khu tự trị", r"cộng hòa", r"đặc khu", r"thị trấn", r"oblast", r"prefecture",
               r"tỉnh trưởng"]
PLACE_WORD = re.compile(r"(?<![\w])(" + "|".join(PLACE_WORDS) + r")\s+")     # word-led (text.WordFinder)
_WORD = re.compile(r"\(?[^\W\d_][\w'’]*\)?")
_NOT_NAMES = {"Ủy", "Uỷ", "Hội", "Sở", "Ban", "Đảng", "Bộ", "Nhà", "Chính", "Quốc", "Thủ", "Chủ", "Phó", "Đại",
              "Trung", "Tổng", "Cục", "Ngoại", "Đoàn", "UBND", "HĐND", "Thường", "Công", "Việt", "Tỉnh",
              "Thành", "Các", "Những", "Này", "Đó", "Ông", "Bà", "Trường", "Viện", "Liên", "Xã", "Huyện", "Phòng",
              "Âu", "Á", "Phi", "Mỹ", "Úc", "Nam", "Bắc", "Đông", "Tây"}


def _capitalised_run(text: str, start: int) -> tuple[int, int]:
    """The span of up to four capitalised words (joined by spaces or hyphens) starting at ``start``."""
    end, words, pos = start, 0, start
    while words < 4:
        word = _WORD.match(text, pos)
        if not word or not word.group(0).lstrip("(")[:1].isupper():
            break
        end, words = word.end(), words + 1
        if end < len(text) and text[end] in " -" and end + 1 < len(text):
            pos = end + 1
        else:
            break
    return start, end


def find_unknown_places(text: str, key_text: str, known: list[Place],
                        place_words: Iterable[re.Match] | None = None) -> list[UnknownPlace]:
    """``place_words``: ``PLACE_WORD.finditer(key_text)`` when already at hand."""
    starts = [p.start for p in known]
    counts: dict[str, list] = {}
    for m in place_words if place_words is not None else PLACE_WORD.finditer(key_text):
        at = bisect.bisect_right(starts, m.end()) - 1
        if at >= 0 and known[at].start <= m.end() < known[at].end:
            continue                                   # a known place follows the place word
        start, end = _capitalised_run(text, m.end())
        value = text[start:end].strip(" -()")
        words = value.split(" ")
        if not value or words[0].split("-")[0] in _NOT_NAMES or len(value) < 2:
            continue
        if len(words) >= 3 and words[0].lower() in SURNAMES:
            continue                                   # "tỉnh Nguyễn Tiến Thành": a person after the title
        context = text[max(0, m.start() - 40):min(len(text), end + 40)].replace("\n", " ")
        entry = counts.setdefault(value, [0, context])
        entry[0] += 1
    return [UnknownPlace(name, context, n) for name, (n, context) in sorted(counts.items())]
