"""Fetcher behaviour under faults: retries, Retry-After, redirects, SSRF, size caps, bombs, robots, conditional GET."""
from __future__ import annotations

import gzip

import brotli
import httpx
import pytest

from scrapers.fetch import DEFAULT_USER_AGENT, Fetcher

SITE = ["vneconomy.vn"]
ARTICLE = "https://vneconomy.vn/bai-viet.htm"
HTML = {"content-type": "text/html; charset=utf-8"}


def robots_ok(request: httpx.Request) -> httpx.Response | None:
    if request.url.path == "/robots.txt":
        return httpx.Response(200, text="User-agent: *\nAllow: /\n", headers={"content-type": "text/plain"})
    return None


def fetch_rows(con, url=None):
    sql = "select attempt, status, error, retry_after, kind from raw.fetches"
    if url:
        return con.execute(sql + " where url = ? order by requested_at, attempt", [url]).fetchall()
    return con.execute(sql + " order by requested_at").fetchall()


def test_429_waits_for_retry_after_then_succeeds(make_fetcher, con, clock):
    answers = iter([httpx.Response(429, headers={"retry-after": "7"}), httpx.Response(200, text="<p>ok</p>",
                                                                                      headers=HTML)])

    def handler(request):
        return robots_ok(request) or next(answers)

    result = make_fetcher(handler).fetch(ARTICLE, source="vneconomy", allowed_hosts=SITE)
    assert result.ok and result.status == 200 and result.attempts == 2
    assert max(clock.sleeps) >= 7
    rows = fetch_rows(con, ARTICLE)
    assert [(r[0], r[1]) for r in rows] == [(1, 429), (2, 200)]
    assert rows[0][2].startswith("http_429") and rows[0][3] == "7"


def test_retry_after_beyond_cap_gives_up_and_records(make_fetcher, con, clock):
    def handler(request):
        return robots_ok(request) or httpx.Response(429, headers={"retry-after": "86400"})

    result = make_fetcher(handler, retry_after_cap=120).fetch(ARTICLE, allowed_hosts=SITE)
    assert not result.ok and result.error == "http_429" and result.attempts == 1
    assert "exceeds cap" in result.detail
    assert all(s < 120 for s in clock.sleeps)


def test_5xx_burst_is_retried_with_growing_jittered_backoff(make_fetcher, con, clock):
    answers = iter([httpx.Response(503), httpx.Response(500), httpx.Response(502), httpx.Response(200, text="x",
                                                                                                  headers=HTML)])

    def handler(request):
        return robots_ok(request) or next(answers)

    fetcher = make_fetcher(handler, backoff_base=2.0, min_delay=0.0)
    result = fetcher.fetch(ARTICLE, allowed_hosts=SITE)
    assert result.ok and result.attempts == 4
    backoffs = [s for s in clock.sleeps if s > 0]
    assert len(backoffs) == 3
    assert 1.0 <= backoffs[0] <= 3.0 and 2.0 <= backoffs[1] <= 6.0 and 4.0 <= backoffs[2] <= 12.0
    assert [r[1] for r in fetch_rows(con, ARTICLE)] == [503, 500, 502, 200]


def test_persistent_5xx_fails_after_max_attempts(make_fetcher, con):
    def handler(request):
        return robots_ok(request) or httpx.Response(503)

    result = make_fetcher(handler, max_attempts=3).fetch(ARTICLE, allowed_hosts=SITE)
    assert result.error == "http_503" and result.attempts == 3
    rows = fetch_rows(con, ARTICLE)
    assert len(rows) == 3 and all(r[2] == "http_503" for r in rows)


def test_timeouts_are_retried_then_recorded(make_fetcher, con):
    calls = {"n": 0}

    def handler(request):
        if robots_ok(request):
            return robots_ok(request)
        calls["n"] += 1
        raise httpx.ReadTimeout("slow", request=request)

    result = make_fetcher(handler, max_attempts=3).fetch(ARTICLE, allowed_hosts=SITE)
    assert result.error == "timeout" and calls["n"] == 3
    assert [r[2] for r in fetch_rows(con, ARTICLE)] == ["timeout: ReadTimeout"] * 3


def test_connection_reset_is_retried(make_fetcher):
    answers = iter([httpx.ReadError("reset"), httpx.Response(200, text="fine", headers=HTML)])

    def handler(request):
        if robots_ok(request):
            return robots_ok(request)
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    result = make_fetcher(handler).fetch(ARTICLE, allowed_hosts=SITE)
    assert result.ok and result.attempts == 2


