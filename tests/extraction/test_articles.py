"""End-to-end checks on whole written articles, matched like ../shared/gold/eval.py matches facts."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from extraction import extract_article

_SPEC = importlib.util.spec_from_file_location("written_articles", Path(__file__).with_name("written_articles.py"))
_MODULE = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_MODULE)
ARTICLES = _MODULE.ARTICLES


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.01 * abs(b)


def trade_key(f):
    return f.reporter_country_code, f.partner_country_code, f.flow


def match_trade(expected, f):
    reporter, partner, flow, value, change, year = expected
    if trade_key(f) != (reporter, partner, flow) or not close(f.value_usd, value):
        return False
    return (value is not None or close(f.change_pct, change)) and f.period_year == year


def match_investment(expected, f):
    investor, host, capital, count = expected
    return (f.investor_country_code, f.host_country_code) == (investor, host) and close(f.capital_usd, capital) \
        and (count is None or f.project_count == count)


def match_event(expected, e):
    when, countries, kind = expected
    foreign = {p.country_code for p in e.participants if p.side == "foreign"}
    return e.event_date == when and foreign == countries and e.event_type == kind


def unmatched(expected, predicted, matcher):
    left = list(predicted)
    missing = []
    for item in expected:
        hit = next((p for p in left if matcher(item, p)), None)
        if hit is None:
            missing.append(item)
        else:
            left.remove(hit)
    return missing, left


@pytest.mark.parametrize("article", ARTICLES, ids=[a["name"] for a in ARTICLES])
def test_written_article(article):
    facts = extract_article(article["title"], article["sapo"], article["body"], article["published"])
    for kind, predicted, matcher in (("trade", facts.trade, match_trade),
                                     ("investment", facts.investments, match_investment),
                                     ("events", facts.events, match_event)):
        missing, extra = unmatched(article[kind], predicted, matcher)
        assert not missing and not extra, (kind, "missing", missing, "extra", [p.evidence[:80] for p in extra])
