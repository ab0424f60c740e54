"""Trade figures: "kim ngạch thương mại Việt Nam - Nga đạt 4,85 tỷ USD", "xuất khẩu của Quảng Ninh sang Nga đạt…".

Each money amount (or growth rate without an amount) is tied to the nearest trade keyword before it in the same
sentence; the reporter is the Vietnamese side (or a foreign region that leads a "giữa X và Y" turnover), the partner
the foreign side. Targets, forecasts, company and single-commodity figures are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .context import ANAPHORA, COMPANY, Article
from .dates import Period, find_periods
from .facts import TradeFact
from .numbers import Change, Money, find_changes, find_money, is_plan
from .places import Place
from .text import Sentence, trie_regex

_KEYWORD = re.compile(trie_regex([
    "kim ngạch xuất nhập khẩu", "kim ngạch xuất khẩu", "kim ngạch nhập khẩu", "xuất nhập khẩu", "kim ngạch thương mại",
    "thương mại hai chiều", "thương mại song phương", "trao đổi thương mại", "kim ngạch trao đổi", "giá trị thương mại",
    "kim ngạch buôn bán", "buôn bán hai chiều", "giao thương hai chiều", "xuất khẩu", "nhập khẩu", "con số này",
    "con số trên", "kim ngạch", "trao đổi hàng hóa", "thương mại hàng hóa", "kim ngạch hai chiều",
    "xuất, nhập khẩu", "xuất - nhập khẩu", "xuất-nhập khẩu", "giá trị thương mại hai chiều", "thương mại giữa",
    "thương mại việt nam"]))
_NOT_TRADE = re.compile(r"vốn|dự án|đầu tư|viện trợ|tài trợ|doanh thu|lợi nhuận|ngân sách|giải ngân|fdi|oda|"
                        r"chiếm|lượt khách|du lịch|xuất siêu|nhập siêu|thặng dư|thâm hụt|cán cân|kiều hối")
_COMMODITY = re.compile(      # whole words: "than" is coal, not the first letters of "Thanh Hóa" or "Lệ Thanh"
    r"(?<!\w)(?:gạo|cà phê|thủy sản|hải sản|tôm|cá tra|dệt may|may mặc|da giày|điện thoại|máy tính|điện tử|rau quả|"
    r"trái cây|hồ tiêu|hạt điều|cao su|gỗ|than|dầu thô|xăng dầu|sắt thép|thép|máy móc|nông sản|phân bón|sầu riêng|"
    r"thanh long|chè|sữa|ô tô|linh kiện|hóa chất|dược phẩm|thực phẩm|khoáng sản|quặng|lúa mì|ngô|đậu tương|"
    r"bông|xơ sợi)(?!\w)"
)


@dataclass
class _Party:
    country: str
    code: str | None
    name: str | None


def _party(place: Place) -> _Party:
    return _Party(place.country_code, place.locality_code, None if place.is_country else place.entry.name)


_VN = _Party("VN", None, None)


def _flow(keyword: str) -> str | None:
    if "nhập khẩu" in keyword and "xuất" in keyword or "hai chiều" in keyword or "thương mại" in keyword \
            or "trao đổi" in keyword or "buôn bán" in keyword \
            or "giao thương" in keyword:
        return "turnover"
    if "xuất khẩu" in keyword:
        return "export"
    if "nhập khẩu" in keyword:
        return "import"
    return None   # "kim ngạch", "con số này": from the previous fact, else turnover


def _parties(article: Article, start: int, end: int, flow: str,
             prior: TradeFact | None = None) -> tuple[_Party, _Party | None, str] | None:
    places = article.places_in(start, end)
    if not places and prior is not None and not ANAPHORA.search(article.key_of(start, end)):
        listed = {p.country_code for p in article.places_in(prior.char_start, prior.char_end) if not p.is_vietnamese}
        partner = None if prior.partner_country_code is None or len(listed) > 1 else _Party(
            prior.partner_country_code, prior.partner_locality_code, prior.partner_locality_name)
        reporter = _Party(prior.reporter_country_code, prior.reporter_locality_code, prior.reporter_locality_name)
        return reporter, partner, "parties from the previous figure"
    vn = [p for p in places if p.is_vietnamese]
    foreign = [p for p in places if not p.is_vietnamese]
    reason = ""
    if not vn and len({p.country_code for p in foreign}) > 1 and _subject_is_foreign(article, places) \
            and not ANAPHORA.search(article.key_of(start, end)):
        return None                                   # "xuất khẩu của Trung Quốc sang Mỹ": not Vietnam's trade
    if foreign and not foreign[0].is_country and flow == "turnover" and (not vn or foreign[0].start < vn[0].start):
        partner = _party(vn[0]) if vn else None
        return _party(foreign[0]), partner, "reporter is a foreign region"
    if flow in ("export", "import") and vn and foreign and _subject_is_foreign(article, places):
        partner = foreign[0]
        return _party(next((p for p in vn if not p.is_country), vn[0])), _party(partner), "flipped: foreign exporter"
    vn_localities = sorted((p for p in vn if not p.is_country), key=lambda p: p.entry.level != "province")
    if vn_localities:
        reporter = _party(vn_localities[0])
    elif vn:
        reporter = _VN
    else:
        clause = article.key_of(start, end)
        recent = article.recent_vn_locality(start) if ANAPHORA.search(clause) or _LOCAL_GATE.search(clause) else None
        reporter = _party(recent) if recent else _VN
        reason = "reporter from context" if recent else "reporter defaulted to Việt Nam"
    countries = {p.country_code for p in foreign}
    if len(countries) > 1:
        foreign = [max(foreign, key=lambda p: p.start)]
        reason = (reason + "; " if reason else "") + "several partners named, nearest kept"
    partner = _party(foreign[-1]) if foreign else None
    if partner is None and _BILATERAL.search(article.key_of(start, end)):
        main = article.main_foreign_country()
        if main is not None:
            partner = _party(main)
            reason = (reason + "; " if reason else "") + "bilateral partner from the article"
    return reporter, partner, reason


_LOCAL_GATE = re.compile(r"qua (?:các )?cửa khẩu|trên địa bàn|toàn tỉnh")   # a province's own statistics


def _heading_period(article: Article, sentence: Sentence) -> Period | None:
    """"Bảng số liệu … 7 tháng đầu năm 2024 của tỉnh Vĩnh Phúc:" then "Xuất khẩu: 3,7 tỷ USD": the list's period."""
    index = article.index_of(sentence)
    for before in reversed(article.sentences[max(0, index - 4):index]):
        if before.text.rstrip().endswith(":"):
            found = find_periods(article.key_of(before.start, before.end), article.published)
            return found[-1] if found else None
    return None


