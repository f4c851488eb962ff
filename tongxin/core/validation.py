"""Field-level checks shared by the services: one error shape, Chinese messages, nothing half-written.

`field_error` builds the ValidationError (422) or Conflict (409) for one field; `clean_text` and
`clean_money` read a value or raise it.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError

from tongxin.core.errors import Conflict

FEN = Decimal("0.01")
MAX_MONEY = Decimal("9999999999.99")


def field_error(field: str, message: str, code: str, *, conflict: bool = False) -> ValidationError:
    cls = Conflict if conflict else ValidationError
    return cls({field: ValidationError(message, code=code)})


def clean_text(field: str, value, *, max_length: int, required: bool = False, label: str = "此项") -> str:
    text = str(value or "").strip()
    if required and not text:
        raise field_error(field, f"请填写{label}。", "required")
    if len(text) > max_length:
        raise field_error(field, f"{label}不能超过{max_length}个字符。", "too_long")
    return text


def clean_money(field: str, value, *, required: bool = True, label: str = "金额") -> Decimal | None:
    """Yuan to the fen (half-up), 0 to MAX_MONEY; blank is None unless required."""
    if value in (None, ""):
        if required:
            raise field_error(field, f"请填写{label}。", "required")
        return None
    try:
        amount = Decimal(str(value).strip())
    except ArithmeticError:
        raise field_error(field, f"{label}应为数字。", "invalid") from None
    if not amount.is_finite() or amount < 0 or amount > MAX_MONEY:
        raise field_error(field, f"{label}应为0至{MAX_MONEY}之间的数字。", "out_of_range")
    return amount.quantize(FEN, ROUND_HALF_UP)
