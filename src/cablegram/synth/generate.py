"""One generated cable from a slot: metadata, envelope and text, with what was meant.

``SynthCable`` carries the generated text together with the facts it was generated from
(id, classification, cited ids, tags), so tests can check that a reader and a parser recover
them, and writers can render the same cable in any published layout.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import datetime

from cablegram.synth import content, header, markings
from cablegram.synth.chains import Cited, History
from cablegram.synth.markings import Level
from cablegram.synth.paragraphs import ParagraphSource
from cablegram.synth.timeline import Slot
from cablegram.synth.vocabulary import Vocabulary


@dataclass(frozen=True, slots=True)
class SynthCable:
    reference_id: str
    created: datetime
    origin: str  # as WikiLeaks shows it: "Embassy Almaty"
    classification: str  # as WikiLeaks shows it: "SECRET//NOFORN"
    header: str
    content: str
    station: str
    serial: int
    subject: str
    tags: tuple[str, ...]
    caveats: tuple[str, ...]
    cited: tuple[Cited, ...]
    shape: str  # header shape: xro | xyz | plain | partial
    sections: int
    people: tuple[tuple[str, str], ...] = ()
    released: datetime | None = None
    version_note: str = ""  # why a later version differs: "redacted", "date fixed"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def references(self) -> tuple[str, ...]:
        """Ids of the cables cited, sorted as the cables.csv references column lists them."""
        return tuple(sorted({c.reference_id for c in self.cited if c.reference_id}))

    @property
    def partial(self) -> bool:
        return self.shape == "partial"

    def with_text(self, text: str, note: str, released: datetime | None = None) -> SynthCable:
        return replace(self, content=text, version_note=note, released=released)


@dataclass(frozen=True, slots=True)
class Constraints:
    """What a caller needs a cable to be, e.g. a PDF file needs a routed envelope."""

    level: Level | None = None
    shapes: tuple[str, ...] = ()
    options: content.Options = field(default_factory=content.Options)


class Factory:
    """Turns slots into cables, remembering them so later cables can cite them."""

    def __init__(
        self, rng: random.Random, vocab: Vocabulary, source: ParagraphSource, history: History
    ) -> None:
        self.rng = rng
        self.vocab = vocab
        self.source = source
        self.history = history

    def make(self, slot: Slot, want: Constraints | None = None) -> SynthCable:
        rng = self.rng
        want = want or Constraints()
        lv = want.level or markings.level(rng)
        shape = header.header_shape(rng, slot.created)
        if want.shapes and shape not in want.shapes:
            shape = rng.choice(want.shapes)
        cited = self.history.choose(rng, slot)
        opts = want.options
        if not opts.media and shape == "plain" and slot.created.year >= 2000 and rng.random() < 0.3:
            opts = replace(opts, media=True)
        text = content.compose(rng, self.vocab, slot, lv, cited, self.source, opts)
        env = header.envelope(rng, self.vocab, slot, lv.security, text.sections, shape)
        self.history.add(slot)
        return SynthCable(
            reference_id=slot.reference_id,
            created=slot.created,
            origin=slot.station.origin,
            classification=lv.label,
            header=env.text,
            content=text.content,
            station=slot.station.code,
            serial=slot.serial,
            subject=text.subject,
            tags=text.tags,
            caveats=text.caveats,
            cited=tuple(cited),
            shape=shape,
            sections=text.sections,
            people=text.people,
        )
