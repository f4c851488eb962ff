"""Fill empty msgstr entries of a .po file from a dict (enough for our single-line msgids)."""

import re


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fill(path, table: dict) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    out, i, filled = [], 0, 0
    while i < len(lines):
        line = lines[i]
        match = re.match(r'^msgid "(.*)"$', line)
        if match and match.group(1):
            msgid = match.group(1).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            value = table.get(msgid)
            out.append(line)
            i += 1
            if i < len(lines) and lines[i].startswith("msgid_plural"):
                out.append(lines[i])
                i += 1
                forms = value if isinstance(value, tuple) else None
                while i < len(lines) and lines[i].startswith("msgstr["):
                    n = int(lines[i][7])
                    out.append(f"msgstr[{n}] {_quote(forms[n])}" if forms and lines[i].endswith('""') else lines[i])
                    i += 1
                filled += bool(forms)
                continue
            if i < len(lines) and lines[i] == 'msgstr ""' and isinstance(value, str):
                out.append(f"msgstr {_quote(value)}")
                filled += 1
                i += 1
                continue
            continue
        out.append(line)
        i += 1
    text = "\n".join(out) + "\n"
    text = text.replace("#, fuzzy\n", "")
    path.write_text(text, encoding="utf-8")
    print(f"filled {filled} entries")
