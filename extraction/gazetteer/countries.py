"""Country names as the Vietnamese press writes them -> ISO 3166-1 alpha-2 (first name = display name).

pycountry supplies the codes and English names; its Vietnamese translations are not what newspapers print, so the
press forms are curated here. 'EU' (exceptionally reserved in ISO 3166-1) stands for the European Union and
'ZZ' for an unknown country.
"""
from __future__ import annotations

PRESS_NAMES: dict[str, list[str]] = {
    "VN": ["Việt Nam", "Cộng hòa Xã hội Chủ nghĩa Việt Nam", "CHXHCN Việt Nam", "Vietnam"],
    "RU": ["Nga", "Liên bang Nga", "LB Nga", "Liên Bang Nga", "CHLB Nga", "nước Nga"],
    "US": ["Hoa Kỳ", "Mỹ", "Hợp chúng quốc Hoa Kỳ", "nước Mỹ"],
    "CN": ["Trung Quốc", "Cộng hòa Nhân dân Trung Hoa", "CHND Trung Hoa", "Trung Hoa"],
    "JP": ["Nhật Bản", "Nhật", "nước Nhật"],
    "KR": ["Hàn Quốc", "Đại Hàn Dân Quốc", "Hàn"],
    "KP": ["Triều Tiên", "CHDCND Triều Tiên", "Bắc Triều Tiên"],
    "LA": ["Lào", "CHDCND Lào", "nước bạn Lào"],
    "KH": ["Campuchia", "Căm-pu-chia", "Vương quốc Campuchia", "Cam-pu-chia"],
    "TH": ["Thái Lan", "Vương quốc Thái Lan"],
    "SG": ["Singapore", "Xinh-ga-po", "Xin-ga-po"],
    "MY": ["Malaysia", "Ma-lai-xi-a"],
    "ID": ["Indonesia", "In-đô-nê-xi-a"],
    "PH": ["Philippines", "Phi-líp-pin", "Philippin"],
    "MM": ["Myanmar", "Mi-an-ma"],
    "BN": ["Brunei", "Bru-nây"],
    "TL": ["Timor-Leste", "Đông Timor"],
    "IN": ["Ấn Độ"],
    "AU": ["Australia", "Úc", "Ô-xtrây-li-a", "Ôxtrâylia"],
    "NZ": ["New Zealand", "Niu Di-lân", "Niu Dilân"],
    "FR": ["Pháp", "Cộng hòa Pháp", "nước Pháp"],
    "DE": ["Đức", "CHLB Đức", "Cộng hòa Liên bang Đức", "nước Đức"],
    "GB": ["Anh", "Vương quốc Anh", "Liên hiệp Vương quốc Anh", "Vương quốc Liên hiệp Anh"],
    "IT": ["Italy", "Italia", "I-ta-li-a", "Ý"],
    "ES": ["Tây Ban Nha"],
    "PT": ["Bồ Đào Nha"],
    "NL": ["Hà Lan"],
    "BE": ["Bỉ", "Vương quốc Bỉ"],
    "CH": ["Thụy Sĩ", "Thụy Sỹ"],
    "AT": ["Áo"],
    "SE": ["Thụy Điển"],
    "NO": ["Na Uy"],
    "DK": ["Đan Mạch"],
    "FI": ["Phần Lan"],
    "IS": ["Iceland", "Ai-xơ-len"],
    "IE": ["Ireland", "Ai-len", "Ai Len"],
    "PL": ["Ba Lan"],
    "CZ": ["Séc", "Cộng hòa Séc", "CH Séc"],
    "SK": ["Slovakia", "Xlô-va-ki-a", "Xlovakia"],
    "HU": ["Hungary", "Hung-ga-ri", "Hunggari"],
    "RO": ["Romania", "Ru-ma-ni", "Rumani"],
    "BG": ["Bulgaria", "Bun-ga-ri", "Bungari"],
    "GR": ["Hy Lạp"],
    "UA": ["Ukraine", "U-crai-na", "Ucraina"],
    "BY": ["Belarus", "Bê-la-rút", "Belarút"],
    "KZ": ["Kazakhstan", "Ca-dắc-xtan", "Cadắcxtan"],
    "UZ": ["Uzbekistan", "U-dơ-bê-ki-xtan"],
    "MN": ["Mông Cổ"],
    "TR": ["Thổ Nhĩ Kỳ"],
    "IL": ["Israel", "I-xra-en", "Ixraen"],
    "AE": ["UAE", "Các Tiểu vương quốc Arab Thống nhất", "Các Tiểu vương quốc Ả-rập Thống nhất"],
    "SA": ["Saudi Arabia", "Ả-rập Xê-út", "Ả Rập Xê Út", "Arab Saudi"],
    "QA": ["Qatar", "Ca-ta"],
    "KW": ["Kuwait", "Cô-oét"],
    "IR": ["Iran", "I-ran"],
    "EG": ["Ai Cập"],
    "ZA": ["Nam Phi"],
    "NG": ["Nigeria", "Ni-giê-ri-a"],
    "MZ": ["Mozambique", "Mô-dăm-bích"],
    "AO": ["Angola", "Ăng-gô-la"],
    "DZ": ["Algeria", "An-giê-ri"],
    "MA": ["Maroc", "Morocco", "Ma-rốc"],
    "CA": ["Canada", "Ca-na-đa"],
    "MX": ["Mexico", "Mê-hi-cô"],
    "BR": ["Brazil", "Bra-xin", "Braxin"],
    "AR": ["Argentina", "Ác-hen-ti-na"],
    "CL": ["Chile", "Chi-lê"],
    "PE": ["Peru", "Pê-ru"],
    "CU": ["Cuba", "Cu-ba"],
    "VE": ["Venezuela", "Vê-nê-xu-ê-la"],
    "CO": ["Colombia", "Cô-lôm-bi-a"],
    "TW": ["Đài Loan"],
    "HK": ["Hồng Kông", "Hong Kong", "Hồng Công"],
    "MO": ["Ma Cao", "Macau", "Macao"],
    "BD": ["Bangladesh", "Băng-la-đét"],
    "PK": ["Pakistan", "Pa-ki-xtan"],
    "LK": ["Sri Lanka", "Xri Lan-ca"],
    "NP": ["Nepal", "Nê-pan"],
    "EE": ["Estonia", "E-xtô-ni-a"],
    "LV": ["Latvia", "Lát-vi-a"],
    "LT": ["Litva", "Lít-va", "Lithuania"],
    "RS": ["Serbia", "Xéc-bi-a"],
    "HR": ["Croatia", "Crô-a-ti-a"],
    "SI": ["Slovenia", "Xlô-ven-ni-a"],
    "LU": ["Luxembourg", "Lúc-xăm-bua"],
    "AZ": ["Azerbaijan", "A-déc-bai-gian"],
    "AM": ["Armenia", "Ác-mê-ni-a"],
    "GE": ["Gruzia", "Georgia"],
    "EU": ["Liên minh châu Âu", "Liên minh Châu Âu", "EU"],
}

