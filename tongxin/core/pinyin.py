"""Search keys for Chinese names: full pinyin and initials ("张三丰" -> "zhangsanfeng", "zsf")."""

import re

from pypinyin import Style, lazy_pinyin

_NON_ALNUM = re.compile(r"[^a-z0-9]")

# Surnames read differently from the character's everyday reading (曾 is zēng as a surname,
# not céng). Only the first character of a name is looked up here.
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao", "查": "zha",
    "乐": "yue", "尉": "yu", "覃": "qin", "缪": "miao", "翟": "zhai", "盖": "ge", "召": "shao",
    "曲": "qu", "折": "she", "重": "chong", "长": "chang", "燕": "yan", "华": "hua", "任": "ren",
    "种": "chong", "秘": "bi", "宓": "fu", "句": "gou", "纪": "ji", "莘": "shen", "谌": "chen",
    "员": "yun", "卜": "bu", "薄": "bo", "贲": "ben", "沈": "shen", "隗": "wei", "占": "zhan",
}  # fmt: skip


def _syllables(name: str) -> list[str]:
    syllables = lazy_pinyin(name, style=Style.NORMAL, errors="ignore", v_to_u=False)
    if name and name[0] in SURNAME_READINGS and syllables:
        syllables[0] = SURNAME_READINGS[name[0]]
    return [s for s in (_NON_ALNUM.sub("", s.lower()) for s in syllables) if s]


def name_keys(name: str) -> tuple[str, str]:
    syllables = _syllables(name)
    return "".join(syllables), "".join(s[0] for s in syllables)
