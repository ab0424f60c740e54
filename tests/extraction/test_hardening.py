"""Patterns found on the held-out articles: follow-up sentences, headline restatements, event sides and sectors."""
from __future__ import annotations

from datetime import date

PUB = date(2024, 6, 15)


def vn_names(event):
    return {p.locality_name for p in event.participants if p.side == "vn" and p.locality_name}


def test_follow_up_trade_sentence_takes_reporter_and_period(extract):
    facts = extract("Năm 2023, tổng kim ngạch xuất khẩu của tỉnh Hưng Yên đạt 7,2 tỷ USD, tăng 5% so với năm 2022. "
                    "Trong đó, xuất khẩu sang Hàn Quốc đạt 1,4 tỷ USD.", PUB).trade
    korea = next(f for f in facts if f.partner_country_code == "KR")
    assert (korea.reporter_locality_name, korea.period_year, korea.value_usd) == ("Hưng Yên", 2023, 1.4e9)


def test_same_period_phrase_takes_the_previous_period(extract):
    facts = extract("9 tháng đầu năm 2024, xuất khẩu của Long An sang Nhật Bản đạt 900 triệu USD. "
                    "Trong cùng kỳ, tổng kim ngạch xuất khẩu của tỉnh đạt 6 tỷ USD.", PUB).trade
    assert [(f.period_year, f.period_month_to) for f in facts] == [(2024, 9), (2024, 9)]


def test_headline_figure_and_body_figure_are_one_fact_with_the_body_details(extract):
    facts = extract("Năm 2023, tổng kim ngạch xuất nhập khẩu qua các cửa khẩu của tỉnh Cao Bằng đạt 1,5 tỷ USD, "
                    "tăng 12% so với năm 2022.", PUB,
                    title="Cao Bằng: Kim ngạch xuất nhập khẩu năm 2023 đạt 1,5 tỷ USD").trade
    assert len(facts) == 1
    assert (facts[0].reporter_locality_name, facts[0].period_year, facts[0].change_pct) == ("Cao Bằng", 2023, 12.0)


def test_growth_only_trade_between_two_countries(extract):
    facts = extract("6 tháng đầu năm 2024, thương mại giữa Việt Nam và Ấn Độ tăng 11%.", PUB).trade
    assert [(f.partner_country_code, f.value_usd, f.change_pct) for f in facts] == [("IN", None, 11.0)]


def test_ranked_investor_in_the_next_sentence_invests_in_the_same_province(extract):
    facts = extract("Lũy kế đến ngày 31/5/2024, Hải Dương có 520 dự án FDI còn hiệu lực với tổng vốn đăng ký "
                    "11 tỷ USD. Trung Quốc dẫn đầu với 190 dự án.", PUB).investments
    china = next(f for f in facts if f.investor_country_code == "CN")
    assert (china.host_locality_name, china.project_count) == ("Hải Dương", 190)


def test_leader_named_after_trong_do_is_not_the_investor(extract):
    facts = extract("Quý I/2024, Vĩnh Phúc thu hút 300 triệu USD vốn FDI, trong đó Nhật Bản dẫn đầu.", PUB).investments
    assert [(f.investor_country_code, f.host_locality_name, f.capital_usd) for f in facts] == \
        [(None, "Vĩnh Phúc", 300e6)]


def test_capital_as_the_clause_subject_far_from_the_amount(extract):
    facts = extract("Tổng vốn đầu tư nước ngoài đăng ký vào Việt Nam tính đến ngày 31/5/2024 đạt 11,07 tỷ USD.",
                    PUB).investments
    assert [(f.capital_usd, f.capital_kind) for f in facts] == [(11.07e9, "registered")]


def test_disbursed_follow_up_without_places_keeps_the_sides(extract):
    facts = extract("Tính đến hết tháng 4/2024, Việt Nam có 210 dự án đầu tư sang Campuchia với tổng vốn đăng ký "
                    "3 tỷ USD. Vốn thực hiện đạt khoảng 2 tỷ USD.", PUB).investments
    disbursed = next(f for f in facts if f.capital_kind == "disbursed")
    assert (disbursed.investor_country_code, disbursed.host_country_code) == ("VN", "KH")