# Press shorthand for bilateral pairs: "hội chợ Việt - Trung", "hữu nghị Việt - Hàn" name the partner country.
PAIR_SHORTHANDS: dict[str, list[str]] = {
    "CN": ["Việt - Trung", "Việt-Trung", "Việt – Trung"], "KR": ["Việt - Hàn", "Việt-Hàn", "Việt – Hàn"],
    "JP": ["Việt - Nhật", "Việt-Nhật", "Việt – Nhật"], "TH": ["Việt - Thái", "Việt-Thái"],
    "RU": ["Việt - Nga", "Việt-Nga", "Việt - Xô", "Việt-Xô"], "DE": ["Việt - Đức", "Việt-Đức"],
    "US": ["Việt - Mỹ", "Việt-Mỹ"], "FR": ["Việt - Pháp", "Việt-Pháp"],
}

# Agencies and chambers that stand for their country when they take part in an event.
AGENCIES: dict[str, list[str]] = {
    "JP": ["JICA", "JETRO", "JBIC"], "KR": ["KOTRA", "KOICA", "KCCI"], "US": ["USAID", "AmCham"],
    "DE": ["GIZ"], "FR": ["AFD"], "EU": ["EuroCham"], "AU": ["Austrade"],
}

# Single words that are also given names or common words: accepted only in safe contexts (see places.py).
AMBIGUOUS = {"Anh", "Đức", "Nhật", "Mỹ", "Ý", "Úc", "Bỉ", "Áo", "Séc", "Hàn", "Nga", "Lào", "Pháp"}
# Person-like words: also ambiguous when followed by another capitalised word.
FOLLOW_SENSITIVE = {"Anh", "Đức", "Nhật", "Mỹ", "Ý", "Úc", "Bỉ", "Áo", "Hàn"}

UNKNOWN = ("ZZ", "Không xác định", "Unknown")
EU_NAME_EN = "European Union"
