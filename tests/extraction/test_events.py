from datetime import date

import pytest

from extraction.facts import Participant


def one(facts):
    assert len(facts.events) == 1, [(e.event_type, e.event_date, e.evidence) for e in facts.events]
    return facts.events[0]


def foreign(event):
    return {p.country_code for p in event.participants if p.side == "foreign"}


def vn_localities(event):
    return {p.locality_code for p in event.participants if p.side == "vn" and p.locality_code}


def test_reception(extract):
    e = one(extract("Chiều 15/3, tại Hà Nội, Chủ tịch UBND tỉnh Quảng Ninh đã tiếp Đại sứ Nhật Bản tại Việt Nam.",
                    date(2024, 3, 16)))
    assert (e.event_type, e.event_date, e.event_date_precision) == ("reception", date(2024, 3, 15), "day")
    assert foreign(e) == {"JP"} and "VN-22" in vn_localities(e)
    assert (e.location_name, e.location_country_code) == ("Hà Nội", "VN")


def test_signing_with_a_foreign_region(extract):
    e = one(extract("Ngày 5/6, tỉnh Lào Cai và tỉnh Vân Nam (Trung Quốc) đã ký kết biên bản ghi nhớ về hợp tác "
                    "thương mại biên giới.", date(2024, 6, 7)))
    assert (e.event_type, e.agreement_status, e.event_date) == ("agreement_signing", "signed", date(2024, 6, 5))
    assert Participant("foreign", "CN", "CN-YN", "Vân Nam", "region") in e.participants
    assert foreign(e) == {"CN"} and vn_localities(e) == {"VN-L10"}   # before the merger: Lào Cai (old)
    assert "trade" in e.sectors


def test_visit_with_date_range(extract):
    e = one(extract("Từ ngày 10 đến 12/9, đoàn công tác của thành phố Đà Nẵng do Chủ tịch UBND thành phố dẫn đầu "
                    "đã có chuyến thăm và làm việc tại tỉnh Gyeongsangbuk, Hàn Quốc.", date(2024, 9, 13)))
    assert (e.event_type, e.event_date, e.event_end_date) == ("visit", date(2024, 9, 10), date(2024, 9, 12))
    assert foreign(e) == {"KR"} and vn_localities(e) == {"VN-L48"}
    assert e.location_name == "Gyeongsangbuk"


def test_scheduled_trade_promotion(extract):
    e = one(extract("Hội nghị xúc tiến đầu tư tỉnh Thanh Hóa tại Nhật Bản sẽ diễn ra ngày 25/10 tại Tokyo.",
                    date(2024, 10, 1)))
    assert (e.event_type, e.event_date) == ("trade_promotion", date(2024, 10, 25))
    assert foreign(e) == {"JP"} and "scheduled" in e.confidence_reason


def test_online_workshop(extract):
    e = one(extract("Sáng 8/7, UBND thành phố Cần Thơ phối hợp với Tổng Lãnh sự quán Hoa Kỳ tổ chức hội thảo trực "
                    "tuyến về xuất khẩu nông sản.", date(2024, 7, 8)))
    assert (e.event_type, e.is_online, e.event_date) == ("conference", True, date(2024, 7, 8))
    assert foreign(e) == {"US"} and vn_localities(e) == {"VN-L92"}
    assert {"trade", "agriculture"} <= set(e.sectors)


def test_twinning(extract):
    e = one(extract("Hôm qua (14/11), thành phố Hải Phòng và thành phố Kawasaki (Nhật Bản) đã chính thức thiết lập "
                    "quan hệ hữu nghị.", date(2024, 11, 15)))
    assert (e.event_type, e.agreement_status, e.event_date) == ("twinning", "signed", date(2024, 11, 14))
    assert foreign(e) == {"JP"}


def test_working_session_names_no_person_countries(extract):
    e = one(extract("Ngày 3/4, ông Nguyễn Văn Đức, Phó Chủ tịch UBND tỉnh Bắc Giang, đã làm việc với đoàn doanh "
                    "nghiệp Hàn Quốc.", date(2024, 4, 4)))
    assert e.event_type == "working_session" and foreign(e) == {"KR"}


def test_undated_done_working_session(extract):
    e = one(extract("Trong chuyến công tác, đoàn của tỉnh An Giang đã làm việc với chính quyền tỉnh Takeo "
                    "(Campuchia).", date(2024, 4, 4)))
    assert (e.event_date, e.event_date_precision) == (None, None)
    assert foreign(e) == {"KH"} and "undated" in e.confidence_reason


