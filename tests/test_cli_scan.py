"""The `forewarn scan` command and the Python API: output, errors, round trips."""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import forewarn
from forewarn.report import Report
from tests.conftest import REPO, shared_path

STORY = ("Chapter 1\n\nMara lit a cigarette on the porch and watched the rain.\n\n"
         "\"You should quit,\" Jonah said.\n\nChapter 2\n\nShe never did.")


def test_version_and_help(cli):
    assert forewarn.__version__ in cli("--version").output
    out = cli("scan", "--help").output
    assert "--evidence" in out and "--format" in out and "Examples" in out


def test_terminal_report_shows_work_facts(cli, tmp_path):
    p = tmp_path / "porch.txt"
    p.write_text(STORY, encoding="utf-8")
    res = cli("scan", str(p))
    assert res.exit_code == 0
    assert "porch" in res.output
    assert "words" in res.output and "2 chapters" in res.output
    assert "Content warnings" in res.output and "Story facts" in res.output


def test_json_output_round_trips_and_equals_the_api(cli, tmp_path):
    p = tmp_path / "porch.txt"
    p.write_text(STORY, encoding="utf-8")
    res = cli("scan", str(p), "--format", "json")
    data = json.loads(res.output)
    assert data["schema"] == 1
    assert data["work"]["chapters"] == 2
    for key in ("source", "work", "declared", "warnings", "story", "rating", "tags"):
        assert key in data
    api = forewarn.scan(p).to_dict()
    assert api == data
    assert Report.from_json(res.output).to_dict() == data


def test_api_accepts_text_and_bytes():
    by_text = forewarn.scan(STORY)
    by_bytes = forewarn.scan(STORY.encode("utf-16"))
    assert by_text.work.words == by_bytes.work.words == 19
    assert by_text.work.chapters == 2


def test_out_writes_file(cli, tmp_path):
    p = tmp_path / "s.txt"
    p.write_text(STORY, encoding="utf-8")
    out = tmp_path / "report.json"
    res = cli("scan", str(p), "--format", "json", "--out", str(out))
    assert res.exit_code == 0 and res.output == ""
    assert json.loads(out.read_text())["work"]["words"] == 19


def test_stdin(cli):
    res = cli("scan", "-", "--format", "json", input=STORY.encode())
    data = json.loads(res.output)
    assert data["source"]["format"] == "stdin"
    assert data["work"]["chapters"] == 2


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_text("\n\n   \n")
    (tmp / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp / "cp.txt").write_bytes(b"caf\x81 \x8d\x90")
    (tmp / "pic.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    (tmp / "bad.epub").write_bytes(b"PK\x03\x04 this is not really a zip")
    with zipfile.ZipFile(tmp / "noopf.epub", "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("META-INF/container.xml",
                   '<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                   '<rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>')
    (tmp / "broken.html").write_text("<html><body><div id='preface'></div></body></html>")
    return {
        "missing": (tmp / "nope.txt", "no such file"),
        "directory": (tmp, "directory"),
        "empty": (tmp / "empty.txt", "empty"),
        "blank": (tmp / "blank.txt", "empty"),
        "binary": (tmp / "binary.txt", "binary"),
        "undecodable": (tmp / "cp.txt", "undecodable"),
        "image": (tmp / "pic.txt", "binary"),
        "bad zip": (tmp / "bad.epub", "EPUB"),
        "missing OPF": (tmp / "noopf.epub", "OPF"),
        "broken html": (tmp / "broken.html", "no story text"),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "blank", "binary", "undecodable",
                                  "image", "bad zip", "missing OPF", "broken html"])
def test_unusable_input_is_one_line_exit_2(tmp_path, case):
    path, words = _bad_inputs(tmp_path)[case]
    proc = subprocess.run([sys.executable, "-m", "forewarn.cli", "scan", str(path)],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert str(path.name) in lines[0] and words.lower() in lines[0].lower()
    assert proc.stdout == ""


def test_empty_stdin_is_unusable(cli):
    res = CliRunnerNoCatch().invoke(["scan", "-"], b"")
    assert res.exit_code == 2


class CliRunnerNoCatch:
    def invoke(self, args, data):
        from click.testing import CliRunner

        from forewarn.cli import main
        return CliRunner().invoke(main, args, input=data)


SEEDS = ["000_61158755414b7763.txt", "001_fddc51e70508fa39.txt", "002_5de7e6ccf582c7a0.txt"]


@pytest.mark.parametrize("name", SEEDS)
def test_sample_stories_scan(name, cli):
    path = shared_path("seeds", name)
    res = cli("scan", str(path), "--format", "json")
    data = json.loads(res.output)
    assert data["work"]["words"] > 300
    text_words = len(path.read_text(encoding="utf-8").split())
    if name.startswith("002"):
        assert data["work"]["notes_words"] > 0
        story_words = text_words - data["work"]["notes_words"]
        assert abs(data["work"]["words"] - story_words) <= 0.02 * story_words
    else:
        assert data["work"]["notes_words"] == 0
        assert data["work"]["words"] == text_words


def test_example_story_in_repo_scans(cli):
    res = cli("scan", str(REPO / "examples" / "the-lighthouse-keeper.txt"), "--format", "json")
    data = json.loads(res.output)
    assert data["work"]["title"] == "The Lighthouse Keeper's Daughter"
    assert data["work"]["chapters"] == 2 and data["work"]["notes_words"] > 0


def test_report_to_dict_equals_dataclasses_asdict():
    from dataclasses import asdict

    report = forewarn.scan(STORY + "\n\nShe lit a cigarette and smoked it down to the filter.")
    assert report.to_dict() == asdict(report)
