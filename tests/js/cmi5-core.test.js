"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Core = require("../../generator/outputs/lms/cmi5/runtime/cmi5-core.js");

const actor = { objectType: "Agent", account: { homePage: "https://lms.example", name: "ann" } };
const registration = "760e3480-ba55-4991-94b0-01820dbd23a2";
const search =
  "?au=basics&endpoint=" + encodeURIComponent("https://lms.example/lrs") +
  "&fetch=" + encodeURIComponent("https://lms.example/token?k=1&x=2") +
  "&actor=" + encodeURIComponent(JSON.stringify(actor)) +
  "&registration=" + registration +
  "&activityId=" + encodeURIComponent("https://lms.example/au/7");
const launch = Core.parseLaunch(search);
const session = "c3d2c5b6-1b9f-4a9e-8f0e-2a1f6f0d9e11";
const template = {
  contextActivities: { grouping: [{ id: "urn:microlearn:mini/cmi5/final-assessment" }] },
  extensions: { [Core.SESSION_ID]: session }
};
const launchData = (extra) => Core.readLaunchData({ contextTemplate: template, launchMode: "Normal", moveOn: "Passed", ...extra });
const moduleAU = { pages: ["m/a.html", "m/b.html"], quizzes: ["a"], versions: ["v1"], final: "" };
const finalAU = { pages: ["final-assessment.html"], quizzes: ["final"], versions: ["v2"], final: "final" };
const verbs = (step) => step.send.map((s) => s.verb);

test("launch parameters are read in any order, decoded, the endpoint ending in a slash", () => {
  assert.equal(launch.endpoint, "https://lms.example/lrs/");
  assert.equal(launch.fetch, "https://lms.example/token?k=1&x=2");
  assert.deepEqual(launch.actor, actor);
  assert.equal(launch.registration, registration);
  assert.equal(launch.activityId, "https://lms.example/au/7");
  assert.equal(launch.au, "basics");
  const shuffled = "?" + search.slice(1).split("&").reverse().join("&");
  assert.deepEqual(Core.parseLaunch(shuffled), launch);
});

test("a launch without its parameters, or with a bad actor or registration, is an error", () => {
  assert.match(Core.parseLaunch("?au=basics").error, /missing launch parameters: endpoint, fetch, actor, registration, activityId/);
  assert.match(Core.parseLaunch(search.replace(/fetch=[^&]*/, "fetch=")).error, /missing launch parameters: fetch$/);
  assert.match(Core.parseLaunch(search.replace(/actor=[^&]*/, "actor=%7Bnot")).error, /actor/);
  assert.match(Core.parseLaunch(search.replace(/actor=[^&]*/, "actor=" + encodeURIComponent('{"mbox":"mailto:a@b"}'))).error, /account/);
  assert.match(Core.parseLaunch(search.replace(registration, "12345")).error, /registration/);
  assert.equal(Core.queryParams("?a=%E0%A4%A&b=2").a, undefined); /* a broken escape is skipped */
  assert.equal(Core.queryParams("?a=x+y").a, "x y");
});

test("the fetch URL's answer gives the token or the LMS's error", () => {
  assert.deepEqual(Core.readToken({ "auth-token": "QWxh" }), { token: "QWxh" });
  assert.deepEqual(Core.readToken({ "error-code": "1", "error-text": "already returned" }), { error: "error 1, already returned" });
  assert.deepEqual(Core.readToken({}), { error: "no authorization token" });
  assert.deepEqual(Core.readToken(null), { error: "no authorization token" });
});

test("LMS.LaunchData needs a context template with a session id, a launch mode, a mastery score in [0, 1]", () => {
  const data = launchData({ masteryScore: 0.5, returnURL: "https://lms.example/back" });
  assert.equal(data.masteryScore, 0.5);
  assert.equal(data.returnURL, "https://lms.example/back");
  assert.equal(launchData({}).masteryScore, null);
  assert.match(Core.readLaunchData({ launchMode: "Normal" }).error, /contextTemplate/);
  assert.match(Core.readLaunchData({ contextTemplate: {}, launchMode: "Normal" }).error, /session id/);
  assert.match(launchData({ launchMode: "Play" }).error, /launchMode "Play"/);
  assert.match(launchData({ masteryScore: 1.2 }).error, /masteryScore 1.2/);
  assert.match(launchData({ masteryScore: "0.5" }).error, /masteryScore/);
  assert.equal(launchData({ masteryScore: 1 }).masteryScore, 1);
  assert.equal(launchData({ masteryScore: 0 }).masteryScore, 0);
});

