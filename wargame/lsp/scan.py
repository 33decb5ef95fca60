"""A forgiving scan of campaign TOML for the editor: every key and value with its place, even while the text does not parse.

`tomllib` gives values without positions and gives up at the first error, and a file being typed
is rarely valid. This scanner never raises: it reads headers, dotted keys, strings, inline tables
and arrays as far as they make sense, and records each key and each value with the path of keys
that leads to it (`("moves", "requires", "min_rung")`, array indices left out, as `keys.key_at`
takes it) and its line and columns.
"""

from __future__ import annotations

import bisect
import re

import attrs

_BARE = re.compile("[A-Za-z0-9_\u2063-]+")  # with the cursor marker, so a key being typed stays one key
_SCALAR_END = re.compile(r"[,\]}\n#]")
_BLANK = re.compile(r"[ \t\r]*")
_BLANK_LINES = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")


@attrs.frozen
class Item:
    """A key or a value as written, and where."""

    kind: str
    """"key" (a key, in a header or before `=`), "string" (a quoted value) or "value" (any other value)."""
    path: tuple[str, ...]
    """For a key, the keys from the top of the file to it, itself included; for a value, to its key."""
    text: str
    """A key's name or a string's content (without quotes), or a bare value as written."""
    line: int
    """0-based, as the language server protocol counts."""
    start: int
    """The column of the first character of `text` (inside the quotes for a string)."""
    end: int
    """The column after its last character on `line`."""
    header: bool = False
    """A key of a `[table]` or `[[array]]` header."""
    complete: bool = True
    """False for a key with no `=` after it yet (being typed), or a string without its closing quote."""


