"""Event context: who took part, where, in which sectors, and the agreement status (helpers of events.py)."""
from __future__ import annotations

import bisect
import re
from datetime import date

from .context import Article
from .dates import DateMention
from .event_parts import DRAFT, PROPOSED, sector_set
from .event_triggers import TRIGGER as _TRIGGER
from .text import whole_word

# A later sentence that places itself at the event ("Lãnh đạo các tỉnh … cũng trao đổi tại tọa đàm về …") still
# tells who took part and what was discussed, however far down the article it comes.
AT_THE_EVENT = re.compile(r"(?:tại|trong|cũng tại)\s+(?:buổi\s+|cuộc\s+)?(?:tọa đàm|hội nghị|hội thảo|diễn đàn|"
                          r"làm việc|tiếp|hội đàm|gặp|lễ ký|hội chợ)\b")
_REACH = 16
# every alternative opens with a letter (not a group): see text.whole_word
_ATTENDANCE = re.compile(r"tham dự|có sự tham gia|với sự tham gia|có mặt|đại diện các|đại diện của|cùng dự|"
                         + "|".join(f"{verb} tại (?:tọa đàm|hội nghị|hội thảo|diễn đàn|buổi)"
                                    for verb in ("chia sẻ", "trao đổi", "phát biểu")))
VN_BODY = re.compile(r"ubnd|ủy ban nhân dân|tỉnh ủy|thành ủy|hđnd|hội đồng nhân dân|sở ngoại vụ|bộ ngoại giao|"
                      r"thủ tướng chính phủ|chính phủ|bộ trưởng bộ|thứ trưởng bộ|bí thư|lãnh đạo tỉnh|tỉnh ta|"
                      r"lãnh đạo thành phố|đoàn công tác của tỉnh|đoàn đại biểu tỉnh|đoàn công tác tỉnh|quốc hội")
_LOCAL_BODY = re.compile(r"(?:ubnd|ủy ban nhân dân|tỉnh ủy|thành ủy|hđnd|hội đồng nhân dân|sở ngoại vụ|lãnh đạo|"
                         r"đoàn|đoàn công tác|đoàn đại biểu)(?: của)? (?:tỉnh|thành phố)(?! \w*[A-ZĐ])|hai bên")
_LOCATION = re.compile(r"(?:tại|ở)\s+(?:thủ đô\s+|tỉnh\s+|thành phố\s+|tp\.?\s*|bang\s+|vùng\s+)?$")


def plausible(mention: DateMention, published: date | None) -> bool:
    if mention.value is None or published is None:
        return True
    delta = (mention.value - published).days
    if mention.precision == "month":
        return -400 <= delta <= 365
    return -150 <= delta <= 200


_AGREEMENT = re.compile(rf"thỏa thuận|biên bản ghi nhớ|{whole_word('mou')}|hiệp định|văn kiện|kết nghĩa")


def agreement_status(kind: str, key: str, sentence_key: str) -> str | None:
    """signed for a signing or twinning; draft/proposed when a meeting handles an agreement not yet signed."""
    if kind in ("agreement_signing", "twinning"):
        return "draft" if DRAFT.search(key) else "proposed" if PROPOSED.search(key) else "signed"
    if _AGREEMENT.search(sentence_key):
        if DRAFT.search(sentence_key):
            return "draft"
        if PROPOSED.search(sentence_key):
            return "proposed"
    return None


# phrases, not a regex: "in" finds them faster
_DISCUSSION = ("hai bên", "hai tỉnh", "hai địa phương", "hai thành phố", "hai nước",
               "trao đổi", "thảo luận", "lĩnh vực", "thống nhất", "đề xuất", "đề nghị", "nhất trí",
               "tiềm năng hợp tác", "nội dung", "tập trung", "bàn về", "bàn thảo", "chia sẻ", "khả năng hợp tác",
               "cơ hội hợp tác", "theo thỏa thuận", "hợp tác trong", "hợp tác về", "định hướng hợp tác", "kêu gọi")


def sectors_of_event(article: Article, index: int, cand, alone: bool) -> set[str]:
    """Sectors of the event's own words, then of the sentences reporting what was discussed."""
    sentence = article.sentences[index]
    if cand.start == sentence.start and cand.end == sentence.end:
        found = set(article.sentence_sectors(index))      # the whole sentence: its sectors, found once
    else:
        found = sector_set(article.key, article.text, cand.start, cand.end)
    if found and not alone:
        return found                              # "kết nghĩa … trong lĩnh vực văn hóa, du lịch"
    if alone:
        found |= article.sentence_sectors(index)
    found |= _headline_sectors(article, index) | _subheading_sectors(article, index)
    field = article.sentences_matching(_FIELD)                # one scan of the article, cached
    for i in range(index + 1, _next_event(article, index)):
        if i in field or i < index + 6 and _flag(article, i, "discussing") \
                or i < index + _REACH and _flag(article, i, "at_event"):
            found |= article.sentence_sectors(i)
    return found




