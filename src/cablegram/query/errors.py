"""The one error a user can get from a query they typed."""

from __future__ import annotations


class QueryError(ValueError):
    """A query that cannot be understood, with where.

    ``position`` is a 0-based character offset into ``text`` (``len(text)`` for "the query
    ended too early"). ``str()`` shows the query with a caret under that column, which is what
    the CLI prints and the web view puts in a ``<pre>``.
    """

    def __init__(self, message: str, position: int, text: str) -> None:
        super().__init__(message)
        self.message = message
        self.position = max(0, min(position, len(text)))
        self.text = text

    def __str__(self) -> str:
        # Tabs and newlines would push the caret out of line with the column it points at.
        shown = "".join(" " if ch in "\t\r\n" else ch for ch in self.text)
        return f"{self.message}\n  {shown}\n  {' ' * self.position}^"

    def __reduce__(self) -> tuple[type[QueryError], tuple[str, int, str]]:
        return (QueryError, (self.message, self.position, self.text))
