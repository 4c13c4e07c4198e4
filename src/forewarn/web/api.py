"""The JSON API: scan, the library's works, the taxonomy, the reading profile."""
from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import UploadFile

from forewarn.errors import UnusableInput

router = APIRouter(prefix="/api", tags=["api"])

_SCAN_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {
                "type": "object", "required": ["text"],
                "properties": {"text": {"type": "string", "description": "The story text."},
                               "title": {"type": "string"},
                               "save": {"type": "boolean", "default": False,
                                        "description": "Also add it to the library."}}}},
            "multipart/form-data": {"schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary",
                                        "description": "A .txt, AO3 .html or .epub file."},
                               "text": {"type": "string"}, "title": {"type": "string"},
                               "save": {"type": "boolean"}}}},
            "text/plain": {"schema": {"type": "string"}},
        },
    }
}


def _settings(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.settings


def json_body(raw: bytes) -> Any:
    """A request body parsed as JSON; anything unreadable is :class:`UnusableInput` (400).

    Example:
        >>> json_body(b'{"a": 1}')
        {'a': 1}
        >>> json_body(b"[" * 100_000)
        Traceback (most recent call last):
        ...
        forewarn.errors.UnusableInput: request body is not valid JSON (nested too deeply)
    """
    try:
        return json.loads(raw)
    except RecursionError:
        raise UnusableInput("request body is not valid JSON (nested too deeply)") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise UnusableInput("request body is not valid JSON") from None


def _truthy(value: Any) -> bool:
    return value is True or str(value).strip().lower() in ("1", "true", "yes", "on")


async def read_story_request(request: Request) -> dict[str, Any]:
    """``{"text"|"data"+"filename", "title", "save"}`` from a JSON, multipart or text body."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        body = json_body(await request.body())
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            return {"invalid": "'text' is required and must be a string"}
        title = body.get("title")
        return {"text": body["text"], "title": title if isinstance(title, str) else None,
                "save": _truthy(body.get("save", False))}
    if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        max_bytes = _settings(request).max_bytes
        try:
            form = await request.form(max_part_size=max_bytes, max_files=1, max_fields=20)
        except Exception as exc:  # malformed multipart: say so, never crash
            raise UnusableInput(f"form could not be read ({exc})") from None
        upload = form.get("file")
        out: dict[str, Any] = {"title": _str(form.get("title")), "save": _truthy(form.get("save")),
                               "csrf": _str(form.get("csrf"))}
        if isinstance(upload, UploadFile) and upload.filename:
            out.update(data=await upload.read(), filename=upload.filename)
        else:
            out["text"] = _str(form.get("text"))
        return out
    if ctype in ("text/plain", ""):
        raw = await request.body()
        return {"data": raw, "filename": "text.txt", "title": None, "save": False}
    return {"unsupported": ctype}


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@router.post("/scan", openapi_extra=_SCAN_BODY, summary="Scan a story",
             responses={200: {"description": "The report JSON"},
                        400: {"description": "Unusable input"},
                        413: {"description": "Request too large"},
                        422: {"description": "Malformed request"}})
async def api_scan(request: Request) -> Response:
    """Scan story text (JSON ``{"text": …}``, plain text) or a file (multipart ``file``).

    Returns the report JSON. With ``save`` true the work is also added to the library:
    the answer is then 201 with ``Location: /api/works/{id}``.
    """
    got = await read_story_request(request)
    if "unsupported" in got:
        return JSONResponse({"error": f"unsupported content type {got['unsupported']!r}: send "
                                      f"JSON {{\"text\": …}}, a multipart file or plain text"},
                            status_code=415)
    if "invalid" in got:
        return JSONResponse({"error": got["invalid"]}, status_code=422)
    from forewarn.web.scanning import scan_input

    scanned = await run_in_threadpool(scan_input, got.get("text"), got.get("data"),
                                      got.get("filename"), got.get("title"))
    if not got.get("save"):
        return JSONResponse(scanned.report.to_dict())
    work_id = await run_in_threadpool(_store, _settings(request).db_path, scanned)
    return JSONResponse(scanned.report.to_dict(), status_code=201,
                        headers={"Location": f"/api/works/{work_id}",
                                 "X-Forewarn-Work-Id": str(work_id)})


def _store(db_path: str, scanned) -> int:  # type: ignore[no-untyped-def]
    from forewarn.library import Library

    with Library(db_path) as lib:
        return lib.add(scanned.report, text=scanned.work.story_text())[0]


@router.get("/works", summary="List or search the library")
def api_works(request: Request,
              q: str = Query("", description="Words to find in title, summary, notes, text"),
              exclude: list[str] = Query([], description="WARNING[:SEVERITY] to leave out"),
              include: list[str] = Query([], description="WARNING[:SEVERITY] to require"),
              rating: list[str] = Query([]), pov: list[str] = Query([]),
              max_words: int | None = Query(None, ge=0)) -> dict:
    """Works matching the same filters as ``forewarn library search``; an unknown rating or
    point of view is a 422 that lists the accepted values."""
    from forewarn.library import Filters, Library
    from forewarn.library.filters import POVS, RATINGS, check_choice

    try:
        check_choice(rating, RATINGS, "rating")
        check_choice(pov, POVS, "pov")
    except UnusableInput as exc:
        return JSONResponse({"error": str(exc)}, status_code=422)  # type: ignore[return-value]
    filters = Filters.parse(q, exclude=exclude, include=include, rating=rating, pov=pov,
                            max_words=max_words)
    with Library(_settings(request).db_path) as lib:
        works = lib.search(filters)
    return {"count": len(works), "works": [w.to_dict() for w in works]}


@router.get("/works/{work_id}", summary="One stored work with its report")
def api_work(request: Request, work_id: int) -> Response:
    """The stored report, plus the verdict for the reading profile when one is set."""
    from forewarn.library import Library
    from forewarn.profile import load_profile, verdict

    with Library(_settings(request).db_path) as lib:
        stored = lib.get(work_id)
    if stored is None:
        return JSONResponse({"error": f"no work with id {work_id}"}, status_code=404)
    profile = load_profile(_settings(request).profile_path)
    return JSONResponse({
        **stored.summary.to_dict(), "added_at": stored.added_at,
        "report": stored.report.to_dict(),
        "verdict": verdict(stored.report, profile).to_dict() if profile.avoid else None})


@router.delete("/works/{work_id}", status_code=204, summary="Remove a work")
def api_delete(request: Request, work_id: int) -> Response:
    """Remove a work from the library (404 when there is none)."""
    from forewarn.library import Library

    with Library(_settings(request).db_path) as lib:
        if not lib.remove(work_id):
            return JSONResponse({"error": f"no work with id {work_id}"}, status_code=404)
    return Response(status_code=204)


@router.get("/warnings", summary="The warning taxonomy")
def api_warnings() -> dict:
    """Every warning forewarn knows: id, name, definition, group, outside label maps."""
    from forewarn.taxonomy import load

    tax = load()
    return {"groups": dict(tax.groups), "warnings": [w.to_dict() for w in tax.warnings]}


@router.get("/profile", summary="The reading profile")
def api_profile(request: Request) -> dict:
    """``{"avoid": {warning id: minimum severity}}``."""
    from forewarn.profile import load_profile

    return load_profile(_settings(request).profile_path).to_dict()


@router.put("/profile", summary="Replace the reading profile")
async def api_set_profile(request: Request) -> Response:
    """Body ``{"avoid": {"grief": "mention", …}}`` or ``{"avoid": ["grief:mention", …]}``."""
    from forewarn.profile import Profile, save_profile

    body = json_body(await request.body())
    avoid = body.get("avoid") if isinstance(body, dict) else None
    if isinstance(avoid, dict) and all(isinstance(k, str) and isinstance(v, str)
                                       for k, v in avoid.items()):
        specs = [f"{k}:{v}" for k, v in avoid.items()]
    elif isinstance(avoid, list) and all(isinstance(s, str) for s in avoid):
        specs = list(avoid)
    else:
        return JSONResponse({"error": "'avoid' must map warning ids to severities"},
                            status_code=422)
    prof = Profile.parse(specs)
    await run_in_threadpool(save_profile, prof, _settings(request).profile_path)
    return JSONResponse(prof.to_dict())
