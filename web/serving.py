"""Glue for the production WSGI server (waitress) that ``scrutiny serve`` runs.

waitress answers a few requests itself, before the app sees them: headers beyond its
limit (431), a body far beyond ``max_request_bytes`` (413), a malformed request line or
chunked body (400). ``JsonErrorChannel`` makes those answers use the pinned JSON error
shape of the app (``{"error": {"code", "message", "status"}}``), like every other error
of ``/api/*``: the request may not even have a path yet, so the shape is used for any.
"""

from __future__ import annotations

import json
import re

from waitress.channel import HTTPChannel
from waitress.task import ErrorTask

from scrutiny.web.errors import HTTP_ERROR_CODES


def error_body(status: int, reason: str, detail: str) -> bytes:
    """The pinned JSON error shape for an error waitress raised itself."""
    code = HTTP_ERROR_CODES.get(status) or re.sub(r"\W+", "_", reason.lower()).strip("_")
    message = f"{reason}: {detail}" if detail else reason
    return json.dumps({"error": {"code": code, "message": message, "status": status}}).encode()


class JsonErrorTask(ErrorTask):  # type: ignore[misc]
    """waitress's error response, in the app's JSON error shape."""

    def execute(self) -> None:
        error = self.request.error
        body = error_body(int(error.code), str(error.reason), str(error.body))
        self.status = f"{error.code} {error.reason}"
        self.response_headers.append(("Content-Type", "application/json"))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class JsonErrorChannel(HTTPChannel):  # type: ignore[misc]
    """A waitress connection whose own error responses are JSON (``JsonErrorTask``)."""

    error_task_class = JsonErrorTask
