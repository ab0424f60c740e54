"""Vietnam's investment abroad by destination, after a sentence about investment "ra nước ngoài":

    "7 tháng, vốn đầu tư của Việt Nam ra nước ngoài đạt 350 triệu USD. Trong đó, Lào là địa bàn dẫn đầu với
     95 triệu USD. Australia xếp thứ hai với 60 triệu USD."

The total has no single host and is not a fact; each destination named with an amount is (investor Việt Nam).
"""
from __future__ import annotations

import re

from .context import Article
from .facts import InvestmentFact
from .numbers import find_money

_OUTWARD = re.compile(r"(?:đầu tư|vốn)[^.;]{0,40}ra nước ngoài")
_REGISTERED = re.compile(r"cấp mới|đăng ký|điều chỉnh")
_FIRST = re.compile(r"dẫn đầu|lớn nhất|đứng đầu|đứng thứ nhất")
_RANKED = re.compile(r"(?:đứng|xếp)\s+(?:thứ|vị trí thứ)\s+(hai|ba|tư|năm|\d+)")
_RANKS = {"hai": 2, "ba": 3, "tư": 4, "năm": 5}
_REACH = 300


def extract_outward(article: Article, version: str) -> tuple[list[InvestmentFact], list[tuple[int, int]]]:
    """(destination facts, spans of the sentences they cover — other investment readings of those are void)."""
    facts: list[InvestmentFact] = []
    spans: list[tuple[int, int]] = []
    if "ra nước ngoài" not in article.key:
        return facts, spans
    outward = article.sentences_matching(_OUTWARD)
    window_end, kind = -1, "unspecified"
    for index, sentence in enumerate(article.sentences):
        key = article.key_of(sentence.start, sentence.end)
        if index in outward:
            window_end = sentence.end + _REACH
            kind = "registered" if _REGISTERED.search(key) else "unspecified"
            spans.append((sentence.start, sentence.end))
            continue
        if sentence.start > window_end:
            continue
        found = _destinations(article, sentence, key, kind, version)
        if found:
            facts.extend(found)
            spans.append((sentence.start, sentence.end))
            window_end = sentence.end + _REACH
    return facts, spans


def _destinations(article: Article, sentence, key: str, kind: str, version: str) -> list[InvestmentFact]:
    countries = [p for p in article.places_in(sentence.start, sentence.end) if p.is_country and not p.is_vietnamese]
    facts, last = [], 0
    for money in find_money(key):
        host = next((p for p in reversed(countries) if last <= p.start - sentence.start < money.start), None)
        last = money.end
        if host is None:
            continue
        between = key[host.end - sentence.start:money.start]
        rank = 1 if _FIRST.search(between) else None
        ranked = _RANKED.search(between)
        if ranked:
            rank = int(ranked.group(1)) if ranked.group(1).isdigit() else _RANKS[ranked.group(1)]
        facts.append(InvestmentFact(
            extractor_version=version, char_start=sentence.start, char_end=sentence.end, evidence=sentence.text,
            investor_country_code="VN", investor_locality_code=None, investor_locality_name=None,
            host_country_code=host.country_code, host_locality_code=None, host_locality_name=None,
            project_count=None, project_count_qualifier=None, capital=money.value, currency=money.currency,
            capital_usd=money.usd, capital_qualifier=money.qualifier, capital_kind=kind, as_of_date=None, rank=rank,
            confidence=0.75, confidence_reason="destination of Vietnam's investment abroad"))
    return facts
