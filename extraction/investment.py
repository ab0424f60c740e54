"""Investment figures: "Nga có 150 dự án đầu tư tại Việt Nam, tổng vốn đăng ký 953,3 triệu USD, xếp thứ 25".

Works clause by clause (";" splits). A figure needs an aggregate cue (a project count, "tổng vốn", FDI, "vốn đầu tư
nước ngoài"); aid (ODA, viện trợ), targets and single-company or single-project figures are skipped.
"""
from __future__ import annotations

import re

from .context import ANAPHORA, COMPANY, Article
from .dates import find_as_of
from .facts import InvestmentFact
from .numbers import count_pattern, find_counts, find_money, is_plan
from .places import Place
from .text import Sentence, trie_regex, whole_word

CUE_PHRASES = [
    "vốn đầu tư", "vốn đăng ký", "tổng vốn", "tổng số vốn", "fdi", "vốn thực hiện", "đầu tư trực tiếp",
    "dự án đầu tư", "giải ngân", "vốn cam kết", "cấp phép", "cấp mới", "chứng nhận đăng ký đầu tư", "dự án fdi",
    "nhà đầu tư", "đầu tư vào", "đầu tư sang", "đầu tư tại"]
CUE = re.compile(r"(?<!\w)" + trie_regex(CUE_PHRASES) + r"(?!\w)")     # word-led (text.WordFinder)
_SKIP = re.compile(rf"{whole_word('oda')}|viện trợ|tài trợ|vốn vay|khoản vay|kêu gọi|"
                   r"kỳ vọng|mong muốn|đề nghị|cam kết hỗ trợ|tiềm năng|xuất khẩu|nhập khẩu|kim ngạch|vốn điều lệ")
_FOREIGN_CUE = re.compile(rf"nước ngoài|{whole_word('fdi')}|đầu tư trực tiếp|quốc gia và vùng lãnh thổ|quốc tế")
_PROJECTS = count_pattern(r"dự án")
_CAPITAL_BEFORE = re.compile(r"(?:vốn|đầu tư|fdi|giải ngân|cam kết|đăng ký|thu hút)[^;]{0,40}$")
_WILL = re.compile(whole_word("sẽ"))
_NAMED_PROJECT = re.compile(r"dự án\s+[A-ZĐ]")
_ASIDE = re.compile(r",\s*(?:trong đó|riêng|đặc biệt là)\s")
_CAPITAL_SUBJECT = re.compile(r"\W*(?:tổng\s+)?(?:số\s+)?vốn\s+(?:đầu tư|fdi|đăng ký|giải ngân)")   # clause subject
_CAPITAL_AFTER = re.compile(r"\s*(?:vốn|fdi\b|đầu tư)")
_HOST_MARK = re.compile(r"(?:tại|vào|sang|ở|đến|trên địa bàn)\s+(?:các\s+|tỉnh\s+|thành phố\s+|nước\s+)?$")
_RANK = re.compile(r"(?:xếp|đứng|xếp hạng)\s+(?:thứ|vị trí thứ)\s+(\d{1,3})")
_KIND = (("giải ngân", "disbursed"), ("thực hiện", "disbursed"), ("cam kết", "pledged"), ("đăng ký", "registered"),
         ("cấp phép", "registered"), ("cấp mới", "registered"), ("cấp giấy", "registered"),
         ("giấy chứng nhận", "registered"))


def _clauses(sentence: Sentence) -> list[tuple[int, int]]:
    spans, start, text = [], sentence.start, sentence.text
    i = text.find(";")
    while i >= 0:
        spans.append((start, sentence.start + i))
        start = sentence.start + i + 1
        i = text.find(";", i + 1)
    spans.append((start, sentence.end))
    return spans


def _kind(key: str, pos: int) -> str:
    window = key[max(0, pos - 60):pos]
    best = ("unspecified", -1)
    for word, kind in _KIND:
        at = window.rfind(word)
        if at > best[1]:
            best = (kind, at)
    return best[0]


def _after_host_mark(article: Article, place: Place, clause_start: int) -> bool:
    return bool(_HOST_MARK.search(article.key[max(clause_start, place.start - 25):place.start]))


