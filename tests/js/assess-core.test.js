"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Assess = require("../../generator/engine/theme/assets/microlearn/assess-core.js");

/* Sealed by generator/seal.py: the runtime must open what the build seals. */
const FROM_PYTHON = "cLHdurR2uz/4uDkLCizHKOlbnFwIvQQlC1Ctev7h8TuLRVBemfXse6B9N9jqUQrkMFconjLps0jZWOdRMv5U8KawO6IN7KReUFKsVkqt9Q==";
const ORDERING = "p0Flvla6pDbk6dqzY6D/TKWTYogSqptpLObhnZjRG4+27+3QcdufGsrUAGKt7gc2CwNRPiR/";

const bank = [
  { id: "a1", pool: "attend" }, { id: "a2", pool: "attend" },
  { id: "c1", pool: "check" }, { id: "c2", pool: "check" }, { id: "c3", pool: "check" },
  { id: "x1", pool: "close" }
];

test("opens a seal made by the build, unicode included", () => {
  const opened = Assess.unseal(FROM_PYTHON, Assess.sealKey("0123abcd4567", "fa-q1"));
  assert.deepEqual(opened, { c: ["o2"], f: { o1: "Café <em>why</em> – no", o2: "Right because" }, x: "" });
  assert.deepEqual(Assess.unseal(ORDERING, "v:ord").p, { s1: 1, s2: 2 });
});

test("a wrong key or a damaged seal gives null, never a throw", () => {
  assert.equal(Assess.unseal(FROM_PYTHON, Assess.sealKey("0123abcd4568", "fa-q1")), null);
  assert.equal(Assess.unseal("not base64 at all!", "k"), null);
  assert.equal(Assess.unseal("", "k"), null);
});

test("a spec built from opened seals scores like a practice quiz", () => {
  const choice = Assess.spec("q", "single", ["o1", "o2"], { c: ["o2"] });
  assert.deepEqual(choice.options, [{ key: "o1", correct: false }, { key: "o2", correct: true }]);
  const order = Assess.spec("r", "ordering", ["s2", "s1"], { p: { s1: 1, s2: 2 } });
  assert.deepEqual(order.steps, [{ key: "s2", position: "2" }, { key: "s1", position: "1" }]);
  assert.equal(Assess.spec("q", "single", ["o1"], null).options[0].correct, false);
});

test("draws the asked number from every pool, in page order", () => {
  const random = Assess.seeded(7);
  for (let i = 0; i < 50; i++) {
    const drawn = Assess.draw(bank, 1, random);
    assert.equal(drawn.length, 3);
    const pools = drawn.map((id) => bank.find((q) => q.id === id).pool);
    assert.deepEqual(pools, ["attend", "check", "close"]);
  }
  assert.equal(Assess.draw(bank, 2, Assess.seeded(1)).length, 5); /* close has only one */
});

test("the same seed draws the same set; attempts of one learner differ", () => {
  assert.deepEqual(Assess.draw(bank, 1, Assess.seeded(42)), Assess.draw(bank, 1, Assess.seeded(42)));
  const random = Assess.seeded(42);
  const seen = new Set();
  for (let i = 0; i < 20; i++) seen.add(Assess.draw(bank, 1, random).join(","));
  assert.ok(seen.size >= 4, `only ${seen.size} different draws in 20 attempts`);
});

test("every question of a pool gets drawn over many attempts", () => {
  const random = Assess.seeded(3);
  const hits = {};
  for (let i = 0; i < 300; i++) Assess.draw(bank, 1, random).forEach((id) => { hits[id] = (hits[id] || 0) + 1; });
  for (const q of bank) assert.ok(hits[q.id] > 0, q.id);
  assert.ok(hits.c1 > 60 && hits.c1 < 140, `c1 drawn ${hits.c1} times of 300`);
});

test("a stored draw is kept only when it still fits the bank", () => {
  assert.deepEqual(Assess.fitDraw(bank, 1, ["x1", "a2", "c3"]), ["a2", "c3", "x1"]);
  assert.equal(Assess.fitDraw(bank, 1, ["a1", "a2", "x1"]), null); /* two from one pool, none from check */
  assert.equal(Assess.fitDraw(bank, 1, ["a1", "c9", "x1"]), null); /* a question that left the bank */
  assert.equal(Assess.fitDraw(bank, 1, ["a1", "c1"]), null); /* a pool left out */
  assert.equal(Assess.fitDraw(bank, 1, "a1"), null);
  assert.equal(Assess.fitDraw(bank, 1, []), null);
});

test("attempt limit: 0 is unlimited, otherwise counts down to 0", () => {
  assert.equal(Assess.attemptsLeft(0, 12), Infinity);
  assert.equal(Assess.attemptsLeft(3, 0), 3);
  assert.equal(Assess.attemptsLeft(3, 2), 1);
  assert.equal(Assess.attemptsLeft(3, 3), 0);
  assert.equal(Assess.attemptsLeft(3, 5), 0);
});

test("answers are shown per policy", () => {
  assert.equal(Assess.mayShowAnswers("always", false), true);
  assert.equal(Assess.mayShowAnswers("after_pass", false), false);
  assert.equal(Assess.mayShowAnswers("after_pass", true), true);
  assert.equal(Assess.mayShowAnswers("never", true), false);
  assert.equal(Assess.mayShowAnswers("bogus", false), false);
});
