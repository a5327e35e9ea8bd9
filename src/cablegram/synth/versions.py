"""Later versions of a cable, as re-releases produced them.

WikiLeaks re-published cables with sources' names replaced by ``XXXXXXXXXXXX``, with the
Created time fixed (early pages showed the hour as the minutes), or with whitespace
changed. A later version keeps the id and differs in text or date only.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import datetime, timedelta

from cablegram.synth.generate import SynthCable

REDACTED = "XXXXXXXXXXXX"
_NAME_PAIR = re.compile(r"\b[A-Z][a-z]{2,} [A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?\b")

# Cablegate releases ran from 2010-11-28 to 2011-09-01.
FIRST_RELEASE = datetime(2010, 11, 28, 16, 4)
LAST_RELEASE = datetime(2011, 8, 30, 12, 0)


def redact(rng: random.Random, cable: SynthCable) -> str:
    """The content with some people's names blacked out, as in redacted re-releases."""
    text = cable.content
    people = list(cable.people)
    if people:
        for mention, surname in people:
            if rng.random() < 0.7:
                text = text.replace(mention, REDACTED).replace(surname, REDACTED)
        if text != cable.content:
            return text
    names = _NAME_PAIR.findall(text)
    for name in rng.sample(names, min(len(names), 3)):
        text = text.replace(name, REDACTED)
    if text == cable.content:
        text = _respaced(text)
    return text


def _respaced(text: str) -> str:
    """A whitespace-only change: trailing blanks dropped, as some mirrors did."""
    stripped = "\n".join(line.rstrip() for line in text.split("\n"))
    return stripped if stripped != text else text + "\n"


def later_version(rng: random.Random, cable: SynthCable, released: datetime) -> SynthCable:
    """A redacted (mostly) or whitespace-changed re-release of ``cable``."""
    if rng.random() < 0.85:
        return cable.with_text(redact(rng, cable), "redacted", released)
    return cable.with_text(_respaced(cable.content), "whitespace", released)


def hour_as_minutes(created: datetime) -> datetime:
    """The early-page bug: ``10:58`` shown as ``10:10``."""
    return created.replace(minute=created.hour % 60)


def date_fixed_pair(
    cable: SynthCable, first: datetime, second: datetime
) -> tuple[SynthCable, SynthCable]:
    """An early page with the minutes bug, and the later page with the true time."""
    early = replace(cable, created=hour_as_minutes(cable.created), released=first, version_note="")
    late = replace(cable, released=second, version_note="date fixed")
    return early, late


def release_dates(rng: random.Random, created: datetime) -> tuple[datetime, datetime]:
    """Two release times, the second later, both within the Cablegate release window."""
    span = int((LAST_RELEASE - FIRST_RELEASE).total_seconds() // 60)
    a = FIRST_RELEASE + timedelta(minutes=rng.randrange(span // 2))
    b = a + timedelta(minutes=rng.randrange(60 * 24, span // 2))
    return max(a, created), max(b, created + timedelta(days=1))
