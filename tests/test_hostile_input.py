"""Hostile files: bounded memory and time, and one line (exit 2) instead of a crash."""
from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile

import pytest

from forewarn.errors import UnusableInput
from forewarn.ingest import load_bytes
from forewarn.ingest import epub as epub_mod
from forewarn.ingest.epub import parse_epub
from tests.builders import EpubItem, build_epub, xhtml

STORY = "<p>She walked to the harbour and watched the boats come in.</p>"


def _repeat_spine(n: int) -> bytes:
    opf = ('<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0">'
           '<manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/>'
           '</manifest><spine>' + '<itemref idref="c"/>' * n + "</spine></package>")
    return build_epub([EpubItem("c", "c.xhtml", xhtml(STORY))], opf_override=opf)


def test_a_spine_listing_one_chapter_many_times_reads_it_once(monkeypatch):
    calls = []
    real = epub_mod._inflate
    monkeypatch.setattr(epub_mod, "_inflate", lambda *a: calls.append(a[1]) or real(*a))
    work = parse_epub(_repeat_spine(5000), "loop.epub")
    assert len(work.chapters) == 1
    assert calls.count("OEBPS/c.xhtml") == 1


def test_a_spine_beyond_the_cap_is_refused():
    with pytest.raises(UnusableInput, match=r"^loop.epub: EPUB spine lists 20000 documents"):
        parse_epub(_repeat_spine(20_000), "loop.epub")


def _big_members(n: int, mb: int) -> bytes:
    filler = "<p>" + "a" * 1000 + "</p>\n"
    body = STORY + filler * (mb * 1024)
    items = [EpubItem(f"c{i}", f"c{i}.xhtml", xhtml(body)) for i in range(n)]
    return build_epub(items)


def test_decompressed_bytes_have_a_budget_per_book(monkeypatch):
    data = _big_members(3, 3)  # about 9 MB inflated, a few KB in the archive
    assert len(data) < 200_000
    monkeypatch.setenv("FOREWARN_EPUB_MAX_MB", "5")
    with pytest.raises(UnusableInput, match="inflates to more than 5 MB.*FOREWARN_EPUB_MAX_MB"):
        parse_epub(data, "bomb.epub")
    monkeypatch.setenv("FOREWARN_EPUB_MAX_MB", "20")
    assert len(parse_epub(data, "bomb.epub").chapters) == 3


def _lying_sizes(data: bytes, member: str, declared: int) -> bytes:
    """The archive with ``member``'s uncompressed size rewritten to ``declared``."""
    raw = bytearray(data)
    name = member.encode()
    for sig, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = 0
        while (pos := raw.find(sig, pos)) >= 0:
            head = 30 if sig == b"PK\x03\x04" else 46
            nlen = struct.unpack_from("<H", raw, pos + (26 if head == 30 else 28))[0]
            if raw[pos + head:pos + head + nlen] == name:
                struct.pack_into("<I", raw, pos + at, declared)
            pos += 4
    return bytes(raw)


