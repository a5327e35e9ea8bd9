"""cablegram: read, parse, archive and serve US diplomatic cables.

The public API is small and re-exported here; everything else is private to its module.
"""

from cablegram.ids import canonical_id
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
from cablegram.parse import parse
from cablegram.sources import SourceError, SourceRecord, read

__version__ = "0.1.0"

__all__ = [
    "Cable",
    "Classification",
    "Paragraph",
    "Person",
    "Precedence",
    "Problem",
    "Recipient",
    "Reference",
    "ReferenceKind",
    "Section",
    "SourceError",
    "SourceRecord",
    "Tag",
    "TagKind",
    "__version__",
    "canonical_id",
    "parse",
    "read",
]
