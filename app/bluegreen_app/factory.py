"""Builds the Flask application."""

from __future__ import annotations

import logging
import time
from typing import Mapping, Optional

from flask import Flask, Response, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from .settings import Settings

#: Liveness probe: the process is up and serving requests. Never depends on anything else.
LIVENESS_PATH = "/healthz"
#: Readiness probe: the app has loaded and may receive traffic.
READINESS_PATH = "/readyz"
#: Probe paths are logged at DEBUG only, so that the kubelet's polling does not drown real traffic.
PROBE_PATHS = frozenset({LIVENESS_PATH, READINESS_PATH})

_log = logging.getLogger("bluegreen_app.requests")


def create_app(settings: Optional[Settings] = None, environ: Optional[Mapping[str, str]] = None) -> Flask:
    """Returns the app, configured from `settings` (else from `environ`, else from the process environment)."""
    settings = settings or Settings.from_environ(environ)
    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    app.json.sort_keys = False

    @app.get("/")
    def index() -> str:
        return render_template("index.html", settings=settings)

    @app.get("/version")
    def version() -> Response:
        return jsonify(settings.as_json())

    @app.get(LIVENESS_PATH)
    def healthz() -> Response:
        return jsonify(status="ok")

    @app.get(READINESS_PATH)
    def readyz() -> Response:
        return jsonify(status="ready", version=settings.version)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[Response, int]:
        response = jsonify(error={"status": error.code, "message": error.description})
        if error.code == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response, error.code or 500

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[Response, int]:
        _log.exception("unhandled error", extra={"method": request.method, "path": request.path})
        return jsonify(error={"status": 500, "message": "internal error; see the app's log"}), 500

    @app.before_request
    def start_timer() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def finish(response: Response) -> Response:
        # Every answer is about this one pod at this moment: never cache it, so a browser shows the switch.
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-App-Version"] = settings.version
        started = g.get("started")
        level = logging.DEBUG if request.path in PROBE_PATHS else logging.INFO
        _log.log(
            level,
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "durationMs": round((time.perf_counter() - started) * 1000, 3) if started is not None else None,
                "version": settings.version,
            },
        )
        return response

    return app
