"""Invisible format characters inside a word do not hide a warning, in any input format,
and the evidence offsets still point at the original text."""
from __future__ import annotations

import pytest

import forewarn
from forewarn.text import segment_text
from forewarn.warnings.detect import _FORMAT_RE, chapter_hits
from tests.builders import EpubItem, build_epub, xhtml

INVISIBLE = {
    "zero-width space": "\u200b", "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d", "word joiner": "\u2060", "soft hyphen": "\u00ad",
    "BOM inside text": "\ufeff", "right-to-left override": "\u202e",
    "left-to-right mark": "\u200e", "first strong isolate": "\u2068",
}
SENTENCE = "He {w} her twice and she bled out on the floor."


def _hidden(word: str, mark: str) -> str:
    return word[:2] + mark + word[2:]


def _ids(source) -> set[str]:
    return {f.id for f in forewarn.scan(source).warnings}


@pytest.mark.parametrize("name", INVISIBLE)
def test_a_format_character_inside_a_word_does_not_hide_it(name):
    mark = INVISIBLE[name]
    text = SENTENCE.format(w=_hidden("shot", mark))
    assert "gun-violence" in _ids(text)
    assert "death" in _ids(f"In the end he ki{mark}lled her.")


def test_hit_offsets_point_at_the_original_text():
    text = "It was late. Then he sh\u200bo\u00adt her and the blood ran."
    ch = segment_text(text).chapters[0]
    hits = {ch.text[h.start:h.end] for h in chapter_hits(ch, accepted_only=True)}
    assert "sh\u200bo\u00adt her" in hits and "blood" in hits
    report = forewarn.scan(text)
    ev = next(f for f in report.warnings if f.id == "gun-violence").evidence[0]
    assert text[ev.start:ev.end] == ev.text and "\u200b" in ev.text


def test_look_alikes_still_hold_across_invisible_characters():
    assert "blood" not in _ids("She ate a blood\u200b orange at breakfast.")


@pytest.mark.parametrize("fmt", ["txt", "html", "epub"])
def test_every_input_format(fmt):
    story = SENTENCE.format(w=_hidden("shot", "\u00ad")) + " He ci\u200bgarette smoked."
    story = "Chapter 1\n\n" + story + " " + "The rain went on and on. " * 10
    if fmt == "txt":
        data = story.encode("utf-8")
    elif fmt == "html":
        paras = "".join(f"<p>{p}</p>" for p in story.split("\n\n"))
        data = f"<html><body>{paras}</body></html>".encode()
    else:
        paras = "".join(f"<p>{p}</p>" for p in story.split("\n\n"))
        data = build_epub([EpubItem("c", "c.xhtml", xhtml(paras))])
    assert "gun-violence" in _ids(data), fmt


def test_the_class_covers_the_listed_characters():
    assert all(_FORMAT_RE.fullmatch(c) for c in INVISIBLE.values())
    assert not _FORMAT_RE.search("plain words, curly ’quotes’ and — dashes")
