"""From cable text to a typed ``Cable``: one small extractor module per field."""

from cablegram.parse import cable as _cable
from cablegram.parse.cable import parse

# True where the parser runs as C extensions built by mypyc (wheels, ``hatch_build.py``);
# False for the same modules as plain Python (editable installs, ``CABLEGRAM_COMPILE=0``).
COMPILED: bool = not (_cable.__file__ or "").endswith(".py")

__all__ = ["COMPILED", "parse"]
