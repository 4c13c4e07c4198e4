"""Read AO3's "Download → HTML" file, or any other HTML page, into a :class:`Work`.

AO3 downloads (``source_format = "ao3-html"``) are recognised by their ``#preface`` /
``#chapters`` / ``#afterword`` structure (or an "Archive of Our Own" preface with a tag list).
The preface's ``dl.tags`` block gives the archive tags, language, series, collections and
stats; ``h1`` the title; the byline's ``a[rel=author]`` the authors; the labelled
blockquotes ("Summary", "Notes", "Chapter Notes", "End Notes" …) the notes, which are never
part of the story text. Multi-chapter works have one ``h2.heading`` per chapter; a
single-chapter work has none (its chapter title is ``None``). Chapter titles are given as
AO3's work page shows them: "Chapter 2: The Party" (AO3's download heading is either that or
just "The Party", depending on the archive's version), "Chapter 2" for an untitled chapter.

The AO3 EPUB download is calibre's conversion of the same HTML (split into several files,
classes renamed ``userstuff1``, ``heading2`` …); :func:`parse_ao3_body` takes the joined
bodies, so both formats go through the same code.

Any other page (``source_format = "html"``): the first ``<h1>`` (or ``<title>``) is the
title, headings that look like chapter headings ("Chapter 3", "Prologue", "Part II" …) split
chapters, an author's note at the start or end ("A/N:", "TW:" …, found by the plain-text
reader's rules) goes to the notes, everything else in the body is story text.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from forewarn.errors import UnusableInput
from forewarn.ingest.html_text import (
    HEADING_TAGS,
    TextCollector,
    chapter_title,
    element_children,
    has_class_prefix,
    next_element,
    node_text,
    parse_html_document,
    html_to_text,
)
from forewarn.work import ArchiveTags, Chapter, Note, Work

AO3_NAME = "archive of our own"

# dt label (lower-case, no colon) → field
_TAG_FIELDS = {
    "rating": "rating", "ratings": "rating",
    "archive warning": "warnings", "archive warnings": "warnings", "warning": "warnings",
    "warnings": "warnings",
    "category": "category", "categories": "category",
    "fandom": "fandoms", "fandoms": "fandoms",
    "relationship": "relationships", "relationships": "relationships",
    "character": "characters", "characters": "characters",
    "additional tags": "additional", "additional tag": "additional", "freeform": "additional",
    "freeforms": "additional",
    "language": "language",
    "series": "series",
    "collections": "collections", "collection": "collections",
    "stats": "stats",
}
_STAT_RE = re.compile(
    r"(Published|Completed|Updated|Words|Chapters|Comments|Kudos|Bookmarks|Hits)\s*:\s*(\S+)",
    re.IGNORECASE)
_SERIES_TEXT_RE = re.compile(r"Part\s+\d+\s+of\s+(.+)", re.IGNORECASE)
_ENDNOTE_LINK_RE = re.compile(r"^see the end of the (chapter|work) for (more )?notes\.?$",
                              re.IGNORECASE)
# labelled note → (kind in the preface/afterword, kind inside a chapter)
_NOTE_LABELS = {
    "summary": ("summary", "chapter-summary"),
    "notes": ("notes", "chapter-notes"),
    "end notes": ("end-notes", "chapter-end-notes"),
    "chapter summary": ("chapter-summary", "chapter-summary"),
    "chapter notes": ("chapter-notes", "chapter-notes"),
    "chapter end notes": ("chapter-end-notes", "chapter-end-notes"),
}
_CHAPTER_HEADING_RE = re.compile(
    r"^\s*(chapter|ch\.|part|book|prologue|epilogue|interlude|afterword|foreword)\b"
    r"|^\s*(\d{1,3}|[IVXLC]{1,7})\s*[.:]?\s*$",
    re.IGNORECASE)


def parse_html(text: str, label: str) -> Work:
    """Parse an HTML file: an AO3 download (``ao3-html``) or any page (``html``).

    Example:
        >>> w = parse_html("<html><head><title>Rain</title></head><body>"
        ...                "<h2>Chapter 1</h2><p>It rained.</p><h2>Chapter 2: Sun</h2>"
        ...                "<p>It stopped.</p></body></html>", "rain.html")
        >>> w.title, [c.title for c in w.chapters], w.source_format
        ('Rain', ['Chapter 1', 'Chapter 2: Sun'], 'html')
    """
    doc = parse_html_document(text, label)
    body = doc.body
    if body is None or not (body.text(deep=True) or "").strip():
        if "<" in text and ">" in text:
            raise UnusableInput(f"{label}: HTML with no story text (no readable text in the page)")
        raise UnusableInput(f"{label}: file is empty (no story text)")
    head_title = _head_title(doc)
    if doc.css_first("#preface") is None and doc.css_first("dl.work") is not None:
        work = parse_ao3_page(body, label, fallback_title=head_title)
        work.source_format = "ao3-html"
    elif is_ao3_download(doc):
        work = parse_ao3_body(body, label, fallback_title=head_title)
        work.source_format = "ao3-html"
    else:
        work = parse_generic_body(body, label, fallback_title=head_title)
        work.source_format = "html"
    if not work.chapters and not work.notes:
        raise UnusableInput(f"{label}: HTML with no story text")
    return work


def is_ao3_download(doc) -> bool:  # type: ignore[no-untyped-def]
    """True for AO3's download structure (``#preface``/``#chapters``) or its tag block.

    Example:
        >>> is_ao3_download(parse_html_document('<div id="chapters"><p>x</p></div>'))
        True
    """
    if doc.css_first("#preface") is not None or doc.css_first("#chapters") is not None:
        return True
    body = doc.body
    if body is None:
        return False
    has_tags = any(_dt_label(dt) in ("rating", "archive warning", "archive warnings")
                   for dt in body.css("dl dt"))
    return has_tags and AO3_NAME in (body.text(deep=True) or "").lower()


# --- AO3 -----------------------------------------------------------------------------

def parse_ao3_body(body: LexborNode, label: str, fallback_title: str | None = None) -> Work:
    """Parse the ``<body>`` of an AO3 download (HTML, or the joined bodies of its EPUB).

    Example:
        >>> doc = parse_html_document('<div id="preface"><div class="meta"><h1>Rain</h1>'
        ...     '<div class="byline">by <a rel="author" href="/u/x">Ash</a></div></div></div>'
        ...     '<div id="chapters" class="userstuff"><div class="userstuff"><p>Drip.</p>'
        ...     '</div></div>')
        >>> w = parse_ao3_body(doc.body, "x.html")
        >>> w.title, w.authors, w.chapters[0].text, w.chapters[0].title
        ('Rain', ['Ash'], 'Drip.', None)
    """
    work = Work(archive_tags=ArchiveTags())
    state = _ChapterState(work, _find_sections(body))
    for node in body.iter(include_text=True):
        state.walk(node, 0)
    state.finish()
    if not work.title:
        work.title = fallback_title
    if len(work.chapters) == 1:
        only = work.chapters[0]
        if only.title and work.title and only.title.strip().lower() == work.title.strip().lower():
            only.title = None
    return work


class _ChapterState:
    """Walks the story part of an AO3 body: chapter headings, labelled notes, content."""

    def __init__(self, work: Work, sections: dict[int, str]) -> None:
        self.work = work
        self.sections = sections  # mem_id → "preface" / "afterword"
        self.chapters: list[tuple[str | None, TextCollector]] = []

    def _current(self) -> TextCollector:
        if not self.chapters:
            self.chapters.append((None, TextCollector()))
        return self.chapters[-1][1]

    def _number(self) -> int:
        return max(1, len(self.chapters))

    def walk(self, node: LexborNode, depth: int) -> None:
        tag = node.tag or ""
        if tag == "-text":
            if (node.text_content or "").strip():
                self._current().feed(node)
            return
        if tag.startswith("-"):
            return
        section = self.sections.get(node.mem_id)
        if section == "preface":
            _parse_preface(node, self.work)
            return
        if section == "afterword":
            _parse_labelled_notes(node, self.work, chapter=None)
            return
        if tag in ("h1", "h2", "h3") and depth > 0:
            self.chapters.append((node_text(node) or None, TextCollector()))
            return
        if _is_endnote_link(node) or (tag == "p" and has_class_prefix(node, "byline")):
            return
        if tag == "p" and _note_label(node) is not None:
            return  # handled together with its blockquote
        if tag == "blockquote":
            prev = _prev_element(node)
            kind = _note_label(prev) if prev is not None else None
            if kind is not None:
                text = html_to_text(node)
                if text:
                    self.work.notes.append(Note(kind[1], text, chapter=self._number()))
                return
        if depth == 0 and tag in ("script", "style", "template", "noscript"):
            return
        if depth < 12 and (_is_container(node) or any(
                c.mem_id in self.sections for c in element_children(node))):
            for child in node.iter(include_text=True):
                self.walk(child, depth + 1)
            return
        self._current().feed(node)

    def finish(self) -> None:
        position = 0
        for heading, collector in self.chapters:
            text = collector.text()
            if not text and heading is None:
                continue
            position += 1
            self.work.chapters.append(Chapter(text, title=chapter_title(heading, position)))


def _find_sections(body: LexborNode) -> dict[int, str]:
    """The preface and afterword elements: by id, else by their structure.

    calibre may rename ids when it builds AO3's EPUB, so without ``#preface`` the preface is
    the element around the tag list (``dl`` with "Rating:"/"Stats:") that also holds the
    ``h1`` title; without ``#afterword`` the afterword is the parent of an "Afterword"
    heading.
    """
    found: dict[int, str] = {}
    for node in body.css("div"):
        node_id = _id(node)
        if node_id in ("preface", "afterword"):
            found[node.mem_id] = node_id
    kinds = set(found.values())
    if "preface" not in kinds:
        dl = next((d for d in body.css("dl") if any(
            _dt_label(dt) in ("rating", "archive warning", "archive warnings", "stats")
            for dt in d.css("dt"))), None)
        node = dl.parent if dl is not None else None
        while node is not None and node.tag not in ("body", "html") \
                and node.css_first("h1") is None:
            node = node.parent
        if node is not None and node.tag not in ("body", "html"):
            parent = node.parent
            if parent is not None and parent.tag not in ("body", "html") and any(
                    c.tag == "h2" and node_text(c).lower() == "preface"
                    for c in element_children(parent)):
                node = parent
            found[node.mem_id] = "preface"
    if "afterword" not in kinds:
        for h2 in body.css("h2"):
            if node_text(h2).lower() == "afterword" and h2.parent is not None \
                    and h2.parent.tag not in ("body", "html"):
                found[h2.parent.mem_id] = "afterword"
                break
    return found


def _is_container(node: LexborNode, depth: int = 0) -> bool:
    """Structural wrapper (``#chapters``, ``div.meta``) rather than story content."""
    tag = node.tag or ""
    node_id = _id(node)
    if node_id == "chapters" or node_id.startswith("endnotes"):
        return True
    if tag not in ("div", "section", "article", "main", "body", "html"):
        return False
    if has_class_prefix(node, "meta", "group", "chapter", "preface", "afterword"):
        return True
    for child in element_children(node):
        ctag = child.tag or ""
        if ctag in ("h1", "h2", "h3") and has_class_prefix(child, "heading", "toc-heading"):
            return True
        if ctag == "p" and _note_label(child) is not None:
            return True
        if _is_endnote_link(child):
            return True
        if ctag == "div" and depth < 2 and _is_container(child, depth + 1):
            return True
    return False


def _parse_preface(preface: LexborNode, work: Work) -> None:
    dl = preface.css_first("dl")
    if dl is not None:
        _parse_tag_list(dl, work)
    h1 = preface.css_first("h1")
    if h1 is not None:
        work.title = node_text(h1) or work.title
    if not work.title:
        b = preface.css_first("p b")
        if b is not None:
            work.title = node_text(b) or None
    work.authors = _byline_authors(preface, h1)
    _parse_labelled_notes(preface, work, chapter=None)


def _parse_tag_list(dl: LexborNode, work: Work) -> None:
    label: str | None = None
    for child in element_children(dl):
        if child.tag == "dt":
            label = _dt_label(child)
            continue
        if child.tag != "dd" or label is None:
            continue
        field = _TAG_FIELDS.get(label)
        text = node_text(child)
        links = [node_text(a) for a in child.css("a")]
        links = [x for x in links if x]
        values = links or [v.strip() for v in text.split(",") if v.strip()]
        tags = work.archive_tags
        if field == "rating":
            tags.rating = values[0] if values else None
        elif field in ("warnings", "category", "relationships", "characters", "additional"):
            getattr(tags, field).extend(values)
        elif field == "fandoms":
            work.fandoms.extend(values)
        elif field == "language":
            work.language = text or None
        elif field == "series":
            if links:
                work.series.extend(links)
            else:
                for part in re.split(r",\s*(?=Part\s+\d)", text):
                    m = _SERIES_TEXT_RE.search(part)
                    work.series.append((m.group(1) if m else part).strip())
        elif field == "collections":
            work.collections.extend(values)
        elif field == "stats":
            for key, value in _STAT_RE.findall(text):
                key = key.lower()
                if key == "words":
                    value = re.sub(r"[^\d]", "", value)
                work.stats[key] = value


def _byline_authors(preface: LexborNode, h1: LexborNode | None) -> list[str]:
    byline = None
    for el in preface.css("div, p"):
        if has_class_prefix(el, "byline"):
            byline = el
            break
    if byline is None and h1 is not None:
        nxt = next_element(h1)
        if nxt is not None and node_text(nxt).lower().startswith("by "):
            byline = nxt
    if byline is None:
        return []
    names = [node_text(a) for a in byline.css('a[rel="author"]')] or \
        [node_text(a) for a in byline.css("a")]
    if not names:
        text = re.sub(r"^\s*by\s+", "", node_text(byline), flags=re.IGNORECASE)
        names = re.split(r",\s*|\s+and\s+", text)
    out: list[str] = []
    for n in names:
        n = n.strip()
        if n and n not in out:
            out.append(n)
    return out


def _parse_labelled_notes(container: LexborNode, work: Work, chapter: int | None) -> None:
    for p in container.css("p"):
        kind = _note_label(p)
        if kind is None:
            continue
        quote = next_element(p)
        if quote is None or quote.tag != "blockquote":
            continue
        text = html_to_text(quote)
        if text:
            work.notes.append(Note(kind[0] if chapter is None else kind[1], text,
                                   chapter=chapter))


def _note_label(p: LexborNode | None) -> tuple[str, str] | None:
    """The note kinds a label paragraph ("Summary", "Chapter Notes" …) introduces."""
    if p is None or p.tag != "p" or len(p.text(deep=True) or "") > 60:
        return None
    kinds = _NOTE_LABELS.get(node_text(p).rstrip(":").strip().lower())
    if kinds is None:
        return None
    nxt = next_element(p)
    if nxt is None or not (nxt.tag == "blockquote" or _is_endnote_link(nxt)):
        return None
    return kinds


def _is_endnote_link(node: LexborNode) -> bool:
    if node.tag != "div":
        return False
    if has_class_prefix(node, "endnote-link"):
        return True
    if len(node.text(deep=True) or "") > 200:
        return False
    return bool(_ENDNOTE_LINK_RE.match(node_text(node)))


def _prev_element(node: LexborNode) -> LexborNode | None:
    n = node.prev
    while n is not None:
        if n.tag and not n.tag.startswith("-"):
            return n
        if n.tag == "-text" and (n.text_content or "").strip():
            return None
        n = n.prev
    return None


def _dt_label(dt: LexborNode) -> str:
    return node_text(dt).rstrip(":").strip().lower()


def _id(node: LexborNode) -> str:
    attrs = node.attributes if node.tag and not node.tag.startswith("-") else None
    return ((attrs or {}).get("id") or "").strip().lower()


def _head_title(doc) -> str | None:  # type: ignore[no-untyped-def]
    t = doc.css_first("head title") or doc.css_first("title")
    if t is None:
        return None
    return node_text(t) or None


# --- a saved AO3 work page ("Save page as" in a browser) --------------------------------

def parse_ao3_page(body: LexborNode, label: str, fallback_title: str | None = None) -> Work:
    """Parse a work page saved from the archive (``dl.work.meta``, ``div.chapter`` …).

    Same fields as the download: the tag list has the same labels, the title is
    ``h2.title``, the byline ``h3.byline``; notes sit in ``div.summary`` / ``div.notes`` /
    ``div.end.notes`` modules; each ``div.chapter`` has an ``h3.title`` and a
    ``div.userstuff`` whose "Chapter Text" landmark heading is not story text.

    Example:
        >>> doc = parse_html_document('<div class="preface group"><h2 class="title heading">'
        ...     'Rain</h2></div><dl class="work meta"><dt>Rating:</dt><dd>'
        ...     '<a class="tag">Mature</a></dd></dl><div id="chapters"><div class="userstuff">'
        ...     '<h3 class="landmark heading">Work Text:</h3><p>Drip.</p></div></div>')
        >>> w = parse_ao3_page(doc.body, "x.html")
        >>> w.title, w.archive_tags.rating, w.chapters[0].text
        ('Rain', 'Mature', 'Drip.')
    """
    work = Work(archive_tags=ArchiveTags())
    meta = body.css_first("dl.work")
    if meta is not None:
        _parse_tag_list(meta, work)
        series = meta.css("dd.series span.position a")
        if series:
            work.series = [node_text(a) for a in series if node_text(a)]
    title = body.css_first("h2.title")
    preface = title.parent if title is not None else None
    work.title = (node_text(title) if title is not None else None) or fallback_title
    if preface is not None:
        byline = preface.css_first(".byline")
        if byline is not None:
            names = [node_text(a) for a in byline.css('a[rel="author"]')]
            if not names:
                names = re.split(r",\s*|\s+and\s+",
                                 re.sub(r"^\s*by\s+", "", node_text(byline), flags=re.I))
            work.authors = [n for n in dict.fromkeys(x.strip() for x in names) if n]
        for kind, sel in (("summary", ".summary blockquote"), ("notes", ".notes blockquote")):
            q = preface.css_first(sel)
            if q is not None and html_to_text(q):
                work.notes.append(Note(kind, html_to_text(q)))
    chapters_div = body.css_first("#chapters")
    chapter_divs = body.css("#chapters > div.chapter") if chapters_div is not None else []
    if not chapter_divs and chapters_div is not None:
        content = chapters_div.css_first("div.userstuff") or chapters_div
        work.chapters.append(Chapter(_page_content_text(content)))
    for position, chap in enumerate(chapter_divs, 1):
        heading = chap.css_first("h3.title")
        for kind, sel in (("chapter-summary", ".summary blockquote"),
                          ("chapter-notes", ".notes:not(.end) blockquote")):
            q = chap.css_first(sel)
            if q is not None and html_to_text(q):
                work.notes.append(Note(kind, html_to_text(q), chapter=position))
        content = next((d for d in element_children(chap) if has_class_prefix(d, "userstuff")),
                       None)
        text = _page_content_text(content) if content is not None else ""
        work.chapters.append(Chapter(text, title=chapter_title(
            node_text(heading) if heading is not None else None, position)))
        q = chap.css_first(".end.notes blockquote")
        if q is not None and html_to_text(q):
            work.notes.append(Note("chapter-end-notes", html_to_text(q), chapter=position))
    q = body.css_first("#work_endnotes blockquote")
    if q is not None and html_to_text(q):
        work.notes.append(Note("end-notes", html_to_text(q)))
    return work


def _page_content_text(content: LexborNode) -> str:
    for landmark in content.css("h3.landmark"):
        landmark.decompose()
    return html_to_text(content)


# --- any other HTML --------------------------------------------------------------------

def is_chapter_heading(text: str) -> bool:
    """True for headings that start a chapter ("Chapter 3", "Prologue", "Part II", "IV").

    Example:
        >>> is_chapter_heading("Chapter Three: The Party"), is_chapter_heading("Notes")
        (True, False)
    """
    return bool(text) and len(text) <= 120 and bool(_CHAPTER_HEADING_RE.match(text))


def split_generic(body: LexborNode, first_heading_is_title: bool = False
                  ) -> list[tuple[str | None, TextCollector]]:
    """Cut a body into ``(heading, collector)`` chapters at chapter-like headings.

    With ``first_heading_is_title`` (one EPUB file per chapter), a heading that comes before
    any text is that chapter's heading whatever it says.

    Example:
        >>> doc = parse_html_document("<h2>Prologue</h2><p>A.</p><h2>Chapter 1</h2><p>B.</p>")
        >>> [(h, c.text()) for h, c in split_generic(doc.body)]
        [('Prologue', 'A.'), ('Chapter 1', 'B.')]
    """
    chapters: list[tuple[str | None, TextCollector]] = [(None, TextCollector())]

    def has_text() -> bool:
        return any(c.paragraphs() for _, c in chapters)

    def walk(node: LexborNode, depth: int) -> None:
        tag = node.tag or ""
        if tag in HEADING_TAGS and tag in ("h1", "h2", "h3"):
            text = node_text(node)
            if text and (is_chapter_heading(text)
                         or (first_heading_is_title and not has_text()
                             and chapters[-1][0] is None)):
                if chapters[-1][0] is None and not chapters[-1][1].paragraphs():
                    chapters[-1] = (text, chapters[-1][1])
                else:
                    chapters.append((text, TextCollector()))
                return
        if (tag in ("div", "section", "article", "main", "body", "html", "center")
                and depth < 40 and node.css_first("h1, h2, h3") is not None):
            for child in node.iter(include_text=True):
                walk(child, depth + 1)
            return
        chapters[-1][1].feed(node)

    for child in body.iter(include_text=True):
        walk(child, 0)
    return chapters


def parse_generic_body(body: LexborNode, label: str, fallback_title: str | None = None) -> Work:
    """Parse an ordinary HTML page's body (see the module docstring).

    Example:
        >>> doc = parse_html_document("<h1>Tide</h1><p>Waves.</p><p>***</p><p>Gulls.</p>")
        >>> w = parse_generic_body(doc.body, "t.html")
        >>> w.title, w.chapters[0].text
        ('Tide', 'Waves.\\n\\n* * *\\n\\nGulls.')
    """
    work = Work()
    title = None
    h1 = body.css_first("h1")
    if h1 is not None:
        t = node_text(h1)
        if t and not is_chapter_heading(t):
            title = t
            h1.decompose()
    work.title = title or fallback_title
    for heading, collector in split_generic(body):
        text = collector.text()
        if text or heading:
            work.chapters.append(Chapter(text, title=chapter_title(heading)))
    work.chapters = [c for c in work.chapters if c.text] or work.chapters
    move_text_notes(work, label)
    return work


def move_text_notes(work: Work, label: str) -> None:
    """Move author's notes at the start or end of each chapter out of the story text.

    Notes are found by the plain-text reader's rules ("A/N:", "TW:", "Author's Note" …). A
    note opening the first chapter is the work's ``notes``, one closing the last chapter its
    ``end-notes``; notes around other chapters are ``chapter-notes`` /
    ``chapter-end-notes``.

    Example:
        >>> w = Work(chapters=[Chapter("A/N: for my sister.\\n\\nIt rained.")])
        >>> move_text_notes(w, "x"); w.chapters[0].text, w.notes[0].kind
        ('It rained.', 'notes')
    """
    from forewarn.ingest.plaintext import parse_text

    if not work.chapters:
        return
    # the whole story first: a note may fill the untitled bit before "Chapter 1"
    whole = parse_text(work.story_text(), label)
    for note in whole.notes:
        first, final = work.chapters[0], work.chapters[-1]
        if note.kind == "notes" and first.text.startswith(note.text):
            first.text = first.text[len(note.text):].lstrip("\n")
            work.notes.append(Note("notes", note.text))
        elif note.kind == "end-notes" and final.text.endswith(note.text):
            final.text = final.text[:-len(note.text)].rstrip("\n")
            work.notes.append(Note("end-notes", note.text))
    work.chapters = [c for c in work.chapters if c.text.strip()] or work.chapters
    last = len(work.chapters)
    for i, chapter in enumerate(work.chapters, 1):
        probe = parse_text(chapter.text, label)
        for note in probe.notes:
            if note.kind == "notes" and chapter.text.startswith(note.text):
                chapter.text = chapter.text[len(note.text):].lstrip("\n")
                kind, num = ("notes", None) if i == 1 else ("chapter-notes", i)
            elif note.kind == "end-notes" and chapter.text.endswith(note.text):
                chapter.text = chapter.text[:-len(note.text)].rstrip("\n")
                kind, num = ("end-notes", None) if i == last else ("chapter-end-notes", i)
            else:
                continue
            work.notes.append(Note(kind, note.text, chapter=num))
    kept = [c for c in work.chapters if c.text.strip()]
    if kept:
        work.chapters = kept
    rank = {"summary": 0, "notes": 1, "chapter-summary": 2, "chapter-notes": 3,
            "chapter-end-notes": 4, "end-notes": 5}
    work.notes.sort(key=lambda n: (n.kind == "end-notes", n.chapter or 0, rank.get(n.kind, 9)))
