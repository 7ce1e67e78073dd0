"""``oivtui export -o FILE``: the report's format follows the file's extension."""

from __future__ import annotations

from pathlib import Path

import pytest

from oivtui.cli import main as cli


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "esempio.toml"
    assert cli.main(["example", str(path)]) == 0
    return path


def export(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["export", *map(str, args)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("name", ["resoconto.html", "resoconto.htm", "RESOCONTO.HTML"])
def test_an_html_name_gets_html(capsys: pytest.CaptureFixture[str], example: Path, name: str) -> None:
    out = example.parent / name
    code, err = export(capsys, example, "-o", out)
    assert code == 0, err
    text = out.read_text("utf-8")
    assert text.lstrip().lower().startswith("<!doctype html") and "<h1" in text
    assert "\n# " not in text  # no Markdown heading in the HTML file


@pytest.mark.parametrize("name", ["resoconto.md", "resoconto.markdown", "resoconto.txt", "resoconto"])
def test_markdown_names_and_unknown_extensions_get_markdown(
    capsys: pytest.CaptureFixture[str], example: Path, name: str
) -> None:
    out = example.parent / name
    code, err = export(capsys, example, "-o", out)
    assert code == 0, err
    text = out.read_text("utf-8")
    assert "\n# Monitoraggio" in text and "<html" not in text.lower()


def test_format_decides_for_an_unknown_extension(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    out = example.parent / "resoconto.txt"
    code, err = export(capsys, example, "-o", out, "--format", "html")
    assert code == 0, err
    assert "<html" in out.read_text("utf-8").lower()


@pytest.mark.parametrize(
    ("name", "fmt", "said"),
    [
        ("x.html", "md", "l'estensione .html indica il formato HTML, ma --format chiede Markdown"),
        ("x.md", "html", "l'estensione .md indica il formato Markdown, ma --format chiede HTML"),
    ],
)
def test_a_format_contradicting_the_extension_is_refused(
    capsys: pytest.CaptureFixture[str], example: Path, name: str, fmt: str, said: str
) -> None:
    out = example.parent / name
    code, err = export(capsys, example, "-o", out, "--format", fmt)
    assert code == 2
    assert said in err
    assert not out.exists()


def test_a_matching_format_is_fine(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    out = example.parent / "x.html"
    code, err = export(capsys, example, "-o", out, "--format", "html")
    assert code == 0, err
    assert "<html" in out.read_text("utf-8").lower()


def test_a_format_not_written_yet_is_refused(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    out = example.parent / "resoconto.docx"
    code, err = export(capsys, example, "-o", out)
    assert code == 2
    assert "formato Word non ancora disponibile" in err
    assert not out.exists()


def test_pdf_from_the_extension(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    out = example.parent / "resoconto.pdf"
    code, err = export(capsys, example, "-o", out)
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF-1.7")


def test_a_pdf_format_contradicting_the_extension_is_refused(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    out = example.parent / "resoconto.pdf"
    code, err = export(capsys, example, "-o", out, "--format", "md")
    assert code == 2
    assert "l'estensione .pdf indica il formato PDF, ma --format chiede Markdown" in err
    assert not out.exists()


def test_a_folder_that_never_existed_is_not_said_to_be_gone(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    folder = example.parent / "mai-creata"
    code, err = export(capsys, example, "-o", folder / "x.md")
    assert code == 2
    assert f"la cartella {folder} non esiste" in err
    assert "non esiste più" not in err
    capsys.readouterr()
    assert cli.main(["example", str(folder / "e.toml")]) == 2
    err = capsys.readouterr().err
    assert f"la cartella {folder} non esiste" in err and "più" not in err