def _flag(article: Article, index: int, name: str) -> bool:
    """Does sentence ``index`` report the discussion / place itself at the event? (computed once)"""
    memo = article.memo.setdefault(name, {})
    if index not in memo:
        s = article.sentences[index]
        key = article.key_of(s.start, s.end)
        if name == "discussing":
            memo[index] = any(phrase in key for phrase in _DISCUSSION) and _FIGURE.search(key) is None
        else:
            memo[index] = AT_THE_EVENT.search(key) is not None
    return memo[index]

_FIELD = re.compile(r"lĩnh vực")
_FIGURE = re.compile(r"(?:kim ngạch|thương mại|xuất khẩu|nhập khẩu)[^.;]*\d[\d.,]*\s*(?:tỷ|tỉ|triệu)")
_DATELINE = re.compile(r"\s*\((?:ttxvn|vna|pv|ctv|vietnam\+|tg&vn|dân trí|vov)[^)]{0,20}\)\s*[-–—]")


def in_dateline(article: Article, place) -> bool:
    """"Jakarta (TTXVN) - …": the place the report was filed from, not a side of the event."""
    return _DATELINE.match(article.key, place.end) is not None


def _headline_sectors(article: Article, index: int) -> set[str]:
    """The headline's sectors belong to the article's first event when the headline is about it ("Quảng Nam xúc tiến
    thương mại tại Queensland"): it names one of the event sentence's places or an event word."""
    sentences = article.sentences
    if index == 0 or len(sentences) < 2 or sentences[1].paragraph == sentences[0].paragraph:
        return set()
    memo = article.memo.setdefault("headline", {})
    if "first" not in memo:
        head = sentences[0]
        memo["first"] = min((i for i in article.sentences_matching(_TRIGGER) if i > 0), default=-1)
        memo["named"] = {p.locality_code or p.country_code for p in article.places_in(head.start, head.end)}
    if index != memo["first"]:
        return set()
    named = memo["named"]
    here = {p.locality_code or p.country_code for p in article.places_in(sentences[index].start, sentences[index].end)}
    if named & here or 0 in article.sentences_matching(_TRIGGER):
        return article.sentence_sectors(0)
    return set()


def _subheading_sectors(article: Article, index: int) -> set[str]:
    """A section title ("Thúc đẩy thương mại, đầu tư": a short line of its own, no full stop) gives its sectors to
    the first event of its section."""
    sentences, triggered = article.sentences, article.sentences_matching(_TRIGGER)
    for i in range(index - 1, max(0, index - 8), -1):
        s = sentences[i]
        own_line = sentences[i - 1].paragraph != s.paragraph and sentences[i + 1].paragraph != s.paragraph
        if own_line and len(s.text) < 100 and not s.text.rstrip().endswith((".", "!", "?", ":", ")")):
            return article.sentence_sectors(i)
        if i in triggered:
            return set()                   # an earlier event of the section takes the title
    return set()


_ANOTHER = re.compile(r"trước đó|sau đó|tiếp đó|ngày hôm sau|hôm sau")     # opening the sentence (or "cùng ngày")


def _next_event(article: Article, index: int) -> int:
    """Index of the next sentence announcing another dated event (or the article's end): the context limit."""
    memo = article.memo.setdefault("event_starts", {})
    if "list" not in memo:
        memo["list"] = [i for i in sorted(article.sentences_matching(_TRIGGER)) if _dated_trigger(article, i)]
    starts = memo["list"]
    at = bisect.bisect_right(starts, index)
    return starts[at] if at < len(starts) else len(article.sentences)


def _dated_trigger(article: Article, index: int) -> bool:
    """Does sentence ``index`` announce another dated event? (cached per article)"""
    memo = article.memo.setdefault("dated_trigger", {})
    if index not in memo:
        s = article.sentences[index]
        memo[index] = index in article.sentences_matching(_TRIGGER) and (any(
            plausible(d, article.published) for d in article.sentence_dates(index) if d.value)
            or "cùng ngày" in article.key_of(s.start, s.end) or _ANOTHER.match(article.key, s.start, s.end) is not None)
    return memo[index]


def address_detail(article: Article, place) -> bool:
    """A district inside an address in brackets ("xã Ia Rvê (huyện Ea Súp, tỉnh Đắk Lắk)") is no participant."""
    if _FOREIGN_MISSION_SEAT.search(article.key[max(0, place.start - 50):place.start]):
        return True                    # "Tổng Lãnh sự Trung Quốc tại Hà Nội": the seat of a foreign mission
    if place.entry.level not in ("district", "city"):
        return False
    before = article.text[max(0, place.start - 40):place.start]
    return "(" in before and ")" not in before[before.rfind("("):]


