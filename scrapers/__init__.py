"""News-site scrapers: discovery, polite fetching, parsing, landing; archive import; probe; demo site.

Public interface:
- ``scrapers.registry``: ``SITES`` (vietnamplus, vneconomy, nld, baochinhphu, generic), ``site_for_url(url)``.
  One module per site in ``scrapers/sites/`` (hosts, feeds, date-indexed sitemap shards, sections + pagination,
  page templates: current first, legacy after).
- ``scrapers.parsing.parse_html(html, url=None, source=None)`` -> ``ArticleRecord``; ``ParseError``;
  ``PARSER_VERSION``. Structured data first, site selectors second, generic extractor last; ``parse_path`` is
  selectors | legacy | jsonld | generic and ``parse_warnings`` lists what was missing or guessed.
- ``scrapers.fetch.Fetcher``: robots.txt + crawl-delay, per-host delay, global concurrency, retries with backoff and
  jitter (Retry-After honoured, capped), conditional GET (raw.feed_state), size and decompression caps, redirects
  only within the site's allowlist and never to private addresses; every attempt in raw.fetches.
- ``scrapers.crawl.crawl(con, ...)`` -> ``CrawlStats``; resumable through raw.frontier.
- ``scrapers.archive.iter_archive_records(path, source=None)``: saved .html and WARC files.
- ``scrapers.probe.probe(sources=None)``: which fields each parse path finds on the newest feed item.
- ``scrapers.demo_site``: ``build_demo_site(articles)``, ``serve_demo_site(...)``, ``serve_sample()``.
"""
