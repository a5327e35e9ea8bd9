"""Reference ids carried by file names, for sources whose text does not state its id.

Mirrors name files after the cable (``06NEWDELHI5135.txt``, ``1974ATHENS02959_b.html``);
collections add labels with ``__`` (``ner-annotated__1973BEIRUT07784.txt``). A name that
does not look like an id gives None rather than a guess.
"""

from __future__ import annotations

import re
from pathlib import PurePath

_ID = re.compile(r"(?:\d{2}|\d{4})[A-Z][A-Z-]+\d{1,7}(?:_[a-z])?")
_SUFFIX = re.compile(r"_[a-z]\Z")


def id_from_name(name: str) -> str | None:
    """The reference id a file name states, without a PlusD ``_b`` suffix, else None."""
    stem = PurePath(name).name
    while "." in stem:
        stem = stem.rsplit(".", 1)[0]
    for part in (stem, *stem.split("__")):
        if _ID.fullmatch(part):
            return _SUFFIX.sub("", part)
    return None
