"""`forewarn serve` starts the app on the given host, port and database."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytest.importorskip("uvicorn")


def test_serve_answers_on_its_port_with_its_database(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "served.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-m", "forewarn.cli", "serve", "--port", str(port), "--db", str(db),
         "--profile", str(tmp_path / "p.json")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/works", timeout=1) as r:
                    assert json.load(r) == {"count": 0, "works": []}
                    break
            except OSError:
                assert proc.poll() is None, proc.stdout.read().decode(errors="replace")
                time.sleep(0.1)
        else:
            pytest.fail("forewarn serve did not answer within 15 s")
        assert db.exists()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
