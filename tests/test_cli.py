from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from scrutiny.cli import main
from scrutiny.settings import describe

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.setenv("SCRUTINY_EMBEDDER", "hashing")
    monkeypatch.setenv("SCRUTINY_STORE", str(tmp_path / "store"))
    return CliRunner()


def test_ingest_then_search_as_json(runner: CliRunner, samples: Path) -> None:
    result = runner.invoke(main, ["ingest", str(samples)])
    assert result.exit_code == 0, result.output
    assert "5 added" in result.output
    result = runner.invoke(main, ["search", "Action By Director", "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["query"] == "Action By Director"
    assert len(payload["results"]) == 3
    first = payload["results"][0]
    contract = {"rank", "score", "kind", "id", "text", "start", "end", "document"}
    assert contract <= set(first)
    assert set(first) - contract <= {"entity", "explain", "passage"}
    assert set(first["document"]) == {"id", "title", "council", "date"}


def test_human_output_names_document_and_span(runner: CliRunner, samples: Path) -> None:
    runner.invoke(main, ["ingest", str(samples)])
    result = runner.invoke(main, ["search", "Child C findings", "-n", "2"])
    assert result.exit_code == 0
    assert re.search(r"^1\. .+", result.output, re.M)
    assert re.search(r"chars \d+-\d+", result.output)


def test_bad_files_exit_non_zero_with_one_line_each(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.md").write_text("# Cabinet\n\nThe plan was agreed.\n", "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.docx").write_bytes(b"not a zip")
    result = runner.invoke(main, ["ingest", str(folder)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("broken.docx" in e and "corrupt" in e for e in errors)
    assert "1 added" in result.stdout


def test_service_errors_become_one_clear_line(runner: CliRunner) -> None:
    result = runner.invoke(main, ["search", "   "])
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: the query is empty"


def test_unknown_document_delete_fails_cleanly(runner: CliRunner) -> None:
    result = runner.invoke(main, ["delete", "dnope"])
    assert result.exit_code == 1
    assert "no document with id 'dnope'" in result.stderr


def test_every_command_has_help(runner: CliRunner) -> None:
    for name, command in main.commands.items():
        assert command.help, name
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name


def test_every_setting_and_command_is_documented_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for name, _default, _help, env in describe():
        assert f"`{name}`" in readme, f"setting {name} missing from README"
        if env:
            assert f"`{env}`" in readme, f"environment variable {env} missing from README"
    for command in main.commands:
        assert f"scrutiny {command}" in readme, f"command {command} missing from README"


def test_path_explains_how_two_entities_connect(runner: CliRunner, samples: Path) -> None:
    runner.invoke(main, ["ingest", str(samples)])
    result = runner.invoke(main, ["path", "case:child-q", "council:london-borough-of-camden"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines and all("--" in line and "-->" in line for line in lines)
    assert "case:child-q" in result.output
    # Each node is printed with its kind and label as well as its id.
    assert 'case "Child Q" (case:child-q)' in result.output
    assert 'council "London Borough of Camden" (council:london-borough-of-camden)' in result.output
    assert all(re.search(r'^\w+ ".+" \(\S+\) --\w+--> \w+ ".+" \(\S+\)$', line) for line in lines)
    missing = runner.invoke(main, ["path", "case:child-q", "organisation:nowhere"])
    assert missing.exit_code == 1
    assert "no entity with id 'organisation:nowhere'" in missing.stderr
