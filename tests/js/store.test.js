"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Store = require("../../generator/engine/theme/assets/microlearn/store.js");
const Scoring = require("../../generator/engine/theme/assets/microlearn/scoring.js");

const V = "0123456789ab";

function checked(percent, passed, updated) {
  return Store.recordAttempt(Store.emptyQuiz(V), percent, passed, updated);
}

test("keys follow microlearn:v1:<course>:<kind>:<id>", () => {
  assert.equal(Store.key("c", "quiz", "q1"), "microlearn:v1:c:quiz:q1");
  assert.equal(Store.key("c", "visit", "l1"), "microlearn:v1:c:visit:l1");
  assert.equal(Store.key("c", "review"), "microlearn:v1:c:review");
  assert.equal(Store.entryName("c", "microlearn:v1:c:quiz:q1"), "quiz:q1");
  assert.equal(Store.entryName("c", "microlearn:v1:cc:quiz:q1"), null);
  assert.equal(Store.entryName("c", null), null);
});

test("a round trip through encode and readQuiz keeps the state", () => {
  const s = checked(80, true, 5);
  s.answers = { q1: ["a"], q2: { x: "1" } };
  s.order = { q1: ["b", "a"] };
  s.shuffled = true;
  assert.deepEqual(Store.readQuiz(Store.encode(s), V), s);
});

test("wrong types are ignored and rebuilt, never thrown", () => {
  const bad = [
    "not json", "null", "5", "[]", '"text"', null, undefined,
    JSON.stringify({ version: V, order: null, answers: { q1: 5 }, checked: true }),
    JSON.stringify({ version: V, order: { q1: [1, 2] }, answers: null, passed: "yes", score: "80" }),
    JSON.stringify({ version: V, answers: { q1: [5, "a"], q2: { x: 1, y: "2", z: "two" } }, score: 250, best: -1, updated: "now", last: "won" })
  ];
  for (const raw of bad) {
    const s = Store.readQuiz(raw, V);
    assert.equal(s.version, V);
    assert.deepEqual(Object.keys(s).sort(), Object.keys(Store.emptyQuiz(V)).sort());
    assert.equal(typeof s.answers, "object");
    assert.equal(typeof s.order, "object");
    assert.equal(s.passed, false, String(raw));
  }
  const s = Store.readQuiz(bad[7], V);
  assert.deepEqual(s.order, {});
  assert.deepEqual(s.answers, {});
  assert.equal(s.checked, false); // checked with no score has no result to show
  const t = Store.readQuiz(bad[9], V);
  assert.deepEqual(t.answers, { q1: ["a"], q2: { y: "2" } });
  assert.deepEqual([t.score, t.best, t.updated, t.last], [null, 0, 0, ""]);
  assert.deepEqual(Store.readQuiz(bad[8], V).order, {});
});

test("a state of another quiz version starts afresh", () => {
  const old = checked(100, true, 5);
  old.version = "ffffffffffff";
  const s = Store.readQuiz(Store.encode(old), V);
  assert.deepEqual(s, Store.emptyQuiz(V));
  // without a version to check (progress displays) the state is read as stored
  assert.equal(Store.readQuiz(Store.encode(old)).passed, true);
});

test("a short version from the LMS matches its full version, not another", () => {
  assert.equal(Store.sameVersion("012345", V), true);
  assert.equal(Store.sameVersion(V, "012345"), true);
  assert.equal(Store.sameVersion("01234", V), false);
  assert.equal(Store.sameVersion("112345", V), false);
  assert.equal(Store.sameVersion("", ""), false);
  assert.equal(Store.sameVersion(V, V), true);
  assert.equal(Store.sameVersion(null, V), false);
  const s = Store.readQuiz(Store.encode(Store.fromResult({ v: "012345", p: true, s: 90 })), V);
  assert.equal(s.version, V);
  assert.equal(s.passed, true);
});

test("pass then fail keeps the pass and the best score", () => {
  const passed = checked(80, true, 1);
  const failed = Store.recordAttempt(passed, 40, false, 2);
  assert.equal(failed.passed, true);
  assert.equal(failed.best, 80);
  assert.equal(failed.score, 40);
  assert.equal(failed.last, "failed");
  assert.equal(failed.checked, true);
  assert.equal(Store.recordAttempt(Store.emptyQuiz(V), 60, false, 1).passed, false);
});

