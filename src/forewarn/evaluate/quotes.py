"""``forewarn evaluate quotes DIR``: quote detection and speaker attribution on LitBank.

LitBank's quotation layer gives, per excerpt, ``*_brat.txt`` (the excerpt tokenised: one
sentence a line, tokens split by spaces) and ``*_brat.ann`` (``QUOTE id s_sent s_tok e_sent
e_tok text`` with inclusive token positions, and ``ATTRIB quote_id Speaker_Name-N``).

**Text we run on.** Tokenised text has lost its paragraphs, and paragraphs carry most of
the signal for who speaks. So when LitBank's full texts are present (``DIR/../../original/``,
as in the LitBank layout) each excerpt is *aligned* to its novel: the excerpt's characters,
whitespace removed, are located in the novel's characters, whitespace removed, and walked
in step, which maps every character of the novel's passage to its token. forewarn then
reads the novel's own passage (real paragraphs, real spacing), exactly as a user's file.
When a full text is missing or does not align (or with ``--tokens-only``), the tokens are
*detokenised* (no space before closing punctuation and after opening quotes, "do n't" →
"don't"; a new paragraph before each line that opens a quote, or that follows a line
ending a quote, while no quote is open). Paragraphs are then guesses, so speaker accuracy
is lower on this path. Scoring is always on token offsets,
so both paths are measured the same way; the command prints how many excerpts took each.

**Quote detection**: a predicted quote matches a gold quote when they share a token.
Precision = matched predicted / predicted, recall = matched gold / gold.

**Speaker accuracy**: over gold quotes whose speaker is *named* in the excerpt: the gold
label (``Mrs__Bennet-3``) is cut to its leading proper-name words (titles and determiners
dropped: "The_White_Rabbit" → White Rabbit, "a_girl" → no name, "Tom_s_aunt" → no name:
a possessive makes the head a common noun; "I-8" → no name; "young_American" → no name: a
nationality after a modifier), and at least one of those words must occur capitalised in
the excerpt's running text (an ALL-CAPS chapter heading names nobody). A quote counts as right when the predicted quote overlapping it most has a
speaker whose name or an alias shares a name word with the label and whose title does not
contradict it (Mr. Bennet is not Mrs. Bennet). LitBank has no list of every mention of an
entity here, so this name match stands in for "names a mention of the gold entity".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import click

from forewarn.errors import UnusableInput

_TITLES = {"mr": "m", "mister": "m", "sir": "m", "lord": "m", "master": "m", "uncle": "m",
           "king": "m", "prince": "m", "father": "m", "brother": "m", "count": "m", "duke": "m",
           "mrs": "f", "miss": "f", "ms": "f", "madam": "f", "madame": "f", "lady": "f",
           "aunt": "f", "queen": "f", "princess": "f", "mother": "f", "sister": "f", "duchess": "f",
           "dr": "", "doctor": "", "captain": "", "parson": "", "professor": "", "colonel": "",
           "sergeant": "", "nurse": "", "old": "", "young": "", "little": "", "big": ""}
_PRONOUNS = {"i", "you", "he", "she", "it", "we", "they", "one", "someone", "somebody", "another"}
_DETERMINERS = {"the", "a", "an", "my", "his", "her", "our", "their", "your", "one", "that", "this"}


@dataclass
class Excerpt:
    """One LitBank excerpt: tokens per sentence, gold quotes and speakers."""

    name: str
    sentences: list[list[str]]
    quotes: dict[str, tuple[int, int]] = field(default_factory=dict)  # id → global token span
    speakers: dict[str, str] = field(default_factory=dict)

    @property
    def tokens(self) -> list[str]:
        return [t for s in self.sentences for t in s]


def read_excerpt(txt: Path) -> Excerpt:
    """Read ``*_brat.txt`` and its ``.ann``; quote spans become global token ranges (inclusive).

    Example:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "x_brat.txt").write_text("“ Hi , ” she said .\\n")
        >>> _ = (d / "x_brat.ann").write_text("QUOTE\\tQ1\\t0\\t0\\t0\\t3\\t“ Hi , ”\\nATTRIB\\tQ1\\tAnn-1\\n")
        >>> e = read_excerpt(d / "x_brat.txt"); e.quotes, e.speakers
        ({'Q1': (0, 3)}, {'Q1': 'Ann-1'})
    """
    lines = txt.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    sentences = [ln.split(" ") if ln else [] for ln in lines]
    offsets = []
    n = 0
    for s in sentences:
        offsets.append(n)
        n += len(s)
    ex = Excerpt(txt.name[: -len("_brat.txt")], sentences)
    ann = txt.with_suffix(".ann")
    if ann.exists():
        for row in ann.read_text(encoding="utf-8").splitlines():
            cols = row.split("\t")
            if cols[0] == "QUOTE" and len(cols) >= 6:
                s_sent, s_tok, e_sent, e_tok = map(int, cols[2:6])
                ex.quotes[cols[1]] = (offsets[s_sent] + s_tok, offsets[e_sent] + e_tok)
            elif cols[0] == "ATTRIB" and len(cols) >= 3:
                ex.speakers[cols[1]] = cols[2]
    return ex


def align(tokens: list[str], original: str) -> tuple[int, int, list[int]] | None:
    """Find the tokens in the original text: ``(start, end, token_of_char)`` where
    ``token_of_char[i]`` is the token index of ``original[start + i]`` (-1 for spaces).

    Example:
        >>> align(["do", "n't", "go", "."], "Well, I do not know. Oh don't go.\\n")[:2]
        (24, 33)
    """
    flat = "".join(tokens)
    owner: list[int] = []
    for i, t in enumerate(tokens):
        owner.extend([i] * len(t))
    squeezed_pos = [i for i, c in enumerate(original) if not c.isspace()]
    squeezed = "".join(original[i] for i in squeezed_pos)
    probe = flat[:80]
    at = squeezed.find(probe)
    if at < 0 or not flat:
        return None
    k = at
    j = 0
    mismatches = 0
    while j < len(flat) and k < len(squeezed):
        if flat[j] == squeezed[k]:
            j += 1
            k += 1
            continue
        mismatches += 1
        if mismatches > 50:
            return None
        # resynchronise on the next 12 characters
        nxt = squeezed.find(flat[j:j + 12], k, k + 200)
        if nxt < 0:
            j += 1
        else:
            k = nxt
    if j < len(flat) * 0.98:
        return None
    start = squeezed_pos[at]
    end = squeezed_pos[k - 1] + 1
    token_of = [-1] * (end - start)
    j = 0
    k = at
    while j < len(flat) and k < len(squeezed):
        if flat[j] == squeezed[k]:
            token_of[squeezed_pos[k] - start] = owner[j]
            j += 1
            k += 1
        else:
            nxt = squeezed.find(flat[j:j + 12], k, k + 200)
            if nxt < 0:
                j += 1
            else:
                k = nxt
    return start, end, token_of


_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}’”%]|n't|n’t|'s|’s|'ll|'re|'ve|'d|'m|’ll|’re|’ve|’d|’m)$")
_OPENERS = {"“", "‘", "(", "[", "{"}


def detokenise(sentences: list[list[str]]) -> tuple[str, list[int]]:
    """Tokens back to text, with paragraphs guessed from quotes; returns the text and the
    token index of every character (-1 for spaces).

    Example:
        >>> detokenise([["“", "Hi", ",", "”", "she", "said", "."], ["He", "did", "n't", "."]])[0]
        "“Hi,” she said. He didn't."
    """
    parts: list[str] = []
    owner: list[int] = []
    open_q = 0
    idx = 0
    prev = ""
    for sent in sentences:
        if sent:
            first = sent[0]
            after_speech = prev in ("”", '"', "’") and first[:1].isupper() and first not in ("I",)
            sep = "\n\n" if ((first in ("“", '"') or after_speech) and open_q <= 0 and parts) else " "
        for ti, tok in enumerate(sent):
            if parts:
                if ti == 0:
                    space = sep
                elif _NO_SPACE_BEFORE.match(tok) or prev in _OPENERS or (tok == '"' and open_q > 0) \
                        or (prev == '"' and open_q > 0 and prev_open):
                    space = ""
                else:
                    space = " "
                parts.append(space)
                owner.extend([-1] * len(space))
            prev_open = False
            if tok == "“":
                open_q += 1
            elif tok == "”":
                open_q = max(0, open_q - 1)
            elif tok == '"':
                prev_open = open_q == 0
                open_q = 1 - open_q if open_q <= 1 else 0
            parts.append(tok)
            owner.extend([idx] * len(tok))
            idx += 1
            prev = tok
    return "".join(parts), owner


def label_names(label: str) -> tuple[set[str], str]:
    """The proper-name words of a LitBank speaker label, and its title's gender.

    Example:
        >>> label_names("Mrs__Bennet-3"), sorted(label_names("The_White_Rabbit-4")[0]), label_names("Tom_s_aunt-2")[0]
        (({'bennet'}, 'f'), ['rabbit', 'white'], set())
    """
    base = re.sub(r"-\d+$", "", label)
    words = [w for w in base.split("_") if w]
    if "s" in words:  # possessive: "Tom_s_aunt" names the aunt, not Tom
        words = words[len(words) - words[::-1].index("s"):]
    gender = ""
    names: set[str] = set()
    from forewarn.story.lexicon import words as word_list

    not_names = word_list("not_names.txt") | word_list("common_capitalised.txt")
    for w in words:
        lw = w.lower()
        if lw in _PRONOUNS:
            break
        if len(words) > 1 and lw in not_names and lw not in _TITLES and lw not in _DETERMINERS:
            break  # "young_American": a nationality, not a name
        if not names and (lw in _DETERMINERS or lw in _TITLES):
            gender = _TITLES.get(lw, gender) or gender
            continue
        if not w[0].isupper():
            break
        names.add(lw)
    return names, gender


def name_words(name: str) -> tuple[set[str], str]:
    """Name words and title gender of a predicted speaker ("Mr. Bennet" → {bennet}, m)."""
    gender = ""
    out: set[str] = set()
    for w in re.split(r"[\s.]+", name):
        lw = w.lower()
        if not lw:
            continue
        if lw in _TITLES and not out:
            gender = _TITLES[lw] or gender
            continue
        out.add(lw)
    return out, gender


def speaker_matches(label: str, names: list[str]) -> bool:
    """True when a predicted speaker (its name and aliases) names the gold label's entity.

    Example:
        >>> speaker_matches("Mr_Bennet-0", ["Mr. Bennet"]), speaker_matches("Mr_Bennet-0", ["Mrs. Bennet"])
        (True, False)
    """
    gold, g_gender = label_names(label)
    for n in names:
        words, gender = name_words(n)
        if words & gold and not (gender and g_gender and gender != g_gender):
            return True
    return False


@dataclass
class Scores:
    predicted: int = 0
    predicted_matched: int = 0
    gold: int = 0
    gold_matched: int = 0
    speaker_total: int = 0
    speaker_right: int = 0
    aligned: int = 0
    detokenised: int = 0

    def line(self) -> str:
        p = self.predicted_matched / self.predicted if self.predicted else 0.0
        r = self.gold_matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.speaker_right / self.speaker_total if self.speaker_total else 0.0
        return (f"quote detection: precision {p:.3f} recall {r:.3f} F1 {f:.3f} "
                f"({self.gold} gold, {self.predicted} predicted)\n"
                f"speaker accuracy: {acc:.3f} ({self.speaker_right}/{self.speaker_total} gold quotes "
                f"with a named speaker)\n"
                f"excerpts: {self.aligned} aligned to the full text, {self.detokenised} detokenised")


def evaluate_excerpt(ex: Excerpt, original: str | None, scores: Scores,
                     show_errors: bool = False, context: int = 0) -> None:
    """Run the story analyzer on one excerpt and add its counts to ``scores``; with
    ``show_errors``, print each wrongly attributed quote (and, with ``context``, that many
    paragraphs of the text read, ending with the quote's own)."""
    from forewarn import story
    from forewarn.report import Report
    from forewarn.text.document import Document
    from forewarn.text.segment import segment_chapter
    from forewarn.work import Chapter, Work

    tokens = ex.tokens
    got = align(tokens, original) if original else None
    if got is not None:
        start, end, token_of = got
        text = original[start:end]
        scores.aligned += 1
    else:
        text, token_of = detokenise(ex.sentences)
        scores.detokenised += 1
    ch = segment_chapter(1, None, text)
    doc = Document(work=Work(chapters=[Chapter(text)]), chapters=[ch])
    report = Report()
    story.analyze(doc, report)
    aliases = {c.name: [c.name, *c.aliases] for c in report.story.characters}
    predicted: list[tuple[set[int], str | None, int]] = []
    for q in report.story.quotes:
        toks = {t for t in token_of[q.start:q.end] if t >= 0}
        if toks:
            predicted.append((toks, q.speaker, q.paragraph))
    gold = {qid: set(range(s, e + 1)) for qid, (s, e) in ex.quotes.items()}
    scores.predicted += len(predicted)
    scores.predicted_matched += sum(1 for toks, _, _ in predicted if any(toks & g for g in gold.values()))
    scores.gold += len(gold)
    # capitalised words in running text (an ALL-CAPS heading does not name anyone)
    token_words = {t.lower() for t in tokens if t[:1].isupper() and not t.isupper()}
    for qid, g in gold.items():
        best = max(predicted, key=lambda p: len(p[0] & g), default=None)
        if best is not None and best[0] & g:
            scores.gold_matched += 1
        label = ex.speakers.get(qid)
        if not label:
            continue
        names, _ = label_names(label)
        if not names or not names & token_words:
            continue
        scores.speaker_total += 1
        spk = best[1] if best is not None and best[0] & g else None
        ok = spk is not None and speaker_matches(label, aliases.get(spk, [spk]))
        scores.speaker_right += ok
        if show_errors and not ok:
            s, e = ex.quotes[qid]
            click.echo(f"{ex.name}\t{qid}\tgold={label}\tpred={spk}\t{' '.join(tokens[s:e + 1])[:80]}")
            if context and best is not None and best[0] & g:
                for p in ch.paragraphs[max(0, best[2] - context + 1):best[2] + 1]:
                    click.echo("    | " + " ".join(text[p.start:p.end].split())[:300])


def evaluate_dir(directory: Path, show_errors: bool = False, only: str | None = None,
                 tokens_only: bool = False, context: int = 0) -> Scores:
    """Scores over every excerpt with quotations in ``directory``."""
    files = sorted(directory.glob("*_brat.txt"))
    if not files:
        raise UnusableInput(f"{directory}: no LitBank *_brat.txt files")
    originals = directory.parent.parent / "original"
    scores = Scores()
    for txt in files:
        ex = read_excerpt(txt)
        if not ex.quotes or (only and only not in ex.name):
            continue
        orig_path = originals / f"{ex.name}.txt"
        original = orig_path.read_text(encoding="utf-8", errors="replace") \
            if orig_path.exists() and not tokens_only else None
        evaluate_excerpt(ex, original, scores, show_errors, context)
    return scores


@click.command("quotes")
@click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--errors", "show_errors", is_flag=True, help="List every wrongly attributed quote.")
@click.option("--context", default=0, show_default=True,
              help="With --errors: paragraphs of text to show, ending with the quote's own.")
@click.option("--only", default=None, help="Only excerpts whose name contains this text.")
@click.option("--tokens-only", is_flag=True,
              help="Ignore the full texts: read the detokenised excerpts (no real paragraphs).")
@click.option("--novels", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="A folder of whole-chapter speaker labels (data/annotations/speakers).")
@click.option("--texts", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="With --novels: the folder of the novels' full texts (LitBank original/).")
@click.option("--part", type=click.Choice(["all", "tune", "heldout"]), default="all", show_default=True,
              help="With --novels: which half of the split to score.")
def quotes_command(directory: Path | None, show_errors: bool, only: str | None, tokens_only: bool,
                   context: int, novels: Path | None, texts: Path | None, part: str) -> None:
    """Quote detection F1 and speaker accuracy on LitBank's quotation annotation (DIR: quotations/tsv),
    and/or speaker accuracy by quote type on whole chapters (--novels, --texts)."""
    if directory is None and novels is None:
        raise click.UsageError("give DIR (LitBank quotations/tsv) or --novels with --texts")
    if directory is not None:
        click.echo(evaluate_dir(directory, show_errors, only, tokens_only, context).line())
    if novels is not None:
        if texts is None:
            raise click.UsageError("--novels needs --texts (the folder of the full texts)")
        from forewarn.evaluate.wholebook import evaluate_novels

        for line in evaluate_novels(novels, texts, part, show_errors):
            click.echo(line)
