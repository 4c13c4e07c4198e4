"""Warnings the author declared in notes and archive tags."""
from forewarn.pipeline import scan_work
from forewarn.warnings.declared import declarations_in, read_declared, tag_declarations
from forewarn.work import ArchiveTags, Chapter, Note, Work


def ids(work):
    return [d.id for d in read_declared(work)]


def test_free_text_content_warnings():
    w = Work(notes=[Note("notes", "This comes with some content warnings. Namely, grief/grieving, "
                                  "issues with alcoholism, and terminal illness.")])
    assert set(ids(w)) == {"grief", "alcoholism", "terminal-illness"}


def test_tw_shorthand():
    w = Work(notes=[Note("notes", "TW: sh, suicide mention, blood")])
    assert set(ids(w)) == {"self-harm", "suicide", "blood"}


def test_cw_slashes():
    assert [i for i, _ in declarations_in("CW // alcohol")] == ["alcohol"]


def test_a_plot_summary_declares_nothing():
    w = Work(notes=[Note("summary", "After losing their partners in a car accident, two women meet at a "
                                    "grief support group and fall for each other.")])
    assert ids(w) == []


def test_negated_declaration_is_not_read():
    assert [i for i, _ in declarations_in("Warnings: no major character death, just fluff")] == []


def test_archive_tags():
    w = Work(archive_tags=ArchiveTags(
        warnings=["No Archive Warnings Apply"],
        additional=["Implied/Referenced Character Death", "Fluff and Angst", "Blood and Gore", "Smoking"]))
    assert set(ids(w)) == {"death", "blood", "gore", "smoking"}


def test_archive_warning_tags():
    assert tag_declarations("Graphic Depictions Of Violence") == [("violence", "graphic depictions of violence")]
    assert tag_declarations("Creator Chose Not To Use Archive Warnings") == []


def test_findings_say_whether_declared():
    work = Work(chapters=[Chapter("He lit a cigarette. Blood ran down his arm and dripped onto the floor.")],
                notes=[Note("notes", "TW: smoking, alcoholism")])
    r = scan_work(work)
    assert r.finding("smoking").declared is True
    assert r.finding("blood").declared is False
    assert "alcoholism" in r.declared_not_found
    assert "blood" in r.undeclared and "smoking" not in r.undeclared


def test_declaring_alcoholism_covers_alcohol():
    work = Work(chapters=[Chapter("They drank whiskey at the bar until they were drunk.")],
                notes=[Note("notes", "Content warning: alcoholism")])
    r = scan_work(work)
    assert r.finding("alcohol").declared is True
