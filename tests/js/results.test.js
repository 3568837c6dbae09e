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
