"""Read EPUB 2 and EPUB 3 books into a :class:`Work` (zipfile + selectolax, no AGPL code).

``META-INF/container.xml`` names the OPF package; its metadata gives the title
(``dc:title``), authors (``dc:creator``), language, subjects and description, its spine the
reading order. Story chapters come from the spine's XHTML documents:

* **AO3's EPUB download** (publisher "Archive of Our Own", or a ``#preface`` in the spine) is
  calibre's conversion of the HTML download; the spine documents' bodies are joined and read
  by the same code as the HTML download (:func:`forewarn.ingest.ao3html.parse_ao3_body`), so
  both give the same title, authors, tags, notes and chapters.
* **Other books**: non-story documents are skipped (``linear="no"``, the nav document, guide
  or ``epub:type`` cover / title page / table of contents / copyright / colophon, files named
  so, documents headed "Acknowledgements", "About the Author" …, link lists and short
  copyright pages; the lists live in ``forewarn/data/epub_nonstory.toml``); each remaining document is a chapter (split
  further at "Chapter …" headings; a document without a heading that continues a calibre
  ``_split_`` file joins the previous chapter). A chapter's title is its heading, else its
  table-of-contents label. ``dc:description`` becomes the ``summary`` note, ``dc:subject``
  the additional tags; author's notes opening or closing a chapter ("A/N:" …) become notes.

Broken files raise :class:`~forewarn.errors.UnusableInput` with one line naming the file.
"""
from __future__ import annotations

import io
import posixpath
import re
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from urllib.parse import unquote
from xml.etree import ElementTree as ET

from forewarn.errors import UnusableInput
from forewarn.ingest.ao3html import AO3_NAME, move_text_notes, parse_ao3_body, split_generic
from forewarn.ingest.html_text import (
    chapter_title,
    html_to_text,
    node_text,
    parse_html_document,
)
from forewarn.ingest.limits import megabytes_from_env
from forewarn.work import ArchiveTags, Chapter, Note, Work

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MAX_ENTRY_BYTES = 64 * 1024 * 1024
#: Decompressed bytes read from one book, all members together (``$FOREWARN_EPUB_MAX_MB``
#: changes it); counted while inflating, never trusting the sizes the archive declares.
BOOK_BUDGET_MB = 64
ENV_BUDGET = "FOREWARN_EPUB_MAX_MB"
#: Spine entries read from one book (a spine longer than this is refused).
MAX_SPINE = 10_000
_CHUNK = 1 << 20
_XHTML_TYPES = ("application/xhtml+xml", "text/html", "application/xml", "text/xml")
_VOID = ("area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr")
# one pass, no nested repetition: linear even for "<p" followed by 100,000 spaces
_SELF_CLOSING_RE = re.compile(rf"<(?!(?:{_VOID})\b)([A-Za-z][\w:.\-]*)(\s[^<>]*)?/>")


_DOCTYPE_RE = re.compile(r"^\s*<!DOCTYPE[^\[>]*(?:\[[^\]]*\])?\s*>", re.IGNORECASE)


def book_budget() -> int:
    """Decompressed bytes allowed per book: ``$FOREWARN_EPUB_MAX_MB`` MB, else 64 MB.

    Example:
        >>> book_budget() // (1024 * 1024)
        64
    """
    return megabytes_from_env(ENV_BUDGET, BOOK_BUDGET_MB, least_mb=1)


