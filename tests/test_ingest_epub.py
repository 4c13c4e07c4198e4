"""EPUB 2/3 books and AO3's EPUB download → Work; broken EPUBs → one-line errors."""
from __future__ import annotations

import io
import zipfile

import pytest

import forewarn
from forewarn.errors import UnusableInput
from forewarn.ingest import load_path
from forewarn.ingest.ao3html import parse_html
from forewarn.ingest.epub import parse_epub
from tests.builders import (
    BOOK_CHAPTERS,
    EpubItem,
    ao3_epub,
    ao3_html,
    book_epub2,
    book_epub3,
    build_epub,
    oneshot_work,
    storm_work,
    xhtml,
)


# --- AO3 EPUB == AO3 HTML ------------------------------------------------------------------

@pytest.mark.parametrize("make", [storm_work, oneshot_work], ids=["two-chapters", "oneshot"])
def test_ao3_epub_and_html_of_one_work_agree(make, tmp_path):
    fixture = make()
    html_path = tmp_path / "work.html"
    epub_path = tmp_path / "work.epub"
    html_path.write_text(ao3_html(fixture), encoding="utf-8")
    epub_path.write_bytes(ao3_epub(fixture))
    # the EPUB really is split the way calibre splits AO3's HTML
    names = zipfile.ZipFile(epub_path).namelist()
    assert sum(n.endswith(".xhtml") for n in names) == len(fixture.chapters) + 2

    from_html, from_epub = load_path(html_path), load_path(epub_path)
    assert (from_html.source_format, from_epub.source_format) == ("ao3-html", "epub")
    assert from_epub.title == from_html.title == fixture.title
    assert from_epub.authors == from_html.authors == fixture.authors
    assert from_epub.archive_tags == from_html.archive_tags
    assert from_epub.fandoms == from_html.fandoms
    assert len(from_epub.chapters) == len(from_html.chapters) == len(fixture.chapters)
    assert from_epub.chapters == from_html.chapters
    assert from_epub.notes == from_html.notes
    assert (from_epub.series, from_epub.collections, from_epub.stats, from_epub.language) == \
        (from_html.series, from_html.collections, from_html.stats, from_html.language)

    r_html, r_epub = forewarn.scan(html_path).to_dict(), forewarn.scan(epub_path).to_dict()
    for key in ("title", "authors", "archive_tags", "chapters", "words", "notes_words"):
        assert r_epub["work"][key] == r_html["work"][key], key
    assert r_epub["work"]["words"] > 0
    assert r_epub["source"]["format"] == "epub"


@pytest.mark.parametrize("make", [storm_work, oneshot_work], ids=["two-chapters", "oneshot"])
def test_ao3_epub_without_section_ids_and_with_wrappers_still_agrees(make):
    from_html = parse_html(ao3_html(make()), "w.html")
    epub = ao3_epub(make(), keep_ids=False, wrap=True)
    assert b'id="preface"' not in zipfile.ZipFile(io.BytesIO(epub)).read(
        "Salt_Lamplight_split_000.xhtml" if make is storm_work else "Work_split_000.xhtml")
    from_epub = parse_epub(epub, "w.epub")
    for field in ("title", "authors", "fandoms", "archive_tags", "chapters", "notes", "stats"):
        assert getattr(from_epub, field) == getattr(from_html, field), field


def test_ao3_epub_chapter_titles_and_notes():
    work = parse_epub(ao3_epub(storm_work()), "storm.epub")
    assert [c.title for c in work.chapters] == ["Chapter 1: The Wick", "Chapter 2"]
    kinds = [(n.kind, n.chapter) for n in work.notes]
    assert kinds == [("summary", None), ("notes", None), ("chapter-summary", 1),
                     ("chapter-notes", 1), ("chapter-end-notes", 1), ("chapter-end-notes", 2),
                     ("end-notes", None)]
    assert "Thanks for reading" not in work.story_text()
    assert "She typed <script>alert(1)</script> into the log" in work.chapters[0].text


# --- ordinary books ------------------------------------------------------------------------

