"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const Core = require("../../generator/outputs/lms/scorm2004/runtime/scorm2004-core.js");
const LMS = require("../../generator/engine/theme/assets/microlearn/lms-core.js");

const RUNTIME = path.join(__dirname, "..", "..", "node_modules", "scorm-again", "dist", "esm", "scorm2004.js");

/* scorm-again's SCORM 2004 runtime, strict, initialised: every value must be accepted. */
async function lms() {
  const { Scorm2004API } = await import(RUNTIME);
  const api = new Scorm2004API({ logLevel: 5, autocommit: false });
  assert.equal(api.Initialize(""), "true");
  return api;
}

function accepts(api, pairs) {
  for (const [element, value] of pairs) {
    const ok = api.SetValue(element, value);
    assert.equal(String(api.GetLastError()), "0", `${element} = ${value}: ${api.GetErrorString(api.GetLastError())}`);
    assert.equal(ok, "true", `${element} = ${value}`);
  }
}

const choice = { id: "q1", type: "multiple", options: [{ key: "o1", correct: true }, { key: "o2", correct: false }, { key: "o3", correct: true }] };
const single = { id: "q2", type: "scenario", options: [{ key: "o1", correct: false }, { key: "o2", correct: true }] };
const truth = { id: "q3", type: "true_false", options: [{ key: "true", correct: false }, { key: "false", correct: true }] };
const order = { id: "q4", type: "ordering", steps: [{ key: "s1", position: "1" }, { key: "s2", position: "2" }, { key: "s3", position: "3" }] };

test("our question types map to SCORM 2004 interaction types", () => {
  assert.equal(Core.interactionType("single"), "choice");
  assert.equal(Core.interactionType("multiple"), "choice");
  assert.equal(Core.interactionType("scenario"), "choice");
  assert.equal(Core.interactionType("true_false"), "true-false");
  assert.equal(Core.interactionType("ordering"), "sequencing");
  assert.equal(Core.interactionType("reply"), "long-fill-in");
  assert.equal(Core.interactionType("drawing"), "other");
});

test("learner responses and correct patterns are written in SCORM 2004's formats", () => {
  assert.equal(Core.learnerResponse(choice, ["o1", "o3"]), "o1[,]o3");
  assert.equal(Core.learnerResponse(truth, ["true"]), "true");
  assert.equal(Core.learnerResponse(order, { s1: "2", s2: "1", s3: "3" }), "s2[,]s1[,]s3");
  assert.equal(Core.learnerResponse(order, { s3: "1", s1: "1", s2: "2" }), "s1[,]s3[,]s2");
  assert.equal(Core.learnerResponse({ type: "reply" }, "Sorry for the wait."), "Sorry for the wait.");
  assert.equal(Core.correctPattern(choice), "o1[,]o3");
  assert.equal(Core.correctPattern(truth), "false");
  assert.equal(Core.correctPattern({ steps: [{ key: "s1", position: "3" }, { key: "s2", position: "1" }, { key: "s3", position: "2" }] }), "s2[,]s3[,]s1");
});

test("times: ISO 8601 durations and UTC timestamps to the hundredth", () => {
  assert.equal(Core.sessionTime(3723450), "PT1H2M3.45S");
  assert.equal(Core.sessionTime(60000), "PT0H1M0S");
  assert.equal(Core.sessionTime(1500), "PT0H0M1.5S");
  assert.equal(Core.sessionTime(-5), "PT0H0M0S");
  assert.equal(Core.sessionTime(360000000 + 999), "PT100H0M0.99S");
  assert.equal(Core.timestamp(Date.UTC(2026, 11, 2, 17, 5, 9, 456)), "2026-12-02T17:05:09.45Z");
});

test("each answered question is one interaction, numbered on from the earlier ones", () => {
  const answers = { q1: ["o1", "o3"], q2: ["o1"], q3: ["false"], q4: { s1: "2", s2: "1", s3: "3" } };
  const objectives = { q1: "first-lesson/name-steps", q4: "second-lesson/explain" };
  const pairs = Core.interactions(5, "final", [choice, single, truth, order, { id: "q5", type: "single", options: [{ key: "o1", correct: true }] }], answers, objectives, Date.UTC(2026, 0, 1));
  const got = Object.fromEntries(pairs);
  assert.equal(got["cmi.interactions.5.id"], "final/q1");
  assert.equal(got["cmi.interactions.5.type"], "choice");
  assert.equal(got["cmi.interactions.5.learner_response"], "o1[,]o3");
  assert.equal(got["cmi.interactions.5.result"], "correct");
  assert.equal(got["cmi.interactions.5.objectives.0.id"], "first-lesson/name-steps");
  assert.equal(got["cmi.interactions.5.weighting"], "1");
  assert.equal(got["cmi.interactions.5.timestamp"], "2026-01-01T00:00:00.00Z");
  assert.equal(got["cmi.interactions.6.result"], "incorrect");
  assert.equal(got["cmi.interactions.6.objectives.0.id"], undefined);
  assert.equal(got["cmi.interactions.7.type"], "true-false");
  assert.equal(got["cmi.interactions.7.learner_response"], "false");
  assert.equal(got["cmi.interactions.7.result"], "correct");
  assert.equal(got["cmi.interactions.8.type"], "sequencing");
  assert.equal(got["cmi.interactions.8.learner_response"], "s2[,]s1[,]s3");
  assert.equal(got["cmi.interactions.8.correct_responses.0.pattern"], "s1[,]s2[,]s3");
  assert.equal(got["cmi.interactions.8.result"], "incorrect");
  assert.equal(got["cmi.interactions.9.id"], undefined, "q5 was not answered");
  /* id and type come before what depends on them */
  const names = pairs.map((p) => p[0]);
  assert.ok(names.indexOf("cmi.interactions.8.id") < names.indexOf("cmi.interactions.8.type"));
  assert.ok(names.indexOf("cmi.interactions.8.type") < names.indexOf("cmi.interactions.8.learner_response"));
});

