"""A redacted copy of a cable, built only from what the reader may see.

Everything derived is *recomputed* from the visible parts rather than filtered out of the
original: the raw text is a fresh rendering of the redacted fields, and the summary and
comment are re-read from that rendering by the parser's own functions. So no field can
carry withheld words, whatever the parser put where: whatever is not copied is not there.
Parse problems and line numbers are dropped (both point into the original raw text), and a
withheld paragraph shows the mark of its requirement, not the mark as written: a written
``(S//REL TO USA, ACGU)`` would tell whom the withheld text was shared with.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from datetime import date

from cablegram.access.decision import Assessment, Visibility
from cablegram.access.marks import Requirement
from cablegram.model import Cable, Paragraph
from cablegram.parse import body
from cablegram.store.base import Version

PLACEHOLDER = "Paragraph {number} withheld: {label}"
UNNUMBERED_PLACEHOLDER = "Unnumbered paragraph withheld: {label}"
HEADER_WITHHELD = "Header withheld: {label}"
# Source metadata that only describes the envelope; anything else (the source's own header
# and content columns, extras) may quote text and is dropped from partial views.
_ENVELOPE_METADATA = ("reference_id", "created", "released", "origin", "classification")


def placeholder(number: int | None, need: Requirement) -> str:
    if number is None:
        return UNNUMBERED_PLACEHOLDER.format(label=need.label)
    return PLACEHOLDER.format(number=number, label=need.label)


def redact_cable(cable: Cable, decision: Assessment) -> Cable | None:
    if decision.visibility is Visibility.NONE:
        return None
    if decision.visibility is Visibility.FULL or decision.marks is None:
        return cable
    marks = decision.marks
    paragraphs = tuple(
        dataclasses.replace(para, line=None)
        if seen
        else Paragraph(para.number, placeholder(para.number, need), need.mark, need.level,
                       tuple(sorted(need.caveats)))
        for para, seen, need in zip(cable.paragraphs, decision.paragraphs, marks.paragraphs,
                                    strict=True)
    )
    header = decision.header
    out = dataclasses.replace(
        cable,
        raw="",
        transmission_id=cable.transmission_id if header else None,
        sender=cable.sender if header else None,
        recipients=cable.recipients if header else (),
        info_recipients=cable.info_recipients if header else (),
        reasons=cable.reasons if header else (),
        classified_by=cable.classified_by if header else (),
        tags=cable.tags if header else (),
        references=cable.references if header else (),
        signers=cable.signers if header else (),
        subject=cable.subject if decision.subject else None,
        paragraphs=paragraphs,
        summary=None,
        comment=None,
        problems=(),
    )
    text = _body(out.paragraphs)
    raw = render(out, marks.header, header, text)
    return dataclasses.replace(out, raw=raw, summary=body.summary(text),
                               comment=body.comment(text))


def _body(paragraphs: tuple[Paragraph, ...]) -> str:
    parts: list[str] = []
    for para in paragraphs:
        lines = [para.heading] if para.heading else []
        number = f"{para.number}. " if para.number is not None else ""
        mark = f"({para.marking}) " if para.marking else ""
        lines.append(f"{number}{mark}{para.text}")
        parts.append("\n".join(lines))
    return "\n" + "\n\n".join(parts) + "\n"


def render(cable: Cable, banner: Requirement, header: bool, text: str) -> str:
    """A plain-text cable from redacted fields only, laid out as cables are."""
    lines = [banner.label, ""]
    if cable.reference_id:
        lines.append(cable.reference_id)
    if header and cable.sender:
        lines.append(f"FM {cable.sender}")
    if header and cable.recipients:
        lines.append("TO " + "\n".join(r.name for r in cable.recipients))
    if header and cable.info_recipients:
        lines.append("INFO " + "\n".join(r.name for r in cable.info_recipients))
    if cable.caveats:
        lines.append(", ".join(cable.caveats))
    if cable.executive_order or cable.declassify_on:
        decl = cable.declassify_on
        shown = decl.isoformat() if isinstance(decl, date) else decl or "N/A"
        lines.append(f"E.O. {cable.executive_order or ''}: DECL: {shown}")
    if header and cable.tags:
        lines.append("TAGS: " + " ".join(t.code for t in cable.tags))
    if cable.subject:
        lines.append(f"SUBJECT: {cable.subject}")
    if header and cable.references:
        lines.append("REF: " + " ".join(r.raw for r in cable.references))
    if header and cable.classified_by:
        names = "; ".join(p.name for p in cable.classified_by)
        reasons = ", ".join(cable.reasons)
        lines.append(f"Classified By: {names}" + (f", reasons {reasons}" if reasons else ""))
    if not header:
        lines.append(HEADER_WITHHELD.format(label=banner.label))
    lines += ["", text.strip("\n")]
    if header and cable.signers:
        lines.append("\n".join(cable.signers))
    lines += ["", banner.label]
    return "\n".join(lines) + "\n"


def scrub_metadata(metadata: Mapping[str, object], header: bool) -> dict[str, object]:
    """A version's source metadata fit for a partial view."""
    out = {k: metadata[k] for k in _ENVELOPE_METADATA if k in metadata}
    if header and "references" in metadata:
        out["references"] = metadata["references"]
    return out


def redact_version(version: Version, redacted: Cable | None,
                   decision: Assessment) -> Version | None:
    """``version`` as the reader may see it, given its redacted parse and the decision."""
    if redacted is None or decision.visibility is Visibility.NONE:
        return None
    if decision.visibility is Visibility.FULL:
        return version
    # The original text's hash would let a reader confirm a guess of the withheld text.
    digest = hashlib.sha256(redacted.raw.encode("utf-8")).hexdigest()
    return dataclasses.replace(version, raw=redacted.raw, text_sha256=digest,
                               metadata=scrub_metadata(version.metadata, decision.header))
