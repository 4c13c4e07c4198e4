"""The HTTP API and pages through FastAPI's test client: scan, library, limits, errors, escaping."""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")


from forewarn.library import Library  # noqa: E402
from forewarn.profile import Profile, load_profile, save_profile  # noqa: E402
from forewarn.report import (Evidence, Finding, NoteInfo, Report, StoryFacts,  # noqa: E402
                             WorkInfo)

STORY = ("Chapter 1\n\nMara lit a cigarette on the fire escape and smoked it down to the filter."
         "\n\nChapter 2\n\nAt the funeral she could not stop crying for her brother.")
HTML = {"accept": "text/html"}


def token(client, path: str = "/") -> str:
    """The form token a page of this session carries (the forms must send it back)."""
    import re

    page = client.get(path, headers=HTML).text
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


def stored_report(title: str, key: str, warnings: dict[str, str], words: int = 500,
                  evidence_text: str = "…", notes: str = "") -> Report:
    return Report(
        work=WorkInfo(title=title, words=words, chapters=3, content_hash=key,
                      notes=[NoteInfo("notes", notes)] if notes else []),
        warnings=[Finding(w, w.title(), "other", s, chapters=[2], evidence_count=1,
                          evidence=[Evidence(2, 4, 0, 10, evidence_text)])
                  for w, s in warnings.items()],
        story=StoryFacts(pov="first"))


def add(paths, report: Report, text: str = "") -> int:
    with Library(paths["db"]) as lib:
        return lib.add(report, text=text)[0]


# -- scanning --------------------------------------------------------------------------------

def test_scan_json_text_returns_the_report(client):
    r = client.post("/api/scan", json={"text": STORY, "title": "Fire escape"})
    assert r.status_code == 200
    body = r.json()
    assert body["schema"] == 1 and body["work"]["chapters"] == 2
    assert body["work"]["title"] == "Fire escape"


def test_scan_multipart_file_and_plain_text(client):
    r = client.post("/api/scan", files={"file": ("escape.txt", STORY.encode(), "text/plain")})
    assert r.status_code == 200 and r.json()["source"]["path"] == "escape.txt"
    r = client.post("/api/scan", content=STORY.encode(), headers={"content-type": "text/plain"})
    assert r.status_code == 200 and r.json()["work"]["chapters"] == 2


def test_scan_with_save_stores_the_work(client):
    r = client.post("/api/scan", json={"text": STORY, "save": True})
    assert r.status_code == 201
    location = r.headers["location"]
    work = client.get(location).json()
    assert work["report"]["work"]["content_hash"] == r.json()["work"]["content_hash"]
    assert client.get("/api/works").json()["count"] == 1


# -- the library through the API --------------------------------------------------------------

def test_works_filters_match_search(client, paths):
    add(paths, stored_report("Harbour", "a", {"grief": "depicted"}, words=3000), "boats at dawn")
    add(paths, stored_report("Garden", "b", {"grief": "mention"}, words=800), "apple trees")
    add(paths, stored_report("Storm", "c", {"suicide": "graphic"}, words=9000), "boats in a gale")

    def titles(**params):
        r = client.get("/api/works", params=params)
        assert r.status_code == 200, r.text
        return sorted(w["title"] for w in r.json()["works"])

    assert titles() == ["Garden", "Harbour", "Storm"]
    assert titles(q="boats") == ["Harbour", "Storm"]
    assert titles(exclude="grief:depicted") == ["Garden", "Storm"]
    assert titles(exclude=["grief", "suicide"]) == []
    assert titles(include="grief") == ["Garden", "Harbour"]
    assert titles(q="boats", max_words=5000) == ["Harbour"]
    assert titles(pov="first") == ["Garden", "Harbour", "Storm"]


def test_get_and_delete_a_work(client, paths):
    wid = add(paths, stored_report("Harbour", "a", {"grief": "depicted"}))
    got = client.get(f"/api/works/{wid}")
    assert got.status_code == 200 and got.json()["report"]["work"]["title"] == "Harbour"
    assert got.json()["verdict"] is None
    save_profile(Profile({"grief": "mention"}), paths["profile"])
    verdict = client.get(f"/api/works/{wid}").json()["verdict"]
    assert [h["id"] for h in verdict["hits"]] == ["grief"]
    assert client.delete(f"/api/works/{wid}").status_code == 204
    missing = client.get(f"/api/works/{wid}")
    assert missing.status_code == 404 and "no work" in missing.json()["error"]
    assert client.delete(f"/api/works/{wid}").status_code == 404


