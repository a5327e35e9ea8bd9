"""Release decisions and the declassification queue, on a real record store."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TypedDict

import pytest
from access_helpers import TODAY, Clock, banner_cable, reader, store_cables

from cablegram.access import AccessControl, Visibility
from cablegram.access.declass import DeclassError, exemption_meaning, queue
from cablegram.store.sqlite import SQLiteStore


class Op(TypedDict):
    actor: str
    source: str


OP: Op = {"actor": "cli:op", "source": "cli:op"}
CABLES = [
    ("06ROME101", banner_cable("SECRET", 101, "03/01/2011", "INVENTED GONDOLA TALKS", "S")),
    ("06ROME102", banner_cable("CONFIDENTIAL", 102, "06/01/2012", "INVENTED FERRY", "C")),
    ("06ROME103", banner_cable("CONFIDENTIAL", 103, "01/15/2016", "INVENTED OLIVE", "C")),
    ("06ROME104", banner_cable("SECRET", 104, "X1", "INVENTED SOURCE", "S")),
    ("06ROME105", banner_cable("SECRET", 105, "1.6X6", "INVENTED TREATY", "S")),
    ("06ROME106", banner_cable("SECRET", 106, "TEN YEARS AFTER CLOSURE OF THE INVENTED"
                                  " BASE", "INVENTED BASE", "S")),
    ("06ROME107", banner_cable("UNCLASSIFIED", 107, "03/01/2011", "INVENTED NOTICE", "U")),
]


@pytest.fixture
def archive(db_path: Path) -> Path:
    store_cables(db_path, CABLES)
    return db_path


def test_queue_by_year_and_exemptions(archive: Path, ac: AccessControl) -> None:
    found = queue(ac.db, TODAY)
    assert {y: [d.cable_id for d in v] for y, v in found.due.items()} == {
        2011: ["06ROME101"], 2012: ["06ROME102"]}
    assert found.due_count == 2
    later = queue(ac.db, date(2016, 12, 31))
    assert list(later.due) == [2011, 2012, 2016]
    held = {e.cable_id: (e.code, e.meaning) for e in found.exempt}
    assert set(held) == {"06ROME104", "06ROME105", "06ROME106"}
    assert held["06ROME104"][1] and "intelligence source" in held["06ROME104"][1]
    assert held["06ROME105"][1] and "foreign government" in held["06ROME105"][1]
    assert held["06ROME106"][1] and "event" in held["06ROME106"][1]


def test_release_opens_an_exempt_cable_to_everyone(archive: Path, ac: AccessControl,
                                                   clock: Clock) -> None:
    with SQLiteStore(archive) as store:
        stored = store.get("06ROME104")
    assert stored is not None
    nobody = reader(None)
    assert ac.policy.cable_visibility(nobody, stored.cable, "06ROME104") is Visibility.NONE
    made = ac.releases.release("06ROME104", "  FOIA   case 2012-0042 ", **OP)
    assert (made.cable_id, made.decided_by, made.reason, made.decided_at) == \
        ("06ROME104", "cli:op", "FOIA case 2012-0042", clock.now)
    assert ac.policy.cable_visibility(nobody, stored.cable, "06ROME104") is Visibility.FULL
    assert ac.releases.released_ids() == {"06ROME104"}
    assert "06ROME104" not in {e.cable_id for e in queue(ac.db, TODAY).exempt}
    entry = ac.audit.entries(action="release")[0]
    assert (entry.actor, entry.target, entry.detail) == \
        ("cli:op", "06ROME104", {"reason": "FOIA case 2012-0042"})


def test_release_mistakes(archive: Path, ac: AccessControl) -> None:
    with pytest.raises(DeclassError, match="needs a reason"):
        ac.releases.release("06ROME104", "   ", **OP)
    with pytest.raises(DeclassError, match="no cable"):
        ac.releases.release("06ROME9999", "FOIA", **OP)
    ac.releases.release("06ROME104", "FOIA", **OP)
    with pytest.raises(DeclassError, match="released already"):
        ac.releases.release("06ROME104", "again", **OP)
    assert len(ac.releases.decisions()) == 1 and len(ac.audit.entries()) == 1


def test_decl_dates_honoured_or_not(archive: Path, db_path: Path, clock: Clock) -> None:
    from cablegram.access import AccessConfig

    with SQLiteStore(archive) as store:
        stored = store.get("06ROME101")
    assert stored is not None
    for honour, want in ((True, Visibility.FULL), (False, Visibility.NONE)):
        config = AccessConfig(public_profile="none", honour_decl_dates=honour)
        with AccessControl(db_path, config, now=clock) as ac:
            got = ac.policy.cable_visibility(ac.public, stored.cable, stored.cable_id)
            assert got is want


def test_exemption_meanings() -> None:
    assert "25 years" in (exemption_meaning("25X1-HUMAN") or "")
    assert "Originating Agency" in (exemption_meaning("OADR") or "")
    assert "General Declassification" in (exemption_meaning("GDS") or "")
    assert exemption_meaning("ZZZ") is None
