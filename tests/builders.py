"""Build small AO3-style HTML downloads and EPUB files for the tests.

Everything here is written for forewarn's tests (no real works are copied). The AO3 markup
mirrors the archive's download templates (``#preface`` with ``dl.tags``, ``h1``, the byline,
labelled ``blockquote.userstuff`` notes; ``#chapters`` with one ``div.meta.group`` +
``h2.heading`` per chapter; ``#afterword`` with the end notes). The AO3 EPUB mirrors what
calibre's ``ebook-convert`` makes of that HTML: the body split into ``*_split_NNN.xhtml``
files at the preface, each chapter heading and the afterword, the wrapping ``div#chapters``
repeated in every split file, and classes renamed (``userstuff`` → ``userstuff1``, the
unstyled ``meta group`` div losing its class).
"""
from __future__ import annotations

import html
import io
import zipfile
from dataclasses import dataclass, field


@dataclass
class FixtureChapter:
    heading: str | None  # None for a single-chapter work
    body_html: str
    summary: str | None = None
    notes: str | None = None
    end_notes: str | None = None


@dataclass
class FixtureWork:
    title: str
    authors: list[str]
    chapters: list[FixtureChapter]
    rating: str = "Teen And Up Audiences"
    warnings: list[str] = field(default_factory=lambda: ["Graphic Depictions Of Violence"])
    categories: list[str] = field(default_factory=lambda: ["F/M"])
    fandoms: list[str] = field(default_factory=lambda: ["Lighthouse Keepers (Original Work)"])
    relationships: list[str] = field(default_factory=lambda: ["Mara Quill/Tobias Fen"])
    characters: list[str] = field(default_factory=lambda: ["Mara Quill", "Tobias Fen"])
    additional: list[str] = field(default_factory=lambda: ["Storms", "Hurt/Comfort"])
    language: str = "English"
    series: list[tuple[int, str]] = field(default_factory=lambda: [(2, "The Salt Year")])
    collections: list[str] = field(default_factory=lambda: ["Winter Prompt Fest 2024"])
    published: str = "2024-01-05"
    completed: str | None = "2024-02-10"
    words: str = "1,234"
    summary: str | None = "<p>A keeper and a storm.</p><p>Nobody sleeps.</p>"
    notes: str | None = "<p>CW: a bad fall, some blood.</p>"
    end_notes: str | None = "<p>Thanks for reading!</p>"


def storm_work() -> FixtureWork:
    """A two-chapter work with every kind of note, a scene break, <br> and entities."""
    return FixtureWork(
        title="Salt & Lamplight",
        authors=["wrenfeather", "oldtide"],
        chapters=[
            FixtureChapter(
                heading="The Wick",  # current AO3 downloads: the chapter title only
                summary="<p>The lamp fails.</p>",
                notes="<p>This chapter mentions a fall.</p>",
                end_notes="<p>More soon.</p>",
                body_html=(
                    "<p>Mara trimmed the wick at dusk, the way her mother had.</p>\n"
                    "<p>&ldquo;It won&rsquo;t hold,&rdquo; Tobias said.&nbsp; "
                    "&ldquo;Not tonight.&rdquo;</p>\n"
                    "<p style=\"text-align: center;\">***</p>\n"
                    "<p>The wind came up the stairs<br/>and put out\nthe candle.</p>\n"
                    "<hr/>\n"
                    "<p>She typed &lt;script&gt;alert(1)&lt;/script&gt; into the log, "
                    "as a joke.</p>\n"
                ),
            ),
            FixtureChapter(
                heading="Chapter 2",
                end_notes="<p>The end, for now.</p>",
                body_html=(
                    "<p>Morning. The sea had gone flat and grey.</p>\n"
                    "<blockquote><p>Keeper&#39;s log: lamp relit at six.</p></blockquote>\n"
                    "<p>Tobias slept on the floor by the stove.</p>\n"
                ),
            ),
        ],
    )


def oneshot_work() -> FixtureWork:
    """A single-chapter work (no chapter heading in AO3's download)."""
    w = storm_work()
    w.title = "Low Tide"
    w.authors = ["wrenfeather"]
    w.series = []
    w.collections = []
    w.end_notes = None
    w.completed = None
    w.chapters = [FixtureChapter(heading=None, body_html=(
        "<p>The tide went out further than anyone remembered.</p>\n"
        "<p>Mara walked after it.</p>\n"))]
    return w


