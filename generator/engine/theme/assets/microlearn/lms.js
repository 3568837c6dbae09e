/* microlearn LMS bridge (SCORM 1.2), loaded only by scorm.html, the package's launch page.
 *
 * The launch page holds the one LMS session while the course pages navigate inside its
 * iframe (a SCORM 1.2 session cannot survive page loads). Pages report quiz results to
 * window.parent.microlearnLMS; results live in cmi.suspend_data (MicrolearnLMSCore decides
 * the encoding and what to report), so progress follows the learner to another browser.
 * Needs store.js and lms-core.js loaded first.
 */
(function () {
  "use strict";

  var Store = window.MicrolearnStore;
  var Core = window.MicrolearnLMSCore;
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

  function storage() {
    try {
      return window.localStorage || null;
    } catch (e) {
      return null;
    }
  }

  /* Results saved by the LMS (another browser, another day) merge into this browser's storage. */
  function restore() {
    results = Core.decodeSuspend(String(api.LMSGetValue("cmi.suspend_data") || ""));
    var s = storage();
    if (!s) return;
    Object.keys(results).forEach(function (quiz) {
      var key = Store.key(course, "quiz", quiz);
      try {
        var local = Store.readQuiz(s.getItem(key));
        var saved = Store.fromResult(results[quiz]);
        var merged = Store.sameVersion(local.version, saved.version) ? Store.merge(local, saved) : saved;
        s.setItem(key, Store.encode(merged));
      } catch (e) {
        /* storage unavailable or full: the LMS still has the results */
      }
    });
  }

  function report() {
    Core.values(results, finalQuiz, quizzes).forEach(function (pair) {
      api.LMSSetValue(pair[0], pair[1]);
    });
    api.LMSCommit("");
  }

  window.microlearnLMS = {
    connected: !!api,
    mastery: mastery,
    /* Called by a course page after every checked attempt with the quiz's stored state. */
    quizResult: function (quiz, state) {
      if (!api || finished) return;
      results[quiz] = Core.mergeResult(results[quiz], Store.toResult(Store.readQuiz(state)));
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
