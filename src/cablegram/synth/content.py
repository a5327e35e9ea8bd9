"""The text of a generated cable below the envelope: banner to signature.

Layout follows the real cables: classification line (letters spaced when classified),
captions, office line, ``E.O. 12958: DECL:``, TAGS, SUBJECT wrapped at about 60 columns,
REF list, ``Classified By:``, numbered paragraphs with portion marks, signer. Two line
styles occur and are kept: wrapped lines ending in a blank, and long unwrapped lines.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from cablegram.synth import body, markings
from cablegram.synth.chains import Cited
from cablegram.synth.chains import render as render_refs
from cablegram.synth.markings import Level
from cablegram.synth.paragraphs import ParagraphSource, wrap
from cablegram.synth.sentences import MONTHS, Scene, fill
from cablegram.synth.timeline import Slot
from cablegram.synth.vocabulary import Country, Station, Theme, Vocabulary
from cablegram.synth.weighted import Weighted

THEME_WEIGHTS = {
    "political": 30,
    "economic": 15,
    "security": 10,
    "nonproliferation": 5,
    "narcotics": 5,
    "consular": 5,
    "human_rights": 8,
    "public_affairs": 6,
    "visit": 6,
    "energy": 5,
    "defense": 5,
}
_THEMES: dict[int, Weighted[Theme]] = {}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Text:
    """A cable's content and the facts it was written from (what a parser should find)."""

    content: str
    subject: str
    tags: tuple[str, ...]
    caveats: tuple[str, ...]
    people: tuple[tuple[str, str], ...]  # (full mention, surname) of invented people
    signer: str
    sections: int


@dataclass(frozen=True, slots=True)
class Options:
    media: bool = False  # the media-partner rendering: weekday date line, "EO 12958 DECL:"
    force_captions: tuple[str, ...] = ()
    wrapped: bool | None = None  # force the line style (PDFs are always wrapped)
    plain_banner: bool = False  # "CONFIDENTIAL", not "C O N F I D E N T I A L" (PDFs)


def compose(
    rng: random.Random,
    vocab: Vocabulary,
    slot: Slot,
    lv: Level,
    cited: list[Cited],
    source: ParagraphSource,
    opts: Options | None = None,
) -> Text:
    opts = opts or Options()
    station = slot.station
    country = _country(rng, vocab, station)
    theme = _theme(rng, vocab)
    reftel = rng.choice(("in reftel", "in Ref A", "(reftel)")) if cited else "previously"
    capital = "Washington" if station.code == "STATE" else station.name.title()
    scene = Scene(rng, vocab, country, station.region, capital, slot.created, reftel)
    scene.second = _theme(rng, vocab).sentences
    wrapped = rng.random() < 0.6
    if opts.wrapped is not None:
        wrapped = opts.wrapped
    style = body.Style(wrapped=wrapped, blank=" " if wrapped else "")
    marked = lv.classified or lv.label != "UNCLASSIFIED" or rng.random() < 0.7
    budget = max(200, body.target_length(rng) - 700)
    blocks = body.paragraphs(rng, vocab, theme, scene, lv, source, style, budget, marked)
    signer = body.signer(vocab, station, slot.created, charge=rng.random() < 0.1)
    length = sum(len(b) for b in blocks)
    sections = body.sectioned(rng, length + 700)
    blocks = body.with_sections(blocks, sections, station.name, slot.serial, style, rng)
    caps = markings.captions(rng, lv, slot.created, opts.force_captions)
    subject = _subject(rng, theme, scene)
    tags = _tags(rng, vocab, theme, country, station, scene)
    head = _head(rng, vocab, slot, lv, style, caps, subject, tags, cited, sections, opts)
    close = f"{style.blank}\n{signer}" if rng.random() < 0.6 else signer
    sep = f"\n{style.blank}\n"
    content = head + sep + sep.join(blocks) + "\n" + close
    if rng.random() < 0.5:
        content += " " if style.wrapped else ""
    return Text(content, subject, tuple(tags), tuple(caps), tuple(scene.people), signer, sections)


def _country(rng: random.Random, vocab: Vocabulary, station: Station) -> Country:
    found = vocab.countries.get(station.tag)
    if found is not None:
        return found
    other = rng.choice(vocab.stations[:150])
    return vocab.countries.get(other.tag) or vocab.countries["FR"]


def _theme(rng: random.Random, vocab: Vocabulary) -> Theme:
    key = id(vocab)
    if key not in _THEMES:
        _THEMES[key] = Weighted(vocab.themes, [THEME_WEIGHTS.get(t.name, 3) for t in vocab.themes])
    return _THEMES[key].pick(rng)


def _subject(rng: random.Random, theme: Theme, scene: Scene) -> str:
    text = fill(rng.choice(theme.subjects), scene)
    return text if rng.random() < 0.08 else text.upper()


