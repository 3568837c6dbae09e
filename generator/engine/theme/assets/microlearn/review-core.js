/* microlearn spaced review: Leitner boxes as pure functions, with the clock passed in.
 *
 * A missed practice question enters box 1 and is due a day later. Answered right when due,
 * it moves up a box and waits longer (1, 3, 7, 14, 30 days for boxes 1 to 5); answered
 * wrong, it goes back to box 1. Flashcards use the same boxes with the learner's own
 * judgement. The state is the store's review entry: {items: {<ref>: {box, due}}}, validated
 * by MicrolearnStore.readReview before it reaches these functions.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MicrolearnReviewCore = factory();
})(this, function () {
  "use strict";

  var DAY = 24 * 60 * 60 * 1000;
  var INTERVALS = [1, 3, 7, 14, 30]; /* days an item waits in box 1..5 */
  var TOP = INTERVALS.length;

  function copy(review) {
    var items = {};
    Object.keys(review.items).forEach(function (ref) {
      items[ref] = { box: review.items[ref].box, due: review.items[ref].due };
    });
    return { items: items };
  }

  function place(review, ref, box, now) {
    review.items[ref] = { box: box, due: now + INTERVALS[box - 1] * DAY };
  }

  /* After a review answer: right moves the item up a box (the top box stays), wrong back
   * to box 1. An item not yet scheduled enters box 1 when wrong and box 2 when right. */
  function answer(review, ref, right, now) {
    var next = copy(review);
    var item = next.items[ref];
    var box = right ? Math.min((item ? item.box : 1) + 1, TOP) : 1;
    place(next, ref, box, now);
    return next;
  }

  /* After a checked practice quiz ({ref: right?}): every miss goes (back) to box 1; a right
   * answer leaves a scheduled item alone, so passing a quiz once does not clear a review. */
  function recordQuiz(review, results, now) {
    var next = copy(review);
    Object.keys(results).forEach(function (ref) {
      if (!results[ref]) place(next, ref, 1, now);
    });
    return next;
  }

  function isDue(item, now) {
    return item.due <= now;
  }

  /* Refs due at `now`, the longest-waiting first (then by name, for a stable order); with
   * `known` (a predicate) only refs the page can still show. */
  function dueRefs(review, now, known) {
    return Object.keys(review.items)
      .filter(function (ref) {
        return isDue(review.items[ref], now) && (!known || known(ref));
      })
      .sort(function (a, b) {
        return review.items[a].due - review.items[b].due || (a < b ? -1 : a > b ? 1 : 0);
      });
  }

  /* The earliest due time of an item not due yet, or null. */
  function nextDue(review, now) {
    var later = Object.keys(review.items)
      .map(function (ref) {
        return review.items[ref].due;
      })
      .filter(function (due) {
        return due > now;
      });
    return later.length ? Math.min.apply(null, later) : null;
  }

  /* "Due now", "Due tomorrow" or "Due in N days" for an item. */
  function dueText(item, now) {
    if (isDue(item, now)) return "Due now";
    var days = Math.ceil((item.due - now) / DAY);
    return days <= 1 ? "Due tomorrow" : "Due in " + days + " days";
  }

  function countText(count) {
    return count === 1 ? "1 item due for review" : count + " items due for review";
  }

  return {
    DAY: DAY,
    INTERVALS: INTERVALS,
    answer: answer,
    recordQuiz: recordQuiz,
    dueRefs: dueRefs,
    nextDue: nextDue,
    dueText: dueText,
    countText: countText
  };
});
