"""The HTML pages: search box, results, and the cited document."""

from __future__ import annotations

from pathlib import PurePath

from flask import Blueprint, render_template, request

from scrutiny.results import PassageView
from scrutiny.web.knowledge import current_knowledge_base, parse_limit
from scrutiny.web.rendering import render_document_text

pages = Blueprint("pages", __name__)


@pages.get("/")
def index() -> str:
    documents = current_knowledge_base().documents()
    councils = {document.council for document in documents if document.council}
    return render_template(
        "index.html", document_count=len(documents), council_count=len(councils)
    )


@pages.get("/search")
def search() -> str:
    knowledge_base = current_knowledge_base()
    query = request.args.get("q", "")
    limit = parse_limit(request.args.get("limit"), knowledge_base.max_limit)
    if not query.strip():
        return render_template("search.html", query="", response=None, limit=limit)
    response = knowledge_base.search(query, limit)
    return render_template("search.html", query=query, response=response, limit=limit)


def safe_link(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None: a document's metadata never
    becomes a ``javascript:`` link."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


@pages.get("/documents/<document_id>")
def document(document_id: str) -> str:
    view = current_knowledge_base().document(document_id)
    requested = request.args.get("passage")
    marked: PassageView | None = next(
        (passage for passage in view.passages if passage.id == requested), None
    )
    offsets = {passage.id: [passage.start, passage.end] for passage in view.passages}
    return render_template(
        "document.html",
        document=view,
        source_name=PurePath(view.source_path).name,
        source_link=safe_link(view.source_url),
        marked=marked,
        rendered_text=render_document_text(view.canonical_text, view.passages, marked),
        passage_offsets=offsets,
    )
