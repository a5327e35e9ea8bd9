"""Splits a query into tokens that remember their column, so every error can point at one.

The rules are deliberately forgiving about what a word is (anything up to whitespace, a
parenthesis or a quote) and strict about structure (quotes and parentheses must balance).
Field values may contain balanced parentheses so that ``reason:1.4(d)`` stays one value
while ``(tag:KNNP)`` still closes its group.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from cablegram.query.errors import QueryError


class Kind(enum.Enum):
    WORD = "word"
    PREFIX = "prefix"
    PHRASE = "phrase"
    FIELD = "field"
    LPAREN = "("
    RPAREN = ")"
    OR = "OR"
    AND = "AND"
    NOT = "NOT"
    MINUS = "-"
    END = "end"


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str  # the word, phrase or field value; the operator for FIELD is in ``op``
    pos: int  # column of the token's first character
    name: str = ""  # FIELD: the field name as typed
    op: str = ""  # FIELD: one of : = >= <= > <
    value_pos: int = 0  # FIELD: column of the value
    quoted: bool = False  # FIELD: the value was in quotes


_FIELD = re.compile(r"([A-Za-z_]+)(>=|<=|:|=|>|<)")
_KEYWORDS = {"OR": Kind.OR, "AND": Kind.AND, "NOT": Kind.NOT}
_STOP = frozenset(' \t\r\n()"')


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == "(":
            tokens.append(Token(Kind.LPAREN, ch, i))
            i += 1
        elif ch == ")":
            tokens.append(Token(Kind.RPAREN, ch, i))
            i += 1
        elif ch == '"':
            value, end = _quoted(text, i)
            tokens.append(Token(Kind.PHRASE, value, i))
            i = end
        elif ch == "-" and _starts_term(text, i):
            tokens.append(Token(Kind.MINUS, ch, i))
            i += 1
        elif ch == "-":
            raise QueryError("'-' must be followed by what to exclude", i, text)
        else:
            token, i = _word_or_field(text, i)
            tokens.append(token)
    tokens.append(Token(Kind.END, "", n))
    return tokens


def _starts_term(text: str, i: int) -> bool:
    """A minus excludes only when something other than space or ')' follows it."""
    return i + 1 < len(text) and not text[i + 1].isspace() and text[i + 1] != ")"


def _quoted(text: str, start: int) -> tuple[str, int]:
    end = text.find('"', start + 1)
    if end < 0:
        raise QueryError("this quote is never closed", start, text)
    return text[start + 1 : end], end + 1


def _word_or_field(text: str, start: int) -> tuple[Token, int]:
    match = _FIELD.match(text, start)
    if match:
        return _field(text, start, match)
    end = start
    while end < len(text) and text[end] not in _STOP:
        end += 1
    word = text[start:end]
    if word in _KEYWORDS:
        return Token(_KEYWORDS[word], word, start), end
    star = word.find("*")
    if star >= 0 and star != len(word) - 1:
        raise QueryError("'*' may only end a word (prefix*)", start + star, text)
    if star >= 0:
        return Token(Kind.PREFIX, word[:-1], start), end
    return Token(Kind.WORD, word, start), end


def _field(text: str, start: int, match: re.Match[str]) -> tuple[Token, int]:
    name, op = match.group(1), match.group(2)
    value_pos = match.end()
    if value_pos < len(text) and text[value_pos] == '"':
        value, end = _quoted(text, value_pos)
        quoted = True
    else:
        value, end = _bare_value(text, value_pos)
        quoted = False
    token = Token(Kind.FIELD, value, start, name, op, value_pos, quoted)
    return token, end


def _bare_value(text: str, start: int) -> tuple[str, int]:
    depth, end = 0, start
    while end < len(text):
        ch = text[end]
        if ch.isspace() or ch == '"' or (ch == ")" and depth == 0):
            break
        depth += {"(": 1, ")": -1}.get(ch, 0)
        end += 1
    return text[start:end], end
