"""TOML syntax errors in plain words: which key, which lines, which invisible character, and what to do.

`tomllib` stops at the first error with a terse text ("Cannot overwrite a value", "Invalid
value") and a position. `explain` turns that into what an instructor can act on. It reads the
text with a small, forgiving scanner of statements (headers and `key =` lines) that never raises:
the file has an error, so the scanner must cope with anything and fall back to tomllib's words.
"""

from __future__ import annotations

import re

import attrs

# Characters a word processor or a web page puts where TOML needs plain ASCII, named as Unicode
# names them, with what to write instead.
_SPACE = "replace it with a plain space"
_QUOTE = 'use straight quotes ("…" or \'…\'), as a plain-text editor types them'
_DASH = 'use a plain hyphen-minus "-"'
SUSPECTS = {
    "\u00a0": ("a non-breaking space (U+00A0)", _SPACE),
    "\u202f": ("a narrow non-breaking space (U+202F)", _SPACE),
    "\u2007": ("a figure space (U+2007)", _SPACE),
    "\u2009": ("a thin space (U+2009)", _SPACE),
    "\u3000": ("an ideographic space (U+3000)", _SPACE),
    "\u200b": ("a zero-width space (U+200B)", "delete it"),
    "\u200c": ("a zero-width non-joiner (U+200C)", "delete it"),
    "\u200d": ("a zero-width joiner (U+200D)", "delete it"),
    "\u2060": ("a word joiner (U+2060)", "delete it"),
    "\ufeff": ("a zero-width no-break space (U+FEFF)", "delete it"),
    "\u201c": ("a left double quotation mark “ (U+201C)", _QUOTE),
    "\u201d": ("a right double quotation mark ” (U+201D)", _QUOTE),
    "\u201e": ("a low double quotation mark „ (U+201E)", _QUOTE),
    "\u2018": ("a left single quotation mark ‘ (U+2018)", _QUOTE),
    "\u2019": ("a right single quotation mark ’ (U+2019)", _QUOTE),
    "\u00ab": ("a left-pointing guillemet « (U+00AB)", _QUOTE),
    "\u00bb": ("a right-pointing guillemet » (U+00BB)", _QUOTE),
    "\u2013": ("an en dash – (U+2013)", _DASH),
    "\u2014": ("an em dash — (U+2014)", _DASH),
    "\u2212": ("a minus sign − (U+2212)", _DASH),
}

_BARE = re.compile(r"[A-Za-z0-9_-]+")


@attrs.frozen
class Statement:
    """One header or `key = value` of a TOML text, as far as the scanner could read it."""

    line: int
    col: int
    kind: str
    """ "table" for `[a.b]`, "array" for `[[a.b]]`, "key" for `a.b = value`."""
    names: tuple[str, ...]
    """The key's names from the top of the file, header included: ("teams", "doctrine", "escalation")."""
    path: tuple
    """The same with the index of each array-of-tables entry: ("teams", 0, "doctrine", "escalation")."""
    text: str
    """The statement's first line as written, without indentation or a trailing comment."""
    header: Statement | None = None
    """For a key, the header whose table it belongs to (None at the top of the file)."""


def _key(s: str, i: int) -> tuple[tuple[str, ...], int] | None:
    """The dotted key starting at s[i], and where it ends; None when none can be read there."""
    names: list[str] = []
    while True:
        while i < len(s) and s[i] in " \t":
            i += 1
        if i < len(s) and s[i] in "\"'":
            end = s.find(s[i], i + 1)
            while end > 0 and s[i] == '"' and s[end - 1] == "\\":
                end = s.find('"', end + 1)
            if end < 0:
                return None
            names.append(s[i + 1 : end])
            i = end + 1
        else:
            bare = _BARE.match(s, i)
            if not bare:
                return None
            names.append(bare[0])
            i = bare.end()
        while i < len(s) and s[i] in " \t":
            i += 1
        if i < len(s) and s[i] == ".":
            i += 1
            continue
        return tuple(names), i


def _skip_value(text: str, i: int) -> int:
    """The index of the newline that ends the value starting at text[i] (or the end of the text)."""
    depth = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if text.startswith('"""', i) or text.startswith("'''", i):
            quote = text[i : i + 3]
            j = i + 3
            while True:
                j = text.find(quote, j)
                if j < 0:
                    return n
                if quote == '"""' and _escaped(text, j):
                    j += 1
                    continue
                break
            i = j + 3
            while i < n and text[i] == quote[0]:  # up to two quotes may end the content
                i += 1
            continue
        if ch in "\"'":
            j = i + 1
            while j < n and text[j] != "\n" and not (text[j] == ch and not (ch == '"' and _escaped(text, j))):
                j += 1
            if j >= n or text[j] == "\n":
                return j  # never closed: the value ends with its line
            i = j + 1
            continue
        if ch == "#":
            j = text.find("\n", i)
            if j < 0 or depth == 0:
                return n if j < 0 else j
            i = j
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth = max(0, depth - 1)
        elif ch == "\n" and depth == 0:
            return i
        i += 1
    return n