def test_warnings_taxonomy_and_openapi(client):
    tax = client.get("/api/warnings").json()
    ids = {w["id"] for w in tax["warnings"]}
    assert {"grief", "smoking", "suicide"} <= ids
    spec = client.get("/openapi.json").json()
    assert "/api/scan" in spec["paths"] and "/api/works/{work_id}" in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_api_docs_page_works_offline(client):
    import re

    page = client.get("/docs").text
    assets = re.findall(r"""(?:src|href)=['"]([^'"]+)['"]""", page)
    assert assets and all(a.startswith("/") for a in assets), assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_profile_api(client, paths):
    r = client.put("/api/profile", json={"avoid": {"grief": "depicted"}})
    assert r.status_code == 200
    assert load_profile(paths["profile"]).avoid == {"grief": "depicted"}
    assert client.get("/api/profile").json()["avoid"] == {"grief": "depicted"}
    assert client.put("/api/profile", json={"avoid": {"grief": "loud"}}).status_code == 400
    assert client.put("/api/profile", json={"avoid": 3}).status_code == 422


# -- limits and errors --------------------------------------------------------------------------

def test_too_large_requests_get_413_json(client):
    big = "word " * 300_000  # 1.5 MB, over the 1 MB limit of this app
    r = client.post("/api/scan", json={"text": big})
    assert r.status_code == 413 and "limit is 1 MB" in r.json()["error"]
    r = client.post("/api/scan", files={"file": ("big.txt", big.encode(), "text/plain")})
    assert r.status_code == 413

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(30):
            yield b"x" * 65536

    r = client.post("/api/scan", content=chunks(), headers={"content-type": "text/plain"})
    assert r.status_code == 413 and "error" in r.json()
    assert client.post("/api/scan", json={"text": STORY}).status_code == 200  # still serving


@pytest.mark.parametrize("kwargs, status, says", [
    ({"json": {"text": "   "}}, 400, "no story"),
    ({"json": {"words": "hello"}}, 422, "'text' is required"),
    ({"json": {"text": 42}}, 422, "'text' is required"),
    ({"json": ["a list"]}, 422, "'text' is required"),
    ({"content": b"{broken", "headers": {"content-type": "application/json"}}, 400, "not valid JSON"),
    ({"files": {"file": ("x.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image/png")}},
     400, "x.png"),
    ({"files": {"file": ("empty.txt", b"", "text/plain")}}, 400, "no story"),
    ({"content": b"<data/>", "headers": {"content-type": "application/xml"}}, 415, "unsupported"),
    ({"content": b"--x\r\nbroken", "headers": {"content-type": "multipart/form-data; boundary=x"}},
     400, ""),
])
def test_unusable_input_gets_a_json_error_saying_why(client, kwargs, status, says):
    r = client.post("/api/scan", **kwargs)
    assert r.status_code == status, r.text
    assert says in r.json()["error"]


def test_bad_filters_get_400_and_bad_parameters_422(client):
    r = client.get("/api/works", params={"exclude": "grief:awful"})
    assert r.status_code == 400 and "severity" in r.json()["error"]
    r = client.get("/api/works", params={"max_words": "many"})
    assert r.status_code == 422 and "max_words" in r.json()["error"]
    assert client.get("/api/works/not-a-number").status_code == 422


