"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const R = require("../../generator/engine/theme/assets/microlearn/results.js");

const course = {
  id: "mini", title: "Mini, the course", version: "1.0",
  quizzes: [
    { id: "a", title: "Check: a", final: false, pass_mark: 80 },
    { id: "b", title: "Check: b", final: false, pass_mark: 80 },
    { id: "c", title: "Check: c", final: false, pass_mark: 80 },
    { id: "final", title: "Final", final: true, pass_mark: 50 }
  ]
};
const states = {
  a: { version: "x", checked: true, passed: true, score: 60, best: 100, last: "failed", updated: 1.7e12 },
  b: { version: "x", checked: true, passed: false, score: 40, last: "failed" },
  c: { version: "x", checked: false, answers: { q1: ["o1"] } }
};

test("each quiz gets a status, last and best score", () => {
  const r = R.build(course, states, "  Ada   Lovelace ", Date.UTC(2026, 0, 2));
  assert.equal(r.format, "microlearn-results");
  assert.equal(r.exported, "2026-01-02T00:00:00.000Z");
  assert.equal(r.learner.name, "Ada Lovelace");
  assert.deepEqual(r.quizzes.map((q) => [q.id, q.status, q.score, q.best, q.passed]), [
    ["a", "passed", 60, 100, true],
    ["b", "failed", 40, 40, false],
    ["c", "not attempted", null, null, false],
    ["final", "not attempted", null, null, false]
  ]);
  assert.equal(r.quizzes[0].updated, new Date(1.7e12).toISOString());
  assert.equal(r.quizzes[3].final, true);
});

test("damaged state counts as not attempted", () => {
  for (const bad of [null, "text", 7, { score: 900, checked: true }, { checked: "yes" }]) {
    assert.equal(R.quizResult(course.quizzes[0], bad).status, "not attempted");
  }
});

test("CSV: one row per quiz, quoted, never a formula", () => {
  const r = R.build(course, states, "=HYPERLINK(\"x\")", 0);
  const lines = R.toCsv(r).split("\r\n");
  assert.equal(lines[0], R.COLUMNS.join(","));
  assert.equal(lines.length, course.quizzes.length + 2); /* header, rows, final newline */
  assert.ok(lines[1].startsWith('mini,"Mini, the course",1.0,"\'=HYPERLINK(""x"")",a,'));
  assert.equal(r.exported, null);
});

test("file name names course and learner", () => {
  const r = R.build(course, {}, "Zoë O'Neil", 0);
  assert.equal(R.fileName(r, "json"), "mini-results-zo-o-neil.json");
  assert.equal(R.fileName(R.build(course, {}, "", 0), "csv"), "mini-results.csv");
});

test("the CSV columns are the documented ones, in order", () => {
  assert.deepEqual(R.COLUMNS, ["course_id", "course_title", "course_version", "learner",
    "quiz_id", "quiz_title", "final", "pass_mark", "status", "score", "best", "passed",
    "updated", "exported"]);
});

test("scores are whole percents from 0 to 100, anything else is no score", () => {
  const quiz = course.quizzes[0];
  const scored = (score) => R.quizResult(quiz, { checked: true, score: score }).score;
  assert.equal(scored(0), 0);
  assert.equal(scored(100), 100);
  assert.equal(scored(99.6), 100);
  for (const bad of [-1, 101, NaN, Infinity, "50", null]) {
    assert.equal(R.quizResult(quiz, { checked: true, score: bad }).status, "not attempted");
  }
  assert.equal(R.quizResult(quiz, { last: "failed", score: 30 }).status, "failed");
  assert.equal(R.quizResult(quiz, { last: "passed", passed: true, score: 80 }).status, "passed");
  assert.equal(R.quizResult(quiz, { checked: false, score: 50, last: "" }).status, "not attempted");
  const bestOnly = R.quizResult(quiz, { passed: true, best: 90, score: null });
  assert.deepEqual([bestOnly.score, bestOnly.best], [90, 90]);
  assert.equal(R.quizResult(quiz, { last: "passed" }).status, "failed"); /* inconsistent: not a pass */
  assert.equal(R.quizResult({ ...quiz, final: "yes" }, {}).final, false);
});

test("times are ISO strings only for real moments", () => {
  const quiz = course.quizzes[0];
  for (const bad of [0, -5, "123", Infinity, NaN, null]) {
    assert.equal(R.quizResult(quiz, { checked: true, score: 50, updated: bad }).updated, null);
  }
  assert.equal(R.quizResult(quiz, { updated: 86400000 }).updated, "1970-01-02T00:00:00.000Z");
});

test("CSV cells: empty for no value, formulas only at the start are guarded", () => {
  const r = R.build({ ...course, version: null }, {}, "Ada=Lovelace-Smith", 0);
  const row = R.toCsv(r).split("\r\n")[1].split(",");
  assert.deepEqual(row.slice(0, 5), ["mini", '"Mini', ' the course"', "", "Ada=Lovelace-Smith"]);
  assert.deepEqual(row.slice(-5), ["", "", "false", "", ""]);
  assert.equal(R.toCsv(R.build(course, {}, "@home", 0)).split("\r\n")[1].split(",")[4], "'@home");
});

test("file names trim what is not a letter or digit", () => {
  assert.equal(R.fileName(R.build(course, {}, "  --Ada!  ", 0), "json"), "mini-results-ada.json");
});
