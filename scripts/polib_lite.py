"""Set msgstr entries of a .po file from a dict (enough for our single-line msgids).

Keys are msgids, or "context\\x04msgid" for entries with a msgctxt; a tuple gives plural forms.
Entries in the table always take the table's text (and lose a `fuzzy` flag); others are left.
"""

import re

_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$')


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fill(path, table: dict) -> None:
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    filled = 0
    out = []
    for block in blocks:
        lines = block.split("\n")
        fields = {}
        for line in lines:
            match = _LINE.match(line)
            if match:
                fields[match.group(1)] = _unquote(match.group(2))
        msgid = fields.get("msgid")
        key = f"{fields['msgctxt']}\x04{msgid}" if "msgctxt" in fields else msgid
        value = table.get(key) if msgid else None
        if value is not None:
            new = []
            for line in lines:
                if line.startswith("#,") and "fuzzy" in line:
                    flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
                    if flags:
                        new.append("#, " + ", ".join(flags))
                    continue
                if line.startswith("#| "):
                    continue
                match = _LINE.match(line)
                if match and match.group(1) == "msgstr" and isinstance(value, str):
                    line = f"msgstr {_quote(value)}"
                elif match and match.group(1).startswith("msgstr[") and isinstance(value, tuple):
                    n = int(match.group(1)[7:-1])
                    line = f"{match.group(1)} {_quote(value[n])}"
                new.append(line)
            lines = new
            filled += 1
        out.append("\n".join(lines))
    path.write_text("\n\n".join(out), encoding="utf-8")
    print(f"set {filled} entries")
