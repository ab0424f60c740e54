"""Is an article about Vietnam's foreign cooperation (national or local)? An explainable rule.

Score = cooperation cues (strong ones count double) in the title and lead (weight 2) and the body (weight 1).
Relevant when a foreign country/region is named (or a cue implies the foreign side: FDI, ngoại vụ, đại sứ…),
Vietnam or a Vietnamese locality is named (or implied by an external-affairs body) and the cue score reaches the
threshold — or when the extractor finds trade, investment or event facts in it (they always have a Vietnamese
side). The reason lists the cues, places and facts.
"""
from __future__ import annotations

import re
from collections import Counter

from .places import find_places
from .text import article_text, match_form

STRONG_CUES = ("ngoại vụ", "đối ngoại", "kết nghĩa", "xúc tiến đầu tư", "xúc tiến thương mại", "đại sứ",
               "tổng lãnh sự", "fdi", "vốn đầu tư nước ngoài", "hợp tác quốc tế", "ký kết", "biên bản ghi nhớ",
               "thỏa thuận hợp tác", "hội đàm", "chuyến thăm", "kim ngạch", "đoàn công tác", "tiếp xã giao",
               "hữu nghị")
CUES = ("hợp tác", "đầu tư", "xuất khẩu", "nhập khẩu", "thương mại", "làm việc với", "thăm", "đối tác", "hội nghị",
        "tọa đàm", "diễn đàn", "ngoại giao", "quốc tế", "nước ngoài", "doanh nghiệp")
_CUE = re.compile("|".join(sorted((re.escape(c) for c in STRONG_CUES + CUES), key=len, reverse=True)))
THRESHOLD = 4
# Cues that carry the foreign side by themselves (foreign investment, external-affairs offices, twinning).
FOREIGN_BY_ITSELF = ("fdi", "vốn đầu tư nước ngoài", "ngoại vụ", "đối ngoại", "kết nghĩa", "tổng lãnh sự", "đại sứ")


def _cue_counts(key: str) -> Counter:
    return Counter(m.group(0) for m in _CUE.finditer(key))


def _score(counts: Counter, weight: int) -> int:
    return sum(weight * n * (2 if cue in STRONG_CUES else 1) for cue, n in counts.items())


def classify(title: str | None, sapo: str | None, body: str | None) -> tuple[bool, str]:
    """(relevant, reason) — the reason names the matched cues and places."""
    head = article_text(title, sapo, None)
    text = article_text(title, sapo, body)
    if not text:
        return False, "empty article"
    head_counts = _cue_counts(match_form(head))
    body_counts = _cue_counts(match_form(text[len(head):]))
    score = _score(head_counts, 2) + _score(body_counts, 1)
    places = find_places(text, None, None)
    foreign = Counter(p.country_code for p in places if not p.is_vietnamese)
    vietnamese = [p for p in places if p.is_vietnamese]
    has_vn = bool(vietnamese) or any(c in head_counts or c in body_counts for c in ("ngoại vụ", "đối ngoại"))
    cues = ", ".join(f"{c}×{n}" for c, n in (head_counts + body_counts).most_common(6))
    where = ", ".join(f"{c}×{n}" for c, n in foreign.most_common(4))
    reason = f"score={score} (threshold {THRESHOLD}); cues: {cues or 'none'}; foreign: {where or 'none'}; " \
             f"vietnamese places: {len(vietnamese)}"
    implied = [c for c in FOREIGN_BY_ITSELF if c in head_counts or c in body_counts]
    verdict = None
    if not foreign and not implied:
        verdict = "no foreign country or region named; "
    elif not has_vn:
        verdict = "no Vietnamese party named; "
    elif score < THRESHOLD:
        verdict = "too few cooperation cues; "
    if verdict is None:
        return True, reason
    found = _facts_found(text)
    if found:                       # the extractor found Vietnam's trade, investment or cooperation facts
        return True, f"facts: {found}; " + reason
    return False, verdict + reason


def _facts_found(text: str) -> str:
    from . import extract_text  # local import: extraction imports this module's package

    facts = extract_text(text, None)
    counts = {"trade": len(facts.trade), "investment": len(facts.investments), "events": len(facts.events)}
    return ", ".join(f"{kind}×{n}" for kind, n in counts.items() if n)