def test_two_mentions_of_one_event_in_an_article_are_one(extract):
    facts = extract("Sáng 20/5, Bí thư Tỉnh ủy Nghệ An đã hội đàm với Tỉnh trưởng tỉnh Hủa Phăn (Lào).\n\n"
                    "Tại buổi hội đàm sáng 20/5, hai bên đánh giá cao kết quả hợp tác giáo dục.", date(2024, 5, 21))
    e = one(facts)
    assert e.event_type == "working_session" and foreign(e) == {"LA"} and "education" in e.sectors


def test_same_day_different_partners_stay_separate(extract):
    facts = extract("Sáng 2/8, lãnh đạo tỉnh Hà Tĩnh đã tiếp Đại sứ Australia tại Việt Nam.\n\n"
                    "Chiều cùng ngày, lãnh đạo tỉnh đã làm việc với đoàn doanh nghiệp Singapore.", date(2024, 8, 3))
    assert sorted((e.event_date, frozenset(foreign(e))) for e in facts.events) == [
        (date(2024, 8, 2), frozenset({"AU"})), (date(2024, 8, 2), frozenset({"SG"}))]


def test_conference_on_external_affairs_without_foreign_party(extract):
    e = one(extract("Ngày 18/12, Hội nghị tổng kết công tác đối ngoại năm 2024 của tỉnh Phú Thọ đã diễn ra tại "
                    "thành phố Việt Trì.", date(2024, 12, 19)))
    assert (e.event_type, foreign(e), e.event_date) == ("conference", set(), date(2024, 12, 18))


def test_draft_agreement_handed_over_is_part_of_the_meeting(extract):
    facts = extract("Chiều 22/4, đoàn tỉnh Bến Tre đã làm việc với lãnh đạo vùng Kaluga (Nga).\n\n"
                    "Kết thúc buổi làm việc, hai bên đã trao đổi dự thảo thỏa thuận hợp tác giữa hai địa phương.",
                    date(2019, 4, 23))
    e = one(facts)
    assert e.event_date == date(2019, 4, 22) and "RU-KLU" in {p.locality_code for p in e.participants}


def test_undated_event_without_publication_date(extract):
    e = one(extract("Ngày 10/10, tại thủ đô Moskva, đoàn tỉnh Nam Định đã có buổi làm việc với lãnh đạo thành phố.",
                    None))
    assert (e.event_date, e.event_type) == (None, "working_session")
    assert "RU-MOW" in {p.locality_code for p in e.participants}


@pytest.mark.parametrize("sentence", [
    "Ngày 20/5, tỉnh Nghệ An tổ chức lễ kỷ niệm 50 năm thiết lập quan hệ hữu nghị với tỉnh Hủa Phăn (Lào).",
    "Năm 2015, hai tỉnh đã ký thỏa thuận hợp tác với tỉnh Savannakhet của Lào giai đoạn 2015-2020.",
    "Dự kiến trong tháng 11, đoàn đại biểu tỉnh Bình Định sẽ sang thăm tỉnh Champasak (Lào).",
    "Thời gian qua, tỉnh đã tổ chức nhiều hội nghị, hội thảo với các đối tác Nhật Bản.",
    "Ngày 12/3/2019, tỉnh Hà Giang đã ký kết thỏa thuận hợp tác với Châu Hồng Hà của Trung Quốc.",
    "Tỉnh mong muốn sớm ký kết thỏa thuận hợp tác với tỉnh Chiết Giang của Trung Quốc.",
    "Nhờ sự hỗ trợ của Đại sứ quán, tỉnh đã ký kết được nhiều hợp đồng xuất khẩu sang Nhật Bản.",
    "Phát biểu tại hội nghị, Đại sứ Pháp đánh giá cao tiềm năng của tỉnh.",
    "Ngày 15/6, UBND tỉnh Thái Nguyên tổ chức hội nghị triển khai công tác phòng chống thiên tai.",
    "Kỷ niệm 30 năm quan hệ ngoại giao Việt Nam - Hàn Quốc được tổ chức trọng thể ngày 22/12 tại Seoul.",
])
def test_not_events(extract, sentence):
    assert extract(sentence, date(2024, 6, 20)).events == []


def test_old_event_dates_are_background(extract):
    facts = extract("Ngày 12/3, hai bên đã ký kết thỏa thuận hợp tác với tỉnh Savannakhet (Lào).", date(2024, 11, 1))
    assert facts.events == []


def test_agency_stands_for_its_country(extract):
    e = one(extract("Sáng 6/3, Chủ tịch UBND tỉnh Quảng Nam đã tiếp và làm việc với đoàn công tác của JICA.",
                    date(2024, 3, 7)))
    assert foreign(e) == {"JP"}


