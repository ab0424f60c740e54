"""Synthetic articles for the benchmarks: our own sentences (templates written for vnwh, plus the sentences of
samples/articles.jsonl) recombined with varied places, partners, figures and dates. No real article text.

``articles(n, seed)`` yields dicts shaped like samples/articles.jsonl (url, source, published_at, author, section,
tags, title, sapo, text); ``records(...)`` turns them into ``ArticleRecord``s ready for ``land_articles``.
"""
from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from warehouse.records import ArticleRecord

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SAMPLE_FILE = Path(__file__).resolve().parents[1] / "samples" / "articles.jsonl"

PROVINCES = ["Quảng Ninh", "Hải Phòng", "Bắc Ninh", "Nghệ An", "Thừa Thiên Huế", "Đà Nẵng", "Khánh Hòa",
             "Bình Định", "Gia Lai", "Đồng Nai", "Bình Dương", "Cần Thơ", "Lào Cai", "Lạng Sơn", "Thái Bình",
             "Bình Thuận", "Long An", "Quảng Nam", "Hà Tĩnh", "Kiên Giang", "An Giang", "Vĩnh Phúc"]
PARTNERS = [("Nhật Bản", ["Kobe", "Osaka", "Kanagawa", "Fukuoka"]), ("Hàn Quốc", ["Busan", "Gyeonggi", "Incheon"]),
            ("Nga", ["Kaluga", "Vologda", "Moskva"]), ("Lào", ["Bolikhamxay", "Savannakhet", "Champasak"]),
            ("Trung Quốc", ["Vân Nam", "Quảng Tây"]), ("Campuchia", ["Ratanakiri", "Kampot"]),
            ("Đức", ["Bayern", "Sachsen"]), ("Pháp", ["Normandie", "Bretagne"]), ("Australia", ["Queensland"]),
            ("Singapore", []), ("Ấn Độ", ["Gujarat"]), ("Mông Cổ", [])]
SECTORS = ["chế biến nông sản", "logistics", "năng lượng tái tạo", "du lịch", "giáo dục nghề nghiệp", "y tế",
           "công nghiệp hỗ trợ", "thủy sản", "điện tử", "cảng biển"]
AUTHORS = ["Minh Anh", "Thu Trang", "Quốc Việt", "Hải Yến", "Đức Long", "Ngọc Mai", "Văn Tuấn", "Phương Thảo"]
SECTIONS = {"vietnamplus": "Thế giới", "vneconomy": "Đầu tư", "nld": "Kinh tế"}

TITLES = [
    "{p} và {r} thúc đẩy hợp tác {s}",
    "{p} mời gọi doanh nghiệp {c} đầu tư vào {s}",
    "Kim ngạch thương mại giữa {p} và {c} tăng mạnh",
    "{p} ký ghi nhớ hợp tác với địa phương của {c}",
    "Doanh nghiệp {c} tìm cơ hội tại {p}",
]
SAPOS = [
    "Lãnh đạo tỉnh {p} và đoàn công tác của {r} ({c}) đã trao đổi nhiều hướng hợp tác mới trong lĩnh vực {s}.",
    "Tỉnh {p} mong muốn thu hút thêm vốn đầu tư từ {c}, nhất là vào lĩnh vực {s}.",
    "Quan hệ hợp tác giữa {p} và các địa phương của {c} tiếp tục được mở rộng trong năm {y}.",
]
FACT_SENTENCES = [
    "Ngày {d}/{m}, tại {p}, lãnh đạo UBND tỉnh {p} đã tiếp đoàn công tác của {r} ({c}) do Phó Thống đốc dẫn đầu.",
    "Nhân dịp này, hai bên đã ký biên bản ghi nhớ hợp tác trong lĩnh vực {s} giai đoạn {y}-{y2}.",
    "Năm {y0}, kim ngạch xuất khẩu của tỉnh {p} sang {c} đạt {v} triệu USD, tăng {pc}% so với năm trước.",
    "Theo Sở Công Thương, kim ngạch thương mại hai chiều giữa {p} và {c} trong {mm} tháng đầu năm {y} đạt {v} "
    "triệu USD.",
    "Hiện {c} có {n} dự án đầu tư trực tiếp nước ngoài còn hiệu lực tại {p} với tổng vốn đăng ký {b} tỷ USD.",
    "Đến hết tháng {m}/{y}, {c} đứng thứ {k} trong số các quốc gia và vùng lãnh thổ đầu tư vào {p}.",
    "Chiều {d}/{m}, Chủ tịch UBND tỉnh {p} đã có buổi làm việc với Tổng Lãnh sự {c} về hợp tác {s}.",
    "Hai địa phương thống nhất tổ chức diễn đàn xúc tiến đầu tư tại {r} vào tháng {m2} tới.",
    "Đoàn doanh nghiệp {c} gồm {n} công ty đã khảo sát các khu công nghiệp của {p}.",
    "Nhập khẩu của {p} từ {c} năm {y0} ước đạt {v} triệu USD, chủ yếu là máy móc và nguyên liệu.",
]
GENERAL_SENTENCES = [
    "Phát biểu tại buổi làm việc, lãnh đạo tỉnh cảm ơn sự quan tâm của đoàn và cam kết tạo điều kiện thuận lợi "
    "cho nhà đầu tư.",
    "Các đại biểu đã trao đổi về thủ tục hành chính, hạ tầng giao thông và nguồn nhân lực của địa phương.",
    "Theo kế hoạch, các sở, ngành liên quan sẽ phối hợp xây dựng chương trình hành động cụ thể trong thời gian tới.",
    "Hai bên cũng nhất trí tăng cường trao đổi đoàn các cấp và chia sẻ kinh nghiệm quản lý.",
    "Doanh nghiệp địa phương kiến nghị có thêm hỗ trợ về xúc tiến thương mại và thông tin thị trường.",
    "Buổi làm việc diễn ra trong không khí cởi mở, thẳng thắn và hiệu quả.",
    "Lãnh đạo sở cho biết tỉnh đang hoàn thiện quy hoạch để đón làn sóng đầu tư mới.",
    "Nhiều ý kiến cho rằng cần sớm tháo gỡ khó khăn về mặt bằng sản xuất cho nhà đầu tư.",
    "Dịp này, đoàn cũng đến thăm một số cơ sở sản xuất tiêu biểu của địa phương.",
    "Trước đó, đại diện hai bên đã có nhiều cuộc trao đổi trực tuyến để chuẩn bị nội dung hợp tác.",
]


