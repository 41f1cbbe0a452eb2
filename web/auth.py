"""Who is asking: anonymous readers see public documents only; officers, signed in with
an API token (``scrutiny token create NAME``), see restricted ones too.

- The JSON API and ``/sparql`` take ``Authorization: Bearer TOKEN``; a token that is not
  valid is a 401 (never silently anonymous).
- The web UI has a sign-in form (``/sign-in``) that takes the same token and keeps the
  token's id in Flask's signed session cookie (HttpOnly, SameSite=Lax); every request
  checks the token still exists, so ``scrutiny token revoke`` signs its sessions out.
  The sign-in and sign-out forms carry a CSRF token kept in the session.

``g.officer`` holds the officer's name (None: anonymous) for the rest of the request,
and ``g.admin`` whether the token is an administrator's (``scrutiny token create --admin``),
who may also add documents over the web (``/upload``).
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    Response,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.exceptions import BadRequest, Unauthorized

from scrutiny.service import KnowledgeBase

auth = Blueprint("auth", __name__)

SESSION_TOKEN = "token_id"
SESSION_CSRF = "csrf"


def _knowledge_base() -> KnowledgeBase:
    from scrutiny.web.knowledge import current_knowledge_base

    return current_knowledge_base().knowledge_base


def identify() -> None:
    """Set ``g.officer`` from the bearer token or the session (before every request)."""
    g.officer, g.admin = None, False
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        officer = None
        if scheme.lower() == "bearer" and token.strip():
            officer = _knowledge_base().verify_token(token.strip())
        if officer is None:
            raise Unauthorized("the bearer token is not valid")
        g.officer, g.admin = officer.name, officer.admin
        return
    token_id = session.get(SESSION_TOKEN)
    if isinstance(token_id, str):
        found = _knowledge_base().officer_of_token_id(token_id)
        if found is None:  # revoked
            session.pop(SESSION_TOKEN, None)
        else:
            g.officer, g.admin = found.name, found.admin


def current_officer() -> str | None:
    officer: str | None = g.get("officer")
    return officer


def current_admin() -> bool:
    return bool(g.get("admin"))


def csrf_token() -> str:
    token = session.get(SESSION_CSRF)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[SESSION_CSRF] = token
    return token


def check_csrf() -> None:
    expected = session.get(SESSION_CSRF)
    given = request.form.get("csrf_token", "")
    if not isinstance(expected, str) or not hmac.compare_digest(expected, given):
        raise BadRequest("the form has expired or did not come from this site; try again")


def _local_target(raw: str | None) -> str:
    """Where to go after signing in: a path on this site only (no open redirect)."""
    target = (raw or "").strip()
    parts = urlsplit(target)
    unsafe = "\\" in target or any(ord(ch) < 33 for ch in target)  # "/\\host" is "//host"
    if not target.startswith("/") or target.startswith("//") or parts.scheme or parts.netloc:
        return url_for("pages.index")
    if unsafe:
        return url_for("pages.index")
    return target


@auth.get("/sign-in")
def sign_in_form() -> str:
    return render_template("sign_in.html", next=_local_target(request.args.get("next")))


@auth.post("/sign-in")
def sign_in() -> Response | tuple[str, int]:
    check_csrf()
    token = request.form.get("token", "").strip()
    knowledge_base = _knowledge_base()
    target = _local_target(request.form.get("next"))
    if not token or knowledge_base.verify_token(token) is None:
        page = render_template(
            "sign_in.html", next=target, error="That token is not valid. Check it and try again."
        )
        return page, 401
    token_id = token.removeprefix("sgt_").partition("_")[0]
    session.clear()  # a new session (and CSRF token) for the signed-in officer
    session[SESSION_TOKEN] = token_id
    return redirect(target, code=303)  # type: ignore[return-value]


@auth.post("/sign-out")
def sign_out() -> Response:
    check_csrf()
    session.clear()
    return redirect(url_for("pages.index"), code=303)  # type: ignore[return-value]


def private_responses(response: Response) -> Response:
    """An answer depends on who asked: shared caches must not keep an officer's."""
    response.vary.add("Cookie")
    response.vary.add("Authorization")
    if response.status_code == 401 and "Authorization" in request.headers:
        response.headers["WWW-Authenticate"] = 'Bearer realm="scrutiny-graph"'
    if current_officer() is not None:
        response.headers["Cache-Control"] = "private, no-store"
    return response


def init_auth(app: Flask, knowledge_base: KnowledgeBase) -> None:
    """Sessions signed with the store's secret (made by ``scrutiny token create``; a
    random one for this process until then), the sign-in routes and the checks."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = knowledge_base.session_secret() or secrets.token_hex(32)
    app.config["SESSION_COOKIE_NAME"] = "scrutiny_session"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.before_request(identify)
    app.after_request(private_responses)
    app.register_blueprint(auth)

    @app.context_processor
    def officer_context() -> dict[str, object]:
        return {"officer": current_officer(), "admin": current_admin(), "csrf_token": csrf_token}
