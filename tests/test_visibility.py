"""Public and restricted documents: anonymous readers never see a restricted document or
anything derived from it; officers (API token or web sign-in) see everything."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from scrutiny.cli import main
from scrutiny.graph.store import Store
from scrutiny.results import Officer
from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase, document_id_for
from scrutiny.settings import Settings
from scrutiny.web import create_app

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
MARKER = "Zorblax"
#: What probes ask for: the marker in lower case (keyword search and SPARQL's LCASE find
#: it), so a page echoing the query is not mistaken for one showing the document.
PROBE = MARKER.lower()
ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def restricted_text() -> str:
    """A sample with recommendations, and the marker in its title, a named case, a
    recommendation and a paragraph."""
    text = (SAMPLES / "000_d36982314f02b529.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[0] = f"{MARKER} review: {lines[0]}"
    out = []
    for line in lines:
        if line.startswith("| Recommendation 1:"):
            line = line.replace("Recommendation 1:", f"Recommendation 1: {MARKER} audit.", 1)
        out.append(line)
    out.insert(2, f"The review of Child {MARKER} found that the {MARKER} panel met monthly.")
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[KnowledgeBase, Path]]:
    root = tmp_path_factory.mktemp("visibility")
    public = root / "public"
    restricted = root / "restricted"
    public.mkdir()
    restricted.mkdir()
    shutil.copy(SAMPLES / "001_e6f87c9fb8f3a54e.txt", public / "minutes.txt")
    (restricted / "review.txt").write_text(restricted_text(), encoding="utf-8")
    settings = Settings(store=root / "store", embedder="hashing")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        assert kb.ingest([public]).ok
        report = kb.ingest([restricted], visibility="restricted")
        assert report.ok and len(report.added) == 1
        yield kb, restricted / "review.txt"


@pytest.fixture(scope="module")
def app(corpus: tuple[KnowledgeBase, Path]) -> Flask:
    flask_app: Flask = create_app({"TESTING": True}, knowledge_base=corpus[0])
    return flask_app


@pytest.fixture(scope="module")
def token(corpus: tuple[KnowledgeBase, Path]) -> str:
    return corpus[0].create_token("Test Officer")


def restricted_ids(kb: KnowledgeBase, path: Path) -> dict[str, list[str]]:
    """Ids that only the restricted document gives: itself, its passages, its entities
    and shared entities no public document names."""
    document_id = document_id_for(str(path.resolve()))
    everything = {n.id for n in kb.store.nodes()}
    public = {n.id for n in kb.public_store.nodes()}
    passages = [p.id for p in kb.store.passages_of(document_id)]
    return {
        "document": [document_id],
        "entity": sorted(everything - public) + passages[:3],
    }


def probe_urls(app: Flask, ids: dict[str, list[str]]) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path, query or form) for every route of the app."""
    queries: list[dict[str, Any]] = [
        {},
        {"q": PROBE},
        {"q": f"{PROBE} review audit panel"},
        {"q": "recommendation", "limit": "100"},
        {"q": PROBE, "explain": "1", "limit": "100"},
        {"query": ALL_TRIPLES},
        {"query": f'SELECT ?s WHERE {{ ?s ?p ?o FILTER(CONTAINS(LCASE(STR(?o)), "{PROBE}")) }}'},
        {"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"},
        {"limit": "all"},
        {"format": "csv"},
        {"kind": "recommendation", "limit": "100"},
        {"kind": "case", "limit": "100"},
        {"kind": "document", "limit": "100"},
    ]
    probes: list[tuple[str, str, dict[str, Any]]] = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        values: list[dict[str, str]] = [{}]
        for argument in rule.arguments:
            pool = ids["document"] if "document" in argument else ids["entity"] + ids["document"]
            values = [{**v, argument: item} for v in values for item in pool]
        for arguments in values:
            path = rule.rule
            for name, value in arguments.items():
                path = re.sub(rf"<(?:\w+:)?{name}>", value, path)
            methods = (rule.methods or set()) - {"HEAD", "OPTIONS"}
            for method in sorted(methods):
                for query in queries if not arguments else [{}]:
                    probes.append((method, path, query))
    return probes


