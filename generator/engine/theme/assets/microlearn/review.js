/* microlearn review: files missed practice questions into the Leitner boxes after each
 * checked lesson quiz (every lesson page loads this). The Review page itself is
 * review-page.js. Scheduling is review-core.js.
 */
(function () {
  "use strict";

  var Store = window.MicrolearnStore;
  var Storage = window.MicrolearnStorage;
  var Scoring = window.MicrolearnScoring;
  var Core = window.MicrolearnReviewCore;

  function now() {
    return Date.now();
  }

  function reviewKey(courseId) {
    return Store.key(courseId, "review");
  }

  function read(courseId) {
    return Store.readReview(Storage.get(reviewKey(courseId)));
  }

  function write(courseId, review) {
    Storage.set(reviewKey(courseId), Store.encode(review));
  }

  function isPractice(quizId) {
    var data = window.MicrolearnCourse;
    return !!data && data.lessons.some(function (l) {
      return l.quiz === quizId;
    });
  }

  /* After a checked attempt of a lesson quiz: misses go to box 1. */
  function record(quiz) {
    if (!isPractice(quiz.id)) return;
    var right = Scoring.scoreQuiz(quiz.spec, quiz.state.answers, quiz.passMark).right;
    var results = {};
    quiz.spec.forEach(function (q) {
      results[quiz.id + "/" + q.id] = !!right[q.id];
    });
    write(quiz.course, Core.recordQuiz(read(quiz.course), results, now()));
  }

  window.MicrolearnReview = { record: record, read: read, write: write, now: now };
})();