def test_friendship_agreement_is_a_twinning(extract):
    events = extract("Sáng 12/6, tỉnh Ninh Bình và tỉnh Nara (Nhật Bản) đã ký kết thỏa thuận thiết lập quan hệ "
                     "hữu nghị.", PUB).events
    assert [e.event_type for e in events] == ["twinning"]


def test_city_where_a_province_meets_is_no_participant(extract):
    events = extract("Ngày 10/6, tại thành phố Vinh, Chủ tịch UBND tỉnh Nghệ An đã hội đàm với đoàn công tác tỉnh "
                     "Xiêng Khoảng (Lào).", PUB).events
    assert vn_names(events[0]) == {"Nghệ An"}


def test_capital_hosting_a_ministry_meeting_is_no_participant(extract):
    events = extract("Ngày 11/6, tại Hà Nội, Bộ Công Thương đã làm việc với đoàn công tác bang Victoria "
                     "(Australia).", PUB).events
    assert vn_names(events[0]) == set()


def test_activity_at_the_fair_merges_into_it_and_keeps_its_type(extract):
    events = extract("Từ ngày 3 đến 5/6, tỉnh Bến Tre tổ chức hội chợ xúc tiến thương mại tại thành phố Busan "
                     "(Hàn Quốc). Tại hội chợ, các doanh nghiệp hai bên đã ký kết 8 hợp đồng.", PUB).events
    assert [e.event_type for e in events] == ["trade_promotion"]


def test_sectors_from_the_following_content_sentence(extract):
    events = extract("Ngày 12/6, UBND tỉnh An Giang và tỉnh Takeo (Campuchia) đã ký kết biên bản ghi nhớ hợp tác. "
                     "Nội dung hợp tác tập trung vào y tế, giáo dục và thủy sản.", PUB).events
    assert set(events[0].sectors) == {"health", "education", "agriculture"}


def test_headline_sectors_go_to_the_first_event(extract):
    events = extract("Ngày 12/6, đoàn công tác tỉnh Bắc Giang đã làm việc với chính quyền tỉnh Gyeonggi.", PUB,
                     title="Bắc Giang hợp tác với Gyeonggi (Hàn Quốc) về lao động").events
    assert "labour" in events[0].sectors


def test_chamber_of_commerce_name_is_not_a_sector(extract):
    events = extract("Ngày 12/6, đoàn tỉnh Phú Thọ đã làm việc với Phòng Thương mại và Công nghiệp Moskva "
                     "về hợp tác y tế.", PUB).events
    assert events[0].sectors == ["health"]


def test_visit_on_the_occasion_of_an_anniversary_is_an_event(extract):
    events = extract("Ngày 10/6, đoàn Đại sứ các nước Lào, Cuba đến thăm tỉnh Hòa Bình nhân dịp kỷ niệm 60 năm "
                     "thành lập tỉnh.", PUB).events
    assert [e.event_type for e in events] == ["visit"]


def test_relations_named_in_an_anniversary_are_no_signing(extract):
    events = extract("Ngày 10/6, tỉnh Kiên Giang tổ chức gặp mặt nhân kỷ niệm 57 năm Ngày thiết lập quan hệ ngoại "
                     "giao Việt Nam - Campuchia.", PUB).events
    assert events == []


def test_back_reference_takes_the_day_of_the_sentence_before(extract):
    events = extract("Ngày 9/6, tỉnh Sóc Trăng tổ chức chương trình giao lưu với đoàn tỉnh Kampot (Campuchia). "
                     "Dịp này, hai tỉnh đã hội đàm về hợp tác giáo dục.", PUB).events
    assert [(e.event_type, e.event_date) for e in events] == [("working_session", date(2024, 6, 9))]


def test_delegation_sentence_takes_the_foreign_side_of_the_sentence_before(extract):
    events = extract("Từ ngày 7 đến 8/6, đoàn Đại sứ các nước Pháp, Đức đến thăm tỉnh Lai Châu. "
                     "Trong chương trình, đoàn đã dự Hội nghị xúc tiến đầu tư tỉnh Lai Châu ngày 8/6.", PUB).events
    promotion = next(e for e in events if e.event_type == "trade_promotion")
    assert {p.country_code for p in promotion.participants if p.side == "foreign"} == {"FR", "DE"}


