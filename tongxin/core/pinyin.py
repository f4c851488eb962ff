"""Search keys for Chinese names: full pinyin and initials ("张三丰" -> "zhangsanfeng", "zsf")."""

import re

from pypinyin import Style, lazy_pinyin

_NON_ALNUM = re.compile(r"[^a-z0-9]")


def name_keys(name: str) -> tuple[str, str]:
    syllables = lazy_pinyin(name, style=Style.NORMAL, errors="ignore", v_to_u=False)
    syllables = [_NON_ALNUM.sub("", s.lower()) for s in syllables]
    syllables = [s for s in syllables if s]
    return "".join(syllables), "".join(s[0] for s in syllables)
