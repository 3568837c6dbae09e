"""`microlearn serve`: a live preview that rebuilds on save and reloads the browser.

The preview is built into `.microlearn/preview` and served from 127.0.0.1 unless `--host`
says otherwise. Without `--handouts` a save redoes only what it changed (`preview.py`: the
changed files are parsed, the pages that show them rendered and rebuilt by a live engine
session) and skips PDFs and the LMS package; with `--handouts` every save is a full build.
Every HTML page gets a small script, added on the way out and never written to disk, that
waits on `/__microlearn__/status` (the request returns as soon as the state changes) and
reloads when a new build is ready. An invalid save prints its problems in the terminal (and
in a banner on the page) while the last good site stays up.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import webbrowser
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.build import SCRATCH, build
from generator.config import CONFIG_FILE
from generator.errors import ContentError, MicrolearnError
from generator.preview import PreviewPipeline

log = logging.getLogger(__name__)
STATUS = "/__microlearn__/status"
DEBOUNCE = 0.1  # seconds: editors often write a file in several steps
LONG_POLL = 20  # seconds a status request may wait for a change
HOST = "127.0.0.1"
RELOAD_JS = """<script>(function () {
  var seen = null, banner = null;
  function show(errors) {
    if (!errors.length) { if (banner) { banner.remove(); banner = null; } return; }
    if (!banner) {
      banner = document.createElement("pre");
      banner.setAttribute("role", "alert");
      banner.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:9999;margin:0;" +
        "padding:1em;max-height:40vh;overflow:auto;background:#b00020;color:#fff;" +
        "font:13px/1.4 monospace;white-space:pre-wrap";
      document.body.appendChild(banner);
    }
    banner.textContent = "Not rebuilt, showing the last good version:\\n" + errors.join("\\n");
  }
  var version = -1;
  function tick() {
    fetch("STATUS_URL?wait=" + version, {cache: "no-store"}).then(function (r) {
      return r.json();
    }).then(function (s) {
      if (seen === null) { seen = s.generation; }
      else if (s.generation !== seen) { location.reload(); return; }
      version = s.version;
      show(s.errors);
      setTimeout(tick, 0);
    }).catch(function () { setTimeout(tick, 2000); });
  }
  tick();
})();</script>""".replace("STATUS_URL", STATUS)
WAITING_PAGE = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>Waiting for a good "
    "build</title><body><p>The course has errors, so there is nothing to show yet. "
    "Fix them and save; this page reloads by itself.</p></body></html>"
)


class Preview:
    """The rebuild loop: what was last built, and the problems of the last attempt."""

    def __init__(self, project: Path, *, handouts: bool = False) -> None:
        self.project = project.resolve()
        self.site = self.project / SCRATCH / "preview"
        self.handouts = handouts
        self.pipeline = PreviewPipeline(
            self.project, self.site, self.project / SCRATCH / "preview-src"
        )
        self.generation = 0  # bumps on every successful build; the browser reloads on change
        self.version = 0  # bumps on every change of generation or errors
        self.errors: list[str] = []
        self._changed = threading.Condition()
        self._wanted = threading.Event()
        self._stop = threading.Event()

    def rebuild(self) -> bool:
        """Build once; on failure keep the last good site and remember the problems."""
        started = time.perf_counter()
        try:
            if self.handouts:  # PDFs need the full pipeline
                warnings = build(self.project, site_dir=self.site, handouts=True).warnings
                what = "everything"
            else:
                update = self.pipeline.run()
                warnings = update.warnings
                what = "all pages" if update.full else f"{update.pages} page(s)"
        except ContentError as exc:
            shown = [p.format() for p in exc.problems if p.severity != "info"]
            self._failed([*shown, f"Build stopped: {exc}."])
            return False
        except MicrolearnError as exc:
            self._failed([f"error: {exc}"])
            return False
        except Exception as exc:  # a bug: say so loudly, but keep the preview running
            log.exception("preview build crashed")
            self._failed([f"internal error: {type(exc).__name__}: {exc}"])
            return False
        self._publish([], new_build=True)
        log.info("rebuilt %s in %.2f s", what, time.perf_counter() - started)
        if not self.handouts:
            warnings += self.pipeline.lint()  # after the reload: lint never delays a page
        for problem in warnings:  # information notes only with -v
            (log.warning if problem.severity == "warning" else log.debug)("%s", problem.format())
        return True

    def _publish(self, errors: list[str], *, new_build: bool = False) -> None:
        with self._changed:
            self.errors = errors
            self.generation += new_build
            self.version += 1
            self._changed.notify_all()

    def wait(self, version: int, timeout: float = LONG_POLL) -> None:
        """Return when the state is newer than `version` (or after `timeout` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != version or self._stop.is_set(), timeout)

    def _failed(self, lines: list[str]) -> None:
        self._publish(lines)
        for line in lines:
            log.error("%s", line)
        log.error("keeping the last good preview")

    def request(self) -> None:
        """Ask for a rebuild soon (several saves in a row give one build)."""
        self._wanted.set()

    def loop(self) -> None:
        """Rebuild whenever asked, until `stop()`."""
        while not self._stop.is_set():
            if self._wanted.wait(0.2):
                time.sleep(DEBOUNCE)
                self._wanted.clear()
                self.rebuild()

    def stop(self) -> None:
        self._stop.set()
        with self._changed:
            self._changed.notify_all()

    def status(self) -> bytes:
        state = {"generation": self.generation, "errors": self.errors, "version": self.version}
        return json.dumps(state).encode()


