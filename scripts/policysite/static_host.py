"""Serve a built site on 127.0.0.1 as a static host would: for the browser tests and the benchmark."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve files quietly, and for a missing address the nearest 404 page above it (en/404.html for en/...),
    as Cloudflare Pages does and the README's nginx settings do."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _page_404(self) -> Path:
        root = Path(self.directory)
        folder = root.joinpath(*[part for part in urlsplit(self.path).path.split("/")[:-1] if part not in ("", "..")])
        while folder != root and not (folder / "404.html").exists():
            folder = folder.parent
        return folder / "404.html"

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._page_404()
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) while the block runs; yield its base URL."""
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
