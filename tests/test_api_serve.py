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
         "--profile", str(tmp_path / "p.json"), "--max-upload-mb", "1"],
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
        for chunked in (False, True):
            assert _send_whole_oversized_body(port, chunked).startswith(b"HTTP/1.1 413"), chunked
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _send_whole_oversized_body(port: int, chunked: bool) -> bytes:
    """POST 3 MB to a 1 MB server, sending every byte before reading the answer."""
    body = b"word " * (600 * 1024)
    head = (f"POST /api/scan HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: text/plain\r\n")
    head += "Transfer-Encoding: chunked\r\n\r\n" if chunked else \
        f"Content-Length: {len(body)}\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        s.sendall(head.encode())
        step = 64 * 1024
        for i in range(0, len(body), step):
            part = body[i:i + step]
            s.sendall(b"%x\r\n%s\r\n" % (len(part), part) if chunked else part)
        if chunked:
            s.sendall(b"0\r\n\r\n")
        return s.recv(4096)