# -- pages and escaping ---------------------------------------------------------------------------

ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_story_text_notes_and_titles_are_escaped(client, paths):
    wid = add(paths, stored_report(f"Title {ATTACK}", "evil", {"grief": "depicted"},
                                   evidence_text=f"She wept. {ATTACK}", notes=f"CW: {ATTACK}"))
    for url in (f"/works/{wid}", "/library", "/library?q=title"):
        page = client.get(url, headers=HTML).text
        assert "<script>alert" not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;alert(" in page, url
    page = client.get(f"/works/{wid}", headers=HTML).text
    assert "She wept. &lt;script&gt;" in page  # the evidence is there, as text


def test_pasted_html_like_text_is_escaped_on_the_report_page(client):
    text = f"Chapter 1\n\nThe sign said {ATTACK} and nobody laughed."
    r = client.post("/scan", data={"text": text, "title": ATTACK, "csrf": token(client)}, headers=HTML)
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "&lt;script&gt;" in r.text


def test_scan_page_saves_and_redirects_to_the_work(client):
    r = client.post("/scan", data={"text": STORY, "save": "1", "csrf": token(client)}, headers=HTML,
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/works/")
    page = client.get(r.headers["location"], headers=HTML)
    assert page.status_code == 200 and "Remove from library" in page.text


def test_scan_page_shows_the_error_in_the_form(client):
    r = client.post("/scan", data={"text": "", "csrf": token(client)}, headers=HTML)
    assert r.status_code == 400 and "no story given" in r.text and "<form" in r.text


def test_work_page_shows_verdict_evidence_map_and_profile_form_saves(client, paths):
    wid = add(paths, stored_report("Harbour", "a", {"grief": "depicted", "smoking": "mention"},
                                   evidence_text="The coffin was lowered."))
    page = client.get(f"/works/{wid}", headers=HTML).text
    assert "You have no reading profile yet" in page
    assert "<details" in page and "The coffin was lowered." in page
    assert 'class="map"' in page
    r = client.post("/profile", data={"w:grief": "mention", "w:smoking": "", "back": f"/works/{wid}",
                                      "csrf": token(client, "/profile")},
                    headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/works/{wid}"
    assert load_profile(paths["profile"]).avoid == {"grief": "mention"}
    page = client.get(f"/works/{wid}", headers=HTML).text
    assert "1 of your warnings is in this story" in page
    assert "chapter 2, paragraph 5" in page  # the passage to skip, counted from 1


def test_profile_back_link_never_leaves_the_site(client, paths):
    r = client.post("/profile", data={"w:grief": "mention", "back": "//evil.example/",
                                      "csrf": token(client, "/profile")},
                    headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/profile")


def test_library_page_filters(client, paths):
    add(paths, stored_report("Harbour", "a", {"grief": "depicted"}), "boats")
    add(paths, stored_report("Garden", "b", {"smoking": "mention"}), "apples")
    page = client.get("/library", headers=HTML).text
    assert "Harbour" in page and "Garden" in page and 'for="ex-grief"' in page
    page = client.get("/library", params={"exclude": "grief"}, headers=HTML).text
    assert "Harbour" not in page and "Garden" in page
    page = client.get("/library", params={"q": "apples"}, headers=HTML).text
    assert "Garden" in page and "Harbour" not in page
    page = client.get("/library", params={"max_words": "lots"}, headers=HTML)
    assert page.status_code == 400 and "whole number" in page.text


def test_unknown_pages_are_404(client):
    assert client.get("/nowhere", headers=HTML).status_code == 404
    r = client.get("/api/nowhere")
    assert r.status_code == 404 and "error" in r.json()


@pytest.mark.parametrize("payload", [
    {"content": b'{"text": "Lone surrogate \\ud800 in the middle of a sentence.", "save": true}',
     "headers": {"content-type": "application/json"}},
    {"json": {"text": "Nul\x00 bytes\x00 and \x07 bells in a story."}},
    {"json": {"text": "word" * 50_000}},
    {"json": {"text": "\n\n\n\u200f\u202e reversed? \u202c\n\n"}},
    {"json": {"text": "Chapter 1\n\n" * 2000}},
    {"files": {"file": ("a.epub", b"PK\x03\x04 not really a zip", "application/epub+zip")}},
    {"files": {"file": ("a.html", b"<html><body><div id='workskin'>" * 500, "text/html")}},
    {"files": {"file": ("latin1.txt", "Caf\xe9 au lait, she said.".encode("latin-1"), "text/plain")}},
])
def test_odd_input_never_crashes_the_server(client, payload):
    r = client.post("/api/scan", **payload)
    assert r.status_code in (200, 201, 400), r.text
    if r.status_code == 400:
        assert r.json()["error"]
    assert client.get("/api/works").status_code == 200


def test_too_large_form_post_from_a_browser_gets_a_page(client):
    r = client.post("/scan", files={"file": ("big.txt", b"word " * 300_000, "text/plain")},
                    headers=HTML)
    assert r.status_code == 413
    assert "text/html" in r.headers["content-type"] and "limit is 1 MB" in r.text


def test_work_page_compares_declared_with_found(client, paths):
    from forewarn.report import Declared

    report = stored_report("Declared", "d", {"grief": "depicted", "violence": "mention"})
    report.declared = [Declared("grief", "grieving"), Declared("smoking", "smoking")]
    report.undeclared = ["violence"]
    report.declared_not_found = ["smoking"]
    page = client.get(f"/works/{add(paths, report)}", headers=HTML).text
    section = page.split('id="declared-h"')[1].split("</section>")[0]
    assert "Declared and found</dt><dd>Grief" in section
    assert "Declared, not found in the text</dt><dd>Smoking" in section
    assert "Found, not declared</dt><dd>Violence" in section