test("merge: the best result wins whichever tab saved last", () => {
  const a = checked(100, true, 1); // tab A passed
  const b = checked(20, false, 2); // tab B failed later
  b.answers = { q1: ["z"] };
  for (const m of [Store.merge(a, b), Store.merge(b, a)]) {
    assert.equal(m.passed, true);
    assert.equal(m.best, 100);
    assert.equal(m.score, 20); // the newer attempt is what the page shows
    assert.deepEqual(m.answers, { q1: ["z"] });
    assert.equal(m.updated, 2);
  }
});

test("merge: a tie goes to the second state; other versions are not mixed", () => {
  const a = checked(50, false, 3);
  const b = checked(60, false, 3);
  assert.equal(Store.merge(a, b).score, 60);
  const other = checked(100, true, 1);
  other.version = "ffffffffffff";
  const m = Store.merge(other, a);
  assert.equal(m.passed, false);
  assert.equal(m.version, V);
  const full = Store.merge(Store.fromResult({ v: "012345", p: true, s: 70 }), checked(10, false, 4));
  assert.equal(full.version, V);
  assert.equal(full.passed, true);
  assert.equal(full.best, 70);
});

test("Try again clears answers, keeps results and takes a new shuffled order", () => {
  const questions = [{ id: "q1", type: "single", options: [{ key: "a" }, { key: "b" }, { key: "c" }] }];
  const s = checked(100, true, 1);
  s.order = { q1: ["a", "b", "c"] };
  s.answers = { q1: ["a"] };
  const next = Store.clearAttempt(s, 2, Scoring.drawOrder(questions, () => 0));
  assert.deepEqual(next.order, { q1: ["b", "c", "a"] });
  assert.notDeepEqual(next.order, s.order);
  assert.equal(next.shuffled, true);
  assert.deepEqual(next.answers, {});
  assert.equal(next.checked, false);
  assert.equal(next.passed, true);
  assert.equal(next.updated, 2);
  assert.equal(Store.clearAttempt(s, 2, {}).shuffled, false);
});

test("status never shows an undefined percent", () => {
  assert.deepEqual(Store.status(Store.emptyQuiz(V)), { kind: "", percent: 0 });
  assert.deepEqual(Store.status(checked(40, false, 1)), { kind: "tried", percent: 40 });
  assert.deepEqual(Store.status(checked(90, true, 1)), { kind: "passed", percent: 90 });
  const lms = Store.fromResult({ v: "x", p: false, s: 30 });
  assert.deepEqual(Store.status(lms), { kind: "tried", percent: 30 });
  const raw = Store.readQuiz(JSON.stringify({ version: V, checked: true, last: "failed" }));
  assert.equal(typeof Store.status(raw).percent, "number");
});

test("LMS results convert both ways", () => {
  const s = checked(85, true, 1);
  assert.deepEqual(Store.toResult(s), { v: "012345", p: true, s: 85 });
  assert.deepEqual(Store.toResult(Store.recordAttempt(s, 10, false, 2)), { v: "012345", p: true, s: 85 });
  const back = Store.fromResult({ v: "012345", p: false, s: 150 });
  assert.equal(back.best, 0);
  assert.equal(Store.fromResult(null).passed, false);
  assert.equal(Store.fromResult({ v: 5, p: "true", s: 50 }).passed, false);
});

test("visits, notes and review are validated on read", () => {
  assert.deepEqual(Store.readVisit('{"first": 5, "last": 9}'), { first: 5, last: 9 });
  assert.deepEqual(Store.readVisit('{"first": 5, "last": 2}'), { first: 5, last: 5 });
  assert.equal(Store.readVisit('{"first": "x"}'), null);
  assert.equal(Store.readNote('"hello"'), "hello");
  assert.equal(Store.readNote("5"), "");
  assert.equal(Store.readNote("{broken"), "");
  const review = Store.readReview(JSON.stringify({
    items: { "q:q1": { box: 2, due: 10 }, bad: { box: 9, due: 1 }, frac: { box: 1.5, due: 1 }, nodue: { box: 1 }, zero: { box: 0, due: 1 } }
  }));
  assert.deepEqual(review, { items: { "q:q1": { box: 2, due: 10 } } });
  assert.deepEqual(Store.readReview("[]"), { items: {} });
  assert.deepEqual(Store.readReview('{"items": {"top": {"box": 5, "due": 0}}}'), { items: { top: { box: 5, due: 0 } } });
});