def _links(values: list[str], kind: str) -> str:
    return ", ".join(
        f'<a rel="tag" href="https://archiveofourown.org/tags/{kind}">{html.escape(v)}</a>'
        for v in values)


def _dt(name: str, plural: str, values: list[str], kind: str) -> str:
    if not values:
        return ""
    label = name if len(values) == 1 else plural
    return f"<dt>{label}:</dt>\n<dd>{_links(values, kind)}</dd>\n"


def ao3_preface(w: FixtureWork) -> str:
    """The ``div#preface`` of AO3's download."""
    dl = (_dt("Rating", "Ratings", [w.rating], "rating")
          + _dt("Archive Warning", "Archive Warnings", w.warnings, "warning")
          + _dt("Category", "Categories", w.categories, "category")
          + _dt("Fandom", "Fandoms", w.fandoms, "fandom")
          + _dt("Relationship", "Relationships", w.relationships, "rel")
          + _dt("Character", "Characters", w.characters, "char")
          + _dt("Additional Tags", "Additional Tags", w.additional, "freeform")
          + f"<dt>Language:</dt>\n<dd>{w.language}</dd>\n")
    if w.series:
        parts = ", ".join(f'Part {n} of\n<a href="https://archiveofourown.org/series/9">'
                          f"{html.escape(t)}</a>" for n, t in w.series)
        dl += f"<dt>Series:</dt>\n<dd>{parts}</dd>\n"
    if w.collections:
        dl += "<dt>Collections:</dt>\n<dd>" + ",\n".join(
            f'<a href="https://archiveofourown.org/collections/c">{html.escape(c)}</a>'
            for c in w.collections) + "</dd>\n"
    stats = f"Published: {w.published}\n"
    if w.completed:
        stats += f"          Completed: {w.completed}\n"
    n = len(w.chapters)
    stats += f"          Words: {w.words}\n          Chapters: {n}/{n}"
    dl += f"<dt>Stats:</dt>\n<dd>\n          {stats}\n</dd>\n"
    byline = ", ".join(
        f'<a rel="author" href="https://archiveofourown.org/users/{a}/pseuds/{a}">{a}</a>'
        for a in w.authors)
    out = [
        '<div id="preface">',
        '<h2 class="toc-heading">Preface</h2>',
        f'<p class="message"><b>{html.escape(w.title)}</b><br/>Posted originally on the '
        '<a href="https://archiveofourown.org/">Archive of Our Own</a> at '
        '<a href="https://archiveofourown.org/works/1">https://archiveofourown.org/works/1'
        "</a>.</p>",
        '<div class="meta">',
        f'<dl class="tags">\n{dl}</dl>',
        f"<h1>{html.escape(w.title)}</h1>",
        f'<div class="byline">by {byline}</div>',
    ]
    if w.summary:
        out += ["<p>Summary</p>", f'<blockquote class="userstuff">{w.summary}</blockquote>']
    if w.notes or w.end_notes:
        out.append("<p>Notes</p>")
        if w.notes:
            out.append(f'<blockquote class="userstuff">{w.notes}</blockquote>')
        if w.end_notes:
            out.append('<div class="endnote-link">See the end of the work for '
                       f'{"more " if w.notes else ""}<a href="#endnotes">notes</a></div>')
    out += ["</div>", "</div>"]
    return "\n".join(out)


def ao3_chapter(c: FixtureChapter, position: int, *, meta_class: str = ' class="meta group"',
                userstuff: str = "userstuff", heading_class: str = "heading") -> str:
    """One chapter of a multi-chapter download (``_download_chapter``)."""
    out = [f"<div{meta_class}>", f'<h2 class="{heading_class}">{html.escape(c.heading or "")}</h2>']
    if c.summary:
        out += ["<p>Chapter Summary</p>", f'<blockquote class="{userstuff}">{c.summary}</blockquote>']
    if c.notes or c.end_notes:
        out.append("<p>Chapter Notes</p>")
        if c.notes:
            out.append(f'<blockquote class="{userstuff}">{c.notes}</blockquote>')
        if c.end_notes:
            out.append('<div class="endnote-link">See the end of the chapter for '
                       f'{"more " if c.notes else ""}<a href="#endnotes{position}">notes</a>'
                       "</div>")
    out += ["</div>", "", "<!--chapter content-->", f'<div class="{userstuff}" role="article">',
            c.body_html, "</div>", "<!--/chapter content-->"]
    if c.end_notes:
        out += [f'<div class="meta" id="endnotes{position}">', "<p>Chapter End Notes</p>",
                f'<blockquote class="{userstuff}">{c.end_notes}</blockquote>', "</div>"]
    return "\n".join(out)


