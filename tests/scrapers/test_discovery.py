"""Discovery on the real saved feeds, sitemaps, listing pages; site URL helpers; date parsing."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from scraper_helpers import FIXTURES

from scrapers import discovery
from scrapers.parsing import parse_html
from scrapers.registry import SITES, resolve_sources, site_for_url
from scrapers.timeparse import from_url, parse_any, parse_vn_text

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_real_vneconomy_feed_gives_links_and_gmt_dates_in_vietnam_time():
    body = (FIXTURES / "vneconomy/rss_doanh-nghiep-niem-yet_2026-09-05_TRUNCATED.xml").read_bytes()
    found = discovery.links_from_feed(body, SITES["vneconomy"])
    assert len(found) == 6
    assert found[0].url == "https://vneconomy.vn/sau-soat-xet-qcg-bao-lai-1817-ty-dong-tang-17167-so-voi-cung-ky.htm"
    assert found[0].published_hint == datetime(2026, 9, 4, 9, 43, 6, tzinfo=VN)
    page = parse_html((FIXTURES / "vneconomy/article_2026-09-04_sau-soat-xet-qcg-bao-lai_EXCERPT.html").read_bytes())
    assert found[0].title == page.title and found[0].url == page.url      # feed item and page agree


def test_real_baochinhphu_feed_with_us_dates_and_cdata():
    body = (FIXTURES / "baochinhphu/rss_kinh-te_2026-09-05_TRUNCATED.xml").read_bytes()
    found = discovery.links_from_feed(body, SITES["baochinhphu"])
    assert len(found) == 6
    assert found[0].url.endswith("-102260905122709839.htm")
    assert found[0].published_hint == datetime(2026, 9, 5, 13, 30, tzinfo=VN)       # "9/5/2026 1:30:00 PM"
    assert found[1].published_hint == datetime(2026, 9, 5, 12, 34, tzinfo=VN)


def test_feed_links_to_other_hosts_are_ignored_and_garbage_gives_nothing():
    feed = (b'<rss><channel><item><link>https://evil.example/x.htm</link></item>'
            b'<item><link>https://nld.com.vn/a-196260101000000000.htm?utm_source=rss#top</link></item></channel></rss>')
    found = discovery.links_from_feed(feed, SITES["nld"])
    assert [f.url for f in found] == ["https://nld.com.vn/a-196260101000000000.htm"]
    assert discovery.links_from_feed(b"\x00\xff not xml at all", SITES["nld"]) == []


def test_links_are_normalised():
    assert discovery.normalise_link("https://VNECONOMY.vn/a b.htm?utm_source=x&id=2#c") == \
        "https://vneconomy.vn/a%20b.htm?id=2"


def test_sitemaps_urlset_index_and_garbage():
    urlset = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
              b'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">'
              b'<url><loc>https://www.vietnamplus.vn/bai-mot-post1000001.vnp</loc><lastmod>2024-01-02T08:00:00+07:00'
              b'</lastmod><image:image><image:title>&lt;![CDATA[Ti\xc3\xaau \xc4\x91\xe1\xbb\x81]]&gt;</image:title>'
              b'</image:image></url><url><loc>https://other.example/x</loc></url></urlset>')
    articles, children = discovery.links_from_sitemap(urlset, SITES["vietnamplus"])
    assert [a.url for a in articles] == ["https://www.vietnamplus.vn/bai-mot-post1000001.vnp"] and children == []
    assert articles[0].published_hint == datetime(2024, 1, 2, 8, 0, tzinfo=VN)
    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
             b'<loc>https://www.vietnamplus.vn/sitemaps/news-2024-1.xml</loc></sitemap></sitemapindex>')
    assert discovery.links_from_sitemap(index, SITES["vietnamplus"]) == (
        [], ["https://www.vietnamplus.vn/sitemaps/news-2024-1.xml"])
    assert discovery.links_from_sitemap(b"<<<not xml", SITES["vietnamplus"]) == ([], [])


def test_section_page_links_resolve_against_the_real_site_even_when_served_locally():
    html = ('<a href="/ha-noi-va-seoul-ky-ket-hop-tac-phat-trien-do-thi-thong-minh.htm">x</a>'
            '<a href="doanh-nghiep-niem-yet.htm">zone</a><a href="javascript:void(0)">js</a>'
            '<a href="https://facebook.com/share">fb</a>')
    found = discovery.links_from_section(html, "http://127.0.0.1:9/dau-tu.htm", SITES["vneconomy"],
                                         override_base="http://127.0.0.1:9")
    assert [f.url for f in found] == ["https://vneconomy.vn/ha-noi-va-seoul-ky-ket-hop-tac-phat-trien-do-thi-thong-minh.htm"]


def test_site_url_helpers():
    vnp = SITES["vietnamplus"]
    shards = vnp.sitemap_urls(date(2019, 12, 1), date(2020, 1, 31))
    assert shards == ["https://www.vietnamplus.vn/sitemaps/news-2020-1.xml",
                      "https://www.vietnamplus.vn/sitemaps/news-2020-01.xml",
                      "https://www.vietnamplus.vn/sitemaps/news-2019-12.xml"]
    assert SITES["vneconomy"].sitemap_urls(date(2019, 1, 1), date(2019, 1, 1)) == [
        "https://vneconomy.vn/sitemap/news-2019-01.xml"]
    assert vnp.fetch_url("https://www.vietnamplus.vn/a-post1.vnp?x=1", "http://127.0.0.1:8000") == \
        "http://127.0.0.1:8000/a-post1.vnp?x=1"
    assert vnp.allowed_hosts("http://127.0.0.1:8000") == ["127.0.0.1:8000"]
    assert "https://vneconomy.vn/tieu-diem.htm?page=2" in SITES["vneconomy"].section_urls(pages=2)
    assert vnp.is_article_url("https://www.vietnamplus.vn/thong-tin-moi-post1006275.vnp")
    assert not SITES["vneconomy"].is_article_url("https://vneconomy.vn/doanh-nghiep-niem-yet.htm")
    assert site_for_url("https://www.nld.com.vn/a.htm") is SITES["nld"] and site_for_url(None) is None
    assert [s.name for s in resolve_sources(None)] == ["vietnamplus", "vneconomy", "nld"]


def test_date_forms_of_the_sites():
    assert parse_any("2026-09-04T09:43:06&#x2B;07:00") == datetime(2026, 9, 4, 9, 43, 6, tzinfo=VN)
    assert parse_any("Fri, 04 Sep 2026 02:43:06 GMT") == datetime(2026, 9, 4, 9, 43, 6, tzinfo=VN)
    assert parse_vn_text("09:43, 04/09/2026") == datetime(2026, 9, 4, 9, 43, tzinfo=VN)
    assert parse_vn_text("04/09/2026, 09:43") == datetime(2026, 9, 4, 9, 43, tzinfo=VN)
    assert parse_vn_text("Thứ Năm, 05/09/2026 - 13:30 (GMT+7)") == datetime(2026, 9, 5, 13, 30, tzinfo=VN)
    assert parse_vn_text("lúc : 11/07/14 11:35") == datetime(2014, 7, 11, 11, 35, tzinfo=VN)
    assert parse_vn_text("ngày 5 tháng 9 năm 2026") == datetime(2026, 9, 5, tzinfo=VN)
    assert parse_vn_text("9/5/2026 1:30:00 PM", month_first=True) == datetime(2026, 9, 5, 13, 30, tzinfo=VN)
    assert parse_vn_text("31/02/2026 10:00") is None and parse_vn_text("01/01/1900") is None
    assert parse_any("2100-01-01T00:00:00+07:00") is None and parse_any("không phải ngày") is None
    assert from_url("https://nld.com.vn/x-196250821135822527.htm") == datetime(2025, 8, 21, 13, 58, 22, tzinfo=VN)


def test_rss_read_with_lxml_gives_what_feedparser_gives(monkeypatch):
    link = "https://nld.com.vn/a-196260101000000000.htm"
    dc = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
    feeds = [
        f"<rss><channel><item><title><![CDATA[<b>Tin</b> &amp; hay]]></title><link>\n {link} </link>"
        "<pubDate>Mon, 01 Jan 2026 08:00:00 +0700</pubDate></item></channel></rss>",
        f"<rss><channel><item><link>{link}?a=1&amp;amp;b=2</link></item><item><link></link><guid>{link}</guid>"
        "</item></channel></rss>",
        f"<rss {dc}><channel><item><link>{link}</link><dc:date>2026-01-01T08:00:00+07:00</dc:date></item>"
        "</channel></rss>",
        f'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="{link}"/><updated>2026-01-01T08:00:00+07:00'
        "</updated></entry></feed>",                                               # Atom: feedparser reads it
        f"<rss><channel><item><title>a&nbsp;b</title><link>{link}</link></item></channel></rss>",   # not XML
    ]
    site = SITES["nld"]
    fast = [discovery.links_from_feed(feed.encode(), site) for feed in feeds]
    assert [discovery._rss_entries(feed.encode()) is not None for feed in feeds] == [True, True, True, False, False]
    monkeypatch.setattr(discovery, "_rss_entries", lambda body: None)
    assert fast == [discovery.links_from_feed(feed.encode(), site) for feed in feeds]
    assert all(found for found in fast) and fast[0][0].title == "<b>Tin</b> &amp; hay"   # CDATA: as written
