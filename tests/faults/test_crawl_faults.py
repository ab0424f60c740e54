"""Real crawls (scrapers.crawl.crawl) of a site served by the fault server: good and faulty pages mixed.

Run 1 meets every fault; run 2, once the server has recovered, lands the transient failures; permanent refusals
are never asked again. Nothing is lost: every URL the feed listed ends landed or refused with its reason.
"""
from __future__ import annotations

import random
from datetime import datetime
from email.utils import format_datetime
from html import escape

import figures
import pytest
from corpus import articles, to_windows_1258
from fault_server import (
    FaultServer,
    always,
    brotli_bomb,
    declared_oversize,
    encoded,
    first_calls,
    gzip_bomb,
    page,
    redirect,
    reset,
    short_body,
    slow,
    status,
    streamed,
    until_healed,
)
from harness import VirtualClock, loopback_guard

from scrapers.crawl import crawl
from scrapers.demo_templates import vneconomy_page
from scrapers.fetch import Fetcher
from warehouse import quality

pytestmark = pytest.mark.faults
SITE = "https://vneconomy.vn"
ROBOTS = b"User-agent: *\nDisallow: /cam-vao-day-\nCrawl-delay: 3\n"
CRAWL_DELAY = 3.0
MAX_BYTES = 1024 * 1024


def path(kind: str) -> str:
    return f"/su-co-{kind}-trong-bai-kiem-thu.htm"


def article_for(kind: str, n: int = 0) -> dict:
    [made] = articles(1, seed=100 + n)
    made["url"] = SITE + path(kind)
    return made


def html_of(article: dict) -> bytes:
    return vneconomy_page(article).encode("utf-8")


def good(kind: str) -> tuple[str, bytes]:
    return path(kind), html_of(article_for(kind))


# Transient faults: the server is sick in run 1 and recovers for run 2.
TRANSIENT = {
    "timeout": lambda body: until_healed("timeout", slow(1.0), page(body)),
    "reset": lambda body: until_healed("connection_reset", reset, page(body)),
    "shortread": lambda body: until_healed("short_read", short_body, page(body)),
    "storm500": lambda body: until_healed("http_500", status(500), page(body)),
    "longretry": lambda body: until_healed("http_429_long", status(429, {"Retry-After": "86400"}), page(body)),
}
# Faults the fetcher rides out inside run 1.
RECOVERING = {
    "burst503": lambda body: first_calls("http_503", 2, status(503), page(body)),
    "ratelimit": lambda body: first_calls("http_429", 1, status(429, {"Retry-After": "5"}), page(body)),
}
# Refused for good, with the reason recorded (error in raw.fetches -> kind in raw.ingest_errors).
PRIVATE_TARGETS = {"redir10": "http://10.0.0.7/admin", "redirmeta": "http://169.254.169.254/latest/meta-data/",
                   "redirv6": "http://[::1]:8080/", "redirlocal": "http://localhost/"}
REDIRECT_TARGETS = {**PRIVATE_TARGETS, "redirevil": "http://evil.example.org/steal", "redirfile": "file:///etc/passwd"}
PERMANENT = {
    "redirevil": (always("redirect_off_site", redirect(REDIRECT_TARGETS["redirevil"])),
                  "redirect_refused", "host_not_allowed"),
    "redirfile": (always("redirect_file", redirect(REDIRECT_TARGETS["redirfile"])), "redirect_refused",
                  "scheme_refused"),
    **{kind: (always("redirect_private", redirect(target)), "redirect_refused", "private_address")
       for kind, target in PRIVATE_TARGETS.items()},
    "bigdeclared": (always("oversize_declared", declared_oversize(50 * MAX_BYTES)), "body_too_large", None),
    "bigstream": (always("oversize_streamed", streamed(64 * MAX_BYTES)), "body_too_large", None),
    "gzipbomb": (always("gzip_bomb", encoded(gzip_bomb(64 << 20), "gzip")), "decompression_bomb", None),
    "brbomb": (always("brotli_bomb", encoded(brotli_bomb(64 << 20), "br")), "decompression_bomb", None),
    "pdf": (always("non_html", page(b"%PDF-1.4 fake", "application/pdf")), "unsupported_content_type", None),
    "jpeg": (always("non_html", page(b"\xff\xd8\xff\xe0 fake", "image/jpeg")), "unsupported_content_type", None),
    "gone": (always("http_404", status(404)), "http_404", None),
}
ROBOTS_BLOCKED = "/cam-vao-day-bai-viet-rieng-tu-noi-bo.htm"