@pytest.mark.parametrize("target,kind", [
    ("https://evil.example.com/steal", "redirect_refused:host_not_allowed"),
    ("file:///etc/passwd", "redirect_refused:scheme_refused"),
    ("http://127.0.0.1:8080/admin", "redirect_refused:private_address"),
    ("http://10.1.2.3/", "redirect_refused:private_address"),
    ("http://169.254.169.254/latest/meta-data/", "redirect_refused:private_address"),
    ("http://[::1]/", "redirect_refused:private_address"),
    ("http://localhost/", "redirect_refused:private_address"),
])
def test_redirects_off_site_or_to_private_addresses_are_refused(make_fetcher, con, target, kind):
    seen = []

    def handler(request):
        seen.append(str(request.url))
        return robots_ok(request) or httpx.Response(302, headers={"location": target})

    result = make_fetcher(handler).fetch(ARTICLE, allowed_hosts=SITE)
    assert result.error == kind and not result.ok
    assert all("vneconomy.vn" in url for url in seen)
    errors = [r[2] for r in fetch_rows(con) if r[2]]
    assert kind in errors


def test_redirect_within_allowlist_is_followed_including_path_scoped_host(make_fetcher):
    def handler(request):
        if request.url.host == "nld.com.vn":
            return httpx.Response(301, headers={"location": "https://tuoitre.vn/nld/bai-moi-196.htm"})
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, text="<h1>tuoi tre nld</h1>", headers=HTML)

    allowed = ["nld.com.vn", "tuoitre.vn/nld"]
    fetcher = make_fetcher(handler)
    result = fetcher.fetch("https://nld.com.vn/bai-cu-196.htm", allowed_hosts=allowed)
    assert result.ok and result.final_url == "https://tuoitre.vn/nld/bai-moi-196.htm"


def test_redirect_outside_path_scope_is_refused(make_fetcher):
    def handler(request):
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(301, headers={"location": "https://tuoitre.vn/the-thao/khac.htm"})

    result = make_fetcher(handler).fetch("https://nld.com.vn/a.htm", allowed_hosts=["nld.com.vn", "tuoitre.vn/nld"])
    assert result.error == "redirect_refused:host_not_allowed"


def test_start_url_on_private_address_or_other_scheme_is_refused(make_fetcher, con):
    fetcher = make_fetcher(lambda request: pytest.fail("must not be requested"))
    assert fetcher.fetch("http://192.168.1.1/").error == "private_address"
    assert fetcher.fetch("file:///etc/passwd").error == "scheme_refused"
    assert fetcher.fetch("https://other.example/x", allowed_hosts=SITE).error == "host_not_allowed"
    assert len(fetch_rows(con)) == 3


def test_test_allowlist_opens_loopback(make_fetcher):
    def handler(request):
        return httpx.Response(404) if request.url.path == "/robots.txt" else httpx.Response(200, text="hi",
                                                                                             headers=HTML)

    fetcher = make_fetcher(handler, private_allowlist=["127.0.0.1"])
    assert fetcher.fetch("http://127.0.0.1:9/x", allowed_hosts=["127.0.0.1:9"]).ok


def test_oversized_body_is_refused_with_and_without_content_length(make_fetcher, con):
    big = b"a" * (300 * 1024)

    def handler(request):
        if robots_ok(request):
            return robots_ok(request)
        if request.url.path == "/declared":
            return httpx.Response(200, content=big, headers=HTML)
        return httpx.Response(200, content=iter([big[i:i + 4096] for i in range(0, len(big), 4096)]), headers=HTML)

    fetcher = make_fetcher(handler, max_bytes=100 * 1024)
    assert fetcher.fetch("https://vneconomy.vn/declared", allowed_hosts=SITE).error == "body_too_large"
    assert fetcher.fetch("https://vneconomy.vn/streamed", allowed_hosts=SITE).error == "body_too_large"
    assert con.execute("select count(*) from raw.pages").fetchone()[0] == 1   # only robots.txt


@pytest.mark.parametrize("encoding,compress", [("gzip", gzip.compress), ("br", brotli.compress)])
def test_compression_bombs_are_stopped(make_fetcher, encoding, compress):
    bomb = compress(b"\0" * (16 * 1024 * 1024))
    assert len(bomb) < 200 * 1024

    def handler(request):
        return robots_ok(request) or httpx.Response(200, stream=httpx.ByteStream(bomb),
                                                    headers={**HTML, "content-encoding": encoding})

    result = make_fetcher(handler, max_bytes=1024 * 1024).fetch(ARTICLE, allowed_hosts=SITE)
    assert result.error == "decompression_bomb" and result.body is None


def test_gzip_body_under_the_limit_is_decoded(make_fetcher):
    page = "<p>Hà Nội</p>".encode()

    def handler(request):
        return robots_ok(request) or httpx.Response(200, stream=httpx.ByteStream(gzip.compress(page)),
                                                    headers={**HTML, "content-encoding": "gzip"})

    result = make_fetcher(handler).fetch(ARTICLE, allowed_hosts=SITE)
    assert result.body == page and result.text() == "<p>Hà Nội</p>"


def test_non_html_content_type_is_refused(make_fetcher):
    def handler(request):
        return robots_ok(request) or httpx.Response(200, content=b"%PDF-1.4", headers={"content-type":
                                                                                      "application/pdf"})

    assert make_fetcher(handler).fetch(ARTICLE, allowed_hosts=SITE).error == "unsupported_content_type"


