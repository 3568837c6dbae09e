"""Preview latency: from saving a lesson to the preview serving the changed page.

`microlearn serve` runs as a child process; each save rewrites one lesson file and the clock
stops when the served page shows the new text (the browser would reload at that moment, at
most one poll later).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.measure import ENV

STATUS = "__microlearn__/status"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait(condition: object, timeout: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if condition():  # type: ignore[operator]
            return time.perf_counter() - started
        time.sleep(0.02)
    raise SystemExit(f"preview did not update within {timeout:.0f} s")


def latencies(project: Path, module: str, lesson: str, saves: int = 3) -> dict[str, list[float]]:
    """Seconds from save to served page, for `saves` text edits and `saves` title edits."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "-q", "serve", "-C", str(project), "-p", str(port)],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(
            lambda: json.loads(_get(base + STATUS) or '{"generation": 0}')["generation"] > 0, 1800
        )
        source = project / "content" / module / f"{lesson}.yaml"
        page = f"{base}{module}/{lesson}.html"
        original = source.read_text(encoding="utf-8")
        results: dict[str, list[float]] = {"text": [], "title": []}
        for n in range(saves):
            for kind in results:
                marker = f"Edited{kind.capitalize()}{n}"
                if kind == "title":
                    text = original.replace("\ntitle: ", f"\ntitle: {marker} ", 1)
                else:
                    text = original.replace("\nintro: |\n", f"\nintro: |\n  {marker}.\n", 1)
                assert text != original, f"cannot edit {source}"
                source.write_text(text, encoding="utf-8")
                results[kind].append(_wait(lambda m=marker: m in _get(page), 600))  # type: ignore[misc]
        source.write_text(original, encoding="utf-8")
        return results
    finally:
        proc.terminate()
        proc.wait(timeout=30)