def _sides(article: Article, start: int, end: int, key: str) -> tuple[Place | None, Place | str | None, str] | None:
    """(investor, host, reason); host may be the string 'VN' for the country when no place names it."""
    places = article.places_in(start, end)
    vn = [p for p in places if p.is_vietnamese]
    foreign = [p for p in places if not p.is_vietnamese]
    vn_best = next((p for p in vn if p.entry.level == "province"), None) or \
        next((p for p in vn if not p.is_country), vn[0] if vn else None)
    if foreign and vn:
        hosted_abroad = [f for f in foreign if _after_host_mark(article, f, start) and vn[0].start < f.start]
        if hosted_abroad:
            return vn[0], hosted_abroad[0], ""
        return foreign[0], vn_best, ""
    if foreign:
        if any(_after_host_mark(article, f, start) for f in foreign):
            return None
        recent = article.recent_vn_locality(start) if ANAPHORA.search(key) else None
        return foreign[0], recent or "VN", "host from context" if recent else "host defaulted to Việt Nam"
    if not _FOREIGN_CUE.search(key):
        return _licensed_for_partner(article, start, key, vn_best)
    if vn:
        return None, vn_best, ""
    recent = article.recent_vn_locality(start) if ANAPHORA.search(key) else None
    if recent is not None:
        return None, recent, "host from context"
    if article.recent_vn_locality(start) is None:
        return None, "VN", "host defaulted to Việt Nam (national report)"
    return None


_LICENSED = re.compile(r"giấy chứng nhận (?:đăng ký )?đầu tư|cấp phép|chủ trương đầu tư")


def _licensed_for_partner(article: Article, start: int, key: str, vn_best):
    """"Tại hội nghị, tỉnh trao giấy chứng nhận đầu tư cho 4 dự án…" right after a sentence naming one foreign
    country ("…300 doanh nghiệp Nhật Bản"): that country's investors."""
    if not _LICENSED.search(key):
        return None
    index = next((i for i, s in enumerate(article.sentences) if s.start <= start < s.end + 1), None)
    if not index:
        return None
    before = article.sentences[index - 1]
    countries = {p.country_code: p for p in article.places_in(before.start, before.end)
                 if p.is_country and not p.is_vietnamese}
    host = vn_best or (article.recent_vn_locality(start) if ANAPHORA.search(key) else None)
    if len(countries) != 1 or host is None or before.paragraph < article.sentences[index].paragraph - 2:
        return None
    return next(iter(countries.values())), host, "investor from the previous sentence"


_LIST_NEXT = re.compile("|".join(rf"{verb}\s+(?:thứ|vị trí thứ)\s+(?:hai|ba|tư|năm|\d+)" for verb in ("đứng", "xếp"))
                        + r"|tiếp theo là|tiếp đến là|theo sau là|kế đến là")     # each opening with a letter


def _ranking_facts(article: Article, sentence: Sentence, key: str, previous: InvestmentFact,
                   version: str) -> list[InvestmentFact]:
    """"Hàn Quốc đứng thứ hai với 4,19 tỷ USD, tiếp theo là Trung Quốc với 3,75 tỷ USD" after a ranked figure."""
    facts = []
    foreign = [p for p in article.places_in(sentence.start, sentence.end) if not p.is_vietnamese and p.is_country]
    last = 0
    for money in find_money(key):
        investor = next((p for p in reversed(foreign) if last <= p.start - sentence.start < money.start), None)
        last = money.end
        if investor is None:
            continue
        rank = _RANK_WORD.search(key, max(0, investor.end - sentence.start), money.start)
        facts.append(InvestmentFact(
            extractor_version=version, char_start=sentence.start, char_end=sentence.end, evidence=sentence.text,
            investor_country_code=investor.country_code, investor_locality_code=None, investor_locality_name=None,
            host_country_code=previous.host_country_code, host_locality_code=previous.host_locality_code,
            host_locality_name=previous.host_locality_name, project_count=None, project_count_qualifier=None,
            capital=money.value, currency=money.currency, capital_usd=money.usd, capital_qualifier=money.qualifier,
            capital_kind=previous.capital_kind, as_of_date=previous.as_of_date,
            rank=_rank_value(rank.group(1)) if rank else None, confidence=0.7,
            confidence_reason="continues the ranking of the previous figure"))
    return facts


_RANK_WORD = re.compile(r"(?:đứng|xếp)\s+(?:thứ|vị trí thứ)\s+(hai|ba|tư|năm|\d+)")


def _rank_value(word: str) -> int:
    return int(word) if word.isdigit() else {"hai": 2, "ba": 3, "tư": 4, "năm": 5}[word]


def extract_investments(article: Article, version: str) -> list[InvestmentFact]:
    facts: list[InvestmentFact] = []
    with_cue = article.sentences_matching(CUE)
    for index, sentence in enumerate(article.sentences):
        follows_a_fact = facts and sentence.start - facts[-1].char_end < 300
        if index not in with_cue and not follows_a_fact:
            continue
        sentence_key = article.key_of(sentence.start, sentence.end)
        as_of = find_as_of(sentence_key, article.published)
        if as_of is None and facts and facts[-1].char_start >= sentence.start - 600 and "ngược lại" in sentence_key:
            as_of = facts[-1].as_of_date
        ranked_word = "thứ" in sentence_key                 # _RANK needs it, _LIST_NEXT it or "là"
        rank_match = _RANK.search(sentence_key) if ranked_word else None
        listed = (ranked_word or "là" in sentence_key) and _LIST_NEXT.search(sentence_key)
        if listed and facts and sentence.start - facts[-1].char_end < 300 \
                and not CUE.search(sentence_key.replace("đầu tư tại", "")):
            ranked = _ranking_facts(article, sentence, sentence_key, facts[-1], version)
            if ranked:                          # else a figure of its own: "Trung Quốc có 800 dự án, đứng thứ hai"
                facts.extend(ranked)
                continue
        cues = article.sentence_matches(CUE).get(index, ())      # a cue never spans a ';'
        for start, end in _clauses(sentence):
            has_cue = any(start <= m.start() and m.end() <= end for m in cues)
            fact = _clause_fact(article, sentence, start, end, as_of, rank_match, version,
                                _host_giver(facts, sentence, sentence_key), has_cue)
            if fact is not None:
                facts.append(fact)
    return facts


