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
 * Needs store.js and lms-core.js loaded first.
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

  function storage() {
    try {
      return window.localStorage || null;
    } catch (e) {
      return null;
    }
  }

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

  function localResult(s, quiz) {
    try {
      var local = Store.readQuiz(s.getItem(Store.key(courseId, "quiz", quiz)));
      return local.last ? Store.toResult(local) : null;
    } catch (e) {
      return null;
    }
  }

  /* This browser's entries for the course are kept only for the learner and attempt they
   * belong to: another learner's go, and so do another attempt's results (notes stay). The
   * LMS's results are then written into storage for the pages to show. */
  function scopeStorage(learner) {
    var s = storage();
    if (!s) return;
    try {
      var ownerKey = Store.key(courseId, dialect.owner);
      var owner = Core.scopeOwner(Store.decode(s.getItem(ownerKey)), learner, state.attempt, dialect.part);
      var keep = owner.keep;
      if (keep !== "all") {
        var names = [];
        for (var i = 0; i < s.length; i++) names.push(s.key(i));
        names.forEach(function (k) {
          var name = Store.entryName(courseId, k);
          if (name === null || (keep === "notes" && !ownedByAttempt(name))) return;
          s.removeItem(k);
        });
      }
      s.setItem(ownerKey, Store.encode(owner.record));
      course.quizzes.forEach(function (quiz) {
        /* a result of this attempt the LMS missed (a refused commit) is sent again */
        state.results[quiz] = Core.mergeResult(state.results[quiz], localResult(s, quiz));
        if (!state.results[quiz]) delete state.results[quiz];
      });
      Object.keys(state.results).forEach(function (quiz) {
        var key = Store.key(courseId, "quiz", quiz);
        var local = Store.readQuiz(s.getItem(key));
        var saved = Store.fromResult(state.results[quiz]);
        s.setItem(key, Store.encode(Store.sameVersion(local.version, saved.version) ? Store.merge(local, saved) : saved));
      });
    } catch (e) {
      /* storage unavailable or full: the LMS still has the results */
    }
  }

  /* Entries a new attempt of the same learner clears: all but notes, or, with a dialect
   * whose attempt covers a part of the course, that part's quiz results. */
  function ownedByAttempt(name) {
    var kind = name.split(":")[0];
    if (!dialect.part) return kind !== "note";
    return kind === "quiz" && course.quizzes.indexOf(name.slice(kind.length + 1)) !== -1;
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

  /* The frame's page, relative to the package ("basics/x.html"), or "". */
  function framePage() {
    try {
      var base = window.location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
      var here = frame.contentWindow.location.href.replace(/[?#].*$/, "");
      return here.indexOf(base) === 0 ? here.slice(base.length) : "";
    } catch (e) {
      return "";
    }
  }

  /* A dialect may say something about the page shown (that it counts elsewhere). */
  function showNote(page) {
    var text = dialect.note ? dialect.note(page) : "";
    if (!note || note.textContent === text) return;
    note.textContent = text;
    note.hidden = !text;
  }

  function pageLoaded() {
    var page = framePage();
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
    var s = storage();
    var stored = null;
    try {
      stored = s ? s.getItem(Store.key(courseId, "quiz", quiz)) : null;
    } catch (e) {
      stored = null;
    }
    var quizState = Store.readQuiz(stored || pageState);
    if (!quizState.last) return;
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
