"""A small cmi5 LMS with its LRS for browser tests, on 127.0.0.1.

It does what a cmi5 LMS does before and during a launch (cmi5 sections 8 to 10): reads the
AUs from the package's `cmi5.xml`, keeps one registration per learner, writes
`LMS.LaunchData` (context template with the session id and the AU's publisher id, launch
mode, moveOn, masteryScore, returnURL), records its own "launched" statement, hands out a
one-time auth token at the fetch URL (a second fetch gets error 1), and serves the State
API and the Statements API. Every statement the AU sends is recorded and `problems()` checks
them all against the cmi5 statement rules, each problem naming the rule it breaks.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import re
import threading
import time
import urllib.parse
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree
from playwright.sync_api import FrameLocator, Page

from tests.scormlms import local_server

NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
ADL = "http://adlnet.gov/expapi/verbs/"
AU_VERBS = {f"{ADL}{v}": v for v in ("initialized", "completed", "passed", "failed", "terminated")}
LAUNCHED = f"{ADL}launched"
CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
EXT = "https://w3id.org/xapi/cmi5/context/extensions/"
SESSION = f"{EXT}sessionid"
MASTERY = f"{EXT}masteryscore"
HOME = "https://lms.example.org"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
DURATION = re.compile(r"^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
Statement = dict[str, Any]


@dataclass(frozen=True)
class Au:
    """An AU as the course structure describes it."""

    id: str
    url: str
    move_on: str
    mastery: float | None

    @property
    def key(self) -> str:
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.url).query)["au"][0]


@dataclass
class Session:
    """One launch of one AU, and the statements the AU sent in it (in arrival order)."""

    au: Au
    learner: str
    registration: str
    activity_id: str
    mode: str
    token: str
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    statements: list[Statement] = field(default_factory=list)

    @property
    def actor(self) -> dict[str, Any]:
        return {"objectType": "Agent", "account": {"homePage": HOME, "name": self.learner}}

    def verbs(self) -> list[str]:
        return [AU_VERBS.get(s["verb"]["id"], s["verb"]["id"]) for s in ordered(self.statements)]

    def last(self, verb: str) -> Statement:
        found = [s for s in self.statements if s["verb"]["id"] == f"{ADL}{verb}"]
        assert found, f"no {verb} statement; sent: {self.verbs()}"
        return found[-1]


def ordered(statements: list[Statement]) -> list[Statement]:
    """In cmi5's order: by timestamp (9.3), ties in arrival order."""
    return sorted(statements, key=lambda s: str(s.get("timestamp", "")))


def course_structure(package: zipfile.ZipFile) -> list[Au]:
    doc = etree.fromstring(package.read("cmi5.xml"))
    return [
        Au(
            id=au.get("id") or "",
            url=au.findtext("c:url", namespaces=NS) or "",
            move_on=au.get("moveOn") or "NotApplicable",
            mastery=float(au.get("masteryScore")) if au.get("masteryScore") else None,
        )
        for au in doc.iterfind(".//c:au", NS)
    ]