def _host_giver(facts: list[InvestmentFact], sentence: Sentence, key: str) -> InvestmentFact | None:
    """The figure whose host a clause naming no host takes: one of the same sentence, or of the sentence just before
    ("Lũy kế, Bắc Ninh có 2.100 dự án… Hàn Quốc dẫn đầu với 1.050 dự án"), unless the clause is national."""
    if not facts:
        return None
    last = facts[-1]
    if last.char_start == sentence.start or sentence.start - last.char_end < 250 and "cả nước" not in key:
        return last
    return None


def _clause_fact(article, sentence, start, end, as_of, rank_match, version, previous, has_cue) -> InvestmentFact | None:
    key = article.key_of(start, end)
    counts = find_counts(_PROJECTS, key) if "dự án" in key else []     # the pattern needs the noun
    cued = has_cue or previous is not None and counts     # "… Trung Quốc dẫn đầu với 190 dự án."
    if not cued or _SKIP.search(key) or is_plan(key) or _WILL.search(key):
        return None
    money = find_money(key)
    capitals = [m for i, m in enumerate(money)
                if _CAPITAL_BEFORE.search(key, max(0, m.start - 60), m.start) or _CAPITAL_AFTER.match(key, m.end)
                or i == 0 and _CAPITAL_SUBJECT.match(key)]
    if not counts and not capitals:
        return None
    if COMPANY.search(key) and not any(c.value > 1 for c in counts):
        return None
    if not counts and _NAMED_PROJECT.search(article.text, start, end):
        return None
    figures_end = max([c.end for c in counts] + [m.end for m in capitals])
    aside = _ASIDE.search(key, 0)         # "…1,9 tỷ USD vốn FDI, trong đó Hàn Quốc dẫn đầu": a detail, not the sides
    sides_end = start + aside.start() if aside and aside.start() >= figures_end else end
    sides = _sides(article, start, sides_end, key)
    if sides is not None and sides[1] == "VN" and previous is not None and previous.host_locality_code:
        host = next(p for p in article.places if p.locality_code == previous.host_locality_code)
        sides = (sides[0], host, "host from the previous figure")
    inherited = None
    if sides is None and previous is not None and not article.places_in(start, end):
        inherited, sides = previous, (None, "VN", "sides from the previous figure")   # "Vốn thực hiện … đạt 3,1 tỷ USD"
    if sides is None:
        return None
    investor, host, reason = sides
    count = counts[0] if counts else None
    capital = capitals[0] if capitals else None
    host_is_place = isinstance(host, Place)
    confidence = 0.9 - (0.2 if "defaulted" in reason else 0.0) - (0.1 if "context" in reason or "previous" in reason
                                                                    else 0.0)
    fact = InvestmentFact(
        extractor_version=version, char_start=sentence.start, char_end=sentence.end, evidence=sentence.text,
        investor_country_code=investor.country_code if investor else None,
        investor_locality_code=investor.locality_code if investor else None,
        investor_locality_name=None if investor is None or investor.is_country else investor.entry.name,
        host_country_code=host.country_code if host_is_place else "VN",
        host_locality_code=host.locality_code if host_is_place else None,
        host_locality_name=host.entry.name if host_is_place and not host.is_country else None,
        project_count=count.value if count else None, project_count_qualifier=count.qualifier if count else None,
        capital=capital.value if capital else None, currency=capital.currency if capital else None,
        capital_usd=capital.usd if capital else None, capital_qualifier=capital.qualifier if capital else None,
        capital_kind=_kind(key, capital.start) if capital else "unspecified", as_of_date=as_of,
        rank=int(rank_match.group(1)) if rank_match and start <= rank_match.start() + sentence.start < end else None,
        confidence=round(confidence, 2), confidence_reason=reason or None,
    )
    if inherited is not None:
        for side in ("investor_country_code", "investor_locality_code", "investor_locality_name", "host_country_code",
                     "host_locality_code", "host_locality_name"):
            setattr(fact, side, getattr(inherited, side))
    return fact