def ao3_afterword(w: FixtureWork) -> str:
    out = ['<div id="afterword">', '<h2 class="toc-heading">Afterword</h2>']
    if w.end_notes:
        out += ['<div class="meta">', '<div id="endnotes">', "<p>End Notes</p>",
                f'<blockquote class="userstuff">{w.end_notes}</blockquote>', "</div>", "</div>"]
    out.append('<p class="message">Please <a href="https://archiveofourown.org/works/1/'
               'comments/new">drop by the archive and comment</a> to let the creator know '
               "if you enjoyed their work!</p>")
    out.append("</div>")
    return "\n".join(out)


def ao3_chapters(w: FixtureWork) -> str:
    if len(w.chapters) == 1:
        inner = f'<div class="userstuff">{w.chapters[0].body_html}</div>'
    else:
        inner = "\n".join(ao3_chapter(c, i) for i, c in enumerate(w.chapters, 1))
    return f'<div id="chapters" class="userstuff">\n{inner}\n</div>'


def ao3_html(w: FixtureWork) -> str:
    """AO3's "Download → HTML" file for ``w``."""
    page_title = f"{w.title} - {', '.join(w.authors)} - {w.fandoms[0]}"
    return "\n".join([
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">',
        "<head>", '<meta charset="utf-8" />', f"<title>{html.escape(page_title)}</title>",
        '<style type="text/css">p.message { text-align: center; } '
        ".userstuff { padding: 1em; }</style>",
        "</head>", "<body>",
        ao3_preface(w), "", ao3_chapters(w), "", ao3_afterword(w),
        "</body>", "</html>", ""])


# --- EPUB ----------------------------------------------------------------------------

_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="{opf}" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def xhtml(body: str, title: str = "x", epub3: bool = False) -> str:
    ns = ' xmlns:epub="http://www.idpf.org/2007/ops"' if epub3 else ""
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml"{ns}>\n<head><title>'
            f"{html.escape(title)}</title>\n"
            '<link rel="stylesheet" type="text/css" href="stylesheet.css"/></head>\n'
            f"<body>\n{body}\n</body>\n</html>\n")


@dataclass
class EpubItem:
    id: str
    href: str
    content: str | bytes
    media_type: str = "application/xhtml+xml"
    in_spine: bool = True
    properties: str | None = None
    linear: bool = True


