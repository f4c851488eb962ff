import datetime

import pytest
from django.core.exceptions import ValidationError

from tongxin.core.idcard import (
    birth_date_of,
    check_char,
    gender_of,
    make_id_number,
    mask_id_number,
    validate_id_number,
)

TODAY = datetime.date(2026, 11, 22)


def code_of(value):
    with pytest.raises(ValidationError) as info:
        validate_id_number(value, today=TODAY)
    return info.value.code


def test_the_standard_example_number_is_valid():
    # GB 11643-1999's worked example.
    assert validate_id_number("11010519491231002X", today=TODAY) == "11010519491231002X"


def test_lowercase_x_is_accepted_and_stored_upper_case():
    assert validate_id_number("11010519491231002x", today=TODAY) == "11010519491231002X"


def test_check_character_is_iso_7064_mod_11_2():
    assert check_char("11010519491231002") == "X"
    assert check_char("37010219800101123") == "7"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "id_length"),
        ("1101051949123100", "id_length"),
        ("11010519491231002XX", "id_length"),
        ("1101051949123100AX", "id_format"),
        ("99010519491231002X", "id_region"),  # no province 99
        ("110000194912310020", "id_region"),  # province only, no county
        ("110105194902300021", "id_birth_date"),  # 30 February
        ("110105202712310011", "id_birth_date_future"),
        ("110105194912310021", "id_checksum"),
    ],
)
def test_bad_numbers_are_refused_with_a_code(value, code):
    assert code_of(value) == code


def test_future_birth_date_message_is_chinese():
    with pytest.raises(ValidationError) as info:
        validate_id_number(make_id_number("110105", datetime.date(2027, 1, 1), 1), today=TODAY)
    assert "晚于今天" in info.value.messages[0]


def test_gender_and_birth_date_derive_from_the_number():
    assert gender_of("11010519491231002X") == "female"  # sequence 002: even
    assert gender_of(make_id_number("370102", datetime.date(1980, 1, 1), 123)) == "male"
    assert birth_date_of("11010519491231002X") == datetime.date(1949, 12, 31)


def test_masking_keeps_region_prefix_and_last_four():
    assert mask_id_number("370102198001011237") == "3701**********1237"
    assert mask_id_number("") == ""


def test_surname_readings_for_pinyin_search():
    from tongxin.core.fakedata import keys_for
    from tongxin.core.pinyin import name_keys

    assert name_keys("曾龙") == ("zenglong", "zl")
    assert name_keys("单田芳") == ("shantianfang", "stf")
    assert keys_for("曾龙") == name_keys("曾龙")
    assert name_keys("张三丰") == ("zhangsanfeng", "zsf")
