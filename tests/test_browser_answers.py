"""In headless Chromium: the reader's warnings answered one by one, the chapter map agreeing
with the cards, evidence paging, the AO3 tag copy button, and a 390 px phone where no page
overflows sideways.

Uses the server and browser fixtures of ``test_browser.py`` (skipped the same way without
chromium or Playwright). ``FOREWARN_SCREENSHOTS=docs`` saves the report at desktop and phone
width as ``docs/report-desktop.png`` and ``docs/report-phone.png``.
"""
from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path

import pytest

from tests.test_browser import browser, server, upload  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _smoky_story(chapters: int) -> str:
    parts = ["The Long Road Home\n"]
    for i in range(1, chapters + 1):
        parts.append(f"Chapter {i}\n")
        parts.append(f"Mara lit a cigarette on the porch and smoked it slowly, day {i}.\n")
        parts.append("The rain fell on the fields and the dog slept by the stove.\n")
        if i % 2:
            parts.append("She smoked another cigarette and flicked the ash into the mud.\n")
    return "\n".join(parts)


@pytest.fixture(scope="module")
def work_url(server, browser):  # noqa: F811
    base, tmp = server
    path = tmp / "road.txt"
    path.write_text(_smoky_story(27), encoding="utf-8")
    req = urllib.request.Request(base + "/api/profile", method="PUT",
                                 data=json.dumps({"avoid": {"smoking": "mention",
                                                            "suicide": "mention"}}).encode(),
                                 headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=10)
    ctx = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = ctx.new_page()
    upload(pg, base, path)
    url = pg.url
    ctx.close()
    return url


def _page(browser, viewport, **kw):  # noqa: F811
    ctx = browser.new_context(viewport=viewport, **kw)
    pg = ctx.new_page()
    pg.set_default_timeout(15000)
    return ctx, pg


def test_the_profiles_warnings_are_answered_one_by_one(browser, work_url):  # noqa: F811
    ctx, pg = _page(browser, {"width": 1100, "height": 900})
    pg.goto(work_url)
    answers = pg.locator("#answers li.answer")
    assert answers.count() == 2
    first, second = answers.nth(0), answers.nth(1)
    assert first.get_attribute("data-id") == "smoking"
    assert first.get_attribute("data-status") == "found"
    assert "Does someone smoke?" in first.inner_text() and "Yes" in first.inner_text()
    assert second.get_attribute("data-status") == "not-found"
    assert "checked, not found" in second.inner_text()
    assert "Other warnings, checked and not found:" in \
        pg.locator("#answers").inner_text()
    ctx.close()


def test_map_and_card_show_the_same_severity(browser, work_url):  # noqa: F811
    ctx, pg = _page(browser, {"width": 1100, "height": 900})
    pg.goto(work_url)
    rows = pg.locator("table.map tbody tr")
    assert rows.count() >= 1
    for i in range(rows.count()):
        row = rows.nth(i)
        wid = row.get_attribute("data-id")
        card = pg.locator(f"#w-{wid}").get_attribute("data-severity")
        cells = {c.get_attribute("data-severity") for c in row.locator("td[data-severity]").all()}
        assert cells == {card}, (wid, card, cells)
    ctx.close()


def test_evidence_pages(browser, work_url):  # noqa: F811
    ctx, pg = _page(browser, {"width": 1100, "height": 900})
    pg.goto(work_url)
    box = pg.locator("#w-smoking details.evidence")
    box.locator("summary").click()
    passages = box.locator("li.passage")
    assert passages.count() >= 3
    visible = lambda: [p.is_visible() for p in passages.all()]  # noqa: E731
    assert visible()[:2] == [True, True] and not any(visible()[2:])
    assert "Page 1 of" in box.locator(".page-no").inner_text()
    box.get_by_role("button", name="Next").click()
    assert not any(visible()[:2]) and visible()[2]
    assert "Page 2 of" in box.locator(".page-no").inner_text()
    box.get_by_role("button", name="Previous").click()
    assert visible()[0]
    assert "% into chapter" in passages.first.inner_text()
    ctx.close()


def test_copy_button_copies_the_tag(browser, work_url):  # noqa: F811
    ctx, pg = _page(browser, {"width": 1100, "height": 900})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    pg.goto(work_url)
    tags = pg.locator("#ao3-tags .ao3-tag").all_inner_texts()
    assert "No Archive Warnings Apply" in tags and "Smoking" in tags
    assert len(tags) == len(set(tags))
    pg.get_by_role("button", name="Copy Smoking").click()
    pg.wait_for_function("document.querySelector('button[aria-label=\"Copy Smoking\"]')"
                         ".textContent === 'Copied'")
    assert pg.evaluate("navigator.clipboard.readText()") == "Smoking"
    ctx.close()


@pytest.mark.parametrize("path", ["work", "/library", "/profile"])
def test_nothing_overflows_a_390px_phone(server, browser, work_url, path):  # noqa: F811
    base, _ = server
    ctx, pg = _page(browser, PHONE, is_mobile=True, device_scale_factor=2)
    pg.goto(work_url if path == "work" else base + path)
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path}: document is {width} px wide"
    if path == "work":  # the 27-chapter map scrolls inside its box, with a cue
        wrap = pg.locator(".map-wrap")
        assert pg.evaluate("e => e.scrollWidth > e.clientWidth", wrap.element_handle())
        assert pg.locator(".scroll-cue").is_visible()
    if path == "/library":
        assert pg.locator("table.works tbody tr").first.evaluate(
            "e => getComputedStyle(e).display") == "block"  # a card, not a table row
    ctx.close()


def test_screenshots(browser, work_url):  # noqa: F811
    out = os.environ.get("FOREWARN_SCREENSHOTS")
    if not out:
        pytest.skip("set FOREWARN_SCREENSHOTS=docs to save the report screenshots")
    for name, viewport in (("desktop", {"width": 1100, "height": 900}), ("phone", PHONE)):
        ctx, pg = _page(browser, viewport, is_mobile=name == "phone")
        pg.goto(work_url)
        pg.locator("#w-smoking details.evidence summary").click()
        pg.screenshot(path=str(Path(out) / f"report-{name}.png"), full_page=True)
        ctx.close()


def test_library_filters_live_in_the_url_with_severity_and_a_picker(server, browser, work_url):  # noqa: F811
    base, _ = server
    ctx, pg = _page(browser, {"width": 1100, "height": 900})
    pg.goto(base + "/library")
    pg.locator("details.picker summary").first.click()
    pg.get_by_label("Find a warning").first.fill("smok")
    visible = pg.locator("#pick-exclude [data-name]:visible")
    assert visible.count() == 1 and "Smoking" in visible.inner_text()
    pg.get_by_label("From severity").first.select_option("graphic")
    pg.get_by_label("Smoking").first.check()
    pg.wait_for_url("**exclude=smoking**")
    assert "exclude_severity=graphic" in pg.url
    assert pg.locator("table.works tbody tr").count() == 1  # smoking is only depicted here
    pg.goto(base + "/library?exclude=smoking&exclude_severity=mention")
    assert pg.locator("table.works tbody tr").count() == 0
    assert pg.get_by_label("Smoking").first.is_checked()  # the page reads the filters back
    ctx.close()


def test_remove_asks_for_confirmation(browser, work_url):  # noqa: F811
    ctx, pg = _page(browser, {"width": 1100, "height": 900})
    pg.goto(work_url)
    asked: list[str] = []
    pg.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    pg.get_by_role("button", name="Remove from library").click()
    assert asked and "Remove" in asked[0]
    assert pg.url == work_url  # dismissed: still there
    ctx.close()
