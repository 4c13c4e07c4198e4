"""HTML → story text, shared by the AO3 HTML and EPUB readers.

Rules (the segmenter relies on them):

* every block element (``<p>``, ``<div>``, ``<blockquote>``, headings, list items …) becomes
  a paragraph; paragraphs are separated by a blank line (``"\\n\\n"``);
* ``<br>`` becomes ``"\\n"``; two or more ``<br>`` in a row end the paragraph;
* ``<hr>`` and a paragraph that is a scene break by the plain-text rule
  (:func:`forewarn.text.scenes.is_scene_break`: ``***``, ``~~~``, ``⸻``, ``oOo`` …) become
  the line ``* * *``;
* whitespace inside a paragraph is collapsed to single spaces (``&nbsp;`` included), entities
  are decoded by the parser;
* ``<script>``, ``<style>`` and other non-text elements are dropped. Story text that merely
  *mentions* a script tag (``&lt;script&gt;`` in the markup) is kept as text.

Chapter titles follow the plain-text reader's rule (:func:`chapter_title`): the full heading
as written, whitespace collapsed (``"Chapter 2: The Party"``, ``"Chapter 2"``, ``"Prologue"``).
AO3 chapters whose heading is only the chapter's own name get AO3's web-page form
``"Chapter N: Name"`` (see :mod:`forewarn.ingest.ao3html`).
"""
from __future__ import annotations

import re
from typing import Iterable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from forewarn.errors import UnusableInput
from forewarn.text.scenes import is_scene_break as _text_scene_break

SCENE_BREAK = "* * *"

BLOCK_TAGS = frozenset({
    "p", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
    "dt", "dd", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
    "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "center",
    "address", "details", "summary", "form", "fieldset", "body", "html", "hgroup",
})
DROP_TAGS = frozenset({
    "script", "style", "head", "title", "noscript", "template", "svg", "math", "iframe",
    "object", "embed", "button", "select", "textarea", "input", "audio", "video", "canvas",
    "map", "link", "meta", "base",
})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_BR = "\x00"
_SPACE_RE = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\x01-\x08\x0b\x0c\x0e-\x1f]")
_CHAPTER_WORD_RE = re.compile(r"^chapter\b", re.IGNORECASE)
MAX_DEPTH = 400
#: Deepest element nesting handed to the HTML parser (its time grows with the square of
#: the depth: 30,000 nested ``<div>`` take seconds, 100,000 most of a minute).
MAX_PARSE_DEPTH = 2000
_TAG_RE = re.compile(r"<(/?)([A-Za-z][\w:.\-]*)[^<>]*?(/?)>")
#: Elements that never nest (void) or whose end tag is implied by the next one
_FLAT_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
    "rb", "rt", "rp", "thead", "tbody", "tfoot", "colgroup", "caption", "html", "head", "body",
})


def markup_depth(text: str, stop: int = MAX_PARSE_DEPTH) -> int:
    """How deeply the markup's elements nest, counted from the tags before parsing (void
    elements and ones with implied end tags not counted); stops counting past ``stop``.

    Example:
        >>> markup_depth("<div><div><p>a<p>b<br></div></div>"), markup_depth("<b>" * 5)
        (2, 5)
    """
    depth = deepest = 0
    for m in _TAG_RE.finditer(text):
        if m.group(3) or m.group(2).lower() in _FLAT_TAGS:
            continue
        depth = depth - 1 if m.group(1) else depth + 1
        depth = max(depth, 0)
        if depth > deepest:
            deepest = depth
            if deepest > stop:
                break
    return deepest


