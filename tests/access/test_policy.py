"""The policy's truth table, and the part-by-part decisions behind it."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from access_helpers import EVERYONE, TODAY, C, mixed, reader, single

from cablegram.access import Policy, Reader, Visibility
from cablegram.access.decision import DeclassifiedBy
from cablegram.access.marks import Requirement, effective_level, marks_of
from cablegram.model import Cable, Classification, Paragraph


class Released:
    def __init__(self, *ids: str) -> None:
        self.ids = frozenset(ids)

    def is_released(self, cable_id: str) -> bool:
        return cable_id in self.ids

    def released_ids(self) -> frozenset[str]:
        return self.ids


CLEARANCES: tuple[Classification | None, ...] = (None, *Classification)
CAVEATS = ((), ("NOFORN",), ("EXDIS",))
HOLDINGS = (  # (accesses, grants) a reader may hold
    ((), ()),
    (("NOFORN",), ()),
    ((), ("EXDIS",)),
    (("NOFORN",), ("EXDIS",)),
)
DECLS: tuple[date | str | None, ...] = (date(2010, 1, 1), TODAY, date(2031, 1, 1), "X1",
                                        "25X1-HUMAN", "1.6X6", "OADR", None)


def expected(level: Classification | None, accesses: tuple[str, ...], grants: tuple[str, ...],
             cable_level: Classification, caveats: tuple[str, ...], decl: date | str | None,
             released: bool, honour: bool) -> Visibility:
    """The rules as the issue states them, written independently of the implementation."""
    if released or (honour and isinstance(decl, date) and decl <= TODAY):
        return Visibility.FULL
    if level is None or level < cable_level:
        return Visibility.NONE
    held = set(accesses) | set(grants)
    return Visibility.FULL if set(caveats) <= held else Visibility.NONE


@pytest.mark.parametrize("honour", [True, False])
@pytest.mark.parametrize("released", [False, True])
def test_truth_table(honour: bool, released: bool) -> None:
    policy = Policy(releases=Released("06ROME0101") if released else None,
                    honour_decl_dates=honour, today=lambda: TODAY)
    checked = 0
    for level, (acc, gr), cable_level, caveats, decl in itertools.product(
        CLEARANCES, HOLDINGS, Classification, CAVEATS, DECLS
    ):
        cable = single(cable_level, caveats=caveats, decl=decl)
        got = policy.cable_visibility(reader(level, acc, gr), cable, "06ROME0101")
        want = expected(level, acc, gr, cable_level, caveats, decl, released, honour)
        assert got is want, (level, acc, gr, cable_level, caveats, decl)
        checked += 1
    assert checked == len(CLEARANCES) * 4 * 5 * 3 * len(DECLS)


def test_portion_caveat_needs_the_access_even_without_a_banner_caveat() -> None:
    policy = Policy(today=lambda: TODAY)
    cable = single(C.SECRET, para_caveats=("NOFORN",))
    assert policy.cable_visibility(reader(C.TOP_SECRET), cable) is Visibility.PARTIAL
    assert policy.cable_visibility(reader(C.SECRET, ["NOFORN"]), cable) is Visibility.FULL
    assert policy.assess(reader(C.TOP_SECRET), cable).paragraphs == (False,)


def test_free_caveats_need_nothing_and_unknown_ones_fail_closed() -> None:
    policy = Policy(today=lambda: TODAY)
    routine = single(C.CONFIDENTIAL, caveats=("SIPDIS",), para_caveats=("REL",))
    assert policy.cable_visibility(reader(C.CONFIDENTIAL), routine) is Visibility.FULL
    odd = single(C.CONFIDENTIAL, caveats=("WNINTEL",))
    assert policy.cable_visibility(reader(C.TOP_SECRET, ["NOFORN"]), odd) is Visibility.NONE
    assert policy.cable_visibility(reader(C.CONFIDENTIAL, (), ["WNINTEL"]), odd) \
        is Visibility.FULL
    assert policy.cable_visibility(reader(C.CONFIDENTIAL, (), ["*"]), odd) is Visibility.FULL


def test_declassified_reason_is_reported() -> None:
    policy = Policy(releases=Released("06ROME0101"), today=lambda: TODAY)
    assert policy.declassified(single(C.SECRET, decl="X1")) is DeclassifiedBy.RELEASE
    closed = single(C.SECRET, decl=date(2012, 6, 1), cable_id="06ROME0202")
    assert policy.declassified(closed) is DeclassifiedBy.DATE
    assert policy.declassified(closed, released_ids=frozenset()) is DeclassifiedBy.DATE
    assert policy.declassified(single(C.SECRET, decl="OADR", cable_id="X")) is None
    assert policy.assess(reader(None), closed).declassified is DeclassifiedBy.DATE


def test_released_ids_given_in_bulk_replace_the_lookup() -> None:
    policy = Policy(releases=Released(), today=lambda: TODAY)
    cable = single(C.TOP_SECRET, decl="X1")
    assert policy.cable_visibility(reader(None), cable, "06ROME0101") is Visibility.NONE
    assert policy.cable_visibility(reader(None), cable, "06ROME0101",
                                   frozenset({"06ROME0101"})) is Visibility.FULL


def test_mixed_cable_parts_for_each_clearance() -> None:
    policy = Policy(today=lambda: TODAY)
    cable = mixed()  # paragraphs S, U, C, S//NF, SBU; banner SECRET
    table = {
        None: (Visibility.NONE, False, (False, False, False, False, False)),
        C.UNCLASSIFIED: (Visibility.PARTIAL, False, (False, True, False, False, False)),
        C.SBU: (Visibility.PARTIAL, False, (False, True, False, False, True)),
        C.CONFIDENTIAL: (Visibility.PARTIAL, False, (False, True, True, False, True)),
        C.SECRET: (Visibility.PARTIAL, True, (True, True, True, False, True)),
    }
    for level, (visibility, header, paragraphs) in table.items():
        decision = policy.assess(reader(level), cable)
        assert (decision.visibility, decision.header, decision.paragraphs) == \
            (visibility, header, paragraphs), level
    assert policy.cable_visibility(reader(C.SECRET, ["NOFORN"]), cable) is Visibility.FULL


def test_banner_caveats_bind_every_paragraph() -> None:
    policy = Policy(today=lambda: TODAY)
    cable = mixed(caveats=("NOFORN", "SIPDIS"))
    assert policy.cable_visibility(reader(C.TOP_SECRET), cable) is Visibility.NONE
    assert policy.cable_visibility(reader(C.CONFIDENTIAL, ["NOFORN"]), cable) \
        is Visibility.PARTIAL


def test_subject_follows_the_header_unless_the_deployment_shows_it() -> None:
    cable = mixed()
    strict = Policy(today=lambda: TODAY)
    lenient = Policy(today=lambda: TODAY, withhold_subject_above_clearance=False)
    assert not strict.assess(reader(C.CONFIDENTIAL), cable).subject
    assert lenient.assess(reader(C.CONFIDENTIAL), cable).subject
    assert not lenient.assess(reader(None), cable).subject  # NONE shows nothing at all


def test_effective_level_and_unmarked_paragraphs() -> None:
    undermarked = Cable(raw="", classification=C.CONFIDENTIAL, paragraphs=(
        Paragraph(1, "a", "C", C.CONFIDENTIAL), Paragraph(2, "b", "S", C.SECRET),
        Paragraph(3, "unmarked"),
    ))
    assert effective_level(undermarked) is C.SECRET
    assert marks_of(undermarked).paragraphs[2] == Requirement(C.SECRET)
    assert effective_level(Cable(raw="", paragraphs=(Paragraph(1, "x"),))) is C.TOP_SECRET
    assert Requirement(C.SECRET, frozenset({"NOFORN", "EXDIS"})).label == \
        "SECRET//EXDIS//NOFORN"


def test_marks_agree_with_the_search_index_levels() -> None:
    pytest.importorskip("tantivy")
    from cablegram.index.document import cable_level

    samples = [mixed(), single(C.SBU), Cable(raw=""), Cable(raw="", classification=C.SECRET),
               Cable(raw="", paragraphs=(Paragraph(1, "x", "TS", C.TOP_SECRET),))]
    for cable in samples:
        assert int(effective_level(cable)) == cable_level(cable)


def test_public_profiles() -> None:
    assert Reader.public("all").sees_everything
    assert Reader.public("none").clearance is None
    assert Reader.public("unclassified").clearance is C.UNCLASSIFIED
    assert Reader.public("top-secret", ["noforn"]).accesses == {"NOFORN"}
    assert not Reader.public("top-secret", ["NOFORN"]).sees_everything
    with pytest.raises(ValueError, match="unknown clearance"):
        Reader.public("cosmic")


def test_everyone_skips_the_work() -> None:
    policy = Policy(today=lambda: TODAY)
    cable = mixed()
    assert policy.redact(EVERYONE, cable) is cable
    assert policy.assess(EVERYONE, cable).marks is None


def test_max_level_and_search_scope() -> None:
    policy = Policy(releases=Released("A"), today=lambda: TODAY)
    assert policy.max_level(EVERYONE) is None
    assert policy.max_level(reader(C.TOP_SECRET)) is None
    assert policy.max_level(reader(C.CONFIDENTIAL)) == 2
    assert policy.max_level(reader(None)) == -1
    scope = policy.search_scope(reader(C.SECRET, ["NOFORN"], ["EXDIS"]))
    assert not scope.unrestricted and scope.max_level == 3
    assert scope.missing == {"NOCONTRACT", "ORCON", "NODIS", "LIMDIS", "STADIS"}
    assert not scope.grants_all and scope.released == {"A"}
    assert scope.declassified_through == TODAY
    assert policy.search_scope(EVERYONE).unrestricted
    closed = Policy(honour_decl_dates=False)
    assert closed.search_scope(reader(C.SECRET)).declassified_through is None


def test_may_see_caveats() -> None:
    policy = Policy()
    assert policy.may_see_caveats(reader(C.SECRET), ["SIPDIS", "REL"])
    assert not policy.may_see_caveats(reader(C.SECRET), ["NF"])
    assert policy.may_see_caveats(reader(C.SECRET, ["NOFORN"]), ["NF", "SIPDIS"])
    assert not policy.may_see_caveats(reader(C.SECRET, ["NOFORN"]), ["NODIS"])
    assert policy.may_see(reader(C.SECRET), Requirement(C.SECRET))
    assert not policy.may_see(reader(C.SECRET), Requirement(C.TOP_SECRET))


def test_accesses_and_grants_are_not_interchangeable() -> None:
    policy = Policy(today=lambda: TODAY)
    noforn = single(C.SECRET, caveats=("NOFORN",))
    exdis = single(C.SECRET, caveats=("EXDIS",))
    assert policy.cable_visibility(reader(C.SECRET, (), ["NOFORN"]), noforn) is Visibility.NONE
    assert policy.cable_visibility(reader(C.SECRET, ["EXDIS"]), exdis) is Visibility.NONE
