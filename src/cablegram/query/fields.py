"""What each ``field:value`` means: the field table and the reading of each value.

Every value is checked and canonicalised here, at parse time, so a mistyped level or date is
reported against the column the user typed it in rather than silently matching nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from cablegram.model import Classification
from cablegram.query import canon
from cablegram.query.errors import QueryError
from cablegram.query.lexer import Token
from cablegram.query.nodes import (
    DateRange,
    Filter,
    LevelRange,
    Phrase,
    Prefix,
    QueryNode,
    Term,
)

_ALIASES = {
    "tag": "tag", "tags": "tag",
    "origin": "origin", "from_post": "origin", "post": "origin",
    "class": "class", "classification": "class",
    "caveat": "caveat", "caveats": "caveat",
    "from": "from", "to": "to", "year": "year",
    "signer": "signer", "signers": "signer",
    "classifiedby": "classifiedby", "classified_by": "classifiedby",
    "ref": "ref", "refs": "ref", "cites": "ref",
    "reason": "reason", "reasons": "reason",
    "para": "para", "decl": "decl", "id": "id", "subject": "subject",
}  # fmt: skip
KNOWN_FIELDS = (
    "tag", "origin", "class", "caveat", "from", "to", "year", "signer", "classifiedby",
    "ref", "reason", "para", "decl", "id", "subject",
)  # fmt: skip
_COMPARABLE = frozenset({"class", "year"})


def field_node(token: Token, text: str) -> QueryNode:
    """The node for one ``name<op>value`` token, or a QueryError pointing at the bad part."""
    name = _ALIASES.get(token.name.lower())
    if name is None:
        known = ", ".join(f"{f}:" for f in KNOWN_FIELDS)
        raise QueryError(f"unknown field '{token.name}'; known fields: {known}", token.pos, text)
    if token.op not in (":", "=") and name not in _COMPARABLE:
        raise QueryError(f"'{token.op}' works only with class and year", token.pos, text)
    value = token.text.strip()
    if not value:
        raise QueryError(f"{name}: needs a value", token.value_pos, text)
    return _READERS[name](name, value, token, text)


def _error(message: str, token: Token, text: str) -> QueryError:
    return QueryError(message, token.value_pos, text)


def _text(name: str, value: str, token: Token, text: str) -> QueryNode:
    if not any(ch.isalnum() for ch in value):
        raise _error(f"{name}: has no letters or digits to search for", token, text)
    if token.quoted:
        return Phrase(value, name)
    star = value.find("*")
    if star >= 0 and star != len(value) - 1:
        raise QueryError("'*' may only end a word (prefix*)", token.value_pos + star, text)
    if star >= 0:
        return prefix(value[:-1], name, token.value_pos, text)
    return Term(value, name)


def prefix(stem: str, field: str | None, pos: int, text: str) -> Prefix:
    """``stem*``; one plain word of two characters or more, so it cannot expand to everything."""
    if not stem.isalnum():
        raise QueryError("a prefix must be one plain word (letters, digits) before '*'", pos, text)
    if len(stem) < 2:
        raise QueryError("a prefix needs at least two letters or digits before '*'", pos, text)
    return Prefix(stem.lower(), field)


def _keyword(normalise: Callable[[str], str]) -> Callable[[str, str, Token, str], QueryNode]:
    def read(name: str, value: str, token: Token, text: str) -> QueryNode:
        if "*" in value:
            raise _error(f"{name}: takes an exact value, not a wildcard", token, text)
        return Filter(name, (normalise(value),))

    return read


def _reason(name: str, value: str, token: Token, text: str) -> QueryNode:
    letter = canon.reason_letter(value)
    if letter:
        return Filter(name, (f"1.4({letter})", f"1.5({letter})"))
    return Filter(name, (canon.reason(value),))


def _para(name: str, value: str, token: Token, text: str) -> QueryNode:
    return Filter(name, (_level(value, token, text).short,))


def _class(name: str, value: str, token: Token, text: str) -> QueryNode:
    lvl = int(_level(value, token, text))
    top = int(max(Classification))
    low, high = {
        ":": (lvl, lvl), "=": (lvl, lvl), ">=": (lvl, top), "<=": (0, lvl),
        ">": (lvl + 1, top), "<": (0, lvl - 1),
    }[token.op]  # fmt: skip
    if low > high:
        raise QueryError(f"no level is {token.op} {value}", token.pos, text)
    return LevelRange(low, high)


def _level(value: str, token: Token, text: str) -> Classification:
    found = canon.level(value)
    if found is None:
        raise _error(
            f"unknown classification '{value}'; use u, sbu, c, s, ts or their names", token, text
        )
    return found


def _period(value: str, token: Token, text: str) -> tuple[date, date]:
    found = canon.period(value)
    if found is None:
        raise _error(
            f"'{value}' is not a date: use 2006, 2006-05 or 2006-05-23"
            f" (years {canon.YEARS.start}-{canon.YEARS.stop - 1})",
            token,
            text,
        )
    return found


def _from(name: str, value: str, token: Token, text: str) -> QueryNode:
    return DateRange(_period(value, token, text)[0], None)


def _to(name: str, value: str, token: Token, text: str) -> QueryNode:
    return DateRange(None, _period(value, token, text)[1])


def _year(name: str, value: str, token: Token, text: str) -> QueryNode:
    if not (value.isdigit() and len(value) == 4):
        raise _error(f"'{value}' is not a year: use four digits, like 2006", token, text)
    first, last = _period(value, token, text)
    if token.op == ">":
        return DateRange(date(first.year + 1, 1, 1), None)
    if token.op == "<":
        return DateRange(None, date(first.year - 1, 12, 31))
    return {
        ":": DateRange(first, last), "=": DateRange(first, last),
        ">=": DateRange(first, None), "<=": DateRange(None, last),
    }[token.op]  # fmt: skip


def _id(name: str, value: str, token: Token, text: str) -> QueryNode:
    if "*" in value:
        raise _error(f"{name}: takes an exact id, not a wildcard", token, text)
    try:
        return Filter(name, (canon.cable_id(value),))
    except ValueError:
        raise _error(f"'{value}' is not a cable id (like 05ALMATY4143)", token, text) from None


_READERS: dict[str, Callable[[str, str, Token, str], QueryNode]] = {
    "tag": _keyword(canon.tag),
    "origin": _keyword(canon.station),
    "caveat": _keyword(canon.caveat),
    "ref": _id,
    "id": _id,
    "decl": _keyword(canon.decl),
    "reason": _reason,
    "para": _para,
    "class": _class,
    "from": _from,
    "to": _to,
    "year": _year,
    "signer": _text,
    "classifiedby": _text,
    "subject": _text,
}
