"""Whole articles written for these tests in Vietnamese press style (no sentence copied from any source), with the
facts a careful annotator would record. Used by test_articles.py."""
from __future__ import annotations

from datetime import date

ARTICLES = [
    {
        "name": "province-laos-talks",
        "published": date(2024, 3, 15),
        "title": "Nghệ An và tỉnh Xiêng Khoảng (Lào) tăng cường hợp tác toàn diện",
        "sapo": "Sáng 14/3, tại thành phố Vinh, Bí thư Tỉnh ủy Nghệ An đã hội đàm với đoàn đại biểu cấp cao tỉnh "
                "Xiêng Khoảng do Bí thư Tỉnh ủy, Tỉnh trưởng tỉnh Xiêng Khoảng dẫn đầu.",
        "body": "Tại buổi hội đàm, hai bên đã thông tin về tình hình kinh tế - xã hội của mỗi địa phương trong năm "
                "2023.\n\nNăm 2023, kim ngạch xuất nhập khẩu giữa Nghệ An và các tỉnh của Lào đạt khoảng 90 triệu USD, "
                "tăng 12% so với năm 2022. Hiện tỉnh Nghệ An có 12 dự án đầu tư sang Lào với tổng vốn đăng ký hơn 150 "
                "triệu USD.\n\nHai bên thống nhất tiếp tục phối hợp chặt chẽ trong bảo đảm an ninh biên giới, đẩy mạnh "
                "hợp tác giáo dục, y tế và nông nghiệp.\n\nCũng trong sáng 14/3, hai tỉnh đã ký kết biên bản ghi nhớ "
                "hợp tác giai đoạn 2024 - 2028. Dịp này, đoàn đại biểu tỉnh Xiêng Khoảng cũng đã đến thăm và làm việc "
                "tại một số doanh nghiệp trên địa bàn tỉnh Nghệ An.",
        "trade": [("VN", "LA", "turnover", 90e6, None, 2023)],
        "investment": [("VN", "LA", 150e6, 12)],
        "events": [(date(2024, 3, 14), {"LA"}, "working_session"), (date(2024, 3, 14), {"LA"}, "agreement_signing")],
    },
    {
        "name": "national-fdi-report",
        "published": date(2024, 10, 29),
        "title": "Vốn FDI vào Việt Nam 10 tháng đạt hơn 27 tỷ USD",
        "sapo": None,
        "body": "Theo báo cáo của Cục Đầu tư nước ngoài (Bộ Kế hoạch và Đầu tư), tính đến ngày 20/10/2024, tổng "
                "vốn đầu tư nước ngoài đăng ký vào Việt Nam đạt hơn 27,26 tỷ USD, tăng 1,9% so với cùng kỳ năm "
                "2023.\n\n"
                "Vốn thực hiện của dự án đầu tư nước ngoài ước đạt 19,58 tỷ USD, tăng 8,8%.\n\n"
                "Singapore dẫn đầu trong số 110 quốc gia và vùng lãnh thổ có đầu tư tại Việt Nam với tổng vốn đầu tư "
                "gần 8,1 tỷ USD, chiếm gần 29,7% tổng vốn đầu tư đăng ký. Hàn Quốc đứng thứ hai với 4,19 tỷ USD, tiếp "
                "theo là Trung Quốc với hơn 3,75 tỷ USD.",
        "trade": [],
        "investment": [(None, "VN", 27.26e9, None), (None, "VN", 19.58e9, None), ("SG", "VN", 8.1e9, None),
                       ("KR", "VN", 4.19e9, None), ("CN", "VN", 3.75e9, None)],
        "events": [],
    },
    {
        "name": "city-visit-abroad",
        "published": date(2025, 8, 26),
        "title": "Lãnh đạo TP Hồ Chí Minh thăm và làm việc tại tỉnh Quảng Đông",
        "sapo": "Trong khuôn khổ chuyến công tác tại Trung Quốc từ ngày 22 đến 25/8, đoàn đại biểu TP Hồ Chí Minh đã "
                "làm việc với lãnh đạo tỉnh Quảng Đông.",
        "body": "Chiều 23/8, tại thành phố Quảng Châu, Chủ tịch UBND TP Hồ Chí Minh đã hội kiến Bí thư Tỉnh ủy Quảng "
                "Đông.\n\nNăm 2024, kim ngạch thương mại giữa TP Hồ Chí Minh và tỉnh Quảng Đông đạt 12,5 tỷ USD. Hiện "
                "Quảng Đông có 310 dự án đầu tư tại TP Hồ Chí Minh với tổng vốn 1,2 tỷ USD.\n\nHai bên nhất trí sẽ "
                "sớm ký kết thỏa thuận hợp tác về logistics và thương mại điện tử.",
        "trade": [("VN", "CN", "turnover", 12.5e9, None, 2024)],
        "investment": [("CN", "VN", 1.2e9, 310)],
        "events": [(date(2025, 8, 22), {"CN"}, "working_session"), (date(2025, 8, 23), {"CN"}, "working_session")],
    },
    {
        "name": "reception-governor",
        "published": date(2024, 9, 12),
        "title": "Chủ tịch UBND TP.HCM tiếp Thống đốc bang California",
        "sapo": None,
        "body": "Sáng 12-9, Chủ tịch UBND TP.HCM đã tiếp Thống đốc bang California (Mỹ) cùng đoàn doanh nghiệp đang "
                "thăm Việt Nam.\n\nTheo Chủ tịch UBND TP.HCM, năm 2023 kim ngạch xuất khẩu của thành phố sang Mỹ đạt "
                "hơn 7 tỷ USD.\n\nHai bên cũng trao đổi về khả năng thiết lập quan hệ kết nghĩa giữa TP.HCM và thành "
                "phố San Francisco.",
        "trade": [("VN", "US", "export", 7e9, None, 2023)],
        "investment": [],
        "events": [(date(2024, 9, 12), {"US"}, "reception")],
    },
    {
        "name": "anniversary-background",
        "published": date(2022, 12, 21),
        "title": "30 năm quan hệ hữu nghị Việt Nam - Hàn Quốc",
        "sapo": None,
        "body": "Việt Nam và Hàn Quốc thiết lập quan hệ ngoại giao ngày 22/12/1992. Năm 2009, hai nước nâng cấp quan "
                "hệ lên Đối tác hợp tác chiến lược. Từ năm 2014, Hàn Quốc luôn là nhà đầu tư lớn nhất tại Việt Nam.\n\n"
                "Lễ kỷ niệm 30 năm thiết lập quan hệ ngoại giao được tổ chức trọng thể tại Hà Nội tối 20/12.\n\n"
                "Hai nước phấn đấu đưa kim ngạch thương mại song phương lên 100 tỷ USD vào năm 2023 và 150 tỷ USD vào "
                "năm 2030.",
        "trade": [], "investment": [], "events": [],
    },
    {
        "name": "border-trade-breakdown",
        "published": date(2024, 7, 5),
        "title": "Lạng Sơn: Xuất nhập khẩu qua các cửa khẩu tăng mạnh",
        "sapo": None,
        "body": "Theo Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn, 6 tháng đầu năm 2024, tổng kim ngạch xuất "
                "nhập khẩu hàng hóa qua địa bàn tỉnh đạt 2,23 tỷ USD, tăng 8% so với cùng kỳ. Trong đó, xuất khẩu đạt "
                "1,12 tỷ USD; nhập khẩu đạt 1,11 tỷ USD.\n\nHàng hóa xuất khẩu chủ yếu sang thị trường Trung Quốc là "
                "nông sản, trái cây.",
        "trade": [("VN", None, "turnover", 2.23e9, None, 2024), ("VN", None, "export", 1.12e9, None, 2024),
                  ("VN", None, "import", 1.11e9, None, 2024)],
        "investment": [], "events": [],
    },
    {
        "name": "promotion-conference-japan",
        "published": date(2024, 6, 19),
        "title": "Hội nghị xúc tiến đầu tư tỉnh Bắc Ninh tại Nhật Bản",
        "sapo": "Ngày 18/6, tại Tokyo, UBND tỉnh Bắc Ninh phối hợp với Đại sứ quán Việt Nam tại Nhật Bản tổ chức Hội "
                "nghị xúc tiến đầu tư với sự tham dự của hơn 300 doanh nghiệp Nhật Bản.",
        "body": "Tại hội nghị, tỉnh Bắc Ninh đã trao giấy chứng nhận đăng ký đầu tư cho 5 dự án của các nhà đầu tư "
                "Nhật Bản với tổng vốn 120 triệu USD.\n\nHiện Nhật Bản là nhà đầu tư lớn thứ ba tại Bắc Ninh với 390 "
                "dự án, tổng vốn đầu tư 2,1 tỷ USD.",
        "trade": [],
        "investment": [("JP", "VN", 120e6, 5), ("JP", "VN", 2.1e9, 390)],
        "events": [(date(2024, 6, 18), {"JP"}, "trade_promotion")],
    },
    {
        "name": "growth-only",
        "published": date(2024, 4, 10),
        "title": "Thương mại Việt - Nhật quý I",
        "sapo": None,
        "body": "Trong quý I/2024, xuất khẩu của Việt Nam sang Nhật Bản tăng 5,4%, trong khi nhập khẩu từ Nhật Bản "
                "giảm 2,1%.",
        "trade": [("VN", "JP", "export", None, 5.4, 2024), ("VN", "JP", "import", None, -2.1, 2024)],
        "investment": [], "events": [],
    },
    {
        "name": "prime-minister-reception",
        "published": date(2024, 2, 29),
        "title": "Thủ tướng tiếp Bộ trưởng Thương mại Australia",
        "sapo": None,
        "body": "Chiều 28/2, tại Trụ sở Chính phủ, Thủ tướng Chính phủ Phạm Minh Chính đã tiếp Bộ trưởng Thương mại và "
                "Du lịch Australia Don Farrell đang thăm và làm việc tại Việt Nam.\n\nThủ tướng đề nghị hai bên phấn "
                "đấu sớm nâng kim ngạch thương mại song phương lên 20 tỷ USD.\n\nNăm 2023, kim ngạch thương mại hai "
                "chiều Việt Nam - Australia đạt 14,2 tỷ USD; Australia hiện có 600 dự án đầu tư tại Việt Nam với tổng "
                "vốn 2,2 tỷ USD.",
        "trade": [("VN", "AU", "turnover", 14.2e9, None, 2023)],
        "investment": [("AU", "VN", 2.2e9, 600)],
        "events": [(date(2024, 2, 28), {"AU"}, "reception")],
    },
    {
        "name": "city-receives-business-delegation",
        "published": date(2024, 10, 16),
        "title": "Đoàn doanh nghiệp Hà Lan tìm hiểu cơ hội đầu tư tại Cần Thơ",
        "sapo": None,
        "body": "Ngày 15-10, UBND TP Cần Thơ tiếp đoàn doanh nghiệp Hà Lan do Tổng lãnh sự Hà Lan tại TP.HCM dẫn đầu."
                "\n\nTại buổi tiếp, Phó chủ tịch UBND TP Cần Thơ cho biết Hà Lan hiện có 8 dự án đầu tư trên địa bàn "
                "thành phố với tổng vốn khoảng 60 triệu USD.",
        "trade": [],
        "investment": [("NL", "VN", 60e6, 8)],
        "events": [(date(2024, 10, 15), {"NL"}, "reception")],
    },
    {
        "name": "signing-on-an-anniversary",
        "published": date(2024, 9, 9),
        "title": "Hòa Bình và Hủa Phăn ký kết hợp tác giai đoạn mới",
        "sapo": None,
        "body": "Nhân dịp kỷ niệm 10 năm kết nghĩa, sáng 8/9, hai tỉnh Hòa Bình và Hủa Phăn (Lào) đã ký kết biên bản "
                "ghi nhớ hợp tác giai đoạn 2024-2029.",
        "trade": [], "investment": [],
        "events": [(date(2024, 9, 8), {"LA"}, "agreement_signing")],
    },
    {
        "name": "consul-reports-regional-trade",
        "published": date(2024, 3, 1),
        "title": "Thúc đẩy hợp tác với Vân Nam",
        "sapo": None,
        "body": "Theo Tổng Lãnh sự Việt Nam tại Côn Minh, năm 2023, kim ngạch thương mại giữa Việt Nam và tỉnh Vân Nam "
                "(Trung Quốc) đạt 4,1 tỷ USD, tăng 5%.",
        "trade": [("VN", "CN", "turnover", 4.1e9, None, 2023)],
        "investment": [], "events": [],
    },
    {
        "name": "speech-with-plans",
        "published": date(2024, 5, 20),
        "title": "Hợp tác kinh tế Việt Nam - EU",
        "sapo": None,
        "body": "Phát biểu tại hội nghị, Bộ trưởng cho biết giai đoạn 2016-2020, tổng kim ngạch thương mại Việt Nam - "
                "EU đạt 250 tỷ USD.\n\nMục tiêu đến năm 2030, kim ngạch đạt 300 tỷ USD.",
        "trade": [("VN", "EU", "turnover", 250e9, None, None)],
        "investment": [], "events": [],
    },
    {
        "name": "province-fdi-attraction",
        "published": date(2024, 10, 3),
        "title": "Bắc Giang thu hút vốn FDI tăng mạnh",
        "sapo": None,
        "body": "Trong 9 tháng năm 2024, Bắc Giang thu hút 1,3 tỷ USD vốn FDI, tăng gấp 2 lần so với cùng kỳ.",
        "trade": [],
        "investment": [(None, "VN", 1.3e9, None)],
        "events": [],
    },
]
