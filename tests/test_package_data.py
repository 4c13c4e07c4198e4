"""Data files found in the package, TOML parsed once per content and cached (never in
the way: a damaged entry is parsed again), and packed shards that refuse damage."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from forewarn import cache
from forewarn.package_data import data_path, load_toml_file, loads_toml, parse_toml
from forewarn.shards import Shards


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.ENV_CACHE, str(tmp_path))
    return tmp_path


def test_a_cached_parse_equals_a_fresh_one(folder: Path) -> None:
    raw = data_path("forewarn.taxonomy", "warnings.toml").read_bytes()
    first = load_toml_file("forewarn.taxonomy", "warnings.toml")
    assert [p.name.split("-")[0] for p in folder.iterdir()] == ["toml_forewarn.taxonomy.warnings.toml"]
    assert load_toml_file("forewarn.taxonomy", "warnings.toml") == first == loads_toml(raw)


def test_changed_content_is_parsed_again_and_replaces_the_entry(folder: Path) -> None:
    assert parse_toml(b"a = 1", "demo.toml") == {"a": 1}
    assert parse_toml(b"a = 2", "demo.toml") == {"a": 2}
    assert len(list(folder.iterdir())) == 1


def test_a_damaged_entry_is_parsed_again(folder: Path) -> None:
    parse_toml(b"a = 1", "demo.toml")
    (entry,) = folder.iterdir()
    entry.write_bytes(b"\x80\x05garbage")
    assert parse_toml(b"a = 1", "demo.toml") == {"a": 1}


def test_with_the_cache_off_it_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_CACHE, "off")
    assert parse_toml(b"[t]\nx = 'y'", "demo.toml") == {"t": {"x": "y"}}


def test_invalid_toml_still_raises(folder: Path) -> None:
    with pytest.raises(ValueError):
        parse_toml(b"a = = 1", "bad.toml")
    assert not list(folder.iterdir())


def test_shards_round_trip_and_refuse_damage() -> None:
    shards = Shards({"a": {"x": 1.5}, "": {"b": -1.0}})
    state = shards.__getstate__()
    again = pickle.loads(pickle.dumps(shards))
    assert again.take("") == {"b": -1.0} and again.take("") is None and list(again.names()) == ["a"]
    blobs, crc = state
    damaged = {**blobs, "a": blobs["a"][:-1] + bytes([blobs["a"][-1] ^ 1])}
    with pytest.raises(ValueError):
        Shards.__new__(Shards).__setstate__((damaged, crc))
