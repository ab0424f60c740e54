"""Event attributes: participants, sectors, online flag, agreement status, and the in-article merge."""
from __future__ import annotations

import re

from .facts import EventFact, Participant
from .gazetteer import PlaceEntry
from .places import Place
from .text import trie_regex, whole_word

SECTOR_WORDS: dict[str, list[str]] = {
    "trade": ["thương mại", "xuất khẩu", "nhập khẩu", "xuất nhập khẩu", "giao thương", "hàng hóa", "thị trường",
              "buôn bán"],
    "investment": ["đầu tư", "fdi"],
    "tourism": ["du lịch", "du khách", "đường bay"],
    "energy": ["năng lượng", "điện gió", "điện mặt trời", "dầu khí", "điện khí", "điện hạt nhân"],
    "education": ["giáo dục", "đào tạo", "trường đại học", "du học", "sinh viên", "học bổng"],
    "health": ["y tế", "y học", "dược", "bệnh viện", "chăm sóc sức khỏe", "phòng, chống dịch", "phòng chống dịch",
               "dịch bệnh", "trường đại học y",
               "điều dưỡng", "khám chữa bệnh", "khám, chữa bệnh"],
    "agriculture": ["nông nghiệp", "nông sản", "thủy sản", "hải sản", "chế biến nông", "lâm nghiệp", "chăn nuôi",
                    "nuôi trồng", "gia cầm"],
    "industry": ["công nghiệp", "chế biến", "chế tạo", "khu công nghiệp", "sản xuất", "đóng tàu", "cơ khí"],
    "logistics": ["logistics", "kho vận", "vận tải hàng"],
    "culture": ["văn hóa", "thể thao", "giao lưu nhân dân", "nghệ thuật", "di sản", "di tích", "lễ hội", "festival"],
    "technology": ["công nghệ", "chuyển đổi số", "khoa học", "đổi mới sáng tạo", "kỹ thuật số", "thành phố thông minh",
                   "đô thị thông minh", "chính quyền số", "kinh tế số", "trí tuệ nhân tạo"],
    "finance": ["tài chính", "ngân hàng"],
    "seaport": ["cảng biển", "hàng hải"],
    "labour": ["lao động", "việc làm", "nhân lực", "phái cử", "thực tập sinh", "tu nghiệp sinh"],
    "environment": ["môi trường", "biến đổi khí hậu", "phát thải", "rác thải", "chất thải", "nước thải"],
    "transport": ["giao thông", "đường sắt", "hàng không", "đường bộ"],
}
SECTOR_OF = {phrase: sector for sector, phrases in SECTOR_WORDS.items() for phrase in phrases}
SECTOR_PATTERN = re.compile(r"(?<!\w)" + trie_regex(SECTOR_OF) + r"(?!\w)")
ONLINE = re.compile(rf"trực tuyến|{whole_word('online')}|điểm cầu|truyền hình trực tiếp|hội nghị truyền hình")
DRAFT = re.compile(r"dự thảo")
PROPOSED = re.compile(r"(?:đề xuất|đề nghị|dự kiến|sẽ|hướng tới|tiến tới|thống nhất|nghiên cứu)\s+(?:sớm\s+|việc\s+)?"
                      r"(?:ký|thiết lập|xây dựng)")
TYPE_PRIORITY = ("twinning", "agreement_signing", "trade_promotion", "roundtable", "conference", "working_session",
                 "reception", "visit", "other")


# Heads of organisation names: "Bộ Thương mại bang Queensland", "Phòng Thương mại và Công nghiệp Moskva",
# "Sở Văn hóa, Thể thao và Du lịch" name a body, not what was discussed.
# A department's name tells its field ("Sở Du lịch", "Bộ Lao động"), so those words count; not so the names of
# chambers, agencies, associations and firms.
_ORG_HEADS = {"phòng", "hiệp hội", "trung tâm", "tổ chức", "quỹ", "liên đoàn", "công ty", "tập đoàn", "tổng công ty",
              "ngân hàng"}
_NAME_WORD = re.compile(r"(?:(\w+)|(,))\s*$")


def in_organisation_name(text: str, start: int) -> bool:
    """Is the sector phrase at ``start`` (capitalised as written) a word of an organisation's proper name?"""
    if not text[start:start + 1].isupper():
        return False
    words: list[str] = []                  # read backwards from the phrase
    lower_run = 0
    pos = start
    for _ in range(8):
        m = _NAME_WORD.search(text, max(0, pos - 30), pos)
        if m is None:
            break
        word = (m.group(1) or ",").lower()
        lower_run = lower_run + 1 if word not in (",", "và") and not m.group(0)[:1].isupper() else 0
        if lower_run > 1:
            break                          # two lower-case words in a row: the name has ended
        words.append(word)
        pos = m.start()
        if word in _ORG_HEADS or len(words) > 1 and f"{word} {words[-2]}" in _ORG_HEADS:
            return True
    return False