def leaks(body: str, document_id: str | None) -> list[str]:
    found = []
    if MARKER in body:
        found.append(MARKER)
    if document_id and document_id in body:
        found.append(document_id)
    return found


def test_no_route_shows_an_anonymous_user_anything_restricted(
    app: Flask, corpus: tuple[KnowledgeBase, Path]
) -> None:
    kb, path = corpus
    ids = restricted_ids(kb, path)
    # Shared nodes that only the restricted document names (organisations, themes).
    assert any(i.startswith("organisation:") for i in ids["entity"])
    document_id = ids["document"][0]
    client = app.test_client()
    probes = probe_urls(app, ids)
    assert len(probes) > 50
    for accept in ("text/html", "application/json"):
        for method, url, query in probes:
            if method == "GET":
                response = client.get(url, query_string=query, headers={"Accept": accept})
            else:
                response = client.post(url, data=query, headers={"Accept": accept})
            body = response.get_data(as_text=True)
            # A 404 may name the id the URL asked for (an echo, not a leak).
            echoed = document_id in url
            found = leaks(body + str(response.headers), None if echoed else document_id)
            assert not found, (method, url, query, accept, response.status_code, found)
            if url.startswith(("/documents/", "/entities/", "/api/documents/", "/api/entities/")):
                assert response.status_code == 404, (url, response.status_code)


def test_an_officer_with_a_bearer_token_sees_restricted_documents(
    app: Flask, corpus: tuple[KnowledgeBase, Path], token: str
) -> None:
    _kb, path = corpus
    document_id = document_id_for(str(path.resolve()))
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    hits = client.get("/api/search", query_string={"q": MARKER}, headers=headers).get_json()
    assert hits["results"] and hits["results"][0]["document"]["id"] == document_id
    assert client.get(f"/api/documents/{document_id}", headers=headers).status_code == 200
    listing = client.get("/api/entities", query_string={"q": MARKER}, headers=headers)
    assert listing.get_json()["total"] > 0
    response = client.get("/api/search", query_string={"q": MARKER}, headers=headers)
    assert "Authorization" in response.headers["Vary"]
    assert "no-store" in response.headers["Cache-Control"]
    anonymous = client.get("/api/search", query_string={"q": MARKER}).get_json()
    assert anonymous["results"] == [] and anonymous["total"] == 0


def test_sparql_sees_restricted_triples_only_for_officers(app: Flask, token: str) -> None:
    client = app.test_client()
    query = {"query": ALL_TRIPLES}
    accept = {"Accept": "application/sparql-results+json"}
    anonymous = client.get("/sparql", query_string=query, headers=accept)
    officer = client.get(
        "/sparql", query_string=query, headers={**accept, "Authorization": f"Bearer {token}"}
    )
    assert anonymous.status_code == officer.status_code == 200
    assert MARKER not in anonymous.get_data(as_text=True)
    assert MARKER in officer.get_data(as_text=True)


def test_an_invalid_bearer_token_is_refused(client: FlaskClient) -> None:
    for header in ("Bearer sgt_0000_nope", "Bearer ", "Basic abc"):
        response = client.get(
            "/api/search", query_string={"q": "x"}, headers={"Authorization": header}
        )
        assert response.status_code == 401
        assert response.get_json()["error"]["status"] == 401


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, page
    return match.group(1)


