"""AO3 "Download → HTML" files and ordinary HTML pages → Work."""
from __future__ import annotations

import pytest

import forewarn
from forewarn.errors import UnusableInput
from forewarn.ingest import load_bytes
from forewarn.ingest.ao3html import parse_html
from forewarn.ingest.html_text import html_to_text
from tests.builders import FixtureChapter, ao3_html, ao3_work_page, oneshot_work, storm_work


@pytest.fixture(scope="module")
def storm():
    return parse_html(ao3_html(storm_work()), "storm.html")


def test_ao3_metadata_fields(storm):
    assert storm.source_format == "ao3-html"
    assert storm.title == "Salt & Lamplight"
    assert storm.authors == ["wrenfeather", "oldtide"]
    assert storm.fandoms == ["Lighthouse Keepers (Original Work)"]
    assert storm.language == "English"
    assert storm.series == ["The Salt Year"]
    assert storm.collections == ["Winter Prompt Fest 2024"]
    assert storm.stats == {"published": "2024-01-05", "completed": "2024-02-10",
                           "words": "1234", "chapters": "2/2"}


def test_ao3_archive_tags(storm):
    tags = storm.archive_tags
    assert tags.rating == "Teen And Up Audiences"
    assert tags.warnings == ["Graphic Depictions Of Violence"]
    assert tags.category == ["F/M"]
    assert tags.relationships == ["Mara Quill/Tobias Fen"]
    assert tags.characters == ["Mara Quill", "Tobias Fen"]
    assert tags.additional == ["Storms", "Hurt/Comfort"]


def test_plural_labels_and_missing_rows_do_not_shift_fields():
    w = storm_work()
    w.relationships = []  # a Gen work: AO3 leaves the row out
    w.warnings = ["Graphic Depictions Of Violence", "Major Character Death"]
    w.categories = ["Gen", "F/M"]
    work = parse_html(ao3_html(w), "gen.html")
    assert work.archive_tags.relationships == []
    assert work.archive_tags.warnings == ["Graphic Depictions Of Violence", "Major Character Death"]
    assert work.archive_tags.category == ["Gen", "F/M"]
    assert work.archive_tags.characters == ["Mara Quill", "Tobias Fen"]


def test_ao3_notes_are_kept_apart_with_their_kinds(storm):
    got = [(n.kind, n.chapter, n.text) for n in storm.notes]
    assert got == [
        ("summary", None, "A keeper and a storm.\n\nNobody sleeps."),
        ("notes", None, "CW: a bad fall, some blood."),
        ("chapter-summary", 1, "The lamp fails."),
        ("chapter-notes", 1, "This chapter mentions a fall."),
        ("chapter-end-notes", 1, "More soon."),
        ("chapter-end-notes", 2, "The end, for now."),
        ("end-notes", None, "Thanks for reading!"),
    ]
    story = storm.story_text()
    for note in storm.notes:
        assert note.text.split("\n")[0] not in story
    assert "See the end of the chapter" not in story
    assert "drop by the archive" not in story


def test_ao3_chapters_titles_and_text(storm):
    assert [c.title for c in storm.chapters] == ["Chapter 1: The Wick", "Chapter 2"]
    first, second = (c.text for c in storm.chapters)
    assert first.startswith("Mara trimmed the wick at dusk, the way her mother had.\n\n")
    assert "“It won’t hold,” Tobias said. “Not tonight.”" in first
    # an in-story blockquote is story text, not a note
    assert second == ("Morning. The sea had gone flat and grey.\n\n"
                      "Keeper's log: lamp relit at six.\n\n"
                      "Tobias slept on the floor by the stove.")


def test_old_style_chapter_heading_gives_the_same_title():
    w = storm_work()
    w.chapters[0].heading = "Chapter 1: The Wick"
    work = parse_html(ao3_html(w), "old.html")
    assert [c.title for c in work.chapters] == ["Chapter 1: The Wick", "Chapter 2"]


