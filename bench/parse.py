"""Our site parsers (``scrapers.parsing.parse_html``) vs ``trafilatura.extract`` on the same pages.

Pages: the project's reconstructions (tests/fixtures/pages) and the real saved pages and legacy fragments under
../shared/fixtures (read at run time, never copied). Both tools get the same decoded HTML string; each parses the
page set until it has done at least N parses (VNWH_BENCH_SCALE), in interleaved rounds so that both meet the same
machine. Quality: body-text token F1 against the hand-checked expected body of each reconstructed page
(bench/expected/<page>.txt). The real /work/shared pages count for speed only: their expected bodies would be article
text we may not commit, so they have no F1.

    uv run python -m bench.parse
"""
from __future__ import annotations

import re
import time
from collections import Counter

from bench import common

OUR_PAGES = common.REPO / "tests" / "fixtures" / "pages"
SHARED = common.REPO / ".." / "shared" / "fixtures"
EXPECTED = common.BENCH_DIR / "expected"
TARGET_SPEEDUP = 5.0
# real saved pages (speed only); the fragments have no canonical URL, so the URL is given as the tests do
SHARED_PAGES = {
    "vneconomy/article_2026-09-04_sau-soat-xet-qcg-bao-lai_EXCERPT.html": None,
    "baochinhphu/article_2026-09-05_co-che-chinh-sach-xac-dinh-gia-san-pham-in-duc-tien_EXCERPT.html": None,
    "vietnamplus/fragment_2017_article-body_cms-body.html": "https://www.vietnamplus.vn/mien-bac-nang-am/478059.vnp",
    "vietnamplus/fragment_2014_article-header.html": "https://www.vietnamplus.vn/thuong-vien-my/270000.vnp",
}


def tokens(text: str | None) -> Counter:
    return Counter(re.findall(r"\w+", (text or "").lower()))


def token_f1(got: str | None, want: str) -> float:
    got_tokens, want_tokens = tokens(got), tokens(want)
    overlap = sum((got_tokens & want_tokens).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(got_tokens.values())
    recall = overlap / sum(want_tokens.values())
    return 2 * precision * recall / (precision + recall)


def pages() -> list[dict]:
    found = []
    for path in sorted(OUR_PAGES.glob("*.html")):
        expected = EXPECTED / f"{path.stem}.txt"
        found.append({"name": path.name, "html": path.read_text(encoding="utf-8"), "url": None,
                      "expected": expected.read_text(encoding="utf-8") if expected.exists() else None})
    for relative, url in SHARED_PAGES.items():
        path = SHARED / relative
        if path.exists():
            found.append({"name": f"shared:{relative}", "html": path.read_text(encoding="utf-8"), "url": url,
                          "expected": None})
    return found


def ours(page: dict) -> str | None:
    from scrapers.parsing import parse_html

    return parse_html(page["html"], page["url"]).body_text


def trafilatura_default(page: dict) -> str | None:
    import trafilatura

    return trafilatura.extract(page["html"], url=page["url"])


def trafilatura_fast(page: dict) -> str | None:
    import trafilatura

    return trafilatura.extract(page["html"], url=page["url"], fast=True)


def speeds(tools: dict, page_set: list[dict], parses: int) -> dict[str, dict]:
    """Pages/s of each tool, timed in interleaved rounds (one pass over the page set per tool and round, the order
    turning each round) until each has done at least ``parses``: every tool meets the same machine, so a machine
    that speeds up or slows down during the benchmark does not move the ratios."""
    for tool in tools.values():
        tool(page_set[0])                               # imports and lazy set-up outside the clock
    seconds = dict.fromkeys(tools, 0.0)
    done, names = 0, list(tools)
    while done < parses:
        for name in names:
            started = time.perf_counter()
            for page in page_set:
                tools[name](page)
            seconds[name] += time.perf_counter() - started
        done += len(page_set)
        names = names[1:] + names[:1]
    return {name: {"parses": done, "seconds": round(seconds[name], 3), "pages_per_s": round(done / seconds[name], 1)}
            for name in tools}


def quality(tool, page_set: list[dict]) -> dict:
    scores = {p["name"]: round(token_f1(tool(p), p["expected"]), 4) for p in page_set if p["expected"]}
    return {"mean_f1": round(sum(scores.values()) / len(scores), 4), "per_page": scores}


def run() -> tuple[dict, dict, list[str]]:
    page_set = pages()
    parses = common.scale()["parses"]
    tools = {"ours": ours, "trafilatura": trafilatura_default, "trafilatura_fast": trafilatura_fast}
    timed = speeds(tools, page_set, parses)
    results = {name: {**timed[name], **quality(tool, page_set)} for name, tool in tools.items()}
    shared = sum(p["name"].startswith("shared:") for p in page_set)
    figures = {
        "parse.pages_per_s_ours": results["ours"]["pages_per_s"],
        "parse.pages_per_s_trafilatura": results["trafilatura"]["pages_per_s"],
        "parse.speedup_vs_trafilatura": round(results["ours"]["pages_per_s"] / results["trafilatura"]["pages_per_s"],
                                              2),
        "parse.f1_ours": results["ours"]["mean_f1"],
        "parse.f1_trafilatura": results["trafilatura"]["mean_f1"],
        "parse.speedup_vs_trafilatura_fast": round(
            results["ours"]["pages_per_s"] / results["trafilatura_fast"]["pages_per_s"], 2),
        "parse.f1_trafilatura_fast": results["trafilatura_fast"]["mean_f1"],
    }
    notes = [f"{len(page_set)} pages ({len(page_set) - shared} reconstructions with expected bodies, {shared} real "
             f"pages from ../shared for speed only); F1 = mean body-token F1 over the reconstructions"]
    if not shared:
        notes.append("../shared/fixtures not found: real pages left out")
    return figures, {"tools": results, "pages": [p["name"] for p in page_set], "target_speedup": TARGET_SPEEDUP}, notes


def main() -> None:
    common.run_benchmark("parse", run, "parse: our parsers vs trafilatura")


if __name__ == "__main__":
    main()
