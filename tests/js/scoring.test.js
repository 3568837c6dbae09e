"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Scoring = require("../../generator/engine/theme/assets/microlearn/scoring.js");

const single = { id: "q1", type: "single", options: [{ key: "a", correct: false }, { key: "b", correct: true }] };
const multi = {
  id: "q2", type: "multiple",
  options: [{ key: "a", correct: true }, { key: "b", correct: true }, { key: "c", correct: false }]
};
const truefalse = { id: "q3", type: "truefalse", options: [{ key: "true", correct: false }, { key: "false", correct: true }] };
const ordering = {
  id: "q4", type: "ordering",
  steps: [{ key: "x", position: "1" }, { key: "y", position: "2" }, { key: "z", position: "3" }]
};
const scenario = { id: "q5", type: "scenario", options: [{ key: "a", correct: true }, { key: "b", correct: false }] };
const quiz = [single, multi, truefalse, ordering, scenario];
const allRight = { q1: ["b"], q2: ["a", "b"], q3: ["false"], q4: { x: "1", y: "2", z: "3" }, q5: ["a"] };

function withWrong(n) {
  const a = structuredClone(allRight);
  const wrong = [["q1", ["a"]], ["q2", ["a"]], ["q3", ["true"]], ["q4", { x: "2", y: "1", z: "3" }], ["q5", ["b"]]];
  wrong.slice(0, n).forEach(([q, v]) => { a[q] = v; });
  return a;
}

test("every kind of question scores right when wholly right", () => {
  for (const q of quiz) assert.equal(Scoring.isCorrect(q, allRight[q.id]), true, q.type);
});

test("a multiple-answer question with a correct option missing is wrong", () => {
  assert.equal(Scoring.isCorrect(multi, ["a"]), false);
  assert.equal(Scoring.isCorrect(multi, ["b"]), false);
  assert.deepEqual(Scoring.marks(multi, ["a"]), { a: true, b: false, c: true });
});

test("a multiple-answer question with an extra wrong option is wrong", () => {
  assert.equal(Scoring.isCorrect(multi, ["a", "b", "c"]), false);
  assert.deepEqual(Scoring.marks(multi, ["a", "b", "c"]), { a: true, b: true, c: false });
});

test("a single-answer question with the wrong option or none is wrong", () => {
  assert.equal(Scoring.isCorrect(single, ["a"]), false);
  assert.equal(Scoring.isCorrect(single, []), false);
  assert.equal(Scoring.isCorrect(truefalse, ["true"]), false);
  assert.equal(Scoring.isCorrect(scenario, ["b"]), false);
});

test("a partly right ordering is wrong and marks each step", () => {
  const partial = { x: "1", y: "3", z: "2" };
  assert.equal(Scoring.isCorrect(ordering, partial), false);
  assert.deepEqual(Scoring.marks(ordering, partial), { x: true, y: false, z: false });
  assert.equal(Scoring.isCorrect(ordering, { x: "1", y: "2" }), false);
  assert.equal(Scoring.isCorrect(ordering, ["x", "y", "z"]), false);
});

test("pass mark exactly met passes, one question below fails", () => {
  // 4 of 5 = 80%
  const met = Scoring.scoreQuiz(quiz, withWrong(1), 80);
  assert.deepEqual([met.correct, met.total, met.percent, met.passed], [4, 5, 80, true]);
  const below = Scoring.scoreQuiz(quiz, withWrong(2), 80);
  assert.deepEqual([below.correct, below.percent, below.passed], [3, 60, false]);
  assert.equal(Scoring.scoreQuiz(quiz, withWrong(1), 81).passed, false);
  assert.equal(Scoring.passes(79, 80), false);
  assert.equal(Scoring.passes(80, 80), true);
  assert.equal(Scoring.passes(0, 0), true);
});

test("score percent rounds and reports which questions were right", () => {
  const three = [single, multi, truefalse];
  const r = Scoring.scoreQuiz(three, { q1: ["b"], q2: ["a", "b"], q3: ["true"] }, 60);
  assert.equal(r.percent, 67);
  assert.deepEqual(r.right, { q1: true, q2: true, q3: false });
  assert.equal(Scoring.scoreQuiz(three, { q1: ["b"] }, 34).percent, 33);
  assert.equal(Scoring.percent(0, 0), 0);
  assert.equal(Scoring.scoreQuiz(quiz, allRight, 100).passed, true);
});

