"""Cable <-> plain JSON-ready dicts.

One mapping used by the CLI, the store and the API, so a field means the same thing in a
``cablegram parse`` dump, a database row and an HTTP response. ``raw`` is optional because
the store keeps raw text in its own column and the API serves it separately.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from cablegram.model import (
    Cable,
    Classification,
    Paragraph,
    Person,
    Precedence,
    Problem,
    Recipient,
    Reference,
    ReferenceKind,
    Section,
    Tag,
    TagKind,
)

SCHEMA_VERSION = 1


def to_dict(cable: Cable, *, include_raw: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "reference_id": cable.reference_id,
        "origin": cable.origin,
        "serial": cable.serial,
        "created": cable.created.isoformat() if cable.created else None,
        "classification": cable.classification.name if cable.classification is not None else None,
        "classification_raw": cable.classification_raw,
        "caveats": list(cable.caveats),
        "precedence": cable.precedence.value if cable.precedence else None,
        "transmission_id": cable.transmission_id,
        "sender": cable.sender,
        "recipients": [_recipient(r) for r in cable.recipients],
        "info_recipients": [_recipient(r) for r in cable.info_recipients],
        "offices": list(cable.offices),
        "executive_order": cable.executive_order,
        "declassify_on": declassify_text(cable.declassify_on),
        "reasons": list(cable.reasons),
        "classified_by": [{"name": p.name, "title": p.title} for p in cable.classified_by],
        "tags": [{"code": t.code, "kind": t.kind.value} for t in cable.tags],
        "subject": cable.subject,
        "references": [
            {"kind": r.kind.value, "value": r.value, "bullet": r.bullet, "raw": r.raw}
            for r in cable.references
        ],
        "paragraphs": [_paragraph(p) for p in cable.paragraphs],
        "summary": cable.summary,
        "comment": cable.comment,
        "signers": list(cable.signers),
        "partial": cable.partial,
        "sections": [{"number": s.number, "total": s.total} for s in cable.sections],
        "problems": [{"field": p.field, "message": p.message, "line": p.line}
                     for p in cable.problems],
    }
    if include_raw:
        data["raw"] = cable.raw
    return data


def from_dict(data: dict[str, Any], *, raw: str | None = None) -> Cable:
    """Rebuild a Cable from ``to_dict`` output without re-parsing."""
    return Cable(
        raw=raw if raw is not None else data.get("raw", ""),
        reference_id=data.get("reference_id"),
        origin=data.get("origin"),
        serial=data.get("serial"),
        created=datetime.fromisoformat(data["created"]) if data.get("created") else None,
        classification=Classification[data["classification"]]
        if data.get("classification") else None,
        classification_raw=data.get("classification_raw"),
        caveats=tuple(data.get("caveats", ())),
        precedence=Precedence(data["precedence"]) if data.get("precedence") else None,
        transmission_id=data.get("transmission_id"),
        sender=data.get("sender"),
        recipients=tuple(_recipient_from(r) for r in data.get("recipients", ())),
        info_recipients=tuple(_recipient_from(r) for r in data.get("info_recipients", ())),
        offices=tuple(data.get("offices", ())),
        executive_order=data.get("executive_order"),
        declassify_on=_declassify_from(data.get("declassify_on")),
        reasons=tuple(data.get("reasons", ())),
        classified_by=tuple(Person(p["name"], p.get("title"))
                            for p in data.get("classified_by", ())),
        tags=tuple(Tag(t["code"], TagKind(t["kind"])) for t in data.get("tags", ())),
        subject=data.get("subject"),
        references=tuple(
            Reference(ReferenceKind(r["kind"]), r["value"], r["raw"], r.get("bullet"))
            for r in data.get("references", ())
        ),
        paragraphs=tuple(_paragraph_from(p) for p in data.get("paragraphs", ())),
        summary=data.get("summary"),
        comment=data.get("comment"),
        signers=tuple(data.get("signers", ())),
        partial=bool(data.get("partial", False)),
        sections=tuple(Section(s["number"], s["total"]) for s in data.get("sections", ())),
        problems=tuple(Problem(p["field"], p["message"], p.get("line"))
                       for p in data.get("problems", ())),
    )


def _recipient(r: Recipient) -> dict[str, Any]:
    return {
        "name": r.name,
        "route": r.route,
        "precedence": r.precedence.value if r.precedence else None,
        "mcn": r.mcn,
    }


def _recipient_from(d: dict[str, Any]) -> Recipient:
    prec = d.get("precedence")
    return Recipient(d["name"], d.get("route"), Precedence(prec) if prec else None, d.get("mcn"))


def _paragraph(p: Paragraph) -> dict[str, Any]:
    return {
        "number": p.number,
        "marking": p.marking,
        "classification": p.classification.name if p.classification is not None else None,
        "caveats": list(p.caveats),
        "heading": p.heading,
        "text": p.text,
        "line": p.line,
    }


def _paragraph_from(d: dict[str, Any]) -> Paragraph:
    cls = d.get("classification")
    return Paragraph(
        number=d.get("number"),
        text=d["text"],
        marking=d.get("marking"),
        classification=Classification[cls] if cls else None,
        caveats=tuple(d.get("caveats", ())),
        heading=d.get("heading"),
        line=d.get("line"),
    )


def declassify_text(value: date | str | None) -> str | None:
    """A declassification date or code as the JSON (and the store's column) writes it."""
    if isinstance(value, date):
        return value.isoformat()
    return value


def _declassify_from(value: str | None) -> date | str | None:
    if value and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value
