"""The ``scrutiny`` command line. Thin: parses options, calls the service, prints.

Errors from the service are translated in one place (``ScrutinyGroup.invoke``).
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
import textwrap
import unicodedata
from pathlib import Path
from typing import Any

import click

from scrutiny.errors import ScrutinyError
from scrutiny.results import SearchResponse
from scrutiny.settings import Settings, describe

STORE_HELP = (
    "Knowledge base directory (default: $SCRUTINY_STORE or $XDG_DATA_HOME/scrutiny-graph/store)."
)


class ScrutinyGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ScrutinyError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)


def safe(text: object) -> str:
    """Text for one line of a terminal: control characters (a newline in a file name,
    an escape sequence) and line separators shown as escapes, never acted on."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp")
        else ch
        for ch in str(text)
    )


def _settings(store: Path | None, **overrides: Any) -> Settings:
    return Settings.from_env(store=store, **overrides)


def _open(settings: Settings) -> Any:
    from scrutiny.service import KnowledgeBase

    kb = KnowledgeBase(settings)
    kb.on_lock_wait = _tell_waiting
    return kb


def _tell_waiting(message: str) -> None:
    click.echo(safe(message), err=True)


store_option = click.option(
    "--store", type=click.Path(file_okay=False, path_type=Path), default=None, help=STORE_HELP
)


