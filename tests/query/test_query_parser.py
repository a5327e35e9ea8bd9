"""The query language: each syntax to its tree, each malformed query to an error and a column."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest

from cablegram.query import (
    And,
    DateRange,
    Filter,
    LevelRange,
    MatchAll,
    Not,
    Or,
    Phrase,
    Prefix,
    QueryError,
    QueryNode,
    Term,
    parse_query,
)

T = Term
PARSES: list[tuple[str, QueryNode]] = [
    ("", MatchAll()),
    ("   ", MatchAll()),
    ("uranium", T("uranium")),
    ("Kazakhstan's", T("Kazakhstan's")),
    ("al-Qaida", T("al-Qaida")),
    ("india nuclear", And((T("india"), T("nuclear")))),
    ("india AND nuclear", And((T("india"), T("nuclear")))),
    ("a or b", And((T("a"), T("or"), T("b")))),  # only uppercase OR is an operator
    ("india OR pakistan", Or((T("india"), T("pakistan")))),
    ("a OR b OR c", Or((T("a"), T("b"), T("c")))),
    # OR binds tighter than the implicit AND
    ("india nuclear OR uranium", And((T("india"), Or((T("nuclear"), T("uranium")))))),
    ("(india nuclear) OR uranium", Or((And((T("india"), T("nuclear"))), T("uranium")))),
    ("((a))", T("a")),
    ("(a b) c", And((T("a"), T("b"), T("c")))),
    ('"civil nuclear cooperation"', Phrase("civil nuclear cooperation")),
    ('india "civil nuclear"', And((T("india"), Phrase("civil nuclear")))),
    ("-india", Not(T("india"))),
    ("NOT india", Not(T("india"))),
    ("nuclear -india", And((T("nuclear"), Not(T("india"))))),
    ('nuclear -"civil use"', And((T("nuclear"), Not(Phrase("civil use"))))),
    ("nuclear -(india OR pakistan)", And((T("nuclear"), Not(Or((T("india"), T("pakistan"))))))),
    ("a OR -b", Or((T("a"), Not(T("b"))))),
    ("nucl*", Prefix("nucl")),
    ("NUCL*", Prefix("nucl")),
    ("tag:KNNP", Filter("tag", ("KNNP",))),
    ("tag:knnp", Filter("tag", ("KNNP",))),
    ("TAGS:prel", Filter("tag", ("PREL",))),
    ('tag:"OBAMA, BARACK"', Filter("tag", ("OBAMA, BARACK",))),
    ("-tag:KNNP", Not(Filter("tag", ("KNNP",)))),
    ("(tag:KNNP)", Filter("tag", ("KNNP",))),
    ("origin:almaty", Filter("origin", ("ALMATY",))),
    ('origin:"rio de janeiro"', Filter("origin", ("RIODEJANEIRO",))),
    ("origin:secstate", Filter("origin", ("STATE",))),
    ("class:secret", LevelRange(3, 3)),
    ("class:s", LevelRange(3, 3)),
    ("class:C", LevelRange(2, 2)),
    ("class:u", LevelRange(0, 0)),
    ("class:unclassified", LevelRange(0, 0)),
    ("class:sbu", LevelRange(1, 1)),
    ("class:fouo", LevelRange(1, 1)),
    ('class:"limited official use"', LevelRange(1, 1)),
    ('class:"top secret"', LevelRange(4, 4)),
    ("class:top_secret", LevelRange(4, 4)),
    ("class>=confidential", LevelRange(2, 4)),
    ("class>c", LevelRange(3, 4)),
    ("class<secret", LevelRange(0, 2)),
    ("class<=sbu", LevelRange(0, 1)),
    ("classification=secret", LevelRange(3, 3)),
    ("caveat:noforn", Filter("caveat", ("NOFORN",))),
    ("caveat:nf", Filter("caveat", ("NOFORN",))),
    ("from:2005", DateRange(date(2005, 1, 1), None)),
    ("from:2005-01", DateRange(date(2005, 1, 1), None)),
    ("from:2005-01-15", DateRange(date(2005, 1, 15), None)),
    ("to:2006", DateRange(None, date(2006, 12, 31))),
    ("to:2006-12", DateRange(None, date(2006, 12, 31))),
    ("to:2008-02", DateRange(None, date(2008, 2, 29))),
    ("to:2006-11-05", DateRange(None, date(2006, 11, 5))),
    ("from:2005/3", DateRange(date(2005, 3, 1), None)),
    (
        "from:2005-01 to:2006-12",
        And((DateRange(date(2005, 1, 1), None), DateRange(None, date(2006, 12, 31)))),
    ),
    ("year:2006", DateRange(date(2006, 1, 1), date(2006, 12, 31))),
    ("year>=2006", DateRange(date(2006, 1, 1), None)),
    ("year>2006", DateRange(date(2007, 1, 1), None)),
    ("year<2006", DateRange(None, date(2005, 12, 31))),
    ("year<=2006", DateRange(None, date(2006, 12, 31))),
    ("signer:ordway", Term("ordway", "signer")),
    ('signer:"john ordway"', Phrase("john ordway", "signer")),
    ("classifiedby:wall", Term("wall", "classifiedby")),
    ("classified_by:wal*", Prefix("wal", "classifiedby")),
    ("ref:05STATE190856", Filter("ref", ("05STATE190856",))),
    ('ref:"05 STATE 190856"', Filter("ref", ("05STATE190856",))),
    ("ref:05STATE0190856", Filter("ref", ("05STATE190856",))),
    ("reason:1.4d", Filter("reason", ("1.4(d)",))),
    ("reason:1.4(d)", Filter("reason", ("1.4(d)",))),
    ("reason:1.4(D)", Filter("reason", ("1.4(d)",))),
    ("reason:1.5b", Filter("reason", ("1.5(b)",))),
    ("reason:d", Filter("reason", ("1.4(d)", "1.5(d)"))),
    ("(reason:1.4(d))", Filter("reason", ("1.4(d)",))),
    ("para:S", Filter("para", ("S",))),
    ("para:c", Filter("para", ("C",))),
    ("para:secret", Filter("para", ("S",))),
    ("para:sbu", Filter("para", ("SBU",))),
    ("decl:2015", Filter("decl", ("2015",))),
    ("decl:x1", Filter("decl", ("X1",))),
    ("decl:25x1", Filter("decl", ("25X1",))),
    ("decl:1.6x6", Filter("decl", ("X6",))),
    ("decl:oadr", Filter("decl", ("OADR",))),
    ("id:05ALMATY4143", Filter("id", ("05ALMATY4143",))),
    ("id:05almaty004143", Filter("id", ("05ALMATY4143",))),
    ("subject:nuclear", Term("nuclear", "subject")),
    ('subject:"civil nuclear"', Phrase("civil nuclear", "subject")),
    ("subject:nuc*", Prefix("nuc", "subject")),
    (
        "uranium tag:KNNP -origin:STATE class>=c",
        And(
            (
                T("uranium"),
                Filter("tag", ("KNNP",)),
                Not(Filter("origin", ("STATE",))),
                LevelRange(2, 4),
            )
        ),
    ),
    ("(tag:KNNP OR tag:PARM)", Or((Filter("tag", ("KNNP",)), Filter("tag", ("PARM",))))),
    ("12:30", T("12:30")),  # not a field: names are letters only
]


@pytest.mark.parametrize(("text", "expected"), PARSES, ids=[t or "<empty>" for t, _ in PARSES])
def test_parses(text: str, expected: QueryNode) -> None:
    assert parse_query(text) == expected


ERRORS: list[tuple[str, int, str]] = [
    ('"civil nuclear', 0, "never closed"),
    ('india "civil', 6, "never closed"),
    ('tag:"KNNP', 4, "never closed"),
    ("(india", 0, "never closed"),
    ("a (b (c)", 2, "never closed"),
    ("india)", 5, "closes nothing"),
    ("()", 0, "empty parentheses"),
    ("OR india", 0, "OR needs"),
    ("india OR", 6, "OR needs"),
    ("india OR OR pakistan", 6, "OR needs"),
    ("(india OR)", 7, "OR needs"),
    ("AND india", 0, "AND needs"),
    ("india AND", 6, "AND needs"),
    ("NOT", 0, "nothing to exclude"),
    ("india NOT", 6, "nothing to exclude"),
    ("india - pakistan", 6, "'-' must be followed"),
    ("india -", 6, "'-' must be followed"),
    ("tag:", 4, "needs a value"),
    ("india tag: KNNP", 10, "needs a value"),
    ('tag:""', 4, "needs a value"),
    ("colour:red", 0, "unknown field 'colour'"),
    ("india bogus:1", 6, "known fields: tag:"),
    ("class:purple", 6, "unknown classification"),
    ("class>ts", 0, "no level is >"),
    ("class<u", 0, "no level is <"),
    ("tag>=KNNP", 0, "works only with class and year"),
    ("from:2005-13", 5, "not a date"),
    ("from:05", 5, "not a date"),
    ("to:2005-02-30", 3, "not a date"),
    ("year:06", 5, "not a year"),
    ("year:2006-05", 5, "not a year"),
    ("year:9999", 5, "not a date"),
    ("from:0001", 5, "not a date"),
    ("to:2999-01", 3, "years 1700-2200"),
    ("ref:nonsense", 4, "not a cable id"),
    ("id:12345", 3, "not a cable id"),
    ("tag:KN*", 4, "exact value"),
    ("nu*clear", 2, "'*' may only end"),
    ("n*", 0, "at least two"),
    ("al-q*", 0, "one plain word"),
    ('""', 0, "no words"),
    ('"   "', 0, "no words"),
    ("india &", 6, "nothing to search for"),
    ("subject:...", 8, "no letters or digits"),
]


@pytest.mark.parametrize(("text", "position", "message"), ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_point_at_the_problem(text: str, position: int, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    error = caught.value
    assert message in error.message
    assert error.position == position
    assert error.text == text
    lines = str(error).split("\n")
    assert lines[0] == error.message
    assert lines[1] == "  " + text
    assert lines[2] == "  " + " " * position + "^"


def test_error_caret_stays_aligned_with_tabs() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query("india\t)")
    assert str(caught.value).split("\n")[1:] == ["  india )", "        ^"]


def test_query_error_is_a_value_error_and_pickles() -> None:
    import pickle

    error = QueryError("bad", 2, "a b")
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.message, copy.position, copy.text) == ("bad", 2, "a b")


def test_unknown_field_lists_every_field() -> None:
    from cablegram.query import KNOWN_FIELDS

    with pytest.raises(QueryError) as caught:
        parse_query("nope:1")
    for name in KNOWN_FIELDS:
        assert f"{name}:" in caught.value.message


@pytest.mark.parametrize(
    "text",
    ['"', "(", ")", "-", "*", ":", "tag:(", "a:b:c", "((((", "))))", '"\'"', "OR", "-(", "x:"],
)
def test_odd_input_raises_only_query_errors(text: str) -> None:
    with contextlib.suppress(QueryError):
        parse_query(text)


def test_fuzzed_input_raises_only_query_errors() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(
        [*'ab "()-*:<>=.\t', "OR", "AND", "NOT", "tag:", "class>=", "from:", "reason:1.4("]
    )

    @settings(max_examples=400, deadline=None)
    @given(st.lists(alphabet, max_size=12).map("".join))
    def check(text: str) -> None:
        try:
            parse_query(text)
        except QueryError as error:
            assert 0 <= error.position <= len(text)

    check()
