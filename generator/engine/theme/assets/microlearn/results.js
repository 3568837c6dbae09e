/* microlearn results file: what a learner downloads for a trainer who has no LMS.
 *
 * Pure functions, no DOM (node tests `require` this file). The format is documented in
 * README.md ("Results without an LMS") and read back by `microlearn results merge`:
 *
 *   {"format": "microlearn-results", "version": 1, "exported": ISO time,
 *    "course": {"id", "title", "version"}, "learner": {"name"},
 *    "quizzes": [{"id", "title", "final", "pass_mark", "status", "score", "best",
 *                 "passed", "updated"}]}
 *
 * status is "passed", "failed" (checked, never passed) or "not attempted"; score is the
 * last checked attempt's percent and best the highest, both null when not attempted.
 * The CSV form has one row per quiz with the columns in COLUMNS.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MicrolearnResults = factory();
})(this, function () {
  "use strict";

  var FORMAT = "microlearn-results";
  var VERSION = 1;
  var COLUMNS = ["course_id", "course_title", "course_version", "learner", "quiz_id",
    "quiz_title", "final", "pass_mark", "status", "score", "best", "passed", "updated",
    "exported"];

  function percent(v) {
    return typeof v === "number" && isFinite(v) && v >= 0 && v <= 100 ? Math.round(v) : null;
  }

  function isoTime(ms) {
    return typeof ms === "number" && isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null;
  }

  /* One quiz's line from its stored state (any shape the runtime has kept; unknown is
   * "not attempted"). */
  function quizResult(quiz, state) {
    var s = state && typeof state === "object" ? state : {};
    var passed = s.passed === true;
    var score = percent(s.score);
    var checked = passed || s.last === "passed" || s.last === "failed" ||
      (s.checked === true && score !== null);
    var best = Math.max(percent(s.best) || 0, score || 0);
    return {
      id: String(quiz.id),
      title: String(quiz.title),
      final: quiz.final === true,
      pass_mark: quiz.pass_mark,
      status: passed ? "passed" : checked ? "failed" : "not attempted",
      score: checked ? (score === null ? best : score) : null,
      best: checked ? best : null,
      passed: passed,
      updated: isoTime(s.updated)
    };
  }

  /* The whole file. `course`: {id, title, version, quizzes: [{id, title, final, pass_mark}]},
   * `states`: {quiz id: stored state}, `now`: ms since 1970. */
  function build(course, states, learner, now) {
    return {
      format: FORMAT,
      version: VERSION,
      exported: isoTime(now),
      course: { id: course.id, title: course.title, version: course.version || null },
      learner: { name: String(learner || "").replace(/\s+/g, " ").trim() },
      quizzes: course.quizzes.map(function (quiz) {
        return quizResult(quiz, (states || {})[quiz.id]);
      })
    };
  }

  /* A spreadsheet never runs a cell as a formula, and quotes follow RFC 4180. */
  function cell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCsv(results) {
    var lines = [COLUMNS.join(",")];
    results.quizzes.forEach(function (q) {
      var row = [results.course.id, results.course.title, results.course.version,
        results.learner.name, q.id, q.title, q.final, q.pass_mark, q.status, q.score, q.best,
        q.passed, q.updated, results.exported];
      lines.push(row.map(cell).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function fileName(results, extension) {
    var who = results.learner.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    return results.course.id + "-results" + (who ? "-" + who : "") + "." + extension;
  }

  return { FORMAT: FORMAT, VERSION: VERSION, COLUMNS: COLUMNS, quizResult: quizResult,
    build: build, toCsv: toCsv, fileName: fileName };
});