def test_robots_disallow_is_respected_and_robots_fetched_once(make_fetcher, con):
    requested = []

    def handler(request):
        requested.append(request.url.path)
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /private/\n")
        return httpx.Response(200, text="ok", headers=HTML)

    fetcher = make_fetcher(handler)
    assert fetcher.fetch("https://vneconomy.vn/private/a.htm", allowed_hosts=SITE).error == "robots_disallowed"
    assert fetcher.fetch("https://vneconomy.vn/public/b.htm", allowed_hosts=SITE).ok
    assert requested == ["/robots.txt", "/public/b.htm"]


def test_robots_unreachable_means_disallow_all(make_fetcher):
    def handler(request):
        return httpx.Response(503) if request.url.path == "/robots.txt" else httpx.Response(200, text="x")

    fetcher = make_fetcher(handler, max_attempts=2)
    assert fetcher.fetch(ARTICLE, allowed_hosts=SITE).error == "robots_disallowed"


def test_crawl_delay_and_default_delay_are_honoured(make_fetcher, clock):
    times = []

    def handler(request):
        times.append(clock.now)
        if request.url.path == "/robots.txt":
            host_rules = "Crawl-delay: 5\n" if request.url.host == "slow.vn" else ""
            return httpx.Response(200, text=f"User-agent: *\n{host_rules}Allow: /\n")
        return httpx.Response(200, text="ok", headers=HTML)

    fetcher = make_fetcher(handler, min_delay=1.0)
    for n in range(3):
        fetcher.fetch(f"https://slow.vn/{n}", allowed_hosts=["slow.vn"])
    slow_gaps = [b - a for a, b in zip(times[1:], times[2:], strict=False)]
    assert all(gap >= 5.0 for gap in slow_gaps)
    times.clear()
    for n in range(3):
        fetcher.fetch(f"https://fast.vn/{n}", allowed_hosts=["fast.vn"])
    fast_gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert all(1.0 <= gap < 5.0 for gap in fast_gaps)


def test_conditional_get_sends_validators_and_handles_304(make_fetcher, con):
    seen_headers = []

    def handler(request):
        if robots_ok(request):
            return robots_ok(request)
        seen_headers.append(dict(request.headers))
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304, headers={"etag": '"v1"'})
        return httpx.Response(200, text="<rss/>", headers={"content-type": "application/rss+xml", "etag": '"v1"',
                                                           "last-modified": "Fri, 04 Sep 2026 02:43:06 GMT"})

    fetcher = make_fetcher(handler)
    feed = "https://vneconomy.vn/tin-moi.rss"
    first = fetcher.fetch(feed, kind="feed", allowed_hosts=SITE, conditional=True)
    second = fetcher.fetch(feed, kind="feed", allowed_hosts=SITE, conditional=True)
    assert first.ok and not first.not_modified
    assert second.not_modified and second.status == 304 and second.error is None
    assert "if-none-match" not in seen_headers[0]
    assert seen_headers[1]["if-modified-since"] == "Fri, 04 Sep 2026 02:43:06 GMT"
    state = con.execute("select etag, last_modified, last_status from raw.feed_state where url = ?", [feed]).fetchone()
    assert state == ('"v1"', "Fri, 04 Sep 2026 02:43:06 GMT", 304)


def test_user_agent_names_vnwh_and_contact_and_can_be_overridden(make_fetcher, monkeypatch):
    agents = []

    def handler(request):
        agents.append(request.headers["user-agent"])
        return httpx.Response(404)

    make_fetcher(handler).fetch(ARTICLE, allowed_hosts=SITE)
    assert agents[0] == DEFAULT_USER_AGENT and "vnwh" in agents[0] and "http" in agents[0]
    monkeypatch.setenv("VNWH_USER_AGENT", "vnwh-test/9 (+https://example.org/contact)")
    fetcher = Fetcher(None, transport=httpx.MockTransport(handler))
    assert fetcher.user_agent == "vnwh-test/9 (+https://example.org/contact)"
    fetcher.close()


def test_malformed_urls_are_refused_not_raised(make_fetcher, con):
    fetcher = make_fetcher(lambda request: pytest.fail("must not be requested"))
    for url in ("http://[bad", "http://vneconomy.vn:99999/a", "https://vneconomy.vn/a b.htm", "https://vneconomy.vn/\n"):
        assert fetcher.fetch(url).error == "invalid_url"
    assert fetcher.fetch("javascript:alert(1)").error == "scheme_refused"


def test_global_concurrency_limit_holds_across_hosts(con):
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    state = {"now": 0, "max": 0}
    lock = threading.Lock()

    def handler(request):
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.03)
        with lock:
            state["now"] -= 1
        return httpx.Response(200, text="ok", headers=HTML)

    fetcher = Fetcher(None, transport=httpx.MockTransport(handler), min_delay=0.0, concurrency=2)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda n: fetcher.fetch(f"https://site{n}.vn/a.htm"), range(8)))
    fetcher.close()
    assert all(r.ok for r in results) and state["max"] == 2
