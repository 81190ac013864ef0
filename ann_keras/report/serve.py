"""Serving a results folder on 127.0.0.1, for remote machines and notebooks (standard library only)."""

from __future__ import annotations

import errno
import functools
import html
import http.server
import io
import os
import urllib.parse
from pathlib import Path

from ann_keras.errors import UserError

HOST = "127.0.0.1"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from the results folder, without a log line per request; the folder's own hidden
    folders (.locks/, .staging/) are neither listed nor served."""

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass

    def send_head(self):
        parts = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path).split("/")
        if any(part.startswith(".") for part in parts if part):
            self.send_error(404, "not served")
            return None
        return super().send_head()

    def list_directory(self, path):
        """A plain list of the folder's files, hidden ones left out."""
        try:
            names = sorted(name for name in os.listdir(path) if not name.startswith("."))
        except OSError:
            self.send_error(404, "no such folder")
            return None
        links = "".join(
            f'<li><a href="{urllib.parse.quote(name)}{"/" if os.path.isdir(os.path.join(path, name)) else ""}'
            f'">{html.escape(name)}</a></li>'
            for name in names
        )
        body = f"<!DOCTYPE html><meta charset='utf-8'><ul>{links}</ul>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(results_dir: Path, port: int = 8000) -> http.server.ThreadingHTTPServer:
    """A server for `results_dir` on 127.0.0.1:`port` (0: any free port); call `serve_forever()` on it.

    Only the loopback address is bound: reach it from elsewhere through an SSH
    tunnel (`ssh -L 8000:127.0.0.1:8000 host`) or a notebook's proxy.
    """
    handler = functools.partial(QuietHandler, directory=str(Path(results_dir).resolve()))
    try:
        return http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UserError(
                f"port {port} on {HOST} is in use; pass --port with another number (0 picks a free one)"
            ) from None
        raise


def url(server: http.server.ThreadingHTTPServer, page: str = "index.html") -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/{page}"
