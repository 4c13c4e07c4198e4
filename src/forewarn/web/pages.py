"""The HTML pages: scan, report, library, work, profile. Plain forms; htmx only speeds them up."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from forewarn.errors import UnusableInput
from forewarn.report import SEVERITIES, Report
from forewarn.web.guard import check_form_token

router = APIRouter(include_in_schema=False)


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context,
                                                        status_code=status)


def _settings(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.settings


def _bad_token(request: Request) -> Response:
    """403 for a form post without this session's token (another site, or an old page)."""
    return _render(request, "error.html", {
        "status": 403, "message": "This form did not come from this forewarn page (or the "
                                  "page is from an earlier session): reload it and try again."},
        status=403)


def report_context(request: Request, report: Report) -> dict[str, Any]:
    """Everything report.html needs for one report."""
    from forewarn.profile import load_profile, verdict
    from forewarn.web import views

    profile = load_profile(_settings(request).profile_path)
    chapters, rows = views.chapter_map(report)
    return {
        "report": report, "groups": views.grouped_findings(report),
        "map_chapters": chapters, "map_rows": rows, "declared": views.declared_view(report),
        "facts": views.story_facts(report), "notes": views.summary_notes(report),
        "profile": profile, "verdict": verdict(report, profile) if profile.avoid else None,
        "answers": views.answers_view(report, list(profile.avoid)),
        "evidence_page": views.EVIDENCE_PAGE,
    }


@router.get("/")
def index(request: Request) -> Response:
    return _render(request, "index.html", {"error": None, "text": ""})


@router.post("/scan")
async def scan_page(request: Request) -> Response:
    from forewarn.web.api import read_story_request
    from forewarn.web.api import _store
    from forewarn.web.scanning import scan_input

    got = await read_story_request(request)
    if not check_form_token(request, got.get("csrf")):
        return _bad_token(request)
    try:
        if "unsupported" in got or "invalid" in got:
            raise UnusableInput("send the form from the scan page")
        scanned = await run_in_threadpool(scan_input, got.get("text"), got.get("data"),
                                          got.get("filename"), got.get("title"))
    except UnusableInput as exc:
        return _render(request, "index.html", {"error": str(exc), "text": got.get("text") or ""},
                       status=400)
    if got.get("save"):
        work_id = await run_in_threadpool(_store, _settings(request).db_path, scanned)
        return RedirectResponse(f"/works/{work_id}", status_code=303)
    ctx = report_context(request, scanned.report)
    return _render(request, "report.html", {**ctx, "work_id": None, "stored": None})


@router.get("/works/{work_id}")
def work_page(request: Request, work_id: int) -> Response:
    from forewarn.library import Library

    with Library(_settings(request).db_path) as lib:
        stored = lib.get(work_id)
    if stored is None:
        return _render(request, "error.html",
                       {"status": 404, "message": f"No work with id {work_id} in your library."},
                       status=404)
    ctx = report_context(request, stored.report)
    return _render(request, "report.html", {**ctx, "work_id": work_id, "stored": stored})


@router.post("/works/{work_id}/remove")
async def remove_page(request: Request, work_id: int) -> Response:
    from forewarn.library import Library

    form = await request.form(max_fields=20)
    if not check_form_token(request, form.get("csrf")):
        return _bad_token(request)

    def remove() -> None:
        with Library(_settings(request).db_path) as lib:
            lib.remove(work_id)

    await run_in_threadpool(remove)
    return RedirectResponse("/library", status_code=303)


