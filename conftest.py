"""Fixtures for every test, the doctests in src/ included."""
from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _cache_in_tmp(tmp_path_factory):
    """Keep the compiled-lexicon cache of the test run (and of the CLIs it starts) out of
    the user's cache folder."""
    from forewarn.cache import ENV_CACHE

    old = os.environ.get(ENV_CACHE)
    os.environ[ENV_CACHE] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop(ENV_CACHE, None)
    else:
        os.environ[ENV_CACHE] = old