test("state addresses carry the activity, agent and registration of the launch", () => {
  const url = new URL(Core.stateURL(launch, Core.PROGRESS_ID));
  assert.equal(url.origin + url.pathname, "https://lms.example/lrs/activities/state");
  assert.equal(url.searchParams.get("stateId"), "microlearn-progress");
  assert.equal(url.searchParams.get("activityId"), launch.activityId);
  assert.deepEqual(JSON.parse(url.searchParams.get("agent")), actor);
  assert.equal(url.searchParams.get("registration"), registration);
});

test("stored progress is checked against the AU", () => {
  const read = Core.readProgress({
    visited: [1, 0, 1, 5, -1, 0.5, "0"],
    results: { a: { v: "v1", p: true, s: 100 }, other: { v: "x", p: true, s: 1 }, bad: 1 },
    page: "m/b.html",
    sent: { completed: true, passed: "yes" }
  }, moduleAU);
  assert.deepEqual(read, { visited: [0, 1], results: { a: { v: "v1", p: true, s: 100 } }, page: "m/b.html", sent: { completed: true, passed: false } });
  assert.deepEqual(Core.readProgress("garbage", moduleAU), Core.emptyProgress());
  assert.equal(Core.readProgress({ page: "elsewhere.html" }, moduleAU).page, "");
  assert.deepEqual(Core.readProgress({ results: { a: { v: "v1", p: true, s: 101 } } }, moduleAU).results, {});
});

test("a module is completed once, when every lesson page was opened", () => {
  const ld = launchData({ moveOn: "Completed" });
  let p = Core.emptyProgress();
  let s = Core.newSession(1000);
  let step = Core.due(p, s, moduleAU, ld, 1000, false);
  assert.deepEqual(verbs(step), ["initialized"]);
  assert.equal(step.send[0].result, null);
  s = step.session;
  p = Core.visit(p, moduleAU, "m/a.html");
  p = Core.visit(p, moduleAU, "elsewhere.html");
  assert.deepEqual(p.visited, [0]);
  assert.deepEqual(verbs(Core.due(p, s, moduleAU, ld, 2000, false)), []);
  p = Core.visit(p, moduleAU, "m/b.html");
  p = Core.visit(p, moduleAU, "m/b.html");
  assert.equal(p.page, "m/b.html");
  step = Core.due(p, s, moduleAU, ld, 63500, false);
  assert.deepEqual(verbs(step), ["completed"]);
  assert.deepEqual(step.send[0].result, { completion: true, duration: "PT1M2.5S" });
  assert.equal(step.progress.sent.completed, true);
  assert.equal(p.sent.completed, false); /* the caller's progress is not changed */
  step = Core.due(step.progress, step.session, moduleAU, ld, 70000, true);
  assert.deepEqual(verbs(step), ["terminated"]);
  assert.deepEqual(step.send[0].result, { duration: "PT1M9S" });
  assert.deepEqual(verbs(Core.due(step.progress, step.session, moduleAU, ld, 80000, true)), []);
});

test("a pass is sent at once, scored against the LMS's mastery score, never twice", () => {
  const ld = launchData({ masteryScore: 0.8 });
  let s = Core.due(Core.emptyProgress(), Core.newSession(0), finalAU, ld, 0, false).session;
  let p = Core.emptyProgress();
  p.results.final = { v: "v2", p: false, s: 80 }; /* the quiz's own pass mark says failed */
  s.checked = true;
  const step = Core.due(p, s, finalAU, ld, 5000, false);
  assert.deepEqual(verbs(step), ["completed", "passed"]);
  assert.deepEqual(step.send[1].result, { score: { scaled: 0.8, raw: 80, min: 0, max: 100 }, success: true, duration: "PT5S" });
  assert.equal(step.progress.sent.passed, true);
  assert.deepEqual(verbs(Core.due(step.progress, step.session, finalAU, ld, 6000, true)), ["terminated"]);
  /* a relaunch in the same registration sends neither again */
  const again = Core.due(step.progress, Core.newSession(0), finalAU, ld, 1, true);
  assert.deepEqual(verbs(again), ["initialized", "terminated"]);
});

