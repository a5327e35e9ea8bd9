"""The fast record builders make the same records as the model's own constructors."""

from __future__ import annotations

import dataclasses

import pytest

from cablegram.model import (
    Cable,
    Classification,
    Paragraph,
    Precedence,
    Recipient,
    Reference,
    ReferenceKind,
    Section,
)
from cablegram.parse import records


@pytest.mark.parametrize(
    ("build", "cls", "args"),
    [
        (records.paragraph, Paragraph,
         (3, "Text.", "S//NF", Classification.SECRET, ("NOFORN",), "Army Pressure", 12)),
        (records.paragraph, Paragraph, (None, "", None, None, (), None, None)),
        (records.recipient, Recipient,
         ("SECSTATE WASHDC", "RUEHC", Precedence.NIACT_IMMEDIATE, "6818")),
        (records.reference, Reference,
         (ReferenceKind.CABLE, "05STATE190856", "STATE 190856", "A")),
        (records.section, Section, (2, 3)),
    ],
)  # fmt: skip
def test_builders_match_the_model(build: object, cls: type, args: tuple[object, ...]) -> None:
    made = build(*args)  # type: ignore[operator]
    assert type(made) is cls
    assert made == cls(*args)
    assert dataclasses.astuple(made) == args
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, dataclasses.fields(cls)[0].name, None)


def test_cable_builder_takes_names_and_defaults() -> None:
    paragraph = records.paragraph(1, "Invented.", "C", Classification.CONFIDENTIAL, (), None, 9)
    fields = {"raw": "raw text", "serial": 1234, "subject": "INVENTED SUBJECT",
              "paragraphs": (paragraph,), "partial": True}
    made = records.cable(**fields)
    assert type(made) is Cable
    assert made == Cable(**fields)
    assert records.cable("raw text") == Cable("raw text")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.subject = None  # type: ignore[misc]


def test_builder_refuses_classes_it_cannot_build() -> None:
    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        x: int

    with pytest.raises(TypeError):
        records._builder(Unslotted)
