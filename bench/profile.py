"""cProfile of one stage, top functions printed (not part of `make bench`).

    uv run python -m bench.profile extract [N]    # warehouse.facts.extract_pending over N landed articles
    uv run python -m bench.profile parse          # parse_html over the parse benchmark's pages (40 rounds)
    uv run python -m bench.profile crawl [N]      # crawl() of N demo pages, worker threads profiled too
"""
from __future__ import annotations

import cProfile
import io
import pstats
import sys
import tempfile
import threading
from pathlib import Path


def _print(profiles: list[cProfile.Profile], top: int = 30) -> None:
    out = io.StringIO()
    stats = pstats.Stats(profiles[0], stream=out)
    for extra in profiles[1:]:
        stats.add(extra)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top // 2)
    print(out.getvalue())


def profile_extract(n: int) -> None:
    from bench.extract import land
    from warehouse.db import connect
    from warehouse.facts import extract_pending

    with tempfile.TemporaryDirectory() as tmp:
        con = connect(Path(tmp) / "p.duckdb")
        land(con, n)
        profiler = cProfile.Profile()
        profiler.enable()
        extract_pending(con)
        profiler.disable()
        con.close()
    _print([profiler])


def profile_parse() -> None:
    from bench import parse

    pages = parse.pages()
    for page in pages:
        parse.ours(page)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(40):
        for page in pages:
            parse.ours(page)
    profiler.disable()
    _print([profiler])


def profile_crawl(n: int) -> None:
    import scrapers.crawl as crawl_module
    from bench.crawl import SITES, DemoServer
    from scrapers.fetch import Fetcher
    from warehouse.db import connect

    profiles: list[cProfile.Profile] = []
    local = threading.local()
    original = crawl_module._fetch_and_parse

    def profiled(*args):
        if not hasattr(local, "profiler"):
            local.profiler = cProfile.Profile()
            profiles.append(local.profiler)
        local.profiler.enable()
        try:
            return original(*args)
        finally:
            local.profiler.disable()

    crawl_module._fetch_and_parse = profiled
    with DemoServer(n) as bases, tempfile.TemporaryDirectory() as tmp:
        con = connect(Path(tmp) / "c.duckdb")
        fetcher = Fetcher(con, private_allowlist={"127.0.0.1"}, min_delay=0.0, max_attempts=1)
        main = cProfile.Profile()
        main.enable()
        crawl_module.crawl(con, SITES, site_overrides=bases, fetcher=fetcher)
        main.disable()
        fetcher.close()
        con.close()
    print("== main thread (discovery, settle = landing)")
    _print([main])
    print("== worker threads (fetch + parse)")
    _print(profiles)


def main() -> None:
    stage = sys.argv[1] if len(sys.argv) > 1 else "extract"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    {"extract": lambda: profile_extract(n), "parse": profile_parse, "crawl": lambda: profile_crawl(n)}[stage]()


if __name__ == "__main__":
    main()