test("scorm-again's strict SCORM 2004 runtime accepts every interaction value", async () => {
  const api = await lms();
  const answers = { q1: ["o2"], q2: ["o2"], q3: ["true"], q4: { s1: "1", s2: "3", s3: "2" } };
  accepts(api, Core.interactions(0, "final", [choice, single, truth, order], answers, { q1: "a/b" }, Date.now()));
  assert.equal(api.GetValue("cmi.interactions._count"), "4");
  assert.equal(api.GetValue("cmi.interactions.3.learner_response"), "s1[,]s3[,]s2");
});

const mod = { quizzes: ["l1", "l2"], lessons: 3, final: "" };
const r = (p, s) => ({ v: "abcdef", p, s });

test("a module is completed when all its lessons were visited, passed when all its quizzes are", () => {
  const none = Core.decide({ attempt: "", visited: [], results: {} }, mod);
  assert.deepEqual(none, { completion: "incomplete", success: "unknown", score: null, progress: 0, done: false });
  const some = Core.decide({ attempt: "", visited: [0, 2], results: { l1: r(true, 100) } }, mod);
  assert.equal(some.completion, "incomplete");
  assert.equal(some.success, "unknown");
  assert.equal(some.score, 50, "a quiz not taken counts 0");
  assert.equal(some.progress, 0.66);
  const failed = Core.decide({ attempt: "", visited: [0, 1, 2], results: { l1: r(true, 100), l2: r(false, 40) } }, mod);
  assert.deepEqual(failed, { completion: "completed", success: "failed", score: 70, progress: 1, done: false });
  const passed = Core.decide({ attempt: "", visited: [0, 1, 2], results: { l1: r(true, 100), l2: r(true, 81) } }, mod);
  assert.deepEqual(passed, { completion: "completed", success: "passed", score: 91, progress: 1, done: true });
  const unvisited = Core.decide({ attempt: "", visited: [0, 1], results: { l1: r(true, 100), l2: r(true, 80) } }, mod);
  assert.equal(unvisited.success, "passed");
  assert.equal(unvisited.done, false, "passed but not completed: the attempt stays open");
  const outside = Core.decide({ attempt: "", visited: [0, 1, 3], results: {} }, mod);
  assert.equal(outside.completion, "incomplete", "a lesson index beyond the module does not count");
});

test("a module without quizzes is passed once its lessons are visited", () => {
  const plain = { quizzes: [], lessons: 2, final: "" };
  assert.equal(Core.decide({ attempt: "", visited: [0], results: {} }, plain).success, "unknown");
  const done = Core.decide({ attempt: "", visited: [0, 1], results: {} }, plain);
  assert.deepEqual(done, { completion: "completed", success: "passed", score: null, progress: 1, done: true });
});

test("the assessment SCO reports the final's best score, passed or failed", () => {
  const final = { quizzes: ["final"], lessons: 0, final: "final" };
  assert.deepEqual(Core.decide({ attempt: "", visited: [], results: {} }, final),
    { completion: "incomplete", success: "unknown", score: null, progress: 0, done: false });
  assert.deepEqual(Core.decide({ attempt: "", visited: [], results: { final: r(false, 40) } }, final),
    { completion: "completed", success: "failed", score: 40, progress: 1, done: false });
  assert.deepEqual(Core.decide({ attempt: "", visited: [], results: { final: r(true, 80) } }, final),
    { completion: "completed", success: "passed", score: 80, progress: 1, done: true });
});

