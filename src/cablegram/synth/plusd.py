"""1970s telegrams as WikiLeaks' PlusD shows them (``1975STATE012345_b``).

The older traffic differs from Cablegate: upper-case text wrapped at about 60 columns,
distribution lines (``ACTION EUR-25``, ``INFO OCT-01 ...``), ``PAGE 02`` headers at page
breaks, the classification repeated above and below each page, ``E.O. 11652: GDS``,
handling restrictions (EXDIS, NODIS, LIMDIS, STADIS) and levels Cablegate lacks (TOP
SECRET, LIMITED OFFICIAL USE). The page wraps the text in a synopsis table, a Content pane,
a Raw content pane and the NARA attribute record.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from cablegram.synth import markings
from cablegram.synth.chains import MONTH_ABBR, Cited
from cablegram.synth.generate import SynthCable
from cablegram.synth.paragraphs import TemplateParagraphs, wrap
from cablegram.synth.sentences import Scene
from cablegram.synth.vocabulary import Station, Vocabulary

LEVELS = (
    markings.TOP_SECRET,
    markings.SECRET,
    markings.CONFIDENTIAL,
    markings.LOU,
    markings.UNCLASSIFIED,
)
HANDLING = ("EXDIS", "NODIS", "LIMDIS", "STADIS", "")
STATIONS = (
    "STATE",
    "ATHENS",
    "ROME",
    "PARIS",
    "LONDON",
    "MOSCOW",
    "TEHRAN",
    "ANKARA",
    "BONN",
    "TOKYO",
    "CAIRO",
    "MEXICO",
)
# Subject tag definitions as PlusD shows them (the TAGS handbook's wording).
TAG_NAMES = {
    "PFOR": "Political Affairs--Foreign Policy and Relations",
    "PGOV": "Political Affairs--Government; Internal Governmental Affairs",
    "PREL": "Political Affairs--External Political Relations",
    "PINS": "Political Affairs--Internal Security",
    "PINT": "Political Affairs--Internal Political Affairs",
    "ETRD": "Economic Affairs--Foreign Trade",
    "EFIN": "Economic Affairs--Financial and Monetary Affairs",
    "ENRG": "Economic Affairs--Energy and Power",
    "MARR": "Military and Defense Affairs--Military and Defense Arrangements",
    "PARM": "Political Affairs--Arms Controls and Disarmament",
    "OVIP": "Operations--VIP Travel Arrangements",
    "CASC": "Consular Affairs--Assistance to Citizens",
    "SNAR": "Social Affairs--Narcotics",
    "PHUM": "Political Affairs--Human Rights",
}
PLUSD_TAGS = tuple(TAG_NAMES)
PLUSD_TOPICS = ("political", "economic", "defense", "nonproliferation", "energy", "visit")


@dataclass(frozen=True, slots=True)
class PlusdCable:
    cable: SynthCable
    handling: str
    text_header: str  # the "Content" pane's header part
    body: str  # ... and its body part
    to: tuple[str, ...]


def plusd_cables(rng: random.Random, vocab: Vocabulary, count: int) -> list[PlusdCable]:
    """``count`` telegrams of 1973-1979 covering every level and handling restriction."""
    source = TemplateParagraphs(vocab, pooled=False)
    starts = sorted(
        datetime(1973, 1, 1) + timedelta(minutes=rng.randrange(7 * 525_600)) for _ in range(count)
    )
    out: list[PlusdCable] = []
    for i, created in enumerate(starts):
        station = vocab.station(STATIONS[i % len(STATIONS)])
        serial = rng.randint(1000, 250_000 if station.code == "STATE" else 9_999)
        out.append(
            _one(
                rng,
                vocab,
                source,
                station,
                serial,
                created,
                LEVELS[i % len(LEVELS)],
                HANDLING[i % len(HANDLING)],
                out,
            )
        )
    return out


def _one(
    rng: random.Random,
    vocab: Vocabulary,
    source: TemplateParagraphs,
    station: Station,
    serial: int,
    created: datetime,
    lv: markings.Level,
    handling: str,
    earlier: list[PlusdCable],
) -> PlusdCable:
    width = 6 if station.code == "STATE" else 5
    ref_id = f"{created.year}{station.code}{serial:0{width}d}"
    country = vocab.countries.get(station.tag) or vocab.countries["IT"]
    scene = Scene(rng, vocab, country, station.region, station.name.title(), created, "(REFTEL)")
    theme = next(t for t in vocab.themes if t.name == PLUSD_TOPICS[serial % len(PLUSD_TOPICS)])
    paras = [
        wrap(f"{n}. " + source.draw(rng, theme, scene).upper()).replace(" \n", "\n")
        for n in range(1, rng.randint(3, 7))
    ]
    cited = [c.cable for c in earlier[-4:] if rng.random() < 0.5]
    refs = [f"{c.created.year % 100} {vocab.station(c.station).name} {c.serial}" for c in cited]
    refs_cited = tuple(
        Cited(text, f"{c.created.year % 100}{c.station}{c.serial}")
        for text, c in zip(refs, cited, strict=True)
    )
    tags = [rng.choice(PLUSD_TAGS), rng.choice(PLUSD_TAGS), country.tag]
    tags = list(dict.fromkeys(tags))
    subject = rng.choice(theme.subjects).format_map(scene).upper()
    label = lv.label
    dtg = created + timedelta(minutes=rng.randint(0, 40))
    page = f"{station.name} {serial:0{width}d}  {dtg.day:02d}{dtg.hour:02d}{dtg.minute:02d}Z"
    to = (rng.choice(vocab.stations[1:60]).plad if station.code == "STATE" else "SECSTATE WASHDC",)
    routing = _routing(rng, created, station, to)
    banner = lv.banners[0]
    lines = [f"{banner} {station.name} {serial:0{width}d}", ""]
    if handling:
        lines += [handling, ""]
    order = "11652"
    decl = "GDS" if lv.classified else "N/A"
    lines += [f"E.O. {order}: {decl}", f"TAGS: {', '.join(tags)}", f"SUBJECT: {subject}"]
    if refs:
        lines += [
            "",
            "REF: "
            + (
                refs[0]
                if len(refs) == 1
                else " ".join(f"{'ABCD'[i]}. {r}" for i, r in enumerate(refs))
            ),
        ]
    text_header = (
        "\n\n\n" + label + "\n\n" + f"PAGE 01  {page}\n\n" + routing + "\n\n\n" + "\n".join(lines)
    )
    body = _paged("\n\n".join(paras) + "\n" + _signer(station, created), label, page)
    raw = text_header + "\n\n" + body + f"\n\n\n{label}\n\n\n\n\nNNN\n"
    cable = SynthCable(
        reference_id=ref_id,
        created=created,
        origin=station.origin,
        classification=label,
        header=text_header,
        content=raw,
        station=station.code,
        serial=serial,
        subject=subject,
        tags=tuple(tags),
        caveats=(handling,) if handling else (),
        cited=refs_cited,
        shape="plain",
        sections=1,
        people=tuple(scene.people),
        extra={"refs": "\n".join(refs)},
    )
    return PlusdCable(cable, handling, text_header, body, to)


def _routing(rng: random.Random, created: datetime, station: Station, to: tuple[str, ...]) -> str:
    prec = rng.choice(("R", "P", "O"))
    dtg = (
        f"{created.day:02d}{created.hour:02d}{created.minute:02d}Z "
        f"{MONTH_ABBR[created.month - 1]} {created.year % 100:02d}"
    )
    office = rng.choice(("EUR", "NEA", "EA", "ARA", "AF", "PM", "INR"))
    lines = [
        f"{rng.randint(10, 70)}",
        f"ACTION {office}-{rng.randint(10, 25)}",
        "",
        "INFO  OCT-01  ISO-00  CIAE-00  INR-07  NSAE-00  SP-02  PRS-01",
        "",
        f"/0{rng.randint(40, 99)} W",
        f"---------------------     {rng.randint(0, 999999):06d}",
        f"{prec} {dtg}",
        f"FM {station.plad}",
    ]
    lines += [f"TO {to[0]} {rng.randint(1000, 9999)}"]
    return "\n".join(lines)


def _signer(station: Station, created: datetime) -> str:
    from cablegram.synth.body import SECRETARIES

    if station.code == "STATE":
        return [name for start, name in SECRETARIES if start <= created][-1]
    return ("MARTIN", "HOLLOWAY", "FENWRIGHT", "OSGOOD")[created.year % 4]


def _paged(body: str, label: str, page: str) -> str:
    """Page breaks every 36 lines: classification, then ``PAGE 0N  STATION SERIAL DTG``."""
    lines = body.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        if i and i % 36 == 0:
            number = i // 36 + 1
            out += [label, "", label, "", f"PAGE {number:02d}  {page}", ""]
        out.append(line)
    return "\n".join(out)


def _esc(text: str) -> str:
    return html.escape(text, quote=False).replace('"', "&quot;")


def _pair(key: str, value: str) -> str:
    return (
        f'<div class="s_key"><a class="i" title="{key}">{key}:</a></div>'
        f'<div class="s_val" title=" {_esc(value)}">{_esc(value)}</div>'
    )


def page(item: PlusdCable, vocab: Vocabulary) -> str:
    c = item.cable
    canonical = c.reference_id + "_b"
    when = c.created.strftime("%Y %b %d, %H:%M (%A)")
    tag_text = " | ".join(
        f"{t} - {TAG_NAMES.get(t) or vocab.countries[t].name}"
        if t in TAG_NAMES or t in vocab.countries
        else t
        for t in c.tags
    )
    station = vocab.station(c.station)
    origin = (
        "Department of State"
        if c.station == "STATE"
        else f"{vocab.countries.get(station.tag, vocab.countries['IT']).name} "
        f"{station.name.title()}"
    )
    rows = [
        (_pair("Date", when), _pair("Canonical ID", canonical)),
        (
            _pair("Original Classification", c.classification),
            _pair("Current Classification", "UNCLASSIFIED"),
        ),
        (
            _pair("Handling Restrictions", item.handling or "-- N/A or Blank --"),
            _pair("Character Count", str(len(c.content))),
        ),
        (
            _pair(
                "Executive Order",
                "GS" if c.classification != "UNCLASSIFIED" else "-- N/A or Blank --",
            ),
            _pair("Locator", "TEXT ON-LINE, ON MICROFILM"),
        ),
        (_pair("TAGS", tag_text), _pair("Concepts", "-- N/A or Blank --")),
        (_pair("Enclosure", "-- N/A or Blank --"), _pair("Type", "TE")),
        (
            _pair("Office Origin", "-- N/A or Blank --"),
            _pair("Archive Status", "Electronic Telegrams"),
        ),
        (
            _pair("From", origin),
            _pair(
                "Markings",
                "Declassified/Released US Department of State EO Systematic Review 30 JUN 2005",
            ),
        ),
        (_pair("To", " | ".join(item.to)), ""),
    ]
    table = "\n".join(
        f"\t\t<tr>\n\t\t\t<td>{a}</td>\n\t\t\t<td>{b}</td>\n\t\t</tr>" for a, b in rows
    )
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Cable: {canonical}</title>
<link rel="stylesheet" type="text/css" href="/plusd/css/main.css" id="maincss">
</head>
<body>
<div id="content"><div id="content-main">
<div class="sections">
<div class="pane-content">
\t<table id="synopsis">
\t\t<tr style="background:#eee;">
\t\t\t<td colspan="2">{_esc(c.subject)}</td>
\t\t</tr>
{table}
\t</table>
</div>
{_content_pane(item)}{_pane("Raw content", _esc(c.content))}\
{_pane("Metadata", _esc(_metadata(item, vocab)))}
</div>
</div></div>
</body>
</html>
"""