test("export keeps every readable entry of the course and nothing else", () => {
  const entries = {
    "microlearn:v1:c:quiz:q1": Store.encode(checked(100, true, 1)),
    "microlearn:v1:c:quiz:broken": "{not json",
    "microlearn:v1:c:note:n1": '"my note"',
    "microlearn:v1:c:review": '{"items": {}}',
    "microlearn:v1:c:visit:l1": '{"first": 1}',
    "microlearn:v1:c:other:x": "1",
    "microlearn:v1:d:quiz:q1": Store.encode(checked(100, true, 1))
  };
  const file = Store.exportState("c", entries, 42);
  assert.equal(file.format, "microlearn-progress");
  assert.equal(file.exported, 42);
  assert.deepEqual(Object.keys(file.entries).sort(), ["note:n1", "quiz:q1", "review", "visit:l1"]);
  const back = Store.importState("c", JSON.stringify(file));
  assert.equal(back.ok, true);
  assert.equal(back.skipped, 0);
  assert.equal(back.entries["microlearn:v1:c:quiz:q1"].passed, true);
  assert.equal(back.entries["microlearn:v1:c:note:n1"], "my note");
});

test("import refuses a bad file and skips bad entries, never throws", () => {
  for (const bad of ["", "{", "[]", "null", '{"format": "x"}', '{"format": "microlearn-progress", "version": 2, "course": "c", "entries": {}}']) {
    const r = Store.importState("c", bad);
    assert.equal(r.ok, false, bad);
    assert.deepEqual(r.entries, {});
    assert.ok(r.error);
  }
  assert.match(Store.importState("c", { format: "microlearn-progress", version: 1, course: "d", entries: {} }).error, /another course/);
  assert.equal(Store.importState("c", { format: "microlearn-progress", version: 1, course: "c" }).ok, false);
  const r = Store.importState("c", {
    format: "microlearn-progress", version: 1, course: "c",
    entries: { "quiz:q1": { version: V, passed: true, order: null }, "quiz:q2": 5, "visit:l1": "x", evil: 1, "review:x": {} }
  });
  assert.equal(r.ok, true);
  assert.equal(r.skipped, 4);
  assert.deepEqual(Object.keys(r.entries), ["microlearn:v1:c:quiz:q1"]);
  assert.deepEqual(r.entries["microlearn:v1:c:quiz:q1"].order, {});
});

test("decode never throws", () => {
  assert.equal(Store.decode("{"), null);
  assert.equal(Store.decode(undefined), null);
  assert.deepEqual(Store.decode({ a: 1 }), { a: 1 });
  assert.equal(Store.decode("[1]")[0], 1);
});

test("numbers are read only when they are real percents and times", () => {
  const read = (fields) => Store.readQuiz(JSON.stringify({ version: V, checked: true, ...fields }), V);
  for (const score of [null, "80", -1, 101, 1e400, true]) {
    assert.equal(read({ score }).score, null, String(score));
  }
  assert.equal(Store.readQuiz({ version: V, checked: true, score: NaN }, V).score, null);
  assert.equal(Store.readQuiz({ version: V, checked: true, score: Infinity }, V).score, null);
  assert.equal(Store.readQuiz({ version: V, updated: NaN }, V).updated, 0);
  assert.equal(Store.readQuiz({ version: V, updated: -5 }, V).updated, 0);
  assert.equal(read({ score: 0 }).score, 0);
  assert.equal(read({ score: 100 }).score, 100);
  assert.equal(read({ score: 66.6 }).score, 67);
  assert.equal(read({ score: 70 }).best, 70);
  assert.equal(read({ score: 70, best: 90 }).best, 90);
  assert.equal(read({ score: 70, best: 101 }).best, 70);
  assert.equal(read({ updated: 0 }).updated, 0);
  assert.equal(read({ updated: 7 }).updated, 7);
  assert.equal(read({ last: "failed" }).last, "failed");
  assert.equal(read({ last: "passed" }).last, "passed");
});

test("flags are read only when they are true booleans", () => {
  assert.equal(Store.readQuiz({ version: V, checked: "true", score: 50 }, V).checked, false);
  assert.equal(Store.readQuiz({ version: V, checked: true, score: 50 }, V).checked, true);
  assert.equal(Store.readQuiz({ version: V, shuffled: true }, V).shuffled, false);
  assert.equal(Store.readQuiz({ version: V, shuffled: "yes", order: { q1: ["a"] } }, V).shuffled, false);
  assert.equal(Store.readQuiz({ version: V, shuffled: true, order: { q1: ["a"] } }, V).shuffled, true);
  assert.equal(Store.emptyQuiz(V).shuffled, false);
  assert.deepEqual(Store.readQuiz({ version: V, order: { q1: ["a", 1], q2: ["b"] } }, V).order, { q2: ["b"] });
  const positions = Store.readQuiz({ version: V, answers: { q: { a: "12", b: "1a", c: "a1", d: "" } } }, V);
  assert.deepEqual(positions.answers, { q: { a: "12" } });
});

