"""Serving a results folder on 127.0.0.1, for remote machines and notebooks (standard library only)."""

from __future__ import annotations

import errno
import functools
import http.server
from pathlib import Path

from ann_keras.errors import UserError

HOST = "127.0.0.1"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from the results folder, without a log line per request."""

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


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
