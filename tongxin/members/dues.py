"""Party dues at the 2008 rates (《关于中国共产党党费收缴、使用和管理的规定》).

Base: monthly after-tax fixed pay (employed) or pension (retired). Band edges are inclusive as the
regulation writes them: "3000元以下（含3000元）0.5%; 3000元以上至5000元（含5000元）1%" and so on.
Farmers pay a flat amount the branch sets (0.2–1 yuan, default 0.20); students, the unemployed and
低保 recipients pay 0.20 yuan. Decimal throughout, rounded half-up to the fen.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError

from tongxin.members.choices import DuesCategory

FEN = Decimal("0.01")
FLAT_DEFAULT = Decimal("0.20")
FLAT_MIN, FLAT_MAX = Decimal("0.20"), Decimal("1.00")
MAX_BASE = Decimal("10000000")
EMPLOYED_BANDS = (
    (Decimal("3000"), Decimal("0.005")),
    (Decimal("5000"), Decimal("0.01")),
    (Decimal("10000"), Decimal("0.015")),
)
EMPLOYED_TOP = Decimal("0.02")
RETIRED_BANDS = ((Decimal("5000"), Decimal("0.005")),)
RETIRED_TOP = Decimal("0.01")
FLAT_CATEGORIES = {DuesCategory.FARMER, DuesCategory.STUDENT, DuesCategory.UNEMPLOYED, DuesCategory.LOW_INCOME}


def _band(base: Decimal, bands, top: Decimal) -> Decimal:
    for ceiling, rate in bands:
        if base <= ceiling:
            return rate
    return top


def dues_quote(*, category: str, base: Decimal, farmer_amount: Decimal = FLAT_DEFAULT) -> tuple[Decimal, Decimal]:
    """(rate, monthly amount). Flat categories have rate 0 and a fixed amount."""
    if category not in DuesCategory.values:
        raise ValidationError({"category": ValidationError("党费类别无效。", code="invalid_choice")})
    base = Decimal(base)
    if base < 0:
        raise ValidationError({"base": ValidationError("计算基数不能为负数。", code="negative")})
    if base > MAX_BASE:
        raise ValidationError({"base": ValidationError("计算基数不合理。", code="too_large")})
    if category == DuesCategory.EMPLOYED:
        rate = _band(base, EMPLOYED_BANDS, EMPLOYED_TOP)
    elif category == DuesCategory.RETIRED:
        rate = _band(base, RETIRED_BANDS, RETIRED_TOP)
    elif category == DuesCategory.FARMER:
        return Decimal("0"), Decimal(farmer_amount).quantize(FEN, ROUND_HALF_UP)
    else:
        return Decimal("0"), FLAT_DEFAULT
    return rate, (base * rate).quantize(FEN, ROUND_HALF_UP)