@lru_cache(maxsize=1)
def sample_sentences() -> tuple[str, ...]:
    """The sentences of our own sample articles (samples/articles.jsonl), split on sentence ends."""
    sentences: list[str] = []
    for line in SAMPLE_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            text = json.loads(line)["text"]
            sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 30]
    return tuple(sentences)


def _slots(rng: random.Random) -> dict:
    country, regions = rng.choice(PARTNERS)
    year = rng.randint(2015, 2026)
    return {
        "p": rng.choice(PROVINCES), "c": country, "r": rng.choice(regions) if regions else country,
        "s": rng.choice(SECTORS), "y": year, "y0": year - 1, "y2": year + 3, "d": rng.randint(1, 28),
        "m": rng.randint(1, 12), "m2": rng.randint(1, 12), "mm": rng.randint(2, 11), "n": rng.randint(2, 180),
        "k": rng.randint(1, 15), "v": f"{rng.randint(1, 950)},{rng.randint(1, 9)}", "pc": rng.randint(2, 60),
        "b": f"{rng.randint(1, 12)},{rng.randint(10, 99)}",
    }


def _paragraph(rng: random.Random, slots: dict) -> str:
    parts = []
    for _ in range(rng.randint(1, 3)):
        roll = rng.random()
        if roll < 0.45:
            parts.append(rng.choice(FACT_SENTENCES).format(**slots))
        elif roll < 0.8:
            parts.append(rng.choice(GENERAL_SENTENCES))
        else:
            parts.append(rng.choice(sample_sentences()))
    return " ".join(parts)


def _url(source: str, i: int, stamp: datetime) -> str:
    if source == "vietnamplus":
        return f"https://www.vietnamplus.vn/dia-phuong-hop-tac-quoc-te-ban-tin-{i}-post{10_000_000 + i}.vnp"
    if source == "nld":
        return f"https://nld.com.vn/kinh-te/hop-tac-dia-phuong-ban-tin-{stamp:%Y%m%d%H%M%S}{i % 1000:03d}{i}.htm"
    return f"https://vneconomy.vn/hop-tac-dia-phuong-quoc-te-ban-tin-so-{i}.htm"


def article(i: int, seed: int = 2026) -> dict:
    """Article number ``i`` (deterministic for a seed): 8-14 paragraphs, ~1.5-3.5 k characters."""
    rng = random.Random(seed * 1_000_003 + i)
    slots = _slots(rng)
    source = ("vietnamplus", "vneconomy", "nld")[i % 3]
    stamp = datetime(slots["y"], 1, 1, 7, tzinfo=VN) + timedelta(minutes=rng.randint(0, 364 * 24 * 60))
    body = "\n\n".join(_paragraph(rng, slots) for _ in range(rng.randint(8, 14)))
    return {
        "url": _url(source, i, stamp), "source": source, "published_at": stamp.isoformat(),
        "author": rng.choice(AUTHORS), "section": SECTIONS[source], "tags": [slots["p"], slots["c"]],
        "title": rng.choice(TITLES).format(**slots), "sapo": rng.choice(SAPOS).format(**slots), "text": body,
    }


def articles(n: int, start: int = 0, seed: int = 2026) -> Iterator[dict]:
    for i in range(start, start + n):
        yield article(i, seed)


def record(a: dict) -> ArticleRecord:
    return ArticleRecord(url=a["url"], source=a["source"], title=a["title"], sapo=a["sapo"], body_text=a["text"],
                         published_at=datetime.fromisoformat(a["published_at"]), author=a["author"],
                         section=a["section"], tags=a["tags"], parse_path="bench", parser_version="bench-1")


def records(n: int, start: int = 0, seed: int = 2026) -> Iterator[ArticleRecord]:
    for a in articles(n, start, seed):
        yield record(a)