test("without a mastery score the quiz's pass mark decides", () => {
  const p = Core.emptyProgress();
  p.results.final = { v: "v2", p: true, s: 50 };
  assert.equal(Core.passes(p.results.final, null), true);
  assert.equal(Core.passes(p.results.final, 0.51), false);
  assert.equal(Core.passes({ v: "", p: false, s: 51 }, 0.51), true);
  assert.deepEqual(verbs(Core.due(p, Core.newSession(0), finalAU, launchData({}), 0, false)), ["initialized", "completed", "passed"]);
});

test("a failure waits for the end of the session, so a retry that passes is sent instead", () => {
  const ld = launchData({ masteryScore: 0.5 });
  let s = Core.due(Core.emptyProgress(), Core.newSession(0), finalAU, ld, 0, false).session;
  let p = Core.emptyProgress();
  p.results.final = { v: "v2", p: false, s: 20 };
  s.checked = true;
  let step = Core.due(p, s, finalAU, ld, 1000, false);
  assert.deepEqual(verbs(step), ["completed"]);
  step = Core.due(step.progress, step.session, finalAU, ld, 2000, true);
  assert.deepEqual(verbs(step), ["failed", "terminated"]);
  assert.deepEqual(step.send[0].result.score, { scaled: 0.2, raw: 20, min: 0, max: 100 });
  assert.equal(step.send[0].result.success, false);
  assert.equal(step.progress.sent.passed, false);
  /* retried and passed in one session: passed only */
  const retried = Core.due(p, s, finalAU, ld, 1000, false);
  const best = { ...retried.progress, results: { final: { v: "v2", p: true, s: 90 } } };
  assert.deepEqual(verbs(Core.due(best, retried.session, finalAU, ld, 3000, true)), ["passed", "terminated"]);
});

test("a failed result from an earlier session is not failed again in a later one", () => {
  const ld = launchData({ masteryScore: 0.5 });
  const p = Core.emptyProgress();
  p.results.final = { v: "v2", p: false, s: 20 };
  p.sent.completed = true;
  assert.deepEqual(verbs(Core.due(p, Core.newSession(0), finalAU, ld, 0, true)), ["initialized", "terminated"]);
});

test("after a pass, one judgement per session: no failed after passed", () => {
  const ld = launchData({ masteryScore: 0.5 });
  const p = Core.emptyProgress();
  p.results.final = { v: "v2", p: true, s: 40 }; /* below the LMS's mastery score */
  p.sent.passed = true;
  const s = { ...Core.newSession(0), checked: true };
  assert.deepEqual(verbs(Core.due(p, s, finalAU, ld, 0, true)), ["initialized", "completed", "terminated"]);
  const judged = { ...s, judged: true };
  const q = { ...p, sent: { completed: true, passed: false } };
  assert.deepEqual(verbs(Core.due(q, judged, finalAU, ld, 0, true)), ["initialized", "terminated"]);
});

test("Browse and Review launches send initialized and terminated only", () => {
  for (const mode of ["Browse", "Review"]) {
    const p = Core.visit(Core.visit(Core.emptyProgress(), moduleAU, "m/a.html"), moduleAU, "m/b.html");
    p.results.final = { v: "v2", p: true, s: 100 };
    assert.deepEqual(verbs(Core.due(p, Core.newSession(0), moduleAU, launchData({ launchMode: mode }), 0, true)), ["initialized", "terminated"]);
    assert.deepEqual(verbs(Core.due(p, { ...Core.newSession(0), checked: true }, finalAU, launchData({ launchMode: mode }), 0, true)), ["initialized", "terminated"]);
  }
});

