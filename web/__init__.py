"""The web layer: a Flask app (HTML pages and a JSON API) thin over the service.

Importing this package has no side effects; ``create_app`` builds an app.
"""

from __future__ import annotations

from scrutiny.web.app import create_app

__all__ = ["create_app"]
