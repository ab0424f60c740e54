"""Generated articles for the fault suite, from sentences written for these tests (no article text is copied).

``articles(n)`` gives dicts in the JSONL import shape (url, source, title, sapo, text, author, section, tags,
published_at); every URL matches vneconomy's article pattern so the same dicts can be rendered as pages.
"""
from __future__ import annotations

import random
import unicodedata
from datetime import datetime, timedelta

PROVINCES = ["Quảng Ninh", "Đà Nẵng", "Khánh Hòa", "Cần Thơ", "Nghệ An", "Bắc Ninh", "Lâm Đồng", "Hải Phòng"]
PARTNERS = [("Nga", "vùng Kaluga"), ("Hàn Quốc", "tỉnh Gyeonggi"), ("Nhật Bản", "tỉnh Shizuoka"),
            ("Lào", "tỉnh Champasak"), ("Pháp", "vùng Normandie"), ("Úc", "bang Queensland")]
SLUGS = ["hop-tac", "dia-phuong", "dau-tu", "thuong-mai", "ket-nghia", "giao-luu", "xuc-tien", "nong-san"]

TITLE = "{province} và {region} ({country}) bàn cách mở rộng hợp tác"
SAPO = "Lãnh đạo {province} vừa tiếp đoàn công tác của {region}, hai bên thống nhất nhiều việc cần làm ngay."
BODY = [
    "Sáng {day}/{month}, lãnh đạo {province} đã có buổi làm việc với đoàn công tác của {region}, {country}.",
    "Hai bên điểm lại kết quả hợp tác trong thời gian qua và trao đổi về giáo dục, du lịch, nông nghiệp.",
    "Theo sở công thương, kim ngạch giữa {province} và các đối tác {country} năm ngoái đạt {value} triệu USD.",
    "Đoàn {country} cho biết sẽ sớm cử doanh nghiệp sang khảo sát và tìm hiểu cơ hội đầu tư tại địa phương.",
]


def articles(count: int, seed: int = 7, prefix: str = "bai") -> list[dict]:
    rng = random.Random(seed)
    start = datetime.fromisoformat("2025-03-01T08:00:00+07:00")
    made = []
    for n in range(count):
        province = rng.choice(PROVINCES)
        country, region = rng.choice(PARTNERS)
        published = start + timedelta(hours=7 * n)
        words = {"province": province, "country": country, "region": region, "day": published.day,
                 "month": published.month, "value": f"{rng.randint(10, 900)},{rng.randint(1, 9)}"}
        slug = "-".join(rng.sample(SLUGS, 3))
        made.append({
            "url": f"https://vneconomy.vn/{prefix}-{slug}-so-{n}-{seed}.htm",
            "source": "vneconomy",
            "title": TITLE.format(**words),
            "sapo": SAPO.format(**words),
            "text": "\n\n".join(line.format(**words) for line in BODY),
            "author": "Phóng viên Kiểm Thử",
            "section": "Địa phương",
            "tags": [province, country],
            "published_at": published.isoformat(),
        })
    return made


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_windows_1258(text: str) -> bytes:
    """Vietnamese as windows-1258 writes it: base letters precomposed (ê, ơ, ư, ă…), tone marks combining."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        tones = "".join(c for c in parts if c in _TONE_MARKS)
        out.append((base + tones).encode("cp1258"))
    return b"".join(out)
