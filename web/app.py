"""The Flask application factory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import RequestURITooLarge

from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings
from scrutiny.web.api import api
from scrutiny.web.auth import init_auth
from scrutiny.web.errors import register_error_handlers
from scrutiny.web.feeds import feeds
from scrutiny.web.knowledge import EXTENSION_KEY, SharedKnowledgeBase
from scrutiny.web.openapi import openapi
from scrutiny.web.pages import pages
from scrutiny.web.rendering import cited_window, highlight, human_date
from scrutiny.web.sparql import sparql
from scrutiny.web.themes import themes
from scrutiny.web.tracker import tracker
from scrutiny.web.upload import upload

#: Same-origin only: no external fonts, scripts or styles; embedded JSON is data, not script.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def create_app(
    test_config: Mapping[str, Any] | None = None,
    *,
    settings: Settings | None = None,
    knowledge_base: KnowledgeBase | None = None,
) -> Flask:
    """Build the app around one KnowledgeBase.

    ``knowledge_base`` is used as given (the caller keeps ownership); otherwise one is
    opened from ``settings`` (default ``Settings.from_env()``), so a knowledge base that
    cannot be opened fails here rather than on the first request.
    """
    app = Flask(__name__)
    if knowledge_base is None:
        knowledge_base = KnowledgeBase(settings or Settings.from_env())
    app.config["MAX_CONTENT_LENGTH"] = knowledge_base.settings.max_request_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = knowledge_base.settings.max_request_bytes
    app.config["MAX_URL_CHARS"] = knowledge_base.settings.max_url_chars
    if test_config is not None:
        app.config.update(test_config)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions[EXTENSION_KEY] = SharedKnowledgeBase(knowledge_base)
    app.before_request(refuse_long_urls)
    init_auth(app, knowledge_base)

    app.register_blueprint(pages)
    app.register_blueprint(api)
    app.register_blueprint(sparql)
    app.register_blueprint(tracker)
    app.register_blueprint(themes)
    app.register_blueprint(openapi)
    app.register_blueprint(feeds)
    app.register_blueprint(upload)
    register_error_handlers(app)
    app.add_template_filter(human_date)
    app.add_template_filter(highlight)
    app.add_template_global(cited_window)
    app.after_request(add_security_headers)
    return app


def refuse_long_urls() -> None:
    """A 414 for a path plus query string longer than ``MAX_URL_CHARS``."""
    limit = int(current_app.config["MAX_URL_CHARS"])
    length = len(request.path) + len(request.query_string)
    if length > limit:
        raise RequestURITooLarge(f"the URL is {length:,} characters long; the limit is {limit:,}")


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