@click.group(cls=ScrutinyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="scrutiny-graph")
def main() -> None:
    """scrutiny-graph: find what councils and safeguarding partnerships promised about
    children's services, and cite the exact passage.

    Typical use: `scrutiny ingest data/samples`, then `scrutiny search "care leavers
    housing"` or `scrutiny serve` for the web UI.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal)."
)
@click.option(
    "--visibility",
    type=click.Choice(["public", "restricted"]),
    default=None,
    help="Who may see these files on the web: everyone, or signed-in officers only "
    "(default: restricted under a folder of SCRUTINY_RESTRICTED_PATHS, else a stored "
    "document keeps its own, else public).",
)
def ingest(
    paths: tuple[Path, ...], store: Path | None, progress: bool | None, visibility: str | None
) -> None:
    """Ingest files and directories (walked recursively) of .txt, .md, .html, .pdf and .docx.

    Unchanged files are skipped; a changed file replaces its earlier version. A file that
    cannot be read is reported with the problem and the others still ingest; the exit
    status is then 1.
    """
    from tqdm import tqdm

    from scrutiny.ingest.pipeline import discover_files

    settings = _settings(store)
    files = list(discover_files(paths))
    show = sys.stderr.isatty() if progress is None else progress
    with _open(settings) as kb, tqdm(total=len(files), unit="file", disable=not show) as bar:
        _prepare_query_encoder(kb)
        report = kb.ingest(
            files,
            progress=lambda path: (bar.set_postfix_str(path.name[:40]), bar.update()),
            visibility=visibility,
        )
    for warning in report.warnings:
        click.echo(f"warning: {safe(warning.message)}", err=True)
    for failure in report.failed:
        click.echo(f"error: {safe(failure.message)}", err=True)
    click.echo(
        f"{len(files)} files: {len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.failed)} failed; "
        f"{report.passages} passages indexed in {settings.store}"
    )
    if report.failed:
        sys.exit(1)


def _prepare_query_encoder(kb: Any) -> None:
    """Export and load the ONNX query encoder now (~6 s on a fresh install), so the
    first search after an ingest is fast; a failure only warns: searches prepare it."""
    try:
        kb.embedder.embed_query("warm up")
    except Exception as exc:  # an export failing must not stop the ingest
        reason = safe(" ".join(str(exc).split())[:300] or type(exc).__name__)
        click.echo(f"warning: the query encoder is not prepared ({reason})", err=True)


@main.command()
@click.argument("query")
@store_option
@click.option(
    "--limit", "-n", type=int, default=None, help="Number of results (default 10, at most 100)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON search contract.")
@click.option("--explain", is_flag=True, help="Show keyword, dense and re-rank scores per result.")
@click.option("--council", help="Only documents of a council (part of its name).")
@click.option("--committee", help="Only documents of a committee (part of its name).")
@click.option("--kind", help="Only passages carrying an entity of this kind, e.g. commitment.")
@click.option("--theme", help="Only passages on a theme (key or label).")
@click.option("--organisation", help="Only passages naming or owned by an organisation.")
@click.option("--status", help="Only recommendations with this response status.")
@click.option("--year", type=int, help="Only documents dated in this year.")
def search(
    query: str,
    store: Path | None,
    limit: int | None,
    as_json: bool,
    explain: bool,
    council: str | None,
    committee: str | None,
    kind: str | None,
    theme: str | None,
    organisation: str | None,
    status: str | None,
    year: int | None,
) -> None:
    """Search passages by keywords and meaning; every result cites its exact span.

    Put "exact phrases" in double quotes. Questions like "what was promised on …" favour
    commitments and responses; "who is responsible for …" favours owners.
    """
    from scrutiny.results import SearchFilters

    filters = SearchFilters(kind, council, committee, theme, organisation, status, year)
    with _open(_settings(store)) as kb:
        response = kb.search(
            query, limit=limit, filters=filters, explain=explain, include_restricted=True
        )
    if as_json:
        click.echo(json.dumps(response.to_json(), indent=2, ensure_ascii=False))
    else:
        _print_results(response, explain)


def _print_results(response: SearchResponse, explain: bool = False) -> None:
    from scrutiny.graph.fields import fields_for, status_text

    if not response.results:
        click.echo(f"No results for “{response.query}”.")
        return
    intent = response.interpretation.intent
    if intent and intent != "general":
        click.echo(f"(read as a question about {intent})\n")
    for hit in response.results:
        doc = hit.document
        where = ", ".join(part for part in (doc.council, doc.date) if part)
        heading = f"{hit.rank}. {doc.title}" + (f" ({where})" if where else "")
        click.secho(safe(heading), bold=True)
        click.echo(f"   {hit.id}  chars {hit.start}-{hit.end}  score {hit.score:.4f}")
        if hit.entity is not None:
            status = status_text(fields_for(hit.entity.kind, hit.entity.attributes))
            click.echo(
                f"   {hit.entity.kind}: {hit.entity.label}" + (f" [{status}]" if status else "")
            )
        snippet = " ".join(hit.text.replace("|", " ").split())
        click.echo(textwrap.indent(textwrap.fill(textwrap.shorten(snippet, 400), 88), "   "))
        if explain and hit.explanation:
            click.echo(f"   explain: {json.dumps(hit.explanation.to_json())}")
        click.echo()


@main.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def documents(store: Path | None, as_json: bool) -> None:
    """List the documents in the knowledge base (restricted ones marked)."""
    with _open(_settings(store)) as kb:
        refs = kb.documents(include_restricted=True)
        visibility = {d.id: d.visibility for d in kb.stored_documents(include_restricted=True)}
    if as_json:
        rows = [{**r.to_json(), "visibility": visibility.get(r.id, "public")} for r in refs]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for ref in refs:
        council, title = safe(ref.council or "-"), safe(ref.title)
        mark = "  (restricted)" if visibility.get(ref.id) == "restricted" else ""
        click.echo(f"{ref.id}  {ref.date or '----------'}  {council}  {title}{mark}")


@main.command()
@store_option
@click.option(
    "--kind", help="Entity kind: recommendation, response, finding, commitment, meeting, …"
)
@click.option("--council", help="Part of the council's name, e.g. Hackney.")
@click.option("--theme", help="Theme key or label, e.g. care-leavers.")
@click.option("--organisation", help="Organisation id, name or alias, e.g. MPS.")
@click.option("--status", help="Response status: accepted, partially accepted, rejected, noted.")
@click.option("--q", "text", help="Words that must appear in the label or text.")
@click.option("--limit", "-n", type=int, default=20, show_default=True, help="Entities to list.")
@click.option(
    "--offset", type=click.IntRange(0, 1_000_000_000), default=0,
    help="Skip this many matches first.",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the JSON of /api/entities.")
def entities(
    store: Path | None,
    kind: str | None,
    council: str | None,
    theme: str | None,
    organisation: str | None,
    status: str | None,
    text: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """List graph entities (recommendations, commitments, organisations, …) by filters."""
    from scrutiny.graph.fields import fields_for, status_text
    from scrutiny.results import EntityQuery

    query = EntityQuery(kind, council, theme, organisation, status, text, limit, offset)
    with _open(_settings(store)) as kb:
        page = kb.entities(query, include_restricted=True)
    if as_json:
        click.echo(json.dumps(page.to_json(), indent=2, ensure_ascii=False))
        return
    click.echo(f"{page.total} entities" + (f"; showing {len(page.entities)}" if page.total else ""))
    for entity in page.entities:
        stated = status_text(fields_for(entity.kind, entity.attributes))
        extra = f" [{stated}]" if stated else ""
        click.secho(safe(f"{entity.id}  {entity.kind}: {entity.label}{extra}"), bold=True)
        if entity.text and entity.text != entity.label:
            click.echo(textwrap.indent(textwrap.shorten(entity.text, 300), "    "))


@main.command()
@store_option
@click.option("--council", help="Part of the council's name, e.g. Hackney.")
@click.option("--body", help="Part of the publishing body's name, e.g. partnership.")
@click.option("--theme", help="Theme key or label, e.g. care-leavers.")
@click.option("--status", help="Response status (accepted, rejected, …) or 'none'.")
@click.option("--owner", help="Part of an owner's name, e.g. Corporate Parenting.")
@click.option("--kind", type=click.Choice(["recommendation", "commitment"]), help="One kind only.")
@click.option(
    "--overdue/--not-overdue", default=None, help="Only overdue rows, or only the others."
)
@click.option("--year", type=int, help="Only documents dated in this year.")
@click.option("--as-at", "as_at", help="Judge overdue on this date (YYYY-MM-DD; default today).")
@click.option(
    "--sort", default="-date", show_default=True,
    help="date, due, council, body, document, number, status, owner or kind (-due: descending).",
)  # fmt: skip
@click.option("--limit", "-n", type=int, default=None, help="Rows to list (default: all).")
@click.option("--offset", type=click.IntRange(0), default=0, help="Skip this many rows first.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
    show_default=True, help="A readable list, or the CSV or JSON of /api/tracker.",
)  # fmt: skip
def tracker(
    store: Path | None,
    council: str | None,
    body: str | None,
    theme: str | None,
    status: str | None,
    owner: str | None,
    kind: str | None,
    overdue: bool | None,
    year: int | None,
    as_at: str | None,
    sort: str,
    limit: int | None,
    offset: int,
    fmt: str,
) -> None:
    """Track recommendations and commitments: owner, due date, response status, progress."""
    from scrutiny.tracker import TrackerQuery, parse_as_at

    query = TrackerQuery(
        council=council, body=body, theme=theme, status=status.lower() if status else None,
        owner=owner, kind=kind, overdue=overdue, year=year, as_at=parse_as_at(as_at),
        sort=sort, limit=limit, offset=offset,
    )  # fmt: skip
    with _open(_settings(store)) as kb:
        page = kb.tracker(query, include_restricted=True)
    if fmt == "json":
        click.echo(json.dumps(page.to_json(), indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        click.echo(page.to_csv(), nl=False)
        return
    click.echo(f"{page.total} rows; overdue as at {page.as_at}")
    for row in page.rows:
        where = " · ".join(p for p in (row.council or row.body, row.document_title, row.date) if p)
        number = f" {row.number}" if row.number else ""
        flag = " OVERDUE" if row.overdue else (" complete" if row.complete else "")
        click.secho(safe(f"{row.id}  {row.kind}{number} [{row.status or 'no response'}]{flag}"),
                    bold=True)  # fmt: skip
        click.echo(textwrap.indent(textwrap.shorten(safe(row.text), 300), "    "))
        details = [
            f"owner: {', '.join(row.owners) or '-'}",
            f"due: {row.due or '-'}"
            + (f" ({row.due_date})" if row.due_date and row.due_date != row.due else ""),
        ]
        if row.progress:
            details.append(f"progress: {row.progress}")
        click.echo(safe(f"    {'; '.join(details)}"))
        click.echo(safe(f"    {where}  {row.source_link or ''}"))


@main.command()
@click.argument("entity_id")
@store_option
def show(entity_id: str, store: Path | None) -> None:
    """Show one entity with its attributes, neighbours and mentions, as JSON."""
    with _open(_settings(store)) as kb:
        detail = kb.entity(entity_id, include_restricted=True)
    click.echo(json.dumps(detail.to_json(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("source_id")
@click.argument("target_id")
@store_option
def path(source_id: str, target_id: str, store: Path | None) -> None:
    """Show how two entities are connected in the graph (shortest chain of edges)."""
    with _open(_settings(store)) as kb:
        steps = kb.connection(source_id, target_id, include_restricted=True)
        names = {node: _node_name(kb, node) for s in steps for node in (s.source, s.target)}
    if not steps:
        click.echo(f"{safe(source_id)} and {safe(target_id)} are not connected.")
    for step in steps:
        click.echo(f"{names[step.source]} --{step.edge}--> {names[step.target]}")


#: Longest label ``scrutiny path`` prints for one node (passages: their opening words).
PATH_LABEL_CHARS = 60


def _node_name(kb: Any, node_id: str) -> str:
    """A node as ``path`` prints it: kind, label and id (``case "Child Q" (case:child-q)``)."""
    node = kb.store.node(node_id)
    if node is not None:
        kind, label = node.kind.value, node.label
    elif (passage := kb.store.passage(node_id)) is not None:
        kind, label = "passage", passage.search_text
    else:
        return safe(node_id)
    label = " ".join(str(label).split())
    if len(label) > PATH_LABEL_CHARS:
        label = label[: PATH_LABEL_CHARS - 1].rstrip() + "…"
    return safe(f'{kind} "{label}" ({node_id})')


@main.command()
@store_option
@click.option(
    "--format", "fmt", type=click.Choice(["turtle", "jsonld", "csv"]), default="turtle",
    show_default=True, help="Turtle, JSON-LD, or a ZIP of nodes.csv and edges.csv.",
)  # fmt: skip
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output; required for csv).",
)
def export(store: Path | None, fmt: str, output: Path | None) -> None:
    """Export the whole graph as linked data (W3C ORG, PROV-O, SKOS, Dublin Core)."""
    with _open(_settings(store)) as kb:
        data = kb.export(fmt, include_restricted=True)
    if isinstance(data, bytes):
        if output is None:
            raise click.UsageError("--output FILE is required for csv (a ZIP archive)")
        output.write_bytes(data)
    elif output is None:
        click.echo(data, nl=False)
    else:
        output.write_text(data, encoding="utf-8")
    if output is not None:
        click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("query")
@store_option
def sparql(query: str, store: Path | None) -> None:
    """Run a read-only SPARQL 1.1 query; prints SPARQL JSON results (or Turtle)."""
    with _open(_settings(store)) as kb:
        result = kb.sparql(query, include_restricted=True)
    payload = result.to_json()
    click.echo(payload if isinstance(payload, str) else json.dumps(payload, indent=2))


@main.command()
@store_option
@click.option("--top", type=int, default=40, show_default=True, help="Phrases to list.")
def themes(store: Path | None, top: int) -> None:
    """Report frequent phrases that match no theme, so the theme scheme can grow."""
    with _open(_settings(store)) as kb:
        phrases = kb.unmatched_theme_phrases(top, include_restricted=True)
    for phrase in phrases:
        click.echo(f"{phrase.count:6d}  {phrase.phrase}")


@main.command()
@click.argument("document_id")
@store_option
def delete(document_id: str, store: Path | None) -> None:
    """Remove a document and everything extracted from it."""
    with _open(_settings(store)) as kb:
        kb.delete(document_id)
    click.echo(f"deleted {document_id}")


@main.command()
@store_option
def reindex(store: Path | None) -> None:
    """Re-embed every passage with the configured embedder and rebuild the vector index."""
    from tqdm import tqdm

    settings = _settings(store)
    from scrutiny.service import KnowledgeBase

    with KnowledgeBase(settings, reindexing=True) as kb, tqdm(unit="passage") as bar:
        kb.on_lock_wait = _tell_waiting
        count = kb.reindex(progress=bar.update)
    click.echo(f"re-embedded {count} passages in {settings.store}")


@main.command()
@store_option
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port to listen on (default 5000; 0: any).")
@click.option(
    "--threads", type=click.IntRange(min=0), default=None,
    help="Worker threads per process (default: twice the cores, 4 to 32).",
)  # fmt: skip
@click.option(
    "--workers", type=click.IntRange(min=1), default=None,
    help="Server processes sharing the listening socket (default: the cores, at most 4): "
    "Python runs one request's code at a time per process.",
)  # fmt: skip
def serve(
    store: Path | None,
    host: str | None,
    port: int | None,
    threads: int | None,
    workers: int | None,
) -> None:
    """Serve the web UI and JSON API with waitress (a production WSGI server), in one
    process per core. Each process listens on a socket of its own bound to the same
    port (SO_REUSEPORT), so the kernel spreads new connections across the processes
    (on one shared socket a single process could accept them all); without
    SO_REUSEPORT they share one socket."""
    import logging
    import signal
    import socket

    settings = _settings(store, host=host, port=port, threads=threads)
    processes = workers or max(1, min(os.cpu_count() or 1, 4))
    if not hasattr(os, "fork"):
        processes = 1
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    spread = processes > 1 and hasattr(socket, "SO_REUSEPORT")
    listener = socket.create_server(
        (settings.host, settings.port), family=family, backlog=1024, reuse_port=spread
    )
    bound_port = listener.getsockname()[1]
    # One listening socket per process, all listening before the address is printed.
    listeners = [listener] + [
        socket.create_server(
            (settings.host, bound_port), family=family, backlog=1024, reuse_port=True
        )
        for _ in range(processes - 1 if spread else 0)
    ]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    where = f"http://{settings.host}:{bound_port}/"
    shape = f"{settings.server_threads} threads" + (
        f" in each of {processes} processes" if processes > 1 else ""
    )
    if processes == 1:
        click.echo(f"Serving {settings.store} on {where} ({shape})")
        sys.stdout.flush()
        _serve_process(settings, listener)
        return
    children: list[int] = []
    for index in range(processes):
        own = listeners[index % len(listeners)]
        pid = os.fork()
        if pid == 0:  # a server process: its own store connections, model and workers
            signal.signal(signal.SIGTERM, _interrupt)
            _end_with_parent(signal.SIGTERM)
            for other in listeners:
                if other is not own:
                    other.close()
            code = 0
            try:
                _serve_process(settings, own)
            except BaseException:
                code = 1
            os._exit(code)
        children.append(pid)
    click.echo(f"Serving {settings.store} on {where} ({shape})")
    sys.stdout.flush()

    def stop(signum: int, _frame: object) -> None:
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    status = 0
    try:
        _, wait_status = os.wait()  # the first process to end ends the server
        status = os.waitstatus_to_exitcode(wait_status)
    except KeyboardInterrupt:
        pass
    finally:
        stop(signal.SIGTERM, None)
        for child in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(child, 0)
        for each in listeners:
            each.close()
    if status:
        raise SystemExit(status)


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _end_with_parent(signum: int) -> None:
    """Ask Linux to send ``signum`` to this process when its parent ends, so a server
    process never outlives ``scrutiny serve`` (prctl PR_SET_PDEATHSIG; elsewhere a no-op)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if sys.platform.startswith("linux") and name:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(name, use_errno=True).prctl(1, signum)  # 1 = PR_SET_PDEATHSIG


