from datetime import date

import pytest

from extraction.relevance import classify


@pytest.mark.parametrize("title,sapo,body", [
    ("Quảng Ninh thúc đẩy hợp tác với tỉnh Quảng Tây (Trung Quốc)",
     "Sáng 12/4, lãnh đạo tỉnh Quảng Ninh đã hội đàm với đoàn công tác của Khu tự trị Quảng Tây.",
     "Hai bên thống nhất tăng cường hợp tác thương mại, đầu tư và du lịch. Kim ngạch xuất nhập khẩu qua các cửa "
     "khẩu của tỉnh năm qua tăng mạnh."),
    ("Đà Nẵng tiếp Đại sứ Nhật Bản",
     None,
     "Chủ tịch UBND thành phố Đà Nẵng đã tiếp xã giao Đại sứ Nhật Bản. Hai bên trao đổi về hợp tác đầu tư, "
     "đào tạo nguồn nhân lực và kết nối doanh nghiệp."),
    ("Hội nghị xúc tiến đầu tư vào Bình Dương tại Hàn Quốc",
     None,
     "Hội nghị thu hút hơn 200 doanh nghiệp Hàn Quốc. Tỉnh đã trao giấy chứng nhận đầu tư cho 5 dự án FDI."),
])
def test_relevant_articles(title, sapo, body):
    relevant, reason = classify(title, sapo, body)
    assert relevant, reason
    assert "cues:" in reason and "foreign:" in reason


@pytest.mark.parametrize("title,sapo,body,why", [
    ("Hà Nội phân luồng giao thông dịp lễ", None,
     "Sở Giao thông vận tải Hà Nội điều chỉnh tổ chức giao thông trên nhiều tuyến phố trung tâm.", "no foreign"),
    ("Tuyển Việt Nam thắng Thái Lan 2-1", None,
     "Trận đấu diễn ra trên sân Mỹ Đình với sự cổ vũ của hàng vạn khán giả Việt Nam.", "few cues"),
    ("Nga và Trung Quốc ký thỏa thuận năng lượng", None,
     "Hai nước đã ký kết nhiều thỏa thuận hợp tác về dầu khí và đầu tư hạ tầng.", "no vietnamese"),
    (None, None, None, "empty"),
])
def test_not_relevant_articles(title, sapo, body, why):
    relevant, reason = classify(title, sapo, body)
    assert not relevant, reason
    assert reason


def test_unknown_places_are_counted(extract):
    facts = extract("Đoàn đã làm việc với lãnh đạo tỉnh Vologod và bang Kerala. Sau đó, đoàn thăm tỉnh Vologod "
                    "và huyện Koh Nhéc, tỉnh Mondulkiri.", date(2021, 10, 27))
    names = {u.name: u.occurrences for u in facts.unknown_places}
    assert names["Vologod"] == 2 and names["Kerala"] == 1 and names["Koh Nhéc"] == 1
    assert "Mondulkiri" not in names
    assert all(u.context for u in facts.unknown_places)


def test_known_places_and_institutions_are_not_unknown(extract):
    facts = extract("Tỉnh ủy Nghệ An, Thành phố Hồ Chí Minh và tỉnh Kaluga của Nga; Ủy ban nhân dân tỉnh Tây Ninh.")
    assert facts.unknown_places == []


def test_written_articles_with_facts_are_relevant():
    import importlib.util
    from pathlib import Path
    spec = importlib.util.spec_from_file_location("written_articles", Path(__file__).with_name("written_articles.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for article in module.ARTICLES:
        if article["trade"] or article["investment"] or article["events"]:
            relevant, reason = classify(article["title"], article["sapo"], article["body"])
            assert relevant, (article["name"], reason)


def test_fdi_implies_the_foreign_side():
    relevant, reason = classify("Bắc Giang thu hút vốn FDI tăng mạnh", None,
                                "Trong 9 tháng, tỉnh Bắc Giang thu hút 1,3 tỷ USD vốn FDI.")
    assert relevant and "fdi" in reason


def test_article_with_facts_but_few_cues_is_relevant():
    relevant, reason = classify("Số liệu quý I", None, "Trong quý I/2024, xuất khẩu của Việt Nam sang Nhật Bản "
                                "tăng 5,4%.")
    assert relevant and reason.startswith("facts: trade×1")


def test_continents_and_people_are_not_unknown_places(extract):
    facts = extract("Thị trường châu Âu và châu Á; Chủ tịch HĐND tỉnh Nguyễn Văn Nam phát biểu.")
    assert facts.unknown_places == []