def test_officers_sign_in_and_out_of_the_web_ui(
    app: Flask, corpus: tuple[KnowledgeBase, Path], token: str
) -> None:
    _kb, _ = corpus
    client = app.test_client()
    form = client.get("/sign-in?next=/search?q=" + PROBE)
    csrf = _csrf(form.get_data(as_text=True))
    # Without the CSRF token (a forged form), or with a wrong token: refused.
    assert client.post("/sign-in", data={"token": token}).status_code == 400
    wrong = client.post("/sign-in", data={"token": "sgt_x_y", "csrf_token": csrf})
    assert wrong.status_code == 401
    cookie = client.get_cookie("scrutiny_session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    response = client.post(
        "/sign-in", data={"token": token, "csrf_token": csrf, "next": "https://evil.example/"}
    )
    assert response.status_code == 303 and response.headers["Location"] == "/"
    anonymous = app.test_client()
    for target in ("//evil.example/", "/\\evil.example/", "javascript:alert(1)", "/a b"):
        page = anonymous.get("/sign-in", query_string={"next": target}).get_data(as_text=True)
        assert 'name="next" value="/"' in page, target
    page = client.get("/search", query_string={"q": PROBE}).get_data(as_text=True)
    assert MARKER in page and "Sign out" in page
    # Signing out needs the (new) CSRF token too.
    assert client.post("/sign-out").status_code == 400
    csrf = _csrf(page)
    assert client.post("/sign-out", data={"csrf_token": csrf}).status_code == 303
    assert MARKER not in client.get("/search", query_string={"q": PROBE}).get_data(as_text=True)


def test_a_revoked_token_ends_its_sessions(app: Flask, corpus: tuple[KnowledgeBase, Path]) -> None:
    kb, _ = corpus
    token = kb.create_token("Short Lived")
    client = app.test_client()
    csrf = _csrf(client.get("/sign-in").get_data(as_text=True))
    client.post("/sign-in", data={"token": token, "csrf_token": csrf})
    assert MARKER in client.get("/api/search", query_string={"q": PROBE}).get_data(as_text=True)
    kb.revoke_token("Short Lived")
    assert MARKER not in client.get("/api/search", query_string={"q": PROBE}).get_data(as_text=True)
    assert kb.verify_token(token) is None


def test_tokens_are_stored_salted_and_hashed(corpus: tuple[KnowledgeBase, Path]) -> None:
    kb, _ = corpus
    token = kb.create_token("Hash Check")
    secret = token.rsplit("_", 1)[1]
    raw = Path(kb.settings.database_path).read_bytes()
    assert secret.encode() not in raw
    assert kb.verify_token(token) == Officer("Hash Check")
    assert kb.verify_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    with pytest.raises(Exception, match="exists already"):
        kb.create_token("Hash Check")


def test_visibility_follows_the_restricted_paths_setting_and_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "part-two"
    folder.mkdir()
    shutil.copy(SAMPLES / "001_e6f87c9fb8f3a54e.txt", folder / "a.txt")
    settings = Settings(
        store=tmp_path / "store", embedder="hashing", restricted_paths=f"/nowhere:{folder}"
    )
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        kb.ingest([folder])
        assert kb.documents() == [] and len(kb.documents(include_restricted=True)) == 1
        # Made public explicitly without re-processing, then kept on a plain re-ingest.
        report = kb.ingest([folder], visibility="public")
        assert len(report.updated) == 1 and report.passages == 0
        assert len(kb.documents()) == 1
    with KnowledgeBase(
        Settings(store=tmp_path / "store", embedder="hashing"), embedder=HashingEmbedder()
    ) as kb:
        kb.ingest([folder], visibility="restricted")
        assert kb.ingest([folder]).unchanged and kb.documents() == []


def test_the_cli_ingests_restricted_files_and_creates_tokens(tmp_path: Path) -> None:
    runner = CliRunner()
    store = tmp_path / "store"
    source = tmp_path / "a.txt"
    shutil.copy(SAMPLES / "001_e6f87c9fb8f3a54e.txt", source)
    env = {"SCRUTINY_EMBEDDER": "hashing"}
    result = runner.invoke(
        main, ["ingest", str(source), "--store", str(store), "--visibility", "restricted"], env=env
    )
    assert result.exit_code == 0, result.output
    listed = runner.invoke(main, ["documents", "--store", str(store)], env=env)
    assert "(restricted)" in listed.output
    created = runner.invoke(main, ["token", "create", "Jo Smith", "--store", str(store)], env=env)
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[0]
    assert token.startswith("sgt_")
    assert (
        "Jo Smith" in runner.invoke(main, ["token", "list", "--store", str(store)], env=env).output
    )
    with KnowledgeBase(Settings(store=store, embedder="hashing"), embedder=HashingEmbedder()) as kb:
        assert kb.verify_token(token) == Officer("Jo Smith")
    revoked = runner.invoke(main, ["token", "revoke", "Jo Smith", "--store", str(store)], env=env)
    assert revoked.exit_code == 0


