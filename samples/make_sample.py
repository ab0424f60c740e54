"""Writes samples/articles.jsonl: the bundled demo articles.

Every sentence here was written for vnwh in the style of the Vietnamese press; figures and events are modelled on
public reporting but the texts are our own. Edit the ARTICLES list, then run `uv run python samples/make_sample.py`.
"""
from __future__ import annotations

import json
from pathlib import Path

ARTICLES = [
    {
        "url": "https://www.vietnamplus.vn/dia-phuong-viet-nam-va-nga-tim-cach-mo-rong-ket-noi-post700101.vnp",
        "source": "vietnamplus",
        "published_at": "2021-10-28T08:15:00+07:00",
        "author": "Minh Thư",
        "section": "Thế giới",
        "tags": ["Việt Nam - Nga", "đối ngoại địa phương"],
        "title": "Địa phương Việt Nam và Nga tìm cách mở rộng kết nối",
        "sapo": "Các tỉnh, thành phố của Việt Nam và các chủ thể Liên bang Nga đã cùng bàn cách đưa hợp tác "
                "địa phương đi vào chiều sâu, từ du lịch, nông nghiệp đến logistics.",
        "text": "Chiều 27/10, Bộ Ngoại giao Việt Nam và Bộ Ngoại giao Liên bang Nga đồng chủ trì tọa đàm trực tuyến "
                "về thúc đẩy hợp tác giữa các địa phương và doanh nghiệp hai nước.\n\n"
                "Tham dự tọa đàm có đại diện tỉnh Quảng Ninh, Thành phố Hồ Chí Minh, tỉnh Khánh Hòa cùng lãnh đạo "
                "các chủ thể Sakha (Yakutia), Zabaikal và Vologda của Nga.\n\n"
                "Theo số liệu được nêu tại tọa đàm, kim ngạch thương mại giữa Việt Nam và Nga trong 8 tháng đầu năm "
                "2021 đạt 3,6 tỷ USD, tăng 21,5% so với cùng kỳ năm trước.\n\n"
                "Đại diện Sở Ngoại vụ tỉnh Quảng Ninh đề xuất sớm mở đường bay thẳng tới Yakutsk để đón khách du "
                "lịch Nga khi Việt Nam mở cửa trở lại.\n\n"
                "Phía Nga cho biết vùng Zabaikal sẵn sàng cung cấp gỗ và nông sản, đồng thời muốn nhập khẩu thủy "
                "sản, cà phê và trái cây nhiệt đới của Việt Nam.",
    },
    {
        "url": "https://vneconomy.vn/binh-thuan-mong-mo-loi-vao-thi-truong-kaluga.htm",
        "source": "vneconomy",
        "published_at": "2019-04-24T10:30:00+07:00",
        "author": "Hoàng Lan",
        "section": "Địa phương",
        "tags": ["Bình Thuận", "Kaluga", "Nga"],
        "title": "Bình Thuận mong mở lối vào thị trường Kaluga",
        "sapo": "Lãnh đạo tỉnh Bình Thuận muốn đưa thanh long, thủy sản và du lịch biển của địa phương đến gần hơn "
                "với người dân tỉnh Kaluga của Liên bang Nga.",
        "text": "Ngày 22/4, đoàn công tác của tỉnh Bình Thuận đã có buổi làm việc với Thống đốc tỉnh Kaluga tại "
                "thành phố Kaluga, Liên bang Nga.\n\n"
                "Tại buổi làm việc, hai bên trao đổi khả năng thiết lập quan hệ kết nghĩa giữa hai tỉnh, trước hết "
                "trong các lĩnh vực nông nghiệp, du lịch và đào tạo nghề.\n\n"
                "Phía Bình Thuận cho biết hàng hóa của tỉnh xuất khẩu sang Nga hiện vẫn còn khiêm tốn, chủ yếu là "
                "thủy sản chế biến và thanh long.\n\n"
                "Năm 2018, kim ngạch xuất khẩu của tỉnh Bình Thuận sang Nga đạt khoảng 12,4 triệu USD.",
    },
    {
        "url": "https://nld.com.vn/thoi-su/binh-thuan-va-kaluga-ban-chuyen-ket-nghia-20190423093000123.htm",
        "source": "nld",
        "published_at": "2019-04-23T09:30:00+07:00",
        "author": "Văn Duẩn",
        "section": "Thời sự",
        "tags": ["Bình Thuận", "Nga"],
        "title": "Bình Thuận và Kaluga bàn chuyện kết nghĩa",
        "sapo": "Đoàn đại biểu tỉnh Bình Thuận đang thăm và làm việc tại Liên bang Nga.",
        "text": "Chiều 22/4 theo giờ địa phương, đoàn đại biểu tỉnh Bình Thuận đã làm việc với lãnh đạo tỉnh "
                "Kaluga (Nga) để tìm hiểu cơ hội đầu tư, thương mại và kết nghĩa.\n\n"
                "Phát biểu tại buổi làm việc, trưởng đoàn Bình Thuận giới thiệu tiềm năng năng lượng tái tạo và "
                "du lịch biển của tỉnh, đồng thời mời doanh nghiệp Kaluga đến khảo sát.\n\n"
                "Thống đốc tỉnh Kaluga cho biết địa phương này có nhiều khu công nghiệp và mong muốn mở rộng thị "
                "trường sang Đông Nam Á.",
    },
    {
        "url": "https://www.vietnamplus.vn/thai-binh-ky-ghi-nho-hop-tac-voi-moskva-post900202.vnp",
        "source": "vietnamplus",
        "published_at": "2023-10-11T07:00:00+07:00",
        "author": "Duy Khánh",
        "section": "Kinh tế",
        "tags": ["Thái Bình", "Moskva"],
        "title": "Thái Bình ký ghi nhớ hợp tác với Phòng Thương mại Moskva",
        "sapo": "Tỉnh Thái Bình muốn đưa nông sản chế biến và hàng tiêu dùng vào thị trường thủ đô nước Nga.",
        "text": "Ngày 10/10, tại Moskva, đoàn lãnh đạo và doanh nghiệp tỉnh Thái Bình đã làm việc với Phòng Thương "
                "mại và Công nghiệp Moskva.\n\n"
                "Nhân dịp này, hai bên đã ký biên bản ghi nhớ hợp tác về thương mại và đầu tư.\n\n"
                "Theo Sở Kế hoạch và Đầu tư, đến hết tháng 9/2023, tỉnh Thái Bình có 87 dự án đầu tư trực tiếp nước "
                "ngoài với tổng vốn đăng ký hơn 1,2 tỷ USD.\n\n"
                "Năm 1950, Việt Nam và Liên Xô thiết lập quan hệ ngoại giao, mở đầu chặng đường hợp tác lâu dài giữa "
                "hai dân tộc.",
    },
    {
        "url": "https://vneconomy.vn/da-nang-va-kawasaki-day-manh-hop-tac-dau-tu.htm",
        "source": "vneconomy",
        "published_at": "2024-06-15T14:00:00+07:00",
        "author": "Thu Hà",
        "section": "Đầu tư",
        "tags": ["Đà Nẵng", "Nhật Bản"],
        "title": "Đà Nẵng và Kawasaki đẩy mạnh hợp tác đầu tư",
        "sapo": "Nhật Bản hiện là một trong những nhà đầu tư nước ngoài lớn nhất tại thành phố Đà Nẵng.",
        "text": "Sáng 14/6, Chủ tịch UBND thành phố Đà Nẵng đã tiếp đoàn công tác của thành phố Kawasaki (Nhật Bản) "
                "do Phó Thị trưởng dẫn đầu.\n\n"
                "Hai bên thống nhất tăng cường hợp tác trong các lĩnh vực môi trường, công nghệ thông tin và đào "
                "tạo nguồn nhân lực.\n\n"
                "Tính đến ngày 31/5/2024, Nhật Bản có 150 dự án đầu tư tại Đà Nẵng với tổng vốn đăng ký 953,3 triệu "
                "USD, xếp thứ 2 trong số các quốc gia và vùng lãnh thổ đầu tư vào thành phố.\n\n"
                "Trong 5 tháng đầu năm 2024, kim ngạch xuất khẩu của Đà Nẵng sang Nhật Bản đạt 152 triệu USD, tăng "
                "8,3% so với cùng kỳ.",
    },
    {
        "url": "https://nld.com.vn/kinh-te/tphcm-va-gyeongsangbuk-mo-rong-hop-tac-20250912154500456.htm",
        "source": "nld",
        "published_at": "2025-09-12T15:45:00+07:00",
        "author": "Ngọc Ánh",
        "section": "Kinh tế",
        "tags": ["TP HCM", "Hàn Quốc"],
        "title": "TP HCM và Gyeongsangbuk mở rộng hợp tác",
        "sapo": "Lãnh đạo TP HCM tiếp đoàn tỉnh Gyeongsangbuk (Hàn Quốc) và hai bên ký thỏa thuận về xúc tiến "
                "thương mại.",
        "text": "Chiều 11-9, Phó Chủ tịch UBND TP HCM đã tiếp và làm việc với đoàn công tác tỉnh Gyeongsangbuk, "
                "Hàn Quốc.\n\n"
                "Tại buổi tiếp, hai địa phương đã ký thỏa thuận hợp tác về xúc tiến thương mại, du lịch và "
                "logistics.\n\n"
                "Trong 8 tháng đầu năm 2025, kim ngạch thương mại giữa TP HCM và Hàn Quốc đạt gần 4,85 tỷ USD, "
                "tăng 9% so với cùng kỳ năm 2024.\n\n"
                "Hàn Quốc hiện đứng thứ ba về vốn đầu tư nước ngoài tại TP HCM.",
    },
    {
        "url": "https://www.vietnamplus.vn/lao-cai-va-van-nam-xuc-tien-thuong-mai-bien-gioi-post1100303.vnp",
        "source": "vietnamplus",
        "published_at": "2026-03-05T16:20:00+07:00",
        "author": "Quốc Khánh",
        "section": "Kinh tế",
        "tags": ["Lào Cai", "Trung Quốc"],
        "title": "Lào Cai và Vân Nam xúc tiến thương mại biên giới",
        "sapo": "Hội nghị xúc tiến thương mại giữa tỉnh Lào Cai và tỉnh Vân Nam (Trung Quốc) thu hút hơn 200 doanh "
                "nghiệp hai bên.",
        "text": "Ngày 4/3, tại thành phố Lào Cai, UBND tỉnh Lào Cai phối hợp với Chính quyền nhân dân tỉnh Vân Nam "
                "tổ chức Hội nghị xúc tiến thương mại biên giới năm 2026.\n\n"
                "Hội nghị tập trung vào nông sản, logistics và thông quan hàng hóa qua cửa khẩu quốc tế.\n\n"
                "Năm 2025, kim ngạch xuất nhập khẩu qua các cửa khẩu của Lào Cai với Vân Nam đạt 2,1 tỷ USD, giảm 3% "
                "so với năm 2024.\n\n"
                "Hai bên cũng đề xuất ký kết bản ghi nhớ về kết nối hạ tầng đường sắt trong năm nay.",
    },
    {
        "url": "https://vneconomy.vn/gia-vang-trong-nuoc-dao-chieu.htm",
        "source": "vneconomy",
        "published_at": "2026-03-06T09:05:00+07:00",
        "author": "Bảo Anh",
        "section": "Tài chính",
        "tags": ["giá vàng"],
        "title": "Giá vàng trong nước đảo chiều",
        "sapo": "Giá vàng miếng trong nước sáng nay giảm nhẹ sau ba phiên tăng liên tiếp.",
        "text": "Sáng nay, các doanh nghiệp kinh doanh vàng đồng loạt điều chỉnh giảm giá vàng miếng.\n\n"
                "Giới phân tích cho rằng thị trường đang chờ thêm tín hiệu về lãi suất trong tuần tới.",
    },
]


def main() -> None:
    out = Path(__file__).with_name("articles.jsonl")
    with out.open("w", encoding="utf-8") as handle:
        for article in ARTICLES:
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    print(f"wrote {len(ARTICLES)} articles to {out}")


if __name__ == "__main__":
    main()