def _tags(
    rng: random.Random,
    vocab: Vocabulary,
    theme: Theme,
    country: Country,
    station: Station,
    scene: Scene,
) -> list[str]:
    """3-7 codes: the theme's subject tags, the country, sometimes an organisation or person."""
    tags = rng.sample(theme.tags, min(len(theme.tags), rng.randint(2, 4)))
    if rng.random() < 0.3:
        tags.append(rng.choice(("PREL", "PGOV", "ECON", "PHUM", "KDEM")))
    if station.tag not in vocab.countries and station.tag != "-":
        tags.append(station.tag)
    tags.append(country.tag)
    if rng.random() < 0.15:
        tags.append(rng.choice(vocab.stations[:100]).tag)
    out: list[str] = []
    for tag in tags:
        if tag not in out and tag != "-":
            out.append(tag)
    out = out[:7]
    if rng.random() < 0.03:  # a person tag, written "OVIP (SURNAME, GIVEN)"
        given = rng.choice(vocab.given[scene.region])
        if "OVIP" in out:
            out.remove("OVIP")
        out += ["OVIP", f"{rng.choice(vocab.surnames[scene.region]).upper()}, {given.upper()}"]
    return out


def tag_text(code: str) -> str:
    """A TAGS entry as written: person tags (``SURNAME, GIVEN``) go in parentheses."""
    return f"({code})" if ", " in code else code


def _head(
    rng: random.Random,
    vocab: Vocabulary,
    slot: Slot,
    lv: Level,
    style: body.Style,
    caps: list[str],
    subject: str,
    tags: list[str],
    cited: list[Cited],
    sections: int,
    opts: Options,
) -> str:
    end, blank = " ", style.blank
    lines: list[str] = []
    if opts.media:
        lines.append(media_date(slot.created))
    first = rng.random() < 0.95 and not (opts.plain_banner and lv.classified)
    banner = lv.banners[0] if first or len(lv.banners) == 1 else lv.banners[1]
    part = f"SECTION 01 OF {sections:02d} " if sections > 1 else ""
    lines += [f"{banner} {part}{slot.station.name} {slot.serial:06d}{end}", blank]
    for caption in caps:
        lines += [caption + end, blank]
    if rng.random() < 0.3:
        lines += [_office_line(rng, vocab, slot.station) + end, blank]
    lines.append(markings.decl_line(rng, lv, slot.created, opts.media) + end)
    lines.append(_tags_line(rng, tags, opts.media))
    lines.append(_wrap_field("SUBJECT: " + subject, style))
    if cited:
        lines += [blank, render_refs(rng, cited, style.wrapped) + end]
    if lv.classified and rng.random() < 0.75:
        lines += [blank, _classified_by(rng, vocab, slot) + end]
    return "\n".join(lines)


def _tags_line(rng: random.Random, tags: list[str], media: bool) -> str:
    written = [tag_text(t) for t in tags]
    if media:
        return "TAGS " + ", ".join(written) + " "
    if rng.random() < 0.12:
        return "TAGS: " + ", ".join(written) + " "
    return "TAGS: " + " ".join(written) + (" " if rng.random() < 0.3 else "")


def _wrap_field(text: str, style: body.Style) -> str:
    return wrap(text, 60) if len(text) > 60 else text + " "


def _office_line(rng: random.Random, vocab: Vocabulary, station: Station) -> str:
    offices = vocab.offices.get(station.region, vocab.offices["ANY"])
    first = rng.choice(offices)
    roll = rng.random()
    surname = rng.choice(vocab.surnames["US"]).upper()
    if roll < 0.4:
        return f"DEPT FOR {first}"
    if roll < 0.6:
        return f"STATE FOR {first} AND {rng.choice(vocab.offices['ANY'])}"
    if roll < 0.8:
        return f"DEPT FOR {first} ({rng.choice(vocab.given['US'])[0]}. {surname})"
    return f"{rng.choice(vocab.world['agencies'])} FOR {surname}"


def _classified_by(rng: random.Random, vocab: Vocabulary, slot: Slot) -> str:
    title = rng.choice(vocab.classifier_titles)
    given = rng.choice(vocab.given["US"])
    if title == "Ambassador":
        surname = body.signer(vocab, slot.station, slot.created).title()
    else:
        surname = rng.choice(vocab.surnames["US"])
    initial = f" {chr(65 + rng.randrange(26))}." if rng.random() < 0.4 else ""
    name = f"{given}{initial} {surname}"
    why = markings.reasons_text(rng, markings.reasons(rng), slot.created)
    if rng.random() < 0.15:
        return f"CLASSIFIED BY: {name.upper()}, {title.upper()}. {why.upper()}"
    return f"Classified By: {title} {name} for {why}"


def media_date(created: datetime) -> str:
    """The first line of media-partner renderings: ``Thursday, 31 August 2006, 06:39``."""
    return (
        f"{WEEKDAYS[created.weekday()]}, {created.day:02d} {MONTHS[created.month - 1]} "
        f"{created.year}, {created.hour:02d}:{created.minute:02d}"
    )
