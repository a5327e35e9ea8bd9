"""From cable text to a typed ``Cable``: one small extractor module per field."""

from cablegram.parse.cable import parse

__all__ = ["parse"]