_BILATERAL = re.compile(r"song phương|hai chiều|hai nước|hai bên|giữa hai|hai địa phương")


_DESTINATION = re.compile(r"(?:sang|tới|đến|vào|từ|với|cho|thị trường|của cả)\s+(?:thị trường\s+|nước\s+)?$")


def _subject_is_foreign(article: Article, places: list[Place]) -> bool:
    """"Lào xuất khẩu sang Việt Nam…", "xuất khẩu của Lào sang Việt Nam": the exporter/importer is foreign."""
    for place in places:
        if _DESTINATION.search(article.key[max(0, place.start - 16):place.start]):
            continue
        if _MARKET_LIST.search(article.key[max(0, place.start - 80):place.start]):
            return False              # "Các thị trường xuất khẩu chính gồm: Hoa Kỳ (1,5 tỷ USD), Hàn Quốc (…)"
        ranked = _RANKED_AS.search(article.key[max(0, place.start - 8):place.start])   # "tiếp theo là X"
        if ranked or _MARKET.match(article.key, place.end):
            return False              # "Mỹ là thị trường xuất khẩu lớn nhất của Việt Nam": the market, not the seller
        return place.is_country and not place.is_vietnamese
    return False


_RANKED_AS = re.compile(r"\blà\s+$")
_MARKET_LIST = re.compile(r"thị trường[^.;]{0,50}(?:gồm|là|:)[^.;]*$")
_MARKET = re.compile(r"[^.;]{0,25}?(?:\blà\b|thị trường|đối tác|khách hàng|nguồn cung)")


def _clause_start(article: Article, sentence: Sentence, pos: int) -> int:
    """After the last ';' or ':' before ``pos`` — but a headline's "Lạng Sơn: Kim ngạch …" keeps its topic."""
    colon = -1 if _is_headline(article, sentence) else article.text.rfind(":", sentence.start, pos)
    cut = max(article.text.rfind(";", sentence.start, pos), colon)
    return cut + 1 if cut >= 0 else sentence.start


def _is_headline(article: Article, sentence: Sentence) -> bool:
    sentences = article.sentences
    return sentence is sentences[0] and len(sentences) > 1 and sentences[1].paragraph != sentence.paragraph


def _figures(key: str) -> list[tuple[int, Money | None, Change | None]]:
    money = find_money(key)
    changes = find_changes(key)
    figures: list[tuple[int, Money | None, Change | None]] = []
    for i, m in enumerate(money):
        limit = money[i + 1].start if i + 1 < len(money) else len(key)
        change = next((c for c in changes if m.end <= c.start < limit), None)
        figures.append((m.start, m, change))
    used = {id(c) for _, _, c in figures if c is not None}
    for c in changes:
        if id(c) not in used and not any(m.start <= c.start < m.end + 60 for m in money):
            figures.append((c.start, None, c))
    return sorted(figures, key=lambda f: f[0])


