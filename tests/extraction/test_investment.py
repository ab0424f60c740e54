from datetime import date

import pytest


def one(facts):
    assert len(facts.investments) == 1, [(f.capital, f.evidence) for f in facts.investments]
    return facts.investments[0]


def test_country_stock_with_rank_and_as_of(extract):
    f = one(extract("Tính đến hết tháng 6/2024, Nhật Bản có 5.400 dự án còn hiệu lực tại Việt Nam với tổng vốn "
                    "đăng ký 73,8 tỷ USD, đứng thứ 3 trong số 145 quốc gia và vùng lãnh thổ đầu tư vào Việt Nam.",
                    date(2024, 7, 20)))
    assert (f.investor_country_code, f.host_country_code, f.host_locality_code) == ("JP", "VN", None)
    assert (f.project_count, f.project_count_qualifier, f.capital_usd, f.capital_kind) == (
        5400, "exact", 73.8e9, "registered")
    assert (f.as_of_date, f.rank) == (date(2024, 6, 30), 3)


def test_investor_in_a_province(extract):
    f = one(extract("Hiện Hàn Quốc có 320 dự án đầu tư trên địa bàn tỉnh Bắc Ninh với tổng vốn hơn 12 tỷ USD.",
                    date(2023, 5, 2)))
    assert (f.investor_country_code, f.host_locality_code, f.host_locality_name) == ("KR", "VN-L27", "Bắc Ninh")
    assert (f.project_count, f.capital, f.capital_qualifier, f.capital_kind) == (320, 12e9, "over", "unspecified")


def test_foreign_investment_in_general(extract):
    f = one(extract("Trong 9 tháng đầu năm, tỉnh Long An thu hút 45 dự án FDI với tổng vốn đăng ký 520 triệu USD.",
                    date(2024, 10, 2)))
    assert (f.investor_country_code, f.host_locality_code, f.project_count, f.capital_usd) == (
        None, "VN-L80", 45, 520e6)
    assert f.capital_kind == "registered"


def test_national_disbursed_fdi(extract):
    f = one(extract("Vốn FDI giải ngân vào Việt Nam trong 11 tháng năm 2023 ước đạt 20,25 tỷ USD, tăng 3,6%."))
    assert (f.investor_country_code, f.host_country_code, f.capital_kind, f.capital_qualifier) == (
        None, "VN", "disbursed", "approx")
    assert f.capital_usd == pytest.approx(20.25e9)


def test_vietnam_invests_abroad(extract):
    f = one(extract("Đến nay, các doanh nghiệp Việt Nam đã đầu tư 230 dự án sang Lào với tổng vốn đăng ký gần "
                    "5,5 tỷ USD."))
    assert (f.investor_country_code, f.host_country_code) == ("VN", "LA")
    assert (f.project_count, f.capital_usd, f.capital_qualifier) == (230, 5.5e9, "approx")


def test_province_from_context_and_word_number(extract):
    facts = extract("Năm qua, Quảng Trị đẩy mạnh cải cách hành chính.\n\nTỉnh đã cấp phép cho sáu dự án đầu tư "
                    "nước ngoài mới với tổng vốn đầu tư 80,5 triệu USD.", date(2023, 1, 10))
    f = one(facts)
    assert (f.investor_country_code, f.host_locality_code, f.project_count, f.capital_usd) == (
        None, "VN-L45", 6, 80.5e6)


def test_pledged_capital(extract):
    f = one(extract("Tại hội nghị, các nhà đầu tư Singapore cam kết rót 2 tỷ USD vào tỉnh Bình Định.",
                    date(2024, 3, 3)))
    assert (f.investor_country_code, f.host_locality_code, f.capital_kind) == ("SG", "VN-L52", "pledged")


def test_euro_capital(extract):
    f = one(extract("Đến nay, Pháp có 650 dự án đầu tư tại Việt Nam với tổng vốn đăng ký khoảng 3,9 tỷ euro."))
    assert (f.investor_country_code, f.currency, f.capital) == ("FR", "EUR", 3.9e9)
    assert f.capital_usd == pytest.approx(3.9e9 * 1.04)