test("version checks refuse other types and accept equal short versions", () => {
  assert.equal(Store.sameVersion("x", "x"), true);
  assert.equal(Store.sameVersion(1234567, "1234567890"), false);
  assert.equal(Store.sameVersion("1234567890", 1234567), false);
  assert.equal(Store.sameVersion("", "0123456"), false);
});

test("merge keeps the full version whichever side is newer, and no pass from nowhere", () => {
  const short = Store.fromResult({ v: "012345", p: false, s: 10 });
  short.updated = 9;
  const full = checked(20, false, 1);
  for (const m of [Store.merge(short, full), Store.merge(full, short)]) {
    assert.equal(m.version, V);
    assert.equal(m.passed, false);
    assert.equal(m.best, 20);
  }
  assert.equal(Store.status(Store.recordAttempt(checked(80, false, 1), 40, false, 2)).percent, 40);
  assert.equal(Store.fromResult({ v: 5, p: true, s: 1 }).version, "");
  assert.equal(Store.fromResult({ v: "ab", p: false, s: 1 }).last, "failed");
  assert.equal(Store.fromResult({ v: "ab", p: true, s: 1 }).last, "passed");
});

test("entry names and review boxes at their limits", () => {
  assert.deepEqual(Store.readVisit('{"first": 5, "last": 5}'), { first: 5, last: 5 });
  assert.deepEqual(Store.readReview("null"), { items: {} });
  assert.deepEqual(Store.readReview('{"items": {"a": {"box": 1, "due": 3}}}'), { items: { a: { box: 1, due: 3 } } });
  assert.equal(Store.readEntry("quiz:", Store.encode(checked(1, false, 1))), null);
  assert.equal(Store.readEntry("note:a", '"x"'), "x");
  assert.equal(Store.readEntry("review", "{}").items !== undefined, true);
  assert.equal(Store.readEntry("quizzes:a", '"x"'), null);
  const plain = Store.importState("c", '{"format": "microlearn-progress", "version": 1, "course": "c", "entries": {}}');
  assert.deepEqual([plain.ok, plain.error], [true, ""]);
  assert.equal(Store.importState("c", "[]").error, "This is not a microlearn progress file.");
  assert.equal(Store.importState("c", { format: "microlearn-progress", version: 1, course: "c" }).error,
    "This progress file holds no progress.");
});

test("assessments: attempts count checked attempts, a new attempt keeps its draw", () => {
  let state = checked(40, false, 1);
  assert.equal(state.attempts, 1);
  state = Store.clearAttempt(state, 2, {}, ["a2", "c1", "x1"]);
  assert.deepEqual(state.drawn, ["a2", "c1", "x1"]);
  assert.equal(state.attempts, 1); /* trying again is not an attempt until it is checked */
  state = Store.recordAttempt(state, 90, true, 3);
  assert.equal(state.attempts, 2);
  const back = Store.readQuiz(Store.encode(state), V);
  assert.deepEqual([back.drawn, back.attempts], [["a2", "c1", "x1"], 2]);
  assert.deepEqual(Store.clearAttempt(state, 4, {}).drawn, []); /* practice quizzes draw nothing */
});

test("assessments: bad draws and counts are dropped; merge keeps the most attempts", () => {
  const bad = Store.readQuiz({ version: V, drawn: ["a1", 3, null], attempts: -1 }, V);
  assert.deepEqual([bad.drawn, bad.attempts], [["a1"], 0]);
  for (const attempts of [1.5, "2", 1e9, NaN, null]) {
    assert.equal(Store.readQuiz({ version: V, attempts }, V).attempts, 0, String(attempts));
  }
  assert.deepEqual(Store.readQuiz({ version: V, drawn: "a1" }, V).drawn, []);
  const a = Store.readQuiz({ version: V, attempts: 3, updated: 1 }, V);
  const b = Store.readQuiz({ version: V, attempts: 1, updated: 2 }, V);
  assert.equal(Store.merge(a, b).attempts, 3);
  assert.equal(Store.merge(b, a).attempts, 3);
});
