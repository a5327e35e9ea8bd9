"""Agreement of the parser with the metadata WikiLeaks published, on the shared corpus.

Each cable is parsed from its text alone (no metadata hints), then compared with the
published reference id, creation date, classification and origin. Disagreements are sorted
into classes so that each can be looked at. Writes ``docs/accuracy.md``.

Run: ``python bench/accuracy.py`` (``--out -`` prints instead of writing).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from common import ROOT, cable_text, corpus_records

from cablegram import canonical_id, parse
from cablegram.ids import post_name, split_id
from cablegram.model import Cable
from cablegram.parse.markings import classification_of

FIELDS = ("reference id", "creation date", "classification", "origin")
ABSENT = "no "  # disagreement classes that mean "the text does not state it"
INFERRED = "year inferred"  # the id's year came from the DECL date, not from the text


def _id_class(cable: Cable, want: str) -> str | None:
    got = cable.reference_id
    if got == want:
        return None
    if got is None:
        if cable.origin and cable.serial is not None:
            return "no year in the text (no date-time group, no DECL date to infer it from)"
        return "no classification line with station and serial in the text"
    g, w = split_id(got), split_id(want)
    if g is None or w is None:
        return "malformed id"
    if g[1:] == w[1:]:
        inferred = any(p.field == "created" for p in cable.problems)
        return ("year inferred from the DECL date is wrong" if inferred
                else "year differs")
    if g[1] != w[1]:
        return "station differs"
    return "serial differs"


def _date_class(cable: Cable, want: datetime) -> str | None:
    got = cable.created
    if got is not None and got.date() == want.date():
        return None
    if got is None:
        return "no date-time group in the text"
    if (got.year, got.month) == (want.year, want.month):
        return "same month, other day"
    return "different month or year"


def _class_class(cable: Cable, published: str) -> str | None:
    want, _ = classification_of(published)
    got = cable.classification
    if got == want:
        return None
    if got is None:
        return "no classification marking found"
    if want is not None and got > want:
        return "parsed level higher than published"
    return "parsed level lower than published"


def _above_banner(cable: Cable) -> bool:
    """A paragraph marked above the banner ((SBU) under UNCLAS): the cable keeps its banner
    level, and access control applies the paragraph's (counted for the report)."""
    return any(p.field == "classification" for p in cable.problems)


def _year_inferred(cable: Cable) -> bool:
    return any(p.field == "created" for p in cable.problems)


def _origin_class(cable: Cable, published: str) -> str | None:
    got = post_name(cable.origin) if cable.origin else None
    if got == published:
        return None
    if cable.origin is None:
        return "no station in the text"
    if got is None:
        return "station has no known post name"
    return "station maps to another post name"


Failures = dict[str, Counter[str]]
Examples = dict[str, dict[str, list[str]]]


def evaluate() -> tuple[int, Failures, Examples, Counter[str], Counter[str]]:
    """Cables compared, disagreement classes with examples, formats, and notes: ids whose
    inferred year was right ("inferred ok") and cables with a paragraph above the banner."""
    seen: set[str] = set()
    fails: dict[str, Counter[str]] = {f: Counter() for f in FIELDS}
    examples: dict[str, dict[str, list[str]]] = {f: defaultdict(list) for f in FIELDS}
    formats: Counter[str] = Counter()
    notes: Counter[str] = Counter()
    n = 0
    for rec in corpus_records():
        want_id = canonical_id(rec["id"])
        if want_id in seen or "date" not in rec:
            continue
        seen.add(want_id)
        n += 1
        formats[rec["format"]] += 1
        text = cable_text(rec)
        cable = parse(text)
        checks: dict[str, Any] = {
            "reference id": _id_class(cable, want_id),
            "creation date": _date_class(cable, datetime.fromisoformat(rec["date"])),
            "classification": _class_class(cable, rec["classification"]),
            "origin": _origin_class(cable, rec["origin"]),
        }
        if checks["reference id"] is None and _year_inferred(cable):
            notes["inferred ok"] += 1
        if _above_banner(cable):
            notes["above banner"] += 1
        for field, klass in checks.items():
            if klass is not None:
                fails[field][klass] += 1
                if len(examples[field][klass]) < 8:
                    examples[field][klass].append(want_id)
    return n, fails, examples, formats, notes


def report() -> str:
    n, fails, examples, formats, notes = evaluate()
    lines = [
        "# Parser accuracy against the published metadata",
        "",
        "Generated by `python bench/accuracy.py` (or `make accuracy`) from "
        "`../shared/corpus/cables.jsonl.gz`.",
        "Every distinct cable id with published metadata is parsed **from its text alone** "
        "(header + content, no metadata hints) and compared with what WikiLeaks published.",
        "Creation dates are compared by day: the published minutes are unreliable on early "
        "pages (see the corpus SOURCES.md, 'Created-time bug').",
        "",
        f"Cables: {n} ({', '.join(f'{k} {v}' for k, v in formats.most_common())}).",
        "",
        "The text of a partial extract often carries no date at all (no date-time group, and",
        "no DECL date to infer the year from), so the table also gives the agreement over the",
        "cables whose text states the field: *absent* counts cables where the parser rightly",
        "found nothing, *inferred* the ids whose year the text does not state but the parser",
        "inferred from the DECL date by the ten-year rule (right / wrong), *wrong* the values",
        "read from the text that disagree.",
        "",
        "| field | agree | absent in text | inferred right / wrong | wrong | agreement "
        "| where the text states it |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for field in FIELDS:
        absent = sum(c for k, c in fails[field].items() if k.startswith(ABSENT))
        guessed_wrong = sum(c for k, c in fails[field].items() if k.startswith(INFERRED))
        guessed_ok = notes["inferred ok"] if field == "reference id" else 0
        wrong = sum(fails[field].values()) - absent - guessed_wrong
        ok = n - absent - wrong - guessed_wrong
        stated_ok = ok - guessed_ok
        guessed = f"{guessed_ok} / {guessed_wrong}" if field == "reference id" else "-"
        lines.append(f"| {field} | {ok} | {absent} | {guessed} | {wrong} | {100 * ok / n:.2f}% "
                     f"| {100 * stated_ok / (stated_ok + wrong):.2f}% |")
    lines += [
        "",
        f"Classification is the level the cable is marked with (its banner), as published. In "
        f"{notes['above banner']} cables a paragraph is marked above the banner (e.g. (SBU) "
        "under UNCLAS); the parser keeps the banner level, reports the paragraph in "
        "`problems`, and access control applies the highest mark.",
    ]
    lines += ["", "## Disagreement classes", ""]
    for field in FIELDS:
        if not fails[field]:
            continue
        lines += [f"### {field}", "", "| class | cables | examples |", "|---|---:|---|"]
        for klass, count in fails[field].most_common():
            lines.append(f"| {klass} | {count} | {', '.join(examples[field][klass])} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(ROOT / "docs" / "accuracy.md"))
    args = ap.parse_args()
    text = report()
    if args.out == "-":
        print(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        print(text.split("## Disagreement")[0])


if __name__ == "__main__":
    main()