def test_list_under_a_heading_takes_the_heading_period(extract):
    facts = extract("Số liệu xuất nhập khẩu 5 tháng đầu năm 2024 của tỉnh Thái Nguyên:\nXuất khẩu: 12 tỷ USD, "
                    "tăng 3%.\nNhập khẩu: 8 tỷ USD.", PUB).trade
    assert [(f.flow, f.period_year, f.period_month_to) for f in facts] == [("export", 2024, 5), ("import", 2024, 5)]


def test_border_gate_figures_belong_to_the_province_of_the_article(extract):
    facts = extract("Tỉnh Cao Bằng đẩy mạnh thương mại biên giới. Năm 2023, kim ngạch qua các cửa khẩu đạt "
                    "700 triệu USD.", PUB).trade
    assert [f.reporter_locality_name for f in facts] == ["Cao Bằng"]


def test_ranked_figure_of_its_own_is_kept(extract):
    facts = extract("Lũy kế đến nay, tỉnh Bình Phước có 300 dự án FDI. Trung Quốc có 90 dự án tại Bình Phước, đứng "
                    "thứ hai sau Đài Loan (Trung Quốc).", PUB).investments
    assert any(f.investor_country_code == "CN" and f.project_count == 90 for f in facts)


def test_centre_and_company_names_are_not_sectors(extract):
    events = extract("Ngày 12/6, Trung tâm Xúc tiến Thương mại và Đầu tư tỉnh Long An đã làm việc với đoàn tỉnh "
                     "Gunma (Nhật Bản) về hợp tác nông nghiệp.", PUB).events
    assert events[0].sectors == ["agriculture"]


def test_delegation_calling_on_its_own_embassy_is_no_cooperation_event(extract):
    events = extract("Ngày 11/6, đoàn công tác tỉnh Bình Thuận đã làm việc với Đại sứ quán Việt Nam tại Hà Lan.",
                     PUB).events
    assert events == []


def test_dateline_city_is_no_participant_and_cuoc_gap_is_a_meeting(extract):
    events = extract("Jakarta (TTXVN) - Ngày 12/6, Đại sứ Việt Nam tại Indonesia đã có cuộc gặp với Thống đốc tỉnh "
                     "Đông Java.", PUB).events
    regions = {p.locality_name for p in events[0].participants if p.side == "foreign" and p.locality_name}
    assert (events[0].event_type, regions) == ("working_session", {"Đông Java"})


def test_what_the_two_provinces_did_gives_the_sectors(extract):
    events = extract("Sáng 12/6, tỉnh Kon Tum và tỉnh Attapeu (Lào) tổ chức hội nghị tổng kết hợp tác. "
                     "Năm qua, hai tỉnh đã phối hợp đào tạo 100 lưu học sinh.", PUB).events
    assert events[0].sectors == ["education"]


def test_trade_statistics_after_a_meeting_are_not_its_sectors(extract):
    events = extract("Ngày 12/6, tỉnh Gia Lai đã hội đàm với tỉnh Ratanakiri (Campuchia) về hợp tác y tế. "
                     "Năm 2023, kim ngạch thương mại hai nước đạt 10 tỷ USD.", PUB).events
    assert events[0].sectors == ["health"]


def test_each_market_of_a_list_is_a_partner(extract):
    facts = extract("6 tháng đầu năm 2024, xuất khẩu của tỉnh Tây Ninh đạt 3 tỷ USD. Các thị trường xuất khẩu chính "
                    "gồm: Hoa Kỳ (800 triệu USD), Campuchia (500 triệu USD), Nhật Bản (300 triệu USD).", PUB).trade
    assert {(f.partner_country_code, f.value_usd) for f in facts if f.partner_country_code} == \
        {("US", 800e6), ("KH", 500e6), ("JP", 300e6)}