def charset_pages() -> dict[str, tuple[object, str]]:
    """Pages with wrong or missing charsets; each must land with its title intact (NFC)."""
    made = {}
    cp = article_for("cp1258", 1)
    cp_bytes = to_windows_1258(vneconomy_page(cp).replace('<meta charset="utf-8">', ""))
    made["cp1258"] = (page(cp_bytes, "text/html; charset=windows-1258"), cp["title"])
    bare = article_for("cp1258bare", 2)
    made["cp1258bare"] = (page(to_windows_1258(vneconomy_page(bare).replace('<meta charset="utf-8">', "")),
                               "text/html"), bare["title"])
    nohdr = article_for("utf8bare", 3)
    made["utf8bare"] = (page(vneconomy_page(nohdr).replace('<meta charset="utf-8">', "").encode(), None),
                        nohdr["title"])
    latin = article_for("latinlabel", 4)
    made["latinlabel"] = (page(html_of(latin), "text/html; charset=iso-8859-1"), latin["title"])
    return made


def truncated_page() -> tuple[bytes, str]:
    article = article_for("truncated", 5)
    whole = vneconomy_page(article)
    cut = whole.index(article["text"].split("\n\n")[2][:20])
    return whole[:cut].encode(), article["text"].split("\n\n")[0]


def changed_layout_page(article: dict) -> bytes:
    return (f'<html><head><link rel="canonical" href="{article["url"]}"></head><body><div class="giao-dien-moi">'
            f'<h1 class="tieu-de">{escape(article["title"])}</h1><div class="noi-dung">'
            + "".join(f"<span>{escape(p)}</span>" for p in article["text"].split("\n\n"))
            + "</div></div></body></html>").encode()


SCRIPT = ("<script>document.title='PWNED'; fetch('http://10.0.0.7/x'); eval('1+1');</script>"
          "<img src=x onerror=\"alert('xss')\"><script src='http://evil.example.org/x.js'></script>")


def script_page() -> tuple[bytes, dict]:
    article = article_for("script", 6)
    body = vneconomy_page(article).replace("</h1>", "</h1>" + SCRIPT).replace("</main>\n<div", SCRIPT + "</main>\n<div")
    return body.encode(), article


def build_routes() -> tuple[dict, dict]:
    routes, expect = {}, {"land": {}, "transient": set(), "refused": {}}
    for n in range(6):
        p, body = good(f"tot{n}")
        routes[p] = page(body)
        expect["land"][p] = article_for(f"tot{n}")["title"]
    for table, bucket in ((TRANSIENT, "transient"), (RECOVERING, None)):
        for kind, make in table.items():
            p, body = good(kind)
            routes[p] = make(body)
            expect["land"][p] = article_for(kind)["title"]
            if bucket:
                expect["transient"].add(p)
    routes[path("moved")] = redirect(SITE.replace("https://vneconomy.vn", "") + path("tot0"), 301)
    for kind, (behaviour, error, reason) in PERMANENT.items():
        routes[path(kind)] = behaviour
        expect["refused"][path(kind)] = (error, reason)
    for kind, (behaviour, title) in charset_pages().items():
        routes[path(kind)] = behaviour
        expect["land"][path(kind)] = title
    cut, first_paragraph = truncated_page()
    routes[path("truncated")] = page(cut)
    expect["land"][path("truncated")] = article_for("truncated", 5)["title"]
    expect["truncated_first_paragraph"] = first_paragraph
    changed = article_for("layout", 7)
    routes[path("layout")] = page(changed_layout_page(changed))
    expect["land"][path("layout")] = changed["title"]
    script_body, scripted = script_page()
    routes[path("script")] = page(script_body)
    expect["land"][path("script")] = scripted["title"]
    expect["script_body"] = script_body
    listed = [*expect["land"], *expect["refused"], ROBOTS_BLOCKED, path("moved")]
    routes["/tin-moi.rss"] = page(feed(listed), "application/rss+xml; charset=utf-8")
    routes["/robots.txt"] = page(ROBOTS, "text/plain")
    routes[ROBOTS_BLOCKED] = page(b"<p>must never be asked</p>")
    return routes, expect


def feed(paths: list[str]) -> bytes:
    when = format_datetime(datetime.fromisoformat("2025-03-02T08:00:00+07:00"))
    items = "".join(f"<item><title>bai {n}</title><link>{SITE}{p}</link><pubDate>{when}</pubDate></item>"
                    for n, p in enumerate(paths))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()