@router.get("/library")
def library_page(request: Request) -> Response:
    from forewarn.library import Filters, Library
    from forewarn.library.filters import warning_name
    from forewarn.profile import load_profile

    qp = request.query_params
    exclude = qp.getlist("exclude")
    include = qp.getlist("include")
    ex_sev, in_sev = _severity_param(qp, "exclude_severity"), _severity_param(qp, "include_severity")
    use_profile = qp.get("avoid_profile") == "1"
    profile = load_profile(_settings(request).profile_path)
    error = None
    with Library(_settings(request).db_path) as lib:
        try:
            filters = Filters.parse(qp.get("q", ""), exclude=_with_severity(exclude, ex_sev),
                                    include=_with_severity(include, in_sev),
                                    rating=[r for r in qp.getlist("rating") if r],
                                    pov=[p for p in qp.getlist("pov") if p],
                                    max_words=qp.get("max_words") or None)
            if use_profile:
                for wid, sev in profile.avoid.items():
                    filters.exclude.setdefault(wid, sev)
            works = lib.search(filters)
        except UnusableInput as exc:
            error, works = str(exc), []
        known = lib.warning_ids()
        ratings, povs, total = lib.facet("rating"), lib.facet("pov"), lib.count()
    return _render(request, "library.html", {
        "works": works, "total": total, "error": error, "q": qp.get("q", ""),
        "exclude": set(exclude), "include": set(include), "avoid_profile": use_profile,
        "profile": profile, "warnings": [(w, warning_name(w)) for w in known],
        "ratings": ratings, "povs": povs, "rating": qp.get("rating", ""),
        "pov": qp.get("pov", ""), "max_words": qp.get("max_words", ""),
        "name": warning_name, "exclude_severity": ex_sev, "include_severity": in_sev,
    }, status=400 if error else 200)


def _severity_param(qp, name: str) -> str:  # type: ignore[no-untyped-def]
    """A severity from the query string (``mention``, the default, when absent or unknown)."""
    value = (qp.get(name) or "").strip().lower()
    return value if value in SEVERITIES else SEVERITIES[0]


def _with_severity(ids: list[str], severity: str) -> list[str]:
    """``["grief"]`` → ``["grief:depicted"]``; a spec that names its own severity keeps it."""
    return [i if ":" in i else f"{i}:{severity}" for i in ids]


@router.get("/profile")
def profile_page(request: Request) -> Response:
    from forewarn.profile import load_profile

    return _render(request, "profile.html", _profile_ctx(
        load_profile(_settings(request).profile_path), saved=request.query_params.get("saved"),
        back=_safe_back(request.query_params.get("back"))))


@router.post("/profile")
async def save_profile_page(request: Request) -> Response:
    from forewarn.profile import Profile, save_profile

    form = await request.form(max_fields=1000)
    if not check_form_token(request, form.get("csrf")):
        return _bad_token(request)
    specs = [f"{key[2:]}:{value}" for key, value in form.multi_items()
             if key.startswith("w:") and isinstance(value, str) and value in SEVERITIES]
    extra = form.get("extra")
    if isinstance(extra, str) and extra.strip():
        specs += extra.split()
    try:
        prof = Profile.parse(specs)
    except UnusableInput as exc:
        return _render(request, "profile.html",
                       {**_profile_ctx(Profile(), None, None), "error": str(exc)}, status=400)
    await run_in_threadpool(save_profile, prof, _settings(request).profile_path)
    back = _safe_back(form.get("back") if isinstance(form.get("back"), str) else None)
    if back:
        return RedirectResponse(back, status_code=303)
    return RedirectResponse("/profile?" + urlencode({"saved": len(prof.avoid)}), status_code=303)


def _safe_back(back: str | None) -> str | None:
    """Only same-site paths (``/works/3``), never another site."""
    if back and back.startswith("/") and not back.startswith("//") and "\\" not in back:
        return back
    return None


def _profile_ctx(profile, saved, back) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    groups: list[tuple[str, list[Any]]] = []
    try:
        from forewarn.taxonomy import load

        tax = load()
        by_group: dict[str, list[Any]] = {}
        for w in tax.warnings:
            by_group.setdefault(w.group, []).append(w)
        groups = [(tax.group_name(g), ws) for g, ws in by_group.items()]
    except Exception:
        pass
    return {"profile": profile, "groups": groups, "saved": saved, "back": back, "error": None,
            "severities": SEVERITIES}