class _Budget:
    """The decompressed bytes a book may still use."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.left = total

    def take(self, n: int, label: str) -> None:
        self.left -= n
        if self.left < 0:
            raise UnusableInput(f"{label}: EPUB inflates to more than "
                                f"{self.total // (1024 * 1024)} MB (set {ENV_BUDGET} to allow more)")


@dataclass(frozen=True)
class _NonStory:
    types: frozenset[str]
    file_re: re.Pattern[str]
    heading_re: re.Pattern[str]


@lru_cache(maxsize=1)
def _non_story() -> _NonStory:
    """The front/back-matter lists from ``forewarn/data/epub_nonstory.toml``."""
    raw = resources.files("forewarn").joinpath("data").joinpath("epub_nonstory.toml")
    with raw.open("rb") as fh:
        data = tomllib.load(fh)
    words = "|".join(re.escape(w) for w in data["file_words"])
    heads = "|".join(re.escape(h) for h in data["headings"])
    return _NonStory(
        types=frozenset(t.lower() for t in data["types"]),
        file_re=re.compile(rf"(^|[_\-\s.])({words})([_\-\s.\d]|$)", re.IGNORECASE),
        heading_re=re.compile(rf"^({heads})\b", re.IGNORECASE),
    )


_SPLIT_RE = re.compile(r"_split_\d+", re.IGNORECASE)
_COPYRIGHT_RE = re.compile(r"©|\bcopyright\b|all rights reserved|\bISBN\b", re.IGNORECASE)


@dataclass
class _Opf:
    path: str
    title: str | None = None
    creators: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    language: str | None = None
    description: str | None = None
    publisher: str | None = None
    manifest: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # id → href,type,props
    spine: list[tuple[str, bool]] = field(default_factory=list)  # idref, linear
    toc_id: str | None = None
    guide: dict[str, str] = field(default_factory=dict)  # href → type


def parse_epub(data: bytes, label: str) -> Work:
    """Parse an EPUB file's bytes.

    Example:
        >>> parse_epub(b"not a zip", "book.epub")
        Traceback (most recent call last):
        ...
        forewarn.errors.UnusableInput: book.epub: broken EPUB (not a readable zip archive)
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UnusableInput(f"{label}: broken EPUB (not a readable zip archive)") from None
    zf.budget = _Budget(book_budget())  # type: ignore[attr-defined]
    with zf:
        opf = _read_opf(zf, names, label)
        docs = _spine_documents(zf, names, opf, label)
        toc = _toc_labels(zf, names, opf)
        if _is_ao3(opf, docs):
            work = _ao3_work(docs, opf, label)
        else:
            work = _book_work(docs, opf, toc, label)
    work.source_format = "epub"
    if not any(c.text.strip() for c in work.chapters):
        raise UnusableInput(f"{label}: EPUB has no readable story text in its spine")
    return work


# --- container and OPF -------------------------------------------------------------------

def _read(zf: zipfile.ZipFile, names: list[str], path: str, label: str) -> bytes | None:
    name = path if path in names else next((n for n in names if n.lower() == path.lower()), None)
    if name is None:
        return None
    info = zf.getinfo(name)
    if info.file_size > MAX_ENTRY_BYTES:
        raise UnusableInput(f"{label}: EPUB entry {name} is too large ({info.file_size} bytes)")
    budget: _Budget = getattr(zf, "budget", None) or _Budget(MAX_ENTRY_BYTES)
    try:
        return _inflate(zf, name, budget, label)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError,
            NotImplementedError, zlib.error) as exc:
        raise UnusableInput(f"{label}: broken EPUB (cannot read {name}: {exc})") from None


def _inflate(zf: zipfile.ZipFile, name: str, budget: _Budget, label: str) -> bytes:
    """A member's bytes, inflated in chunks and counted against the book's budget (and
    :data:`MAX_ENTRY_BYTES`) as they come, whatever size its header declares."""
    parts: list[bytes] = []
    size = 0
    with zf.open(name) as fh:
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            if size > MAX_ENTRY_BYTES:
                raise UnusableInput(f"{label}: EPUB entry {name} is too large (over "
                                    f"{MAX_ENTRY_BYTES} bytes inflated)")
            budget.take(len(chunk), label)
            parts.append(chunk)
    return b"".join(parts)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].split(":")[-1].lower()


def _xml(data: bytes, what: str, label: str) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise UnusableInput(f"{label}: broken EPUB ({what} is not well-formed XML: {exc})") \
            from None


