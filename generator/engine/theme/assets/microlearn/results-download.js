/* "Download my results" on the course home: the learner's quiz results as a file for a
 * trainer without an LMS. The file's content comes from MicrolearnResults (pure, tested
 * with node); this part only reads stored quiz states and hands the file to the browser.
 * Other pages (a certificate page) can call MicrolearnResultsDownload.collect/download.
 */
(function () {
  "use strict";

  var Results = window.MicrolearnResults;

  function stored(course, quiz) {
    var raw = null;
    try {
      raw = window.localStorage.getItem("microlearn:v1:" + course + ":quiz:" + quiz);
    } catch (e) {
      return null; /* storage blocked: nothing was kept */
    }
    if (window.MicrolearnStore) return window.MicrolearnStore.readQuiz(raw);
    try {
      return JSON.parse(raw);
    } catch (e) {
      return null;
    }
  }

  /* The results object for the course described by `data` (see results_data on the home). */
  function collect(data, learner) {
    var states = {};
    data.quizzes.forEach(function (quiz) {
      states[quiz.id] = stored(data.id, quiz.id);
    });
    return Results.build(data, states, learner, Date.now());
  }

  /* Hand the results to the browser as a file: "json" or "csv". */
  function download(results, format) {
    var csv = format === "csv";
    var text = csv ? Results.toCsv(results) : JSON.stringify(results, null, 2) + "\n";
    var blob = new Blob([text], { type: csv ? "text/csv;charset=utf-8" : "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = Results.fileName(results, csv ? "csv" : "json");
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 1000);
  }

  function start(box) {
    var data;
    try {
      data = JSON.parse(box.querySelector(".ml-results-data").textContent);
    } catch (e) {
      return; /* no course data on this page: leave the box hidden */
    }
    var name = box.querySelector(".ml-learner");
    var note = box.querySelector(".ml-results-note");
    Array.prototype.forEach.call(box.querySelectorAll("button[data-format]"), function (button) {
      button.addEventListener("click", function () {
        if (!name.value.trim()) {
          note.textContent = "Please type your name first, so your trainer knows whose results these are.";
          name.focus();
          return;
        }
        download(collect(data, name.value), button.getAttribute("data-format"));
        note.textContent = "Your results file is downloading. Send it to your trainer.";
      });
    });
    box.hidden = false;
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".ml-results"), function (box) {
      if (box.getAttribute("data-ml-ready")) return;
      box.setAttribute("data-ml-ready", "1");
      start(box);
    });
  }

  window.MicrolearnResultsDownload = { collect: collect, download: download };
  /* Scripts load at the end of the page, so the home box is already there; with instant
   * navigation Material swaps pages and announces each one on document$. */
  init();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
})();
