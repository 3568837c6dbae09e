/* microlearn LMS decisions (SCORM 1.2): pure functions, no DOM, no LMS calls.
 *
 * Results are {quiz id: {v: short version, p: passed, s: best percent}} (see
 * MicrolearnStore.toResult). cmi.suspend_data holds them compactly:
 *   "m1;" then one "<id>,<p|f>,<score base 36>,<version>;" per quiz
 * Every entry ends with ";", so a value cut short by the LMS loses only its last, unfinished
 * entry; a value that cannot be read at all keeps whatever entries can be.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MicrolearnLMSCore = factory();
})(this, function () {
  "use strict";

  var HEADER = "m1;";
  var ENTRY = /^([A-Za-z0-9%._~-]+),([pf]),([0-9a-z]{1,2}),([0-9a-f]{0,12})$/;
  var SUSPEND_LIMIT = 4096; /* SCORM 1.2 cmi.suspend_data */

  function isResult(r) {
    return r !== null && typeof r === "object" && typeof r.v === "string" &&
      typeof r.p === "boolean" && typeof r.s === "number" && r.s >= 0 && r.s <= 100;
  }

  function encodeEntry(id, r) {
    return encodeURIComponent(id).replace(/[!'()*]/g, escape) + "," + (r.p ? "p" : "f") + "," +
      Math.round(r.s).toString(36) + "," + r.v.toLowerCase().replace(/[^0-9a-f]/g, "").slice(0, 12) + ";";
  }

  function encodeSuspend(results) {
    return HEADER + Object.keys(results).sort().filter(function (id) {
      return isResult(results[id]);
    }).map(function (id) {
      return encodeEntry(id, results[id]);
    }).join("");
  }

  function decodeCompact(raw, out) {
    var parts = raw.slice(HEADER.length).split(";");
    parts.pop(); /* after the last ";": empty, or an entry cut short */
    parts.forEach(function (part) {
      var m = ENTRY.exec(part);
      if (!m) return;
      var s = parseInt(m[3], 36);
      if (s > 100) return; /* two base-36 digits reach 1295 */
      try {
        out[decodeURIComponent(m[1])] = { v: m[4], p: m[2] === "p", s: s };
      } catch (e) {
        /* a broken escape: skip this entry only */
      }
    });
  }

  /* Older packages stored JSON {id: {v, p, s}}; a cut copy still yields its whole entries. */
  function decodeLegacy(raw, out) {
    var data = null;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      var entry = /"((?:[^"\\]|\\.)*)":\{"v":"((?:[^"\\]|\\.)*)","p":(true|false),"s":(\d{1,3})\}/g;
      var m;
      while ((m = entry.exec(raw)) !== null) {
        var found = { v: m[2], p: m[3] === "true", s: Number(m[4]) };
        if (isResult(found)) out[JSON.parse('"' + m[1] + '"')] = found;
      }
      return;
    }
    Object.keys(Object(data)).forEach(function (id) {
      var r = Object(data[id]);
      var found = { v: r.v, p: r.p, s: r.s === undefined ? 0 : r.s }; /* the oldest had no score */
      if (isResult(found)) out[id] = found;
    });
  }

  /* Every readable result in a suspend_data value; never throws. */
  function decodeSuspend(raw) {
    var out = {};
    if (typeof raw !== "string") return out;
    if (raw.indexOf(HEADER) === 0) decodeCompact(raw, out);
    else decodeLegacy(raw, out);
    return out;
  }

  /* Best result wins: a pass is never taken back, the best score stays. */
  function mergeResult(before, after) {
    if (!isResult(before)) return after;
    if (!isResult(after)) return before;
    return { v: after.v || before.v, p: before.p || after.p, s: Math.max(before.s, after.s) };
  }

  /* What to tell the LMS: {status, score}. With a final assessment only its result counts:
   * lesson quizzes passed do not pass the course. Without one, every quiz must be passed and
   * the score is the share of quizzes passed. score is null when there is nothing to report. */
  function decide(results, finalQuiz, quizzes) {
    var passed = function (id) {
      return isResult(results[id]) && results[id].p;
    };
    if (finalQuiz) {
      var r = results[finalQuiz];
      return { status: passed(finalQuiz) ? "passed" : "incomplete", score: isResult(r) ? r.s : null };
    }
    if (!quizzes.length) return { status: "incomplete", score: null };
    var count = quizzes.filter(passed).length;
    return {
      status: count === quizzes.length ? "passed" : "incomplete",
      score: Math.round((100 * count) / quizzes.length)
    };
  }

  /* The LMS calls that carry a decision, in order: [[element, value], ...]. */
  function values(results, finalQuiz, quizzes) {
    var d = decide(results, finalQuiz, quizzes);
    var out = [["cmi.suspend_data", encodeSuspend(results)]];
    if (d.score !== null) {
      out.push(["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"],
        ["cmi.core.score.raw", String(d.score)]);
    }
    out.push(["cmi.core.lesson_status", d.status]);
    return out;
  }

  return {
    SUSPEND_LIMIT: SUSPEND_LIMIT,
    encodeSuspend: encodeSuspend,
    decodeSuspend: decodeSuspend,
    mergeResult: mergeResult,
    decide: decide,
    values: values
  };
});
