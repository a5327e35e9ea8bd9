"""An invented archive for the leak test: every level and caveat, one unique word per part.

Each cable's parts (its header and each paragraph) carry words found nowhere else, so a test
can say, for any reader, exactly which words must appear and which must not. The cables
are invented in the real format (banner, captions, E.O. line, TAGS, REF, portion marks).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from cablegram.model import Classification

C = Classification
BANNERS = {C.UNCLASSIFIED: "UNCLAS", C.CONFIDENTIAL: "C O N F I D E N T I A L",
           C.SECRET: "S E C R E T", C.TOP_SECRET: "T O P S E C R E T"}


@dataclass(frozen=True)
class Part:
    level: Classification
    caveats: frozenset[str]
    word: str


@dataclass(frozen=True)
class LeakCable:
    cable_id: str
    level: Classification
    banner_caveats: tuple[str, ...]
    marks: tuple[str, ...]  # portion marks as written, e.g. "S//NF"
    decl: str = "01/01/2040"
    refs: tuple[str, ...] = ()
    released: bool = False  # an archivist records a release decision for it
    index: int = 0
    versions: int = 1
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"zq{chr(97 + self.index)}"

    @property
    def subject_word(self) -> str:
        return f"{self.key}subj"

    @property
    def header_words(self) -> tuple[str, ...]:
        """Words only in the header: subject, tag, classifier, signer."""
        by = () if self.level is C.UNCLASSIFIED else (f"{self.key}clsby",)
        return (self.subject_word, self.tag, *by, f"{self.key}signer")

    @property
    def tag(self) -> str:
        return f"ZQ{chr(65 + self.index)}T"

    def para_word(self, n: int) -> str:
        return f"{self.key}para{n}"

    def text(self, version: int = 1) -> str:
        caveats = "\n\n".join(("SIPDIS", *self.banner_caveats))
        lines = [f"{BANNERS[self.level]} SECTION 01 OF 01 ROME {100 + self.index:06d}", "",
                 caveats, "", f"E.O. 12958: DECL: {self.decl}",
                 f"TAGS: PREL IT {self.tag}",
                 f"SUBJECT: INVENTED {self.subject_word.upper()} MATTERS", ""]
        if self.refs:
            lines += ["REF: " + " ".join(f"{chr(65 + i)}. {r}" for i, r in
                                         enumerate(self.refs)), ""]
        if self.level is not C.UNCLASSIFIED:
            lines += [f"Classified By: Ambassador Ilse {self.key.capitalize()}clsby for "
                      "reasons 1.4 (b) and (d).", ""]
        for n, mark in enumerate(self.marks, start=1):
            changed = f" revised{version}x{self.key}" if n == len(self.marks) and \
                self.versions > 1 else ""
            lines += [f"{n}. ({mark}) The {self.para_word(n)} matter was discussed{changed}.",
                      ""]
        lines.append(f"{self.key.upper()}SIGNER")
        return "\n".join(lines) + "\n"


CABLES = (
    LeakCable("06ROME100", C.UNCLASSIFIED, (), ("U", "U")),
    LeakCable("06ROME101", C.CONFIDENTIAL, (), ("U", "C")),
    LeakCable("06ROME102", C.SECRET, (), ("U", "C", "S", "S//NF", "SBU")),
    LeakCable("06ROME103", C.SECRET, ("NOFORN",), ("C", "S")),
    LeakCable("06ROME104", C.TOP_SECRET, (), ("S", "TS"), refs=("06ROME100",)),
    LeakCable("06ROME105", C.SECRET, ("EXDIS",), ("C", "S")),
    LeakCable("06ROME106", C.SECRET, (), ("S",), released=True),
    LeakCable("06ROME107", C.SECRET, (), ("S", "C"), decl="01/01/2001"),
    LeakCable("06ROME108", C.SECRET, (), ("S",), decl="X1"),
    LeakCable("06ROME109", C.CONFIDENTIAL, (), ("U", "C"),
              refs=("06ROME104", "06ROME102", "06ROME100")),
    LeakCable("06ROME110", C.CONFIDENTIAL, (), ("C", "S"), versions=2),
    LeakCable("06ROME111", C.SECRET, ("NOFORN",), ("S", "S//NF")),
)
CABLES = tuple(LeakCable(**{**c.__dict__, "index": i}) for i, c in enumerate(CABLES))


def records() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for cable in CABLES:
        for version in range(1, cable.versions + 1):
            out.append({"id": cable.cable_id, "date": "2006-03-01 12:00",
                        "origin": "Embassy Rome", "classification": cable.level.name,
                        "content": cable.text(version), "format": "cablegate-html",
                        "released": f"201{version}-08-30"})
    return out


def write(path: Path) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records()), encoding="utf-8")
    return path
