/* microlearn progress: pure decisions behind the course home, the navigation marks and the
 * certificate. The course map is the build's course-data.js; stored entries come in already
 * validated (MicrolearnStore), so these functions only decide.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MicrolearnProgressCore = factory();
})(this, function () {
  "use strict";

  /* The lesson to continue: the one opened last, or null before any lesson was opened.
   * visits: {lessonId: {first, last} | null}. */
  function continueLesson(lessons, visits) {
    var best = null;
    lessons.forEach(function (lesson) {
      var visit = visits[lesson.id];
      if (visit && (!best || visit.last > visits[best.id].last)) best = lesson;
    });
    return best;
  }

  /* A lesson is done when its quiz is passed, or, without a quiz, once it was opened.
   * passed: {quizId: true}. */
  function lessonMark(lesson, visits, passed) {
    if (lesson.quiz && passed[lesson.quiz]) return "passed";
    if (!lesson.quiz && visits[lesson.id]) return "done";
    return visits[lesson.id] ? "visited" : "";
  }

  function isDone(mark) {
    return mark === "passed" || mark === "done";
  }

  /* {done, total, mark} of a module; mark is "done" when all its lessons are, "started"
   * when any was opened. */
  function moduleProgress(module, lessons, visits, passed) {
    var done = 0;
    var started = false;
    module.lessons.forEach(function (id) {
      var lesson = lessons.filter(function (l) {
        return l.id === id;
      })[0];
      if (!lesson) return;
      var mark = lessonMark(lesson, visits, passed);
      if (isDone(mark)) done += 1;
      if (mark) started = true;
    });
    var total = module.lessons.length;
    return { done: done, total: total, mark: total && done === total ? "done" : started ? "started" : "" };
  }

  /* Words a screen reader announces after a navigation entry. */
  var MARK_TEXT = {
    passed: "quiz passed",
    done: "done",
    visited: "visited",
    started: "started"
  };

  function markText(mark) {
    return MARK_TEXT[mark] || "";
  }

  /* "Pre-test 40% -> Final 85%" once both were taken, else "". */
  function growthText(pre, final) {
    if (!pre || !final) return "";
    return "Pre-test " + pre.percent + "% → Final " + final.percent + "%";
  }

  /* A short code from course version, name and date: anyone holding the three can recompute
   * it, so a typed-over name or date shows. FNV-1a, two rounds, 8 characters of base 32. */
  var ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; /* no 0/O, 1/I */

  function fnv(text, seed) {
    var h = seed >>> 0;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h;
  }

  function normalName(name) {
    return String(name).replace(/\s+/g, " ").trim();
  }

  function verificationCode(version, name, date) {
    var text = [String(version), normalName(name).toLowerCase(), String(date)].join("\n");
    var words = [fnv(text, 2166136261), fnv(text, 3323198485)];
    var out = "";
    words.forEach(function (w) {
      for (var i = 0; i < 4; i++) {
        out += ALPHABET[w & 31];
        w >>>= 5;
      }
    });
    return out.slice(0, 4) + "-" + out.slice(4);
  }

  /* YYYY-MM-DD in the learner's time zone. */
  function isoDate(ms) {
    var d = new Date(ms);
    function two(n) {
      return (n < 10 ? "0" : "") + n;
    }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  return {
    continueLesson: continueLesson,
    lessonMark: lessonMark,
    moduleProgress: moduleProgress,
    markText: markText,
    growthText: growthText,
    normalName: normalName,
    verificationCode: verificationCode,
    isoDate: isoDate
  };
});