def test_purpose_clause_is_not_an_event_type(extract):
    e = one(extract("Nhằm tìm hiểu cơ hội hợp tác và kết nghĩa, ngày 8/5, đoàn tỉnh Phú Yên đã có buổi làm việc với "
                    "chính quyền tỉnh Attapeu (Lào).", date(2024, 5, 9)))
    assert e.event_type == "working_session" and foreign(e) == {"LA"}


def test_meeting_that_proposes_an_agreement(extract):
    e = one(extract("Chiều 9/9, tại buổi hội đàm với Tỉnh trưởng tỉnh Savannakhet (Lào), hai bên thống nhất sẽ ký "
                    "thỏa thuận hợp tác giai đoạn mới.", date(2024, 9, 10), title="Quảng Bình hợp tác với Savannakhet"))
    assert (e.event_type, e.agreement_status) == ("working_session", "proposed")


def test_reception_and_signing_same_day_are_two_events(extract):
    facts = extract("Sáng 5/6, Chủ tịch UBND tỉnh Bình Dương đã tiếp Đại sứ Hàn Quốc tại Việt Nam.\n\n"
                    "Chiều cùng ngày, tỉnh Bình Dương và tỉnh Gyeonggi (Hàn Quốc) đã ký kết biên bản ghi nhớ về hợp "
                    "tác công nghiệp.", date(2024, 6, 6))
    assert sorted(e.event_type for e in facts.events) == ["agreement_signing", "reception"]


def test_domestic_cooperation_conference_is_not_an_event(extract):
    facts = extract("Ngày 10/4, tại Sơn La, Hội nghị hợp tác phát triển du lịch các tỉnh Tây Bắc đã diễn ra.",
                    date(2024, 4, 11))
    assert facts.events == []


def test_multi_day_trip_with_meetings(extract):
    facts = extract("Từ ngày 3 đến 6/11, đoàn công tác tỉnh Quảng Ninh do Chủ tịch UBND tỉnh dẫn đầu đã có chuyến "
                    "thăm và làm việc tại Hàn Quốc.\n\nNgày 4/11, tại thành phố Busan, đoàn đã làm việc với Thị trưởng "
                    "thành phố Busan. Hai bên đã ký kết thỏa thuận hợp tác hữu nghị giữa tỉnh Quảng Ninh và thành phố "
                    "Busan.\n\nCũng trong ngày 4/11, đoàn đã tham dự Diễn đàn xúc tiến đầu tư vào Quảng Ninh với sự "
                    "tham gia của hơn 200 doanh nghiệp Hàn Quốc.", date(2024, 11, 7))
    got = sorted((e.event_date.isoformat(), e.event_type) for e in facts.events)
    assert got == [("2024-11-03", "visit"), ("2024-11-04", "agreement_signing"), ("2024-11-04", "trade_promotion"),
                   ("2024-11-04", "working_session")]
    assert all(foreign(e) == {"KR"} for e in facts.events)


def test_meeting_with_several_consulates(extract):
    e = one(extract("Chiều 20/1, Chủ tịch UBND tỉnh Khánh Hòa đã gặp mặt Tổng Lãnh sự các nước Nga, Hàn Quốc, Nhật "
                    "Bản tại TP.HCM.", date(2024, 1, 21)))
    assert foreign(e) == {"RU", "KR", "JP"} and e.event_type == "working_session"


def test_attendance_sentence_adds_participants(extract):
    facts = extract("Sáng 3/10, Hội nghị hợp tác địa phương Việt Nam - Nhật Bản đã diễn ra tại Hà Nội. Tham dự hội "
                    "nghị có đại diện các tỉnh Aichi, Fukuoka và các tỉnh Nghệ An, Bình Định, Cà Mau.",
                    date(2024, 10, 4))
    e = one(facts)
    regions = {p.locality_code for p in e.participants if p.side == "foreign" and p.locality_code}
    assert regions == {"JP-23", "JP-40"}
    assert {"VN-40", "VN-L52", "VN-L96"} <= vn_localities(e)   # 2024: pre-merger codes


def test_city_hosting_a_vietnamese_mission_is_not_a_participant_region(extract):
    e = one(extract("Ngày 7/7, Tổng Lãnh sự quán Việt Nam tại Quảng Châu đã phối hợp với tỉnh Bình Phước tổ chức hội "
                    "nghị xúc tiến thương mại với Trung Quốc.", date(2024, 7, 8)))
    assert foreign(e) == {"CN"}
    assert not [p for p in e.participants if p.side == "foreign" and p.locality_code]


