"""The demo: our sample articles rendered in each site's page structure, served on 127.0.0.1, crawled for real.

``build_demo_site(articles)`` -> {"/<site><path>": body}: article pages, RSS feeds (every feed path the site module
declares), section pages and a robots.txt per site. ``serve_demo_site(...)`` serves each site on its own random
port (one host per site, like the real thing) and yields {site: base_url} for ``crawl(site_overrides=...)``.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import threading
from contextlib import contextmanager
from datetime import datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from scrapers.demo_templates import RENDERERS
from scrapers.registry import SITES

SAMPLE_FILE = Path(__file__).resolve().parents[1] / "samples" / "articles.jsonl"
ROBOTS = "User-agent: *\nDisallow: /admin/\nAllow: /\n"


def _rss(site: str, articles: list[dict]) -> bytes:
    items = []
    for a in sorted(articles, key=lambda a: a["published_at"], reverse=True):
        when = format_datetime(datetime.fromisoformat(a["published_at"]), usegmt=False)
        items.append(f"<item><title>{escape(a['title'])}</title><link>{escape(a['url'])}</link>"
                     f"<description>{escape(a['sapo'])}</description><guid isPermaLink=\"true\">{escape(a['url'])}"
                     f"</guid><pubDate>{when}</pubDate><category>{escape(a['section'])}</category></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{site}</title>'
            f"<link>{SITES[site].base}</link>{''.join(items)}</channel></rss>").encode()


def _section(site: str, articles: list[dict]) -> bytes:
    links = "".join(f'<h3 class="title"><a href="{urlsplit(a["url"]).path}">{escape(a["title"])}</a></h3>'
                    for a in articles)
    return f"<!DOCTYPE html><html><body><div class=\"list\">{links}</div></body></html>".encode()


def build_demo_site(articles: list[dict]) -> dict[str, bytes]:
    pages: dict[str, bytes] = {}
    by_site: dict[str, list[dict]] = {}
    for article in articles:
        if article.get("source") in RENDERERS:
            by_site.setdefault(article["source"], []).append(article)
    for name, items in by_site.items():
        site = SITES[name]
        pages[f"/{name}/robots.txt"] = ROBOTS.encode()
        for article in items:
            pages[f"/{name}{urlsplit(article['url']).path}"] = RENDERERS[name](article).encode("utf-8")
        for feed in site.feeds:
            pages[f"/{name}{feed}"] = _rss(name, items)
        for section in site.sections:
            pages[f"/{name}{section}"] = _section(name, items)
    return pages


def load_sample(path: Path = SAMPLE_FILE) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _handler_for(files: dict[str, bytes]):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server API)
            path = urlsplit(self.path).path
            body = files.get(path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            kind = "text/plain" if path.endswith(".txt") else "application/rss+xml" if path.endswith(".rss") \
                else "text/html"
            if "gzip" in (self.headers.get("Accept-Encoding") or ""):
                body = gzip.compress(body)
                encoded = True
            else:
                encoded = False
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("ETag", etag)
            if encoded:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            return

    return Handler


@contextmanager
def serve_demo_site(articles: list[dict] | None = None, host: str = "127.0.0.1"):
    """Serve the demo site (one threading server per site, random ports); yields {site: base_url}."""
    pages = build_demo_site(articles if articles is not None else load_sample())
    sites = sorted({key.split("/")[1] for key in pages})
    servers, bases = [], {}
    try:
        for name in sites:
            prefix = f"/{name}"
            files = {key[len(prefix):]: body for key, body in pages.items() if key.startswith(prefix + "/")}
            server = ThreadingHTTPServer((host, 0), _handler_for(files))
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
            servers.append(server)
            bases[name] = f"http://{host}:{server.server_address[1]}"
        yield bases
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@contextmanager
def serve_sample():
    """The bundled sample (samples/articles.jsonl) served as the demo site; yields the site overrides."""
    with serve_demo_site(load_sample()) as bases:
        yield bases
