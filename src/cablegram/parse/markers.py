"""Summary and comment: the text between their markers in the body.

Markers come in three shapes: an opening one (``Summary:``, ``BEGIN SUMMARY``, ``5. (C)
Comment.``), a heading (the word alone on its line, often underlined) and a closing one
(``END SUMMARY``, ``End of comment``). What a marker opens runs to its close, or else to the
end of its paragraph (an opening marker) or of the paragraphs under it (a heading).

Decisions, each forced by the corpus:

- With only ``END SUMMARY`` in the body (its opening heading sits above paragraph 1, in the
  header block, which these readers do not see) the summary runs from the first paragraph to
  that marker.
- A cable may comment several times (inline, in a paragraph, in a ``Comment`` section): all
  comments are joined. "Summary and Comment:" opens the summary, not a comment.
- ``consummary``, ``comments`` and ``commentary`` are no markers.

The words are found in their three spellings (``summary``, ``Summary``, ``SUMMARY``) once for
both readers, as the layout is built (``Layout.words``): two scans of the body, where
lower-casing it would cost four times as much.
"""

from __future__ import annotations

import re

from cablegram.parse.layout import Layout, layout, tidy, without

# "\bend" written as "e(?<!\we)nd": a literal first lets sre skip ahead instead of trying the
# word boundary at every character of the window.
_CLOSE_BEFORE = re.compile(r"e(?<!\we)nd[ \t\n]+(?:of[ \t\n]+(?:the[ \t\n]+)?)?$")
_OPEN_BEFORE = re.compile(r"b(?<!\wb)egin[ \t\n]+$")
_LINE_LEAD = re.compile(r"[ \t(\-]*(?:\d{1,3}[.)][ \t]*)?(?:\([^)\n]{1,40}\)[ \t]*)?")
_OPEN_AFTER = re.compile(
    r"(?:[ \t]+(?:and|&)[ \t]+[a-z]+(?:[ \t]+[a-z]+)?)?[ \t]*(?:[:.]+|-+|\n|(?=\())[ \t]*", re.I
)
_COLON_AFTER = re.compile(r"[ \t]*:[ \t]*")
_HEADING_AFTER = re.compile(r"(?:[ \t]+(?:and|&)[ \t]+[a-z]+)?[ \t:]*\n", re.I)
_PREFIX = re.compile(r"\n[ \t]*\d{1,3}[.)][ \t]*(?:\([ \t]*[A-Za-z][A-Za-z/\\\-, ]{0,40}\)[ \t]*)?")

Marker = tuple[str, int, int]  # (kind, start, end): kind is "open", "heading" or "close"


def summary(body: str) -> str | None:
    """``BEGIN SUMMARY``/``Summary:`` ... ``END SUMMARY``, or the paragraph a marker opens."""
    return summary_of(layout(body))


def comment(body: str) -> str | None:
    """All comments of the body (inline, paragraph or ``Comment`` section), joined."""
    return comment_of(layout(body))


def summary_of(lay: Layout) -> str | None:
    """The summary of a body laid out as ``lay`` (see ``summary``)."""
    marks = _markers(lay, "summary")
    opens = [m for m in marks if m[0] != "close"]
    closes = [m for m in marks if m[0] == "close"]
    if closes and (not opens or closes[0][1] < opens[0][1]):
        begin = lay.spans[0][0] if lay.spans else 0
        return _extract(lay, min(begin, closes[0][1]), closes[0][1])
    if not opens:
        return None
    kind, _, end = opens[0]
    close = next((c for c in closes if c[1] >= end), None)
    if close is not None:
        return _extract(lay, end, close[1])
    stop = _section_end(lay, end) if kind == "heading" else _paragraph_end(lay, end)
    return _extract(lay, end, stop)


def comment_of(lay: Layout) -> str | None:
    """The comments of a body laid out as ``lay`` (see ``comment``)."""
    marks = _markers(lay, "comment")
    parts: list[str] = []
    pos = 0
    for i, (kind, start, end) in enumerate(marks):
        if kind == "close" or start < pos:
            continue
        limit = next((m[1] for m in marks[i + 1 :] if m[0] != "close"), lay.cut)
        close = next((m for m in marks[i + 1 :] if m[0] == "close" and m[1] < limit), None)
        if close is not None:
            stop = close[1]
        elif kind == "heading":
            stop = _section_end(lay, end)
        else:
            stop = _paragraph_end(lay, end)
        stop = min(stop, limit)
        found = _extract(lay, end, stop)
        if found:
            parts.append(found)
        pos = max(stop, end)
    return "\n\n".join(parts) or None


def _markers(lay: Layout, word: str) -> list[Marker]:
    """(kind, start, end) of each marker: ``open`` (``Summary:``, ``BEGIN SUMMARY``,
    ``5. (C) Comment.``), ``heading`` (the word alone on its line) or ``close`` (``END ...``).
    """
    text = lay.text
    initial = word[0] + word[0].upper()
    out: list[Marker] = []
    for s, found in lay.words:
        if found != word:
            continue
        e = s + len(word)
        if text[s] not in initial or text[s - 1].isalpha() or (e < len(text) and text[e].isalpha()):
            continue  # "consummary", "comments", "commentary"
        window = text[max(0, s - 16) : s].lower()
        close = _CLOSE_BEFORE.search(window) if "end" in window else None
        if close is not None:
            out.append(("close", s - len(window) + close.start(), e))
            continue
        if word == "comment" and window.rstrip().endswith(("summary and", "summary &")):
            continue  # "Summary and Comment:" opens the summary
        line_start = text.rfind("\n", 0, s) + 1
        lead = _LINE_LEAD.fullmatch(text, line_start, s) is not None
        heading = _HEADING_AFTER.match(text, e) if lead else None
        if heading is not None and text[line_start:s].strip(" \t-") == "":
            out.append(("heading", s, heading.end()))
            continue
        after = (_OPEN_AFTER if lead else _COLON_AFTER).match(text, e)
        if "begin" in window and _OPEN_BEFORE.search(window) is not None:
            out.append(("open", s, after.end() if after else e))
        elif after is not None:
            out.append(("open", s, after.end()))
    return out


def _paragraph_end(lay: Layout, pos: int) -> int:
    """End of the paragraph holding ``pos`` (or of the next one, from a heading gap)."""
    return next((end for _, end, _ in lay.spans if end > pos), lay.cut)


def _section_end(lay: Layout, pos: int) -> int:
    """End of the paragraphs under a heading: up to the next paragraph with a heading."""
    end = lay.cut
    inside = False
    for start, stop, headed in lay.spans:
        if start >= pos:
            if inside and headed:
                break
            inside = True
            end = stop
    return end


def _extract(lay: Layout, start: int, stop: int) -> str | None:
    """Summary or comment text without paragraph numbers, marks and bracket leftovers."""
    text = without(lay.text, start, stop, lay.holes)
    if "\n" in text:
        text = _PREFIX.sub("\n", "\n" + text)
    text = tidy(text).lstrip(" \t\n:.-").rstrip(" \t\n(-")
    return text or None
