"""A parsed cable as an index document.

The levels decided here are what the access-control issue relies on, so they err on the side
of withholding: a cable is at least as classified as its highest paragraph, an unmarked
paragraph takes the cable's level, and a cable whose level cannot be read at all is treated
as TOP SECRET (only an unrestricted reader finds it) rather than as unclassified.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import tantivy

from cablegram.access.marks import ACCESS_CAVEATS, GRANT_CAVEATS, CableMarks, marks_of
from cablegram.index import schema as f
from cablegram.model import Cable, ReferenceKind
from cablegram.query import canon

UNKNOWN_LEVEL = f.TOP


def cable_level(cable: Cable) -> int:
    """The level access control applies to the cable as a whole (and to its header)."""
    marks = [int(p.classification) for p in cable.paragraphs if p.classification is not None]
    if cable.classification is not None:
        marks.append(int(cable.classification))
    return max(marks) if marks else UNKNOWN_LEVEL


def to_document(cable_id: str, cable: Cable, versions: int) -> tantivy.Document:
    level = cable_level(cable)
    doc = tantivy.Document()
    doc.add_text(f.ID, cable_id)
    part_levels = _add_text(doc, cable, marks_of(cable))
    doc.add_unsigned(f.LEVEL, level)
    doc.add_unsigned(f.MIN_LEVEL, min(part_levels, default=level))
    doc.add_unsigned(f.VERSIONS, versions)
    marked = cable.classification
    doc.add_unsigned(f.CLASSIFICATION, f.NO_CLASSIFICATION if marked is None else int(marked))
    doc.add_text(f.ORIGIN, canon.station(cable.origin) if cable.origin else f.NONE)
    if not _add_created(doc, cable.created):
        doc.add_unsigned(f.YEAR, f.NO_YEAR)
        doc.add_text(f.MONTH, f.NONE)
    _add_header(doc, cable)
    return doc


_KNOWN_CAVEATS = ACCESS_CAVEATS | GRANT_CAVEATS


def _caveat_terms(caveats: frozenset[str]) -> set[str]:
    return {c if c in _KNOWN_CAVEATS else f.OTHER_CAVEAT for c in caveats}


def _add_text(doc: tantivy.Document, cable: Cable, marks: CableMarks) -> set[int]:
    """Subject and paragraphs into the field of their part's requirement (the one
    ``access.marks_of`` states, so pages and searches agree); also the access fields the
    search scope filters on. Returns the levels used."""
    used: set[int] = set()
    header = marks.header
    if cable.subject:
        doc.add_text(f.subject_field(int(header.level), bool(header.caveats)), cable.subject)
        used.add(int(header.level))
    for para, need in zip(cable.paragraphs, marks.paragraphs, strict=True):
        if para.text:
            doc.add_text(f.text_field(int(need.level), bool(need.caveats)), para.text)
            used.add(int(need.level))
    parts = marks.parts
    plain = [int(p.level) for p in parts if not p.caveats]
    caveated = [int(p.level) for p in parts if p.caveats]
    doc.add_unsigned(f.MIN_PLAIN, min(plain, default=f.NO_LEVEL))
    doc.add_unsigned(f.MIN_CAVEATED, min(caveated, default=f.NO_LEVEL))
    for term in sorted(_caveat_terms(frozenset().union(*(p.caveats for p in parts)))):
        doc.add_text(f.PART_CAVEATS, term)
    for term in sorted(_caveat_terms(header.caveats)):
        doc.add_text(f.HEADER_CAVEATS, term)
    return used


def _add_created(doc: tantivy.Document, created: datetime | None) -> bool:
    if created is None:
        return False
    moment = created if created.tzinfo else created.replace(tzinfo=UTC)
    if not tantivy.MIN_DATETIME <= moment <= tantivy.MAX_DATETIME:
        return False
    doc.add_date(f.CREATED, moment)
    doc.add_unsigned(f.YEAR, created.year)
    doc.add_text(f.MONTH, f"{created.year:04d}-{created.month:02d}")
    return True


def _add_header(doc: tantivy.Document, cable: Cable) -> None:
    _add_set(doc, f.CAVEATS, f.CAVEAT_SET, {canon.caveat(c) for c in cable.caveats})
    _add_set(doc, f.REASONS, f.REASON_SET, {canon.reason(r) for r in cable.reasons})
    for tag in {canon.tag(t.code) for t in cable.tags}:
        doc.add_text(f.TAGS, tag)
    for signer in cable.signers:
        doc.add_text(f.SIGNERS, signer)
    names = {" ".join(s.split()).replace(f.SET_SEPARATOR, " ") for s in cable.signers}
    doc.add_text(f.SIGNER_SET, f.SET_SEPARATOR.join(sorted(names - {""})) or f.NONE)
    for person in cable.classified_by:
        doc.add_text(f.CLASSIFIED_BY, person.name)
    for ref in cable.references:
        if ref.kind is ReferenceKind.CABLE:
            doc.add_text(f.REFS, ref.value)
    marks = {p.classification for p in cable.paragraphs if p.classification is not None}
    for mark in sorted(marks):
        doc.add_text(f.PARA_LEVELS, mark.short)
    if cable.declassify_on is not None:
        doc.add_text(f.DECL, canon.decl(cable.declassify_on))
    decl = cable.declassify_on
    doc.add_unsigned(f.DECL_DAY, decl.toordinal() if isinstance(decl, date) else 0)


def _add_set(doc: tantivy.Document, field: str, set_field: str, values: set[str]) -> None:
    """Each value for matching, and their sorted combination for the facet."""
    clean = sorted(v.replace(f.SET_SEPARATOR, " ") for v in values if v)
    for value in clean:
        doc.add_text(field, value)
    doc.add_text(set_field, f.SET_SEPARATOR.join(clean) or f.NONE)
