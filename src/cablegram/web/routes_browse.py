"""Browse pages: every way into the archive that is not a typed query."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from cablegram.web import browse
from cablegram.web.deps import Reader
from cablegram.web.problems import not_found
from cablegram.web.reader import Overview
from cablegram.web.templating import Templates

PAGES = (
    ("tags", "Tags", "Traffic-analysis tags, grouped by kind, with what each means."),
    ("origins", "Origins", "The posts that sent the cables, with the years they span."),
    ("time", "Years and months", "When the cables were written."),
    ("classifications", "Classifications", "How secret the cables were marked."),
    ("caveats", "Caveats", "Handling and distribution marks: NOFORN, SIPDIS, EXDIS..."),
    ("reasons", "Reasons", "Why a cable was classified: the categories of E.O. 12958 1.4."),
    ("signers", "Signers", "Who signed the cables (the name at the end of the text)."),
)


def router(templates: Templates) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def page(request: Request, name: str, view: Overview, **context: object) -> Response:
        return templates.render(request, name, {
            "pages": PAGES, "signers_known": "signers" in view.facets, "view": view,
            **context,
        })

    @r.get("/browse")
    async def index(request: Request, reader: Reader) -> Response:
        view = await reader.run(reader.overview)
        shown = [p for p in PAGES if p[0] != "signers" or "signers" in view.facets]
        return page(request, "browse_index.html", view, shown=shown)

    @r.get("/browse/tags")
    async def tags(request: Request, reader: Reader) -> Response:
        view = await reader.run(reader.overview)
        return page(request, "browse_tags.html", view, title="Tags",
                    sections=browse.tag_sections(view))

    @r.get("/browse/origins")
    async def origins(request: Request, reader: Reader) -> Response:
        view = await reader.run(reader.overview)
        spans = await reader.run(reader.origin_years)
        return page(request, "browse_list.html", view, title="Origins",
                    intro="Each post that sent cables, how many, and the years they span.",
                    entries=browse.origins(view, spans), detail_title="Years")

    @r.get("/browse/time")
    async def time(request: Request, reader: Reader) -> Response:
        view = await reader.run(reader.overview)
        return page(request, "browse_time.html", view, title="Years and months",
                    sections=browse.years(view))

    @r.get("/browse/classifications")
    async def classifications(request: Request, reader: Reader) -> Response:
        view = await reader.run(reader.overview)
        return page(request, "browse_list.html", view, title="Classifications",
                    intro="The level each cable was marked with, lowest first.",
                    entries=browse.classifications(view), detail_title=None)

    @r.get("/browse/caveats")
    async def caveats(request: Request, reader: Reader) -> Response:
        view = await reader.run(reader.overview)
        return page(request, "browse_list.html", view, title="Caveats",
                    intro="Captions and handling marks printed under the classification line.",
                    entries=browse.marks(view, "caveats"), detail_title=None)

    @r.get("/browse/reasons")
    async def reasons(request: Request, reader: Reader) -> Response:
        view = await reader.run(reader.overview)
        return page(request, "browse_list.html", view, title="Classification reasons",
                    intro="The categories of section 1.4 of E.O. 12958 cited in the "
                          "'Classified By' line (1.5 in the order's 1995 text).",
                    entries=browse.marks(view, "reasons"), detail_title=None)

    @r.get("/browse/signers")
    async def signers(request: Request, reader: Reader) -> Response:
        view = await reader.run(reader.overview)
        if "signers" not in view.facets:
            raise not_found("This archive's search index does not count signers.")
        return page(request, "browse_list.html", view, title="Signers",
                    intro="The names that close the cables: usually the ambassador, chargé "
                          "or Secretary, by surname.",
                    entries=browse.marks(view, "signers"), detail_title=None)

    return r

