"""Interactive API docs at ``/docs``, served offline: Swagger UI's files come from the installed
``swagger-ui-bundle-v2`` package (no CDN), and the page starts it with a script of this app, since the
security policy runs no inline script."""

from __future__ import annotations

from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse, Response

ASSETS = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css",
          "favicon-32x32.png": "image/png"}
START = """window.addEventListener("load", () => {
  window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
                               presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"});
});
"""
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>wirewatch API</title>
<meta name="viewport" content="width=device-width"><link rel="icon" href="/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/start.js"></script></body></html>"""


def add_docs(app: FastAPI) -> None:
    from swagger_ui_bundle import swagger_ui_path

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> str:
        return PAGE

    @app.get("/docs/start.js", include_in_schema=False)
    def start() -> Response:
        return Response(START, media_type="text/javascript")

    @app.get("/docs/assets/{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        if name not in ASSETS:  # a fixed list: no request names a file
            raise HTTPException(404, "no such file")
        return Response((swagger_ui_path / name).read_bytes(), media_type=ASSETS[name],
                        headers={"cache-control": "max-age=86400"})
