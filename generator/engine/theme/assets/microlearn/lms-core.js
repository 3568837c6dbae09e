/* microlearn LMS decisions (SCORM 1.2): pure functions, no DOM, no LMS calls.
 *
 * An LMS attempt's state is {attempt, visited, results}: a token naming the attempt, the
 * indexes of the lessons visited, and {quiz id: {v: short version, p: passed, s: best
 * percent}} (see MicrolearnStore.toResult) for the quizzes checked in this attempt.
 * The course is {quizzes: [ids, the final last], lessons: count, final: id or "", and
 * optionally versions: [quiz versions, as quizzes]}.
 *
 * cmi.suspend_data holds the state compactly, quizzes keyed by their index in the course:
 *   "m2" <attempt> ";" <visited lessons> ";" then one entry per quiz result:
 *   <quiz index: 2 base-36 digits><score * 2 + passed: 2 base-36 digits><version: 6 hex> ";"
 * Visited lessons are base-32 digits, 5 lessons each (lesson i is bit i % 5 of digit i / 5).
 * Every part ends with ";", so a value cut short by the LMS loses only its unfinished part.
 * The build computes the same worst case in Python (generator/outputs/lms/suspend.py); both
 * are tested against tests/fixtures/suspend-vectors.json.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MicrolearnLMSCore = factory();
})(this, function () {
  "use strict";

  var HEADER = "m2";
  var OLD_HEADER = "m1;";
  var ENTRY = /^([0-9a-z]{2})([0-9a-z]{2})([0-9a-f]{6})$/;
  var ATTEMPT = /^[0-9a-z]{4}$/;
  var OLD_ENTRY = /^([A-Za-z0-9%._~-]+),([pf]),([0-9a-z]{1,2}),([0-9a-f]{0,12})$/;
  var VERSION_CHARS = 6;
  var SUSPEND_LIMIT = 4096; /* SCORM 1.2 cmi.suspend_data */
  var LOCATION_LIMIT = 255; /* SCORM 1.2 cmi.core.lesson_location */
  var PAGE = /^(?!.*\.\.)[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*\.html$/;

  function isResult(r) {
    return r !== null && typeof r === "object" && typeof r.v === "string" &&
      typeof r.p === "boolean" && typeof r.s === "number" && r.s >= 0 && r.s <= 100;
  }

  function pad(text, width) {
    while (text.length < width) text = "0" + text;
    return text;
  }

  function shortVersion(v) {
    return pad(v.toLowerCase().replace(/[^0-9a-f]/g, "").slice(0, VERSION_CHARS), VERSION_CHARS);
  }

  function encodeVisited(visited) {
    var digits = [];
    visited.forEach(function (i) {
      var d = Math.floor(i / 5);
      while (digits.length <= d) digits.push(0);
      digits[d] |= 1 << (i % 5);
    });
    return digits.map(function (d) {
      return d.toString(32);
    }).join("");
  }

  function decodeVisited(text) {
    var out = [];
    if (!/^[0-9a-v]*$/.test(text)) return out;
    text.split("").forEach(function (ch, d) {
      var bits = parseInt(ch, 32);
      for (var b = 0; b < 5; b++) if (bits & (1 << b)) out.push(d * 5 + b);
    });
    return out;
  }

  function emptyState(attempt) {
    return { attempt: attempt || "", visited: [], results: {} };
  }

  /* suspend_data for a state; quizzes the course does not list are left out. */
  function encodeSuspend(state, course) {
    var attempt = ATTEMPT.test(state.attempt) ? state.attempt : "";
    var entries = course.quizzes.map(function (id, index) {
      var r = state.results[id];
      if (!isResult(r) || index >= 1296) return "";
      var sp = Math.round(r.s) * 2 + (r.p ? 1 : 0);
      return pad(index.toString(36), 2) + pad(sp.toString(36), 2) + shortVersion(r.v) + ";";
    });
    return HEADER + attempt + ";" + encodeVisited(state.visited) + ";" + entries.join("");
  }

  function decodeCompact(raw, course, out) {
    var parts = raw.slice(HEADER.length).split(";");
    parts.pop(); /* after the last ";": empty, or a part cut short */
    if (!parts.length || !(parts[0] === "" || ATTEMPT.test(parts[0]))) return;
    out.attempt = parts[0];
    if (parts.length < 2) return;
    out.visited = decodeVisited(parts[1]).filter(function (i) {
      return i < course.lessons;
    });
    parts.slice(2).forEach(function (part) {
      var m = ENTRY.exec(part);
      if (!m) return;
      var id = course.quizzes[parseInt(m[1], 36)];
      var sp = parseInt(m[2], 36);
      if (id === undefined || sp > 201) return;
      /* a result of another version of the quiz at this index (the course changed) */
      if (course.versions && shortVersion(course.versions[parseInt(m[1], 36)] || "") !== m[3]) return;
      out.results[id] = { v: m[3], p: sp % 2 === 1, s: (sp - (sp % 2)) / 2 };
    });
  }

  /* Packages before the index keys stored "m1;<id>,<p|f>,<score36>,<version>;" entries. */
  function decodeOld(raw, out) {
    var parts = raw.slice(OLD_HEADER.length).split(";");
    parts.pop();
    parts.forEach(function (part) {
      var m = OLD_ENTRY.exec(part);
      if (!m) return;
      var s = parseInt(m[3], 36);
      if (s > 100) return; /* two base-36 digits reach 1295 */
      try {
        out.results[decodeURIComponent(m[1])] = { v: m[4], p: m[2] === "p", s: s };
      } catch (e) {
        /* a broken escape: skip this entry only */
      }
    });
  }

  /* The oldest packages stored JSON {id: {v, p, s}}; a cut copy still yields its whole entries. */
  function decodeLegacy(raw, out) {
    var data = null;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      var entry = /"((?:[^"\\]|\\.)*)":\{"v":"((?:[^"\\]|\\.)*)","p":(true|false),"s":(\d{1,3})\}/g;
      var m;
      while ((m = entry.exec(raw)) !== null) {
        var found = { v: m[2], p: m[3] === "true", s: Number(m[4]) };
        if (isResult(found)) out.results[JSON.parse('"' + m[1] + '"')] = found;
      }
      return;
    }
    Object.keys(Object(data)).forEach(function (id) {
      var r = Object(data[id]);
      var found = { v: r.v, p: r.p, s: r.s === undefined ? 0 : r.s }; /* the oldest had no score */
      if (isResult(found)) out.results[id] = found;
    });
  }

  /* Every readable part of a suspend_data value as a state; never throws. Values written by
   * older packages give their results and no attempt token. */
  function decodeSuspend(raw, course) {
    var out = emptyState("");
    if (typeof raw !== "string") return out;
    if (raw.indexOf(HEADER) === 0) decodeCompact(raw, course, out);
    else if (raw.indexOf(OLD_HEADER) === 0) decodeOld(raw, out);
    else decodeLegacy(raw, out);
    return out;
  }

  /* The longest suspend_data a course can need: every quiz and lesson recorded. */
  function worstCase(quizCount, lessonCount) {
    return HEADER.length + 4 + 1 + Math.ceil(lessonCount / 5) + 1 + quizCount * 11;
  }

  /* cmi.core.entry "ab-initio", or nothing saved: the LMS started a new attempt. */
  function isNewAttempt(entry, raw) {
    return entry === "ab-initio" || typeof raw !== "string" || raw === "";
  }

  /* A fresh attempt token from a random source in [0, 1). */
  function newAttempt(random) {
    return pad(Math.floor(random() * 1679616).toString(36), 4); /* 36^4 */
  }

  /* What this browser may keep of what it stored for `owner` ({learner, attempt} or null)
   * when `learner` runs `attempt`: "all", "notes" (a new attempt of the same learner: their
   * notes stay, results of the other attempt go) or "nothing" (another learner). */
  function keepLocal(owner, learner, attempt) {
    if (!owner || owner.learner !== learner) return "nothing";
    return owner.attempt === attempt ? "all" : "notes";
  }

  /* keepLocal for the owner `record` this browser stored, and the record to store now.
   * Without `part` the record is {learner, attempt}: one attempt for the whole course. With
   * `part` (a SCORM 2004 SCO: each has its own attempts) it is {learner, attempts: {part:
   * attempt}}, so a part first opened, or opened in a new attempt, is "notes" for the same
   * learner: it does not cost the other parts their entries. */
  function scopeOwner(record, learner, attempt, part) {
    var rec = record !== null && typeof record === "object" ? record : null;
    if (!part) return { keep: keepLocal(rec, learner, attempt), record: { learner: learner, attempt: attempt } };
    var attempts = {};
    var kept = rec && rec.learner === learner && rec.attempts !== null && typeof rec.attempts === "object" ? rec.attempts : {};
    Object.keys(kept).forEach(function (p) {
      if (typeof kept[p] === "string") attempts[p] = kept[p];
    });
    var owner = rec ? { learner: rec.learner, attempt: attempts[part] } : null;
    attempts[part] = attempt;
    return { keep: keepLocal(owner, learner, attempt), record: { learner: learner, attempts: attempts } };
  }

  /* Best result wins within an attempt: a pass is not taken back, the best score stays. */
  function mergeResult(before, after) {
    if (!isResult(before)) return after;
    if (!isResult(after)) return before;
    return { v: after.v || before.v, p: before.p || after.p, s: Math.max(before.s, after.s) };
  }

  function visit(state, lesson) {
    if (lesson < 0 || state.visited.indexOf(lesson) !== -1) return state;
    return { attempt: state.attempt, visited: state.visited.concat([lesson]).sort(function (a, b) {
      return a - b;
    }), results: state.results };
  }

  /* What to tell the LMS: {status, score, done}. With a final assessment only its result in
   * this attempt counts (lesson quizzes passed do not pass the course): passed or failed with
   * its best score, incomplete before it is checked. Without one: completed once every lesson
   * was visited, no score. done: nothing left to do in this attempt. */
  function decide(state, course) {
    if (course.final) {
      var r = state.results[course.final];
      if (!isResult(r)) return { status: "incomplete", score: null, done: false };
      return { status: r.p ? "passed" : "failed", score: Math.round(r.s), done: r.p };
    }
    var all = course.lessons > 0 && state.visited.filter(function (i) {
      return i < course.lessons;
    }).length === course.lessons;
    return { status: all ? "completed" : "incomplete", score: null, done: all };
  }

  /* HHHH:MM:SS.SS for a duration in milliseconds (SCORM 1.2 CMITimespan). */
  function sessionTime(ms) {
    var cs = Math.max(0, Math.floor(ms / 10));
    var h = Math.min(9999, Math.floor(cs / 360000));
    var rest = h === 9999 ? 359999 : cs % 360000;
    var m = Math.floor(rest / 6000);
    var s = Math.floor((rest % 6000) / 100);
    return pad(String(h), 4) + ":" + pad(String(m), 2) + ":" + pad(String(s), 2) + "." +
      pad(String(rest % 100), 2);
  }

  /* A page path fit for cmi.core.lesson_location ("" if it is not one). */
  function bookmark(page) {
    return typeof page === "string" && page.length <= LOCATION_LIMIT && PAGE.test(page) ? page : "";
  }

  /* The LMS calls that carry the state, in order: [[element, value], ...]. extra holds
   * the page to bookmark (location) and the milliseconds since the session began (elapsed). */
  function values(state, course, extra) {
    var d = decide(state, course);
    var out = [["cmi.suspend_data", encodeSuspend(state, course)]];
    if (d.score !== null) {
      out.push(["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"],
        ["cmi.core.score.raw", String(d.score)]);
    }
    out.push(["cmi.core.lesson_status", d.status]);
    if (bookmark(extra.location)) out.push(["cmi.core.lesson_location", extra.location]);
    out.push(["cmi.core.exit", d.done ? "" : "suspend"]);
    out.push(["cmi.core.session_time", sessionTime(extra.elapsed)]);
    return out;
  }

  return {
    SUSPEND_LIMIT: SUSPEND_LIMIT,
    emptyState: emptyState,
    encodeSuspend: encodeSuspend,
    decodeSuspend: decodeSuspend,
    worstCase: worstCase,
    isNewAttempt: isNewAttempt,
    newAttempt: newAttempt,
    keepLocal: keepLocal,
    scopeOwner: scopeOwner,
    mergeResult: mergeResult,
    visit: visit,
    decide: decide,
    sessionTime: sessionTime,
    bookmark: bookmark,
    values: values
  };
});