def _read_opf(zf: zipfile.ZipFile, names: list[str], label: str) -> _Opf:
    container = _read(zf, names, "META-INF/container.xml", label)
    if container is None:
        raise UnusableInput(f"{label}: broken EPUB (no META-INF/container.xml)")
    root = _xml(container, "META-INF/container.xml", label)
    rootfiles = [el for el in root.iter() if _local(el.tag) == "rootfile" and el.get("full-path")]
    opf_path = next((el.get("full-path") for el in rootfiles if el.get(
        "media-type", "application/oebps-package+xml") == "application/oebps-package+xml"), None)
    if opf_path is None:
        opf_path = next((el.get("full-path") for el in rootfiles
                         if (el.get("full-path") or "").lower().endswith(".opf")), None)
    if not opf_path:
        raise UnusableInput(f"{label}: broken EPUB (META-INF/container.xml names no OPF package)")
    opf_path = unquote(opf_path).lstrip("/")
    raw = _read(zf, names, opf_path, label)
    if raw is None:
        raise UnusableInput(f"{label}: broken EPUB (OPF package {opf_path} named in "
                            "container.xml is missing)")
    root = _xml(raw, f"OPF package {opf_path}", label)
    if _local(root.tag) != "package":
        raise UnusableInput(f"{label}: broken EPUB ({opf_path} is not an OPF package)")
    opf = _Opf(path=opf_path)
    base = posixpath.dirname(opf_path)
    for el in root.iter():
        name = _local(el.tag)
        text = " ".join((el.text or "").split())
        if name == "title" and text and opf.title is None:
            opf.title = text
        elif name == "creator" and text and _role(el) in ("", "aut"):
            for c in re.split(r"\s+&\s+", text):
                if c and c not in opf.creators:
                    opf.creators.append(c)
        elif name == "subject" and text:
            opf.subjects.append(text)
        elif name == "language" and text and opf.language is None:
            opf.language = text
        elif name == "description" and (el.text or "").strip() and opf.description is None:
            opf.description = (el.text or "").strip()
        elif name == "publisher" and text and opf.publisher is None:
            opf.publisher = text
        elif name == "item" and el.get("id") and el.get("href"):
            href = posixpath.normpath(posixpath.join(base, unquote(el.get("href", ""))))
            opf.manifest[el.get("id", "")] = (href, el.get("media-type", ""),
                                             el.get("properties", ""))
        elif name == "spine":
            opf.toc_id = el.get("toc")
        elif name == "itemref" and el.get("idref"):
            opf.spine.append((el.get("idref", ""), el.get("linear", "yes").lower() != "no"))
        elif name == "reference" and el.get("href"):
            href = posixpath.normpath(posixpath.join(base, unquote(el.get("href", "").split("#")[0])))
            opf.guide[href] = el.get("type", "").lower()
    if not opf.spine:
        raise UnusableInput(f"{label}: broken EPUB (the OPF spine lists no documents)")
    return opf


def _role(el: ET.Element) -> str:
    """An EPUB 2 ``opf:role`` ("aut", "ill", "edt" …), or "" when there is none."""
    return next((v.strip().lower() for k, v in el.attrib.items() if _local(k) == "role"), "")


@dataclass
class _Doc:
    href: str
    body: object  # LexborNode
    linear: bool
    properties: str
    idref: str


def _spine_documents(zf: zipfile.ZipFile, names: list[str], opf: _Opf, label: str) -> list[_Doc]:
    _check_encryption(zf, names, opf, label)
    if len(opf.spine) > MAX_SPINE:
        raise UnusableInput(f"{label}: EPUB spine lists {len(opf.spine)} documents "
                            f"(at most {MAX_SPINE} are read)")
    docs: list[_Doc] = []
    listed = 0
    seen: set[str] = set()
    for idref, linear in opf.spine:
        item = opf.manifest.get(idref)
        if item is None:
            continue
        href, media_type, props = item
        if media_type and media_type not in _XHTML_TYPES:
            continue
        listed += 1
        if href in seen:  # a document listed again is read once
            continue
        seen.add(href)
        raw = _read(zf, names, href, label)
        if raw is None:
            continue
        doc = parse_html_document(_xhtml_as_html(_decode(raw)), label)
        if doc.body is None:
            continue
        docs.append(_Doc(href, doc.body, linear, props or "", idref))
    if not docs:
        if listed:
            raise UnusableInput(f"{label}: broken EPUB (none of the {listed} spine documents "
                                "is in the archive)")
        raise UnusableInput(f"{label}: broken EPUB (the spine lists no XHTML documents)")
    return docs


