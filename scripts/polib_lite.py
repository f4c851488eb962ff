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
        current = None
        for line in lines:
            match = _LINE.match(line)
            if match:
                current = match.group(1)
                fields[current] = _unquote(match.group(2))
            elif current and line.startswith('"') and line.endswith('"'):
                fields[current] += _unquote(line[1:-1])  # a wrapped long string continues here
            else:
                current = None
        msgid = fields.get("msgid")
        key = f"{fields['msgctxt']}\x04{msgid}" if "msgctxt" in fields else msgid
        value = table.get(key) if msgid else None
        if value is not None:
            new = []
            skipping = False
            for line in lines:
                if line.startswith("#,") and "fuzzy" in line:
                    flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
                    if flags:
                        new.append("#, " + ", ".join(flags))
                    continue
                if line.startswith("#| "):
                    continue
                match = _LINE.match(line)
                if skipping and line.startswith('"'):
                    continue  # continuation of the msgstr being replaced
                skipping = False
                if match and match.group(1) == "msgstr" and isinstance(value, str):
                    line = f"msgstr {_quote(value)}"
                    skipping = True
                elif match and match.group(1).startswith("msgstr[") and isinstance(value, tuple):
                    n = int(match.group(1)[7:-1])
                    line = f"{match.group(1)} {_quote(value[n])}"
                new.append(line)
            lines = new
            filled += 1
        out.append("\n".join(lines))
    path.write_text("\n\n".join(out), encoding="utf-8")
    print(f"set {filled} entries")
