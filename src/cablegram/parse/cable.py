"""Assemble a ``Cable`` from the field extractors.

Each extractor is a small function over the prepared text that never raises; this module only
decides which region each one reads, resolves the year when the text does not state it, and
collects the problems they report.
"""

from __future__ import annotations

from datetime import date, datetime

from cablegram import ids
from cablegram.model import Cable, Problem
from cablegram.parse import (
    body,
    captions,
    classified_by,
    classline,
    envelope,
    eo,
    layout,
    markers,
    offices,
    records,
    refs,
    subject,
    tags,
)
from cablegram.parse.text import prepare


def parse(
    text: str,
    *,
    reference_id: str | None = None,
    created: datetime | None = None,
) -> Cable:
    """Parse a whole cable or any fragment of one; what is absent is empty.

    ``reference_id`` and ``created`` are hints from the metadata a source published beside
    the text; they win over what the text implies, and disagreements are reported.
    """
    problems: list[Problem] = []
    prep = prepare(text)
    head = prep.head

    env = envelope.envelope(head)
    problems.extend(env.problems)
    cline = classline.classification_line(head)
    order = eo.executive_order(head)
    problems.extend(order.problems)
    authority = classified_by.classified_by(prep.text)

    when = created or env.created
    hint_id = _canonical_or_none(reference_id, problems)
    year = _year(hint_id, when, order.declassify_on, cline.station is not None, problems)

    ref_id = hint_id
    origin, serial = cline.station, cline.serial
    if ref_id is None and origin and serial and year is not None:  # serial 0: none
        ref_id = _id_or_none(year, origin, serial, problems)
        if ref_id is None:  # no station after all: the line was something else
            origin = serial = None

    if hint_id is not None:
        parts = ids.split_id(hint_id)
        if parts is not None:
            origin, serial = parts[1], parts[2]

    lay = layout.build(prep.body, prep.body_line)  # for paragraphs, summary, comment, signers
    paragraphs = lay.paragraphs
    level, marking = cline.level, cline.raw
    if level is None:
        level, marking = classline.banner_level(head)
    # ``classification`` is the level the cable is marked with, as its readers and the
    # published metadata know it. A paragraph marked above the banner ((SBU) under UNCLAS)
    # is reported; access control applies the highest mark anyway (``access.marks``).
    marked = [p.classification for p in paragraphs if p.classification is not None]
    if marked and level is None:
        level = max(marked)
    elif marked and level is not None and max(marked) > level:
        problems.append(
            Problem("classification", f"a paragraph is marked {max(marked).name}, above "
                    f"the banner {level.name}; access control treats the cable as "
                    f"{max(marked).name}")
        )

    caveats = captions.captions(head)  # already in order: only the class line's need merging
    if cline.caveats:
        caveats = captions.order_caveats(cline.caveats + caveats)
    return records.cable(  # the model's constructor, built faster (see ``records``)
        raw=text,
        reference_id=ref_id,
        origin=origin,
        serial=serial,
        created=when,
        classification=level,
        classification_raw=marking,
        caveats=caveats,
        precedence=env.precedence,
        transmission_id=env.transmission_id,
        sender=env.sender,
        recipients=env.recipients,
        info_recipients=env.info_recipients,
        offices=offices.offices(head),
        executive_order=order.order,
        declassify_on=order.declassify_on,
        reasons=authority.reasons,
        classified_by=authority.people,
        tags=tags.tags(head),
        subject=subject.subject(head),
        references=refs.references(head, year=year, self_id=ref_id),
        paragraphs=paragraphs,
        summary=markers.summary_of(lay),
        comment=markers.comment_of(lay),
        signers=lay.signers,
        partial=prep.partial,
        sections=body.sections(prep.text),
        problems=tuple(problems),
    )


_FIRST_YEAR = 1945  # no diplomatic telegram in any published collection is older


def _id_or_none(year: int, station: str, serial: int, problems: list[Problem]) -> str | None:
    """The id the class line states; a line that only looks like one (``C. 06 ...``) gives none."""
    try:
        return ids.make_id(year, station, serial)
    except ValueError as exc:
        problems.append(Problem("reference_id", f"class line names no cable: {exc}"))
        return None


def _canonical_or_none(reference_id: str | None, problems: list[Problem]) -> str | None:
    if reference_id is None:
        return None
    try:
        return ids.canonical_id(reference_id)
    except ValueError as exc:
        problems.append(Problem("reference_id", f"metadata id not understood: {exc}"))
        return None


def _year(
    hint_id: str | None,
    when: datetime | None,
    declassify_on: date | str | None,
    has_station: bool,
    problems: list[Problem],
) -> int | None:
    """The cable's year: from the id hint, the date, or else the ten-year DECL rule."""
    if hint_id is not None:
        parts = ids.split_id(hint_id)
        if parts is not None:
            return parts[0]
    if when is not None:
        return when.year
    if isinstance(declassify_on, date):
        year = declassify_on.year - 10
        if not _FIRST_YEAR <= year <= date.today().year:
            return None  # a DECL date of 2106 is a typo, not a cable from 2096
        if has_station:
            problems.append(
                Problem(
                    "created",
                    f"the text gives no date; year {year} inferred from the declassification "
                    f"date {declassify_on.isoformat()} by the ten-year rule",
                )
            )
        return year
    return None
