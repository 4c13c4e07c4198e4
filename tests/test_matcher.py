"""The lexicon matcher: word by word for short texts, Aho-Corasick for long ones, with
the same matches in the same order either way; its packed form survives pickling and a
damaged one is refused (the cache then rebuilds it)."""
from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest

from forewarn import cache
from forewarn.warnings.detect import normalize
from forewarn.warnings.lexicon import compiled
from forewarn.warnings.matcher import SurfaceMatcher

ROOT = Path(__file__).resolve().parents[1]


def _both(matcher: SurfaceMatcher, padded: str) -> tuple[list, list]:
    words = matcher._word_matches(padded)
    auto = [(end, matcher.values[i]) for end, i in matcher.automaton().iter(padded)]
    return words, auto


def test_word_path_equals_the_automaton_on_stories() -> None:
    matcher = compiled().matcher
    assert matcher.regular
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    texts.append("He didn't drink. She lit a cigarette; that's so gay, he said, and slit her "
                 "wrists... knife in one's hand, self-harm, self  harm, blood-soaked")
    for text in texts:
        words, auto = _both(matcher, " " + normalize(text) + " ")
        assert words == auto != []


def test_word_path_equals_the_automaton_on_random_surfaces() -> None:
    """Texts made of lexicon surfaces and filler, glued with one, two or three spaces."""
    matcher = compiled().matcher
    surfaces = sorted(s for s, _ in matcher.items())
    rng = random.Random(16)
    for _ in range(40):
        parts = []
        for _ in range(rng.randint(5, 60)):
            parts.append(rng.choice(surfaces).strip() if rng.random() < 0.6
                         else rng.choice(["the", "a", "and", "one", "x", "'", "s"]))
            parts.append(" " * rng.choice([1, 1, 1, 2, 3]))
        padded = " " + "".join(parts) + " "
        words, auto = _both(matcher, padded)
        assert words == auto


def test_matches_switch_to_the_automaton_after_the_budget() -> None:
    matcher = SurfaceMatcher({" lit a cigarette ": 0, " cigarette ": 1, " one   ": 2}, "ABC")
    text = " he lit a cigarette for one   "
    assert matcher.matches(text) == [(19, "A"), (19, "B"), (29, "C")]
    assert matcher._automaton is None  # short: word by word
    matcher.budget = 0
    assert matcher.matches(text) == [(19, "A"), (19, "B"), (29, "C")]
    assert matcher._automaton is not None


def test_an_unexpected_surface_shape_uses_the_automaton() -> None:
    matcher = SurfaceMatcher({"  two spaces first ": 0, " ok ": 1}, "AB")
    assert not matcher.regular
    assert matcher.matches(" x  two spaces first ok ") == [(20, "A"), (23, "B")]
    assert matcher._automaton is not None


def test_pickled_matcher_matches_the_same_and_a_damaged_one_is_refused() -> None:
    matcher = SurfaceMatcher({" gun ": 0, " shot him ": 1}, ("G", "S"))
    again = pickle.loads(pickle.dumps(matcher))
    text = " he shot him with a gun "
    assert again.matches(text) == matcher.matches(text) == [(12, "S"), (23, "G")]
    state = list(matcher.__getstate__())
    damaged = list(state)
    damaged[2] = state[2][:-1] + bytes([state[2][-1] ^ 1])  # one flipped bit in the buckets
    with pytest.raises(ValueError):
        SurfaceMatcher.__new__(SurfaceMatcher).__setstate__(tuple(damaged))
    damaged = list(state)
    damaged[3] = state[3].replace(b"G", b"X")  # another value
    with pytest.raises(ValueError):
        SurfaceMatcher.__new__(SurfaceMatcher).__setstate__(tuple(damaged))


def test_damaged_lexicon_entry_is_rebuilt(tmp_path: Path) -> None:
    build = lambda: SurfaceMatcher({" gun ": 0}, ("G",))  # noqa: E731
    cache.cached("m", "k", build, tmp_path)
    path = tmp_path / "m-k.pickle"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert cache.cached("m", "k", build, tmp_path).matches(" a gun ") == [(6, "G")]


def test_an_automaton_from_elsewhere_that_lacks_surfaces_is_not_used() -> None:
    import ahocorasick

    matcher = SurfaceMatcher({" gun ": 0, " shot him ": 1}, ("G", "S"))
    other = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    other.add_word(" gun ", 1)
    other.make_automaton()
    matcher.automaton_source = lambda build: other
    matcher.budget = 0
    assert matcher.matches(" he shot him with a gun ") == [(12, "S"), (23, "G")]