def test_epub2_book_metadata_and_chapters():
    work = parse_epub(book_epub2(), "island.epub")
    assert work.source_format == "epub"
    assert work.title == "The Empty Island"
    assert work.authors == ["Dana Whitlow"]
    assert work.language == "en"
    assert work.archive_tags.additional == ["Fiction", "Mystery"]
    assert [n.kind for n in work.notes] == ["summary"]
    assert work.notes[0].text == "A woman returns to an island where everyone has gone."
    # cover, title page and copyright page are not chapters
    assert [c.title for c in work.chapters] == [h for h, _ in BOOK_CHAPTERS]
    text = work.story_text()
    assert "Copyright" not in text and "ISBN" not in text and "Dana Whitlow" not in text
    assert work.chapters[1].text == ("By noon she had found a fisherman willing to take her."
                                     "\n\n* * *\n\nThey reached the island after dark.")


def test_epub3_book_with_nav_in_spine():
    work = parse_epub(book_epub3(), "island3.epub")
    assert work.title == "The Empty Island"
    assert work.authors == ["Dana Whitlow", "R. Ames"]
    assert [c.title for c in work.chapters] == [h for h, _ in BOOK_CHAPTERS]
    text = work.story_text()
    assert "Contents" not in text and "typeface" not in text
    assert work.chapters[0].text == "The ferry left without Ines.\n\nShe watched it go, counting gulls."


def test_chapter_title_from_toc_and_calibre_split_continuation():
    items = [
        EpubItem("a", "story_split_000.xhtml", xhtml("<p>The well was dry.</p><p>So they dug.</p>")),
        EpubItem("b", "story_split_001.xhtml", xhtml("<p>Deeper, and deeper.</p>")),
        EpubItem("c", "later.xhtml", xhtml("<p>Water, at last.</p>")),
    ]
    from tests.builders import _ncx

    ncx = _ncx([("story_split_000.xhtml", "The Well"), ("later.xhtml", "Rain")])
    work = parse_epub(build_epub(items, title="Wells", ncx=ncx), "wells.epub")
    assert [c.title for c in work.chapters] == ["The Well", "Rain"]
    assert work.chapters[0].text == "The well was dry.\n\nSo they dug.\n\nDeeper, and deeper."


def test_self_closing_xhtml_anchors_do_not_hide_a_chapter():
    body = "".join(f'<p><a id="p{i}"/>Line {i} of the story goes on for a while.</p>'
                   for i in range(4))
    work = parse_epub(build_epub([EpubItem("c", "c.xhtml", xhtml(body))], title="Anchors"),
                      "anchors.epub")
    assert len(work.chapters) == 1
    assert work.chapters[0].text.count("of the story") == 4


def test_non_linear_items_are_skipped():
    items = [EpubItem("n", "notes.xhtml", xhtml("<p>Endnote one.</p>"), linear=False),
             EpubItem("c", "c.xhtml", xhtml("<p>The story.</p>"))]
    work = parse_epub(build_epub(items, title="T"), "t.epub")
    assert work.story_text() == "The story."


# --- errors ----------------------------------------------------------------------------------

