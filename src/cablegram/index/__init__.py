"""The tantivy search index: derived from the store, rebuildable, searched per clearance.

``SearchIndex`` writes and searches; ``sync`` keeps it consistent with a ``Store``;
``rebuild`` starts it over. Queries are the user language of ``cablegram.query``.
"""

from cablegram.index.core import IndexUnusable, SearchIndex
from cablegram.index.results import Fragment, Hit, SearchResults
from cablegram.index.sync import Progress, rebuild, refill, repair, sync

__all__ = [
    "Fragment",
    "Hit",
    "IndexUnusable",
    "Progress",
    "SearchIndex",
    "SearchResults",
    "rebuild",
    "refill",
    "repair",
    "sync",
]
