"""A generated cable rendered as each published layout other than cables.csv.

- WikiLeaks cable pages (``cable/YYYY/MM/ID.html``): the five-cell metadata table, the
  header and the content in two ``<pre>`` blocks with newlines written ``&#x000A;``, TAGS
  rebuilt as links (commas dropped), ``¶`` anchors before numbered and lettered lines.
- PDF-derived text (``ID.txt``): CRLF line ends, Latin-1, the ``¶`` of the PDF before each
  paragraph number, section page headers with the station cut to ten characters.
- JSON Lines in the shape of the corpus' ``cables.jsonl.gz``, with ``released`` dates.

Only the skeleton of the pages is reproduced (the parts readers look at); the navigation
around it is reduced to a few links.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import quote

from cablegram.synth.generate import SynthCable

_ANCHORED = re.compile(r"^(\d{1,2}|[A-Z])\. ", re.M)
# The site numbered its classification pages and titled their links wrongly on many pages.
_CLASS_PAGES = {
    "UNCLASSIFIED": (1, "unclassified"),
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY": (6, "secret"),
    "CONFIDENTIAL": (2, "unclassified"),
    "CONFIDENTIAL//NOFORN": (4, "confidential"),
    "SECRET": (3, "confidential"),
    "SECRET//NOFORN": (5, "secret//noforn"),
}


def page_path(cable: SynthCable) -> str:
    return f"cable/{cable.created.year}/{cable.created.month:02d}/{cable.reference_id}.html"


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M")


def _pre(text: str) -> str:
    return text.replace("\n", "&#x000A;")


def _content_block(cable: SynthCable) -> str:
    lines = cable.content.rstrip().split("\n")
    for i, line in enumerate(lines):
        if line.startswith(("TAGS:", "TAGS ")):
            links = " ".join(
                f"<a href='/tag/{quote(tag)}_0.html'>{tag}</a>" if ", " not in tag else f"({tag})"
                for tag in cable.tags
            )
            lines[i] = "TAGS: " + links
            break
    text = "\n".join(lines)
    text = _ANCHORED.sub(
        lambda m: f"<a id='par{m.group(1)}' href='#par{m.group(1)}'>¶</a>{m.group(0)}", text
    )
    return _pre(text)


def html_page(cable: SynthCable, released: datetime, total: int) -> str:
    ref_id, created = cable.reference_id, cable.created
    number, title = _CLASS_PAGES.get(cable.classification, (1, "unclassified"))
    origin_page = sum(map(ord, cable.origin)) % 250
    subject = " ".join(cable.subject.split())
    return f"""<?xml version='1.0' encoding='utf-8' ?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>
<head>
<title>Cable Viewer</title>
<link href='/static/css/cables.css' rel='stylesheet' type='text/css' />
</head>
<body>
<div class='main'>
<div class='pane small'>
<a href='/index.html'>
<p>Currently released so far... {total} / 251,287</p>
</a>
<div id='browse'>
<h3>Browse latest releases</h3>
<div class='sort'>
<a href='/reldate/{released:%Y-%m-%d}_0.html'>{released:%Y/%m/%d}</a>
</div>
<h3>Browse by classification</h3>
<div class='sort'>
<a href='/classification/{number}_0.html' title='{title}'>{cable.classification}</a>
</div>
</div>
</div>
<div class='pane big'>
<h3>Viewing cable {ref_id}, {subject}</h3>
<div>
Generated for the cablegram demo archive: invented content in the layout of a cable page.
<br />
</div>
<table class='cable'>
<tr>
<th>Reference ID</th>
<th>Created</th>
<th>Released</th>
<th>Classification</th>
<th>Origin</th>
</tr>
<tr>
<td>
<a href='/{page_path(cable)}'>{ref_id}</a>
</td>
<td>
<a href='/date/{created:%Y-%m}_0.html'>{_stamp(created)}</a>
</td>
<td>
<a href='/reldate/{released:%Y-%m-%d}_0.html'>{_stamp(released)}</a>
</td>
<td>
<a href='/classification/{number}_0.html' title='{title}'>{cable.classification}</a>
</td>
<td>
<a href='/origin/{origin_page}_0.html'>{cable.origin}</a>
</td>
</tr>
</table>
<code><pre>{_pre(cable.header)}</pre></code>
<code><pre>{_content_block(cable)}</pre></code>
</div>
</div>
<script src='/static/js/cables.js' type='text/javascript'></script>
</body>
</html>
"""


def pdf_text(cable: SynthCable, station_name: str) -> bytes:
    """The text a PDF-to-text conversion of the cable's WikiLeaks PDF gives.

    ``station_name`` is the spaced station (``NEW DELHI``); the PDFs' page headers cut it
    to ten characters (``KUALA LUMP 00001403  002 OF 003``).
    """
    content = cable.content
    if len(station_name) > 10:
        content = re.sub(
            rf"^{re.escape(station_name)} (\d{{8}})",
            lambda m: f"{station_name[:10]} {m.group(1)}",
            content,
            flags=re.M,
        )
    content = re.sub(r"^(\d{1,2})\. ", lambda m: "\u00b6" + m.group(0), content, flags=re.M)
    text = "\n" + cable.header + "\n" + content
    return text.replace("\n", "\r\n").encode("latin-1", "replace")


def jsonl_record(cable: SynthCable, released: datetime, version: int, n_versions: int) -> str:
    record = {
        "id": cable.reference_id,
        "date": cable.created.strftime("%Y-%m-%dT%H:%M"),
        "released": released.strftime("%Y-%m-%dT%H:%M"),
        "origin": cable.origin,
        "classification": cable.classification,
        "references": list(cable.references),
        "header": cable.header,
        "content": cable.content.rstrip(),
        "format": "cablegate-html",
        "source": "cablegram-synth:demo",
        "title": " ".join(cable.subject.split()),
        "n_versions": n_versions,
        "version": version,
    }
    if cable.version_note:
        record["version_note"] = cable.version_note
    return json.dumps(record, ensure_ascii=False) + "\n"