def test_aid_clause_is_skipped_but_investment_clause_kept(extract):
    facts = extract("Tỉnh Gia Lai cấp phép cho ba dự án đầu tư nước ngoài với tổng vốn 12 triệu USD; vận động "
                    "được 15 khoản viện trợ với tổng trị giá 2 triệu USD.", date(2019, 3, 1))
    f = one(facts)
    assert (f.project_count, f.capital_usd, f.host_locality_code) == (3, 12e6, "VN-L64")


@pytest.mark.parametrize("sentence", [
    "Tập đoàn Samsung đã đầu tư 1,8 tỷ USD vào nhà máy mới tại Thái Nguyên.",
    "Nhật Bản cam kết viện trợ ODA 500 triệu USD cho Việt Nam.",
    "Tỉnh kêu gọi đầu tư 50 dự án với tổng vốn 3 tỷ USD.",
    "Tỉnh đặt mục tiêu thu hút 2 tỷ USD vốn FDI vào năm 2025.",
    "Dự án Nhà máy điện gió Hướng Linh có tổng vốn đầu tư 120 triệu USD.",
    "Các nhà đầu tư Hàn Quốc sẽ đầu tư thêm 500 triệu USD trong thời gian tới.",
    "Kim ngạch xuất khẩu của Việt Nam sang Nhật Bản đạt 24 tỷ USD.",
])
def test_not_investment_figures(extract, sentence):
    assert extract(sentence).investments == []


def test_ranking_list_after_a_ranked_figure(extract):
    facts = extract("Trong 6 tháng đầu năm, Singapore dẫn đầu với tổng vốn đầu tư 5,2 tỷ USD. Nhật Bản đứng thứ hai "
                    "với 2,1 tỷ USD, tiếp theo là Hàn Quốc với 1,6 tỷ USD.", date(2024, 7, 1))
    assert [(f.investor_country_code, f.host_country_code, f.capital_usd, f.rank) for f in facts.investments] == [
        ("SG", "VN", 5.2e9, None), ("JP", "VN", 2.1e9, 2), ("KR", "VN", 1.6e9, None)]


def test_national_report_defaults_host_to_vietnam(extract):
    f = one(extract("Vốn thực hiện của các dự án đầu tư nước ngoài ước đạt 19,6 tỷ USD."))
    assert (f.investor_country_code, f.host_country_code, f.capital_kind, f.confidence_reason) == (
        None, "VN", "disbursed", "host defaulted to Việt Nam (national report)")


def test_leader_clause_keeps_the_province_host(extract):
    facts = extract("Tính đến nay, trên địa bàn tỉnh Hải Dương có 25 quốc gia và vùng lãnh thổ đầu tư với 550 dự án, "
                    "tổng vốn đăng ký 11 tỷ USD; trong đó Hàn Quốc dẫn đầu với 120 dự án, vốn đăng ký 2,5 tỷ USD.",
                    date(2024, 5, 2))
    assert [(f.investor_country_code, f.host_locality_code, f.project_count, f.capital_usd)
            for f in facts.investments] == [(None, "VN-L30", 550, 11e9), ("KR", "VN-L30", 120, 2.5e9)]


def test_certificates_at_a_promotion_conference_take_the_partner_country(extract):
    facts = extract("Cùng ngày, tỉnh Bình Dương tổ chức Hội nghị xúc tiến đầu tư với sự tham dự của hơn 300 doanh "
                    "nghiệp Nhật Bản. Tại hội nghị, tỉnh đã trao giấy chứng nhận đầu tư cho 4 dự án với tổng vốn 150 "
                    "triệu USD.", date(2024, 4, 21))
    f = one(facts)
    assert (f.investor_country_code, f.host_locality_code, f.project_count, f.capital_usd, f.capital_kind) == (
        "JP", "VN-L74", 4, 150e6, "registered")
    assert f.confidence_reason == "investor from the previous sentence"