def _pane(name: str, inner: str) -> str:
    return (
        f'<div class="pane-tab"><div class="pane-header">{name}</div>'
        f'<div class="pane-content"><div class="text-content">{inner}</div></div></div>'
    )


def _content_pane(item: PlusdCable) -> str:
    """The Content pane: header block (hidden until asked for), then the tagged body."""
    return (
        '<div class="pane-tab"><div class="pane-header">Content</div>'
        f'<div class="pane-content"><div class="text-header hidden">{_esc(item.text_header)}'
        '</div><div class="text-content"><div id="tagged-text">\n'
        f"{_esc(item.body)}\n</div></div><br /></div></div>"
    )


def _metadata(item: PlusdCable, vocab: Vocabulary) -> str:
    c = item.cable
    refs = c.extra.get("refs", "").split("\n") if c.extra.get("refs") else []
    if not refs:
        reference = "n/a"
    elif len(refs) == 1:
        reference = refs[0]
    else:
        reference = "! '" + "\n\n  ".join(refs) + "'"
    return (
        "\n".join(
            (
                "---",
                "Capture Date: 01 JAN 1994",
                "Current Classification: UNCLASSIFIED",
                f"Document Number: {c.reference_id}",
                "Draft Date: " + format(c.created, "%d %b %Y").upper(),
                f"From: {vocab.station(c.station).name}",
                f"Handling Restrictions: {item.handling or 'n/a'}",
                f"Original Classification: {c.classification}",
                f"Reference: {reference}",
                f"Subject: {c.subject}",
                f"TAGS: {', '.join(c.tags)}",
                "Type: TE",
            )
        )
        + "\n"
    )
