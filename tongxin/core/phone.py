import re

from django.core.exceptions import ValidationError

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def validate_mobile(value: str) -> str:
    """Mainland mobile number: 11 digits starting 13–19. Spaces, dashes and +86 are tolerated."""
    number = re.sub(r"[\s-]", "", value or "")
    if number.startswith("+86"):
        number = number[3:]
    if not MOBILE_RE.match(number):
        raise ValidationError("手机号码应为以1开头的11位大陆手机号。", code="phone_invalid")
    return number


def mask_mobile(phone: str) -> str:
    """138****8000 for people whose role does not need the full number."""
    return phone[:3] + "****" + phone[-4:] if len(phone) == 11 else phone