def _serve_process(settings: Settings, listener: Any) -> None:
    """One server process: the app, its query encoder loaded, waitress on ``listener``."""
    import waitress

    from scrutiny.web import create_app
    from scrutiny.web.knowledge import EXTENSION_KEY
    from scrutiny.web.serving import JsonErrorChannel

    app = create_app(settings=settings)
    shared = app.extensions[EXTENSION_KEY]
    # Load the query encoder now (the ONNX export on a first run), not in a request.
    shared.knowledge_base.embedder.embed_query("warm up")
    # What is loaded by now (libraries, the model, the settings) lives as long as the
    # process: a full garbage collection need not walk it again during requests.
    gc.freeze()
    server = waitress.create_server(
        app,
        sockets=[listener],
        threads=settings.server_threads,
        # Bodies over max_request_bytes get the JSON 413 from the app; waitress itself
        # refuses only what is far beyond it (in JSON too: JsonErrorChannel).
        # Administrators' uploads may be up to max_file_bytes.
        max_request_body_size=max(16 * settings.max_request_bytes, settings.max_file_bytes)
        + 1_000_000,
        connection_limit=max(100, 4 * settings.server_threads),
        channel_timeout=60,
        ident="scrutiny-graph",
        clear_untrusted_proxy_headers=True,
    )
    # What waitress refuses itself (oversized headers or body) answers in JSON too.
    server.channel_class = JsonErrorChannel
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        shared.close()


