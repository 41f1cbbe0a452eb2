"""Settings, declared once with defaults and help text.

Nothing is read from the environment at import time: ``Settings.from_env`` does it
when a command or the web app starts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any


def default_store() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "scrutiny-graph" / "store"


def default_cache() -> Path:
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home) / "scrutiny-graph"


def _setting(default: Any, help: str, env: str | None = None) -> Any:
    return field(default=default, metadata={"help": help, "env": env})


@dataclass(frozen=True)
class Settings:
    store: Path = field(
        default_factory=default_store,
        metadata={
            "help": "Directory of the knowledge base (SQLite file and vector index); "
            "default $XDG_DATA_HOME/scrutiny-graph/store.",
            "env": "SCRUTINY_STORE",
        },
    )
    embedder: str = _setting(
        "minilm",
        "Embedding model: 'minilm' (all-MiniLM-L6-v2 shipped as a package) or "
        "'hashing' (deterministic bag of words, for tests only).",
        "SCRUTINY_EMBEDDER",
    )
    cache: Path = field(
        default_factory=default_cache,
        metadata={
            "help": "Directory for files derived from installed packages (the ONNX export "
            "of the query encoder, made on first use); default "
            "$XDG_CACHE_HOME/scrutiny-graph.",
            "env": "SCRUTINY_CACHE",
        },
    )
    max_file_bytes: int = _setting(
        50_000_000, "Largest file ingest accepts, in bytes.", "SCRUTINY_MAX_FILE_BYTES"
    )
    restricted_paths: str = _setting(
        "",
        "Folders whose files ingest as restricted (seen only by signed-in officers), "
        "separated by ':'; `scrutiny ingest --visibility` overrides it.",
        "SCRUTINY_RESTRICTED_PATHS",
    )
    default_limit: int = _setting(10, "Results returned when a search gives no limit.")
    max_limit: int = _setting(100, "Most results one search may return.")
    candidate_pool: int = _setting(
        200, "Candidates each retriever (keyword, dense) contributes before fusion."
    )
    theme_similarity: float = _setting(
        0.5,
        "Cosine similarity from which a passage is given a theme by meaning as well as by "
        "the theme's labels (0.5 suits all-MiniLM-L6-v2; 1.01 turns it off).",
    )
    recurring_similarity: float = _setting(
        0.7,
        "Cosine similarity from which findings of different reviews count as the same "
        "recurring finding on a theme page (0.7 suits all-MiniLM-L6-v2: no wrong pair "
        "in benchmarks/recurring_findings.py).",
    )
    sparql_timeout: float = _setting(
        10.0, "Seconds a SPARQL query may run before it is abandoned.", "SCRUTINY_SPARQL_TIMEOUT"
    )
    sparql_workers: int = _setting(
        2,
        "SPARQL queries that may run at once, each in a worker process of its own; one "
        "more is refused (503 with Retry-After).",
        "SCRUTINY_SPARQL_WORKERS",
    )
    sparql_memory_mb: int = _setting(
        1024,
        "Memory (MB of address space beyond its start-up) a SPARQL worker process may use.",
        "SCRUTINY_SPARQL_MEMORY_MB",
    )
    sparql_max_rows: int = _setting(
        10_000, "Most rows (or triples) a SPARQL query returns; more are cut off."
    )
    lock_timeout: float = _setting(
        600.0,
        "Seconds an ingest, delete or reindex waits for another process writing the same "
        "knowledge base before it gives up (a negative number: for ever).",
        "SCRUTINY_LOCK_TIMEOUT",
    )
    host: str = _setting("127.0.0.1", "Address the web server listens on.", "SCRUTINY_HOST")
    port: int = _setting(5000, "Port the web server listens on.", "SCRUTINY_PORT")
    threads: int = _setting(
        0,
        "Worker threads of the web server (waitress); 0 sizes them to the cores "
        "(twice the cores, at least 4, at most 32).",
        "SCRUTINY_THREADS",
    )
    max_request_bytes: int = _setting(
        1_000_000, "Largest request body the web server accepts (more is a 413).",
        "SCRUTINY_MAX_REQUEST_BYTES",
    )  # fmt: skip
    max_url_chars: int = _setting(
        8192, "Longest request URL (path and query string) the web app accepts (more is a 414)."
    )

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        environ = dict(os.environ if environ is None else environ)
        values: dict[str, Any] = {}
        for spec in fields(cls):
            name = spec.metadata.get("env")
            if name and name in environ:
                values[spec.name] = _coerce(spec.type, environ[name])
        settings = cls(**values)
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})

    @property
    def database_path(self) -> Path:
        return self.store / "knowledge.sqlite3"

    @property
    def upload_folder(self) -> Path:
        """Where files that administrators add over the web are kept (in the store)."""
        return self.store / "uploads"

    @property
    def server_threads(self) -> int:
        """``threads``, or twice the cores (4 to 32) when it is 0."""
        if self.threads > 0:
            return self.threads
        return min(32, max(4, 2 * (os.cpu_count() or 1)))


def describe() -> list[tuple[str, str, str, str | None]]:
    """(name, default, help, environment variable) for every setting, for docs and --help."""
    rows = []
    defaults = Settings()
    for spec in fields(Settings):
        rows.append(
            (
                spec.name,
                str(getattr(defaults, spec.name)),
                spec.metadata["help"],
                spec.metadata["env"],
            )
        )
    return rows


def _coerce(type_name: object, raw: str) -> Any:
    if type_name in ("int", int):
        return int(raw)
    if type_name in ("float", float):
        return float(raw)
    if type_name in ("Path", Path):
        return Path(raw)
    return raw
