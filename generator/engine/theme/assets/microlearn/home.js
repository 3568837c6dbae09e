/* microlearn progress: quiz and conversation marks on lesson, module and home pages, the home page's progress
 * bar and its reset button. Reads stored state through MicrolearnStore, so a damaged entry
 * shows as "not started" rather than breaking the page.
 */
(function () {
  "use strict";

  var all = window.MicrolearnDOM.all;
  var Store = window.MicrolearnStore;
  var Storage = window.MicrolearnStorage;

  function quizState(course, quiz) {
    return Store.readQuiz(Storage.get(Store.key(course, "quiz", quiz)));
  }

  function conversationState(course, id) {
    return Store.readConversation(Storage.get(Store.key(course, "conversation", id)));
  }

  var OUTCOMES = { resolved: "Resolved", escalated: "Escalated", lost: "Customer lost" };

  /* A conversation counts as done once any run reached a resolved ending. */
  function updateConversations(root) {
    all(root, ".ml-status[data-conversation]").forEach(function (el) {
      var state = conversationState(el.getAttribute("data-course"), el.getAttribute("data-conversation"));
      var status = window.MicrolearnConversation.status(state);
      el.classList.remove("ml-status-passed", "ml-status-tried");
      el.textContent = status.best ? "Conversation: " + (status.kind === "passed" ? "✓ " : "") + OUTCOMES[status.best] : "";
      if (status.kind) el.classList.add(status.kind === "passed" ? "ml-status-passed" : "ml-status-tried");
    });
  }

  function updateStatuses(root) {
    updateConversations(root);
    all(root, ".ml-status[data-quiz]").forEach(function (el) {
      var status = Store.status(quizState(el.getAttribute("data-course"), el.getAttribute("data-quiz")));
      el.classList.remove("ml-status-passed", "ml-status-tried");
      if (status.kind === "passed") {
        el.textContent = "✓ Passed";
        el.classList.add("ml-status-passed");
      } else if (status.kind === "tried") {
        el.textContent = "Tried: " + status.percent + "%";
        el.classList.add("ml-status-tried");
      } else {
        el.textContent = "";
      }
    });
    all(root, ".ml-progress").forEach(function (box) {
      var course = box.getAttribute("data-course");
      var seen = {};
      var passed = 0;
      all(root, ".ml-status[data-quiz]").forEach(function (el) {
        var id = el.getAttribute("data-quiz");
        if (seen[id]) return;
        seen[id] = true;
        if (quizState(course, id).passed) passed += 1;
      });
      var conversations = 0;
      all(root, ".ml-status[data-conversation]").forEach(function (el) {
        var id = "conversation:" + el.getAttribute("data-conversation");
        if (seen[id]) return;
        seen[id] = true;
        conversations += 1;
        if (conversationState(course, id.slice(13)).best === "resolved") passed += 1;
      });
      var total = Object.keys(seen).length;
      var bar = box.querySelector("progress");
      bar.max = total;
      bar.value = passed;
      box.querySelector(".ml-progress-text").textContent = passed + " of " + total +
        (conversations ? " quizzes passed and conversations resolved." : " quizzes passed.");
      box.hidden = false;
    });
  }

  function resetProgress(box) {
    var course = box.getAttribute("data-course");
    if (!window.confirm("Clear your quiz answers and notes for this course in this browser?")) return;
    Storage.keys(Store.courseKey(course)).forEach(Storage.remove);
    updateStatuses(document);
  }

  function start(root) {
    all(root, ".ml-progress .ml-reset").forEach(function (button) {
      if (!window.MicrolearnDOM.once(button)) return;
      button.addEventListener("click", function () {
        resetProgress(button.closest(".ml-progress"));
      });
    });
    updateStatuses(root);
  }

  /* Another tab's progress shows here too. */
  Storage.onChange(function () {
    updateStatuses(document);
  });

  window.MicrolearnHome = { start: start, update: updateStatuses };
})();
