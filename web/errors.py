"""One place translating errors: ``ScrutinyError`` and HTTP errors become a pinned JSON
shape under ``/api/`` and a simple error page elsewhere.

``/sparql`` answers protocol clients in the JSON shape too, and a browser with the
query form showing the message.

The JSON shape: ``{"error": {"code": str, "message": str, "status": int}}``.
"""

from __future__ import annotations

import re

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from scrutiny.errors import ScrutinyError, ServiceBusyError
from scrutiny.web.sparql import SPARQL_PATH, error_page, wants_html

API_PREFIX = "/api/"

#: Codes for the HTTP errors the app raises itself; others derive from the status name.
HTTP_ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    431: "headers_too_large",
    503: "service_unavailable",
}


def error_code_for_http(exc: HTTPException) -> str:
    status = exc.code or 500
    if status in HTTP_ERROR_CODES:
        return HTTP_ERROR_CODES[status]
    return re.sub(r"\W+", "_", (exc.name or "error").lower()).strip("_")


def error_response(code: str, message: str, status: int) -> tuple[Response | str, int]:
    sparql = request.path == SPARQL_PATH
    if request.path.startswith(API_PREFIX) or (sparql and not wants_html()):
        body = jsonify({"error": {"code": code, "message": message, "status": status}})
        return body, status
    if sparql:
        return error_page(message), status
    page = render_template("error.html", code=code, message=message, status=status)
    return page, status


def handle_scrutiny_error(exc: ScrutinyError) -> Response:
    if exc.http_status >= 500 and not isinstance(exc, ServiceBusyError):
        current_app.logger.error("service error on %s: %s", request.path, exc)
    response = current_app.make_response(error_response(exc.code, str(exc), exc.http_status))
    if isinstance(exc, ServiceBusyError):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


def handle_http_error(exc: HTTPException) -> tuple[Response | str, int] | Response:
    status = exc.code or 500
    message = exc.description or exc.name or "error"
    body, status = error_response(error_code_for_http(exc), message, status)
    response = current_app.make_response((body, status))
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


def handle_unexpected_error(exc: Exception) -> tuple[Response | str, int]:
    current_app.logger.exception("unexpected error on %s", request.path, exc_info=exc)
    return error_response("internal_error", "Something went wrong on the server.", 500)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(ScrutinyError, handle_scrutiny_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected_error)
