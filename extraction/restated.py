"""One figure stated twice in an article (headline, lead and body; a recap paragraph) is one fact.

Two figures are the same when their parties and flow/kind agree, the values are within 3 % (headlines round:
"hơn 27 tỷ USD" for 27,26 tỷ) and their periods do not contradict. The more precise statement is kept.
"""
from __future__ import annotations

from .facts import InvestmentFact, TradeFact

_TOLERANCE = 0.03


def _near(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= _TOLERANCE * max(abs(a), abs(b), 1e-9)


def _digits(value: float | None) -> int:
    """Significant digits as written: 27.26e9 -> 4, 27e9 -> 2."""
    if value is None:
        return 0
    return len(f"{abs(value):.6e}".split("e")[0].replace(".", "").rstrip("0"))


def _compatible(a: int | None, b: int | None) -> bool:
    return a is None or b is None or a == b


def _same_trade(a: TradeFact, b: TradeFact) -> bool:
    same_sides = (a.reporter_country_code, a.reporter_locality_code, a.flow) == \
        (b.reporter_country_code, b.reporter_locality_code, b.flow) and (
            a.partner_country_code == b.partner_country_code or _headline_lost_partner(a, b))
    if not same_sides or not _compatible(a.period_year, b.period_year):
        return False
    if a.value_usd is None and b.value_usd is None:
        return a.change_pct == b.change_pct and a.period_year == b.period_year
    if (a.value_usd is None) != (b.value_usd is None):     # "Xuất khẩu 9 tháng tăng 12%" over "… 5,2 tỷ USD, tăng 12%"
        return a.change_pct is not None and a.change_pct == b.change_pct and \
            any(f.char_start == 0 and f.value_usd is None for f in (a, b))
    return _near(a.value_usd, b.value_usd)


def _headline_lost_partner(a: TradeFact, b: TradeFact) -> bool:
    """"Việt Nam – Australia: Kim ngạch … đạt 6,2 tỷ USD": a headline figure whose partner sits before the colon."""
    return any(f.char_start == 0 and f.partner_country_code is None for f in (a, b))


def _same_investment(a: InvestmentFact, b: InvestmentFact) -> bool:
    same_sides = (a.investor_country_code, a.host_country_code, a.host_locality_code) == \
        (b.investor_country_code, b.host_country_code, b.host_locality_code)
    if not same_sides:
        return False
    if a.capital_usd is None or b.capital_usd is None:     # "thu hút 95 dự án FDI", then "95 dự án … 1,2 tỉ USD"
        return a.project_count is not None and a.project_count == b.project_count
    return _near(a.capital_usd, b.capital_usd)


def _keep_precise(facts: list, same, value_of) -> list:
    kept: list = []
    for fact in facts:
        twin = next((k for k in kept if same(k, fact)), None)
        if twin is None:
            kept.append(fact)
        else:
            better, other = (fact, twin) if _rank(fact, value_of) > _rank(twin, value_of) else (twin, fact)
            _fill_gaps(better, other)
            kept[kept.index(twin)] = better
    return kept


def _rank(fact, value_of) -> tuple:
    """More significant digits, then more known fields, then not the headline."""
    known = sum(getattr(fact, f, None) is not None for f in _GAPS)
    return _digits(value_of(fact)), known, fact.char_start > 0


_GAPS = ("partner_country_code", "partner_locality_code", "partner_locality_name", "period_year", "period_month_from",
         "period_month_to", "change_pct", "capital", "currency", "capital_usd", "capital_qualifier", "project_count",
         "project_count_qualifier", "as_of_date", "rank")


def _fill_gaps(kept, other) -> None:
    """The kept statement takes what only the other one says (the period of the lead, the growth of the body)."""
    if getattr(kept, "period_year", None) is not None and getattr(other, "period_year", None) is not None:
        gaps = [f for f in _GAPS if not f.startswith("period")]
    else:
        gaps = list(_GAPS)
    for name in gaps:
        if hasattr(kept, name) and getattr(kept, name) is None and getattr(other, name) is not None:
            setattr(kept, name, getattr(other, name))
    if getattr(kept, "capital_kind", None) == "unspecified" and getattr(other, "capital_kind", None):
        kept.capital_kind = other.capital_kind


def drop_restated_trade(facts: list[TradeFact]) -> list[TradeFact]:
    return _keep_precise(facts, _same_trade, lambda f: f.value)


def drop_restated_investments(facts: list[InvestmentFact]) -> list[InvestmentFact]:
    return _keep_precise(facts, _same_investment, lambda f: f.capital)