def test_total_after_a_market_list_has_no_partner(extract):
    facts = extract("Các thị trường xuất khẩu chính của tỉnh Hà Nam gồm: Hoa Kỳ (1 tỷ USD), Hàn Quốc (400 triệu USD). "
                    "Kim ngạch nhập khẩu đạt 2 tỷ USD.", PUB).trade
    imports = next(f for f in facts if f.flow == "import")
    assert imports.partner_country_code is None


def test_growth_only_headline_restates_the_body_figure(extract):
    facts = extract("9 tháng đầu năm 2024, kim ngạch xuất khẩu của tỉnh Bắc Ninh đạt 40 tỷ USD, tăng 12%.", PUB,
                    title="Bắc Ninh: Xuất khẩu 9 tháng tăng 12%").trade
    assert [(f.value_usd, f.change_pct) for f in facts] == [(40e9, 12.0)]


def test_southern_laos_is_laos(extract):
    facts = extract("Năm 2023, kim ngạch xuất nhập khẩu giữa Quảng Nam và các tỉnh Nam Lào đạt 50 triệu USD.",
                    PUB).trade
    assert [f.partner_country_code for f in facts] == ["LA"]


def test_generic_plural_covers_a_compound_trigger(extract):
    events = extract("Nhiều địa phương như Bình Dương, Đồng Nai đã chủ động tổ chức các hội nghị xúc tiến đầu tư tại "
                     "Nhật Bản, Hàn Quốc.", PUB).events
    assert events == []


def test_a_sentence_placed_at_the_event_far_below_gives_sides_and_sectors(extract):
    filler = " ".join(f"Đại biểu thứ {n} nêu ý kiến về công tác chung." for n in range(7))
    events = extract("Chiều 12/6, tọa đàm kết nối doanh nghiệp Việt Nam và Nhật Bản đã diễn ra tại Hà Nội. "
                     + filler + " Lãnh đạo tỉnh Thái Bình cũng trao đổi tại tọa đàm về thu hút đầu tư.", PUB).events
    assert "Thái Bình" in vn_names(events[0]) and "investment" in events[0].sectors


def test_a_same_day_event_ends_the_previous_event_context(extract):
    events = extract("Sáng 12/6, đoàn tỉnh Hà Nam đã hội kiến lãnh đạo tỉnh Chiết Giang (Trung Quốc). "
                     "Chiều cùng ngày, tỉnh tổ chức hội nghị xúc tiến đầu tư tại Hàng Châu. "
                     "Tại hội nghị, tỉnh đã trao giấy chứng nhận đầu tư cho 2 dự án.", PUB).events
    meeting = next(e for e in events if e.event_type == "working_session")
    assert meeting.sectors == []


def test_place_names_starting_like_a_commodity_are_not_commodities(extract):
    facts = extract("Năm 2023, kim ngạch xuất khẩu của tỉnh Thanh Hóa đạt 5 tỷ USD.", PUB).trade
    assert [(f.reporter_locality_name, f.value_usd) for f in facts] == [("Thanh Hóa", 5e9)]


def test_bare_month_count_before_a_reported_figure_is_a_period(extract):
    facts = extract("Kim ngạch xuất khẩu của tỉnh Ninh Thuận sang Hàn Quốc 5 tháng đạt 20 triệu USD.", PUB).trade
    assert [(f.period_year, f.period_month_to) for f in facts] == [(2024, 5)]


def test_destinations_of_investment_abroad(extract):
    facts = extract("5 tháng đầu năm 2024, tổng vốn đầu tư của Việt Nam ra nước ngoài cấp mới và điều chỉnh đạt 200 "
                    "triệu USD. Trong đó, Campuchia là địa bàn dẫn đầu với 70 triệu USD. Hoa Kỳ xếp thứ hai với "
                    "40 triệu USD.", PUB).investments
    assert [(f.investor_country_code, f.host_country_code, f.capital_usd, f.rank) for f in facts] == \
        [("VN", "KH", 70e6, 1), ("VN", "US", 40e6, 2)]


def test_can_tho_is_no_plan_word(extract):
    events = extract("Lãnh đạo UBND TP Cần Thơ vừa tiếp đoàn công tác tỉnh Gyeonggi (Hàn Quốc).", PUB).events
    assert [e.event_type for e in events] == ["reception"]