def test_scene_breaks_line_breaks_and_whitespace(storm):
    paras = storm.chapters[0].text.split("\n\n")
    # centred "***" paragraph and <hr> both become "* * *"
    assert paras.count("* * *") == 2
    # <br/> is a line break; the source newline inside the paragraph is just a space
    assert "The wind came up the stairs\nand put out the candle." in paras
    assert "  " not in storm.chapters[0].text and "\xa0" not in storm.chapters[0].text


def test_single_chapter_work_has_no_chapter_heading():
    work = parse_html(ao3_html(oneshot_work()), "oneshot.html")
    assert len(work.chapters) == 1
    assert work.chapters[0].title is None
    assert work.chapters[0].text == ("The tide went out further than anyone remembered.\n\n"
                                     "Mara walked after it.")
    assert work.stats["chapters"] == "1/1"
    assert "completed" not in work.stats


def test_script_mentioned_in_story_is_kept_as_text_and_script_elements_dropped():
    w = oneshot_work()
    w.chapters = [FixtureChapter(None, (
        "<p>He pasted &lt;script&gt;alert('boo')&lt;/script&gt; into the chat.</p>"
        "<script>document.title = 'stolen'</script>"
        "<style>p { color: red }</style>"
        "<p>Nothing happened.</p>"))]
    work = parse_html(ao3_html(w), "xss.html")
    text = work.chapters[0].text
    assert "He pasted <script>alert('boo')</script> into the chat." in text
    assert "stolen" not in text and "color: red" not in text
    assert text.endswith("Nothing happened.")


def test_html_to_text_rules():
    assert html_to_text("<p>a<br><br>b</p>") == "a\n\nb"
    assert html_to_text("<div>One</div><div>Two <em>and</em>\n  three</div>") == \
        "One\n\nTwo and three"
    assert html_to_text("<p>&amp; &eacute; &#x2014;</p>") == "& é —"
    assert html_to_text("<p>A</p><p>~ ~ ~</p><p>B</p><p>&nbsp;</p>") == "A\n\n* * *\n\nB"
    assert html_to_text("<p>A</p><hr><hr><p>B</p><hr>") == "A\n\n* * *\n\nB"
    assert html_to_text('<p>A</p><p align="center"><b>oOo</b></p><p>B</p>') == "A\n\n* * *\n\nB"
    assert html_to_text("<p>A<br>~~~<br>B</p>") == "A\n\n* * *\n\nB"


def test_anonymous_byline_without_links():
    html = ao3_html(oneshot_work()).replace(
        '<div class="byline">by <a rel="author" '
        'href="https://archiveofourown.org/users/wrenfeather/pseuds/wrenfeather">'
        "wrenfeather</a></div>", '<div class="byline">by Anonymous</div>')
    assert "by Anonymous" in html
    assert parse_html(html, "anon.html").authors == ["Anonymous"]


def test_ao3_download_through_scan_counts_story_words_only(tmp_path):
    p = tmp_path / "storm.html"
    p.write_text(ao3_html(storm_work()), encoding="utf-8")
    report = forewarn.scan(p)
    data = report.to_dict()
    assert data["source"]["format"] == "ao3-html"
    assert data["work"]["title"] == "Salt & Lamplight"
    assert data["work"]["chapters"] == 2
    story = parse_html(ao3_html(storm_work()), "x").story_text()
    assert data["work"]["words"] == pytest.approx(len(story.split()), rel=0.1)
    assert data["work"]["notes_words"] > 0
    assert data["work"]["archive_tags"]["warnings"] == ["Graphic Depictions Of Violence"]