def fetcher(con, server: FaultServer, vclock) -> Fetcher:
    return Fetcher(con, private_allowlist=["127.0.0.1"], timeout=0.4, total_timeout=10_000, max_attempts=3,
                   backoff_base=0.5, max_bytes=MAX_BYTES, min_delay=0.5, clock=vclock.clock, sleep=vclock.sleep,
                   rng=random.Random(3))


def run(con, server, vclock, **options):
    with fetcher(con, server, vclock) as fetching:
        stats = crawl(con, sources=["vneconomy"], fetcher=fetching, site_overrides={"vneconomy": server.base},
                      **options)
    figures.count("crawl_runs_completed")
    return stats


def rows(con, sql, params=()):
    return con.execute(sql, list(params)).fetchall()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory, vclock_module):
    from warehouse.db import connect

    db = connect(tmp_path_factory.mktemp("crawl") / "crawl.duckdb")
    routes, expect = build_routes()
    with loopback_guard() as escapes, FaultServer(routes, clock=vclock_module.clock) as server:
        first = run(db, server, vclock_module)
        after_first = {"counts": dict(server.counts), "landed": rows(db, "select url from raw.articles")}
        server.healed = True
        second = run(db, server, vclock_module)
        third = run(db, server, vclock_module)
    figures.add_faults(server.injected)
    figures.add_faults({"robots_disallowed": 1, "crawl_delay_hosts": 1})
    yield {"db": db, "server": server, "expect": expect, "stats": (first, second, third), "after_first": after_first,
           "escapes": escapes}
    db.close()


@pytest.fixture(scope="module")
def vclock_module():
    return VirtualClock()


def test_runs_complete_and_nothing_is_lost(crawled):
    db, expect = crawled["db"], crawled["expect"]
    first, second, third = crawled["stats"]
    landed = {u for (u,) in rows(db, "select url from raw.articles")}
    expected = {SITE + p for p in expect["land"]}
    assert landed == expected                                   # every good page, nothing else
    assert rows(db, "select count(*), count(distinct url) from raw.articles") == [(len(expected), len(expected))]
    assert first.landed_new == len(expected) - len(expect["transient"])
    assert first.failed == len(expect["transient"]) and second.landed_new == len(expect["transient"])
    assert second.failed == 0 and third.fetched == 0 and third.landed_new == 0
    frontier = dict(rows(db, "select status, count(*) from raw.frontier group by 1"))
    assert frontier == {"done": len(expected) + 1, "skipped": len(expect["refused"]) + 1}   # +moved, +robots
    moved = rows(db, "select f.article_id = a.article_id from raw.frontier f, raw.articles a "
                     "where f.url = ? and a.url = ?", [SITE + path("moved"), SITE + path("tot0")])
    assert moved == [(True,)]                                   # a redirect inside the site lands its target once
    assert not crawled["server"].overflowed
    figures.count("articles_expected", len(expected))
    figures.count("articles_landed", len(landed))
    figures.count("articles_lost", len(expected - landed))


def test_every_fault_is_recorded_with_its_reason(crawled):
    db, expect = crawled["db"], crawled["expect"]
    for p, (error, reason) in expect["refused"].items():
        target = REDIRECT_TARGETS.get(p.split("-")[2])
        hop = rows(db, "select status, final_url from raw.fetches where url like ?", [f"%{p}"])
        if target:                                  # the refusal is recorded against the target it pointed to
            assert hop == [(302, target)], (p, hop)
        errors = [e for (e,) in rows(db, "select error from raw.fetches where (url like ? or url = ?) "
                                         "and error is not null", [f"%{p}", target])]
        assert errors and all(e.startswith(error) for e in errors), (p, errors)
        if reason:
            assert errors[0] == f"{error}:{reason}", (p, errors)
        kinds = [k for (k,) in rows(db, "select kind from raw.ingest_errors where origin = ?", [SITE + p])]
        assert kinds == [error], (p, kinds)
    for p in expect["transient"]:
        failed = rows(db, "select attempt, error from raw.fetches where url like ? and error is not null "
                          "order by requested_at", [f"%{p}"])
        assert failed and failed[0][1].split(":")[0] in {"timeout", "connection_error", "http_500", "http_429"}, p
    blocked = rows(db, "select error, status from raw.fetches where url like ?", [f"%{ROBOTS_BLOCKED}"])
    assert blocked == [("robots_disallowed", None)]
    assert rows(db, "select kind from raw.ingest_errors where origin = ?", [SITE + ROBOTS_BLOCKED]) == [
        ("robots_disallowed",)]