def test_a_member_that_lies_about_its_size_is_never_inflated_whole():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("big.bin", b"\0" * (120 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED)
    bomb = _lying_sizes(buf.getvalue(), "big.bin", 1000)
    z = zipfile.ZipFile(io.BytesIO(bomb))
    tracemalloc.start()
    try:
        with pytest.raises(UnusableInput, match="lie.epub: broken EPUB"):
            epub_mod._read(z, z.namelist(), "big.bin", "lie.epub")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 32 * 1024 * 1024, peak


def test_corrupt_deflate_data_is_unusable_input(cli, tmp_path):
    data = bytearray(build_epub([EpubItem("c", "c.xhtml", xhtml(STORY * 50))]))
    z = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = z.getinfo("OEBPS/c.xhtml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start] = 0x07  # a deflate block of the reserved type: zlib.error
    with pytest.raises(UnusableInput, match="bad.epub: broken EPUB"):
        parse_epub(bytes(data), "bad.epub")
    p = tmp_path / "bad.epub"
    p.write_bytes(bytes(data))
    res = cli("scan", str(p))
    assert res.exit_code == 2 and len(res.stderr.strip().splitlines()) == 1


def test_an_unclosed_tag_followed_by_many_spaces_is_fast():
    items = [EpubItem("c", "c.xhtml", xhtml(STORY + "<p" + " " * 100_000))]
    t = time.perf_counter()
    try:
        parse_epub(build_epub(items), "spaces.epub")
    except UnusableInput:
        pass
    assert time.perf_counter() - t < 3  # quadratic before: about 16 s


def test_self_closing_elements_still_close():
    assert epub_mod._xhtml_as_html('<a id="x" />b<span\n/>') == '<a id="x"></a>b<span></span>'


@pytest.mark.parametrize("fmt", ["html", "epub"])
def test_deep_nesting_is_refused_before_the_parser(fmt):
    deep = STORY + "<div>" * 100_000 + "x"
    data = (f"<html><body>{deep}</body></html>".encode() if fmt == "html"
            else build_epub([EpubItem("c", "c.xhtml", xhtml(deep))]))
    t = time.perf_counter()
    with pytest.raises(UnusableInput, match="nested more than 2000 elements deep"):
        load_bytes(data, f"deep.{fmt}")
    assert time.perf_counter() - t < 3  # 43 s inside the parser before


def test_ordinary_html_with_unclosed_paragraphs_is_not_deep():
    page = "<html><body>" + "<p>It rained. <b>Hard</b>, <i>all</i> night." * 5000 + "</body></html>"
    assert len(load_bytes(page.encode(), "rain.html").chapters) == 1


# -- errors that used to escape -----------------------------------------------------------

def _corrupt_epub() -> bytes:
    data = bytearray(build_epub([EpubItem("c", "c.xhtml", xhtml(STORY * 50))]))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("OEBPS/c.xhtml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start] = 0x07  # a deflate block of the reserved type: zlib.error
    return bytes(data)


@pytest.fixture
def client(tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from forewarn.web.app import create_app

    app = create_app(db_path=tmp_path / "lib.sqlite3", profile_path=tmp_path / "p.json")
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        yield c


def test_api_errors_are_json_with_a_reason_never_500(client):
    deep = b"[" * 100_000
    for r in (client.post("/api/scan", content=deep, headers={"content-type": "application/json"}),
              client.put("/api/profile", content=deep, headers={"content-type": "application/json"}),
              client.post("/api/scan", files={"file": ("bad.epub", _corrupt_epub(),
                                                       "application/epub+zip")})):
        assert r.status_code == 400 and r.json()["error"], r.text
    huge = str(2**64)
    assert client.get(f"/api/works/{huge}").status_code == 404
    assert client.delete(f"/api/works/{huge}").status_code == 404
    assert client.get(f"/works/{huge}", headers={"accept": "text/html"}).status_code == 404
    r = client.get("/api/works", params={"max_words": str(10**30)})
    assert r.status_code == 200 and r.json()["count"] == 0
    assert client.get("/library", params={"max_words": str(10**30)}).status_code == 200


def test_library_add_goes_on_past_a_broken_file(cli, tmp_path):
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "a-broken.epub").write_bytes(_corrupt_epub())
    (folder / "b-good.txt").write_text("It rained on the harbour all night long.", encoding="utf-8")
    res = cli("library", "add", str(folder), "--db", str(tmp_path / "lib.sqlite3"))
    assert res.exit_code == 2
    assert "1 added" in res.stdout and "1 skipped" in res.stdout
    assert "skipped: " in res.stderr and "a-broken.epub" in res.stderr


def test_a_parser_error_on_malformed_input_is_unusable_input(monkeypatch):
    from forewarn.ingest import plaintext

    def boom(text, label):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(plaintext, "parse_text", boom)
    with pytest.raises(UnusableInput, match="^deep.txt: cannot be read .*nested too deeply"):
        load_bytes(b"[[[[", "deep.txt")


def test_input_over_the_size_limit_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("FOREWARN_MAX_INPUT_MB", "0.01")  # about 10 KB
    big = tmp_path / "big.txt"
    big.write_text("It rained on the harbour. " * 2000, encoding="utf-8")
    for args, stdin in ((["scan", str(big)], None), (["scan", "-"], big.read_bytes())):
        res = cli(*args, input=stdin)
        assert res.exit_code == 2 and "input limit of 0.01 MB" in res.stderr, args
        assert "FOREWARN_MAX_INPUT_MB" in res.stderr
    monkeypatch.setenv("FOREWARN_MAX_INPUT_MB", "1")
    assert cli("scan", str(big)).exit_code == 0


def test_library_add_does_not_follow_links_out_of_the_folder(cli, tmp_path):
    folder = tmp_path / "stories"
    folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("The password is hunter2, said the note on the harbour wall.", encoding="utf-8")
    (folder / "a-link.txt").symlink_to(secret)
    (folder / "b-story.txt").write_text("It rained on the harbour all night.", encoding="utf-8")
    db = str(tmp_path / "lib.sqlite3")
    res = cli("library", "add", str(folder), "--db", db)
    assert "1 added" in res.stdout and "symbolic link" in res.stderr and res.exit_code == 2
    assert "hunter2" not in cli("library", "search", "hunter2", "--db", db).stdout
    res = cli("library", "add", str(folder), "--db", db, "--follow-symlinks")
    assert res.exit_code == 0 and "1 added, 1 updated" in res.stdout


def test_an_internal_dtd_subset_is_not_a_chapter():
    doc = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html [\n'
           '  <!ENTITY author "Ann">\n]>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
           f'<title>x</title></head><body>{STORY}</body></html>')
    work = parse_epub(build_epub([EpubItem("c", "c.xhtml", doc)]), "dtd.epub")
    assert "]>" not in work.story_text()
    assert [c.text for c in work.chapters] == [
        "She walked to the harbour and watched the boats come in."]


def test_an_ao3_work_of_zero_words_is_read_with_its_tags():
    from forewarn.pipeline import scan_work
    from tests.builders import FixtureChapter, ao3_html, oneshot_work

    w = oneshot_work()
    w.words = "0"
    w.chapters = [FixtureChapter(heading=None, body_html='<p><img src="fanart.png" alt=""></p>')]
    work = load_bytes(ao3_html(w).encode(), "fanart.html")
    report = scan_work(work)
    assert report.work.words == 0
    assert "Graphic Depictions Of Violence" in str(report.work.archive_tags)
    with pytest.raises(UnusableInput, match="only notes"):  # without "Words: 0" still refused
        w.words = "1,234"
        load_bytes(ao3_html(w).encode(), "notes.html")
