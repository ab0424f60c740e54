"""Security: nothing executes page content, XML cannot reach local files, SQL from users is parameterised,
the serving copy is read-only, and paths with quotes do not break the SQL built around them."""
from __future__ import annotations

import ast
import json
import time
from pathlib import Path

import duckdb
import pytest
from corpus import articles
from typer.testing import CliRunner

from scrapers.discovery import links_from_feed, links_from_sitemap
from scrapers.registry import SITES
from warehouse.db import connect
from warehouse.importer import import_files
from warehouse.publish import publish
from warehouse.serving import connect_serving

pytestmark = pytest.mark.faults
REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("scrapers", "warehouse", "extraction", "orchestration")
EXECUTES = {"eval", "exec", "compile", "__import__", "execfile"}
JS_OR_BROWSERS = {"js2py", "dukpy", "py_mini_racer", "quickjs", "execjs", "selenium", "playwright", "pyppeteer",
                  "requests_html", "pythonmonkey", "STPyV8", "v8", "splinter", "mechanize", "pickle", "marshal",
                  "shelve", "yaml"}


def python_files():
    for package in PACKAGES:
        yield from sorted((REPO / package).rglob("*.py"))


def test_no_code_that_could_execute_page_content():
    found = []
    for path in python_files():
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in EXECUTES:
                found.append(f"{path.relative_to(REPO)}:{node.lineno} calls {node.func.id}()")
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                found += [f"{path.relative_to(REPO)}:{node.lineno} imports {n}" for n in names
                          if n.split(".")[0] in JS_OR_BROWSERS]
    assert found == []
    scraper_sources = " ".join(p.read_text("utf-8") for p in (REPO / "scrapers").rglob("*.py"))
    assert "subprocess" not in scraper_sources and "os.system" not in scraper_sources


SECRET = "https://vneconomy.vn/bi-mat-cua-may-chu-khong-bao-gio-duoc-lo-ra.htm"


def test_feeds_and_sitemaps_cannot_read_local_files_or_explode(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, "utf-8")
    site = SITES["vneconomy"]
    public = "https://vneconomy.vn/bai-cong-khai-mot-hai-ba-bon-nam.htm"
    doctype = f'<!DOCTYPE x [<!ENTITY leak SYSTEM "file://{secret}">]>'
    feed = (f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><item><title>a</title><link>&leak;</link>'
            f"</item><item><title>b</title><link>{public}</link></item></channel></rss>").encode()
    sitemap = (f'<?xml version="1.0"?>{doctype}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f"<url><loc>&leak;</loc></url><url><loc>{public}</loc></url></urlset>").encode()
    assert [f.url for f in links_from_feed(feed, site)] == [public]
    assert [f.url for f in links_from_sitemap(sitemap, site)[0]] == [public]
    laughs = '<!ENTITY a "hahahahaha">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    bomb_feed = (f'<?xml version="1.0"?><!DOCTYPE rss [{laughs}]><rss version="2.0"><channel><item><title>&j;'
                 f"</title><link>{public}</link></item></channel></rss>").encode()
    started = time.monotonic()
    assert [f.url for f in links_from_feed(bomb_feed, site)] == [public]
    bomb_map = bomb_feed.replace(b"DOCTYPE rss", b"DOCTYPE urlset").replace(
        b'<rss version="2.0"><channel><item><title>&j;</title><link>', b"<urlset><url><loc>&j;</loc></url><url><loc>"
    ).replace(b"</link></item></channel></rss>", b"</loc></url></urlset>")
    assert [f.url for f in links_from_sitemap(bomb_map, site)[0]] in ([public], [])   # read around, or given up
    assert time.monotonic() - started < 10


SQLISH = {
    "title": "Tin'); drop table raw.articles; --",
    "author": "Robert'); DROP TABLE students;--",
    "sapo": "$1 ? :name %s {0} \\' \\\" ; select * from raw.fetches",
    "tags": ["' or '1'='1", "\"; delete from raw.articles; --"],
}


@pytest.fixture
def published(tmp_path, monkeypatch):
    """A build with SQL-ish article fields, a tiny marts schema, published to a serving copy in a quoted path."""
    folder = tmp_path / "o'brien's \"warehouse\""
    folder.mkdir()
    build = folder / "vnwh.duckdb"
    monkeypatch.setenv("VNWH_DB", str(build))
    monkeypatch.delenv("VNWH_SERVING_DB", raising=False)
    items = articles(3, seed=81)
    items[0].update(SQLISH)
    source = folder / "in.jsonl"
    source.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in items), "utf-8")
    con = connect(build)
    try:
        assert import_files(con, [source]).landing.new == 3
        con.execute("create schema marts")
        con.execute("create table marts.dim_articles as select article_id, source, title, author, sapo, tags "
                    "from raw.articles")
    finally:
        con.close()
    manifest = publish()
    assert manifest.row_counts["marts.dim_articles"] == 3
    return folder, items


def test_sql_looking_fields_land_verbatim(published):
    folder, items = published
    con = duckdb.connect(str(folder / "vnwh.duckdb"), read_only=True)
    try:
        row = con.execute("select title, author, sapo, tags from raw.articles where url = ?", [items[0]["url"]])
        assert row.fetchone() == (SQLISH["title"], SQLISH["author"], SQLISH["sapo"], SQLISH["tags"])
        assert con.execute("select count(*) from raw.articles").fetchone()[0] == 3
    finally:
        con.close()


def test_query_parameters_are_values_never_sql(published):
    from orchestration.cli import app

    runner = CliRunner()
    sql = "select count(*) as n from dim_articles where source = ?"
    for hostile in ("x' or '1'='1", "'; drop table marts.dim_articles; --", "vneconomy' --"):
        result = runner.invoke(app, ["query", sql, "-p", hostile, "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output) == {"n": 0}
    result = runner.invoke(app, ["query", "select title from dim_articles where title = ?", "-p", SQLISH["title"],
                                 "--format", "json"])
    assert json.loads(result.output) == {"title": SQLISH["title"]}
    counted = runner.invoke(app, ["query", sql, "-p", "vneconomy", "--format", "json"])
    assert json.loads(counted.output) == {"n": 3}                       # nothing was dropped


@pytest.mark.parametrize("statement", [
    "insert into dim_articles select * from dim_articles",
    "update dim_articles set title = 'x'",
    "select 1; drop table dim_articles",
    "copy dim_articles to 'leak.csv'",
    "select * from read_text('/etc/hostname')",
    "install httpfs",
    "attach ':memory:' as scratch",
])
def test_the_serving_copy_cannot_be_written_or_used_to_reach_files(published, statement):
    from orchestration.cli import app

    result = CliRunner().invoke(app, ["query", statement])
    assert result.exit_code == 1 and result.output.strip()             # refused, with a message
    folder, _ = published
    assert not (folder / "leak.csv").exists() and not Path("leak.csv").exists()
    con = connect_serving(folder / "serving.duckdb")
    try:
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute("delete from marts.dim_articles")
        assert con.execute("select count(*) from marts.dim_articles").fetchone()[0] == 3
    finally:
        con.close()
