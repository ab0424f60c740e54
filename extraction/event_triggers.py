"""The words that announce a cooperation event, by event type (match form, lower case)."""
from __future__ import annotations

import re

from .text import trie_regex


def _expand(*parts: list[str]) -> list[str]:
    """All concatenations of one choice per part: _expand(["a ", ""], ["b"]) -> ["a b", "b"]."""
    phrases = [""]
    for options in parts:
        phrases = [p + o for p in phrases for o in options]
    return phrases


TRIGGERS: dict[str, list[str]] = {
    "agreement_signing": ["ký kết", "lễ ký", "ký thỏa thuận", "ký biên bản", "ký bản ghi nhớ", "ký hiệp định",
                          "ký mou", "ký văn kiện", "ký các văn kiện", "ký thư", "đã ký", "vừa ký", "thiết lập quan hệ"]
                         + _expand(["trao "], ["", "bản ", "các "], ["", "dự thảo "],
                                   ["thỏa thuận", "biên bản ghi nhớ"]),
    "twinning": ["kết nghĩa", "thiết lập quan hệ hữu nghị", "thiết lập quan hệ kết nghĩa",
                 "quan hệ hữu nghị và hợp tác"],
    "trade_promotion": ["xúc tiến thương mại", "xúc tiến đầu tư", "hội chợ", "triển lãm", "kết nối giao thương",
                        "kết nối kinh doanh", "roadshow", "xúc tiến du lịch"],
    "roundtable": ["tọa đàm", "bàn tròn"],
    "conference": ["hội nghị", "hội thảo", "diễn đàn"],
    "working_session": ["hội đàm", "buổi làm việc", "làm việc với", "đã làm việc", "hội kiến", "gặp gỡ", "điện đàm",
                        "cuộc gặp", "cuộc hội đàm", "cuộc làm việc",
                        "trao đổi với", "buổi tiếp xúc", "buổi gặp", "gặp mặt", "tiếp xúc với"],
    "reception": _expand(["tiếp "], ["xã giao", "thân mật", "đón", "và làm việc", "đoàn", "ông", "bà", "ngài",
                                     "đại sứ", "tổng lãnh sự", "lãnh đạo", "bộ trưởng", "thống đốc", "chủ tịch", "phó",
                                     "đại diện", "tỉnh trưởng", "thị trưởng", "tổng thống", "thủ tướng", "phái đoàn",
                                     "các đại sứ", "nhà đầu tư", "tập đoàn"]) + ["đón tiếp", "đón đoàn"],
    "visit": ["chuyến thăm", "chuyến công tác", "thăm chính thức", "thăm cấp nhà nước", "thăm và làm việc",
              "thăm làm việc", "đi thăm", "ghé thăm", "thăm hữu nghị", "chuyến khảo sát", "khảo sát thực tế"]
             + _expand(["đến ", "tới ", "sang "], ["thăm"]) + ["thăm tỉnh", "thăm thành phố", "thăm thủ đô"],
}
TRIGGER_TYPE = {phrase: kind for kind, phrases in TRIGGERS.items() for phrase in phrases}
TRIGGER = re.compile(r"(?<!\w)" + trie_regex(TRIGGER_TYPE) + r"(?!\w)")