@main.group()
def token() -> None:
    """Officers' API tokens: they see restricted documents (web sign-in, or the
    header `Authorization: Bearer TOKEN`)."""


@token.command("create")
@click.argument("name")
@click.option(
    "--admin", is_flag=True, help="An administrator's token: may also add documents over the web."
)
@store_option
def token_create(name: str, admin: bool, store: Path | None) -> None:
    """Create a token for NAME and print it (once: only a salted hash is stored)."""
    with _open(_settings(store)) as kb:
        secret = kb.create_token(name, admin=admin)
    click.echo(secret)
    click.echo(f"token '{safe(name)}' created; it is not shown again", err=True)


@token.command("list")
@store_option
def token_list(store: Path | None) -> None:
    """List the tokens' names, when they were created and their roles."""
    with _open(_settings(store)) as kb:
        for info in kb.tokens():
            click.echo(f"{safe(info.name)}  {info.created_at}  {info.role}")


@token.command("revoke")
@click.argument("name")
@store_option
def token_revoke(name: str, store: Path | None) -> None:
    """Delete the token NAME: requests and sessions using it become anonymous."""
    with _open(_settings(store)) as kb:
        kb.revoke_token(name)
    click.echo(f"token '{safe(name)}' revoked")


@main.command("settings")
def show_settings() -> None:
    """List every setting with its default, environment variable and meaning."""
    for name, default, help_text, env in describe():
        click.secho(name, bold=True, nl=False)
        click.echo(f"  (default: {default}" + (f"; env {env})" if env else ")"))
        click.echo(textwrap.indent(textwrap.fill(help_text, 84), "    "))


if __name__ == "__main__":
    main()
