"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const P = require("../../generator/engine/theme/assets/microlearn/progress-core.js");

const lessons = [
  { id: "a", quiz: "qa" },
  { id: "b", quiz: null },
  { id: "c", quiz: "qc" }
];
const mod = { id: "m", lessons: ["a", "b", "c"] };

test("continue: the lesson opened last, or none before any visit", () => {
  assert.equal(P.continueLesson(lessons, {}), null);
  const visits = { a: { first: 1, last: 9 }, c: { first: 2, last: 5 } };
  assert.equal(P.continueLesson(lessons, visits).id, "a");
  visits.c.last = 10;
  assert.equal(P.continueLesson(lessons, visits).id, "c");
});

test("lesson marks: passed quiz, opened lesson without a quiz, visited, nothing", () => {
  const visits = { a: { first: 1, last: 1 }, b: { first: 1, last: 1 } };
  assert.equal(P.lessonMark(lessons[0], visits, {}), "visited");
  assert.equal(P.lessonMark(lessons[0], visits, { qa: true }), "passed");
  assert.equal(P.lessonMark(lessons[1], visits, {}), "done");
  assert.equal(P.lessonMark(lessons[2], visits, {}), "");
  assert.equal(P.lessonMark(lessons[2], {}, { qc: true }), "passed");
});

test("module progress counts done lessons and says when all are done", () => {
  assert.deepEqual(P.moduleProgress(mod, lessons, {}, {}), { done: 0, total: 3, mark: "" });
  const visits = { a: { first: 1, last: 1 }, b: { first: 1, last: 1 } };
  assert.deepEqual(P.moduleProgress(mod, lessons, visits, {}), { done: 1, total: 3, mark: "started" });
  assert.deepEqual(P.moduleProgress(mod, lessons, visits, { qa: true, qc: true }), { done: 3, total: 3, mark: "done" });
});

test("marks read as words, not only as colour", () => {
  assert.equal(P.markText("passed"), "quiz passed");
  assert.equal(P.markText("visited"), "visited");
  assert.equal(P.markText("done"), "done");
  assert.equal(P.markText(""), "");
});

test("growth line only when both scores exist", () => {
  assert.equal(P.growthText({ percent: 40 }, { percent: 85 }), "Pre-test 40% → Final 85%");
  assert.equal(P.growthText(null, { percent: 85 }), "");
  assert.equal(P.growthText({ percent: 40 }, null), "");
});

test("verification code: stable, short, and changes with version, name or date", () => {
  const code = P.verificationCode("1.0", "Ada Lovelace", "2026-01-05");
  assert.match(code, /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
  assert.equal(P.verificationCode("1.0", "  ada   LOVELACE ", "2026-01-05"), code);
  assert.notEqual(P.verificationCode("1.1", "Ada Lovelace", "2026-01-05"), code);
  assert.notEqual(P.verificationCode("1.0", "Ada Lovelace", "2026-01-06"), code);
  assert.notEqual(P.verificationCode("1.0", "Ada Byron", "2026-01-05"), code);
  assert.equal(P.verificationCode("1.0", "Ada Lovelace", "2026-01-05"), "XRGC-F29U");
});

test("iso date in the learner's zone", () => {
  assert.equal(P.isoDate(new Date(2026, 0, 5, 23, 59).getTime()), "2026-01-05");
});
