"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Review = require("../../generator/engine/theme/assets/microlearn/review-core.js");
const Store = require("../../generator/engine/theme/assets/microlearn/store.js");

const DAY = Review.DAY;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const empty = () => ({ items: {} });

test("a missed question enters box 1 and is due a day later, not at once", () => {
  const r = Review.recordQuiz(empty(), { "q/a": false, "q/b": true }, T0);
  assert.deepEqual(r.items, { "q/a": { box: 1, due: T0 + DAY } });
  assert.deepEqual(Review.dueRefs(r, T0 + DAY - 1), []);
  assert.deepEqual(Review.dueRefs(r, T0 + DAY), ["q/a"]);
});

test("right answers climb the boxes 1, 3, 7, 14, 30 days; the top box stays", () => {
  let r = Review.recordQuiz(empty(), { x: false }, T0);
  let now = T0;
  const waits = [];
  for (let i = 0; i < 5; i++) {
    now = r.items.x.due;
    r = Review.answer(r, "x", true, now);
    waits.push([r.items.x.box, (r.items.x.due - now) / DAY]);
  }
  assert.deepEqual(waits, [[2, 3], [3, 7], [4, 14], [5, 30], [5, 30]]);
});

test("a wrong answer sends an item from any box back to box 1", () => {
  const r = { items: { x: { box: 4, due: T0 } } };
  assert.deepEqual(Review.answer(r, "x", false, T0).items.x, { box: 1, due: T0 + DAY });
});

test("an unscheduled item answered right starts in box 2", () => {
  assert.deepEqual(Review.answer(empty(), "card", true, T0).items.card, { box: 2, due: T0 + 3 * DAY });
});

test("missing a quiz question again resets it; getting it right leaves its box", () => {
  const r = { items: { a: { box: 3, due: T0 }, b: { box: 3, due: T0 } } };
  const next = Review.recordQuiz(r, { a: false, b: true }, T0);
  assert.deepEqual(next.items.a, { box: 1, due: T0 + DAY });
  assert.deepEqual(next.items.b, { box: 3, due: T0 });
});

test("functions never change the state they are given", () => {
  const r = { items: { a: { box: 2, due: T0 } } };
  const before = JSON.stringify(r);
  Review.answer(r, "a", true, T0);
  Review.recordQuiz(r, { a: false }, T0);
  assert.equal(JSON.stringify(r), before);
});

test("due refs: longest waiting first, unknown refs left out, ties by name", () => {
  const r = { items: { c: { box: 1, due: T0 - 5 }, a: { box: 1, due: T0 }, b: { box: 1, due: T0 }, later: { box: 1, due: T0 + 1 } } };
  assert.deepEqual(Review.dueRefs(r, T0), ["c", "a", "b"]);
  assert.deepEqual(Review.dueRefs(r, T0, (ref) => ref !== "a"), ["c", "b"]);
  assert.equal(Review.nextDue(r, T0), T0 + 1);
  assert.equal(Review.nextDue({ items: {} }, T0), null);
});

test("due text and count text read naturally", () => {
  assert.equal(Review.dueText({ due: T0 }, T0), "Due now");
  assert.equal(Review.dueText({ due: T0 + DAY }, T0), "Due tomorrow");
  assert.equal(Review.dueText({ due: T0 + 3 * DAY - 5 }, T0), "Due in 3 days");
  assert.equal(Review.countText(1), "1 item due for review");
  assert.equal(Review.countText(0), "0 items due for review");
  assert.equal(Review.countText(4), "4 items due for review");
});

test("what the schedule writes, the store reads back unchanged", () => {
  let r = Review.recordQuiz(empty(), { a: false }, T0);
  for (let i = 0; i < 6; i++) r = Review.answer(r, "a", true, T0);
  assert.deepEqual(Store.readReview(Store.encode(r)), r);
});
