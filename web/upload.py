"""Adding documents over the web, for administrators only (tokens made with
``scrutiny token create NAME --admin``).

- ``/upload``: a form (file and visibility) for a signed-in administrator; anonymous
  visitors are sent to sign in, other officers get a 403.
- ``POST /api/documents``: the same for API clients (multipart field ``file``, optional
  ``visibility``), with ``Authorization: Bearer TOKEN``; 401 without a token, 403 for an
  officer who is not an administrator, 201 with the ingest report.

Files are checked by name and first bytes and may be up to ``max_file_bytes``
(``scrutiny.uploads``); the ingest then reports any problem with the file by name.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, redirect, render_template, request, url_for
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import BadRequest, Forbidden, Unauthorized

from scrutiny.graph.store import PUBLIC, VISIBILITIES
from scrutiny.results import IngestReport
from scrutiny.web.auth import check_csrf, current_admin, current_officer
from scrutiny.web.knowledge import current_knowledge_base

upload = Blueprint("upload", __name__)

#: Room for the multipart envelope around the file itself.
ENVELOPE_BYTES = 64 * 1024


def _allow_large_body() -> None:
    """An administrator's request may carry a file up to ``max_file_bytes``."""
    settings = current_knowledge_base().knowledge_base.settings
    request.max_content_length = settings.max_file_bytes + ENVELOPE_BYTES


def _sent_file() -> tuple[FileStorage, str]:
    sent = request.files.get("file")
    if sent is None or not sent.filename:
        raise BadRequest("choose a file to upload (form field 'file')")
    visibility = request.form.get("visibility") or PUBLIC
    if visibility not in VISIBILITIES:
        raise BadRequest(f"visibility must be one of: {', '.join(VISIBILITIES)}")
    return sent, visibility


def _add(sent: FileStorage, visibility: str) -> IngestReport:
    knowledge_base = current_knowledge_base().knowledge_base
    report: IngestReport = knowledge_base.add_upload(sent.filename or "", sent.stream, visibility)
    return report


def _report_json(report: IngestReport, visibility: str) -> dict[str, object]:
    return {
        "added": [*report.added, *report.updated],
        "unchanged": report.unchanged,
        "failed": [{"path": f.path, "message": f.message} for f in report.failed],
        "warnings": [{"path": w.path, "message": w.message} for w in report.warnings],
        "passages": report.passages,
        "visibility": visibility,
    }


@upload.get("/upload")
def form() -> str | Response:
    if current_officer() is None:
        return redirect(url_for("auth.sign_in_form", next=url_for("upload.form")))  # type: ignore[return-value]
    if not current_admin():
        raise Forbidden("adding documents is for administrators")
    return render_template("upload.html", visibilities=VISIBILITIES)


@upload.post("/upload")
def submit() -> tuple[str, int] | Response:
    if current_officer() is None:
        raise Unauthorized("sign in as an administrator to add documents")
    if not current_admin():
        raise Forbidden("adding documents is for administrators")
    _allow_large_body()
    check_csrf()
    sent, visibility = _sent_file()
    report = _add(sent, visibility)
    page = render_template(
        "upload.html", visibilities=VISIBILITIES, report=report, visibility=visibility
    )
    return page, 200 if report.ok else 422


@upload.post("/api/documents")
def api_add() -> tuple[Response, int]:
    if current_officer() is None:
        raise Unauthorized("an administrator's bearer token is required")
    if not current_admin():
        raise Forbidden("adding documents is for administrators")
    _allow_large_body()
    sent, visibility = _sent_file()
    report = _add(sent, visibility)
    return jsonify(_report_json(report, visibility)), 201 if report.ok else 422