test("unanswered lists open questions in order, an ordering needs every step", () => {
  assert.deepEqual(Scoring.unanswered(quiz, allRight), []);
  assert.deepEqual(Scoring.unanswered(quiz, {}), ["q1", "q2", "q3", "q4", "q5"]);
  const a = { ...allRight, q2: [], q4: { x: "1", y: "2", z: "" } };
  assert.deepEqual(Scoring.unanswered(quiz, a), ["q2", "q4"]);
  assert.deepEqual(Scoring.unanswered(quiz, { ...allRight, q4: ["1"] }), ["q4"]);
  assert.deepEqual(Scoring.unanswered(quiz, { ...allRight, q1: "b" }), ["q1"]);
});

test("stored answers are fitted to the questions on the page", () => {
  const fitted = Scoring.fitAnswers(quiz, {
    q1: ["a", "b"], q2: ["a", "zz", "c"], q3: 5, q4: { x: "1", y: "9", z: "02", w: "1" }, q9: ["a"]
  });
  assert.deepEqual(fitted, { q1: ["a"], q2: ["a", "c"], q4: { x: "1" } });
  assert.deepEqual(Scoring.fitAnswers(quiz, null), {});
  assert.deepEqual(Scoring.fitAnswers([ordering], { q4: ["x"] }), {});
  assert.deepEqual(Scoring.fitAnswers([ordering], { q4: { x: "3", y: "0", z: 2 } }), { q4: { x: "3" } });
});

test("a stored order is used only when it is a permutation of the items", () => {
  assert.deepEqual(Scoring.fitOrder(["a", "b", "c"], ["c", "a", "b"]), ["c", "a", "b"]);
  assert.equal(Scoring.fitOrder(["a", "b", "c"], ["c", "a"]), null);
  assert.equal(Scoring.fitOrder(["a", "b", "c"], ["c", "a", "a"]), null);
  assert.equal(Scoring.fitOrder(["a", "b"], null), null);
});

function seeded(values) {
  let i = 0;
  return () => values[i++ % values.length];
}

test("shuffle follows the injected random source and keeps every item", () => {
  assert.deepEqual(Scoring.shuffle(["a", "b", "c", "d"], () => 0), ["b", "c", "d", "a"]);
  assert.deepEqual(Scoring.shuffle(["a", "b", "c", "d"], () => 0.999), ["a", "b", "c", "d"]);
  const out = Scoring.shuffle(["a", "b", "c", "d"], seeded([0.5, 0.1, 0.7]));
  assert.deepEqual([...out].sort(), ["a", "b", "c", "d"]);
  assert.deepEqual(out, ["d", "b", "a", "c"]);
});

test("drawOrder shuffles options and steps of every question with two or more", () => {
  const order = Scoring.drawOrder([single, ordering, { id: "one", type: "single", options: [{ key: "a" }] }], () => 0);
  assert.deepEqual(order, { q1: ["b", "a"], q4: ["y", "z", "x"] });
});

test("odd stored answers never count as given or right", () => {
  assert.equal(Scoring.isAnswered(ordering, { x: 1, y: 2, z: 3 }), false);
  assert.equal(Scoring.isAnswered(ordering, null), false);
  assert.equal(Scoring.isAnswered(ordering, { x: "1", y: "2", z: "3" }), true);
  assert.equal(Scoring.isCorrect(ordering, null), false);
  assert.equal(Scoring.isCorrect(ordering, { x: 1, y: 2, z: 3 }), false);
  assert.deepEqual(Scoring.fitAnswers([ordering], { q4: null }), {});
  assert.deepEqual(Scoring.fitAnswers([ordering], { q4: { x: 1, y: "2" } }), { q4: { y: "2" } });
  assert.deepEqual(Scoring.fitAnswers([single], { q1: "b" }), {});
});

test("a stored order must hold every item once, whatever the page order", () => {
  assert.equal(Scoring.fitOrder(["a", "b", "c"], ["a", "b"]), null);
  assert.equal(Scoring.fitOrder(["a", "b"], ["a", "b", "c"]), null);
  assert.deepEqual(Scoring.fitOrder(["c", "a", "b"], ["a", "b", "c"]), ["a", "b", "c"]);
  const keys = ["c", "a", "b"];
  const order = ["b", "c", "a"];
  const fitted = Scoring.fitOrder(keys, order);
  assert.notEqual(fitted, order);
  assert.deepEqual(keys, ["c", "a", "b"]);
});

test("shuffle leaves its input alone", () => {
  const items = ["a", "b", "c"];
  Scoring.shuffle(items, () => 0);
  assert.deepEqual(items, ["a", "b", "c"]);
});
