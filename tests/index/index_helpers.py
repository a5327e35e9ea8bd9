"""Invented cables for the index tests, built straight from the model (no parser involved).

Names, serials, subjects and text are invented; stations, tags, markings and reasons are the
real conventions.
"""

from __future__ import annotations

import random
from datetime import date, datetime

from cablegram.model import (
    Cable,
    Classification,
    Paragraph,
    Person,
    Reference,
    ReferenceKind,
    Tag,
    TagKind,
)

C = Classification


def para(number: int, text: str, level: Classification | None = None) -> Paragraph:
    mark = level.short if level is not None else None
    return Paragraph(number, text, mark, level)


def cable(
    *,
    origin: str | None = "ALMATY",
    created: datetime | None = datetime(2005, 11, 20, 8, 30),
    level: Classification | None = C.CONFIDENTIAL,
    subject: str | None = "INVENTED SUBJECT",
    paragraphs: tuple[Paragraph, ...] = (),
    tags: tuple[str, ...] = (),
    caveats: tuple[str, ...] = (),
    reasons: tuple[str, ...] = (),
    signers: tuple[str, ...] = (),
    classified_by: tuple[str, ...] = (),
    refs: tuple[str, ...] = (),
    declassify_on: date | str | None = None,
) -> Cable:
    return Cable(
        raw="",
        origin=origin,
        created=created,
        classification=level,
        caveats=caveats,
        tags=tuple(Tag(code, TagKind.SUBJECT) for code in tags),
        subject=subject,
        reasons=reasons,
        signers=signers,
        classified_by=tuple(Person(name) for name in classified_by),
        references=tuple(
            Reference(ReferenceKind.CABLE, value, value, chr(65 + i))
            for i, value in enumerate(refs)
        ),
        paragraphs=paragraphs,
        declassify_on=declassify_on,
    )


ORIGINS = ("ALMATY", "STATE", "ROME", "RIODEJANEIRO", "USUNNEWYORK")
TAGS = ("PREL", "PGOV", "KNNP", "ECON", "KZ", "IT", "BR", "MARR")
CAVEATS = ("SIPDIS", "NOFORN", "EXDIS")
REASONS = ("1.4(b)", "1.4(d)", "1.5(d)")
WORDS = ("walrus", "ferry", "quinoa", "lantern", "meadow", "harbor", "copper", "violet")


def random_cables(count: int, seed: int = 7) -> list[tuple[str, Cable, int]]:
    """A varied, reproducible set: every level, partly marked, some fields absent."""
    rnd = random.Random(seed)
    out = []
    for n in range(count):
        origin = rnd.choice(ORIGINS) if rnd.random() > 0.03 else None
        created = (
            datetime(rnd.randint(2003, 2009), rnd.randint(1, 12), rnd.randint(1, 28), 12)
            if rnd.random() > 0.05
            else None
        )
        level = rnd.choice([*Classification, None]) if rnd.random() > 0.02 else None
        paras = []
        for number in range(1, rnd.randint(1, 4) + 1):
            words = " ".join(rnd.choices(WORDS, k=rnd.randint(2, 8)))
            top = int(level) if level is not None else 2
            mark = C(rnd.randint(0, top)) if rnd.random() > 0.3 else None
            paras.append(para(number, f"Invented {words} text.", mark))
        year = (created.year if created else 2005) % 100
        out.append(
            (
                f"{year:02d}{origin or 'STATE'}{1000 + n}",
                cable(
                    origin=origin,
                    created=created,
                    level=level,
                    subject=f"SUBJECT {rnd.choice(WORDS).upper()}",
                    paragraphs=tuple(paras),
                    tags=tuple(sorted(set(rnd.choices(TAGS, k=rnd.randint(0, 3))))),
                    caveats=tuple(sorted(set(rnd.choices(CAVEATS, k=rnd.randint(0, 2))))),
                    reasons=tuple(sorted(set(rnd.choices(REASONS, k=rnd.randint(0, 2))))),
                ),
                1,
            )
        )
    return out
