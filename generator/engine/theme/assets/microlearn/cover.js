/* microlearn course progress on every page: records lesson visits, marks the navigation,
 * and on the course home turns Start into Continue, shows module progress, the final
 * assessment's status, the pre-test comparison and what is due for review; it also saves
 * progress to a file and loads it back. Decisions live in progress-core.js and store.js.
 */
(function () {
  "use strict";

  var all = window.MicrolearnDOM.all;
  var Store = window.MicrolearnStore;
  var Storage = window.MicrolearnStorage;
  var Core = window.MicrolearnProgressCore;
  var ReviewCore = window.MicrolearnReviewCore;

  /* The site root, from this script's own address (cover.js, or the bundle holding it): right
   * on file://, under any sub-path and inside the LMS package alike. */
  var script = document.currentScript;
  var ROOT = script ? script.src.replace(/assets\/microlearn\/[^\/]*$/, "") : "";

  function course() {
    return window.MicrolearnCourse || null;
  }

  function pageUrl(path) {
    return new URL(path, ROOT).href;
  }

  function withoutHash(href) {
    return href.split("#")[0].split("?")[0];
  }

  function now() {
    return Date.now();
  }

  function quizState(id) {
    return Store.readQuiz(Storage.get(Store.key(course().course, "quiz", id)));
  }

  function visits() {
    var out = {};
    course().lessons.forEach(function (lesson) {
      out[lesson.id] = Store.readVisit(Storage.get(Store.key(course().course, "visit", lesson.id)));
    });
    return out;
  }

  function passedQuizzes() {
    var out = {};
    course().lessons.forEach(function (lesson) {
      if (lesson.quiz && quizState(lesson.quiz).passed) out[lesson.quiz] = true;
    });
    return out;
  }

  function recordVisit(root) {
    var el = root.querySelector("[data-ml-lesson]");
    if (!el || !window.MicrolearnDOM.once(el)) return;
    var key = Store.key(el.getAttribute("data-course"), "visit", el.getAttribute("data-ml-lesson"));
    var seen = Store.readVisit(Storage.get(key));
    var t = now();
    Storage.set(key, Store.encode({ first: seen ? seen.first : t, last: t }), true);
  }

  /* ------------------------------------------------------------------ navigation marks */

  function setMark(link, mark) {
    var old = link.querySelector(".ml-navmark");
    if (old) old.parentNode.removeChild(old);
    if (!mark) return;
    var box = document.createElement("span");
    box.className = "ml-navmark ml-navmark-" + mark;
    var sign = document.createElement("span");
    sign.setAttribute("aria-hidden", "true");
    sign.textContent = mark === "passed" || mark === "done" ? "✓" : "•";
    var words = document.createElement("span");
    words.className = "ml-sr-only";
    words.textContent = " (" + Core.markText(mark) + ")";
    box.appendChild(sign);
    box.appendChild(words);
    box.title = Core.markText(mark);
    var label = link.querySelector(".md-ellipsis") || link;
    label.appendChild(box);
  }

  function markNav(root) {
    var data = course();
    var seen = visits();
    var passed = passedQuizzes();
    var marks = {};
    data.lessons.forEach(function (lesson) {
      marks[pageUrl(lesson.page)] = Core.lessonMark(lesson, seen, passed);
    });
    data.modules.forEach(function (module) {
      marks[pageUrl(module.page)] = Core.moduleProgress(module, data.lessons, seen, passed).mark;
    });
    if (data.final) marks[pageUrl(data.final.page)] = quizState(data.final.id).passed ? "passed" : "";
    all(root, ".md-nav--primary a.md-nav__link[href]").forEach(function (link) {
      var target = withoutHash(link.href);
      if (Object.prototype.hasOwnProperty.call(marks, target)) setMark(link, marks[target]);
    });
  }

  /* ------------------------------------------------------------------ course home */

  function percentOf(state) {
    var status = Store.status(state);
    return status.kind ? { percent: status.percent, passed: state.passed } : null;
  }

  function reviewDue() {
    var review = Store.readReview(Storage.get(Store.key(course().course, "review")));
    return ReviewCore.dueRefs(review, now()).length;
  }

  function show(el, text) {
    if (!el) return;
    if (text !== undefined) el.textContent = text;
    el.hidden = false;
  }

  function updateCover(cover) {
    var data = course();
    var seen = visits();
    var passed = passedQuizzes();
    var start = cover.querySelector(".ml-start");
    var last = Core.continueLesson(data.lessons, seen);
    if (start && last) {
      start.textContent = "Continue: " + last.title;
      start.setAttribute("href", pageUrl(last.page));
    }
    all(document, ".ml-module-progress[data-module]").forEach(function (el) {
      var module = data.modules.filter(function (m) {
        return m.id === el.getAttribute("data-module");
      })[0];
      if (!module) return;
      var p = Core.moduleProgress(module, data.lessons, seen, passed);
      show(el, p.done === p.total ? "✓ All " + p.total + " lessons done" : p.done + " of " + p.total + " lessons done");
      el.classList.toggle("ml-module-done", p.done === p.total);
    });
    var due = reviewDue();
    var dueBox = cover.querySelector(".ml-review-due");
    if (dueBox) {
      dueBox.hidden = due === 0;
      dueBox.querySelector("a").textContent = ReviewCore.countText(due);
    }
    if (!data.final) return;
    var final = percentOf(quizState(data.final.id));
    var state = cover.querySelector(".ml-final-state");
    if (state) {
      state.textContent = !final
        ? "not taken yet"
        : final.passed
          ? "passed with " + final.percent + "%"
          : "not passed yet (best " + final.percent + "%, pass mark " + data.final.pass + "%)";
    }
    var growth = cover.querySelector(".ml-growth");
    var pre = data.preTest ? percentOf(quizState(data.preTest.id)) : null;
    if (growth) {
      growth.textContent = Core.growthText(pre, final);
      growth.hidden = !growth.textContent;
    }
    var cert = cover.querySelector(".ml-cert-link");
    if (cert) cert.hidden = !(final && final.passed);
  }

  /* ------------------------------------------------------------------ save / load a file */

  function message(box, text, isError) {
    var el = box.querySelector(".ml-transfer-message");
    el.textContent = text;
    el.setAttribute("role", isError ? "alert" : "status");
    el.classList.toggle("ml-transfer-error", !!isError);
  }

  function exportFile(box) {
    var id = box.getAttribute("data-course");
    var entries = {};
    Storage.keys(Store.courseKey(id)).forEach(function (k) {
      entries[k] = Storage.get(k);
    });
    var data = Store.exportState(id, entries, now());
    var blob = new Blob([JSON.stringify(data, null, 1)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = id + "-progress-" + Core.isoDate(now()) + ".json";
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 1000);
    message(box, "Saved " + Object.keys(data.entries).length + " progress entries to " + link.download + ".");
  }

  /* Only a valid file replaces anything: a bad one leaves the current progress as it is. */
  function importText(box, text) {
    var id = box.getAttribute("data-course");
    var result = Store.importState(id, text);
    if (!result.ok) {
      message(box, "Nothing was loaded: " + result.error + " Your current progress is unchanged.", true);
      return;
    }
    var failed = 0;
    Object.keys(result.entries).forEach(function (k) {
      if (Storage.set(k, Store.encode(result.entries[k])) !== "ok") failed += 1;
    });
    var count = Object.keys(result.entries).length - failed;
    message(box, "Loaded " + count + " progress entries" +
      (result.skipped ? "; " + result.skipped + " damaged entries were skipped" : "") +
      (failed ? "; " + failed + " could not be saved in this browser" : "") + ".", failed > 0);
    update(document);
  }

  function startTransfer(box) {
    var input = box.querySelector(".ml-import");
    var exportButton = box.querySelector(".ml-export");
    if (!input || !exportButton || !window.MicrolearnDOM.once(exportButton)) return;
    exportButton.addEventListener("click", function () {
      exportFile(box);
    });
    box.querySelector(".ml-import-button").addEventListener("click", function () {
      input.click();
    });
    var reset = box.querySelector(".ml-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        update(document); /* after the home page's own handler cleared the entries */
      });
    }
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        importText(box, String(reader.result));
        input.value = "";
      };
      reader.onerror = function () {
        message(box, "Nothing was loaded: the file could not be read. Your current progress is unchanged.", true);
      };
      reader.readAsText(file);
    });
  }

  /* ------------------------------------------------------------------ wiring */

  function update(root) {
    if (!course()) return;
    markNav(root);
    all(root, ".ml-cover").forEach(updateCover);
    if (window.MicrolearnHome) window.MicrolearnHome.update(root);
  }

  function start(root) {
    if (!course()) return;
    recordVisit(root);
    all(root, ".ml-progress").forEach(startTransfer);
    update(root);
  }

  Storage.onChange(function () {
    update(document);
  });

  window.MicrolearnCover = { start: start, update: update, importText: importText, now: now };
})();