test("statements follow the context template and the cmi5 rules", () => {
  const ld = launchData({ masteryScore: 0.5 });
  const result = { score: { scaled: 1, raw: 100, min: 0, max: 100 }, success: true, duration: "PT1S" };
  const st = Core.statement("passed", result, launch, ld, Date.UTC(2026, 0, 2, 3, 4, 5, 6), "id-1");
  assert.equal(st.id, "id-1");
  assert.equal(st.timestamp, "2026-01-02T03:04:05.006Z");
  assert.deepEqual(st.actor, actor);
  assert.equal(st.verb.id, "http://adlnet.gov/expapi/verbs/passed");
  assert.deepEqual(st.object, { id: launch.activityId, objectType: "Activity" });
  assert.equal(st.context.registration, registration);
  assert.deepEqual(st.context.contextActivities.grouping, template.contextActivities.grouping);
  assert.deepEqual(st.context.contextActivities.category.map((a) => a.id), [Core.CMI5_CATEGORY, Core.MOVEON_CATEGORY]);
  assert.equal(st.context.extensions[Core.SESSION_ID], session);
  assert.equal(st.context.extensions[Core.MASTERY], 0.5);
  assert.deepEqual(st.result, result);
  assert.equal(template.contextActivities.category, undefined); /* the template is not changed */
  const init = Core.statement("initialized", null, launch, ld, 0, "id-2");
  assert.deepEqual(init.context.contextActivities.category.map((a) => a.id), [Core.CMI5_CATEGORY]);
  assert.equal(init.context.extensions[Core.MASTERY], undefined);
  assert.equal(init.result, undefined);
  const ended = Core.statement("terminated", { duration: "PT2S" }, launch, ld, 0, "id-3");
  assert.deepEqual(ended.context.contextActivities.category.map((a) => a.id), [Core.CMI5_CATEGORY]);
  const done = Core.statement("completed", { completion: true, duration: "PT2S" }, launch, ld, 0, "id-4");
  assert.equal(done.context.contextActivities.category.length, 2);
  assert.equal(done.context.extensions[Core.MASTERY], undefined);
  /* what the LMS put in the template stays as it was */
  const own = launchData({ masteryScore: 0.5, contextTemplate: { ...template, registration: "x", extensions: { ...template.extensions, [Core.MASTERY]: 0.7 }, contextActivities: { category: { id: Core.CMI5_CATEGORY } } } });
  const kept = Core.statement("failed", { success: false, duration: "PT1S" }, launch, own, 0, "id-5");
  assert.equal(kept.context.extensions[Core.MASTERY], 0.7);
  assert.deepEqual(kept.context.contextActivities.category.map((a) => a.id), [Core.CMI5_CATEGORY, Core.MOVEON_CATEGORY]);
  assert.equal(kept.context.registration, registration);
});

test("durations are ISO 8601, UUIDs version 4", () => {
  assert.equal(Core.isoDuration(0), "PT0S");
  assert.equal(Core.isoDuration(1234), "PT1.23S");
  assert.equal(Core.isoDuration(3600000 + 120000 + 3000), "PT1H2M3S");
  assert.equal(Core.isoDuration(-5), "PT0S");
  const bytes = Array.from({ length: 16 }, (_, i) => i * 17);
  const id = Core.uuid(bytes);
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(id, "00112233-4455-4677-8899-aabbccddeeff");
  assert.notEqual(Core.uuid(bytes.map((b) => 255 - b)), id);
});

test("the verbs, categories, extensions and state ids are cmi5's own", () => {
  const adl = "http://adlnet.gov/expapi/verbs/";
  assert.deepEqual(Core.VERBS, {
    initialized: adl + "initialized",
    completed: adl + "completed",
    passed: adl + "passed",
    failed: adl + "failed",
    terminated: adl + "terminated"
  });
  assert.equal(Core.CMI5_CATEGORY, "https://w3id.org/xapi/cmi5/context/categories/cmi5");
  assert.equal(Core.MOVEON_CATEGORY, "https://w3id.org/xapi/cmi5/context/categories/moveon");
  assert.equal(Core.SESSION_ID, "https://w3id.org/xapi/cmi5/context/extensions/sessionid");
  assert.equal(Core.MASTERY, "https://w3id.org/xapi/cmi5/context/extensions/masteryscore");
  assert.equal(Core.LAUNCH_DATA_ID, "LMS.LaunchData");
  for (const mode of ["Normal", "Browse", "Review"]) assert.equal(launchData({ launchMode: mode }).launchMode, mode);
  for (const bad of ["x" + registration, registration + "0", registration.replace(/-/g, "")]) {
    assert.match(Core.parseLaunch(search.replace(registration, bad)).error, /registration/);
  }
});

test("only the query's leading question mark is dropped, empty pairs are skipped", () => {
  assert.deepEqual(Core.queryParams("?a=1&&b=?2&c"), { a: "1", b: "?2", c: "" });
  assert.deepEqual(Core.queryParams("a=1&a=2"), { a: "1" });
  assert.deepEqual(Core.queryParams(""), {});
});
