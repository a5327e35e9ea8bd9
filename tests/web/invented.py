"""A handful of invented cables for the web tests, in the corpus JSONL layout.

All names, serials, subjects and events are made up; the format conventions (banner lines,
captions, E.O. line, TAGS, REF lists, portion marks) are the real ones. One cable carries
HTML and ampersands in its subject, paragraphs and tags, to prove the pages escape them.
"""

from __future__ import annotations

import json
from pathlib import Path

XSS = "<script>alert(1)</script>"
XSS_IMG = '<img src=x onerror="alert(2)">'


def _header(dtg: str, prec: str, post: str) -> str:
    return "\n".join([
        "VZCZCXRO7731",
        f"{prec[0]}{prec[0]} RUEHWEB",
        "DE RUEHTA #0001/01 0010000",
        "ZNY CCCCC ZZH",
        f"{prec[0]} {dtg}",
        f"FM AMEMBASSY {post}",
        "TO RUEHC/SECSTATE WASHDC " + prec + " 0101",
        "INFO RUEHMO/AMEMBASSY MOSCOW 0202",
    ])


def _cable(*, level: str, post: str, serial: int, decl: str, tags: str, subject: str,
           refs: list[str], paras: list[str], signer: str, caveats: str = "SIPDIS",
           reasons: str = "1.4 (b) and (d)") -> str:
    lines = [f"{level} SECTION 01 OF 01 {post} {serial:06d}", "", caveats, "",
             f"E.O. 12958: DECL: {decl}", f"TAGS: {tags}", f"SUBJECT: {subject}", ""]
    if refs:
        lines.append("REF: " + refs[0])
        lines.extend(f"     {r}" for r in refs[1:])
        lines.append("")
    if level != "UNCLAS":
        lines += [f"Classified By: Ambassador Tamsin Varnholt for reasons {reasons}.", ""]
    for i, text in enumerate(paras, start=1):
        lines += [f"{i}. {text}", ""]
    lines.append(signer)
    return "\n".join(lines)


def records() -> list[dict[str, object]]:
    first = _cable(
        level="C O N F I D E N T I A L", post="ALMATY", serial=4101, decl="11/20/2015",
        tags="PREL KNNP KZ", subject="KAZAKHSTAN: INVENTED TALKS ON THE ZEPHYRINE QUOTA",
        refs=[], signer="VARNHOLT", caveats="SIPDIS\n\nNOFORN",
        paras=[
            "(C) Summary: Deputy Minister Odran Quillane told poloff that the zephyrine\n"
            "quota will be reviewed in the spring.  He asked for continued technical\n"
            "assistance.  End Summary.",
            "(C/NF) A contact close to the working group said the real obstacle is a\n"
            "dispute over the harbour tender.",
            "(U) The Ministry's statement of November 7 is public.",
            "(C) Comment: Quillane's account is consistent with earlier reporting.\n"
            "End Comment.",
        ],
    )
    second = _cable(
        level="S E C R E T", post="ALMATY", serial=4188, decl="1.6X6",
        tags="PREL PARM KNNP KZ", subject="KAZAKHSTAN: FOLLOW-UP ON THE ZEPHYRINE QUOTA",
        refs=["A. 05 ALMATY 4101", "B. STATE 190999", "C. QUILLANE-VARNHOLT EMAIL 11/02/05"],
        signer="VARNHOLT", caveats="NOFORN\nSIPDIS", reasons="1.4 (c) and (d)",
        paras=[
            "(S) Following up on Ref A, poloff met Velika Ostrebek, who confirmed the\n"
            "zephyrine quota would be cut by a third.",
            "(C) Ostrebek added that the harbour tender is delayed:\n"
            "-- the permit is unsigned;\n"
            "-- the budget is not approved.",
        ],
    )
    hostile = _cable(
        level="UNCLAS", post="REYKJAVIK", serial=77, decl="N/A",
        tags=f"PGOV ECON {XSS}", subject=f"ICELAND: Q&A ON FISHING {XSS} & <b>QUOTAS</b>",
        refs=["05 ALMATY 4188"], signer="FENWARY", caveats="SENSITIVE BUT UNCLASSIFIED",
        paras=[
            f"(U) The minister wrote {XSS} and {XSS_IMG} in a memo; R&D costs < 5% & rising.",
            "(SBU) Fishing licence talks will resume in May.",
        ],
    )
    return [
        _record("05ALMATY4101", "2005-11-21 10:39", "Embassy Almaty", "CONFIDENTIAL//NOFORN",
                _header("211039Z NOV 05", "PRIORITY", "ALMATY"), first, "2010-11-28"),
        _record("05ALMATY4188", "2005-12-02 07:15", "Embassy Almaty", "SECRET//NOFORN",
                _header("020715Z DEC 05", "IMMEDIATE", "ALMATY"),
                second.replace("a third", "a quarter"), "2010-11-28", version=2),
        _record("05ALMATY4188", "2005-12-02 07:15", "Embassy Almaty", "SECRET//NOFORN",
                _header("020715Z DEC 05", "IMMEDIATE", "ALMATY"), second, "2011-08-30"),
        _record("06REYKJAVIK77", "2006-03-14 16:02", "Embassy Reykjavik", "UNCLASSIFIED",
                _header("141602Z MAR 06", "ROUTINE", "REYKJAVIK"), hostile, "2011-08-30"),
    ]


def _record(cable_id: str, date: str, origin: str, classification: str, header: str,
            content: str, released: str, **extra: object) -> dict[str, object]:
    return {"id": cable_id, "date": date, "origin": origin, "classification": classification,
            "header": header, "content": content, "format": "cablegate-html",
            "released": released, **extra}


def write(path: Path) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records()), encoding="utf-8")
    return path
