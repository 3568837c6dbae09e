/* microlearn LMS launch pages' shared browser work (scorm.html, cmi5.html): the course
 * frame's page, and this browser's storage scoped to one learner's LMS attempt.
 *
 * The launch page's record (SCORM suspend_data, the cmi5 State API) is the truth; storage
 * is used only for the same learner's same attempt (or registration), and the record's
 * results are written into it for the pages to show. Needs store.js and lms-core.js.
 */
(function () {
  "use strict";

  var Store = window.MicrolearnStore;
  var Core = window.MicrolearnLMSCore;

  function storage() {
    try {
      return window.localStorage || null;
    } catch (e) {
      return null;
    }
  }

  function localResult(s, courseId, quiz) {
    try {
      var local = Store.readQuiz(s.getItem(Store.key(courseId, "quiz", quiz)));
      return local.last ? Store.toResult(local) : null;
    } catch (e) {
      return null;
    }
  }

  /* Entries a new attempt of the same learner clears: all but notes, or, when the attempt
   * covers a part of the course (`part`, e.g. one SCO), that part's quiz results. */
  function ownedByAttempt(name, quizzes, part) {
    var kind = name.split(":")[0];
    if (!part) return kind !== "note";
    return kind === "quiz" && quizzes.indexOf(name.slice(kind.length + 1)) !== -1;
  }

  /* Keep this browser's entries for `learner`'s `attempt` only (another learner's go, and
   * another attempt's results; notes stay), merge what storage has of `quizzes` into
   * `results` (a result the LMS missed is sent again) and write them all into storage.
   * `options.owner` names the storage entry recording whose entries they are (default
   * "lms"); `options.part` names the part of the course the attempt covers, if not all.
   * Gives the merged results. */
  function scope(courseId, quizzes, learner, attempt, results, options) {
    var opts = options || {};
    var s = storage();
    if (!s) return results;
    try {
      var ownerKey = Store.key(courseId, opts.owner || "lms");
      var owner = Core.scopeOwner(Store.decode(s.getItem(ownerKey)), learner, attempt, opts.part);
      var keep = owner.keep;
      if (keep !== "all") {
        var names = [];
        for (var i = 0; i < s.length; i++) names.push(s.key(i));
        names.forEach(function (k) {
          var name = Store.entryName(courseId, k);
          if (name === null || (keep === "notes" && !ownedByAttempt(name, quizzes, opts.part))) return;
          s.removeItem(k);
        });
      }
      s.setItem(ownerKey, Store.encode(owner.record));
      quizzes.forEach(function (quiz) {
        results[quiz] = Core.mergeResult(results[quiz], localResult(s, courseId, quiz));
        if (!results[quiz]) delete results[quiz];
      });
      Object.keys(results).forEach(function (quiz) {
        var key = Store.key(courseId, "quiz", quiz);
        var local = Store.readQuiz(s.getItem(key));
        var saved = Store.fromResult(results[quiz]);
        s.setItem(key, Store.encode(Store.sameVersion(local.version, saved.version) ? Store.merge(local, saved) : saved));
      });
    } catch (e) {
      /* storage unavailable or full: the LMS still has the results */
    }
    return results;
  }

  /* The checked quiz's state: storage is the runtime's record of this attempt (scoped at
   * launch); `pageState` stands in when this browser keeps no storage. Null before a check. */
  function checkedQuiz(courseId, quiz, pageState) {
    var s = storage();
    var stored = null;
    try {
      stored = s ? s.getItem(Store.key(courseId, "quiz", quiz)) : null;
    } catch (e) {
      stored = null;
    }
    var quizState = Store.readQuiz(stored || pageState);
    return quizState.last ? quizState : null;
  }

  /* The frame's page, relative to the launch page's folder ("basics/x.html"), or "". */
  function framePage(frame) {
    try {
      var base = window.location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
      var here = frame.contentWindow.location.href.replace(/[?#].*$/, "");
      return here.indexOf(base) === 0 ? here.slice(base.length) : "";
    } catch (e) {
      return "";
    }
  }

  window.MicrolearnLMSBridge = { scope: scope, checkedQuiz: checkedQuiz, framePage: framePage };
})();
