"""End to end in headless Chromium: upload a story, read its warnings, reveal evidence, set a
profile and see the verdict, filter the library.

Needs Debian's ``chromium`` (/usr/bin/chromium) and Playwright's Python package; skipped with
the reason when either is missing. Set ``FOREWARN_SCREENSHOT=FILE.png`` to save a
screenshot of the report page (``test_browser_answers.py`` makes the ones in docs/).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
REBIND_HOST = "rebind.test"  # resolves to 127.0.0.1 in the test browser: DNS rebinding
SERVER_LIFETIME_S = 300  # the test server stops itself after this, whatever happens

GRIEF_STORY = """The Coat on the Hook

CW: grief, death of a parent, smoking

Chapter 1

Nell stood at her father's grave long after the others had gone. The funeral had been short, and
now there was only the wet earth and the flowers already wilting on top of it.

She lit a cigarette with shaking hands and smoked it down to the filter, the way he used to.

Chapter 2

A month later the grief still woke her at four in the morning. She missed him every day; she
kept his coat on the hook by the door and could not bring herself to give it away.

She cried in the car outside the supermarket, and then she went in and bought bread.
"""

CALM_STORY = """Chapter 1

The bakery opened at six. Tom kneaded the dough while the radio played old songs, and the first
customers came in out of the cold, stamping snow from their boots and laughing about the weather.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is missing (pip install playwright)")
    pytest.importorskip("uvicorn", reason="the web extra is missing")
    tmp = tmp_path_factory.mktemp("web")
    port = _free_port()
    code = (
        "import os, threading, uvicorn\n"
        f"threading.Timer({SERVER_LIFETIME_S}, lambda: os._exit(3)).start()\n"
        "from forewarn.web.app import create_app\n"
        f"app = create_app(db_path={str(tmp / 'lib.sqlite3')!r}, "
        f"profile_path={str(tmp / 'profile.json')!r})\n"
        f"uvicorn.run(app, host='127.0.0.1', port={port}, log_level='warning')\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/api/profile", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("server exited: " + proc.stdout.read().decode(errors="replace"))
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("server did not start within 20 s")
    (tmp / "grief.txt").write_text(GRIEF_STORY, encoding="utf-8")
    (tmp / "bakery.txt").write_text(CALM_STORY, encoding="utf-8")
    yield base, tmp
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-background-networking",
                                    f"--host-resolver-rules=MAP {REBIND_HOST} 127.0.0.1",
                                    "--disable-component-update", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


def upload(page, base: str, path: Path) -> None:
    page.goto(base + "/")
    page.get_by_label("Story file").set_input_files(str(path))
    assert page.get_by_label("Add it to my library").is_checked()
    page.get_by_role("button", name="Scan").click()
    page.wait_for_url("**/works/*")


def test_upload_warnings_evidence_profile_verdict(server, page):
    base, tmp = server
    upload(page, base, tmp / "grief.txt")
    warnings = page.locator("#warnings-h + *, .finding")
    names = page.locator(".finding .wname").all_inner_texts()
    assert any("grief" in n.lower() for n in names), names
    assert any("smok" in n.lower() for n in names), names
    assert warnings.count() >= 2

    # evidence is hidden until the reader asks for it
    grief = page.locator(".finding", has=page.locator(".wname", has_text="Grief")).first
    quote = grief.locator("details.evidence blockquote").first
    assert not quote.is_visible()
    grief.locator("details.evidence summary").click()
    assert quote.is_visible() and quote.inner_text().strip()

    # no profile yet: the page says so and links to the profile page, which comes back here
    work_url = page.url
    page.get_by_role("link", name="Choose the warnings you want to avoid").click()
    page.get_by_label("Grief", exact=True).select_option("mention")
    page.get_by_role("button", name="Save profile").click()
    page.wait_for_url(work_url)
    verdict = page.locator("#verdict")
    assert "of your warnings" in verdict.inner_text()
    assert "Grief" in verdict.inner_text()

    shot = os.environ.get("FOREWARN_SCREENSHOT")
    if shot:  # the report page with its verdict and one warning's evidence open
        page.locator(".finding details.evidence summary").first.click()
        page.screenshot(path=shot, full_page=True)


def test_library_filters(server, page):
    base, tmp = server
    upload(page, base, tmp / "grief.txt")  # already there: updated in place
    upload(page, base, tmp / "bakery.txt")
    page.goto(base + "/library")
    rows = page.locator("table.works tbody tr")
    rows.first.wait_for()
    assert rows.count() == 2
    # htmx updates the results when a box is ticked; the form also works without JS
    page.locator("details.picker summary").first.click()  # "Hide stories with…"
    page.get_by_label("Grief").first.check()
    page.wait_for_function("document.querySelectorAll('table.works tbody tr').length === 1")
    assert "bakery" in page.locator("table.works").inner_text()
    assert "Coat on the Hook" not in page.locator("table.works").inner_text()

    page.goto(base + "/library")
    page.get_by_label("Search title, summary, notes and text").fill("funeral")
    page.get_by_label("Search title, summary, notes and text").press("Enter")
    page.wait_for_function("document.querySelectorAll('table.works tbody tr').length === 1")
    assert "coat on the hook" in page.locator("table.works").inner_text().lower()


def test_keyboard_reaches_the_skip_link_and_the_scan_form(server, page):
    base, _ = server
    page.goto(base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "file"


# -- attacks from another web page ----------------------------------------------------------

ATTACK_PAGES = {
    # a no-cors POST removing a work, and a cross-origin read of the library
    "/fetch.html": """<!doctype html><title>fetch</title><script>
      (async () => {
        const out = [];
        try { await fetch("{base}/works/{wid}/remove", {method: "POST", mode: "no-cors",
                                                        credentials: "include"}); }
        catch (e) { out.push("remove threw"); }
        try { const r = await fetch("{base}/api/works"); out.push("read " + (await r.text())); }
        catch (e) { out.push("read blocked"); }
        document.title = "done: " + out.join("; ");
      })();
    </script>""",
    "/plant-api.html": """<!doctype html><title>plant</title>
      <form id="f" method="post" action="{base}/api/scan" enctype="multipart/form-data">
      <input name="text" value="{story}"><input name="save" value="1"></form>
      <script>document.getElementById("f").submit();</script>""",
    "/plant-page.html": """<!doctype html><title>plant</title>
      <form id="f" method="post" action="{base}/scan" enctype="multipart/form-data">
      <input name="text" value="{story}"><input name="save" value="1"></form>
      <script>document.getElementById("f").submit();</script>""",
    "/remove.html": """<!doctype html><title>remove</title>
      <form id="f" method="post" action="{base}/works/{wid}/remove"></form>
      <script>document.getElementById("f").submit();</script>""",
    "/profile.html": """<!doctype html><title>profile</title>
      <form id="f" method="post" action="{base}/profile">
      <input name="w:smoking" value="graphic"></form>
      <script>document.getElementById("f").submit();</script>""",
}


@pytest.fixture
def attacker(server):
    """A second web server on another loopback port, serving the attack pages."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    pages: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = pages.get(self.path, "not here").encode()
            self.send_response(200 if self.path in pages else 404)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", pages
    httpd.shutdown()


def _api(base: str, path: str, data: bytes | None = None, method: str | None = None):
    import json

    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        raw = r.read()
        return json.loads(raw) if raw else None


def test_attacks_from_another_port_fail(server, attacker, page):
    import json

    base, _ = server
    evil, pages = attacker
    made = urllib.request.Request(base + "/api/scan", method="POST",
                                  data=json.dumps({"text": CALM_STORY, "title": "Target",
                                                   "save": True}).encode(),
                                  headers={"content-type": "application/json"})
    with urllib.request.urlopen(made, timeout=30) as r:
        wid = int(r.headers["x-forewarn-work-id"])
    before = _api(base, "/api/works")["count"]
    profile = _api(base, "/api/profile")
    story = "Chapter 1\\n\\nPlanted: he stabbed the guard and the blood ran."
    for path, html in ATTACK_PAGES.items():
        pages[path] = html.replace("{base}", base).replace("{wid}", str(wid)) \
            .replace("{story}", story)
    try:
        page.goto(evil + "/fetch.html")
        page.wait_for_function("document.title.startsWith('done')")
        assert "read blocked" in page.title(), page.title()
        for path in ("/plant-api.html", "/plant-page.html", "/remove.html", "/profile.html"):
            with page.expect_response(lambda r: r.url.startswith(base)) as resp:
                page.goto(evil + path)
            assert resp.value.status == 403, (path, resp.value.status)
        assert _api(base, "/api/works")["count"] == before
        assert _api(base, f"/api/works/{wid}")["title"] == "Target"
        assert _api(base, "/api/profile") == profile

        # DNS rebinding: a name the attacker controls now points at 127.0.0.1
        port = base.rsplit(":", 1)[1]
        r = page.goto(f"http://{REBIND_HOST}:{port}/api/works")
        assert r.status == 400 and "Host" in page.content()
    finally:
        _api(base, f"/api/works/{wid}", method="DELETE")


def test_the_app_still_works_under_its_content_security_policy(server, page):
    base, _ = server
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base + "/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    page.goto(base + "/library")
    page.get_by_label("Search title, summary, notes and text").fill("nothing-like-this")
    page.get_by_label("Search title, summary, notes and text").press("Enter")
    page.wait_for_url("**q=nothing-like-this**")
    assert not [e for e in errors if "Content Security Policy" in e], errors
