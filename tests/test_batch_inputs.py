"""`forewarn batch` input kinds: folders of story files, JSONL {"id","text"}, PAN works.jsonl,
and works that fail without stopping the run."""
from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest

from forewarn.batch import iter_items, run_batch
from forewarn.batch.items import Item
from forewarn.batch.worker import fragment_to_text, scan_item

RAIN = ("Chapter 1\n\nIt rained on the harbour all night.\n\n"
        "Chapter 2\n\nBy morning the boats were gone.")
PORCH = "Mara sat on the porch and shelled peas while the radio played."
HTML = ("<!DOCTYPE html><html><head><title>Lamps</title></head><body>"
        "<p>The lamplighter walked the long street at dusk.</p>"
        "<p>Every lamp he touched came alive.</p></body></html>")


def _epub(title: str, body: str) -> bytes:
    buf = __import__("io").BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml",
                   '<?xml version="1.0"?><container version="1.0" '
                   'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
                   '<rootfile full-path="OEBPS/content.opf" '
                   'media-type="application/oebps-package+xml"/></rootfiles></container>')
        z.writestr("OEBPS/content.opf",
                   '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
                   'version="2.0" unique-identifier="id"><metadata '
                   'xmlns:dc="http://purl.org/dc/elements/1.1/">'
                   f'<dc:title>{title}</dc:title><dc:identifier id="id">x</dc:identifier>'
                   '</metadata><manifest><item id="c1" href="c1.xhtml" '
                   'media-type="application/xhtml+xml"/></manifest>'
                   '<spine><itemref idref="c1"/></spine></package>')
        z.writestr("OEBPS/c1.xhtml",
                   '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">'
                   f'<head><title>{title}</title></head><body>{body}</body></html>')
    return buf.getvalue()


def _lines(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.endswith(b"\n")
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "stories"
    (folder / "sub").mkdir(parents=True)
    (folder / "a_rain.txt").write_text(RAIN, encoding="utf-8")
    (folder / "sub" / "b_porch.md").write_text(PORCH, encoding="utf-8")
    (folder / "c_lamps.html").write_text(HTML, encoding="utf-8")
    (folder / "d_broken.epub").write_bytes(b"this is not a zip archive")
    (folder / ".hidden.txt").write_text("never read", encoding="utf-8")
    (folder / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return folder


def test_folder_is_walked_in_order_skipping_hidden_and_non_story_files(corpus):
    items = list(iter_items([corpus]))
    assert [i.id for i in items] == ["stories/a_rain.txt", "stories/c_lamps.html",
                                     "stories/d_broken.epub", "stories/sub/b_porch.md"]
    assert items[3].path == str(corpus / "sub" / "b_porch.md")


def test_folder_ids_do_not_depend_on_how_the_folder_is_named(corpus, monkeypatch):
    monkeypatch.chdir(corpus.parent)
    typed = [[i.id for i in iter_items([form])] for form in ("stories", "./stories/", corpus)]
    assert typed[0] == typed[1] == typed[2]


def test_epub_in_a_folder_is_scanned(tmp_path):
    pytest.importorskip("forewarn.ingest.epub")
    para = "<p>The bells rang over the square while the market opened its stalls.</p>"
    (tmp_path / "book.epub").write_bytes(_epub("Bells", "<h1>Chapter One</h1>" + para * 5))
    run_batch([tmp_path], tmp_path / "out.jsonl", workers=1, progress=False)
    [rec] = _lines(tmp_path / "out.jsonl")
    assert "error" not in rec, rec
    assert rec["source"]["format"] == "epub"
    assert rec["work"]["title"] == "Bells" and rec["work"]["words"] == 5 * 12


def test_every_input_kind_in_one_run(corpus, tmp_path):
    jsonl = tmp_path / "mine.jsonl"
    jsonl.write_text("\n".join([
        json.dumps({"id": "j1", "text": "The kettle whistled and she poured the tea."}),
        "",
        json.dumps({"id": 42, "text": "Number ids are read as strings."}),
    ]) + "\n", encoding="utf-8")
    pan = tmp_path / "works.jsonl"
    pan.write_text(json.dumps({"work_id": "p7", "text":
                              '<div class="userstuff"><p>It was <i>very</i> dark.</p>'
                              "<hr><p>Then dawn came &amp; light.</p></div>"}) + "\n",
                   encoding="utf-8")
    gz = tmp_path / "more.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "z1", "text": "Compressed, and still read."}) + "\n")

    out = tmp_path / "out.jsonl"
    stats = run_batch([corpus, jsonl, pan, gz], out, workers=2, progress=False)
    recs = _lines(out)
    ids = [r.get("id") for r in recs]
    assert ids[:4] == ["stories/a_rain.txt", "stories/c_lamps.html", "stories/d_broken.epub",
                       "stories/sub/b_porch.md"]
    assert ids[4:] == ["j1", "42", "p7", "z1"]  # input order is kept
    by_id = {r["id"]: r for r in recs}
    rain = by_id["stories/a_rain.txt"]
    assert rain["schema"] == 1 and rain["work"]["chapters"] == 2
    assert rain["source"]["path"] == str(corpus / "a_rain.txt")
    assert by_id["stories/c_lamps.html"]["work"]["words"] == 14
    assert "error" in by_id["stories/d_broken.epub"]
    assert "epub" in by_id["stories/d_broken.epub"]["error"].lower()
    p7 = by_id["p7"]
    assert p7["source"]["format"] == "pan"
    [chapter] = p7["work"]["chapter_list"]
    assert (chapter["paragraphs"], chapter["scenes"]) == (2, 2)  # <p>s and the <hr> scene break
    assert stats.works == 8 and stats.errors == 1


def test_bad_jsonl_records_become_error_lines_and_the_run_goes_on(tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "ok1", "text": "She folded the letter twice."}),
        "{not json",
        json.dumps({"title": "no id here", "text": "x"}),
        json.dumps({"id": "notext"}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "ok2", "text": "He locked the door behind him."}),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    stats = run_batch([src], out, workers=1, progress=False)
    recs = _lines(out)
    assert [r["id"] for r in recs] == ["ok1", "mixed.jsonl:2", "mixed.jsonl:3", "notext",
                                      "empty", "mixed.jsonl:6", "ok2"]
    errors = {r["id"]: r["error"] for r in recs if "error" in r}
    assert set(errors) == {"mixed.jsonl:2", "mixed.jsonl:3", "notext", "empty", "mixed.jsonl:6"}
    assert "not a JSON record" in errors["mixed.jsonl:2"]
    assert "text" in errors["notext"] and "empty" in errors["empty"]
    assert all("\n" not in e for e in errors.values())
    assert stats.errors == 5 and stats.works == 7