def _escaped(text: str, j: int) -> bool:
    """Whether text[j] follows an odd number of backslashes."""
    k = j
    while k > 0 and text[k - 1] == "\\":
        k -= 1
    return (j - k) % 2 == 1


def statements(text: str) -> list[Statement]:
    """Every header and key of `text` that the scanner can read, in order; never raises."""
    out: list[Statement] = []
    arrays: dict[tuple, int] = {}  # an array of tables, by its resolved path -> index of its last entry

    def resolve(names: tuple[str, ...]) -> tuple:
        path: tuple = ()
        for name in names:
            path += (name,)
            if path in arrays:
                path += (arrays[path],)
        return path

    header: Statement | None = None
    table_names: tuple[str, ...] = ()
    table_path: tuple = ()
    pos, line, n = 0, 1, len(text)
    while pos < n:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        raw = text[pos:end]
        stripped = raw.lstrip(" \t")
        col = len(raw) - len(stripped) + 1
        shown = stripped.split(" #")[0].rstrip()
        next_pos = end + 1
        if stripped.startswith("[["):
            found = _key(stripped, 2)
            if found:
                names = found[0]
                parent = resolve(names[:-1])
                array = parent + (names[-1],)
                arrays[array] = arrays.get(array, -1) + 1
                table_names, table_path = names, array + (arrays[array],)
                # Sub-arrays of an earlier entry start afresh under the new one.
                for key in [k for k in arrays if len(k) > len(table_path) and k[: len(table_path)] == table_path]:
                    del arrays[key]
                header = Statement(line, col, "array", names, table_path, shown)
                out.append(header)
        elif stripped.startswith("["):
            found = _key(stripped, 1)
            if found:
                table_names, table_path = found[0], resolve(found[0])
                header = Statement(line, col, "table", table_names, table_path, shown)
                out.append(header)
        elif stripped and not stripped.startswith("#"):
            found = _key(stripped, 0)
            if found and found[1] < len(stripped) and stripped[found[1]] == "=":
                names = found[0]
                out.append(Statement(line, col, "key", table_names + names, table_path + names, shown, header))
                value_start = pos + (len(raw) - len(stripped)) + found[1] + 1
                value_end = _skip_value(text, value_start)
                line += text.count("\n", pos, value_end)
                next_pos = value_end + 1
                pos = next_pos
                line += 1
                continue
        pos = next_pos
        line += 1
    return out


def _where(s: Statement) -> str:
    """The table a key statement belongs to, in words."""
    if s.header is None:
        return "at the top level of the file"
    return f"in the {s.header.text} table that starts at line {s.header.line}"


def _dotted(names: tuple[str, ...]) -> str:
    return ".".join(n if _BARE.fullmatch(n) else f'"{n}"' for n in names)