class _Handler(SimpleHTTPRequestHandler):
    preview: Preview

    def do_GET(self) -> None:  # http.server's naming
        path, _, query = self.path.split("#", 1)[0].partition("?")
        if path == STATUS:
            wait = parse_qs(query).get("wait", [""])[0]
            if wait.lstrip("-").isdigit():
                self.preview.wait(int(wait))
            self._send(200, "application/json", self.preview.status())
            return
        if not (self.preview.site / "index.html").is_file():
            self._send(503, "text/html; charset=utf-8", _inject(WAITING_PAGE.encode()))
            return
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            self._send(200, "text/html; charset=utf-8", _inject(file.read_bytes()))
            return
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _send(self, code: int, ctype: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s - %s", self.address_string(), format % args)


def _inject(html: bytes) -> bytes:
    tag = RELOAD_JS.encode()
    at = html.rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


class _Watch(FileSystemEventHandler):
    def __init__(self, preview: Preview) -> None:
        self.preview = preview

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        if any(_is_source(str(p), self.preview.project) for p in paths if p):
            self.preview.request()


def _is_source(path: str, project: Path) -> bool:
    p = Path(path)
    if p.name in ("mkdocs.yml", CONFIG_FILE):
        return p.parent == project
    return p.suffix in (".yaml", ".yml") and SCRATCH not in p.parts


class Server:
    """A running preview: HTTP server, file watcher and rebuild loop (for the CLI and tests)."""

    def __init__(
        self, project: Path, *, host: str = HOST, port: int = 8000, handouts: bool = False
    ) -> None:
        self.preview = Preview(project, handouts=handouts)
        handler = type("Handler", (_Handler,), {"preview": self.preview})
        try:
            self.httpd = ThreadingHTTPServer(
                (host, port), partial(handler, directory=str(self.preview.site))
            )
        except OSError as exc:
            raise MicrolearnError(
                f"cannot listen on {host}:{port} ({exc.strerror}); try another --port"
            ) from None
        self.httpd.daemon_threads = True
        self.observer = Observer()
        root = self.preview.project
        for folder in (root / "content", root / "quizzes"):
            if folder.is_dir():
                self.observer.schedule(_Watch(self.preview), str(folder), recursive=True)
        self.observer.schedule(_Watch(self.preview), str(root), recursive=False)
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        shown = "127.0.0.1" if host in ("0.0.0.0", "") else str(host)
        return f"http://{shown}:{port}/"

    def start(self) -> Server:
        """Build once, then serve and watch in background threads."""
        self.preview.rebuild()
        self.observer.start()
        for target in (self.preview.loop, self.httpd.serve_forever):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        self.preview.stop()
        self.observer.stop()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.observer.join(timeout=5)


def serve(
    project: Path,
    *,
    host: str = HOST,
    port: int = 8000,
    handouts: bool = False,
    open_browser: bool = False,
) -> None:
    """Serve the preview until Ctrl+C; with `open_browser`, show it in the default browser."""
    server = Server(project, host=host, port=port, handouts=handouts).start()
    if host not in (HOST, "localhost", "::1"):
        log.warning("The preview is reachable from other machines on %s", host)
    if open_browser:
        webbrowser.open(server.url)
    log.info("Previewing on %s (Ctrl+C to stop); watching content/ and quizzes/", server.url)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        log.info("stopped")
    finally:
        server.stop()
