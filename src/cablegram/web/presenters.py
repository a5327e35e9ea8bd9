"""A stored cable turned into what its page shows.

Templates stay dumb: every decision about wording, meaning and links is made here, once,
in plain Python that tests can check without rendering HTML. Escaping is left to Jinja's
autoescape, with one exception: paragraph bodies, the bulk of a page, are built here with
``markupsafe.escape`` line by line, because a template loop over every line of a long cable
costs more than the rest of the page together.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from cablegram import ids
from cablegram.model import Cable, Classification, Paragraph, Recipient, ReferenceKind
from cablegram.refdata import tag_info
from cablegram.store.base import Citation, Version
from cablegram.web import refinfo, textfmt
from cablegram.web.reader import Dossier
from cablegram.web.refinfo import Decoded, LevelStyle

# Controls that belong in the banner line itself (``SECRET//NOFORN``); distribution captions
# such as SIPDIS or EXDIS are shown as badges only.
_BANNER_CONTROLS = ("NOFORN", "ORCON", "NOCONTRACT")


@dataclass(frozen=True, slots=True)
class Badge:
    text: str
    title: str | None = None
    css: str = ""


@dataclass(frozen=True, slots=True)
class TagView:
    code: str
    kind: str
    definition: str | None
    href: str


@dataclass(frozen=True, slots=True)
class RefView:
    bullet: str | None
    label: str
    kind: str
    raw: str
    href: str | None  # a link to the cited cable when it is in the archive
    subject: str | None
    missing: bool  # a cable reference whose cable is not in the archive


@dataclass(frozen=True, slots=True)
class ParaView:
    anchor: str
    number: int | None
    badge: Badge | None
    heading: str | None
    html: Markup  # the text as <p> blocks, escaped, with <br> where lines are kept
    role: str | None  # "summary" or "comment" when the paragraph is one


@dataclass(frozen=True, slots=True)
class CitedByView:
    cable_id: str
    href: str
    subject: str | None
    date: str


@dataclass(frozen=True, slots=True)
class VersionView:
    number: int
    released: str
    ingested: str
    source: str
    location: str
    current: bool


@dataclass(frozen=True, slots=True)
class CablePage:
    cable_id: str
    title: str
    level: LevelStyle
    banner: str
    classification_raw: str | None
    origin: str | None
    origin_name: str | None  # the post as published: "Embassy Almaty"
    origin_href: str | None
    sender: str | None
    created: str
    created_iso: str
    precedence: Badge | None
    caveats: list[Badge]
    recipients: list[str]
    info_recipients: list[str]
    executive_order: str | None
    declassify: Decoded | None
    reasons: list[Decoded]
    classified_by: list[str]
    tags: list[TagView]
    subject: str | None
    references: list[RefView]
    paragraphs: list[ParaView]
    loose_summary: str | None  # a summary that no paragraph holds, shown on its own
    signers: list[str]
    partial: bool
    sections: int
    cited_by: list[CitedByView]
    versions: list[VersionView]
    raw: str
    problems: list[str]


def cable_href(cable_id: str) -> str:
    return f"/cable/{quote(cable_id, safe='')}"


def search_href(query: str) -> str:
    return f"/search?q={quote(query, safe='')}"


def filter_value(value: str) -> str:
    """A value as the query language reads it: quoted when it has spaces or specials."""
    if value and all(ch.isalnum() or ch in "._-/()" for ch in value):
        return value
    return '"' + value.replace('"', "") + '"'


def tag_href(code: str) -> str:
    return f"/tags/{quote(code, safe='')}"


@functools.lru_cache(maxsize=1024)
def level_badge(level: Classification | None, caveats: tuple[str, ...] = (),
                marking: str | None = None) -> Badge:
    style = refinfo.level_style(level)
    text = marking or style.short
    if not marking and caveats:
        text = f"{style.short}//{'/'.join(caveats)}"
    return Badge(text, f"{style.label}: {style.meaning}", f"cls-{style.css}")


def present(dossier: Dossier) -> CablePage:
    cable = dossier.stored.cable
    cid = dossier.stored.cable_id
    style = refinfo.level_style(cable.classification)
    paragraphs = _paragraphs(cable)
    summary_shown = any(p.role == "summary" for p in paragraphs)
    return CablePage(
        cable_id=cid,
        title=cable.subject or cid,
        level=style,
        banner=_banner(style, cable.caveats),
        classification_raw=cable.classification_raw,
        origin=cable.origin,
        origin_name=ids.post_name(cable.origin) if cable.origin else None,
        origin_href=search_href(f"origin:{filter_value(cable.origin)}") if cable.origin else None,
        sender=cable.sender,
        created=textfmt.when(cable.created),
        created_iso=textfmt.iso(cable.created),
        precedence=_precedence(cable),
        caveats=[Badge(c, refinfo.caveat(c), "caveat") for c in cable.caveats],
        recipients=[_recipient(r) for r in cable.recipients],
        info_recipients=[_recipient(r) for r in cable.info_recipients],
        executive_order=cable.executive_order,
        declassify=refinfo.declassify(cable.declassify_on),
        reasons=[refinfo.reason(r) for r in cable.reasons],
        classified_by=[f"{p.name}, {p.title}" if p.title else p.name
                       for p in cable.classified_by],
        tags=[_tag(t.code) for t in cable.tags],
        subject=cable.subject,
        references=_references(cable, dossier.cites),
        paragraphs=paragraphs,
        loose_summary=None if summary_shown else cable.summary,
        signers=list(cable.signers),
        partial=cable.partial,
        sections=max((s.total for s in cable.sections), default=0),
        cited_by=[_cited_by(c) for c in dossier.cited_by],
        versions=_versions(dossier.versions),
        raw=dossier.stored.version.raw,
        problems=[f"{p.field}: {p.message}" + (f" (line {p.line})" if p.line else "")
                  for p in cable.problems],
    )


def _banner(style: LevelStyle, caveats: tuple[str, ...]) -> str:
    controls = [c for c in _BANNER_CONTROLS if c in caveats]
    return "//".join([style.label, *controls])


def _precedence(cable: Cable) -> Badge | None:
    if cable.precedence is None:
        return None
    name = cable.precedence.value
    return Badge(name, refinfo.precedence(name), "precedence")


def _recipient(r: Recipient) -> str:
    return f"{r.name} ({r.precedence.value.lower()})" if r.precedence else r.name


def _tag(code: str) -> TagView:
    info = tag_info(code)
    if info is None:
        return TagView(code, "unknown", None, tag_href(code))
    return TagView(code, info.kind.value, info.definition, tag_href(code))


def _references(cable: Cable, cites: list[Citation]) -> list[RefView]:
    known = {c.cited: c for c in cites}
    views: list[RefView] = []
    for ref in cable.references:
        if ref.kind is not ReferenceKind.CABLE:
            views.append(RefView(ref.bullet, ref.raw or ref.value, ref.kind.value, ref.raw,
                                 None, None, False))
            continue
        cite = known.get(ref.value)
        resolved = cite is not None and cite.resolved
        views.append(RefView(
            ref.bullet, ref.value, ref.kind.value, ref.raw,
            cable_href(ref.value) if resolved else None,
            cite.subject if cite is not None and resolved else None,
            not resolved,
        ))
    return views


def _paragraphs(cable: Cable) -> list[ParaView]:
    seen: set[str] = set()
    views: list[ParaView] = []
    unnumbered = 0
    for para in cable.paragraphs:
        if para.number is None:
            unnumbered += 1
            anchor = f"u{unnumbered}"
        else:
            anchor = f"p{para.number}"
        while anchor in seen:  # sections that restart their numbering
            anchor += "b"
        seen.add(anchor)
        views.append(ParaView(
            anchor=anchor,
            number=para.number,
            badge=_para_badge(para),
            heading=para.heading,
            html=_blocks_html(para.text),
            role=_role(para, cable),
        ))
    return views


def _blocks_html(text: str) -> Markup:
    """``<p>`` per block, ``<br>`` between kept lines; every line escaped first."""
    return Markup("".join(
        "<p>" + "<br>".join([str(escape(line)) for line in block]) + "</p>"
        for block in textfmt.reflow(text)
    ))


def _para_badge(para: Paragraph) -> Badge | None:
    if para.marking is None and para.classification is None:
        return None
    return level_badge(para.classification, para.caveats, para.marking)


def _role(para: Paragraph, cable: Cable) -> str | None:
    """Summary or comment when the paragraph carries that text (its first words match)."""
    if not cable.summary and not cable.comment:
        return None
    body = " ".join(para.text.split()).lower()
    for role, text in (("summary", cable.summary), ("comment", cable.comment)):
        key = " ".join(text.split()[:12]).lower() if text else ""
        if key and key in body:
            return role
    return None


def _cited_by(c: Citation) -> CitedByView:
    return CitedByView(c.citing, cable_href(c.citing), c.subject, textfmt.day(c.created))


def _versions(versions: list[Version]) -> list[VersionView]:
    return [
        VersionView(
            number=i,
            released=textfmt.day(v.released),
            ingested=textfmt.day(v.ingested_at),
            source=v.source_format,
            location=v.source_location,
            current=v.is_current,
        )
        for i, v in enumerate(versions, start=1)
    ]
