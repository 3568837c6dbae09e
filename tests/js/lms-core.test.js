"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const Core = require("../../generator/engine/theme/assets/microlearn/lms-core.js");
const vectors = require(path.join(__dirname, "..", "fixtures", "suspend-vectors.json"));

const course = { quizzes: ["first-lesson", "second-lesson", "final"], lessons: 7, final: "final" };
const results = {
  "first-lesson": { v: "0123ab", p: true, s: 100 },
  "second-lesson": { v: "ffee00", p: false, s: 40 },
  final: { v: "abcdef", p: true, s: 80 }
};
const state = { attempt: "k3x9", visited: [0, 3, 6], results };

test("the shared vectors: encoding, decoding and worst cases agree with the build", () => {
  for (const c of vectors.cases) {
    assert.equal(Core.encodeSuspend(c.state, vectors.course), c.suspend);
    const back = Core.decodeSuspend(c.suspend, vectors.course);
    assert.equal(back.attempt, c.state.attempt);
    assert.deepEqual(back.visited, c.state.visited);
    assert.deepEqual(Object.keys(back.results).sort(), Object.keys(c.state.results).sort());
    for (const [id, r] of Object.entries(c.state.results)) {
      assert.equal(back.results[id].p, r.p);
      assert.equal(back.results[id].s, r.s);
      assert.match(back.results[id].v, /^[0-9a-f]{6}$/);
    }
  }
  for (const w of vectors.worst_case) assert.equal(Core.worstCase(w.quizzes, w.lessons), w.length);
});

test("suspend_data round-trips with quizzes keyed by index, 11 characters each", () => {
  const text = Core.encodeSuspend(state, course);
  assert.equal(text, "m2k3x9;92;005l0123ab;0128ffee00;024habcdef;");
  assert.deepEqual(Core.decodeSuspend(text, course), state);
  assert.equal(Core.encodeSuspend(Core.emptyState("0000"), course), "m20000;;");
});

test("the worst case is what a course with everything recorded really writes", () => {
  for (const [quizzes, lessons] of [[1, 1], [3, 7], [300, 300], [17, 0]]) {
    const big = { quizzes: [], lessons, final: "" };
    const full = { attempt: "zzzz", visited: [], results: {} };
    for (let i = 0; i < quizzes; i++) {
      big.quizzes.push(`quiz-${i}`);
      full.results[`quiz-${i}`] = { v: "0123456789ab", p: i % 2 === 0, s: i % 101 };
    }
    for (let i = 0; i < lessons; i++) full.visited.push(i);
    const text = Core.encodeSuspend(full, big);
    assert.equal(text.length, Core.worstCase(quizzes, lessons), `${quizzes} quizzes`);
    assert.deepEqual(Core.decodeSuspend(text, big).results, Object.fromEntries(
      Object.entries(full.results).map(([id, r]) => [id, { ...r, v: "012345" }])));
  }
  assert.ok(Core.worstCase(300, 300) <= Core.SUSPEND_LIMIT);
});

test("a truncated suspend_data keeps every whole part", () => {
  const text = Core.encodeSuspend(state, course);
  for (let cut = 0; cut <= text.length; cut++) {
    const got = Core.decodeSuspend(text.slice(0, cut), course);
    const whole = text.slice(0, cut).split(";").length - 1;
    assert.equal(got.attempt, whole >= 1 ? "k3x9" : "", `cut at ${cut}`);
    assert.deepEqual(got.visited, whole >= 2 ? [0, 3, 6] : [], `cut at ${cut}`);
    assert.equal(Object.keys(got.results).length, Math.max(0, whole - 2), `cut at ${cut}`);
    for (const id of Object.keys(got.results)) assert.deepEqual(got.results[id], results[id]);
  }
});