_FOREIGN_MISSION_SEAT = re.compile(r"(?:đại sứ quán|lãnh sự quán|đại sứ|lãnh sự)\s+(?!việt nam)[^,.;()]{2,30}\s+tại\s+"
                                   r"(?:thành phố\s+|tp\.?\s*)?$")


_REFERS_BACK = re.compile(r"^(?:nhân dịp này|dịp này|trong dịp này|tại đây|cũng tại đây|trong chương trình|"
                          r"trong chuyến|cũng trong chuyến)\b|\bđoàn (?:đã|cũng|tiếp tục|còn)\b")


def _sides_told(article: Article, index: int) -> tuple[bool, list, list]:
    """(reports attendance?, foreign places, Vietnamese places) of sentence ``index`` (computed once)."""
    memo = article.memo.setdefault("sides_told", {})
    if index not in memo:
        s = article.sentences[index]
        places = article.places_in(s.start, s.end)
        memo[index] = (_ATTENDANCE.search(article.key, s.start, s.end) is not None,
                       [p for p in places if not p.is_vietnamese], [p for p in places if p.is_vietnamese])
    return memo[index]


def sides_of(article: Article, index: int, cand, alone: bool):
    sentence = article.sentences[index]
    segment = article.places_in(cand.start, cand.end)
    whole = article.places_in(sentence.start, sentence.end)
    foreign = [p for p in segment if not p.is_vietnamese]
    if alone and not foreign:
        foreign = [p for p in whole if not p.is_vietnamese]
    vn = [p for p in whole if p.is_vietnamese]
    if not foreign and index > 0 and _REFERS_BACK.search(article.key_of(sentence.start, sentence.end)):
        before = article.sentences[index - 1]             # "Trong chương trình, đoàn đã dự hội nghị…"
        foreign = [p for p in article.places_in(before.start, before.end) if not p.is_vietnamese]
    for following_index in range(index + 1, min(index + _REACH, _next_event(article, index))):
        if following_index >= index + 6 and not _flag(article, following_index, "at_event"):
            continue
        attendance, its_foreign, its_vn = _sides_told(article, following_index)
        if attendance:                                 # "Tham dự tọa đàm có đại diện các tỉnh …"
            countries = {p.country_code for p in foreign}
            foreign = foreign + [p for p in its_foreign if not countries or p.country_code in countries]
            vn = vn + its_vn
        foreign = foreign or list(its_foreign)
        vn = vn or list(its_vn)
    head = article.sentences[0]
    if not foreign and index > 0:      # the headline names the partner
        foreign = [p for p in article.places_in(head.start, head.end) if not p.is_vietnamese]
    sentence_key = article.key_of(sentence.start, sentence.end)
    if not any(not p.is_country for p in vn) and _LOCAL_BODY.search(sentence_key):   # "UBND tỉnh", "đoàn của tỉnh"
        local = article.recent_vn_locality(sentence.start) or article.main_vn_locality()
        vn = vn + [local] if local is not None else vn
    if not vn and index > 0:
        vn = [p for p in article.places_in(head.start, head.end) if p.is_vietnamese]
    if not vn and VN_BODY.search(sentence_key):
        vn = [p for p in article.places if p.is_vietnamese and p.is_country][:1]
    return vn, foreign


_NATIONAL_BODY = re.compile(whole_word("bộ") + r" (?:ngoại giao|công thương|kế hoạch|tài chính|lao động|giáo dục|"
                            r"y tế|nông nghiệp|giao thông|xây dựng|tư pháp|quốc phòng|công an|khoa học|thông tin|"
                            r"văn hóa|tài nguyên|nội vụ)|chính phủ|quốc hội|thủ tướng|chủ tịch nước|"
                            r"cục đầu tư nước ngoài|cục xúc tiến")


def venue_only(article: Article, place, vn: list, sentence_key: str) -> bool:
    """A Vietnamese place named only as where the meeting was held, not as a side: a city or district next to its
    province ("tại thành phố Hạ Long, Chủ tịch UBND tỉnh Quảng Ninh…"), or the capital hosting a ministry's meeting
    ("tại Hà Nội, Bộ Lao động - Thương binh và Xã hội…")."""
    if place.is_country or not _LOCATION.search(article.key[max(0, place.start - 20):place.start]):
        return False
    if place.entry.level in ("city", "district", "commune"):
        return any(p.entry.level == "province" and p.locality_code != place.locality_code for p in vn)
    named_again = sum(p.locality_code == place.locality_code for p in vn) > 1
    return not named_again and _NATIONAL_BODY.search(sentence_key) is not None


def location_of(article: Article, cand):
    for place in article.places_in(cand.start, cand.end):
        if _LOCATION.search(article.key[max(cand.start, place.start - 20):place.start]):
            return place
    return None