def sector_set(key: str, text: str, start: int, end: int) -> set[str]:
    """Sectors named between two offsets, leaving out the words of organisation names."""
    return {SECTOR_OF[m.group(0)] for m in SECTOR_PATTERN.finditer(key, start, end)
            if not in_organisation_name(text, m.start())}


def sectors_of(keys: list[str]) -> list[str]:
    return sectors_in_order({SECTOR_OF[m.group(0)] for key in keys for m in SECTOR_PATTERN.finditer(key)})


def sectors_in_order(found: set[str]) -> list[str]:
    return [s for s in ("trade", "investment", "tourism", "energy", "education", "health", "agriculture", "industry",
                        "logistics", "culture", "technology", "finance", "seaport", "labour", "environment",
                        "transport") if s in found]


def participants_of(vn: list[Place], foreign: list[Place]) -> list[Participant]:
    result: list[Participant] = []

    def add(p: Participant) -> None:
        if p not in result:
            result.append(p)

    for place in foreign:
        if not place.is_country:
            add(Participant("foreign", place.country_code, place.locality_code, place.entry.name, place.entry.level))
        add(Participant("foreign", place.country_code, None, None, "country"))
    for place in vn:
        if place.is_country:
            add(Participant("vn", "VN", None, None, "country"))
        else:
            add(Participant("vn", "VN", place.locality_code, place.entry.name, place.entry.level))
    return result


def foreign_countries(event: EventFact) -> set[str]:
    return {p.country_code for p in event.participants if p.side == "foreign"}


def same_event(a: EventFact, b: EventFact) -> bool:
    """Two mentions in one article of one event: same day (or both undated, same type) and compatible partners."""
    fa, fb = foreign_countries(a), foreign_countries(b)
    if a.event_date is not None and b.event_date is not None:
        if a.event_date != b.event_date or a.event_date_precision != b.event_date_precision:
            return False
        if a.event_type == b.event_type:
            return not fa or not fb or bool(fa & fb)
        return "visit" in (a.event_type, b.event_type) and bool(fa & fb)   # meetings during a visit
    if a.event_date is None and b.event_date is None:
        la = {p.locality_code for p in a.participants if p.side == "foreign" and p.locality_code}
        lb = {p.locality_code for p in b.participants if p.side == "foreign" and p.locality_code}
        return a.event_type == b.event_type and fa == fb and la == lb
    return False


def merge_into(kept: EventFact, other: EventFact, keep_type: bool = False) -> None:
    """``other`` is another mention of ``kept`` (``keep_type``: an activity within it, "Tại chương trình, … ký kết")."""
    if not keep_type and TYPE_PRIORITY.index(other.event_type) < TYPE_PRIORITY.index(kept.event_type):
        kept.event_type = other.event_type
    countries = {p.country_code for p in kept.participants if p.side == "foreign"}
    for p in other.participants:
        foreign_stranger = keep_type and p.side == "foreign" and countries and p.country_code not in countries
        if p not in kept.participants and not foreign_stranger:
            kept.participants.append(p)
    kept.sectors = [s for s in dict.fromkeys(kept.sectors + other.sectors)]
    kept.is_online = kept.is_online or other.is_online
    kept.agreement_status = kept.agreement_status or other.agreement_status
    kept.location_name = kept.location_name or other.location_name
    kept.location_country_code = kept.location_country_code or other.location_country_code
    kept.confidence = max(kept.confidence, other.confidence)


def merge_events(events: list[EventFact]) -> list[EventFact]:
    kept: list[EventFact] = []
    for event in events:
        twin = next((k for k in kept if same_event(k, event)), None)
        if twin is None:
            kept.append(event)
        else:
            merge_into(twin, event)
    return kept


_MISSION_SEAT = re.compile(r"(?:đại sứ quán|lãnh sự quán|đại sứ|tổng lãnh sự|cơ quan đại diện)\s+việt nam\s+tại\s+$")


def is_mission_seat(article, place: Place) -> bool:
    """"Đại sứ quán Việt Nam tại Hà Lan": the place only hosts a Vietnamese mission."""
    return _MISSION_SEAT.search(article.key[max(0, place.start - 45):place.start]) is not None


def as_country_if_mission_seat(article, place: Place) -> Place:
    """"Tổng Lãnh sự quán Việt Nam tại Nam Ninh": the city hosts a Vietnamese mission, its country takes part."""
    if place.is_country or not _MISSION_SEAT.search(article.key[max(0, place.start - 45):place.start]):
        return place
    country = next((p for p in article.places if p.is_country and p.country_code == place.country_code), None)
    return country or Place(place.start, place.end, place.text, PlaceEntry(place.country_code, None,
                                                                          place.country_code, "country"))