test("damaged, unknown or outdated entries are skipped, the rest kept", () => {
  const text = "m2k3x9;x;005l0123ab;0128FFEE00;2s00aaaaaa;035lbbbbbb;005l01;0128ffee00;";
  assert.deepEqual(Core.decodeSuspend(text, course), {
    attempt: "k3x9", visited: [], results: { "first-lesson": results["first-lesson"], "second-lesson": results["second-lesson"] }
  });
  assert.deepEqual(Core.decodeSuspend("m2toolong;;", course), Core.emptyState(""));
  assert.deepEqual(Core.decodeSuspend("m2k3x9;v;", course).visited, [0, 1, 2, 3, 4]);
  assert.deepEqual(Core.decodeSuspend("m2k3x9;vv;", course).visited, [0, 1, 2, 3, 4, 5, 6]);
  const versioned = { ...course, versions: ["0123ab99", "999999", "abcdef00"] };
  assert.deepEqual(Object.keys(Core.decodeSuspend(Core.encodeSuspend(state, course), versioned).results),
    ["first-lesson", "final"]);
});

test("results outside the course are not written", () => {
  const extra = { ...state, results: { ...results, gone: { v: "aa", p: true, s: 5 }, bad: { v: "a", p: "yes", s: 5 } } };
  assert.equal(Core.encodeSuspend(extra, course), Core.encodeSuspend(state, course));
  const bad = { attempt: "x", visited: [], results: { final: { v: "x", p: true, s: -5 } } };
  assert.equal(Core.encodeSuspend(bad, course), "m2;;");
});

test("older packages' values are still read, without an attempt token", () => {
  const m1 = Core.decodeSuspend("m1;first-lesson,p,2s,0123ab;final,f,14,ff;second,p,2", course);
  assert.deepEqual(m1, { attempt: "", visited: [], results: {
    "first-lesson": { v: "0123ab", p: true, s: 100 }, final: { v: "ff", p: false, s: 40 } } });
  assert.deepEqual(Core.decodeSuspend("m1;a,p,zz,ff;%E0%A4%A,p,1,;b,x,1,f;", course).results, {});
  const legacy = JSON.stringify({ "first-lesson": { v: "x", p: true, s: 100 }, "sec\\\"ond": { v: "y", p: false, s: 40 } });
  assert.equal(Object.keys(Core.decodeSuspend(legacy, course).results).length, 2);
  assert.deepEqual(Core.decodeSuspend(legacy.slice(0, legacy.length - 8), course).results,
    { "first-lesson": { v: "x", p: true, s: 100 } });
  assert.deepEqual(Core.decodeSuspend('{"q": {"v": "x", "p": true}}', course).results, { q: { v: "x", p: true, s: 0 } });
  assert.deepEqual(Core.decodeSuspend('{"q": 5, "r": {"v": "x", "p": true, "s": 500}}', course).results, {});
});

test("unreadable suspend_data gives an empty state and no error", () => {
  for (const raw of ["", "garbage", "null", "{", "[1,2]", null, undefined, 5, "m2", "m2;;;;", "m1"]) {
    assert.deepEqual(Core.decodeSuspend(raw, course), Core.emptyState(""), String(raw));
  }
});

test("a new attempt: entry ab-initio or nothing saved", () => {
  assert.equal(Core.isNewAttempt("ab-initio", "m2k3x9;;"), true);
  assert.equal(Core.isNewAttempt("resume", ""), true);
  assert.equal(Core.isNewAttempt("", undefined), true);
  assert.equal(Core.isNewAttempt("resume", "m2k3x9;;"), false);
  assert.equal(Core.isNewAttempt("", "m2k3x9;;"), false);
  assert.equal(Core.newAttempt(() => 0), "0000");
  assert.equal(Core.newAttempt(() => 0.999999999), "zzzz");
  assert.match(Core.newAttempt(Math.random), /^[0-9a-z]{4}$/);
});

test("this browser's storage is kept only for its own learner and attempt", () => {
  assert.equal(Core.keepLocal({ learner: "ann", attempt: "k3x9" }, "ann", "k3x9"), "all");
  assert.equal(Core.keepLocal({ learner: "ann", attempt: "k3x9" }, "ann", "b000"), "notes");
  assert.equal(Core.keepLocal({ learner: "ann", attempt: "k3x9" }, "bob", "k3x9"), "nothing");
  assert.equal(Core.keepLocal(null, "ann", "k3x9"), "nothing");
});

