"""A small SCORM 2004 LMS for browser tests: scorm-again's `Scorm2004API` on 127.0.0.1.

The LMS page hosts the runtime as `API_1484_11` (strict errors, synchronous commits) in the
top window and one SCO's launch page in a frame. Every commit is recorded by the server
(`tests/scormlms.py`), and every API call that leaves an error code is posted to it, so a
test can assert the package never made the LMS raise one. Between launches the test plays
the LMS's part per SCO: a session that ended with `cmi.exit = suspend` is resumed (entry
`resume`, with the SCO's saved data, interactions included); any other ending starts a new
attempt of that SCO (entry `ab-initio`, nothing carried over).
"""

from __future__ import annotations

import json
import time
import urllib.parse
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import FrameLocator, Page

from tests.scormlms import Cmi, ScormLMS

LMS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm-again.js"></script>
<script>
var start = JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}");
var api = new Scorm2004API({
  lmsCommitUrl: "/commit", dataCommitFormat: "flattened", strict_errors: true,
  autocommit: false, mastery_override: false, logLevel: 5
});
api.loadFromFlattenedJSON(start.cmi || {}, "");
["Initialize", "GetValue", "SetValue", "Commit", "Terminate"].forEach(function (name) {
  var run = api[name].bind(api);
  api[name] = function (element, value) {
    var out = run.apply(null, arguments);
    var code = String(api.GetLastError());
    var call = [name, element, value === undefined ? null : value, code];
    if (code !== "0") navigator.sendBeacon("/error", JSON.stringify(call));
    return out;
  };
});
window.API_1484_11 = api;
</script></head><body><iframe id="sco" title="course" style="width:100%;height:900px"></iframe>
<script>document.getElementById("sco").src = "package/" + start.launch;</script>
</body></html>"""

KEPT = ("cmi.suspend_data", "cmi.location", "cmi.completion_status", "cmi.success_status")
KEPT_PREFIXES = ("cmi.interactions.", "cmi.score.", "cmi.progress_measure")


@dataclass
class Learner2004:
    """One LMS user: what the LMS kept of their last session in each SCO."""

    id: str
    records: dict[str, Cmi] = field(default_factory=dict)

    def next_launch(self, sco: str) -> Cmi:
        """The SCO's run-time data at launch: a resumed attempt or a new one."""
        cmi: Cmi = {"cmi.learner_id": self.id, "cmi.learner_name": f"Learner, {self.id}"}
        record = self.records.get(sco, {})
        if record.get("cmi.exit") == "suspend":
            cmi["cmi.entry"] = "resume"
            cmi.update(
                (k, v) for k, v in record.items() if k in KEPT or k.startswith(KEPT_PREFIXES)
            )
        else:
            cmi["cmi.entry"] = "ab-initio"
        return cmi


class Scorm2004LMS(ScormLMS):
    """The LMS server for a SCORM 2004 package: launches one SCO at a time."""

    def __init__(self, package: zipfile.ZipFile, root: Path) -> None:
        super().__init__(package, root, runtime="scorm2004.js", lms_page=LMS_PAGE)
        self.manifest = package.read("imsmanifest.xml")

    def launch_sco(self, page: Page, learner: Learner2004, sco: str) -> FrameLocator:
        """Open SCO `sco` (its launch file) for `learner` and give the course frame."""
        with self._lock:
            self.commits.clear()
        start = urllib.parse.quote(json.dumps({"cmi": learner.next_launch(sco), "launch": sco}))
        page.goto(f"{self.url}/lms.html#{start}")
        return page.frame_locator("#sco").frame_locator("#ml-course")

    def leave_sco(self, page: Page, learner: Learner2004, sco: str) -> Cmi:
        """Close the SCO's window; the LMS keeps its last committed data."""
        page.goto("about:blank")
        time.sleep(0.2)  # a commit sent while the page unloads may still arrive
        learner.records[sco] = self.last()
        return learner.records[sco]