def _check_encryption(zf: zipfile.ZipFile, names: list[str], opf: _Opf, label: str) -> None:
    raw = _read(zf, names, "META-INF/encryption.xml", label)
    if not raw:
        return
    try:
        root = ET.fromstring(raw)
    except ET.ParseError:
        return
    encrypted = {unquote(el.get("URI", "")).lstrip("/") for el in root.iter()
                 if _local(el.tag) == "cipherreference"}
    spine_hrefs = {opf.manifest[i][0] for i, _ in opf.spine if i in opf.manifest}
    if encrypted & spine_hrefs:
        raise UnusableInput(f"{label}: EPUB is encrypted (DRM); its text cannot be read")


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    m = re.match(rb"<\?xml[^>]*encoding=[\"']([\w.\-]+)[\"']", raw)
    enc = m.group(1).decode("ascii") if m else "utf-8"
    try:
        return raw.decode(enc)
    except (LookupError, UnicodeDecodeError):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", errors="replace")


def _xhtml_as_html(text: str) -> str:
    """XHTML's ``<a id="x"/>`` would open an element in an HTML parser: close it."""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    text = _DOCTYPE_RE.sub("", text, count=1)  # an internal subset would leave "]>" as text
    return _SELF_CLOSING_RE.sub(_open_close, text)


def _open_close(m: re.Match[str]) -> str:
    return f"<{m.group(1)}{(m.group(2) or '').rstrip()}></{m.group(1)}>"


def _toc_labels(zf: zipfile.ZipFile, names: list[str], opf: _Opf) -> dict[str, str]:
    """href (no fragment) → first table-of-contents label pointing at it (NCX or nav)."""
    labels: dict[str, str] = {}
    ncx_item = opf.manifest.get(opf.toc_id or "")
    if ncx_item is None:
        ncx_item = next((v for v in opf.manifest.values()
                         if v[1] == "application/x-dtbncx+xml"), None)
    try:
        if ncx_item is not None:
            raw = _read(zf, names, ncx_item[0], "toc")
            if raw:
                root = ET.fromstring(raw)
                base = posixpath.dirname(ncx_item[0])
                for point in root.iter():
                    if _local(point.tag) != "navpoint":
                        continue
                    text = src = None
                    for el in point:
                        if _local(el.tag) == "navlabel":
                            text = " ".join("".join(el.itertext()).split())
                        elif _local(el.tag) == "content":
                            src = el.get("src")
                    if text and src:
                        href = posixpath.normpath(posixpath.join(base, unquote(src.split("#")[0])))
                        labels.setdefault(href, text)
        nav_item = next((v for v in opf.manifest.values() if "nav" in v[2].split()), None)
        if nav_item is not None:
            raw = _read(zf, names, nav_item[0], "toc")
            if raw:
                doc = parse_html_document(_xhtml_as_html(_decode(raw)))
                base = posixpath.dirname(nav_item[0])
                for a in doc.css("nav a[href]"):
                    href = (a.attributes or {}).get("href") or ""
                    href = posixpath.normpath(posixpath.join(base, unquote(href.split("#")[0])))
                    text = node_text(a)
                    if text:
                        labels.setdefault(href, text)
    except (ET.ParseError, UnusableInput):
        pass
    return labels


# --- AO3 EPUB ----------------------------------------------------------------------------

def _is_ao3(opf: _Opf, docs: list[_Doc]) -> bool:
    if opf.publisher and AO3_NAME in opf.publisher.lower():
        return True
    return any(d.body.css_first("#preface") is not None for d in docs)  # type: ignore[attr-defined]