@pytest.mark.parametrize("make", [storm_work, oneshot_work], ids=["two-chapters", "oneshot"])
def test_saved_work_page_reads_like_the_download(make):
    download = parse_html(ao3_html(make()), "download.html")
    page = parse_html(ao3_work_page(make()), "page.html")
    assert page.source_format == "ao3-html"
    for field in ("title", "authors", "fandoms", "archive_tags", "chapters", "notes", "series",
                  "collections", "language"):
        assert getattr(page, field) == getattr(download, field), field
    assert page.stats["words"] == "1234" and page.stats["published"] == "2024-01-05"
    text = page.story_text()
    # site navigation, landmarks, comments and footer are not story text
    for junk in ("Browse", "Chapter Text", "Work Text", "Kudos from guests", "project of the OTW"):
        assert junk not in text


# --- ordinary HTML ---------------------------------------------------------------------

def test_plain_html_page_title_and_chapters():
    page = ("<!DOCTYPE html><html><head><title>Harbour Lights | my site</title></head><body>"
            "<h1>Harbour Lights</h1>"
            "<h2>Chapter 1</h2><p>The boats came in late.</p><p>Nobody waved.</p>"
            "<h2>Chapter 2: Fog</h2><p>By morning the fog had lifted.</p>"
            "</body></html>")
    work = parse_html(page, "page.html")
    assert work.source_format == "html"
    assert work.title == "Harbour Lights"
    assert [c.title for c in work.chapters] == ["Chapter 1", "Chapter 2: Fog"]
    assert work.chapters[0].text == "The boats came in late.\n\nNobody waved."
    assert work.chapters[1].text == "By morning the fog had lifted."


def test_plain_html_without_headings_is_one_chapter_titled_from_title_tag():
    page = ("<html><head><title>Small Hours</title><script>var x = 1;</script></head>"
            "<body><div><p>First.</p><p>Second.</p></div></body></html>")
    work = parse_html(page, "p.html")
    assert work.title == "Small Hours"
    assert len(work.chapters) == 1 and work.chapters[0].title is None
    assert work.chapters[0].text == "First.\n\nSecond."


def test_plain_html_authors_notes_are_kept_apart():
    page = ("<html><head><title>Wet Roads</title></head><body>"
            "<p>A/N: Thanks to my beta reader! TW: mentions of a car crash.</p>"
            "<h2>Chapter 1</h2><p>The road was wet.</p><p>She drove anyway.</p>"
            "<p>Author's Note: please leave a comment!</p></body></html>")
    work = parse_html(page, "roads.html")
    assert [(n.kind, n.text) for n in work.notes] == [
        ("notes", "A/N: Thanks to my beta reader! TW: mentions of a car crash."),
        ("end-notes", "Author's Note: please leave a comment!")]
    assert [(c.title, c.text) for c in work.chapters] == [
        ("Chapter 1", "The road was wet.\n\nShe drove anyway.")]


def test_archive_name_with_tag_block_is_detected_as_ao3():
    page = ("<html><body><p>Posted on the Archive of Our Own.</p>"
            "<dl><dt>Rating:</dt><dd>Mature</dd><dt>Archive Warning:</dt>"
            "<dd>No Archive Warnings Apply</dd></dl><p>Story starts.</p></body></html>")
    work = parse_html(page, "saved.html")
    assert work.source_format == "ao3-html"


@pytest.mark.parametrize("markup", [
    "<html><head><title></title></head><body></body></html>",
    "<html><body><script>alert(1)</script><style>p{}</style></body></html>",
    "<!DOCTYPE html><html><body><div><p>   </p></div>",
])
def test_html_with_no_text_is_unusable(markup):
    with pytest.raises(UnusableInput, match=r"^empty\.html: .*no story text"):
        parse_html(markup, "empty.html")
    with pytest.raises(UnusableInput, match="empty.html"):
        load_bytes(markup.encode(), "empty.html")


def test_broken_html_through_cli_exits_2_with_one_line(cli, tmp_path):
    p = tmp_path / "broken.html"
    p.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    res = cli("scan", str(p))
    assert res.exit_code == 2
    assert "broken.html" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.output + res.stderr