def _related(a: tuple, b: tuple) -> bool:
    """Whether one path is the other or lies inside it: two definitions that cannot both stand."""
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def _conflict(text: str, line: int) -> tuple[int, int, str] | None:
    """A key or table defined twice, in words, at the statement on `line`; None when it cannot be read."""
    found = statements(text)
    here_at = [i for i, s in enumerate(found) if s.line <= line]
    if not here_at:
        return None
    here = found[here_at[-1]]
    earlier_ones = found[: here_at[-1]]
    if here.kind == "key":
        earlier = next((s for s in earlier_ones if s.kind == "key" and _related(s.path, here.path)), None)
        if earlier is None:
            earlier = next((s for s in earlier_ones if s.kind != "key" and _related(s.path, here.path)), None)
        if earlier is None:
            return None
        key = _dotted(here.names[len(here.header.names) if here.header else 0 :])
        if earlier.kind == "key" and earlier.path == here.path:
            message = f'"{key}" is set twice {_where(here)}: first at line {earlier.line}, again at line {here.line}; a key may appear only once in a table, so delete one'
            if here.header is not None and here.header.kind == "array":
                message += f" (if the second belongs to another entry, start that entry with {here.header.text} first)"
            return here.line, here.col, message
        if earlier.kind == "key" and len(earlier.path) < len(here.path):
            return here.line, here.col, (
                f'line {earlier.line} set {earlier.text}, a value, so "{key}" cannot add keys to it; '
                "keep one of the two"
            )
        if earlier.kind == "key":
            return here.line, here.col, (
                f'line {earlier.line} ({earlier.text}) already made "{key}" a table of keys, '
                f'so "{key} = …" cannot set it again; put all its keys in one place'
            )
        return here.line, here.col, (
            f'"{key}" is already a table, declared by {earlier.text} at line {earlier.line}; '
            "write its keys under that header"
        )
    name = _dotted(here.names)
    # A header above whose table encloses this one is no conflict ([[teams]] then [teams.doctrine]).
    earlier = next(
        (
            s for s in earlier_ones
            if s.names[: len(here.names)] == here.names
            or (s.kind == "key" and s.names == here.names[: len(s.names)])
        ),
        None,
    )
    if earlier is None:
        return None
    if here.kind == "array" and earlier.kind == "table" and earlier.names == here.names:
        message = (
            f'{here.text} adds an entry to a list of "{name}", but line {earlier.line} made "{name}" a single table '
            f"with {earlier.text}: write [[{name}]] there too (two brackets start each entry of a list, one bracket a single table)"
        )
    elif here.kind == "table" and earlier.kind == "array" and earlier.names == here.names:
        message = (
            f'{here.text} makes "{name}" a single table, but line {earlier.line} already started a list of them '
            f"with {earlier.text}: write [[{name}]] to add another entry (two brackets start each entry of a list)"
        )
    elif here.kind == "table" and earlier.kind == "table" and earlier.names == here.names:
        message = (
            f"{here.text} is declared twice (first at line {earlier.line}); a table can be declared once: "
            f"merge the two, or write [[{name}]] for both if you meant a list of entries"
        )
    elif earlier.kind == "key" and len(earlier.names) <= len(here.names):
        message = (
            f'{here.text} declares a table, but line {earlier.line} already set "{_dotted(earlier.names)}" '
            f"to a value ({earlier.text}); keep one of the two"
        )
    elif earlier.kind == "key":
        message = (
            f'{here.text} declares "{name}", but line {earlier.line} already created it with the dotted key '
            f"{earlier.text}; move that key under {here.text}"
        )
    else:
        message = f'{here.text} conflicts with {earlier.text} at line {earlier.line}: "{name}" is defined twice'
    return here.line, here.col, message


def _outside_strings(line: str):
    """(index, character) of each character of one line outside quoted strings and comments."""
    quote = ""
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return
        else:
            yield i, ch
        i += 1


def _suspect(lines: list[str], line: int) -> tuple[int, int, str] | None:
    """A typographic or invisible character on `line` where TOML cannot take it, in words."""
    if not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    for i, ch in _outside_strings(text):
        if ch in SUSPECTS:
            name, fix = SUSPECTS[ch]
            return line, i + 1, f"{name} here, as word processors and web pages paste it; TOML cannot read it outside quotes: {fix}"
    return None