class Cmi5LMS:
    """The LMS and LRS server: serves the unpacked package, records what the AU sends."""

    def __init__(self, package: zipfile.ZipFile, root: Path) -> None:
        package.extractall(root / "package")
        (root / "returned.html").write_text(
            '<!doctype html><html lang="en"><title>LMS</title><h1>Back in the LMS</h1></html>'
        )
        self.root = root
        self.aus = {au.key: au for au in course_structure(package)}
        self.registrations: dict[str, str] = {}
        self.sessions: list[Session] = []
        self.launched: list[Statement] = []
        self.state: dict[tuple[str, str, str, str], bytes] = {}
        self.fetched: dict[str, int] = {}  # fetch key -> times called
        self.refused: list[str] = []  # requests the LRS turned down, and why
        self.full = False  # the LRS answers statements with 503 (out of service)
        self.lock = threading.RLock()
        self.url = ""

    def serve(self) -> Iterator[Cmi5LMS]:
        with local_server(functools.partial(_Handler, self, directory=str(self.root))) as url:
            self.url = url
            yield self

    # ------------------------------------------------------------ launching

    def activity_id(self, au: Au) -> str:
        """The LMS's own id for the AU, never the publisher's (8.1.5), same on every launch."""
        return f"{HOME}/activities/{uuid.uuid5(uuid.NAMESPACE_URL, au.id)}"

    def launch_data(self, session: Session, return_url: str | None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "contextTemplate": {
                "contextActivities": {"grouping": [{"id": session.au.id}]},
                "extensions": {SESSION: session.id},
            },
            "launchMode": session.mode,
            "moveOn": session.au.move_on,
        }
        if session.au.mastery is not None:
            data["masteryScore"] = session.au.mastery
        if return_url:
            data["returnURL"] = return_url
        return data

    def launch(
        self,
        page: Page,
        learner: str,
        au_key: str,
        *,
        mode: str = "Normal",
        returning: bool = False,
        fetch_error: bool = False,
        url: str | None = None,
        launch_data: dict[str, Any] | None = None,
    ) -> FrameLocator:
        """Launch an AU for `learner` (in the registration they already have, if any) and give
        the course frame. `fetch_error`: the token was handed out already; `url`: launch
        this instead of the AU's url; `launch_data`: values to put into LMS.LaunchData."""
        au = self.aus[au_key]
        registration = self.registrations.setdefault(learner, str(uuid.uuid4()))
        token = base64.b64encode(f"{learner}:{uuid.uuid4()}".encode()).decode()
        session = Session(au, learner, registration, self.activity_id(au), mode, token)
        data = self.launch_data(session, f"{self.url}/returned.html" if returning else None)
        data.update(launch_data or {})
        self._put_state(session, "LMS.LaunchData", json.dumps(data).encode())
        with self.lock:
            self.sessions.append(session)
            self.fetched[session.token] = 1 if fetch_error else 0
            self.launched.append(self._launched(session, data))
        params = {
            "endpoint": f"{self.url}/lrs/",
            "fetch": f"{self.url}/fetch?k={urllib.parse.quote(token)}",
            "actor": json.dumps(session.actor),
            "registration": registration,
            "activityId": session.activity_id,
        }
        target = url or au.url
        page.goto(f"{self.url}/package/{target}&{urllib.parse.urlencode(params)}")
        return page.frame_locator("#ml-course")

    def _launched(self, session: Session, data: dict[str, Any]) -> Statement:
        context = json.loads(json.dumps(data["contextTemplate"]))
        context["registration"] = session.registration
        context["contextActivities"]["category"] = [{"id": CMI5}]
        context["extensions"].update(
            {f"{EXT}launchmode": session.mode, f"{EXT}moveon": session.au.move_on}
        )
        if session.au.mastery is not None:
            context["extensions"][MASTERY] = session.au.mastery
        return {
            "id": str(uuid.uuid4()),
            "timestamp": datetime.now(UTC).isoformat(),
            "actor": session.actor,
            "verb": {"id": LAUNCHED},
            "object": {"id": session.activity_id},
            "context": context,
        }

    def session(self) -> Session:
        with self.lock:
            return self.sessions[-1]

    def wait_for(self, check: Callable[[Session], bool], timeout: float = 30.0) -> Session:
        """The current session once `check` holds for it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                current = self.sessions[-1]
                if check(current):
                    return current
            time.sleep(0.05)
        current = self.session()
        raise AssertionError(
            f"timed out; the AU sent {current.verbs()}, its progress: {self.progress(current)}"
        )

    def leave(self, page: Page) -> Session:
        """Close the AU's window; the AU terminates its session on the way out."""
        page.goto("about:blank")
        return self.wait_for(lambda s: "terminated" in s.verbs())

    # ------------------------------------------------------------ the LRS

    def _state_key(self, query: dict[str, str]) -> tuple[str, str, str, str]:
        agent = json.dumps(json.loads(query.get("agent", "null")), sort_keys=True)
        return (query.get("activityId", ""), agent, query.get("registration", ""), query["stateId"])

    def _put_state(self, session: Session, state_id: str, body: bytes) -> None:
        query = {
            "activityId": session.activity_id,
            "agent": json.dumps(session.actor),
            "registration": session.registration,
            "stateId": state_id,
        }
        with self.lock:
            self.state[self._state_key(query)] = body

    def progress(self, session: Session) -> Any:
        query = {
            "activityId": session.activity_id,
            "agent": json.dumps(session.actor),
            "registration": session.registration,
            "stateId": "microlearn-progress",
        }
        with self.lock:
            raw = self.state.get(self._state_key(query))
        return json.loads(raw) if raw else None

    def session_of(self, authorization: str) -> Session | None:
        with self.lock:
            for s in self.sessions:
                if authorization == f"Basic {s.token}":
                    return s
        return None

    # ------------------------------------------------------------ the cmi5 rules

    def problems(self) -> list[str]:
        """Every cmi5 rule the recorded statements break, named, with the statement's verb."""
        out = list(self.refused)
        with self.lock:
            sessions = list(self.sessions)
        for s in sessions:
            out += [f"{s.au.key}: {p}" for p in session_problems(s)]
        by_registration: dict[tuple[str, str], list[Statement]] = {}
        for s in sessions:
            by_registration.setdefault((s.activity_id, s.registration), []).extend(s.statements)
        for (_, _), statements in by_registration.items():
            out += registration_problems(statements)
        return out


