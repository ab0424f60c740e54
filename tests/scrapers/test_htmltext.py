"""The text rules that keep boxes, captions, bylines and sign-offs out of article bodies."""
from __future__ import annotations

from scrapers.dom import parse_document
from scrapers.htmltext import body_from, clean_paragraphs


def first_div(html: str):
    return parse_document(html).find(".//div")


def rules(*paragraphs, right_last=False, **options):
    items = [(p, right_last and i == len(paragraphs) - 1) for i, p in enumerate(paragraphs)]
    return clean_paragraphs(items, **options)


def test_captions_go_source_citations_in_text_stay():
    kept, _, captions = rules(
        "Năm 2025, kim ngạch hai chiều đạt 4,85 tỷ USD, tăng 12% so với năm trước (Nguồn: Bộ Công Thương).",
        "Ảnh minh họa. (Nguồn: Vietnam+)",
        "Tọa đàm được tổ chức theo hình thức trực tuyến - Ảnh: Minh Anh",
        "Đoàn công tác thăm nhà máy. (Ảnh: Tư liệu/TTXVN)")
    assert kept == ["Năm 2025, kim ngạch hai chiều đạt 4,85 tỷ USD, tăng 12% so với năm trước (Nguồn: Bộ Công Thương)."]
    assert len(captions) == 3


def test_box_headings_cut_the_tail_and_bracketed_links_go():
    kept, _, _ = rules("Đoạn mở đầu của bài viết về hợp tác.", "[Một bài liên quan được chèn giữa bài]",
                       "Đoạn kết của bài viết./.", "Tin liên quan", "Khởi nghiệp", "Hồ sơ Startup",
                       "Một công ty khởi nghiệp giới thiệu sản phẩm của mình")
    assert kept == ["Đoạn mở đầu của bài viết về hợp tác.", "Đoạn kết của bài viết./."]


def test_signoffs_and_bylines_at_the_tail():
    kept, byline, _ = rules("Nội dung chính của bài báo.", "(TTXVN/Vietnam+)")
    assert kept == ["Nội dung chính của bài báo."] and byline is None
    kept, byline, _ = rules("Nội dung chính của bài báo.", "Phương Nhi", right_last=True)
    assert kept == ["Nội dung chính của bài báo."] and byline == "Phương Nhi"
    kept, byline, _ = rules("Nội dung chính của bài báo.", "Thu Hằng (TTXVN/Vietnam+)", byline_from_tail=False)
    assert kept == ["Nội dung chính của bài báo."] and byline == "Thu Hằng (TTXVN/Vietnam+)"
    kept, byline, _ = rules("Nội dung chính.", "Hội nghị kết thúc vào chiều cùng ngày.", right_last=True)
    assert kept == ["Nội dung chính.", "Hội nghị kết thúc vào chiều cùng ngày."] and byline is None


def test_leading_byline_and_share_button_are_not_a_box():
    kept, byline, _ = rules("Nguyễn Tuyến", "Chia sẻ", "Chiều 27/10, tọa đàm diễn ra trực tuyến.", "Tin liên quan",
                            "Một bài khác")
    assert kept == ["Chiều 27/10, tọa đàm diễn ra trực tuyến."] and byline == "Nguyễn Tuyến"


def test_related_box_in_mid_body_goes_without_cutting_what_follows():
    html = ("<div class='noi-dung'><p>Đoạn thứ nhất khá dài của bài báo về hợp tác giữa hai địa phương.</p>"
            "<div class='hop'><h3>Tin liên quan</h3><a href='/x'>Một bài khác</a></div>"
            "<p>Đoạn thứ hai cũng dài, tiếp tục thuật lại buổi làm việc giữa hai đoàn.</p>"
            "<p>Đoạn thứ ba kết thúc bài viết với các cam kết cụ thể của hai bên.</p></div>")
    body, _, _ = body_from(first_div(html))
    assert body.split("\n\n") == [
        "Đoạn thứ nhất khá dài của bài báo về hợp tác giữa hai địa phương.",
        "Đoạn thứ hai cũng dài, tiếp tục thuật lại buổi làm việc giữa hai đoàn.",
        "Đoạn thứ ba kết thúc bài viết với các cam kết cụ thể của hai bên."]


def test_inline_newlines_are_collapsed_and_comments_dropped():
    html = "<div><p>Hai bên\n   thống nhất\n kế hoạch.<!-- react-text: 5 --></p><p><br></p></div>"
    body, _, _ = body_from(first_div(html))
    assert body == "Hai bên thống nhất kế hoạch."


def test_title_brand_suffixes_and_author_credits():
    from scrapers.fields import clean_author, strip_brand

    assert strip_brand("Hà Nội - Seoul | Vietnam+ (VietnamPlus)", ("VietnamPlus", "Vietnam+")) == "Hà Nội - Seoul"
    assert strip_brand("Giá vàng - VN", ("VnEconomy",)) == "Giá vàng - VN"
    assert strip_brand("Tin A - Báo Người Lao Động Online") == "Tin A"
    assert clean_author("MINH NGUYỆT (TTXVN/VIETNAM+)") == "Minh Nguyệt"
    assert clean_author(" (TTXVN/Vietnam+)") == "TTXVN/Vietnam+"
    assert clean_author("Bài và ảnh: Lê Hoàng") == "Lê Hoàng"
    assert clean_author("baochinhphu.vn") is None and clean_author("Ban biên tập") is None
    assert clean_author("https://www.facebook.com/vneconomy") is None