def build_epub(items: list[EpubItem], *, title: str | None = "Untitled",
               creators: list[str] | None = None, subjects: list[str] | None = None,
               language: str | None = "en", description: str | None = None,
               publisher: str | None = None, version: str = "2.0",
               opf_path: str = "OEBPS/content.opf", guide: list[tuple[str, str]] | None = None,
               ncx: str | None = None, with_container: bool = True,
               opf_override: str | None = None, write_opf: bool = True) -> bytes:
    """Zip an EPUB: ``mimetype``, ``META-INF/container.xml``, the OPF and the items."""
    base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
    meta = []
    if title is not None:
        meta.append(f"<dc:title>{html.escape(title)}</dc:title>")
    for c in creators or []:
        role = "ill" if c.startswith("Illustrated by ") else "aut"
        meta.append(f'<dc:creator opf:role="{role}">{html.escape(c)}</dc:creator>')
    for s in subjects or []:
        meta.append(f"<dc:subject>{html.escape(s)}</dc:subject>")
    if language:
        meta.append(f"<dc:language>{language}</dc:language>")
    if description:
        meta.append(f"<dc:description>{html.escape(description)}</dc:description>")
    if publisher:
        meta.append(f"<dc:publisher>{html.escape(publisher)}</dc:publisher>")
    meta.append('<dc:identifier id="uid">urn:uuid:00000000-0000-4000-8000-000000000001'
                "</dc:identifier>")
    manifest = []
    for it in items:
        props = f' properties="{it.properties}"' if it.properties else ""
        manifest.append(f'<item id="{it.id}" href="{it.href}" media-type="{it.media_type}"{props}/>')
    spine_attr = ""
    if ncx is not None:
        manifest.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
        spine_attr = ' toc="ncx"'
    nonlinear = ' linear="no"'
    spine = [f'<itemref idref="{it.id}"{"" if it.linear else nonlinear}/>'
             for it in items if it.in_spine]
    guide_xml = ""
    if guide:
        guide_xml = "<guide>" + "".join(
            f'<reference type="{t}" href="{h}" title="{t}"/>' for t, h in guide) + "</guide>"
    opf = opf_override if opf_override is not None else (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="{version}" '
        'unique-identifier="uid">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:opf="http://www.idpf.org/2007/opf">\n' + "\n".join(meta) + "\n</metadata>\n"
        "<manifest>\n" + "\n".join(manifest) + "\n</manifest>\n"
        f"<spine{spine_attr}>\n" + "\n".join(spine) + "\n</spine>\n" + guide_xml + "\n</package>\n")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        if with_container:
            z.writestr("META-INF/container.xml", _CONTAINER.format(opf=opf_path))
        if write_opf:
            z.writestr(opf_path, opf)
        if ncx is not None:
            z.writestr(base + "toc.ncx", ncx)
        for it in items:
            z.writestr(base + it.href, it.content, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def ao3_epub(w: FixtureWork, *, keep_ids: bool = True, wrap: bool = False) -> bytes:
    """AO3's EPUB download of ``w``: calibre's split conversion of the HTML download.

    ``keep_ids=False`` renames the ``preface``/``chapters``/``afterword`` ids the way calibre
    renames link targets (``calibre_link-N``); ``wrap=True`` puts each file's body in an extra
    ``div.calibre1``.
    """
    stem = "Salt_Lamplight" if "Salt" in w.title else "Work"
    parts = [ao3_preface(w).replace('class="meta"', "", 1)]  # unstyled div loses its class
    if len(w.chapters) == 1:
        parts.append('<div id="chapters" class="userstuff">'
                     f'<div class="userstuff1">{w.chapters[0].body_html}</div></div>')
    else:
        for i, c in enumerate(w.chapters, 1):
            chap = ao3_chapter(c, i, meta_class="", userstuff="userstuff1",
                               heading_class="heading1" if i > 1 else "heading")
            # calibre repeats the wrapping div in each split file
            parts.append(f'<div class="userstuff" id="chapters">\n{chap}\n</div>')
    parts.append(ao3_afterword(w))
    if not keep_ids:
        for i, name in enumerate(("preface", "chapters", "afterword", "endnotes")):
            parts = [p.replace(f'id="{name}"', f'id="calibre_link-{i}"') for p in parts]
    if wrap:
        parts = [f'<div class="calibre1">{p}</div>' for p in parts]
    items = [EpubItem(f"id{i}", f"{stem}_split_{i:03d}.xhtml", xhtml(p, w.title))
             for i, p in enumerate(parts)]
    items.append(EpubItem("css", "stylesheet.css", ".userstuff{padding:1em}", "text/css",
                          in_spine=False))
    ncx = _ncx([(f"{stem}_split_{i:03d}.xhtml", lbl) for i, lbl in enumerate(
        ["Preface"] + [c.heading or w.title for c in w.chapters] + ["Afterword"])])
    return build_epub(items, title=w.title, creators=[" & ".join(w.authors)],
                      subjects=["Fanworks", w.rating, *w.warnings, *w.additional],
                      description=w.summary, publisher="Archive of Our Own", ncx=ncx,
                      opf_path="content.opf")


def _ncx(points: list[tuple[str, str]]) -> str:
    nav = "".join(
        f'<navPoint id="n{i}" playOrder="{i}"><navLabel><text>{html.escape(lbl)}</text>'
        f'</navLabel><content src="{src}"/></navPoint>' for i, (src, lbl) in enumerate(points, 1))
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
            f"<head/><docTitle><text>t</text></docTitle><navMap>{nav}</navMap></ncx>")


BOOK_CHAPTERS = [
    ("Chapter One", "<p>The ferry left without Ines.</p><p>She watched it go, counting gulls.</p>"),
    ("Chapter Two: The Crossing",
     "<p>By noon she had found a fisherman willing to take her.</p>"
     "<p class=\"center\">* * *</p><p>They reached the island after dark.</p>"),
    ("Chapter Three", "<p>The house was empty. The kettle was still warm.</p>"),
]


