/* microlearn runtime entry point: starts quizzes, notes and progress on every page.
 *
 * Loaded last, after the modules the page uses (generator/engine/runtime.py picks them by
 * what the page holds: quiz code only where there is a quiz, and so on), so each is started
 * only when present. Classic scripts, so the site works from a folder and inside an LMS
 * frame. No framework, no network.
 */
(function () {
  "use strict";

  var all = window.MicrolearnDOM.all;
  var once = window.MicrolearnDOM.once;
  var Store = window.MicrolearnStore;
  var Storage = window.MicrolearnStorage;

  /* Inside an LMS package the launch page (scorm.html) holds the LMS session. It gets the
   * questions of the attempt (their scoring spec) too, to record each answer. */
  function reportToLMS(quiz) {
    try {
      var bridge = window.parent !== window ? window.parent.microlearnLMS : null;
      if (bridge) bridge.quizResult(quiz.id, quiz.state, quiz.spec);
    } catch (e) {
      /* a parent from another origin: not our launch page */
    }
  }

  function onResult(quiz, announce) {
    if (announce && window.MicrolearnReview) window.MicrolearnReview.record(quiz);
    window.MicrolearnHome.update(document);
    if (window.MicrolearnCover) window.MicrolearnCover.update(document);
    if (announce) reportToLMS(quiz);
  }

  /* data-ml-note="<course>:<note id>" */
  function startNote(area) {
    var parts = /^([^:]+):(.*)$/.exec(area.getAttribute("data-ml-note")) || [];
    var key = Store.key(parts[1], "note", parts[2]);
    var saved = Store.readNote(Storage.get(key));
    if (saved) area.value = saved;
    area.addEventListener("input", function () {
      Storage.set(key, Store.encode(area.value));
    });
    Storage.onChange(function (changed, value) {
      if (changed === key && document.activeElement !== area) area.value = Store.readNote(value);
    });
  }

  function init() {
    all(document, "form.ml-quiz").forEach(function (form) {
      var Kind = form.classList.contains("ml-assessment") ? window.MicrolearnAssessment : window.MicrolearnQuiz;
      if (Kind && once(form)) new Kind(form, onResult).start();
    });
    all(document, "textarea[data-ml-note]").forEach(function (area) {
      if (once(area)) startNote(area);
    });
    window.MicrolearnHome.start(document);
    ["MicrolearnConversationPage", "MicrolearnReply", "MicrolearnResultsDownload", "MicrolearnCover",
     "MicrolearnReviewPage", "MicrolearnCertificate"].forEach(function (name) {
      if (window[name]) window[name].start(document);
    });
  }

  /* Printing: open collapsed blocks, except the answer keys. */
  window.addEventListener("beforeprint", function () {
    all(document, "details:not(.ml-answer)").forEach(function (d) {
      if (!d.open) {
        d.setAttribute("data-ml-print-opened", "");
        d.open = true;
      }
    });
  });
  window.addEventListener("afterprint", function () {
    all(document, "details[data-ml-print-opened]").forEach(function (d) {
      d.open = false;
      d.removeAttribute("data-ml-print-opened");
    });
  });

  /* Material's instant navigation swaps pages without reloading; follow it if enabled. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