def _ao3_work(docs: list[_Doc], opf: _Opf, label: str) -> Work:
    start = next((i for i, d in enumerate(docs)
                  if d.body.css_first("#preface") is not None), 0)  # type: ignore[attr-defined]
    joined = "\n".join(d.body.inner_html or "" for d in docs[start:]  # type: ignore[attr-defined]
                       if "nav" not in d.properties.split())
    body = parse_html_document(f"<html><body>{joined}</body></html>", label).body
    work = parse_ao3_body(body, label, fallback_title=opf.title)
    if not work.authors:
        work.authors = list(opf.creators)
    if not work.language:
        work.language = opf.language
    if not any(n.kind == "summary" for n in work.notes) and opf.description:
        text = html_to_text(opf.description)
        if text:
            work.notes.insert(0, Note("summary", text))
    return work


# --- other books -------------------------------------------------------------------------

def _is_front_or_back_matter(doc: _Doc, opf: _Opf, title: str | None,
                             authors: list[str]) -> bool:
    if not doc.linear or "nav" in doc.properties.split():
        return True
    skip = _non_story()
    if opf.guide.get(doc.href, "") in skip.types:
        return True
    body = doc.body
    for el in [body] + list(body.css("section, div, nav"))[:3]:  # type: ignore[attr-defined]
        types = set(((el.attributes or {}).get("epub:type") or "").lower().split())  # type: ignore[attr-defined]
        if types & skip.types:
            return True
    if body.css_first("nav") is not None and not body.css("p"):  # type: ignore[attr-defined]
        return True
    stem = posixpath.basename(doc.href).rsplit(".", 1)[0]
    if skip.file_re.search(stem) or skip.file_re.search(doc.idref):
        return True
    heading = body.css_first("h1, h2, h3")  # type: ignore[attr-defined]
    if heading is not None and skip.heading_re.match(node_text(heading)):
        return True
    text = node_text(body)  # type: ignore[arg-type]
    words = len(text.split())
    if not words:
        return True
    links = body.css("a")  # type: ignore[attr-defined]
    link_words = sum(len(node_text(a).split()) for a in links)
    if len(links) >= 3 and link_words >= 0.6 * words:
        return True  # a table of contents or list of links
    if words < 250 and _COPYRIGHT_RE.search(text):
        return True
    if words < 40 and title and _contains(text, title):
        # a title page: the title plus an author's name, or little besides the title
        if any(_contains(text, a) for a in authors) or len(title.split()) >= 0.3 * words:
            return True
    return False


def _contains(text: str, phrase: str) -> bool:
    phrase = " ".join(phrase.split())
    return bool(phrase) and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text,
                                      re.IGNORECASE) is not None


def _book_work(docs: list[_Doc], opf: _Opf, toc: dict[str, str], label: str) -> Work:
    work = Work(title=opf.title, authors=list(opf.creators), language=opf.language,
                archive_tags=ArchiveTags(additional=list(opf.subjects)))
    if opf.description:
        text = html_to_text(opf.description)
        if text:
            work.notes.append(Note("summary", text))
    prev_stem: str | None = None
    for doc in docs:
        if _is_front_or_back_matter(doc, opf, opf.title, opf.creators):
            prev_stem = None
            continue
        stem = _SPLIT_RE.sub("", posixpath.basename(doc.href))
        continuation = bool(_SPLIT_RE.search(doc.href)) and stem == prev_stem
        prev_stem = stem
        parts = split_generic(doc.body, first_heading_is_title=True)  # type: ignore[arg-type]
        for n, (heading, collector) in enumerate(parts):
            text = collector.text()
            if not text:
                continue
            if n == 0 and heading is None and continuation and work.chapters:
                work.chapters[-1].text += "\n\n" + text
                continue
            if n == 0 and heading is None:
                heading = toc.get(doc.href)
                first, _, rest = text.partition("\n\n")
                if heading and rest and " ".join(first.split()).lower() == \
                        " ".join(heading.split()).lower():
                    text = rest  # the chapter's title set as a paragraph, not a heading
            work.chapters.append(Chapter(text, title=chapter_title(heading)))
    move_text_notes(work, label)
    return work