@pytest.mark.parametrize("sentence,published,expected", [
    ("Chiều 18/4 (giờ địa phương), tại thủ đô Viêng Chăn, Phó Chủ tịch UBND tỉnh Thừa Thiên Huế đã hội kiến Phó "
     "Thủ tướng Lào.", date(2024, 4, 19), ("working_session", date(2024, 4, 18), {"LA"}, False)),
    ("Trong hai ngày 20 và 21/5, Đoàn đại biểu tỉnh Kampot (Campuchia) đã thăm và làm việc tại tỉnh Kiên Giang.",
     date(2024, 5, 22), ("visit", date(2024, 5, 20), {"KH"}, False)),
    ("Tối 6/1, Chủ tịch UBND tỉnh Lào Cai đã có cuộc hội đàm trực tuyến với Chủ tịch Chính phủ Nhân dân tỉnh Vân "
     "Nam (Trung Quốc).", date(2024, 1, 7), ("working_session", date(2024, 1, 6), {"CN"}, True)),
    ("Hôm nay (28/8), Hội chợ Thương mại quốc tế Việt - Trung lần thứ 33 khai mạc tại thành phố Lào Cai.",
     date(2024, 8, 28), ("trade_promotion", date(2024, 8, 28), {"CN"}, False)),
    ("Ông cho biết, ngày 5/3 tới, tỉnh Quảng Nam sẽ tổ chức hội nghị xúc tiến đầu tư tại Hàn Quốc.",
     date(2024, 2, 20), ("trade_promotion", date(2024, 3, 5), {"KR"}, False)),
])
def test_more_event_phrasings(extract, sentence, published, expected):
    e = one(extract(sentence, published))
    assert (e.event_type, e.event_date, foreign(e), e.is_online) == expected


@pytest.mark.parametrize("sentence", [
    "Ảnh: Lãnh đạo tỉnh hội đàm với đoàn doanh nghiệp Hàn Quốc. (Ảnh: TTXVN)",
    "Xem thêm: Hội nghị xúc tiến đầu tư tỉnh Bình Định tại Nhật Bản",
    "Việt Nam luôn coi trọng quan hệ hữu nghị và hợp tác với Lào.",
    "Hai nước đã ký kết nhiều hiệp định quan trọng trong những năm qua, trong đó có hiệp định với Nhật Bản.",
])
def test_more_non_events(extract, sentence):
    assert extract(sentence, date(2024, 6, 20)).events == []


def test_event_between_two_foreign_countries_is_not_vietnams(extract):
    facts = extract("Ngày 5/6, Nga và Trung Quốc đã ký kết thỏa thuận hợp tác năng lượng.", date(2024, 6, 6))
    assert facts.events == []


def test_local_body_takes_the_article_province(extract):
    facts = extract("Tỉnh Bến Tre đẩy mạnh hợp tác quốc tế.\n\nSáng 3/7, Chủ tịch UBND tỉnh đã tiếp Đại sứ Israel tại "
                    "Việt Nam.", date(2024, 7, 4))
    e = one(facts)
    assert vn_localities(e) == {"VN-L83"} and foreign(e) == {"IL"}


def test_foreign_mission_seat_in_vietnam_is_not_a_vietnamese_participant(extract):
    e = one(extract("Sáng 12/11, Phó Chủ tịch UBND tỉnh Hà Giang đã tiếp xã giao Tổng Lãnh sự Trung Quốc tại Hà Nội.",
                    date(2024, 11, 13)))
    assert vn_localities(e) == {"VN-L02"} and foreign(e) == {"CN"}


def test_training_course_is_not_a_cooperation_event(extract):
    facts = extract("Ngày 25/9, Sở Ngoại vụ tỉnh Thanh Hóa tổ chức hội nghị tập huấn công tác ngoại vụ.",
                    date(2024, 9, 26))
    assert facts.events == []


def test_trigger_words_inside_an_organisation_name(extract):
    facts = extract("Ngày 15/4, tại Tokyo, đoàn tỉnh Bình Dương đã làm việc với Tổ chức Xúc tiến Thương mại Nhật "
                    "Bản (JETRO).\n\nCùng ngày, tỉnh Bình Dương tổ chức Hội nghị xúc tiến đầu tư với sự tham dự của "
                    "hơn 300 doanh nghiệp Nhật Bản.", date(2024, 4, 21))
    assert sorted(e.event_type for e in facts.events) == ["trade_promotion", "working_session"]