def _zip(files: dict[str, str | bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


_CHAPTER = [EpubItem("c", "c.xhtml", xhtml("<p>Some story.</p>"))]


@pytest.mark.parametrize("data, message", [
    (b"PK\x03\x04 this is not really a zip", "not a readable zip archive"),
    (b"", "not a readable zip archive"),
    (_zip({"mimetype": "application/epub+zip"}), "no META-INF/container.xml"),
    (build_epub(_CHAPTER, with_container=True, write_opf=False), "OEBPS/content.opf"),
    (build_epub(_CHAPTER, opf_override="<package><metadata>"), "not well-formed XML"),
    (build_epub(_CHAPTER, opf_override='<?xml version="1.0"?><package xmlns='
                '"http://www.idpf.org/2007/opf"><manifest/><spine/></package>'),
     "spine lists no documents"),
    (_zip({"mimetype": "application/epub+zip", "META-INF/container.xml":
           "<container><rootfiles/></container>"}), "names no OPF package"),
])
def test_broken_epubs_raise_one_line_naming_the_file(data, message):
    with pytest.raises(UnusableInput) as err:
        parse_epub(data, "broken.epub")
    text = str(err.value)
    assert text.startswith("broken.epub: ")
    assert message in text
    assert "\n" not in text


def test_missing_opf_message_names_the_opf():
    data = build_epub(_CHAPTER, write_opf=False)
    with pytest.raises(UnusableInput, match=r"OPF package OEBPS/content\.opf .* is missing"):
        parse_epub(data, "x.epub")


def test_spine_documents_missing_from_the_archive():
    opf = ('<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0">'
           '<manifest><item id="c" href="gone.xhtml" media-type="application/xhtml+xml"/>'
           '</manifest><spine><itemref idref="c"/></spine></package>')
    with pytest.raises(UnusableInput, match="none of the 1 spine documents"):
        parse_epub(build_epub(_CHAPTER, opf_override=opf), "gone.epub")


def test_epub_with_only_a_cover_has_no_story_text():
    items = [EpubItem("cover", "cover.xhtml", xhtml('<img src="c.jpg" alt="x"/>'))]
    with pytest.raises(UnusableInput, match="^empty.epub: .*no readable story text"):
        parse_epub(build_epub(items, title="Empty"), "empty.epub")


def test_encrypted_epub_is_reported():
    data = build_epub(_CHAPTER)
    buf = io.BytesIO(data)
    with zipfile.ZipFile(buf, "a") as z:
        z.writestr("META-INF/encryption.xml",
                   '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                   'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
                   '<enc:CipherData><enc:CipherReference URI="OEBPS/c.xhtml"/></enc:CipherData>'
                   "</enc:EncryptedData></encryption>")
    with pytest.raises(UnusableInput, match="encrypted"):
        parse_epub(buf.getvalue(), "drm.epub")


def test_bad_zip_through_load_path_names_the_file(tmp_path):
    p = tmp_path / "ruined.epub"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    with pytest.raises(UnusableInput, match="ruined.epub"):
        load_path(p)


@pytest.mark.parametrize("data", [
    b"PK\x03\x04 broken",
    _zip({"mimetype": "application/epub+zip"}),
    build_epub(_CHAPTER, write_opf=False),
    build_epub(_CHAPTER, opf_override="<package"),
])
def test_broken_epub_through_cli_exits_2_with_one_line(cli, tmp_path, data):
    p = tmp_path / "broken.epub"
    p.write_bytes(data)
    res = cli("scan", str(p), "--format", "json")
    assert res.exit_code == 2
    err = res.stderr.strip()
    assert len(err.splitlines()) == 1
    assert "broken.epub" in err
    assert "Traceback" not in res.output + res.stderr
    assert res.stdout == ""


def test_back_matter_is_skipped_and_toc_label_paragraph_becomes_the_title():
    items = [
        EpubItem("c1", "c1.xhtml", xhtml('<p class="ct">The Lantern</p><p>She lit it.</p>')),
        EpubItem("ack", "ack.xhtml", xhtml("<h2>Acknowledgements</h2><p>Thanks to my editor "
                                           "and to everyone who read the drafts.</p>")),
        EpubItem("bio", "bio.xhtml", xhtml("<h1>About the Author</h1><p>She lives by the sea "
                                           "with two cats.</p>")),
    ]
    from tests.builders import _ncx

    work = parse_epub(build_epub(items, title="Lanterns", ncx=_ncx([("c1.xhtml", "The Lantern")])),
                      "lanterns.epub")
    assert [(c.title, c.text) for c in work.chapters] == [("The Lantern", "She lit it.")]


def test_epub_from_standard_input(cli):
    res = cli("scan", "-", "--format", "json", input=ao3_epub(storm_work()))
    assert res.exit_code == 0
    import json

    data = json.loads(res.stdout)
    assert data["source"]["format"] == "epub"
    assert data["work"]["title"] == "Salt & Lamplight"
    assert data["work"]["chapters"] == 2


def test_authors_notes_around_chapters_of_a_book_epub_are_notes():
    chapters = [
        "<h2>Chapter 1</h2><p>A/N: Thank you all for the kind reviews!</p>"
        "<p>The bell rang twice.</p><p>Nobody answered it.</p>",
        "<h2>Chapter 2</h2><p>The bell rang again at noon.</p>"
        "<p>A/N: Sorry this one is short, see you next week.</p>",
        "<h2>Chapter 3</h2><p>At last, someone opened the door.</p>"
        "<p>Author's Note: That's the end. Thanks for reading!</p>",
    ]
    items = [EpubItem(f"c{i}", f"file{i:04d}.xhtml", xhtml(body)) for i, body in enumerate(chapters, 1)]
    work = parse_epub(build_epub(items, title="Bells", creators=["ringer"]), "bells.epub")
    assert [(n.kind, n.chapter) for n in work.notes] == [
        ("notes", None), ("chapter-end-notes", 2), ("end-notes", None)]
    assert [c.text for c in work.chapters] == [
        "The bell rang twice.\n\nNobody answered it.",
        "The bell rang again at noon.",
        "At last, someone opened the door.",
    ]
    assert "A/N" not in work.story_text() and "Author's Note" not in work.story_text()
