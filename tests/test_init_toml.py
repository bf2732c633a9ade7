"""`readme-lint init` writes TOML it can read back, and survives a hostile pyproject.toml."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readme_lint.config import parse_config
from readme_lint.decide import settle
from readme_lint.document import Document
from readme_lint.infer import config_file_text, infer
from readme_lint.source import SourceText, read_source
from tests.conftest import CORPUS, row, run_command, table

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

READMES = sorted(p for p in CORPUS.glob("*/README.md")) if CORPUS.is_dir() else []
HOSTILE = ['a"b\\', "a\x7fb", "x.y ] [z", "a\\u0041", '"""', "tab\there", "#not a comment", "'", "\u2028", "ü.Ö"]


def _round_trip(doc: Document) -> None:
    config, noisy = infer(doc, 10)
    for dedicated in (True, False):
        text = config_file_text(config, noisy, '[project]\nname = "x"\n', dedicated, force=True)
        data = tomllib.loads(text)
        table_data = data if dedicated else data["tool"]["readme-lint"]
        assert table_data == config
        settle(parse_config(table_data, None, None))


@pytest.mark.parametrize("path", READMES or [None], ids=lambda p: p.parent.name if p else "none")
def test_init_toml_round_trips_on_every_corpus_list(path: Path | None) -> None:
    if path is None:
        pytest.skip(f"shared corpus not found at {CORPUS}")
    _round_trip(Document.parse(read_source(path), str(path)))


@pytest.mark.parametrize("name", HOSTILE)
def test_init_toml_round_trips_with_hostile_headings_and_column_names(name: str) -> None:
    # Six rows a table: the list model learns an order only from enough evidence.
    ordered = table(*(row(n, date=f"2023.{n:02d}") for n in range(1, 7)), heading="## First")
    reversed_rows = [row(n, date=f"2024.{19 - n:02d}") for n in range(7, 13)]
    text = ordered + "\n" + table(*reversed_rows, heading=f"## {name}").replace("Affiliation", name.strip() or "x")
    text = text.replace("|Keywords |", f"|{name} |")
    doc = Document.parse(SourceText(text), "x")
    config, _ = infer(doc, 10)
    assert config.get("sections"), "the reversed section should get its own order"
    _round_trip(doc)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.text(max_size=20))
def test_any_string_value_and_key_round_trips(value: str, key: str) -> None:
    from readme_lint.infer import _key, _toml

    assert tomllib.loads(f"{_key(key)} = {_toml(value)}\n") == {key: value}


def test_init_on_a_directory_named_pyproject_toml_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(table(row(1)))
    (tmp_path / "pyproject.toml").mkdir()
    result = run_command(["init"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "readme-lint: error: pyproject.toml: is a directory"


def test_init_on_a_non_utf8_pyproject_toml_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(table(row(1)))
    (tmp_path / "pyproject.toml").write_bytes(b'[project]\nname = "caf\xe9"\n')
    result = run_command(["init"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "readme-lint: error: pyproject.toml: not valid UTF-8 (byte 0xe9 at offset 21)"
    assert (tmp_path / "pyproject.toml").read_bytes() == b'[project]\nname = "caf\xe9"\n'


def test_init_never_writes_through_a_dangling_symlink(tmp_path: Path) -> None:
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    (repository / "README.md").write_text(table(row(1)))
    (repository / ".readme-lint.toml").symlink_to(tmp_path / "planted.toml")
    result = run_command(["init", "--file"], cwd=repository)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "planted.toml").exists()


def test_init_keeps_a_bom_and_the_other_tables_of_pyproject(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(table(row(1)))
    (tmp_path / "pyproject.toml").write_bytes(b'\xef\xbb\xbf[project]\nname = "x"\n')
    assert run_command(["init"], cwd=tmp_path).returncode == 0
    data = (tmp_path / "pyproject.toml").read_bytes()
    assert data.startswith(b'\xef\xbb\xbf[project]\nname = "x"\n') and b"[tool.readme-lint]" in data


def test_a_column_named_by_a_unicode_separator_round_trips() -> None:
    """Markdown trims only spaces and tabs: a header cell holding U+2028 is a column name, and init must write
    it so that the config reads back (Python's str.strip would make it empty, which the config refuses)."""
    text = "".join(
        f"## S{k}\n\n| Title | \u2028 | Date |\n|---|---|---|\n"
        + "".join(f"| **T{k}{n}** | x{n} | 2024.0{n} |\n" for n in range(1, 7))
        + "\n"
        for k in range(2)
    )
    config, noisy = infer(Document.parse(SourceText(text), "x"), 10)
    assert [column["name"] for column in config["columns"]] == ["Title", "\u2028", "Date"]
    data = tomllib.loads(config_file_text(config, noisy, "", True, force=True))
    assert parse_config(data, None, None).columns[1].name == "\u2028"