def test_an_older_store_gains_visibility_and_stays_public(tmp_path: Path) -> None:
    import sqlite3

    settings = Settings(store=tmp_path / "store", embedder="hashing")
    source = tmp_path / "a.txt"
    shutil.copy(SAMPLES / "001_e6f87c9fb8f3a54e.txt", source)
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        kb.ingest([source])
    with sqlite3.connect(settings.database_path) as db:  # make it look like version 3
        db.execute("ALTER TABLE documents DROP COLUMN visibility")
        db.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    with Store(settings.database_path, public_only=True) as store:
        (document,) = store.documents()
        assert document.visibility == "public" and store.passages_of(document.id)


def test_keyword_lists_of_a_public_reader_hold_visible_rows_only(
    corpus: tuple[KnowledgeBase, Path],
) -> None:
    kb, _ = corpus
    for table in ("passages", "windows"):
        assert kb.store.fts_bm25(table, [PROBE], 10)
        assert kb.public_store.fts_bm25(table, [PROBE], 10) == []
    assert kb.store.phrase_search(f"{PROBE} panel", 10)
    assert kb.public_store.phrase_search(f"{PROBE} panel", 10) == []


def test_a_restricted_document_ingested_by_another_process_stays_hidden(tmp_path: Path) -> None:
    """While nothing is restricted, anonymous reads take the whole store (no joins); the
    first restricted document another process adds switches them to the public view."""
    public = tmp_path / "public"
    public.mkdir()
    shutil.copy(SAMPLES / "001_e6f87c9fb8f3a54e.txt", public / "a.txt")
    restricted = tmp_path / "review.txt"
    restricted.write_text(restricted_text(), encoding="utf-8")
    settings = Settings(store=tmp_path / "store", embedder="hashing")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as server:
        server.ingest([public])
        client = create_app({"TESTING": True}, knowledge_base=server).test_client()
        token = server.create_token("Officer")
        for url in ("/api/search?q=recommendation", "/api/entities", "/api/tracker", "/"):
            assert client.get(url).status_code == 200  # caches filled while all is public
        with KnowledgeBase(settings, embedder=HashingEmbedder()) as other:
            assert other.ingest([restricted], visibility="restricted").ok
        for url in (f"/api/search?q={PROBE}", "/api/entities?limit=100", "/api/tracker"):
            assert MARKER not in client.get(url).get_data(as_text=True), url
        officer = client.get(f"/api/search?q={PROBE}", headers={"Authorization": f"Bearer {token}"})
        assert MARKER in officer.get_data(as_text=True)


def test_dense_lists_of_a_public_reader_are_filled_with_visible_passages(
    corpus: tuple[KnowledgeBase, Path],
) -> None:
    kb, path = corpus
    hidden = {p.row_id for p in kb.store.passages_of(document_id_for(str(path.resolve())))}
    vector = kb.embedder.embed_query(f"{PROBE} review panel met monthly")
    assert {row for row, _ in kb.index.search(vector, 5)} & hidden  # nearest are hidden
    with kb._reading(include_restricted=False):
        found = kb._engine().vectors.search(vector, 5)
    assert len(found) == 5 and not {row for row, _ in found} & hidden


