"""MySQL backslash escaping, as cables.csv and the glitched pages were written with it.

cables.csv was exported with ``\\"``, ``\\'`` and ``\\\\`` escapes and literal newlines;
the pages that embed a row use the SELECT ... INTO OUTFILE layout, where a newline or a tab
inside a field is written as a backslash followed by that character. In both, a backslash
makes the next character literal, which is what Python's csv module does with
``escapechar`` too. ``\\n`` is therefore read as ``n``: no row of the published files
writes a newline that way, while ``\\\\n`` (a literal backslash, then n) does occur in text.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\(.|\Z)", re.S)


def _literal(match: re.Match[str]) -> str:
    # A backslash at the very end escaped a newline that the page generator trimmed off.
    return match.group(1) or "\n"


def unescape(value: str) -> str:
    """The field text with each ``\\x`` replaced by ``x``."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(_literal, value)