def book_epub2() -> bytes:
    """An ordinary EPUB 2 book: cover, title page, NCX, copyright page, three chapters."""
    items = [
        EpubItem("cover", "cover.xhtml", xhtml('<div><img src="cover.jpg" alt="Cover"/></div>')),
        EpubItem("titlepage", "titlepage.xhtml",
                 xhtml("<h1>The Empty Island</h1><p>Dana Whitlow</p>")),
        EpubItem("copyright", "copyright.xhtml", xhtml(
            "<p>Copyright © 2021 Dana Whitlow. All rights reserved.</p>"
            "<p>ISBN 000-0-00-000000-0</p>")),
    ]
    for i, (heading, body) in enumerate(BOOK_CHAPTERS, 1):
        items.append(EpubItem(f"ch{i}", f"text/chapter{i}.xhtml",
                              xhtml(f"<h2>{heading}</h2>\n{body}", heading)))
    items.append(EpubItem("img", "cover.jpg", b"\xff\xd8\xff\xe0fakejpeg", "image/jpeg",
                          in_spine=False))
    ncx = _ncx([(f"text/chapter{i}.xhtml", h) for i, (h, _) in enumerate(BOOK_CHAPTERS, 1)])
    return build_epub(items, title="The Empty Island",
                      creators=["Dana Whitlow", "Illustrated by Pell Ruiz"],
                      subjects=["Fiction", "Mystery"], language="en",
                      description="<p>A woman returns to an island where everyone has gone.</p>",
                      guide=[("cover", "cover.xhtml"), ("title-page", "titlepage.xhtml")],
                      ncx=ncx)


def book_epub3() -> bytes:
    """An ordinary EPUB 3 book with a nav document (in the spine) and epub:type sections."""
    nav = xhtml('<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>' + "".join(
        f'<li><a href="chapter{i}.xhtml">{h}</a></li>' for i, (h, _) in enumerate(BOOK_CHAPTERS, 1))
        + "</ol></nav>", "Contents", epub3=True)
    items = [
        EpubItem("nav", "nav.xhtml", nav, properties="nav"),
        EpubItem("title", "title.xhtml", xhtml(
            '<section epub:type="titlepage"><h1>The Empty Island</h1><p>Dana Whitlow</p>'
            "</section>", epub3=True)),
    ]
    for i, (heading, body) in enumerate(BOOK_CHAPTERS, 1):
        items.append(EpubItem(f"c{i}", f"chapter{i}.xhtml", xhtml(
            f'<section epub:type="chapter"><h1>{heading}</h1>\n{body}</section>', heading,
            epub3=True)))
    items.append(EpubItem("colophon", "colophon.xhtml", xhtml(
        '<section epub:type="colophon"><p>Set in a typeface.</p></section>', epub3=True)))
    return build_epub(items, title="The Empty Island", creators=["Dana Whitlow", "R. Ames"],
                      language="en", version="3.0", opf_path="EPUB/package.opf")


# --- a work page saved from the archive's website ----------------------------------------

def _page_dd(cls: str, label: str, values: list[str]) -> str:
    if not values:
        return ""
    items = "".join(f'<li><a class="tag" href="/tags/x">{html.escape(v)}</a></li>' for v in values)
    return (f'<dt class="{cls} tags">{label}:</dt>\n'
            f'<dd class="{cls} tags"><ul class="commas">{items}</ul></dd>\n')