test("values: suspend_data in the 1.2 encoding, score, statuses, bookmark, exit and time", async () => {
  const state = { attempt: "k3x9", visited: [0, 1, 2], results: { l1: r(true, 100), l2: r(false, 40) } };
  const pairs = Core.values(state, mod, { location: "basics/one.html", elapsed: 61000 });
  const got = Object.fromEntries(pairs);
  assert.equal(got["cmi.suspend_data"], LMS.encodeSuspend(state, mod));
  assert.deepEqual(LMS.decodeSuspend(got["cmi.suspend_data"], mod), state);
  assert.equal(got["cmi.score.raw"], "70");
  assert.equal(got["cmi.score.scaled"], "0.7");
  assert.equal(got["cmi.score.min"], "0");
  assert.equal(got["cmi.score.max"], "100");
  assert.equal(got["cmi.completion_status"], "completed");
  assert.equal(got["cmi.success_status"], "failed");
  assert.equal(got["cmi.location"], "basics/one.html");
  assert.equal(got["cmi.exit"], "suspend");
  assert.equal(got["cmi.session_time"], "PT0H1M1S");
  const api = await lms();
  accepts(api, pairs);
  const done = Object.fromEntries(Core.values({ attempt: "k3x9", visited: [0, 1, 2], results: { l1: r(true, 100), l2: r(true, 90) } }, mod, { location: "../x.html", elapsed: 0 }));
  assert.equal(done["cmi.exit"], "normal");
  assert.equal(done["cmi.score.scaled"], "0.95");
  assert.equal(done["cmi.location"], undefined, "not a page of the package");
  const fresh = Object.fromEntries(Core.values({ attempt: "", visited: [], results: {} }, mod, { location: "", elapsed: 0 }));
  assert.equal(fresh["cmi.score.raw"], undefined);
  assert.equal(fresh["cmi.success_status"], "unknown");
  accepts(await lms(), Object.entries(fresh));
});

test("the dialect numbers interactions on from what the attempt already holds", () => {
  const d = Core.dialect({ sco: "module-basics", home: "basics/one.html", objectives: { l1: { q2: "one/obj" } } });
  assert.equal(d.api, "API_1484_11");
  assert.deepEqual(d.calls, {
    init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit",
    finish: "Terminate", error: "GetLastError", errorString: "GetErrorString"
  });
  assert.deepEqual([d.entry, d.learner, d.location], ["cmi.entry", "cmi.learner_id", "cmi.location"]);
  assert.equal(d.values, Core.values);
  assert.equal(d.home, "basics/one.html");
  assert.equal(d.owner, "lms2004");
  assert.equal(d.part, "module-basics");
  d.start((element) => (element === "cmi.interactions._count" ? "3" : ""));
  const first = Object.fromEntries(d.answered("l1", [single], { q2: ["o2"] }, 0));
  assert.equal(first["cmi.interactions.3.id"], "l1/q2");
  assert.equal(first["cmi.interactions.3.objectives.0.id"], "one/obj");
  const second = Object.fromEntries(d.answered("l1", [single, truth], { q2: ["o1"], q3: ["true"] }, 0));
  assert.equal(second["cmi.interactions.4.id"], "l1/q2");
  assert.equal(second["cmi.interactions.5.id"], "l1/q3");
  d.start(() => "9");
  d.answered("l1", [single, truth], { q2: ["o1"], q3: ["true"] }, 0);
  assert.equal(Object.fromEntries(d.answered("l1", [single], { q2: ["o1"] }, 0))["cmi.interactions.11.id"], "l1/q2");
  const other = Core.dialect({ sco: "assessment", home: "final-assessment.html" });
  other.start(() => "");
  assert.equal(Object.fromEntries(other.answered("final", [truth], { q3: ["true"] }, 0))["cmi.interactions.0.id"], "final/q3");
});

test("a page that counts in another SCO gets a note, the SCO's own pages do not", () => {
  const config = { sco: "module-basics", home: "basics/one.html", others: ["wrap-up"], assessment: "final-assessment.html" };
  const note = Core.elsewhere("wrap-up/last.html", config);
  assert.match(note, /another part of the course/);
  assert.match(note, /course menu/);
  assert.equal(Core.elsewhere("final-assessment.html", config), note);
  assert.equal(Core.elsewhere("wrap-up/index.html", config), "", "a module overview counts nowhere");
  assert.equal(Core.elsewhere("basics/two.html", config), "");
  assert.equal(Core.elsewhere("glossary.html", config), "");
  assert.equal(Core.elsewhere("", config), "");
  assert.equal(Core.elsewhere(undefined, config), "");
  assert.equal(Core.elsewhere("wrap-up/deep/last.html", config), "");
  const final = { sco: "assessment", home: "final-assessment.html", others: ["basics"], assessment: "" };
  assert.equal(Core.elsewhere("final-assessment.html", final), "");
  assert.equal(Core.elsewhere("basics/one.html", final), note);
  assert.equal(Core.dialect(config).note("wrap-up/last.html"), note);
  assert.equal(Core.dialect({ sco: "x", home: "x/a.html" }).note("y/b.html"), "");
});