def test_retries_back_off_and_honour_retry_after_and_crawl_delay(crawled):
    server = crawled["server"]
    burst = server.times(path("burst503"))
    assert len(burst) == 3 and all(b - a >= CRAWL_DELAY - 0.05 for a, b in zip(burst, burst[1:], strict=False))
    limited = server.times(path("ratelimit"))
    assert len(limited) == 2 and limited[1] - limited[0] >= 5.0          # Retry-After: 5 honoured
    assert crawled["after_first"]["counts"][path("longretry")] == 1       # Retry-After beyond the cap: give up
    assert crawled["after_first"]["counts"][path("timeout")] == 3         # max_attempts, then recorded as failed
    for run_log in runs_of(server.log):                                 # each run has its own Fetcher
        starts = [t for _, t in run_log]                                # robots.txt included (regression)
        assert len(starts) > 10
        assert all(b - a >= CRAWL_DELAY - 0.05 for a, b in zip(starts, starts[1:], strict=False))


def runs_of(log: list[tuple[str, float]]) -> list[list[tuple[str, float]]]:
    runs: list[list] = []
    for entry in log:
        if entry[0] == "/robots.txt" or not runs:
            runs.append([])
        runs[-1].append(entry)
    return runs


def test_refused_targets_are_never_contacted_and_permanent_refusals_never_retried(crawled):
    server, expect = crawled["server"], crawled["expect"]
    assert server.counts[ROBOTS_BLOCKED] == 0
    before = crawled["after_first"]["counts"]
    for p in expect["refused"]:
        assert server.counts[p] == before[p], p                        # runs 2 and 3 did not ask again
    assert all(not p.startswith(("http", "//")) for p, _ in server.log)
    contacted = {u for (u,) in rows(crawled["db"], "select url from raw.fetches where status is not null")}
    assert all(u.startswith(server.base) for u in contacted)
    assert crawled["escapes"] == []                                  # no connect() or DNS lookup off 127.0.0.1


def test_charset_truncation_layout_and_scripts_land_as_data(crawled):
    db, expect = crawled["db"], crawled["expect"]
    titles = dict(rows(db, "select url, title from raw.articles"))
    for p, title in expect["land"].items():
        assert titles[SITE + p] == title, p                          # NFC, whatever the charset label said
    body, path_taken = rows(db, "select body_text, parse_path from raw.articles where url = ?",
                            [SITE + path("truncated")])[0]
    assert body.split("\n\n")[0] == expect["truncated_first_paragraph"] and path_taken == "selectors"
    taken, warnings = rows(db, "select parse_path, parse_warnings from raw.articles where url = ?",
                           [SITE + path("layout")])[0]
    assert taken == "generic" and "site_selectors_missed" in warnings
    scripted_body, sha = rows(db, "select body_text, content_sha256 from raw.articles where url = ?",
                              [SITE + path("script")])[0]
    assert "PWNED" not in scripted_body and "alert" not in scripted_body and "eval" not in scripted_body
    from warehouse.landing import load_page

    assert load_page(db, sha) == expect["script_body"]               # the raw page is kept verbatim, as data


def test_a_layout_change_across_the_site_turns_the_parser_check_red(tmp_path, vclock, loopback_only):
    from warehouse.db import connect

    db = connect(tmp_path / "layout.duckdb")
    good_articles = [article_for(f"tot{n}") for n in range(6)]
    routes = {path(f"tot{n}"): page(html_of(a)) for n, a in enumerate(good_articles)}
    routes["/tin-moi.rss"] = page(feed(list(routes)), "application/rss+xml")
    routes["/robots.txt"] = page(b"User-agent: *\nAllow: /\n", "text/plain")
    with FaultServer(routes, clock=vclock.clock) as server:
        run(db, server, vclock)
        assert quality.generic_parser_share(db).passed
        for n, article in enumerate(good_articles):
            server.routes[path(f"tot{n}")] = always("layout_changed", page(changed_layout_page(article)))
        stats = run(db, server, vclock, refetch=True)
    figures.add_faults(server.injected)
    assert stats.generic_parses == 6 and stats.failed == 0
    check = quality.generic_parser_share(db)
    assert not check.passed and check.value == 1.0
    assert rows(db, "select count(*) from raw.articles") == [(6,)]
    db.close()
