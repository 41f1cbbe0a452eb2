"""Adding documents over the web: administrators only, with type and size checks, and
nothing half-written left behind."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from scrutiny.cli import main
from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings
from scrutiny.uploads import check_upload, safe_name
from scrutiny.web import create_app

MINUTES = """Thurrock Council
Children's Services Overview and Scrutiny Committee
Minutes of the meeting held on 9 June 2022

1. Care leavers' accommodation
The Committee heard that 14 care leavers were placed in bed and breakfast last year.
RESOLVED that the Corporate Director report on supported lodgings in six months.
"""


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[Flask, KnowledgeBase, str, str]]:
    settings = Settings(store=tmp_path / "store", embedder="hashing", max_file_bytes=200_000)
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        admin = kb.create_token("Ada Admin", admin=True)
        officer = kb.create_token("Otto Officer")
        app = create_app({"TESTING": True}, knowledge_base=kb)
        yield app, kb, admin, officer


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def sent(name: str, data: bytes, visibility: str | None = None) -> dict[str, object]:
    form: dict[str, object] = {"file": (io.BytesIO(data), name)}
    if visibility is not None:
        form["visibility"] = visibility
    return form


def test_an_administrator_adds_a_document_through_the_api(
    setup: tuple[Flask, KnowledgeBase, str, str],
) -> None:
    app, kb, admin, _ = setup
    client = app.test_client()
    response = client.post(
        "/api/documents", data=sent("thurrock minutes.txt", MINUTES.encode()), headers=bearer(admin)
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert len(body["added"]) == 1 and body["failed"] == [] and body["passages"] > 0
    assert body["added"][0].endswith("uploads/thurrock_minutes.txt")
    found = client.get("/api/search", query_string={"q": "supported lodgings care leavers"})
    assert found.get_json()["results"], "the added document is searchable"
    # The same file again: unchanged, not a second document.
    again = client.post(
        "/api/documents", data=sent("thurrock minutes.txt", MINUTES.encode()), headers=bearer(admin)
    )
    assert again.status_code == 201 and again.get_json()["unchanged"]
    assert len(kb.store.documents()) == 1


def test_a_restricted_upload_is_hidden_from_the_public(
    setup: tuple[Flask, KnowledgeBase, str, str],
) -> None:
    app, _, admin, officer = setup
    client = app.test_client()
    response = client.post(
        "/api/documents",
        data=sent("minutes.txt", MINUTES.encode(), "restricted"),
        headers=bearer(admin),
    )
    assert response.status_code == 201
    query = {"q": "supported lodgings"}
    assert client.get("/api/search", query_string=query).get_json()["results"] == []
    seen = client.get("/api/search", query_string=query, headers=bearer(officer))
    assert seen.get_json()["results"]


def test_only_administrators_may_add_documents(
    setup: tuple[Flask, KnowledgeBase, str, str],
) -> None:
    app, kb, _, officer = setup
    client = app.test_client()
    anonymous = client.post("/api/documents", data=sent("minutes.txt", MINUTES.encode()))
    assert anonymous.status_code == 401
    assert anonymous.get_json()["error"]["code"] == "unauthorized"
    other = client.post(
        "/api/documents", data=sent("minutes.txt", MINUTES.encode()), headers=bearer(officer)
    )
    assert other.status_code == 403 and other.get_json()["error"]["code"] == "forbidden"
    page = client.get("/upload")
    assert page.status_code == 302 and "/sign-in" in page.headers["Location"]
    assert client.get("/upload", headers=bearer(officer)).status_code == 403
    assert client.post("/upload", data=sent("minutes.txt", MINUTES.encode())).status_code == 401
    assert kb.store.documents() == []
    assert not kb.settings.upload_folder.exists() or not any(kb.settings.upload_folder.iterdir())


@pytest.mark.parametrize(
    ("name", "data", "status", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", 422, "unsupported_format"),
        ("report.pdf", b"<html>not a pdf</html>", 422, "unsupported_format"),
        ("plan.docx", b"%PDF-1.4 not a docx", 422, "unsupported_format"),
        ("notes.txt", b"\x00\x01\x02binary\x00", 422, "binary_file"),
        ("empty.txt", b"", 422, "empty_document"),
        ("huge.txt", b"word " * 60_000, 413, "payload_too_large"),
    ],
)
def test_uploads_are_checked_by_type_and_size(
    setup: tuple[Flask, KnowledgeBase, str, str], name: str, data: bytes, status: int, code: str
) -> None:
    app, kb, admin, _ = setup
    response = app.test_client().post(
        "/api/documents", data=sent(name, data), headers=bearer(admin)
    )
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.get_json()["error"]["code"] == code
    assert name in response.get_json()["error"]["message"] or status == 413
    folder = kb.settings.upload_folder
    assert not folder.exists() or not any(folder.iterdir()), "nothing is left behind"
    assert kb.store.documents() == []


def test_a_file_that_fails_to_ingest_is_reported_and_not_kept(
    setup: tuple[Flask, KnowledgeBase, str, str],
) -> None:
    app, kb, admin, _ = setup
    response = app.test_client().post(
        "/api/documents", data=sent("broken.pdf", b"%PDF-1.4\ngarbage"), headers=bearer(admin)
    )
    assert response.status_code == 422
    (failure,) = response.get_json()["failed"]
    assert "broken.pdf" in failure["message"]
    assert not (kb.settings.upload_folder / "broken.pdf").exists()


def test_the_upload_page_needs_an_administrator_and_a_csrf_token(
    setup: tuple[Flask, KnowledgeBase, str, str],
) -> None:
    app, kb, admin, _ = setup
    client: FlaskClient = app.test_client()
    form = client.get("/sign-in").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert csrf
    signed_in = client.post("/sign-in", data={"csrf_token": csrf.group(1), "token": admin})
    assert signed_in.status_code == 303
    page = client.get("/upload").get_data(as_text=True)
    assert 'type="file"' in page and "Add a document" in page
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf
    refused = client.post("/upload", data=sent("minutes.txt", MINUTES.encode()))
    assert refused.status_code == 400 and kb.store.documents() == []
    added = client.post(
        "/upload", data={**sent("minutes.txt", MINUTES.encode()), "csrf_token": csrf.group(1)}
    )
    assert added.status_code == 200 and "Added" in added.get_data(as_text=True)
    assert len(kb.store.documents()) == 1


def test_saved_names_are_plain_and_checked() -> None:
    assert safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert safe_name("C:\\Users\\x\\Minutes (final).DOCX") == "Minutes_final_.docx"
    assert safe_name(".hidden.md") == "hidden.md"
    assert safe_name("Ça\nva.txt") == "Ca_va.txt"
    assert check_upload("a.pdf", b"%PDF-1.7").value == "pdf"


def test_the_cli_makes_administrators_tokens(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"SCRUTINY_EMBEDDER": "hashing"}
    store = str(tmp_path / "store")
    made = runner.invoke(main, ["token", "create", "Ada", "--admin", "--store", store], env=env)
    assert made.exit_code == 0, made.output
    listed = runner.invoke(main, ["token", "list", "--store", store], env=env)
    assert "Ada" in listed.output and "admin" in listed.output