def ao3_work_page(w: FixtureWork) -> str:
    """The work's page on the archive, as a browser's "Save page as" keeps it."""
    n = len(w.chapters)
    dl = (_page_dd("rating", "Rating", [w.rating])
          + _page_dd("warning", "Archive Warning" + ("s" if len(w.warnings) > 1 else ""),
                     w.warnings)
          + _page_dd("category", "Category", w.categories)
          + _page_dd("fandom", "Fandom", w.fandoms)
          + _page_dd("relationship", "Relationship", w.relationships)
          + _page_dd("character", "Characters", w.characters)
          + _page_dd("freeform", "Additional Tags", w.additional)
          + f'<dt class="language">Language:</dt>\n<dd class="language" lang="en">{w.language}</dd>\n')
    if w.series:
        dl += '<dt class="series">Series:</dt>\n<dd class="series">' + "".join(
            '<span class="series"><a class="previous" href="/works/0">← Previous Work</a> '
            f'<span class="position">Part {num} of <a href="/series/9">{html.escape(t)}</a>'
            '</span> <a class="next" href="/works/2">Next Work →</a></span>'
            for num, t in w.series) + "</dd>\n"
    if w.collections:
        dl += "<dt>Collections:</dt>\n<dd>" + ", ".join(
            f'<a href="/collections/c">{html.escape(c)}</a>' for c in w.collections) + "</dd>\n"
    stats = (f'<dt class="published">Published:</dt><dd class="published">{w.published}</dd>'
             + (f'<dt class="status">Completed:</dt><dd class="status">{w.completed}</dd>'
                if w.completed else "")
             + f'<dt class="words">Words:</dt><dd class="words">{w.words}</dd>'
             f'<dt class="chapters">Chapters:</dt><dd class="chapters">{n}/{n}</dd>'
             '<dt class="kudos">Kudos:</dt><dd class="kudos">12</dd>')
    dl += f'<dt class="stats">Stats:</dt>\n<dd class="stats"><dl class="stats">{stats}</dl></dd>\n'
    byline = ", ".join(f'<a rel="author" href="/users/{a}/pseuds/{a}">{a}</a>' for a in w.authors)
    pre = [f'<div class="preface group"><h2 class="title heading">{html.escape(w.title)}</h2>',
           f'<h3 class="byline heading">{byline}</h3>']
    if w.summary:
        pre.append('<div class="summary module"><h3 class="heading">Summary:</h3>'
                   f'<blockquote class="userstuff">{w.summary}</blockquote></div>')
    if w.notes:
        pre.append('<div class="notes module"><h3 class="heading">Notes:</h3>'
                   f'<blockquote class="userstuff">{w.notes}</blockquote></div>')
    pre.append("</div>")
    if n == 1:
        chapters = ('<div class="userstuff" role="article"><h3 class="landmark heading">'
                    f"Work Text:</h3>{w.chapters[0].body_html}</div>")
    else:
        parts = []
        for i, c in enumerate(w.chapters, 1):
            heading = c.heading or ""
            if heading.lower().startswith("chapter"):
                h3 = f'<a href="/works/1/chapters/{i}">{html.escape(heading)}</a>'
            else:
                h3 = f'<a href="/works/1/chapters/{i}">Chapter {i}</a>: {html.escape(heading)}'
            group = [f'<div class="chapter preface group"><h3 class="title">{h3}</h3>']
            if c.summary:
                group.append('<div id="summary" class="summary module"><h3 class="heading">'
                             f'Summary:</h3><blockquote class="userstuff">{c.summary}'
                             "</blockquote></div>")
            if c.notes or c.end_notes:
                group.append('<div id="notes" class="notes module"><h3 class="heading">Notes:</h3>')
                if c.notes:
                    group.append(f'<blockquote class="userstuff">{c.notes}</blockquote>')
                group.append(f'<p>(See the end of the chapter for <a href="#chapter_{i}_endnotes">'
                             "notes</a>.)</p></div>" if c.end_notes else "</div>")
            group.append("</div>")
            end = ""
            if c.end_notes:
                end = ('<div class="chapter preface group"><div class="end notes module" '
                       f'id="chapter_{i}_endnotes"><h3 class="heading">Notes:</h3>'
                       f'<blockquote class="userstuff">{c.end_notes}</blockquote></div></div>')
            parts.append(f'<div class="chapter" id="chapter-{i}">{"".join(group)}'
                         '<div class="userstuff module" role="article"><h3 class="landmark '
                         f'heading" id="work">Chapter Text</h3>{c.body_html}</div>{end}</div>')
        chapters = "\n".join(parts)
    after = ""
    if w.end_notes:
        after = ('<div id="work_endnotes" class="end notes module"><h3 class="heading">Notes:'
                 f'</h3><blockquote class="userstuff">{w.end_notes}</blockquote></div>')
    return ("<!DOCTYPE html><html><head><title>" + html.escape(w.title)
            + " - Archive of Our Own</title><script>var x = 1;</script></head><body>"
            '<div id="header"><ul class="primary navigation"><li><a href="/">Fandoms</a></li>'
            '<li><a href="/works">Browse</a></li></ul></div>'
            '<div id="main" class="works-show region"><div class="wrapper">'
            f'<dl class="work meta group">{dl}</dl></div>'
            f'<div id="workskin">{"".join(pre)}<div id="chapters" role="article">{chapters}'
            f"</div>{after}</div>"
            '<div id="feedback"><h3>Comments</h3><p>Kudos from guests.</p></div></div>'
            '<div id="footer"><p>Archive of Our Own, a project of the OTW.</p></div>'
            "</body></html>")
