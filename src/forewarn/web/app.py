"""The FastAPI app factory: HTML pages, the JSON API, static files, limits and errors.

Example:
    >>> from fastapi.testclient import TestClient   # doctest: +SKIP
    >>> client = TestClient(create_app(db_path=":memory:"))  # doctest: +SKIP
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from forewarn._version import __version__
from forewarn.errors import ForewarnError
from forewarn.web.guard import RequestGuard, request_token, trusted_hosts
from forewarn.web.limits import BodySizeLimit

HERE = Path(__file__).resolve().parent


@dataclass
class Settings:
    """Where the app keeps its data, and its limits."""

    db_path: str
    profile_path: str
    max_bytes: int


def create_app(db_path: str | os.PathLike[str] | None = None, max_upload_mb: float = 20,
               profile_path: str | os.PathLike[str] | None = None,
               hosts: Iterable[str] = ()) -> FastAPI:
    """Build the app. ``db_path``/``profile_path`` default like the CLI's (env, then user dirs).

    Only requests addressed to a loopback name or one of ``hosts`` are answered, and writes
    only from the app's own pages or from clients that are not browsers
    (:mod:`forewarn.web.guard`).

    Requests larger than ``max_upload_mb`` get 413 with ``{"error": …}``; unusable input
    gets 400 (422 for a malformed request), always with an ``error`` message.
    """
    from forewarn.library import default_db_path
    from forewarn.profile import default_profile_path

    settings = Settings(
        db_path=str(db_path) if db_path is not None else str(default_db_path()),
        profile_path=str(profile_path) if profile_path is not None else str(default_profile_path()),
        max_bytes=int(max_upload_mb * 1024 * 1024))
    app = FastAPI(title="forewarn", version=__version__, docs_url=None, redoc_url=None,
                  description="Content warnings (with severity and evidence), declared vs "
                              "found, and story facts, for stories; plus your library.")
    app.state.settings = settings
    app.state.form_secret = secrets.token_bytes(32)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = __version__
    from forewarn.profile import chapter_ranges

    templates.env.globals["chapters"] = chapter_ranges
    from forewarn.render.ranges import plural

    templates.env.globals["plural"] = plural
    templates.env.globals["csrf_token"] = request_token
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _offline_docs(app)

    from forewarn.web.api import router as api_router
    from forewarn.web.pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)
    _error_handlers(app)
    # outermost: a too-big request is refused before anything reads it
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_bytes)
    # outermost of all: requests from other sites or for other host names never get in
    app.add_middleware(RequestGuard, hosts=trusted_hosts(hosts))
    return app


_DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>forewarn API</title>
<link rel="stylesheet" href="/static/swagger/swagger-ui.css">
<link rel="icon" href="/static/swagger/favicon.png"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/swagger/init.js"></script></body></html>
"""


def _offline_docs(app: FastAPI) -> None:
    """Interactive API docs at /docs from the vendored Swagger UI: no CDN, works offline,
    no inline script (the Content-Security-Policy forbids it; ``init.js`` starts it)."""

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(_DOCS_PAGE)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or \
        "text/html" not in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str,
                   extra: dict | None = None) -> Response:
    """A JSON ``{"error": message}`` for the API, an HTML page for a browser."""
    if _wants_json(request):
        return JSONResponse({"error": message, **(extra or {})}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html",
                                      {"status": status, "message": message},
                                      status_code=status)


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ForewarnError)
    async def _unusable(request: Request, exc: ForewarnError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
            parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else
                         str(err.get("msg", "invalid")))
        return error_response(request, 422, "invalid request: " + "; ".join(parts),
                              {"detail": _plain(exc.errors())})

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        resp = error_response(request, exc.status_code, str(exc.detail))
        for k, v in (exc.headers or {}).items():
            resp.headers[k] = v
        return resp

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:  # never a bare 500 page
        return JSONResponse({"error": f"internal error ({type(exc).__name__}); "
                                      f"the input was not stored"}, status_code=500)


def _plain(errors: object) -> object:
    """Validation errors made JSON-safe (pydantic may put exceptions in ``ctx``)."""
    import json

    return json.loads(json.dumps(errors, default=str))