def parse_html_document(text: str, label: str = "<html>") -> LexborHTMLParser:
    """Parse markup with selectolax's lexbor backend (tolerant of broken HTML); markup
    nested more than :data:`MAX_PARSE_DEPTH` deep is refused before parsing.

    Example:
        >>> parse_html_document("<p>Hi &amp; bye</p>").body.text()
        'Hi & bye'
        >>> parse_html_document("<div>" * 5000, "deep.html")
        Traceback (most recent call last):
        ...
        forewarn.errors.UnusableInput: deep.html: markup nested more than 2000 elements deep
    """
    if text.count("<") > MAX_PARSE_DEPTH and markup_depth(text) > MAX_PARSE_DEPTH:
        raise UnusableInput(f"{label}: markup nested more than {MAX_PARSE_DEPTH} elements deep")
    return LexborHTMLParser(text)


def is_scene_break(paragraph: str) -> bool:
    """True for a paragraph that only separates scenes (the plain-text reader's rule).

    Example:
        >>> is_scene_break("* * *"), is_scene_break("~~~"), is_scene_break("oOo"), is_scene_break("Hi")
        (True, True, True, False)
    """
    return "\n" not in paragraph and _text_scene_break(paragraph)


def chapter_title(heading: str | None, position: int | None = None) -> str | None:
    """A chapter's title from its heading: the full heading, whitespace collapsed.

    With ``position`` (AO3 chapters), a heading that does not already say "Chapter …" is
    given AO3's display form ``"Chapter N: heading"``.

    Example:
        >>> chapter_title("Chapter 2:  The Party"), chapter_title("  Prologue "), chapter_title("")
        ('Chapter 2: The Party', 'Prologue', None)
        >>> chapter_title("The Party", position=2), chapter_title("Chapter 2", position=2)
        ('Chapter 2: The Party', 'Chapter 2')
    """
    if heading is None:
        return None
    h = _SPACE_RE.sub(" ", heading).strip()
    if not h:
        return None
    if position is not None and not _CHAPTER_WORD_RE.match(h):
        return f"Chapter {position}: {h}"
    return h


def classes(node: LexborNode) -> list[str]:
    """The element's class tokens (lower-case)."""
    attrs = node.attributes or {}
    return (attrs.get("class") or "").lower().split()


def has_class_prefix(node: LexborNode, *prefixes: str) -> bool:
    """True when a class token is one of ``prefixes`` with an optional number after it.

    calibre renames classes when it builds an EPUB (``userstuff`` → ``userstuff1``), so the
    readers match on the stem.

    Example:
        >>> doc = parse_html_document('<div class="userstuff3 x">a</div>')
        >>> has_class_prefix(doc.css_first("div"), "userstuff")
        True
    """
    for cls in classes(node):
        stem = cls.rstrip("0123456789")
        if stem in prefixes:
            return True
    return False


def element_children(node: LexborNode) -> list[LexborNode]:
    """Direct element children (no text or comment nodes)."""
    return [c for c in node.iter(include_text=False) if c.tag and not c.tag.startswith("-")]


def next_element(node: LexborNode) -> LexborNode | None:
    """The next sibling that is an element, skipping whitespace text and comments."""
    n = node.next
    while n is not None:
        if n.tag and not n.tag.startswith("-"):
            return n
        if n.tag == "-text" and (n.text_content or "").strip():
            return None
        n = n.next
    return None


def node_text(node: LexborNode) -> str:
    """The element's text on one line, whitespace collapsed, scripts and styles dropped.

    Example:
        >>> node_text(parse_html_document("<p> a <b>b</b>\\n c </p>").css_first("p"))
        'a b c'
    """
    return _SPACE_RE.sub(" ", " ".join(html_paragraphs(node))).strip()


