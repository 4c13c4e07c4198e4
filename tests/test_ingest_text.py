"""Plain-text ingest: decoding, titles, chapter headings, author's notes."""
from __future__ import annotations

import pytest

from forewarn.errors import UnusableInput
from forewarn.ingest import load, load_bytes
from forewarn.ingest.decode import decode_text
from forewarn.ingest.plaintext import parse_text

STORY = "She walked to the harbour and watched the boats come in, one by one, until dark."


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("utf-16-le", b""), ("cp1252", b""),
])
def test_decodes_common_encodings(encoding, prefix):
    text = "Zoë’s café — “naïve” résumé"
    if encoding == "cp1252":
        data = text.encode("cp1252")
    else:
        data = prefix + text.encode(encoding)
    assert decode_text(data) == text


def test_undecodable_bytes_are_refused_with_offset():
    with pytest.raises(UnusableInput, match=r"undecodable bytes at offset 5"):
        decode_text(b"hello\x81\x8d\x90 world")


def test_binary_with_nul_bytes_is_refused():
    with pytest.raises(UnusableInput, match="binary"):
        load_bytes(b"abc\x00\x01\x02def\x00\x00\x07\x08" * 10, "blob.txt")


@pytest.mark.parametrize("heading,title", [
    ("Chapter 3", "Chapter 3"),
    ("Chapter Three: The Party", "Chapter Three: The Party"),
    ("CHAPTER III", "CHAPTER III"),
    ("Part II", "Part II"),
    ("Prologue", "Prologue"),
    ("Epilogue", "Epilogue"),
    ("Chapter Twenty-One - Home", "Chapter Twenty-One - Home"),
])
def test_chapter_heading_forms(heading, title):
    work = parse_text(f"{STORY}\n\n{STORY}\n\n{STORY}\n\n{heading}\n\n{STORY}")
    assert [c.title for c in work.chapters][-1] == title
    assert len(work.chapters) == 2


def test_numbered_headings_need_a_sequence():
    seq = parse_text(f"1.\n\n{STORY}\n\n2.\n\n{STORY}\n\n3.\n\n{STORY}")
    assert [c.title for c in seq.chapters] == ["1.", "2.", "3."]
    single = parse_text(f"{STORY}\n\n1994\n\n{STORY}")
    assert len(single.chapters) == 1


def test_heading_with_subtitle_line_below():
    work = parse_text(f"CHAPTER I\n\nIn Chancery\n\n\n{STORY}\n\nCHAPTER II\n\n{STORY}")
    assert work.chapters[0].title == "CHAPTER I: In Chancery"
    assert work.chapters[0].text.startswith("She walked")


def test_prose_mentioning_a_chapter_is_not_a_heading():
    work = parse_text(f"{STORY}\n\nChapter one of her life was over.\n\n{STORY}")
    assert len(work.chapters) == 1


def test_author_note_at_start_is_kept_apart():
    text = ("AN: This is for the summer exchange. Content warnings: grief and alcoholism.\n\n"
            "Thanks to my beta for reading this twice.\n\n\n" + STORY + "\n\n" + STORY)
    work = parse_text(text)
    assert [n.kind for n in work.notes] == ["notes"]
    assert "beta" in work.notes[0].text
    assert "exchange" not in work.story_text()
    assert work.story_text().startswith("She walked")


@pytest.mark.parametrize("marker", ["A/N:", "Author's Note:", "Notes:", "TW:", "CW:",
                                    "Content warnings:", "Disclaimer:", "Trigger warning -"])
def test_note_markers(marker):
    work = parse_text(f"{marker} some words about the fic.\n\n\n{STORY}\n\n{STORY}")
    assert work.notes and work.notes[0].text.startswith(marker)
    assert marker not in work.story_text()


def test_author_note_at_end_is_kept_apart():
    work = parse_text(f"{STORY}\n\n{STORY}\n\nA/N: thanks for reading! Kudos make my day.")
    assert [n.kind for n in work.notes] == ["end-notes"]
    assert "Kudos" not in work.story_text()


def test_story_opening_with_an_is_not_a_note():
    work = parse_text(f"An old man sat by the fire.\n\n{STORY}")
    assert not work.notes
    assert work.story_text().startswith("An old man")


def test_title_and_byline_at_top():
    work = parse_text(f"The Long Harbour\n\nby Jo March\n\n{STORY}\n\n{STORY}")
    assert work.title == "The Long Harbour"
    assert work.authors == ["Jo March"]
    assert "Jo March" not in work.story_text()


def test_str_source_is_text_and_missing_path_is_an_error(tmp_path):
    assert load(STORY).chapters[0].text == STORY
    with pytest.raises(UnusableInput, match="no such file"):
        load(str(tmp_path / "missing.txt"))


def test_scene_break_lines_stay_in_chapter_text():
    work = parse_text(f"{STORY}\n\n***\n\n{STORY}")
    assert "***" in work.chapters[0].text
