"""Run the app with uvicorn on a free loopback port in a background thread.

For browser tests, screenshots and load benchmarks: they need a real HTTP server (a browser
cannot talk to an in-process ASGI client), but should not need a second process to manage.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from cablegram.web.app import create_app


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(db: Path, *, host: str = "127.0.0.1", port: int | None = None,
            timeout: float = 30.0) -> Iterator[str]:
    """Yield the base URL (``http://127.0.0.1:PORT``) while the archive at ``db`` is served."""
    port = port or free_port(host)
    config = uvicorn.Config(create_app(db), host=host, port=port, log_level="warning",
                            server_header=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="cablegram-liveserver", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start on {host}:{port}")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