test("the owner record: one attempt for the course, or one per part side by side", () => {
  assert.deepEqual(Core.scopeOwner({ learner: "ann", attempt: "k3x9" }, "ann", "k3x9"),
    { keep: "all", record: { learner: "ann", attempt: "k3x9" } });
  assert.deepEqual(Core.scopeOwner("broken", "ann", "k3x9"),
    { keep: "nothing", record: { learner: "ann", attempt: "k3x9" } });
  const two = { learner: "ann", attempts: { m1: "aaaa", m2: "bbbb" } };
  assert.deepEqual(Core.scopeOwner(two, "ann", "aaaa", "m1"), { keep: "all", record: two });
  assert.deepEqual(Core.scopeOwner(two, "ann", "cccc", "m2"),
    { keep: "notes", record: { learner: "ann", attempts: { m1: "aaaa", m2: "cccc" } } });
  /* a part opened for the first time costs the others nothing */
  assert.deepEqual(Core.scopeOwner(two, "ann", "dddd", "m3"),
    { keep: "notes", record: { learner: "ann", attempts: { m1: "aaaa", m2: "bbbb", m3: "dddd" } } });
  /* another learner: nothing is kept, their parts' attempts are forgotten */
  assert.deepEqual(Core.scopeOwner(two, "bob", "aaaa", "m1"),
    { keep: "nothing", record: { learner: "bob", attempts: { m1: "aaaa" } } });
  assert.deepEqual(Core.scopeOwner(null, "bob", "aaaa", "m1"),
    { keep: "nothing", record: { learner: "bob", attempts: { m1: "aaaa" } } });
  assert.deepEqual(Core.scopeOwner({ learner: "ann", attempts: { m1: 7 } }, "ann", "aaaa", "m1"),
    { keep: "notes", record: { learner: "ann", attempts: { m1: "aaaa" } } });
});

test("merging results within an attempt: a pass stays, the best score stays", () => {
  const pass = { v: "aa", p: true, s: 90 };
  const fail = { v: "aa", p: false, s: 30 };
  assert.deepEqual(Core.mergeResult(pass, fail), { v: "aa", p: true, s: 90 });
  assert.deepEqual(Core.mergeResult(fail, pass), { v: "aa", p: true, s: 90 });
  assert.deepEqual(Core.mergeResult(undefined, fail), fail);
  assert.deepEqual(Core.mergeResult(fail, null), fail);
  assert.deepEqual(Core.mergeResult({ v: "aa", p: false, s: 10 }, { v: "", p: false, s: 20 }), { v: "aa", p: false, s: 20 });
});

test("visiting lessons: once each, in order", () => {
  const s = Core.visit(Core.visit(Core.visit(Core.emptyState("a000"), 4), 1), 4);
  assert.deepEqual(s.visited, [1, 4]);
  assert.equal(Core.visit(s, -1), s);
  assert.deepEqual(Core.visit(s, 10).visited, [1, 4, 10]);
});

test("with a final assessment only its result in this attempt counts", () => {
  const lessonsOnly = { ...state, results: { "first-lesson": results["first-lesson"] }, visited: [0, 1, 2, 3, 4, 5, 6] };
  assert.deepEqual(Core.decide(lessonsOnly, course), { status: "incomplete", score: null, done: false });
  assert.deepEqual(Core.decide({ ...state, results: { final: { v: "", p: false, s: 60 } } }, course),
    { status: "failed", score: 60, done: false });
  assert.deepEqual(Core.decide(state, course), { status: "passed", score: 80, done: true });
  assert.deepEqual(Core.decide({ ...state, results: { final: { v: "", p: true, s: 79.6 } } }, course),
    { status: "passed", score: 80, done: true });
});

test("without a final assessment: completed once every lesson was visited, no score", () => {
  const open = { ...course, final: "" };
  assert.deepEqual(Core.decide(state, open), { status: "incomplete", score: null, done: false });
  const all = Core.visit(Core.visit(Core.visit(Core.visit(state, 1), 2), 4), 5);
  assert.deepEqual(Core.decide(all, open), { status: "completed", score: null, done: true });
  assert.deepEqual(Core.decide({ ...all, visited: [0, 1, 2, 3, 4, 5, 9] }, open).status, "incomplete");
  assert.deepEqual(Core.decide(Core.emptyState(""), { quizzes: [], lessons: 0, final: "" }).status, "incomplete");
});