def statement_problems(st: Statement, s: Session) -> list[str]:
    """The rules one statement breaks (cmi5 section 9)."""
    out: list[str] = []
    verb = AU_VERBS.get(st.get("verb", {}).get("id", ""))
    name = verb or str(st.get("verb"))
    context = st.get("context") or {}
    activities = context.get("contextActivities") or {}
    categories = [a.get("id") for a in activities.get("category") or []]
    extensions = context.get("extensions") or {}
    result = st.get("result") or {}

    def rule(ok: bool, text: str) -> None:
        if not ok:
            out.append(f"{name}: {text}")

    rule(bool(UUID.match(str(st.get("id", "")))), "9.1 statement id is a UUID")
    rule(st.get("actor") == s.actor, "9.2 actor equals the launch actor")
    rule(verb is not None, "9.3 verb IRI from the cmi5 list")
    rule((st.get("object") or {}).get("id") == s.activity_id, "9.4 object id is the activityId")
    rule(context.get("registration") == s.registration, "9.6.1 context registration")
    rule(CMI5 in categories, "9.6.2.1 cmi5 category activity")
    judged = "success" in result or "completion" in result
    rule(
        (MOVEON in categories) == judged, "9.6.2.2 moveOn category exactly with success/completion"
    )
    grouping = [a.get("id") for a in activities.get("grouping") or []]
    rule(s.au.id in grouping, "10.2.1 publisher id grouping from the context template")
    rule(extensions.get(SESSION) == s.id, "9.6.3.1 session id extension")
    stamp = str(st.get("timestamp", ""))
    rule(bool(re.search(r"(Z|\+00:00)$", stamp)), "9.7 UTC timestamp")
    if verb in ("terminated", "completed", "passed", "failed"):
        rule(bool(DURATION.match(str(result.get("duration", "")))), "9.5.4 result.duration")
    rule(("score" in result) == (verb in ("passed", "failed")), "9.5.1 score on passed/failed only")
    rule(
        result.get("success") == {"passed": True, "failed": False}.get(verb or ""),
        "9.5.2 success true on passed, false on failed, absent otherwise",
    )
    rule(
        result.get("completion") == (True if verb == "completed" else None),
        "9.5.3 completion true on completed, absent otherwise",
    )
    if "score" in result:
        score = result["score"]
        scaled = score.get("scaled")
        rule(isinstance(scaled, int | float) and 0 <= scaled <= 1, "9.5.1 scaled score in [0, 1]")
        if "raw" in score:
            rule(
                score.get("min", 1) <= score["raw"] <= score.get("max", -1),
                "9.5.1 raw in [min, max]",
            )
        if s.au.mastery is not None and isinstance(scaled, int | float):
            agree = scaled >= s.au.mastery if verb == "passed" else scaled < s.au.mastery
            rule(
                agree, f"9.3.4/9.3.5 scaled score {scaled} agrees with masteryScore {s.au.mastery}"
            )
            rule(extensions.get(MASTERY) == s.au.mastery, "9.6.3.2 masteryScore extension")
    if s.mode != "Normal":
        rule(verb in ("initialized", "terminated"), f"10.2.2 {s.mode} launch sends no results")
    return out