def _unclosed_quote(text_line: str) -> int | None:
    """The index of the quote that opens a string never closed on this line."""
    quote, start = "", None
    i = 0
    while i < len(text_line):
        ch = text_line[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote, start = "", None
        elif ch in "\"'":
            quote, start = ch, i
        elif ch == "#":
            break
        i += 1
    return start if quote else None


def _shown(ch: str) -> str:
    """A character quoted for a message, in the quotes it is not."""
    if not ch:
        return "the end of the line"
    return f"'{ch}'" if ch == '"' else f'"{ch}"'


def _token(text_line: str, index: int) -> str:
    match = re.match(r"[^\s,\]\}#]*", text_line[index:])
    return match[0] if match else ""


def explain(text: str, message: str, line: int | None, col: int | None) -> tuple[int | None, int | None, str]:
    """tomllib's `message` at (line, col) as a plain cause and what to do, at the place to look."""
    lines = text.split("\n")
    if line is None:
        if message.startswith(("Unterminated string", "Expected \"'\"", "Expected '\"'")):
            for quote in ('"""', "'''"):
                if text.count(quote) % 2:
                    opened = text.rindex(quote)
                    at = text.count("\n", 0, opened) + 1
                    col_at = opened - (text.rfind("\n", 0, opened) + 1) + 1
                    return at, col_at, f"the multi-line string opened here with {quote} is never closed: add {quote} where it ends"
            for at, text_line in enumerate(lines, 1):
                start = _unclosed_quote(text_line)
                if start is not None:
                    return at, start + 1, (
                        f"the string opened here with {text_line[start]} is never closed: add its closing {text_line[start]}"
                    )
            return None, None, "a string is never closed: it runs to the end of the file; add its closing quote"
        return None, None, message
    suspect = _suspect(lines, line)
    if suspect:
        return suspect
    here = lines[line - 1] if 1 <= line <= len(lines) else ""
    index = (col or 1) - 1
    ch = here[index] if index < len(here) else ""
    if message.startswith(("Cannot overwrite a value", "Cannot declare", "Cannot mutate immutable namespace", "Cannot redefine namespace")):
        explained = _conflict(text, line)
        if explained:
            return explained
        if message.startswith("Cannot mutate immutable namespace"):
            return line, col, "this adds to a table written inline as { … } earlier, which cannot be extended: put every key inside the braces, or write it as a [table]"
        return line, col, "this key or table is defined a second time: look above for an earlier definition of the same name"
    if message.startswith("Invalid value"):
        token = _token(here, index)
        if not token:
            return line, col, 'a value is missing after "="'
        if token.startswith("="):
            return line, col, 'one "=" too many: write key = value'
        if not token[0].isalpha():
            return line, col, (
                f'{token} is not a value TOML can read: text goes in quotes, numbers are written plain (3, 0.5), '
                "true/false in lower case"
            )
        if token in ("True", "False", "TRUE", "FALSE", "yes", "no", "Yes", "No", "on", "off"):
            return line, col, f"{token} is not a TOML value: write true or false, in lower case"
        return line, col, (
            f'{token} is not a value TOML can read: put text in quotes ("{token}"); numbers are written plain '
            "(3, 0.5) and true/false in lower case"
        )
    if message.startswith("Expected newline or end of document after a statement"):
        before = re.search(r"(-?\d+(?:\.\d+)?)\s*$", here[:index])
        if ch == "%" and before:
            value = float(before[1])
            return line, col, f'"%" cannot follow a number in TOML: write {value / 100:g} for {value:g}%'
        if ch == "," and before:
            return line, col, f'write decimals with a point, not a comma ({before[1]}.{_token(here, index + 1)}); a comma separates items only inside [ … ]'
        return line, col, (
            f'unexpected {_shown(ch)} after the value: each key = value goes on a line of its own, text goes in quotes, '
            "and a comment starts with #"
        )
    if message.startswith("Expected '=' after a key"):
        if ch.isalnum() and here[:index].rstrip() != here[:index]:
            key = here[: index].strip() + " " + _token(here, index)
            return line, col, (
                f'a key cannot contain spaces: write {key.replace(" ", "_")}, or put it in quotes ("{key}")'
            )
        return line, col, (
            f'expected "=" after the key, found {_shown(ch)}: a key is letters, digits, "_" and "-" '
            '(a key with spaces needs quotes), then "=", then the value'
        )
    if message.startswith("Expected ']' at the end of a table declaration"):
        return line, col, f'the table header {here.strip()} needs a closing "]"'
    if message.startswith("Expected ']]' at the end of an array declaration"):
        return line, col, f'expected "]]" to close {here.strip()}: a header that starts with [[ ends with ]]'
    if message.startswith("Illegal character '\\n'") or message.startswith("Unterminated string"):
        start = _unclosed_quote(here)
        if start is not None:
            return line, start + 1, (
                f"the string opened here with {here[start]} is never closed on its line: add its closing {here[start]} "
                '(text over several lines goes between """ and """)'
            )
        return line, col, "a string is never closed on its line: add its closing quote"
    if message.startswith("Illegal character"):
        code = f"U+{ord(ch):04X}" if ch else "a control character"
        return line, col, f"a control character ({code}) is not allowed in text: delete it"
    if message.startswith("Unclosed array"):
        return line, col, 'an array opened with "[" above is not closed: a "]" or a comma between items is missing'
    if message.startswith("Unclosed inline table"):
        return line, col, 'a table written inline as { … } must close with "}" on the same line'
    if message.startswith("Duplicate inline table key"):
        key = message.removeprefix("Duplicate inline table key ").strip()
        return line, col, f"{key} is set twice inside the same {{ … }}: delete one"
    if message.startswith(("Invalid hex value", "Unescaped '\\' in a string", "Escaped character")):
        return line, col, (
            r'a backslash starts an escape inside "double quotes": write \\ for a backslash, '
            "or put the text in 'single quotes', which take it as written"
        )
    if message.startswith("Invalid initial character for a key part"):
        if ch == "}":
            return line, col, 'a comma before "}" is not allowed in TOML: delete the last comma'
        return line, col, f'expected a key, found {_shown(ch)}: a key is letters, digits, "_" and "-" (quote any other)'
    if message.startswith("Invalid date or datetime"):
        return line, col, "not a real date or time (write dates as 2025-03-01); text goes in quotes"
    if message.startswith("Invalid statement"):
        return line, col, f'{_shown(ch)} cannot start a line: a line is a key = value, a [table] header or a # comment'
    return line, col, message
