"""Realistic, generated identities for demo, scale data and tests — never real people.

Names are drawn from the commonest surnames and given-name characters; ID numbers are valid
(region code, real birth date, check character) and unique by construction.
"""

import datetime
import random

from pypinyin import Style, lazy_pinyin

from tongxin.core.idcard import check_char
from tongxin.core.pinyin import SURNAME_READINGS

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤"
)
MALE_CHARS = "伟强军磊勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆峰建国志文博永海成东林龙新春德庆振兴立"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀玲桂英红梅琳燕莉兰萍雪琴云洁颖倩婷慧佳玉凤荣彩春晓欣悦雅淑珍"
# Per-character pinyin cache.
_CHAR_PINYIN: dict[str, str] = {}


def char_pinyin(ch: str) -> str:
    value = _CHAR_PINYIN.get(ch)
    if value is None:
        value = "".join(lazy_pinyin(ch, style=Style.NORMAL, errors="ignore"))
        _CHAR_PINYIN[ch] = value
    return value


def keys_for(name: str) -> tuple[str, str]:
    """Pinyin search keys from a per-character cache: fast enough for 200,000 generated names.
    Same rules as tongxin.core.pinyin.name_keys (surname readings included)."""
    parts = [SURNAME_READINGS.get(name[0]) or char_pinyin(name[0])] + [char_pinyin(ch) for ch in name[1:]]
    parts = [p for p in parts if p]
    return "".join(parts), "".join(p[0] for p in parts)


class IdentityMaker:
    def __init__(self, seed: int = 2026):
        self.rng = random.Random(seed)
        self.used: set[str] = set()

    def name(self, gender: str) -> str:
        pool = MALE_CHARS if gender == "male" else FEMALE_CHARS
        given = self.rng.choice(pool)
        if self.rng.random() < 0.7:
            given += self.rng.choice(pool)
        return self.rng.choice(SURNAMES) + given

    def id_number(self, region: str, birth: datetime.date, gender: str) -> str:
        for _ in range(1000):
            seq = self.rng.randrange(0, 1000)
            if (seq % 2 == 1) != (gender == "male"):
                seq = (seq + 1) % 1000
            first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
            number = first17 + check_char(first17)
            if number not in self.used:
                self.used.add(number)
                return number
        raise RuntimeError("no free ID number for that region and birth date")

    def birth_date(self, oldest_year: int, youngest_year: int) -> datetime.date:
        start = datetime.date(oldest_year, 1, 1)
        span = (datetime.date(youngest_year, 12, 31) - start).days
        return start + datetime.timedelta(days=self.rng.randrange(span + 1))

    def phone(self) -> str:
        return self.rng.choice(["13", "15", "18", "17", "19"]) + f"{self.rng.randrange(10**9):09d}"

    def gender(self, male_share: float = 0.5) -> str:
        return "male" if self.rng.random() < male_share else "female"
