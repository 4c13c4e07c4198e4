"""The server answers only its own host names, takes writes only from its own origin, checks
the per-session form token, and sends security headers on every response."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from forewarn.library import Library  # noqa: E402
from forewarn.profile import load_profile  # noqa: E402
from forewarn.web.app import create_app  # noqa: E402

STORY = "Chapter 1\n\nAt the funeral she could not stop crying for her brother."
HTML = {"accept": "text/html"}
OWN = "http://127.0.0.1"
EVIL = "http://127.0.0.1:9999"
TEMPLATES = Path(__file__).resolve().parents[1] / "src/forewarn/web/templates"


def _token(client, path: str = "/") -> str:
    page = client.get(path, headers=HTML).text
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


def _count(paths) -> int:
    with Library(paths["db"]) as lib:
        return lib.count()


def _saved(client) -> int:
    r = client.post("/api/scan", json={"text": STORY, "save": True})
    assert r.status_code == 201
    return int(r.headers["x-forewarn-work-id"])


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "192.168.1.9", ""])
def test_unknown_host_names_are_refused(paths, host):
    app = create_app(db_path=paths["db"], profile_path=paths["profile"])
    with TestClient(app, base_url=OWN) as c:
        r = c.get("/api/works", headers={"host": host})
    assert r.status_code == 400 and "Host" in r.json()["error"]


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"])
def test_loopback_host_names_are_answered(client, host):
    assert client.get("/api/works", headers={"host": host}).status_code == 200


def test_the_given_host_is_trusted(paths):
    app = create_app(db_path=paths["db"], profile_path=paths["profile"], hosts=["books.lan"])
    with TestClient(app, base_url="http://books.lan:8000") as c:
        assert c.get("/api/works").status_code == 200
        assert c.get("/api/works", headers={"host": "other.lan"}).status_code == 400


@pytest.mark.parametrize("headers", [
    {"origin": EVIL}, {"origin": "null"}, {"origin": "http://127.0.0.1.evil.example"},
    {"referer": EVIL + "/attack.html"}, {"sec-fetch-site": "same-site"},
    {"sec-fetch-site": "cross-site", "origin": OWN},
])
def test_writes_from_another_origin_are_refused(client, paths, headers):
    wid = _saved(client)
    assert client.delete(f"/api/works/{wid}", headers=headers).status_code == 403
    assert client.post("/api/scan", json={"text": STORY, "save": True},
                       headers=headers).status_code == 403
    assert client.put("/api/profile", json={"avoid": ["grief"]}, headers=headers).status_code == 403
    r = client.post(f"/works/{wid}/remove", data={"csrf": _token(client)}, headers=headers)
    assert r.status_code == 403
    assert _count(paths) == 1 and load_profile(paths["profile"]).avoid == {}


def test_writes_from_the_own_origin_or_a_non_browser_client_pass(client):
    assert client.post("/api/scan", json={"text": STORY}, headers={"origin": OWN}).status_code == 200
    assert client.post("/api/scan", json={"text": STORY},
                       headers={"referer": OWN + "/library", "sec-fetch-site": "same-origin"}
                       ).status_code == 200
    assert client.post("/api/scan", json={"text": STORY}).status_code == 200  # curl


def test_html_forms_need_the_session_token(client, paths):
    wid = _saved(client)
    for path, data in [(f"/works/{wid}/remove", {}), ("/profile", {"w:grief": "mention"}),
                       ("/scan", {"text": STORY, "save": "1"})]:
        for csrf in (None, "0" * 64, "nonsense"):
            form = dict(data, **({"csrf": csrf} if csrf else {}))
            r = client.post(path, data=form, headers=HTML, follow_redirects=False)
            assert r.status_code == 403, (path, csrf)
            assert "did not come from this forewarn page" in r.text
    assert _count(paths) == 1 and load_profile(paths["profile"]).avoid == {}
    r = client.post(f"/works/{wid}/remove", data={"csrf": _token(client)}, follow_redirects=False)
    assert r.status_code == 303 and _count(paths) == 0


def test_a_token_from_another_session_does_not_work(client, paths):
    wid = _saved(client)
    theirs = _token(client)
    client.cookies.clear()  # a new session: the old page's token is no longer valid
    r = client.post(f"/works/{wid}/remove", data={"csrf": theirs}, follow_redirects=False)
    assert r.status_code == 403 and _count(paths) == 1


def test_the_session_cookie_is_httponly_and_strict(paths):
    app = create_app(db_path=paths["db"], profile_path=paths["profile"])
    with TestClient(app, base_url=OWN) as c:
        cookie = c.get("/").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


@pytest.mark.parametrize("method,path,kwargs", [
    ("GET", "/", {}), ("GET", "/library", {}), ("GET", "/docs", {}), ("GET", "/api/works", {}),
    ("GET", "/nowhere", {}), ("GET", "/static/style.css", {}),
    ("POST", "/api/scan", {"content": b"x" * (2 * 1024 * 1024),
                           "headers": {"content-type": "text/plain"}}),
    ("POST", "/api/scan", {"json": {"text": STORY}, "headers": {"origin": EVIL}}),
    ("GET", "/api/works", {"headers": {"host": "evil.example"}}),
])
def test_security_headers_on_every_response(client, method, path, kwargs):
    r = client.request(method, path, **kwargs)
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"


def test_no_inline_script_in_any_page(client):
    pages = [client.get(p, headers=HTML).text for p in ("/", "/library", "/profile", "/docs")]
    pages += [t.read_text(encoding="utf-8") for t in TEMPLATES.glob("*.html")]
    for page in pages:
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S):
            assert "src=" in attrs and not body.strip(), attrs
        assert not re.search(r"\son[a-z]+\s*=", page)
        assert not re.search(r"\sstyle\s*=", page)


def test_concurrent_profile_saves_never_collide(client, paths):
    from concurrent.futures import ThreadPoolExecutor

    def put(i: int) -> int:
        sev = ("mention", "depicted", "graphic")[i % 3]
        return client.put("/api/profile", json={"avoid": {"grief": sev}}).status_code

    with ThreadPoolExecutor(16) as pool:
        codes = list(pool.map(put, range(200)))
    assert codes == [200] * 200
    assert load_profile(paths["profile"]).avoid["grief"] in ("mention", "depicted", "graphic")
    assert not [p for p in paths["profile"].parent.iterdir() if p.name.endswith(".tmp")]
