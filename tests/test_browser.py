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
