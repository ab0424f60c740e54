"""Place-like names the gazetteer does not know: a capitalised name right after a place word.

"tỉnh Vologod", "bang Kerala", "huyện Ea Súp" -> counted per article so the gazetteer can grow.
"""
from __future__ import annotations

import re

from .facts import UnknownPlace
from .places import Place

_PLACE_WORD = re.compile(
    r"(?<![\w])(tỉnh bang|tỉnh|thành phố|tp\.?|thủ đô|bang|vùng|huyện|quận|thị xã|xã|châu|khu tự trị|cộng hòa|"
    r"đặc khu|thị trấn|oblast|prefecture|tỉnh trưởng)\s+"
)
_NAME = re.compile(r"(?:[A-ZĐÀ-Ỹ][\w'’]*(?:[- ](?:[A-ZĐÀ-Ỹ]|\()[\w'’)]*)*)", re.UNICODE)
_NOT_NAMES = {"Ủy", "Uỷ", "Hội", "Sở", "Ban", "Đảng", "Bộ", "Nhà", "Chính", "Quốc", "Thủ", "Chủ", "Phó", "Đại",
              "Trung", "Tổng", "Cục", "Ngoại", "Đoàn", "UBND", "HĐND", "Thường", "Công", "Việt", "Tỉnh",
              "Thành", "Các", "Những", "Này", "Đó", "Ông", "Bà", "Trường", "Viện", "Liên", "Xã", "Huyện", "Phòng"}


def find_unknown_places(text: str, key_text: str, known: list[Place]) -> list[UnknownPlace]:
    covered = [(p.start, p.end) for p in known]
    counts: dict[str, list] = {}
    for m in _PLACE_WORD.finditer(key_text):
        name = _NAME.match(text, m.end())
        if not name:
            continue
        value = name.group(0).strip(" -(")
        start = name.start()
        if value.split(" ")[0].split("-")[0] in _NOT_NAMES or len(value) < 2:
            continue
        if any(s <= start < e for s, e in covered):
            continue
        context = text[max(0, m.start() - 40):min(len(text), name.end() + 40)].replace("\n", " ")
        entry = counts.setdefault(value, [0, context])
        entry[0] += 1
    return [UnknownPlace(name, context, n) for name, (n, context) in sorted(counts.items())]
