"""Shared helpers of the real-browser widget tests: start a local server and wait for it."""

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(cmd: list[str], ready_url: str, log: Path, env: dict | None = None):
    """Run ``cmd`` (a server) until the block ends; wait until ``ready_url`` answers (any
    HTTP status counts: the server is up). A server that dies is reported with its log."""
    proc = subprocess.Popen(cmd, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env)
    try:
        for _ in range(480):
            try:
                urllib.request.urlopen(ready_url, timeout=1)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                assert proc.poll() is None, log.read_text()
                time.sleep(0.25)
        yield proc
    finally:
        proc.terminate()
        proc.wait(20)
