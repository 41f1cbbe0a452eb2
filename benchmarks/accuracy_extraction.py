"""Extraction accuracy through the JSON API, as the shared scorer measures it, on dev and
validation in one run.

Usage: .venv/bin/python benchmarks/accuracy_extraction.py [--shared /work/shared]
       [--work /tmp/scrutiny-extraction] [--all] [--only dev|validation]

For each set (dev: the documents of benchmarks/gold/dev_extraction_gold.json, found in
corpus/dev or the seeds; validation: corpus/validation with
eval/validation_extraction_gold.json) the script ingests the documents into a fresh
knowledge base with the hashing embedder (extraction does not depend on the embedder),
serves it on a free local port and runs eval/score_extraction.py against it. The dev gold
was written by the extractors' authors and is optimistic; validation is a check, never a
target. Prints the scorer's output per set, then one table of recall per field side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_GOLD = ROOT / "benchmarks" / "gold" / "dev_extraction_gold.json"
SCRUTINY = Path(sys.executable).parent / "scrutiny"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _documents(gold: Path, folders: list[Path], into: Path) -> Path:
    """Copy the gold's documents (found in the first folder holding each) into one folder."""
    names = [k for k in json.loads(gold.read_text(encoding="utf-8")) if not k.startswith("_")]
    if into.exists():
        shutil.rmtree(into)
    into.mkdir(parents=True)
    for name in names:
        for folder in folders:
            if (folder / name).is_file():
                shutil.copy(folder / name, into / name)
                break
        else:
            print(f"  (not found: {name})")
    return into


def _score(
    name: str, gold: Path, docs: Path, work: Path, scorer: Path, every: bool
) -> dict[str, object]:
    store = work / f"{name}-store"
    if store.exists():
        shutil.rmtree(store)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "SCRUTINY_EMBEDDER": "hashing"}
    started = time.perf_counter()
    subprocess.run(
        [str(SCRUTINY), "ingest", "--store", str(store), "--no-progress", str(docs)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"[{name}] ingested in {time.perf_counter() - started:.1f} s")
    port = _free_port()
    server = subprocess.Popen(
        [str(SCRUTINY), "serve", "--store", str(store), "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/api/entities?kind=meeting&limit=1", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        out = work / f"{name}-score.json"
        args = [sys.executable, str(scorer), base, str(gold), str(docs), "--json", str(out)]
        result = subprocess.run(args + (["--all"] if every else []), capture_output=True, text=True)
        print(f"===== {name} =====")
        print(result.stdout)
        figures: dict[str, object] = json.loads(out.read_text(encoding="utf-8")).get("summary", {})
        return figures
    finally:
        server.terminate()
        server.wait(timeout=30)


def _cell(figure: object) -> str:
    if not isinstance(figure, dict):
        return "-"
    text = f"{figure.get('matched')}/{figure.get('total')}"
    if "precision" in figure and figure.get("precision") is not None:
        text += f" P{float(figure['precision']):.2f} F1 {float(figure.get('f1') or 0):.2f}"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path("/work/shared"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/scrutiny-extraction"))
    parser.add_argument("--all", action="store_true", help="print every miss, not the worst ten")
    parser.add_argument("--only", choices=("dev", "validation"), help="score one set only")
    parser.add_argument(
        "--dev-gold",
        type=Path,
        default=DEV_GOLD,
        help="dev gold to score (default: benchmarks/gold/dev_extraction_gold.json); a part "
        "of it, such as the documents labelled exhaustively, scores precision on those alone",
    )
    args = parser.parse_args()
    shared: Path = args.shared
    scorer = shared / "eval" / "score_extraction.py"
    if not scorer.is_file():
        print(f"no scorer at {scorer}; nothing to measure")
        return 0
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    sets = {
        "dev": (args.dev_gold, [shared / "corpus" / "dev", shared / "seeds"]),
        "validation": (
            shared / "eval" / "validation_extraction_gold.json",
            [shared / "corpus" / "validation"],
        ),
    }
    results: dict[str, dict[str, object]] = {}
    for name, (gold, folders) in sets.items():
        if args.only and name != args.only:
            continue
        docs = _documents(gold, folders, work / f"{name}-docs")
        results[name] = _score(name, gold, docs, work, scorer, args.all)
    fields: list[str] = []
    for figures in results.values():
        fields += [f for f in figures if f not in fields]
    print(f"{'field':<24}" + "".join(f"{name:<26}" for name in results))
    for field in fields:
        print(
            f"{field:<24}" + "".join(f"{_cell(results[name].get(field)):<26}" for name in results)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