def session_problems(s: Session) -> list[str]:
    """Statement rules plus the order of one session (9.3, 7.1)."""
    out = [p for st in s.statements for p in statement_problems(st, s)]
    verbs = s.verbs()
    if not verbs:
        return out
    if verbs[0] != "initialized":
        out.append(f"7.1.1 initialized first, not {verbs[0]}")
    if "terminated" in verbs and verbs[-1] != "terminated":
        out.append(f"7.1.2 terminated last: {verbs}")
    dupes = sorted({v for v in verbs if verbs.count(v) > 1})
    if dupes:
        out.append(f"9.3 no verb twice in a session: {dupes}")
    if "passed" in verbs and "failed" in verbs:
        out.append("9.3 one of passed/failed per session")
    return out


def registration_problems(statements: list[Statement]) -> list[str]:
    verbs = [AU_VERBS.get(s["verb"]["id"], "") for s in ordered(statements)]
    out = []
    for verb in ("completed", "passed"):
        if verbs.count(verb) > 1:
            out.append(f"9.3 at most one {verb} per registration: {verbs}")
    if "passed" in verbs and "failed" in verbs[verbs.index("passed") :]:
        out.append(f"9.3 no failed after passed in a registration: {verbs}")
    return out


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, lms: Cmi5LMS, *args: Any, **kwargs: Any) -> None:
        self.lms = lms
        super().__init__(*args, **kwargs)

    def _query(self) -> dict[str, str]:
        return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _answer(self, status: int, payload: Any = None) -> None:
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        if payload is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(data)  # the page may have gone away meanwhile

    def _authorized(self) -> Session | None:
        """The session whose token the request carries, with the xAPI version header."""
        session = self.lms.session_of(self.headers.get("Authorization", ""))
        version = self.headers.get("X-Experience-API-Version", "")
        where = f"{self.command} {urllib.parse.urlsplit(self.path).path}"
        if session is None:
            self.lms.refused.append(f"8.2 {where} without the session's auth token")
        elif not version.startswith("1.0"):
            self.lms.refused.append(f"xAPI {where} without X-Experience-API-Version")
            session = None
        if session is None:
            self._answer(401)
        return session

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path == "/fetch":
            key = self._query().get("k", "")
            with self.lms.lock:
                calls = self.lms.fetched.get(key)
                if calls is not None:
                    self.lms.fetched[key] = calls + 1
            self._body()
            if calls == 0:
                self._answer(200, {"auth-token": key})
            else:
                text = "The authorization token has already been returned."
                self._answer(200, {"error-code": "1", "error-text": text})
            return
        if path == "/lrs/statements":
            body = self._body()
            session = self._authorized()
            if session is None:
                return
            if self.lms.full:
                self._answer(503)
                return
            parsed = json.loads(body or b"[]")
            batch = parsed if isinstance(parsed, list) else [parsed]
            with self.lms.lock:
                session.statements.extend(batch)
            self._answer(200, [s.get("id") for s in batch])
            return
        self._answer(404)

    def do_PUT(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        body = self._body()
        session = self._authorized()
        if session is None:
            return
        if path == "/lrs/activities/state":
            query = self._query()
            if query.get("stateId") == "LMS.LaunchData":
                self.lms.refused.append("10.2.1 the AU must not change LMS.LaunchData")
                self._answer(403)
                return
            with self.lms.lock:
                self.lms.state[self.lms._state_key(query)] = body
            self._answer(204)
            return
        if path == "/lrs/statements":
            with self.lms.lock:
                session.statements.append(json.loads(body))
            self._answer(204)
            return
        self._answer(404)

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if not path.startswith("/lrs/"):
            super().do_GET()
            return
        if self._authorized() is None:
            return
        if path == "/lrs/activities/state":
            with self.lms.lock:
                raw = self.lms.state.get(self.lms._state_key(self._query()))
            if raw is None:
                self._answer(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)
            return
        self._answer(404)  # agent profile: no learner preferences kept

    def end_headers(self) -> None:
        if self.command == "GET" and not self.path.startswith("/lrs/"):
            self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass
