from datetime import date

import pytest


def one(facts):
    assert len(facts.trade) == 1, [(f.flow, f.value, f.evidence) for f in facts.trade]
    return facts.trade[0]


def test_bilateral_turnover_with_period_and_decline(extract):
    f = one(extract("Trong 6 tháng đầu năm 2023, kim ngạch thương mại song phương giữa Việt Nam và Hàn Quốc đạt "
                    "38,5 tỷ USD, giảm 8,2% so với cùng kỳ năm trước."))
    assert (f.reporter_country_code, f.reporter_locality_code, f.partner_country_code) == ("VN", None, "KR")
    assert (f.flow, f.value, f.currency, f.value_usd, f.value_qualifier) == ("turnover", 38.5e9, "USD", 38.5e9, "exact")
    assert (f.period_year, f.period_month_from, f.period_month_to, f.change_pct) == (2023, 1, 6, -8.2)


def test_province_export_uses_legacy_code_before_the_merger(extract):
    f = one(extract("Năm 2022, xuất khẩu của tỉnh Đồng Nai sang Nhật Bản đạt hơn 1,2 tỷ USD.", date(2023, 3, 1)))
    assert (f.reporter_locality_code, f.reporter_locality_name, f.partner_country_code) == ("VN-L75", "Đồng Nai", "JP")
    assert (f.flow, f.value_usd, f.value_qualifier, f.period_year) == ("export", 1.2e9, "over", 2022)


def test_export_and_import_in_one_sentence(extract):
    facts = extract("Trong 9 tháng đầu năm, xuất khẩu của Hải Dương sang Ấn Độ đạt 45 triệu USD, còn nhập khẩu "
                    "từ Ấn Độ chỉ đạt 3,2 triệu USD.", date(2022, 10, 5))
    flows = [(f.flow, f.value, f.partner_country_code, f.reporter_locality_code, f.period_year, f.period_month_to)
             for f in facts.trade]
    assert flows == [("export", 45e6, "IN", "VN-L30", 2022, 9), ("import", 3.2e6, "IN", "VN-L30", 2022, 9)]


def test_turnover_then_breakdown(extract):
    facts = extract("Năm 2023, kim ngạch xuất nhập khẩu giữa Việt Nam và Singapore đạt 3,5 tỷ USD, trong đó "
                    "xuất khẩu đạt 2 tỷ USD, nhập khẩu đạt 1,5 tỷ USD.")
    assert [(f.flow, f.value, f.partner_country_code, f.period_year) for f in facts.trade] == [
        ("turnover", 3.5e9, "SG", 2023), ("export", 2e9, "SG", 2023), ("import", 1.5e9, "SG", 2023)]


def test_this_figure_refers_to_the_previous_trade_fact(extract):
    facts = extract("Năm 2021, kim ngạch thương mại Việt Nam - Ấn Độ đạt 13 tỷ USD. Năm 2022, con số này là "
                    "15,1 tỷ USD, tăng 16%.")
    second = facts.trade[1]
    assert (second.partner_country_code, second.flow, second.value, second.period_year, second.change_pct) == (
        "IN", "turnover", 15.1e9, 2022, 16.0)


def test_foreign_region_reports_growth_only(extract):
    f = one(extract("Thống đốc vùng Amur cho biết năm 2023, kim ngạch thương mại giữa Amur và các địa phương của "
                    "Việt Nam tăng gấp 3 lần."))
    assert (f.reporter_country_code, f.reporter_locality_code, f.partner_country_code) == ("RU", "RU-AMU", "VN")
    assert (f.value, f.value_usd, f.change_pct, f.period_year) == (None, None, 200.0, 2023)


def test_other_currencies_are_converted(extract):
    f = one(extract("Năm 2023, kim ngạch thương mại giữa Vân Nam và Việt Nam đạt 120 tỷ nhân dân tệ."))
    assert (f.reporter_locality_code, f.partner_country_code, f.currency, f.value) == ("CN-YN", "VN", "CNY", 120e9)
    assert f.value_usd == pytest.approx(120e9 * 0.137)


def test_vnd_figure(extract):
    f = one(extract("Giá trị xuất khẩu của Bình Dương sang EU năm 2021 đạt khoảng 5.932 tỷ đồng.", date(2022, 1, 9)))
    assert (f.reporter_locality_code, f.partner_country_code, f.currency, f.value, f.value_qualifier) == (
        "VN-L74", "EU", "VND", 5932e9, "approx")


def test_locality_from_context(extract):
    facts = extract("Lạng Sơn là cửa ngõ giao thương quan trọng với Trung Quốc.\n\nQuý I/2024, kim ngạch nhập "
                    "khẩu của tỉnh từ Trung Quốc ước đạt 953 triệu USD.")
    f = one(facts)
    assert (f.reporter_locality_code, f.partner_country_code, f.flow, f.value_qualifier) == (
        "VN-20", "CN", "import", "approx")   # Lạng Sơn was not merged: one code
    assert (f.period_year, f.period_month_from, f.period_month_to) == (2024, 1, 3)


def test_national_export_to_us(extract):
    f = one(extract("Theo Tổng cục Hải quan, 10 tháng năm 2024, Việt Nam xuất khẩu sang Mỹ 98,4 tỷ USD, tăng 24%.",
                    date(2024, 11, 10)))
    assert (f.reporter_country_code, f.partner_country_code, f.flow, f.value, f.change_pct) == (
        "VN", "US", "export", 98.4e9, 24.0)
    assert (f.period_year, f.period_month_from, f.period_month_to) == (2024, 1, 10)


def test_province_total_without_partner(extract):
    f = one(extract("Năm 2023, tổng kim ngạch xuất khẩu của tỉnh Bắc Giang đạt 7,6 tỷ USD, tăng 5,2%."))
    assert (f.reporter_locality_code, f.partner_country_code, f.flow) == ("VN-L24", None, "export")


@pytest.mark.parametrize("sentence", [
    "Hai bên phấn đấu nâng kim ngạch thương mại lên 10 tỷ USD vào năm 2025.",
    "Mục tiêu đến năm 2030, kim ngạch xuất khẩu của tỉnh sang Hàn Quốc đạt 2 tỷ USD.",
    "Công ty cổ phần Nam Việt đã xuất khẩu sang Úc lô hàng trị giá 2 triệu USD.",
    "Xuất khẩu cà phê của Đắk Lắk sang Đức đạt 300 triệu USD trong năm 2023.",
    "Hàn Quốc hiện có hơn 10.000 dự án với tổng vốn đầu tư 86 tỷ USD tại Việt Nam.",
    "Năm 2018, du khách Nga chiếm tới 25% tổng lượt khách quốc tế đến Khánh Hòa.",
    "Doanh thu du lịch của Kiên Giang đạt 2.000 tỷ đồng, tăng 30%.",
    "Tổng Bí thư nhấn mạnh hai nước cần tạo thuận lợi cho xuất khẩu nông sản.",
])
def test_sentences_that_are_not_trade_figures(extract, sentence):
    assert extract(sentence).trade == []


def test_evidence_is_the_sentence_and_offsets_index_article_text(extract):
    from extraction import article_text
    title = "Thương mại Việt - Lào tăng mạnh"
    body = "Mở đầu bài viết. Năm 2023, kim ngạch thương mại Việt Nam - Lào đạt 1,6 tỷ USD, tăng 14%."
    facts = extract(body, title=title)
    text = article_text(title, None, body)
    f = one(facts)
    assert text[f.char_start:f.char_end] == f.evidence
    assert f.evidence.startswith("Năm 2023, kim ngạch")


def test_achieved_plan_share_is_not_a_target(extract):
    f = one(extract("Năm 2023, kim ngạch xuất khẩu của tỉnh Tây Ninh sang Campuchia đạt 1,1 tỷ USD, bằng 105% kế hoạch "
                    "năm."))
    assert (f.reporter_locality_code, f.partner_country_code, f.value) == ("VN-L72", "KH", 1.1e9)


def test_trade_surplus_is_not_an_export_figure(extract):
    facts = extract("Năm 2023, xuất khẩu của Việt Nam sang EU đạt 48 tỷ USD, xuất siêu 34 tỷ USD.")
    assert [(f.flow, f.value) for f in facts.trade] == [("export", 48e9)]


def test_largest_partner_sentence(extract):
    f = one(extract("Trung Quốc tiếp tục là đối tác thương mại lớn nhất của Việt Nam với kim ngạch 171 tỷ USD "
                    "trong năm 2023."))
    assert (f.reporter_country_code, f.partner_country_code, f.flow, f.period_year) == ("VN", "CN", "turnover", 2023)


def test_headline_figure_restated_in_body_is_one_fact(extract):
    facts = extract("Năm 2023, kim ngạch thương mại Việt Nam - Thái Lan đạt 21,46 tỷ USD, tăng 3,2%.",
                    title="Kim ngạch thương mại Việt Nam - Thái Lan năm 2023 đạt hơn 21 tỷ USD")
    assert [(f.value, f.evidence.startswith("Năm 2023")) for f in facts.trade] == [(21.46e9, True)]


def test_breakdown_inherits_reporter_and_period(extract):
    facts = extract("Năm 2023, kim ngạch xuất nhập khẩu của tỉnh Quảng Trị với Lào đạt 300 triệu USD. Trong đó, xuất "
                    "khẩu đạt 180 triệu USD.", date(2024, 1, 20))
    assert [(f.flow, f.reporter_locality_code, f.partner_country_code, f.period_year) for f in facts.trade] == [
        ("turnover", "VN-L45", "LA", 2023), ("export", "VN-L45", "LA", 2023)]


def test_respectively(extract):
    facts = extract("Năm 2023, xuất khẩu và nhập khẩu của tỉnh Cao Bằng với Trung Quốc lần lượt đạt 420 triệu USD và "
                    "380 triệu USD.", date(2024, 2, 1))
    assert [(f.flow, f.value) for f in facts.trade] == [("export", 420e6), ("import", 380e6)]


@pytest.mark.parametrize("sentence,flow", [
    ("Năm 2023, xuất khẩu của Lào sang Việt Nam đạt 1,1 tỷ USD.", "import"),
    ("Năm 2023, Trung Quốc nhập khẩu từ Việt Nam 61 tỷ USD.", "export"),
    ("Năm 2023, kim ngạch xuất khẩu sang Mỹ của Việt Nam đạt 97 tỷ USD.", "export"),
])
def test_flow_is_from_the_vietnamese_side(extract, sentence, flow):
    f = one(extract(sentence))
    assert (f.reporter_country_code, f.flow) == ("VN", flow)
    assert f.partner_country_code in ("LA", "CN", "US")


def test_bilateral_figure_takes_the_article_partner(extract):
    facts = extract("Hai nước có quan hệ hữu nghị truyền thống. Năm 2023, kim ngạch thương mại song phương đạt 2,5 tỷ "
                    "USD, tăng 7%.", title="Thúc đẩy hợp tác kinh tế Việt Nam - Ba Lan")
    f = one(facts)
    assert (f.reporter_country_code, f.partner_country_code, f.value) == ("VN", "PL", 2.5e9)
    assert "bilateral partner" in f.confidence_reason


@pytest.mark.parametrize("sentence", [
    "Năm 2023, kim ngạch xuất, nhập khẩu giữa Việt Nam và Ấn Độ đạt 14,3 tỷ USD.",
    "Năm 2023, tổng giá trị trao đổi hàng hóa giữa Việt Nam và Ấn Độ đạt 14,3 tỷ USD.",
    "Năm 2023, kim ngạch hai chiều Việt Nam - Ấn Độ đạt 14,3 tỷ USD.",
])
def test_turnover_wordings(extract, sentence):
    f = one(extract(sentence))
    assert (f.flow, f.partner_country_code, f.value, f.period_year) == ("turnover", "IN", 14.3e9, 2023)


def test_trade_between_foreign_countries_is_skipped(extract):
    assert extract("Năm 2023, xuất khẩu của Trung Quốc sang Mỹ giảm 13%, còn 500 tỷ USD.").trade == []


def test_customs_market_ranking(extract):
    facts = extract("Theo Tổng cục Hải quan, 9 tháng năm 2024, Mỹ tiếp tục là thị trường xuất khẩu lớn nhất của Việt "
                    "Nam với 88,5 tỷ USD; tiếp theo là Trung Quốc với 44,3 tỷ USD; EU với 38,3 tỷ USD.",
                    date(2024, 10, 10))
    assert [(f.reporter_country_code, f.partner_country_code, f.flow, f.value, f.period_month_to)
            for f in facts.trade] == [("VN", "US", "export", 88.5e9, 9), ("VN", "CN", "export", 44.3e9, 9),
                                      ("VN", "EU", "export", 38.3e9, 9)]


def test_exporter_with_value_phrase_is_still_flipped(extract):
    f = one(extract("Năm 2023, xuất khẩu của Lào sang Việt Nam với giá trị 1,2 tỷ USD tăng mạnh."))
    assert (f.reporter_country_code, f.partner_country_code, f.flow) == ("VN", "LA", "import")
