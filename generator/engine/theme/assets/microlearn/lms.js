/* microlearn LMS bridge, loaded only by the packages' launch pages (scorm.html and the
 * SCORM 2004 SCOs' pages).
 *
 * The launch page holds the one LMS session while the course pages navigate inside its
 * iframe (a SCORM session cannot survive page loads). The LMS attempt is the record:
 * its state (attempt token, lessons visited, quiz results) lives in cmi.suspend_data, and
 * this browser's storage is used only for the same learner's same attempt. Pages report
 * checked quizzes to window.parent.microlearnLMS; page loads in the frame mark lessons
 * visited and set the bookmark. Every change is committed at once, and a value the LMS
 * refuses is shown to the learner.
 *
 * What differs between SCORM versions is a dialect: the API's name and calls, the element
 * names, and the values to send. SCORM 1.2's is below (MicrolearnLMSCore decides); a launch
 * page may set window.MicrolearnLMSDialect to another one before loading this script.
 * Needs store.js, lms-core.js and lms-bridge.js loaded first.
 */
(function () {
  "use strict";

  var Store = window.MicrolearnStore;
  var Core = window.MicrolearnLMSCore;
  var SCORM12 = {
    api: "API",
    calls: {
      init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
      finish: "LMSFinish", error: "LMSGetLastError", errorString: "LMSGetErrorString"
    },
    entry: "cmi.core.entry",
    learner: "cmi.core.student_id",
    location: "cmi.core.lesson_location",
    home: "index.html",
    owner: "lms",
    values: Core.values
  };
  var dialect = window.MicrolearnLMSDialect || SCORM12;
  var calls = dialect.calls;
  var Bridge = window.MicrolearnLMSBridge;
  var body = document.body;
  var frame = document.getElementById("ml-course");
  var notice = document.getElementById("ml-lms-notice");
  var note = document.getElementById("ml-lms-note");
  var courseId = body.getAttribute("data-course");
  var lessonPages = list("data-lessons");
  var finalPage = body.getAttribute("data-final-page") || "";
  var course = {
    quizzes: list("data-quizzes"),
    lessons: lessonPages.length,
    final: body.getAttribute("data-final") || "",
    versions: list("data-versions")
  };
  var started = Date.now();
  var state = Core.emptyState("");
  var bookmark = "";
  var finished = false;

  function list(attribute) {
    return (body.getAttribute(attribute) || "").split(" ").filter(Boolean);
  }

  function findAPI(win) {
    for (var hops = 0; win && hops < 10; hops++) {
      try {
        if (win[dialect.api]) return win[dialect.api];
      } catch (e) {
        return null; /* a cross-origin frame: no LMS above it that we may talk to */
      }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  var api = findAPI(window.parent) || (window.opener ? findAPI(window.opener) : null);

  /* ------------------------------------------------------------------ LMS calls, checked */

  function lastError() {
    try {
      var code = String(api[calls.error]());
      return code === "" ? "0" : code;
    } catch (e) {
      return "101";
    }
  }

  /* Tell the learner, once per element, that the LMS did not take their progress. */
  var told = {};
  function refused(what, code) {
    if (told[what]) return;
    told[what] = true;
    var reason = "";
    try {
      reason = String(api[calls.errorString](code) || "");
    } catch (e) {
      /* no description: the code says enough */
    }
    notice.textContent = "Your learning system did not save your progress (" + what + ": error " + code +
      (reason ? ", " + reason : "") + "). Your answers are kept in this browser for now; " +
      "please tell your course administrator before you close this window.";
    notice.hidden = false;
  }

  function get(element) {
    var value = api[calls.get](element);
    return lastError() === "0" && typeof value === "string" ? value : "";
  }

  function set(element, value) {
    var ok = String(api[calls.set](element, value)) === "true";
    var code = lastError();
    if (!ok || code !== "0") refused(element, code);
  }

  function commit() {
    var ok = String(api[calls.commit]("")) === "true";
    var code = lastError();
    if (!ok || code !== "0") refused("saving", code);
  }

  /* ------------------------------------------------------------------ attempt and storage */

  /* This browser's entries for the course are kept only for the learner and attempt they
   * belong to; the LMS's results are written into storage for the pages to show. */
  function scopeStorage(learner) {
    state.results = Bridge.scope(courseId, course.quizzes, learner, state.attempt, state.results, {
      owner: dialect.owner,
      part: dialect.part
    });
  }

  function start() {
    var entry = get(dialect.entry);
    var raw = entry === "ab-initio" ? "" : get("cmi.suspend_data"); /* a new attempt has none */
    var fresh = Core.isNewAttempt(entry, raw);
    state = fresh ? Core.emptyState("") : Core.decodeSuspend(raw, course);
    if (!state.attempt) state.attempt = Core.newAttempt(Math.random);
    scopeStorage(get(dialect.learner));
    if (dialect.start) dialect.start(get);
    var saved = fresh ? "" : get(dialect.location);
    if (Core.bookmark(saved) && (lessonPages.indexOf(saved) !== -1 || saved === finalPage)) bookmark = saved;
    report();
    return bookmark || dialect.home;
  }

  /* ------------------------------------------------------------------ reporting */

  function send() {
    dialect.values(state, course, { location: bookmark, elapsed: Date.now() - started }).forEach(function (pair) {
      set(pair[0], pair[1]);
    });
  }

  function report() {
    if (!api || finished) return;
    send();
    commit();
  }

  /* A dialect may say something about the page shown (that it counts elsewhere). */
  function showNote(page) {
    var text = dialect.note ? dialect.note(page) : "";
    if (!note || note.textContent === text) return;
    note.textContent = text;
    note.hidden = !text;
  }

  function pageLoaded() {
    var page = Bridge.framePage(frame);
    var lesson = lessonPages.indexOf(page);
    showNote(page);
    if (lesson === -1 && (page === "" || page !== finalPage)) return;
    state = Core.visit(state, lesson);
    bookmark = page;
    report();
  }

  /* The quiz's stored state is the runtime's record of this attempt (storage was scoped to
   * it at launch); `pageState` stands in when this browser keeps no storage. */
  function quizResult(quiz, pageState, questions) {
    if (!api || finished || course.quizzes.indexOf(quiz) === -1) return;
    var quizState = Bridge.checkedQuiz(courseId, quiz, pageState);
    if (!quizState) return;
    state.results[quiz] = Core.mergeResult(state.results[quiz], Store.toResult(quizState));
    if (dialect.answered) {
      dialect.answered(quiz, questions, quizState.answers, Date.now()).forEach(function (pair) {
        set(pair[0], pair[1]);
      });
    }
    report();
  }

  function finish() {
    if (!api || finished) return;
    send(); /* the session time up to now; finishing commits it */
    finished = true;
    try {
      api[calls.finish]("");
    } catch (e) {
      /* the window is closing: everything but the last seconds was committed already */
    }
  }

  window.microlearnLMS = { connected: !!api, quizResult: quizResult };

  var first = dialect.home;
  if (api && String(api[calls.init]("")) === "true") {
    first = start();
    frame.addEventListener("load", pageLoaded);
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
  } else {
    api = null;
  }

  /* Load the course only now, so restored progress is in storage before its first page. */
  frame.src = first;
})();
