"""Fast positional constructors for the model records the parser builds by the dozen.

A frozen dataclass's generated ``__init__`` assigns each field through ``object.__setattr__``
(a global lookup, an attribute lookup and a generic call per field); assigning through the
slots' descriptors does the same work in half the time, and a cable has a record per
paragraph, per addressee and per reference. The builders are generated from
``dataclasses.fields``, as the dataclass machinery generates ``__init__`` itself, so a field
added to the model is added here too; ``tests/parse/test_records.py`` checks that each builds
a record equal to the class's own. Arguments are positional, in field order, all given.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from typing import Any, cast

from cablegram.model import (
    Classification,
    Paragraph,
    Precedence,
    Recipient,
    Reference,
    ReferenceKind,
)


def _builder(cls: type) -> Callable[..., Any]:
    """``build(field1, field2, ...)`` for the frozen, slotted dataclass ``cls``."""
    names = [f.name for f in dataclasses.fields(cls)]
    slots = [vars(cls).get(n) for n in names]
    if "__post_init__" in vars(cls) or not all(
        isinstance(s, types.MemberDescriptorType) for s in slots
    ):
        raise TypeError(f"{cls.__name__} is not a plain slotted dataclass")
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    scope.update({f"set_{n}": vars(cls)[n].__set__ for n in names})
    lines = [f"def build({', '.join(names)}):", "    record = new(cls)"]
    lines += [f"    set_{n}(record, {n})" for n in names]
    lines.append("    return record")
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
