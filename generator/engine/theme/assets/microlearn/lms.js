/* microlearn LMS bridge (SCORM 1.2), loaded only by scorm.html, the package's launch page.
 *
 * The launch page holds the one LMS session while the course pages navigate inside its
 * iframe (a SCORM 1.2 session cannot survive page loads). Pages report quiz results to
 * window.parent.microlearnLMS; we keep them in cmi.suspend_data, so progress follows the
 * learner to another browser, and report the final assessment as score and status.
 */
(function () {
  "use strict";

  var PREFIX = "microlearn:v1:";
  var body = document.body;
  var course = body.getAttribute("data-course");
  var finalQuiz = body.getAttribute("data-final") || "";
  var quizzes = (body.getAttribute("data-quizzes") || "").split(" ").filter(Boolean);
  var mastery = parseInt(body.getAttribute("data-mastery"), 10) || 0;

  function findAPI(win) {
    for (var hops = 0; win && hops < 10; hops++) {
      try {
        if (win.API) return win.API;
      } catch (e) {
        return null; /* a cross-origin frame: no LMS above it that we may talk to */
      }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  var api = findAPI(window.parent) || (window.opener ? findAPI(window.opener) : null);
  var results = {};
  var finished = false;

  function storageKey(quiz) {
    return PREFIX + course + ":quiz:" + quiz;
  }

  function localState(quiz) {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey(quiz)));
    } catch (e) {
      return null;
    }
  }

  /* Results saved by the LMS (another browser, another day) seed this browser's storage. */
  function restore() {
    var raw = api.LMSGetValue("cmi.suspend_data");
    try {
      results = JSON.parse(raw || "{}") || {};
    } catch (e) {
      results = {};
    }
    Object.keys(results).forEach(function (quiz) {
      var saved = results[quiz];
      var local = localState(quiz);
      if (local && (local.passed || !saved.p)) return;
      try {
        window.localStorage.setItem(storageKey(quiz), JSON.stringify({
          version: saved.v, answers: {}, order: {}, checked: false,
          passed: !!saved.p, score: saved.s
        }));
      } catch (e) {
        /* storage unavailable: the LMS still has the results */
      }
    });
  }

  function report() {
    api.LMSSetValue("cmi.suspend_data", JSON.stringify(results));
    var target = finalQuiz ? [finalQuiz] : quizzes;
    var passed = target.every(function (q) { return results[q] && results[q].p; });
    var score;
    if (finalQuiz && results[finalQuiz]) {
      score = results[finalQuiz].s;
    } else if (!finalQuiz && quizzes.length) {
      score = Math.round(100 * quizzes.filter(function (q) {
        return results[q] && results[q].p;
      }).length / quizzes.length);
    }
    if (score !== undefined) {
      api.LMSSetValue("cmi.core.score.min", "0");
      api.LMSSetValue("cmi.core.score.max", "100");
      api.LMSSetValue("cmi.core.score.raw", String(score));
    }
    api.LMSSetValue("cmi.core.lesson_status", passed ? "passed" : "incomplete");
    api.LMSCommit("");
  }

  window.microlearnLMS = {
    connected: !!api,
    mastery: mastery,
    /* Called by a course page after every checked attempt. */
    quizResult: function (quiz, state) {
      if (!api || finished) return;
      var before = results[quiz] || { p: false, s: 0 };
      results[quiz] = {
        v: state.version,
        p: before.p || !!state.passed,
        s: Math.max(before.s || 0, state.score || 0)
      };
      report();
    }
  };

  function finish() {
    if (!api || finished) return;
    finished = true;
    api.LMSCommit("");
    api.LMSFinish("");
  }

  if (api && String(api.LMSInitialize("")) === "true") {
    restore();
    if (api.LMSGetValue("cmi.core.lesson_status") === "not attempted") {
      api.LMSSetValue("cmi.core.lesson_status", "incomplete");
      api.LMSCommit("");
    }
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
  } else {
    api = null;
  }

  /* Load the course only now, so restored progress is in storage before its first page. */
  document.getElementById("ml-course").src = "index.html";
})();
