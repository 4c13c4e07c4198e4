"""The per-user cache of the compiled lexicon: used when valid, rebuilt when not, never
in the way (off, unwritable, corrupt)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from forewarn import cache
from forewarn.warnings import lexicon


def _counting_build(calls: list[int], value: object = "built"):
    def build():
        calls.append(1)
        return value
    return build


def test_second_call_reads_the_stored_value(tmp_path: Path) -> None:
    calls: list[int] = []
    assert cache.cached("x", "k", _counting_build(calls, {"a": 1}), tmp_path) == {"a": 1}
    assert cache.cached("x", "k", _counting_build(calls, "other"), tmp_path) == {"a": 1}
    assert len(calls) == 1


def test_new_key_rebuilds_and_drops_the_old_entry(tmp_path: Path) -> None:
    cache.cached("x", "old", lambda: 1, tmp_path)
    cache.cached("y", "keep", lambda: 3, tmp_path)  # another name is left alone
    assert cache.cached("x", "new", lambda: 2, tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x-new.pickle", "y-keep.pickle"]


def test_corrupt_entry_is_rebuilt_and_replaced(tmp_path: Path) -> None:
    (tmp_path / "x-k.pickle").write_bytes(b"\x80\x05not a pickle")
    calls: list[int] = []
    assert cache.cached("x", "k", _counting_build(calls, [1]), tmp_path) == [1]
    assert cache.cached("x", "k", _counting_build(calls, [2]), tmp_path) == [1]
    assert len(calls) == 1


def test_unwritable_folder_still_builds(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    calls: list[int] = []
    for _ in range(2):
        assert cache.cached("x", "k", _counting_build(calls), blocker / "cache") == "built"
    assert len(calls) == 2  # nothing stored, nothing raised
    assert blocker.read_text().startswith("a file")


def test_off_builds_every_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_CACHE, "off")
    calls: list[int] = []
    cache.cached("x", "k", _counting_build(calls))
    cache.cached("x", "k", _counting_build(calls))
    assert len(calls) == 2
    monkeypatch.setenv(cache.ENV_CACHE, str(tmp_path))
    assert cache.cache_dir() == tmp_path


def test_fingerprint_follows_every_part() -> None:
    base = cache.fingerprint([b"lexicon", "1.0"])
    assert cache.fingerprint([b"lexicon", "1.0"]) == base
    assert cache.fingerprint([b"lexicon!", "1.0"]) != base
    assert cache.fingerprint([b"lexicon", "1.1"]) != base
    assert cache.fingerprint([b"lexico", "n1.0"]) != base


def test_lexicon_fingerprint_changes_with_its_code(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    before = lexicon._fingerprint()
    changed = tmp_path / "lexicon.py"
    changed.write_bytes(Path(lexicon.__file__).read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(lexicon, "__file__", str(changed))
    assert lexicon._fingerprint() != before


def test_cached_lexicon_matches_a_fresh_compile(tmp_path: Path) -> None:
    """A lexicon loaded from the cache finds the same hits as one compiled now."""
    fresh = lexicon._build()
    cache.cached("lexicon", "t", lexicon._build, tmp_path)
    loaded = cache.cached("lexicon", "t", lambda: pytest.fail("rebuilt"), tmp_path)
    text = " she cut herself and the soldiers shot him. a cigarette, then the funeral "
    assert loaded.matcher.matches(text) == fresh.matcher.matches(text) != []
    automaton = loaded.matcher.automaton()
    assert [(e, loaded.matcher.values[i]) for e, i in automaton.iter(text)] == fresh.matcher.matches(text)
    assert loaded.related == fresh.related and loaded.warnings == fresh.warnings


def test_cli_writes_the_cache_once_and_reuses_it(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("He lit a cigarette and poured a whisky.\n", encoding="utf-8")
    env = {**os.environ, cache.ENV_CACHE: str(tmp_path / "c")}
    outs, stored = [], []
    for _ in range(2):
        run = subprocess.run([sys.executable, "-m", "forewarn", "scan", str(story), "--format", "json"],
                             capture_output=True, text=True, env=env, timeout=120)
        assert run.returncode == 0, run.stderr
        outs.append(run.stdout)
        stored.append({p.name: p.stat().st_mtime_ns for p in (tmp_path / "c").iterdir()})
    assert outs[0] == outs[1] and '"smoking"' in outs[0]
    assert stored[0] == stored[1]  # the second run wrote nothing
    names = {name.split("-")[0] for name in stored[0]}
    assert {"evidence", "lexicon", "weights", "toml_forewarn.taxonomy.warnings.toml"} <= names
    assert "automaton" not in names  # a short story is matched without the automaton


def test_compiled_regexes_are_cached_and_match_like_re(tmp_path, monkeypatch):
    import re

    from forewarn import cache

    monkeypatch.setenv("FOREWARN_CACHE", str(tmp_path))
    cache.reset_regex_cache()
    pattern = r"\s*[,;]*\s*(?P<verb>sa(?:id|ys)|whispered)\s+(?P<who>[A-Z]\w+)"
    text = '"Hello," said Tom. "No," whispered Ann.'
    first = cache.compile_regex(pattern, re.S)
    assert list(tmp_path.glob("regex-*.pickle"))
    cache.reset_regex_cache()  # as a new process would: read from the folder
    loaded, _used, _folder, _key = cache._regex_store()
    assert (pattern, int(re.S)) in loaded
    again = cache.compile_regex(pattern, re.S)
    want = [m.groupdict() for m in re.compile(pattern, re.S).finditer(text)]
    assert [m.groupdict() for m in again.finditer(text)] == want
    assert [m.groupdict() for m in first.finditer(text)] == want
    assert again.flags == re.compile(pattern, re.S).flags
    cache.reset_regex_cache()


def test_a_damaged_regex_cache_falls_back_to_re(tmp_path, monkeypatch):
    from forewarn import cache

    monkeypatch.setenv("FOREWARN_CACHE", str(tmp_path))
    cache.reset_regex_cache()
    key = cache.fingerprint(["regex-v1", *cache.runtime_parts()])
    import pickle

    (tmp_path / f"regex-{key}.pickle").write_bytes(pickle.dumps({("a+", 0): ("junk",)}))
    assert cache.compile_regex("a+").match("aaa").group() == "aaa"
    cache.reset_regex_cache()


def test_a_foreign_entry_of_another_kind_is_rebuilt(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A pickle that loads but is not what forewarn stored there (another program's, an
    older format's) is replaced, and the scan works."""
    import pickle

    monkeypatch.setenv(cache.ENV_CACHE, str(tmp_path))
    key = lexicon._fingerprint()
    (tmp_path / f"lexicon-{key}.pickle").write_bytes(pickle.dumps({"not": "a lexicon"}))
    lexicon.compiled.cache_clear()
    try:
        lex = lexicon.compiled()
        assert isinstance(lex, lexicon.Lexicon)
        assert lex.matcher.matches(" a cigarette ") != []
        assert isinstance(cache.cached("lexicon", key, lambda: pytest.fail("rebuilt"), tmp_path,
                                       kind=lexicon.Lexicon), lexicon.Lexicon)
    finally:
        lexicon.compiled.cache_clear()
