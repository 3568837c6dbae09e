"""A small LMS for browser tests: scorm-again's SCORM 1.2 runtime on 127.0.0.1.

The LMS page hosts `Scorm12API` (strict errors, synchronous commits, no mastery override)
in the top window and the package's launch page in a frame. Every commit is posted to this
server, which records the committed CMI data. Between launches the test plays the LMS's
part the way Moodle does: a session that ended with `cmi.core.exit = suspend` is resumed
(entry `resume`, with its suspend_data and lesson_location); any other ending starts a new
attempt (entry `ab-initio`, nothing carried over).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import threading
import time
import urllib.parse
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from playwright.sync_api import FrameLocator, Page

from tests.conftest import ROOT

SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist"

LMS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm-again.js"></script>
<script>
var start = JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}");
window.API = new Scorm12API({
  lmsCommitUrl: "/commit", dataCommitFormat: "flattened", strict_errors: true,
  autocommit: false, mastery_override: false, logLevel: 5
});
window.API.loadFromJSON(start);
</script></head><body><iframe id="sco" title="course" src="package/scorm.html"
style="width:100%;height:900px"></iframe></body></html>"""

Cmi = dict[str, Any]


@contextlib.contextmanager
def local_server(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve `handler` on 127.0.0.1 in a thread; gives the server's address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Learner:
    """One LMS user: what the LMS kept of their last session."""

    id: str
    record: Cmi = field(default_factory=dict)

    def next_launch(self) -> Cmi:
        """What the LMS hands the package: a resumed attempt or a new one."""
        core = {"student_id": self.id, "student_name": f"Learner, {self.id}", "entry": "ab-initio"}
        start: Cmi = {"core": core}
        if self.record.get("cmi.core.exit") == "suspend":
            core["entry"] = "resume"
            core["lesson_location"] = self.record.get("cmi.core.lesson_location", "")
            start["suspend_data"] = self.record.get("cmi.suspend_data", "")
        return start


class ScormLMS:
    """The LMS server: serves the package and the LMS page, records every commit."""

    def __init__(
        self,
        package: zipfile.ZipFile,
        root: Path,
        *,
        runtime: str = "scorm12.js",
        lms_page: str = LMS_PAGE,
    ) -> None:
        if not (SCORM_AGAIN / runtime).is_file():
            raise RuntimeError(
                f"scorm-again is not installed ({SCORM_AGAIN}): run `npm ci` (make test does)"
            )
        package.extractall(root / "package")
        shutil.copy(SCORM_AGAIN / runtime, root / "scorm-again.js")
        (root / "lms.html").write_text(lms_page, encoding="utf-8")
        self.root = root
        self.commits: list[Cmi] = []
        self.errors: list[Any] = []  # LMS errors the page reported (POST /error)
        self.refuse = False  # answer commits with an LMS error
        self._lock = threading.Lock()
        self.url = ""

    def serve(self) -> Iterator[Self]:
        with local_server(functools.partial(_Handler, self, directory=str(self.root))) as url:
            self.url = url
            yield self

    def record(self, data: Cmi) -> None:
        with self._lock:
            self.commits.append(data)

    def last(self) -> Cmi:
        with self._lock:
            return dict(self.commits[-1]) if self.commits else {}

    def wait_for(self, check: Callable[[Cmi], bool], timeout: float = 10.0) -> Cmi:
        """The first recorded commit, from now on, for which `check` holds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            data = self.last()
            if data and check(data):
                return data
            time.sleep(0.05)
        raise AssertionError(f"no commit matched within {timeout} s; last: {self.last()}")

    def launch(self, page: Page, learner: Learner) -> FrameLocator:
        """Open the package for `learner` and give the course frame."""
        with self._lock:
            self.commits.clear()
        start = urllib.parse.quote(json.dumps(learner.next_launch()))
        page.goto(f"{self.url}/lms.html#{start}")
        return page.frame_locator("#sco").frame_locator("#ml-course")

    def leave(self, page: Page, learner: Learner) -> Cmi:
        """Close the course window; the LMS keeps the last committed data."""
        page.goto("about:blank")
        time.sleep(0.2)  # a commit sent while the page unloads may still arrive
        learner.record = self.last()
        return learner.record


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, lms: ScormLMS, *args: Any, **kwargs: Any) -> None:
        self.lms = lms
        super().__init__(*args, **kwargs)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.startswith("/error"):
            self.lms.errors.append(json.loads(body or b"null"))
        if self.path.startswith("/commit"):
            try:
                data = json.loads(body or b"{}")
            except ValueError:
                data = {}
            if isinstance(data, dict) and not self.lms.refuse:
                self.lms.record(data)
        answer = {"result": False, "errorCode": 101} if self.lms.refuse else {"result": True}
        payload = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def end_headers(self) -> None:
        if self.command == "GET":  # the package does not change: no revalidation per page
            self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass
