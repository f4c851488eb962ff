"""Resident identity numbers (居民身份证号码, GB 11643-1999): validation, derived facts, masking."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

# Province-level codes of GB/T 2260 (first two digits), plus 71/81/82/83 used by residence permits.
PROVINCE_CODES = {
    "11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古",
    "21": "辽宁", "22": "吉林", "23": "黑龙江",
    "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东",
    "41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
    "50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏",
    "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆",
    "71": "台湾", "81": "香港", "82": "澳门", "83": "台湾（居住证）",
}  # fmt: skip
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


def check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def normalize_id_number(value: str) -> str:
    return (value or "").strip().upper()


def validate_id_number(value: str, *, today: datetime.date | None = None) -> str:
    """Return the normalised number (lowercase x becomes X) or raise ValidationError with a code."""
    number = normalize_id_number(value)
    if len(number) != 18:
        raise ValidationError("身份证号码应为18位。", code="id_length")
    if not _SHAPE.match(number):
        raise ValidationError("身份证号码前17位应为数字，最后一位为数字或X。", code="id_format")
    region = number[:6]
    if region[:2] not in PROVINCE_CODES or region[2:] == "0000":
        raise ValidationError(f"身份证号码的地区码“{region}”无效。", code="id_region")
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(f"身份证号码中的出生日期“{number[6:14]}”不存在。", code="id_birth_date") from None
    today = today or timezone.localdate()
    if birth > today:
        raise ValidationError("身份证号码中的出生日期晚于今天。", code="id_birth_date_future")
    if birth.year < 1890:
        raise ValidationError(f"身份证号码中的出生日期“{number[6:14]}”不合理。", code="id_birth_date")
    if check_char(number[:17]) != number[17]:
        raise ValidationError("身份证号码校验位不正确，请核对。", code="id_checksum")
    return number


def birth_date_of(number: str) -> datetime.date:
    return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def gender_of(number: str) -> str:
    """'male' when the sequence digit (17th) is odd, else 'female'."""
    return "male" if int(number[16]) % 2 == 1 else "female"


def mask_id_number(number: str) -> str:
    """`3701**********123X`: region prefix and last four shown, birth date and sequence hidden."""
    if not number:
        return ""
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def make_id_number(region: str, birth: datetime.date, sequence: int) -> str:
    """Build a valid number (used by demo and scale data, never for real people)."""
    first17 = f"{region}{birth:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_char(first17)
