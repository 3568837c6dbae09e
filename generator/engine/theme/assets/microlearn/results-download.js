/* "Download my results" on the course home: the learner's quiz results as a file for a
 * trainer without an LMS. The file's content comes from MicrolearnResults (pure, tested
 * with node); this part reads the stored quiz states through the storage contract and hands
 * the file to the browser. Other pages (a certificate page) can call collect/download.
 */
(function () {
  "use strict";

  var all = window.MicrolearnDOM.all;
  var once = window.MicrolearnDOM.once;
  var Store = window.MicrolearnStore;
  var Storage = window.MicrolearnStorage;
  var Results = window.MicrolearnResults;

  /* The results for the course described by `data` ({id, title, version, quizzes}, as the
   * home page's .ml-results-data holds it) and a learner's name. */
  function collect(data, learner) {
    var states = {};
    data.quizzes.forEach(function (quiz) {
      states[quiz.id] = Store.readQuiz(Storage.get(Store.key(data.id, "quiz", quiz.id)));
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

  function startBox(box) {
    var data = Store.decode(box.querySelector(".ml-results-data").textContent);
    if (!data || !Array.isArray(data.quizzes)) return; /* no course data: stay hidden */
    var name = box.querySelector(".ml-learner");
    var note = box.querySelector(".ml-results-note");
    all(box, "button[data-format]").forEach(function (button) {
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

  function start(root) {
    all(root, ".ml-results").forEach(function (box) {
      if (once(box)) startBox(box);
    });
  }

  window.MicrolearnResultsDownload = { start: start, collect: collect, download: download };
})();
