"""Reading cables from every container users have: cables.csv, WikiLeaks cable and PlusD
pages, JSON Lines, plain and PDF-derived text, NARA AAD dumps, PDFs (via pdftotext),
compressed with gzip, bz2 or xz, in directory trees, zip and tar archives, or on stdin.
"""

from cablegram.sources.detect import detect
from cablegram.sources.reader import FORMATS, read
from cablegram.sources.record import SourceError, SourceRecord

__all__ = ["FORMATS", "SourceError", "SourceRecord", "detect", "read"]
