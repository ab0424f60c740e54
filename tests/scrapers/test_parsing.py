"""Parsers on real saved pages (read from ../shared/fixtures at run time) and on our reconstructions."""
from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from scraper_helpers import FIXTURES, OUR_PAGES, fixture_text, paragraphs

from scrapers.parsing import PARSER_VERSION, ParseError, parse_html
from scrapers.registry import SITES, site_for_url

VN = ZoneInfo("Asia/Ho_Chi_Minh")
VNE = "vneconomy/article_2026-09-04_sau-soat-xet-qcg-bao-lai_EXCERPT.html"
BCP = "baochinhphu/article_2026-09-05_co-che-chinh-sach-xac-dinh-gia-san-pham-in-duc-tien_EXCERPT.html"
LEAKS = ("Tin liên quan", "Bài liên quan", "Hồ sơ Startup", "Khởi nghiệp", "Tham khảo thêm", "Đọc bài theo từ khoá",
         "Chia sẻ", "Mới nhất", "Ảnh:", "Đọc nhiều", "Tin cùng chuyên mục", "Cơ quan chủ quản", "TTXVN/Vietnam+",
         "react-text", "GMT+0700")


def assert_no_leaks(body: str, extra: tuple[str, ...] = ()) -> None:
    for marker in LEAKS + extra:
        assert marker not in body, marker


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def _texts(tree, xpath: str) -> list[str]:
    """Expected values read straight from the saved page with lxml (independent of the parser under test), so no
    article sentence has to be copied into this repository."""
    return [t for t in (_norm(node.text_content()) for node in tree.xpath(xpath)) if t]


def test_vneconomy_real_2026_page():
    tree = lxml.html.fromstring(fixture_text(VNE))
    record = parse_html(fixture_text(VNE))
    assert record.url == tree.xpath("string(//link[@rel='canonical']/@href)")
    assert record.source == "vneconomy" and record.parse_path == "selectors" and record.parse_warnings == []
    assert record.title == _texts(tree, "//h1[@data-field='title']")[0]
    assert record.sapo == _texts(tree, "//h4[@data-field='sapo']")[0]
    assert record.published_at == datetime(2026, 9, 4, 9, 43, 6, tzinfo=VN)
    assert record.author == "Hà Anh" and record.section == "Doanh nghiệp niêm yết"
    assert record.tags == _texts(tree, "//div[@class='tags']//span[@class='tag-name']")
    expected = _texts(tree, "//main[@id='article-editor']/p")
    body = paragraphs(record.body_text)
    assert len(body) == len(expected) == 13
    assert body[0] == expected[0] and body[-1] == expected[-1]
    assert record.sapo not in record.body_text                      # the lead sits inside main: removed
    related = _texts(tree, "//div[contains(@class,'related-detail_news')]//h3/a")
    captions = _texts(tree, "//figcaption")
    assert related and captions
    assert_no_leaks(record.body_text, tuple(related + captions) + ("Google News",))
    assert record.images[0]["caption"] == captions[0]
    assert record.parser_version == PARSER_VERSION


def test_baochinhphu_real_page_byline_and_in_body_related_box():
    tree = lxml.html.fromstring(fixture_text(BCP))
    record = parse_html(fixture_text(BCP))
    assert record.source == "baochinhphu" and record.parse_path == "selectors"
    assert record.title == _texts(tree, "//h1[@data-role='title']")[0]
    assert record.published_at == datetime(2026, 9, 5, 13, 30, tzinfo=VN)
    assert record.updated_at == datetime(2026, 9, 5, 13, 34, tzinfo=VN)
    assert record.author == "Phương Nhi"                             # trailing right-aligned byline, not "Ban biên tập"
    assert record.section == _texts(tree, "//a[@data-role='cate-name']")[0]
    assert record.tags == ["đúc tiền", "in tiền"]
    sapo = _texts(tree, "//h2[@data-role='sapo']")[0]
    assert sapo.startswith("(Chinhphu.vn) - ") and record.sapo == sapo.removeprefix("(Chinhphu.vn) - ")
    content = _texts(tree, "//div[@data-role='content']/p[not(contains(@style, 'right'))]")
    body = paragraphs(record.body_text)
    assert body == content                                             # every paragraph, nothing else
    related = _texts(tree, "//*[@type='RelatedNewsBox']//h4")
    caption = _texts(tree, "//figcaption")
    assert len(related) == 4 and caption
    assert_no_leaks(record.body_text, tuple(related + caption) + ("Phương Nhi",))


def test_vietnamplus_2017_fragment_legacy_template():
    path = FIXTURES / "vietnamplus/fragment_2017_article-body_cms-body.html"
    tree = lxml.html.fromstring(path.read_text("utf-8"))
    record = parse_html(path.read_bytes(), "https://www.vietnamplus.vn/mien-bac-nang-am/478059.vnp")
    assert record.source == "vietnamplus" and record.parse_path == "legacy"
    assert record.published_at == datetime(2017, 12, 4, 7, 23, 20, tzinfo=VN)
    assert record.author == "Minh Nguyệt"
    tail = _norm(tree.xpath("//div[contains(@class,'article-body')]")[0].text_content().split("\n")[-1])
    assert paragraphs(record.body_text) == [tail]
    caption = _norm(tree.xpath("//div[@class='article-photo']")[0].text_content())
    assert caption not in record.body_text and "sas" not in record.body_text
    assert record.images[0]["caption"] == caption