class _Scanner:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.items: list[Item] = []
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line, offset - self.line_starts[line]

    def add(self, kind: str, path: tuple[str, ...], text: str, start: int, end: int, **kw) -> None:
        line, col = self.where(start)
        end_line, end_col = self.where(end)
        if end_line != line:  # a multi-line string: only its first line is placed
            end_col = len(self.s[self.line_starts[line] :].split("\n", 1)[0])
        self.items.append(Item(kind, path, text, line, col, end_col, **kw))

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.s[j] if j < len(self.s) else ""

    def blank(self, newlines: bool) -> None:
        """Skip spaces (and, with `newlines`, line ends and comments)."""
        self.i = (_BLANK_LINES if newlines else _BLANK).match(self.s, self.i).end()

    def to_line_end(self) -> None:
        end = self.s.find("\n", self.i)
        self.i = len(self.s) if end < 0 else end

    def key(self, base: tuple[str, ...], header: bool = False) -> tuple[str, ...] | None:
        """A dotted key at the cursor, each name recorded under `base`; None when there is none."""
        names: list[str] = []
        while True:
            self.blank(False)
            c = self.peek()
            if c in ("\"", "'"):
                close = self.s.find(c, self.i + 1)
                line_end = self.s.find("\n", self.i)
                line_end = len(self.s) if line_end < 0 else line_end
                if close < 0 or close > line_end:
                    close = line_end
                name, start, self.i = self.s[self.i + 1 : close], self.i + 1, min(close + 1, line_end)
            else:
                bare = _BARE.match(self.s, self.i)
                if not bare:
                    break
                name, start, self.i = bare[0], bare.start(), bare.end()
            names.append(name)
            self.add("key", base + tuple(names), name, start, start + len(name), header=header)
            self.blank(False)
            if self.peek() != ".":
                break
            self.i += 1
        return tuple(names) if names else None

    def statement_key(self, base: tuple[str, ...]) -> tuple[str, ...] | None:
        """A key before `=`; a key not followed by `=` is marked incomplete (it is being typed)."""
        first = len(self.items)
        names = self.key(base)
        if names is None:
            return None
        self.blank(False)
        if self.peek() != "=":
            self.items[first:] = [attrs.evolve(item, complete=False) for item in self.items[first:]]
            return None
        self.i += 1
        return names

    def string(self, path: tuple[str, ...]) -> None:
        quote = self.peek()
        if self.s.startswith(quote * 3, self.i):
            close = self.s.find(quote * 3, self.i + 3)
            start = self.i + 3
            end = len(self.s) if close < 0 else close
            self.add("string", path, self.s[start:end], start, end, complete=close >= 0)
            self.i = len(self.s) if close < 0 else close + 3
            return
        j = self.i + 1
        while j < len(self.s) and self.s[j] not in (quote, "\n"):
            j += 2 if quote == '"' and self.s[j] == "\\" else 1
        j = min(j, len(self.s))
        closed = j < len(self.s) and self.s[j] == quote
        self.add("string", path, self.s[self.i + 1 : j], self.i + 1, j, complete=closed)
        self.i = j + 1 if closed else j

    def value(self, path: tuple[str, ...], depth: int = 0) -> None:
        self.blank(False)
        c = self.peek()
        if c in ("\"", "'"):
            self.string(path)
        elif c == "{" and depth < 32:
            self.i += 1
            while self.i < len(self.s):
                self.blank(True)
                if self.peek() == "}":
                    self.i += 1
                    return
                before = self.i
                names = self.statement_key(path)
                if names is not None:
                    self.value(path + names, depth + 1)
                self.blank(True)
                if self.peek() == ",":
                    self.i += 1
                elif self.peek() == "}":
                    self.i += 1
                    return
                elif self.i == before or names is None:
                    return  # not an inline table any more: let the statement loop go on
        elif c == "[" and depth < 32:
            self.i += 1
            while self.i < len(self.s):
                self.blank(True)
                if self.peek() == "]":
                    self.i += 1
                    return
                before = self.i
                self.value(path, depth + 1)
                self.blank(True)
                if self.peek() == ",":
                    self.i += 1
                elif self.peek() == "]":
                    self.i += 1
                    return
                elif self.i == before or self.peek() in ("[", ""):
                    return
        else:
            end = _SCALAR_END.search(self.s, self.i)
            end_at = len(self.s) if end is None else end.start()
            text = self.s[self.i : end_at].rstrip()
            if text:
                self.add("value", path, text, self.i, self.i + len(text))
                self.i += len(text)
            elif c not in ("\n", ""):
                self.i += 1

    def run(self) -> list[Item]:
        table: tuple[str, ...] = ()
        while self.i < len(self.s):
            self.blank(True)
            if self.i >= len(self.s):
                break
            before = self.i
            if self.peek() == "[":
                self.i += 2 if self.peek(1) == "[" else 1
                names = self.key((), header=True)
                table = names or ()
                self.to_line_end()
            else:
                names = self.statement_key(table)
                if names is not None:
                    self.value(table + names)
            self.blank(False)
            if self.peek() == "#":
                self.to_line_end()
            if self.peek() not in ("\n", ""):
                self.to_line_end()  # whatever is left on the line cannot be read: the next line may
            if self.i == before:
                self.i += 1
        return self.items


def scan(text: str) -> list[Item]:
    """Every key and value of `text` with its path and place; never raises on bad TOML."""
    return _Scanner(text).run()


CURSOR = "\u2063"
"""Put where the editor's cursor is, it becomes part of the key or value being typed (an invisible separator)."""


def at_cursor(text: str, line: int, col: int) -> tuple[Item, str] | None:
    """The key or value the cursor is in, and what is typed of it before the cursor.

    The text is scanned with a marker at the cursor, so a key being typed (`cos|`), a value just
    begun (`min_rung = "st|`) or nothing yet after `=` are all found with their path.
    """
    lines = text.split("\n")
    if line >= len(lines):
        return None
    here = lines[line]
    col = min(col, len(here))
    marked = "\n".join([*lines[:line], here[:col] + CURSOR + here[col:], *lines[line + 1 :]])
    for item in _Scanner(marked).run():
        if item.line == line and CURSOR in item.text:
            typed = item.text.split(CURSOR)[0]
            clean = attrs.evolve(item, text=item.text.replace(CURSOR, ""), end=item.end - len(CURSOR), path=tuple(p.replace(CURSOR, "") for p in item.path))
            return clean, typed
    return None


def item_at(items: list[Item], line: int, col: int) -> Item | None:
    """The item under the cursor, whose text spans `col` on `line` (its end included)."""
    for item in items:
        if item.line == line and item.start <= col <= item.end:
            return item
    return None