test("session time is HHHH:MM:SS.SS", () => {
  assert.equal(Core.sessionTime(0), "0000:00:00.00");
  assert.equal(Core.sessionTime(-5), "0000:00:00.00");
  assert.equal(Core.sessionTime(1234), "0000:00:01.23");
  assert.equal(Core.sessionTime(((2 * 60 + 3) * 60 + 4) * 1000 + 560), "0002:03:04.56");
  assert.equal(Core.sessionTime(1e13), "9999:59:59.99");
  assert.match(Core.sessionTime(59999), /^\d{4}:00:59\.99$/);
});

test("bookmarks are package pages that fit lesson_location", () => {
  assert.equal(Core.bookmark("basics/first-lesson.html"), "basics/first-lesson.html");
  assert.equal(Core.bookmark("final-assessment.html"), "final-assessment.html");
  for (const bad of ["../lms.html", "/abs.html", "https://x.org/a.html", "a/../b.html", "a.htm", "", null, "a b.html",
    "a/" + "x".repeat(250) + ".html"]) {
    assert.equal(Core.bookmark(bad), "", String(bad));
  }
  assert.equal(Core.bookmark("x".repeat(250) + ".html"), "x".repeat(250) + ".html");
});

test("values lists what to set, score only when there is one, exit by what is left", () => {
  assert.deepEqual(Core.values(state, course, { location: "basics/first-lesson.html", elapsed: 61000 }), [
    ["cmi.suspend_data", Core.encodeSuspend(state, course)],
    ["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"], ["cmi.core.score.raw", "80"],
    ["cmi.core.lesson_status", "passed"],
    ["cmi.core.lesson_location", "basics/first-lesson.html"],
    ["cmi.core.exit", ""],
    ["cmi.core.session_time", "0000:01:01.00"]
  ]);
  assert.deepEqual(Core.values(Core.emptyState("a000"), course, { location: "", elapsed: 0 }), [
    ["cmi.suspend_data", "m2a000;;"], ["cmi.core.lesson_status", "incomplete"],
    ["cmi.core.exit", "suspend"], ["cmi.core.session_time", "0000:00:00.00"]
  ]);
});

test("edges the encoding must hold: bad digits, anchors, out-of-range scores and indexes", () => {
  assert.deepEqual(Core.decodeSuspend("m2k3x9;V1;", course).visited, []); /* base 32 is lower case */
  const text = "m2k3x9;;x005l0123ab;005l0123abc;015mffee00;0128ffee00;";
  assert.deepEqual(Core.decodeSuspend(text, course).results, { "second-lesson": results["second-lesson"] });
  assert.deepEqual(Core.decodeSuspend("m2;1;005l0123ab;", course),
    { attempt: "", visited: [0], results: { "first-lesson": results["first-lesson"] } });
  const huge = { quizzes: [], lessons: 0, final: "" };
  for (let i = 0; i <= 1296; i++) huge.quizzes.push(`q${i}`);
  const lastOnly = { attempt: "a000", visited: [], results: { q1296: { v: "aa", p: true, s: 5 }, q1295: { v: "aa", p: true, s: 5 } } };
  assert.equal(Core.encodeSuspend(lastOnly, huge), "m2a000;;zz0b0000aa;");
  for (const bad of [{ v: 5, p: true, s: 5 }, { v: "a", p: "yes", s: 5 }, { v: "a", p: true, s: "5" }]) {
    assert.equal(Core.encodeSuspend({ attempt: "a000", visited: [], results: { final: bad } }, course), "m2a000;;");
  }
  assert.equal(Core.bookmark("a.htmlx"), "");
  assert.deepEqual(Core.visit(Core.emptyState(""), 0).visited, [0]);
  const open = { ...course, final: "" };
  assert.equal(Core.decide({ ...state, visited: [0, 1, 2, 3, 4, 5, 7] }, open).status, "incomplete");
});