PUBLIC_MINUTES = """Slough Borough Council
Children's Services Scrutiny Panel
Minutes of the meeting held on 3 March 2021

Present: Councillor Jane Doe (Chair), Councillor Amir Khan.

1. Care leavers' housing
The Panel received a report on housing for care leavers. Councillor Jane Doe thanked officers.
"""
RESTRICTED_REVIEW = f"""Slough Borough Council
Local Child Safeguarding Practice Review
Published 5 May 2021

Jane Doe, {MARKER} Liaison Manager, attended the panel. The review found failures.
Councillor Jane Doe ({MARKER} Commissioner) agreed to report back.
"""


@pytest.fixture
def shared_person(tmp_path: Path) -> Iterator[tuple[KnowledgeBase, Path]]:
    """A person named by a public document and by a restricted one, which alone gives
    the roles that carry the marker."""
    (tmp_path / "public").mkdir()
    (tmp_path / "restricted").mkdir()
    (tmp_path / "public" / "minutes.txt").write_text(PUBLIC_MINUTES, encoding="utf-8")
    review = tmp_path / "restricted" / "review.txt"
    review.write_text(RESTRICTED_REVIEW, encoding="utf-8")
    settings = Settings(store=tmp_path / "store", embedder="hashing")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        assert kb.ingest([tmp_path / "public"]).ok
        assert kb.ingest([tmp_path / "restricted"], visibility="restricted").ok
        yield kb, review


def roles(node: Any) -> list[str]:
    return [str(r) for r in node.attributes.get("roles", [])]


def test_what_a_restricted_document_says_of_a_shared_node_stays_restricted(
    shared_person: tuple[KnowledgeBase, Path],
) -> None:
    kb, _ = shared_person
    officer, public = kb.store.node("person:jane-doe"), kb.public_store.node("person:jane-doe")
    assert officer is not None and public is not None
    assert any(MARKER in role for role in roles(officer))
    assert roles(public) == ["Councillor", "Chair"]
    app = create_app({"TESTING": True}, knowledge_base=kb)
    client = app.test_client()
    for url in ("/api/entities/person:jane-doe", "/entities/person:jane-doe",
                "/api/entities?kind=person", "/entities?kind=person"):  # fmt: skip
        body = client.get(url).get_data(as_text=True)
        assert MARKER not in body, url
    ids = {"document": [], "entity": ["person:jane-doe", "organisation:slough-borough-council"]}
    for method, url, query in probe_urls(app, ids):
        if method != "GET":
            continue
        response = client.get(url, query_string=query)
        assert MARKER not in response.get_data(as_text=True), (url, query)


def test_a_shared_node_follows_its_documents_visibility_and_removal(
    shared_person: tuple[KnowledgeBase, Path],
) -> None:
    kb, review = shared_person
    document_id = document_id_for(str(review.resolve()))
    kb.store.set_visibility(document_id, "public")
    public = kb.public_store.node("person:jane-doe")
    assert public is not None and any(MARKER in role for role in roles(public))
    kb.store.set_visibility(document_id, "restricted")
    public = kb.public_store.node("person:jane-doe")
    assert public is not None and not any(MARKER in role for role in roles(public))
    kb.store.delete_document(document_id)
    officer = kb.store.node("person:jane-doe")
    assert officer is not None and roles(officer) == ["Councillor", "Chair"]


def test_an_older_store_is_processed_again_to_record_node_sources(tmp_path: Path) -> None:
    import sqlite3

    settings = Settings(store=tmp_path / "store", embedder="hashing")
    source = tmp_path / "minutes.txt"
    source.write_text(PUBLIC_MINUTES, encoding="utf-8")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        kb.ingest([source])
    with sqlite3.connect(settings.database_path) as db:  # make it look like version 4
        db.execute("DELETE FROM node_sources")
        db.execute("ALTER TABLE nodes DROP COLUMN public_label")
        db.execute("ALTER TABLE nodes DROP COLUMN public_attributes")
        db.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        report = kb.ingest([source])
        assert report.updated == [str(source.resolve())] or report.added
        public = kb.public_store.node("person:jane-doe")
        assert public is not None and roles(public) == ["Councillor", "Chair"]
