"""Fast constructors for the model records the parser builds by the dozen.

A frozen dataclass's generated ``__init__`` assigns each field through ``object.__setattr__``
(a global lookup, an attribute lookup and a generic call per field), and a cable has a record
per paragraph, per addressee and per reference. Each builder here fills a plain *draft* class
with the same slots instead, whose attribute stores the interpreter specialises, and then
turns the draft into the model class by assigning ``__class__``: Python allows that between
classes with the same slots (the same memory layout), and the result is exactly the record the
model's own constructor makes, built in a quarter of the time.

The builders are generated from ``dataclasses.fields``, as the dataclass machinery generates
``__init__`` itself, so a field added to the model is added here too, with its default;
``tests/parse/test_records.py`` checks that each builds a record equal to the class's own.
Arguments go in field order or by name, as to the class itself.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from typing import Any, cast

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


def _builder(cls: type) -> Callable[..., Any]:
    """``build(field1, field2, ...)`` for the frozen, slotted dataclass ``cls``."""
    fields = dataclasses.fields(cls)
    names = tuple(f.name for f in fields)
    if (
        "__post_init__" in vars(cls)
        or vars(cls).get("__slots__") != names
        or not all(isinstance(vars(cls).get(n), types.MemberDescriptorType) for n in names)
        or any(f.default_factory is not dataclasses.MISSING for f in fields)
    ):
        raise TypeError(f"{cls.__name__} is not a plain slotted dataclass")
    draft = type(f"_{cls.__name__}Draft", (), {"__slots__": names})
    scope: dict[str, Any] = {"_draft": draft, "_cls": cls}
    params = []
    for f in fields:
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    lines = [f"def build({', '.join(params)}):", "    _record = _draft()"]
    lines += [f"    _record.{n} = {n}" for n in names]
    lines += ["    _record.__class__ = _cls", "    return _record"]
    exec("\n".join(lines), scope)  # generated from the field names above, nothing else
    return cast(Callable[..., Any], scope["build"])


paragraph = cast(
    Callable[
        [
            int | None,  # number
            str,  # text
            str | None,  # marking
            Classification | None,  # classification
            tuple[str, ...],  # caveats
            str | None,  # heading
            int | None,  # line
        ],
        Paragraph,
    ],
    _builder(Paragraph),
)
# name, route, precedence, mcn
recipient = cast(
    Callable[[str, str | None, Precedence | None, str | None], Recipient], _builder(Recipient)
)
# kind, value, raw, bullet
reference = cast(Callable[[ReferenceKind, str, str, str | None], Reference], _builder(Reference))
# number, total
section = cast(Callable[[int, int], Section], _builder(Section))
# the fields of ``Cable``, by name
cable = cast(Callable[..., Cable], _builder(Cable))
