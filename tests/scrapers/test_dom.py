"""The lxml layer under the parsers: selectors compiled once to XPath, text read as the parsers always read it,
odd HTML parsed without errors, body extraction on a copy (the page itself is never changed)."""
from __future__ import annotations

import pytest
from lxml import etree

from scrapers import dom
from scrapers.boxes import prune
from scrapers.htmltext import body_from
from scrapers.parsing import parse_html
from scrapers.registry import SITES


def test_every_site_selector_compiles_once():
    selectors = {s for site in SITES.values() for t in site.templates
                 for field in ("body", "title", "sapo", "author", "time", "section", "tags", "remove", "images")
                 for s in getattr(t, field)}
    assert selectors
    for selector in selectors:
        compiled = dom.css(selector)
        assert compiled.valid, selector
        assert dom.css(selector) is compiled                     # cached: translated to XPath once


def test_invalid_selectors_never_match_and_never_raise():
    root = dom.parse_document("<div class='a'><p>x</p></div>")
    for bad in ("div[", "p::nonsense(", ">>"):
        assert not dom.css(bad).valid
        assert dom.select(root, bad) == [] and dom.select_one(root, bad) is None


def test_element_scope_is_descendants_page_scope_is_every_element():
    root = dom.parse_document("<div class='box'><div class='box'><p>x</p></div></div>")
    outer = root.find(".//div")
    assert dom.select(root, "div.box") == [outer, outer[0]]          # the page: every element
    assert dom.select(outer, "div.box") == [outer[0]]                # an element: its descendants only
    assert dom.select(root, "html") == [root]


def test_class_substring_selectors_are_skipped_only_when_no_class_attribute_holds_the_text():
    root = dom.parse_document("<div class='site-breadcrumbs'><a>Home</a></div><p class='x'>y</p>")
    assert [a.text for a in dom.select(root, "[class*=breadcrumb] a")] == ["Home"]
    assert dom.select(root, "[class*=crumbs x]") == []                  # text across two attributes: no match
    assert dom.select(root, "[class*=date], [class*=x]") == [root.find(".//p")]
    assert dom.select(dom.parse_document("<p class='x'><a>y</a></p>"), "[class*=breadcrumb] a") == []


def test_type_attribute_values_match_case_insensitively_like_soupsieve():
    root = dom.parse_document("<div type='RelatedNewsBox'>a</div><div type='relatednewsbox'>b</div>"
                              "<div data-x='RelatedNewsBox'>c</div>")
    assert [d.text for d in dom.select(root, "[type=RelatedNewsBox]")] == ["a", "b"]
    assert [d.text for d in dom.select(root, "[data-x=relatednewsbox]")] == []


def test_text_skips_comments_scripts_and_templates_and_joins_text_nodes_with_spaces():
    root = dom.parse_document("<p>Hà<!-- x -->Nội <script>var a;</script><b>và</b><template>t</template>"
                              "Huế<style>p{}</style> &amp;amp; </p>")
    paragraph = root.find(".//p")
    assert dom.text_of(paragraph) == "Hà Nội và Huế &"
    assert dom.has_text(paragraph)
    assert not dom.has_text(dom.parse_document("<p> <!-- x --> &amp;nbsp; </p>").find(".//p"))


@pytest.mark.parametrize("markup", [
    "", "\x00\x01\x02", "<<<>>>" * 50, "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>",
    "<p>unclosed <b>bold <i>italic", "</div></div><p>stray closers</p>", "<html><head><title>t</title></head></html>",
])
def test_odd_markup_parses_to_a_tree(markup):
    root = dom.parse_document(markup)
    assert root.tag == "html"
    assert isinstance(dom.serialize(root), str)


def test_encoding_declaration_in_a_str_page_is_not_an_error():
    page = ("<?xml version='1.0' encoding='iso-8859-1'?><html><head><link rel='canonical' "
            "href='https://vneconomy.vn/a-b-c-d-e-f-g.htm'></head><body><h1>Tiêu đề</h1>"
            "<div class='detail__content'><p>Đoạn văn đủ dài về hợp tác kinh tế giữa hai tỉnh.</p></div></body></html>")
    record = parse_html(page)
    assert record.title == "Tiêu đề" and record.body_text.startswith("Đoạn văn")


def test_body_extraction_works_on_a_copy():
    root = dom.parse_document("<div id='c'><p>Đoạn văn thứ nhất của bài báo này khá dài.</p><figure><img src='a.jpg'>"
                              "<figcaption>Ảnh</figcaption></figure><div class='related'>Tin liên quan</div></div>")
    container = root.find(".//div")
    before = etree.tostring(root)
    body, _, _ = body_from(container, remove=["figure"])
    assert body == "Đoạn văn thứ nhất của bài báo này khá dài."
    assert etree.tostring(root) == before


def test_a_remove_selector_matching_the_container_itself_is_ignored():
    root = dom.parse_document("<div class='box'><p>Nội dung chính của bài viết nằm ở đây.</p></div>")
    body, _, _ = body_from(root.find(".//div"), remove=[".box"])
    assert body == "Nội dung chính của bài viết nằm ở đây."


def test_headed_box_goes_only_when_small_and_heading_text_is_exact():
    long_text = "Nội dung bài viết về quan hệ hợp tác giữa hai địa phương được mở rộng. " * 6
    page = (f"<div><p>{long_text}</p><div><span><b>Tin liên</b> <i>quan</i>:</span><a href='/x'>Bài khác</a></div>"
            f"<div><b>Tin liên quan đến dự án</b> vẫn là một phần của bài.</div></div>")
    root = dom.parse_document(page)
    scope = root.find(".//div")
    prune(scope.getparent(), keep=scope)
    texts = [dom.text_of(d) for d in scope.iterdescendants("div")]
    assert texts == ["Tin liên quan đến dự án vẫn là một phần của bài."]


def test_decomposed_unicode_heading_is_still_a_box_heading():
    import unicodedata

    heading = unicodedata.normalize("NFD", "Bài liên quan")
    page = (f"<div><p>{'Đoạn văn dài của bài báo. ' * 10}</p><div><h3>{heading}</h3><a href='/y'>Một bài</a></div>"
            "</div>")
    body, _, _ = body_from(dom.parse_document(page).find(".//div"))
    assert "Một bài" not in body


def test_positional_remove_selectors_run_one_after_another():
    page = ("<div><p>Đoạn đầu bị bỏ vì là phần tử đầu tiên.</p><p>Đoạn thứ hai của bài được giữ lại.</p>"
            "<p class='x'>Đoạn ba.</p></div>")
    body, _, _ = body_from(dom.parse_document(page).find(".//div"), remove=["p:first-child", "p + p + p"])
    assert body == "Đoạn thứ hai của bài được giữ lại.\n\nĐoạn ba."        # the 3rd <p> is 2nd once the 1st goes
    body, _, _ = body_from(dom.parse_document(page).find(".//div"), remove=[".x", "p:first-child", ".absent"])
    assert body == "Đoạn thứ hai của bài được giữ lại."
