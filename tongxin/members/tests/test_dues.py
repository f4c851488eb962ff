from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tongxin.members.dues import dues_quote

D = Decimal


@pytest.mark.parametrize(
    ("base", "rate", "amount"),
    [
        ("0", "0.005", "0.00"),
        ("2999.99", "0.005", "15.00"),
        ("3000", "0.005", "15.00"),  # 3000 and below: 0.5% (edge inclusive)
        ("3000.01", "0.01", "30.00"),
        ("4321.45", "0.01", "43.21"),
        ("5000", "0.01", "50.00"),  # up to and including 5000: 1%
        ("5000.01", "0.015", "75.00"),
        ("6543.21", "0.015", "98.15"),  # 98.14815 rounds half-up to 98.15
        ("10000", "0.015", "150.00"),  # up to and including 10000: 1.5%
        ("10000.01", "0.02", "200.00"),
        ("12345.67", "0.02", "246.91"),
    ],
)
def test_employed_bands(base, rate, amount):
    assert dues_quote(category="employed", base=D(base)) == (D(rate), D(amount))


@pytest.mark.parametrize(
    ("base", "rate", "amount"),
    [
        ("4999.99", "0.005", "25.00"),
        ("5000", "0.005", "25.00"),
        ("5000.01", "0.01", "50.00"),
        ("8000", "0.01", "80.00"),
    ],
)
def test_retired_bands(base, rate, amount):
    assert dues_quote(category="retired", base=D(base)) == (D(rate), D(amount))


def test_half_up_rounding_to_the_fen():
    # 3100.50 × 1% = 31.005 → 31.01 (half-up, not banker's rounding to 31.00)
    assert dues_quote(category="employed", base=D("3100.50"))[1] == D("31.01")
    # 2001 × 0.5% = 10.005 → 10.01
    assert dues_quote(category="employed", base=D("2001"))[1] == D("10.01")


@pytest.mark.parametrize("category", ["student", "unemployed", "low_income"])
def test_flat_categories_pay_twenty_fen(category):
    assert dues_quote(category=category, base=D("99999")) == (D("0"), D("0.20"))


def test_farmers_pay_the_branch_amount():
    assert dues_quote(category="farmer", base=D("0")) == (D("0"), D("0.20"))
    assert dues_quote(category="farmer", base=D("0"), farmer_amount=D("0.5")) == (D("0"), D("0.50"))


@pytest.mark.parametrize(
    ("category", "base", "field"), [("teacher", "1000", "category"), ("employed", "-0.01", "base")]
)
def test_bad_input(category, base, field):
    with pytest.raises(ValidationError) as info:
        dues_quote(category=category, base=D(base))
    assert field in info.value.error_dict
