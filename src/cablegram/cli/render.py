"""Human-readable text rendering of a parsed cable for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cablegram.model import Cable, Recipient


def print_cable(console: Console, cable: Cable, *, location: str | None = None) -> None:
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column(overflow="fold")

    def row(label: str, value: object) -> None:
        if value not in (None, "", (), []):
            table.add_row(label, escape(" ".join(str(value).split())))

    row("source", location)
    row("id", cable.reference_id)
    row("origin", cable.origin)
    row("serial", cable.serial)
    row("created", cable.created.isoformat() if cable.created else None)
    if cable.classification is not None:
        row("classification", f"{cable.classification.label}  ({cable.classification_raw})")
    row("caveats", ", ".join(cable.caveats))
    row("precedence", cable.precedence.value if cable.precedence else None)
    row("transmission", cable.transmission_id)
    row("from", cable.sender)
    row("to", "; ".join(_recipient(r) for r in cable.recipients))
    row("info", "; ".join(_recipient(r) for r in cable.info_recipients))
    for office in cable.offices:
        row("office", office)
    row("E.O.", cable.executive_order)
    row("declassify on", cable.declassify_on)
    row("reasons", ", ".join(cable.reasons))
    row("classified by", "; ".join(
        f"{p.name} ({p.title})" if p.title else p.name for p in cable.classified_by))
    row("tags", " ".join(f"{t.code}[{t.kind.value}]" for t in cable.tags))
    row("subject", cable.subject)
    for ref in cable.references:
        bullet = f"{ref.bullet}. " if ref.bullet else ""
        row("reference", f"{bullet}{ref.value}  [{ref.kind.value}]  ({ref.raw})")
    row("sections", ", ".join(f"{s.number} of {s.total}" for s in cable.sections))
    row("summary", cable.summary)
    row("comment", cable.comment)
    for p in cable.paragraphs:
        mark = f"({p.marking}) " if p.marking else ""
        number = f"{p.number}. " if p.number is not None else ""
        heading = f"[{p.heading}] " if p.heading else ""
        text = p.text if len(p.text) <= 160 else p.text[:157] + "..."
        row("paragraph", f"{heading}{number}{mark}{text}")
    row("signers", ", ".join(cable.signers))
    row("partial", "yes: partial extract of the original cable" if cable.partial else None)
    for problem in cable.problems:
        where = f" (line {problem.line})" if problem.line else ""
        row("problem", f"{problem.field}: {problem.message}{where}")
    console.print(table)
    console.rule()


def _recipient(r: Recipient) -> str:
    parts = [f"{r.route}/{r.name}" if r.route else r.name]
    if r.precedence:
        parts.append(r.precedence.value)
    if r.mcn:
        parts.append(r.mcn)
    return " ".join(parts)
