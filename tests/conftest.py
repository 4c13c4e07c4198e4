"""Shared test fixtures: the path to ../shared (skipping when absent) and a CLI runner."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the calling test when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared data not available: {p}")
    return p


@pytest.fixture
def cli():
    """Run the forewarn CLI in-process: ``cli("scan", path)`` → click Result."""
    from forewarn.cli import main

    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def paths(tmp_path):
    """A library database and a reading-profile file for a web app under test."""
    return {"db": tmp_path / "lib.sqlite3", "profile": tmp_path / "profile.json"}


@pytest.fixture
def client(paths):
    """FastAPI's test client for a fresh web app on its own loopback origin (uploads
    limited to 1 MB); skips when the web extra is not installed."""
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from forewarn.web.app import create_app

    app = create_app(db_path=paths["db"], profile_path=paths["profile"], max_upload_mb=1)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c