class TextCollector:
    """Accumulates paragraphs from a sequence of nodes fed in document order.

    Example:
        >>> doc = parse_html_document("<p>One<br>two</p><hr><p>Three</p>")
        >>> c = TextCollector()
        >>> for n in doc.body.iter(include_text=True): c.feed(n)
        >>> c.paragraphs()
        ['One\\ntwo', '* * *', 'Three']
    """

    def __init__(self) -> None:
        self._paras: list[str] = []
        self._buf: list[str] = []

    def feed(self, node: LexborNode, depth: int = 0) -> None:
        """Add a node (element or text) and everything under it."""
        tag = node.tag or ""
        if tag == "-text":
            self._buf.append(node.text_content or "")
            return
        if tag.startswith("-") or tag in DROP_TAGS:
            return
        if tag == "br":
            self._buf.append(_BR)
            return
        if tag == "hr":
            self.flush()
            self._paras.append(SCENE_BREAK)
            return
        if tag == "img":
            return
        if tag == "pre":
            self.flush()
            text = (node.text(deep=True, separator="") or "").replace("\r\n", "\n")
            lines = [ln.rstrip() for ln in text.split("\n")]
            for block in re.split(r"\n\s*\n", "\n".join(lines).strip("\n")):
                if block.strip():
                    self._paras.append(block)
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
        if depth > MAX_DEPTH:  # pathological nesting: keep the words, lose the structure
            self._buf.append(node.text(deep=True, separator=" ") or "")
        else:
            for child in node.iter(include_text=True):
                self.feed(child, depth + 1)
        if block:
            self.flush()

    def feed_all(self, nodes: Iterable[LexborNode]) -> None:
        """Feed several nodes in order."""
        for n in nodes:
            self.feed(n)

    def flush(self) -> None:
        """End the current paragraph (if any text is pending)."""
        if not self._buf:
            return
        raw = "".join(self._buf)
        self._buf = []
        raw = _INVISIBLE_RE.sub("", raw)
        raw = _SPACE_RE.sub(" ", raw)
        lines = [ln.strip() for ln in raw.split(_BR)]
        # two or more <br> in a row end a paragraph
        para: list[str] = []
        for ln in lines + [""]:
            if ln and not is_scene_break(ln):
                para.append(ln)
                continue
            if para:
                self._add("\n".join(para))
                para = []
            if ln:  # a scene-break line between <br>s stands alone
                self._paras.append(SCENE_BREAK)

    def _add(self, text: str) -> None:
        if is_scene_break(text):
            text = SCENE_BREAK
        self._paras.append(text)

    def paragraphs(self) -> list[str]:
        """The paragraphs collected so far (pending text flushed)."""
        self.flush()
        return list(self._paras)

    def text(self) -> str:
        """Paragraphs joined by blank lines, without scene breaks at the very start or end."""
        return join_paragraphs(self.paragraphs())


def join_paragraphs(paragraphs: list[str]) -> str:
    """Join paragraphs with blank lines; drop leading/trailing and doubled scene breaks.

    Example:
        >>> join_paragraphs(["* * *", "A.", "* * *", "* * *", "B.", "* * *"])
        'A.\\n\\n* * *\\n\\nB.'
    """
    out: list[str] = []
    for p in paragraphs:
        if p == SCENE_BREAK and (not out or out[-1] == SCENE_BREAK):
            continue
        out.append(p)
    while out and out[-1] == SCENE_BREAK:
        out.pop()
    return "\n\n".join(out)


def html_paragraphs(node: LexborNode) -> list[str]:
    """The paragraphs of one element (see the module rules).

    Example:
        >>> html_paragraphs(parse_html_document("<div><p>A</p>B<p>***</p></div>").css_first("div"))
        ['A', 'B', '* * *']
    """
    c = TextCollector()
    for child in node.iter(include_text=True):
        c.feed(child)
    return c.paragraphs()


def html_to_text(markup: str | LexborNode) -> str:
    """Markup (a string or a parsed element) → text, paragraphs separated by blank lines.

    Example:
        >>> html_to_text("<p>It&#8217;s  late.</p><p>She&nbsp;ran.<br/>Fast.</p><script>x()</script>")
        'It’s late.\\n\\nShe ran.\\nFast.'
    """
    if isinstance(markup, str):
        doc = parse_html_document(markup)
        node = doc.body if doc.body is not None else doc.root
        if node is None:
            return ""
    else:
        node = markup
    return join_paragraphs(html_paragraphs(node))