def test_vietnamplus_2014_fragment_without_body_container_goes_generic():
    path = FIXTURES / "vietnamplus/fragment_2014_article-header.html"
    tree = lxml.html.fromstring(path.read_text("utf-8"))
    record = parse_html(path.read_bytes(), "https://www.vietnamplus.vn/thuong-vien-my/270000.vnp")
    assert record.title == _texts(tree, "//header/h1")[0]
    assert record.published_at == datetime(2014, 7, 11, 11, 35, tzinfo=VN)      # "lúc : 11/07/14 11:35"
    assert record.author == "TTXVN/Vietnam+"
    assert record.parse_path == "generic" and "site_selectors_missed" in record.parse_warnings
    body = paragraphs(record.body_text)
    first_block = tree.xpath("//div[@style='text-align: justify;']")[0]
    assert body[0] == _norm(first_block.xpath("string(./br/following-sibling::text())"))
    assert body[-1] == _texts(tree, "//p")[-1]
    photo = _norm(tree.xpath("//div[@class='article-photo']")[0].text_content())
    assert photo not in record.body_text                                          # photo caption


EXPECTED = {
    "vietnamplus_current_reconstructed.html": dict(
        source="vietnamplus", parse_path="selectors", title="Hải Phòng và Kobe mở rộng hợp tác cảng biển",
        published_at=datetime(2026, 5, 14, 9, 20, tzinfo=VN), author="Thanh Hương", section="Thế giới",
        first="Sáng 13/5, tại Kobe, đoàn công tác", last="theo tiêu chuẩn Nhật Bản./.", n=4),
    "nld_current_reconstructed.html": dict(
        source="nld", parse_path="selectors", title="Cần Thơ và tỉnh Chungcheongnam ký kết hợp tác",
        published_at=datetime(2026, 3, 20, 10, 15, tzinfo=VN), author="Lê Vĩnh", section="Quốc tế",
        first="Chiều 19/3, UBND TP Cần Thơ", last="vào khu công nghiệp Thốt Nốt.", n=4),
    "vneconomy_legacy_2021_reconstructed.html": dict(
        source="vneconomy", parse_path="legacy", title="Khánh Hòa tìm đối tác Nga cho du lịch biển",
        published_at=datetime(2021, 11, 8, 15, 40, tzinfo=VN), author="Trần Minh", section="Địa phương",
        first="Ngày 7/11, Sở Du lịch tỉnh Khánh Hòa", last="hai chuyến bay mỗi tuần từ tháng 12.", n=3),
    "structured_only_reconstructed.html": dict(
        source="vietnamplus", parse_path="generic", title="Quảng Ninh đón đoàn doanh nghiệp Mông Cổ",
        published_at=datetime(2026, 7, 2, 16, 5, tzinfo=VN), author="Bích Ngọc", section="Kinh tế",
        first="Chiều 1/7, UBND tỉnh Quảng Ninh", last="qua đường sắt.", n=3),
    "jsonld_body_reconstructed.html": dict(
        source="nld", parse_path="jsonld", title="Đồng Nai xúc tiến đầu tư tại Đức",
        published_at=datetime(2026, 4, 10, 8, 30, tzinfo=VN), author="Hoàng Phương", section="Kinh tế",
        first="Ngày 9/4 (giờ địa phương)", last="đang được tỉnh đầu tư mạnh.", n=3),
    "vietnamplus_legacy_2017_reconstructed.html": dict(
        source="vietnamplus", parse_path="legacy", title="Nghệ An và tỉnh Bolikhamxay tăng cường hợp tác",
        published_at=datetime(2017, 12, 6, 10, 5, tzinfo=VN), author="Quang Nam", section="Thế giới",
        first="Ngày 5/12, tại thành phố Vinh", last="chế biến nông sản của Nghệ An./.", n=4),
    "nld_legacy_2019_reconstructed.html": dict(
        source="nld", parse_path="legacy", title="TP HCM đón đoàn Osaka",
        published_at=datetime(2019, 3, 15, 8, 30, tzinfo=VN), author="Thu Hoài", section="Thời sự",
        first="Sáng 14-3, Chủ tịch UBND TP HCM", last="tham gia các dự án hạ tầng.", n=3),
    "nld_tuoitre_redirect_reconstructed.html": dict(
        source="nld", parse_path="selectors", title="Đà Nẵng mở đường bay mới tới Busan",
        published_at=datetime(2026, 8, 5, 9, 30, tzinfo=VN), author="Bảo Trâm", section="Quốc tế",
        first="Sở Du lịch TP Đà Nẵng cho biết", last="tại Busan vào cuối tháng 8.", n=2),
    "vietnamplus_current_variant_reconstructed.html": dict(
        source="vietnamplus", parse_path="selectors", title="Bắc Ninh thu hút nhà đầu tư Hàn Quốc",
        published_at=datetime(2026, 2, 11, 12, 45, tzinfo=VN), author="Thanh Thương", section="Kinh tế",
        first="Ngày 10/2, UBND tỉnh Bắc Ninh", last="trong thời gian ngắn nhất./.", n=4),
    "vneconomy_legacy_seedlike_reconstructed.html": dict(
        source="vneconomy", parse_path="generic", title="Gia Lai và tỉnh Ratanakiri bàn hợp tác nông nghiệp",
        published_at=None, author="Lê Hoàng", section=None,
        first="Sáng 15/10, UBND tỉnh Gia Lai", last="theo quy định của Campuchia.", n=3),
    "selectorless_generic_reconstructed.html": dict(
        source="baotintinh.example.vn", parse_path="generic",
        title="Bình Định giới thiệu tiềm năng với nhà đầu tư Singapore",
        published_at=datetime(2026, 4, 6, 14, 10, tzinfo=VN), author="Hà Phương", section=None,
        first="Sáng 6/4, tại Singapore", last="trong tháng 5.", n=4),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reconstructed_and_structured_pages(name):
    want = EXPECTED[name]
    record = parse_html((OUR_PAGES / name).read_bytes())
    for key in ("source", "parse_path", "title", "published_at", "author", "section"):
        assert getattr(record, key) == want[key], key
    body = paragraphs(record.body_text)
    assert len(body) == want["n"]
    assert body[0].startswith(want["first"]) and body[-1].endswith(want["last"])
    assert_no_leaks(record.body_text, ("Một bài", "Một tin", "Một công ty khởi nghiệp", "Một doanh nghiệp công nghệ",
                                       "Hà Phương", "Bãi biển Nha Trang", "Toàn cảnh hội nghị", "Bản quyền",
                                       "Quang Nam", "Thu Hoài", "Việt Nam và Lào ký kết", "Quảng cáo",
                                       "TP HCM ký kết", "Ấn Độ", "Lễ ký biên bản", "Quang cảnh",
                                       "Thanh Thương", "Lễ trao chứng nhận", "Tin khác", "#", "Một công ty phần mềm",
                                       "Một nền tảng", "Lê Hoàng", "Đại biểu hai tỉnh", "Tỉnh Gia Lai đề xuất"))


def test_bold_first_paragraph_becomes_the_lead_when_there_is_no_sapo():
    record = parse_html((OUR_PAGES / "vneconomy_legacy_seedlike_reconstructed.html").read_bytes())
    assert record.sapo.startswith("Tỉnh Gia Lai đề xuất mở thêm điểm thông quan")
    assert "sapo_from_bold_first_paragraph" in record.parse_warnings


def test_tags_and_table_captions_of_the_vietnamplus_variant():
    record = parse_html((OUR_PAGES / "vietnamplus_current_variant_reconstructed.html").read_bytes())
    assert record.tags == ["Bắc Ninh", "Hàn Quốc"]
    assert record.images == [{"src": "https://imagev3.vietnamplus.vn/w1000/x.jpg",
                              "caption": "Lễ trao chứng nhận đầu tư. (Ảnh: Thanh Thương/TTXVN)"}]


def test_generic_fallback_is_flagged_and_sapo_prefix_stripped():
    record = parse_html((OUR_PAGES / "jsonld_body_reconstructed.html").read_bytes())
    assert record.sapo == "Đoàn công tác tỉnh Đồng Nai đã giới thiệu 12 dự án kêu gọi đầu tư tại hội nghị ở Frankfurt."
    generic = parse_html((OUR_PAGES / "selectorless_generic_reconstructed.html").read_bytes())
    assert any(w.startswith("generic_extractor") for w in generic.parse_warnings)


def test_site_choice_from_url_canonical_or_source_and_parse_error_without_url():
    page = "<html><body><article><p>" + "Nội dung bài báo thử nghiệm khá dài. " * 5 + "</p></article></body></html>"
    assert parse_html(page, "https://nld.com.vn/a-196260101000000000.htm").source == "nld"
    assert parse_html(page, "https://example.org/a", source="vneconomy").source == "vneconomy"
    with pytest.raises(ParseError):
        parse_html(page, source="vneconomy")
    assert issubclass(ParseError, ValueError)
    assert site_for_url("https://tuoitre.vn/nld/bai-196260101000000000.htm") is SITES["nld"]
    assert site_for_url("https://tuoitre.vn/the-thao/bai.htm") is None


def test_layout_change_lands_with_flag_instead_of_failing():
    page = ('<html><head><link rel="canonical" href="https://vneconomy.vn/mot-bai-moi-trong-giao-dien-moi-la.htm">'
            '</head><body><div class="khung-moi"><h1>Tiêu đề giao diện mới</h1></div></body></html>')
    record = parse_html(page)
    assert record.title == "Tiêu đề giao diện mới" and record.body_text is None
    assert "site_selectors_missed" in record.parse_warnings and "no_body" in record.parse_warnings