def test_an_analyzer_crash_is_recorded_not_raised(monkeypatch):
    import forewarn.pipeline

    def boom(work, analyzers=None):
        raise RuntimeError("analyzer fell over")

    monkeypatch.setattr(forewarn.pipeline, "scan_work", boom)
    r = scan_item(Item("w9", "jsonl", text="Quiet text."))
    assert json.loads(r.line) == {"id": "w9", "error": "w9: RuntimeError: analyzer fell over"}


def test_repeated_ids_are_scanned_once(tmp_path):
    src = tmp_path / "dups.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": f"Story number {i}."}) + "\n"
                           for i in ["x", "y", "x"]), encoding="utf-8")
    stats = run_batch([src], tmp_path / "out.jsonl", workers=1, progress=False)
    assert [r["id"] for r in _lines(tmp_path / "out.jsonl")] == ["x", "y"]
    assert stats.duplicates == 1


def test_fragment_to_text_keeps_paragraphs_and_scene_breaks():
    text = fragment_to_text('<div class="userstuff"><p>One&nbsp;line.<br/>Two.</p>'
                            "<hr /><p>&lt;3 &#8212; fin</p></div>")
    assert text == "One\xa0line.\nTwo.\n\n* * *\n\n<3 \u2014 fin"


def test_cli_missing_input_is_one_line_exit_2(cli, tmp_path):
    res = cli("batch", str(tmp_path / "nope"), "--out", str(tmp_path / "o.jsonl"))
    assert res.exit_code == 2
    assert res.output.strip().endswith("no such file or folder")
    assert "Traceback" not in res.output
    assert not (tmp_path / "o.jsonl").exists()


def test_lean_lines_drop_the_quote_list_and_evidence_text_but_keep_offsets(cli, tmp_path):
    story = ('"Put the knife down," Ada said. He stabbed the guard, and blood ran across the '
             'floor.\n\n"Run," she whispered.')
    src = tmp_path / "w.jsonl"
    src.write_text(json.dumps({"id": "k", "text": story}) + "\n", encoding="utf-8")
    full, lean = tmp_path / "full.jsonl", tmp_path / "lean.jsonl"
    assert cli("batch", str(src), "--out", str(full), "-q").exit_code == 0
    assert cli("batch", str(src), "--out", str(lean), "--lean", "-q").exit_code == 0
    f, l = json.loads(full.read_text()), json.loads(lean.read_text())
    assert f["story"]["quotes"] and f["warnings"], "the fixture must have quotes and findings"
    assert l["story"]["quotes"] == []
    assert l["story"]["characters"] == f["story"]["characters"]
    assert l["story"]["dialogue_share"] == f["story"]["dialogue_share"]
    for w_full, w_lean in zip(f["warnings"], l["warnings"], strict=True):
        assert w_lean["evidence"] == [{**e, "text": ""} for e in w_full["evidence"]]
        assert {**w_full, "evidence": []} == {**w_lean, "evidence": []}
    assert len(lean.read_bytes()) < len(full.read_bytes())