def extract_trade(article: Article, version: str) -> list[TradeFact]:
    facts: list[TradeFact] = []
    for index in sorted(article.sentences_matching(_KEYWORD)):       # one scan of the text finds the sentences
        sentence = article.sentences[index]
        key = article.key_of(sentence.start, sentence.end)
        keywords = list(_KEYWORD.finditer(key))
        if not keywords or is_plan(key):
            continue
        periods = find_periods(key, article.published)
        figures = _figures(key)
        respectively = _respectively(key, keywords, figures)
        for pos, money, change in figures:
            own = [respectively[pos]] if pos in respectively else keywords
            fact = _fact(article, sentence, key, own, periods, pos, money, change, facts, version)
            if fact is not None:
                facts.append(fact)
    return facts


def _respectively(key: str, keywords: list, figures: list) -> dict:
    """"Xuất khẩu và nhập khẩu … lần lượt đạt 1,2 tỷ USD và 0,8 tỷ USD": the n-th flow gets the n-th amount."""
    at = key.find("lần lượt")
    if at < 0:
        return {}
    flows = [k for k in keywords if k.end() <= at and _flow(k.group(0))]
    amounts = [pos for pos, money, _ in figures if money is not None and pos > at]
    return dict(zip(amounts, flows, strict=True)) if len(flows) == len(amounts) > 1 else {}


def _fact(article, sentence, key, keywords, periods, pos, money, change, previous, version) -> TradeFact | None:
    keyword = next((k for k in reversed(keywords) if k.end() <= pos), None)
    if keyword is None or pos - keyword.end() > 160:
        return None
    between = key[keyword.end():pos]
    if _NOT_TRADE.search(between) or COMPANY.search(key[max(0, keyword.start() - 60):pos]) \
            or _COMMODITY.search(key[keyword.start():pos]) or (money is None and pos - keyword.end() > 100):
        return None
    if money is None and not any(word in key[pos:pos + 40] for word in ("%", "lần", "gấp")):
        return None
    flow = _flow(keyword.group(0))
    prior = previous[-1] if previous and sentence.start - previous[-1].char_end < 400 else None
    abs_start = sentence.start + _clause_start(article, sentence, sentence.start + keyword.start()) - sentence.start
    abs_end = sentence.start + (money.end if money else pos)
    if flow is None and prior is not None and keyword.group(0).startswith("con số"):
        reporter = _Party(prior.reporter_country_code, prior.reporter_locality_code, prior.reporter_locality_name)
        partner = None if prior.partner_country_code is None else _Party(
            prior.partner_country_code, prior.partner_locality_code, prior.partner_locality_name)
        flow, reason = prior.flow, "figure refers to the previous one"
    else:
        flow = flow or "turnover"
        span_start = min(abs_start, sentence.start + keyword.start())
        own_clause = _clause_start(article, sentence, sentence.start + pos)
        if own_clause > span_start and article.places_in(own_clause, abs_end):
            span_start = own_clause       # "…; tiếp theo là Trung Quốc với 44,3 tỷ USD": this clause's partner
        resolved = _parties(article, span_start, abs_end, flow, prior)
        if resolved is None:
            return None
        reporter, partner, reason = resolved
        if reason.startswith("flipped"):
            flow = "import" if flow == "export" else "export"
    if "defaulted" in reason and prior is not None:     # "Trong đó, xuất khẩu sang Trung Quốc đạt…"
        reporter = _Party(prior.reporter_country_code, prior.reporter_locality_code, prior.reporter_locality_name)
        reason = reason.replace("reporter defaulted to Việt Nam", "reporter from the previous figure")
    if partner is not None and partner.country == reporter.country and partner.code == reporter.code:
        partner = None
    period = next((p for p in reversed(periods) if p.start < pos), None) or (periods[0] if periods else None)
    if period is None and prior is not None and prior.period_year is not None:    # "Trong cùng kỳ, …", "Trong đó, …"
        period = Period(0, 0, prior.period_year, prior.period_month_from, prior.period_month_to)
    if period is None:
        period = _heading_period(article, sentence)
    confidence = 0.9 - (0.2 if "defaulted" in reason else 0.0) - (0.1 if "nearest" in reason else 0.0)
    return TradeFact(
        extractor_version=version, char_start=sentence.start, char_end=sentence.end, evidence=sentence.text,
        reporter_country_code=reporter.country, reporter_locality_code=reporter.code,
        reporter_locality_name=reporter.name, partner_country_code=partner.country if partner else None,
        partner_locality_code=partner.code if partner else None,
        partner_locality_name=partner.name if partner else None,
        flow=flow, value=money.value if money else None, currency=money.currency if money else None,
        value_usd=money.usd if money else None, value_qualifier=money.qualifier if money else None,
        period_year=period.year if period else None, period_month_from=period.month_from if period else None,
        period_month_to=period.month_to if period else None, change_pct=change.pct if change else None,
        confidence=round(confidence, 2), confidence_reason=reason or None,
    )
