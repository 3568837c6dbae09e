/* microlearn runtime: quizzes, progress and reflection notes. No framework, no network.
 *
 * Quizzes are plain forms rendered at build time. Without JavaScript the answers stay
 * reachable in <details>; with it, this script hides them, checks answers, reveals the
 * feedback of each chosen option, and keeps state in localStorage under a versioned key.
 */
(function () {
  "use strict";

  var PREFIX = "microlearn:v1:";

  function load(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key));
    } catch (e) {
      return null;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      /* storage full or disabled (private mode, some LMS frames): the quiz still works */
    }
  }

  function quizKey(course, quiz) {
    return PREFIX + course + ":quiz:" + quiz;
  }

  function shuffled(items) {
    var a = items.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  /* ------------------------------------------------------------------ one quiz */

  function Quiz(form) {
    this.form = form;
    this.course = form.getAttribute("data-course");
    this.id = form.getAttribute("data-quiz");
    this.version = form.getAttribute("data-version");
    this.passMark = parseInt(form.getAttribute("data-pass"), 10) || 0;
    this.shuffle = form.getAttribute("data-shuffle") === "true";
    this.key = quizKey(this.course, this.id);
    this.questions = all(form, ".ml-question");
    this.result = form.querySelector(".ml-result");
    this.check = form.querySelector(".ml-check");
    this.retry = form.querySelector(".ml-retry");
  }

  Quiz.prototype.start = function () {
    var self = this;
    this.form.classList.add("ml-js");
    this.form.querySelector(".ml-actions").hidden = false;
    var state = load(this.key);
    if (!state || state.version !== this.version) {
      state = { version: this.version, answers: {}, order: {}, checked: false, passed: false };
    }
    this.state = state;
    if (!state.checked && this.shuffle && !state.order.__set) {
      this.reshuffle();
    } else {
      this.applyOrder();
    }
    this.restoreAnswers();
    if (state.checked) {
      this.showResults(false);
    }
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
    this.form.addEventListener("change", function () {
      if (!self.state.checked) {
        self.state.answers = self.collect();
        save(self.key, self.state);
      }
    });
    this.retry.addEventListener("click", function () {
      self.reset();
    });
  };

  Quiz.prototype.items = function (q) {
    return all(q, q.getAttribute("data-type") === "ordering" ? ".ml-step" : ".ml-option");
  };

  Quiz.prototype.itemKey = function (q, item) {
    if (q.getAttribute("data-type") === "ordering") return item.getAttribute("data-key");
    return item.querySelector("input").value;
  };

  Quiz.prototype.reshuffle = function () {
    var self = this;
    var order = { __set: true };
    this.questions.forEach(function (q) {
      var items = self.items(q);
      order[q.getAttribute("data-qid")] = shuffled(items).map(function (item) {
        return self.itemKey(q, item);
      });
    });
    this.state.order = order;
    this.applyOrder();
  };

  Quiz.prototype.applyOrder = function () {
    var self = this;
    this.questions.forEach(function (q) {
      var keys = self.state.order[q.getAttribute("data-qid")];
      if (!keys) return;
      var items = self.items(q);
      var byKey = {};
      items.forEach(function (item) {
        byKey[self.itemKey(q, item)] = item;
      });
      var parent = items.length ? items[0].parentNode : null;
      keys.forEach(function (k) {
        if (byKey[k] && parent) parent.appendChild(byKey[k]);
      });
    });
  };

  /* answers: {qid: [option keys]} for choices, {qid: {stepKey: position}} for ordering */
  Quiz.prototype.collect = function () {
    var answers = {};
    this.questions.forEach(function (q) {
      var qid = q.getAttribute("data-qid");
      if (q.getAttribute("data-type") === "ordering") {
        var positions = {};
        all(q, ".ml-step").forEach(function (step) {
          var value = step.querySelector("select").value;
          if (value) positions[step.getAttribute("data-key")] = value;
        });
        answers[qid] = positions;
      } else {
        answers[qid] = all(q, "input:checked").map(function (input) {
          return input.value;
        });
      }
    });
    return answers;
  };

  Quiz.prototype.restoreAnswers = function () {
    var answers = this.state.answers || {};
    this.questions.forEach(function (q) {
      var given = answers[q.getAttribute("data-qid")];
      if (!given) return;
      if (q.getAttribute("data-type") === "ordering") {
        all(q, ".ml-step").forEach(function (step) {
          var pos = given[step.getAttribute("data-key")];
          step.querySelector("select").value = pos || "";
        });
      } else {
        all(q, "input").forEach(function (input) {
          input.checked = given.indexOf(input.value) !== -1;
        });
      }
    });
  };

  Quiz.prototype.unanswered = function (answers) {
    return this.questions.filter(function (q) {
      var given = answers[q.getAttribute("data-qid")];
      if (q.getAttribute("data-type") === "ordering") {
        return Object.keys(given).length < all(q, ".ml-step").length;
      }
      return given.length === 0;
    });
  };

  Quiz.prototype.isCorrect = function (q) {
    if (q.getAttribute("data-type") === "ordering") {
      return all(q, ".ml-step").every(function (step) {
        return step.querySelector("select").value === step.getAttribute("data-position");
      });
    }
    return all(q, "input").every(function (input) {
      return input.checked === input.hasAttribute("data-correct");
    });
  };

  Quiz.prototype.submit = function () {
    var answers = this.collect();
    var missing = this.unanswered(answers);
    if (missing.length) {
      var numbers = missing.map(function (q) {
        return q.querySelector(".ml-qnum").textContent.replace(/ of \d+$/, "").replace("Question ", "");
      });
      this.result.className = "ml-result ml-result-warn";
      this.result.textContent =
        "Please answer every question first. Still open: question " + numbers.join(", ") + ".";
      var first = missing[0].querySelector("input, select");
      if (first) first.focus();
      return;
    }
    this.state.answers = answers;
    this.showResults(true);
  };

  Quiz.prototype.showResults = function (announce) {
    var self = this;
    var correct = 0;
    this.questions.forEach(function (q) {
      var ok = self.isCorrect(q);
      if (ok) correct += 1;
      self.reveal(q, ok);
    });
    var total = this.questions.length;
    var percent = Math.round((100 * correct) / total);
    var passed = percent >= this.passMark;
    this.state.checked = true;
    this.state.score = percent;
    this.state.passed = this.state.passed || passed;
    this.state.last = passed ? "passed" : "failed";
    save(this.key, this.state);

    this.form.classList.add("ml-checked");
    all(this.form, "input, select").forEach(function (el) {
      el.disabled = true;
    });
    this.check.hidden = true;
    this.retry.hidden = false;
    this.result.className = "ml-result " + (passed ? "ml-result-pass" : "ml-result-fail");
    this.result.textContent =
      "You answered " + correct + " of " + total + " questions correctly (" + percent + "%). " +
      (passed
        ? "Passed: the pass mark is " + this.passMark + "%."
        : "Not passed yet: the pass mark is " + this.passMark + "%. Read the feedback, then try again.");
    updateStatuses(document);
    if (announce) {
      this.result.focus();
      reportToLMS(this.id, this.state);
    }
  };

  Quiz.prototype.reveal = function (q, ok) {
    var verdict = q.querySelector(".ml-verdict");
    var ordering = q.getAttribute("data-type") === "ordering";
    q.classList.remove("ml-right", "ml-wrong");
    q.classList.add(ok ? "ml-right" : "ml-wrong");
    verdict.hidden = false;
    verdict.textContent = ok
      ? "✓ Correct."
      : ordering
        ? "✗ Not quite: the steps marked ✗ are in the wrong place."
        : q.getAttribute("data-type") === "multiple"
          ? "✗ Not quite: check the feedback on your choices; a correct option may be missing."
          : "✗ Not quite: read the feedback on your choice.";
    if (ordering) {
      all(q, ".ml-step").forEach(function (step) {
        var right = step.querySelector("select").value === step.getAttribute("data-position");
        step.classList.add(right ? "ml-step-right" : "ml-step-wrong");
        var fb = step.querySelector(".ml-feedback");
        fb.hidden = false;
        fb.setAttribute("data-mark", right ? "✓ Position " + step.getAttribute("data-position") : "✗ Belongs at position " + step.getAttribute("data-position"));
      });
    } else {
      all(q, ".ml-option").forEach(function (option) {
        var input = option.querySelector("input");
        var fb = option.querySelector(".ml-feedback");
        if (input.checked) {
          fb.hidden = false;
          option.classList.add(input.hasAttribute("data-correct") ? "ml-chosen-right" : "ml-chosen-wrong");
          fb.setAttribute("data-mark", input.hasAttribute("data-correct") ? "✓ Correct choice" : "✗ Not correct");
        }
      });
    }
    var explanation = q.querySelector(".ml-explanation");
    if (explanation) explanation.hidden = false;
  };

  Quiz.prototype.reset = function () {
    this.state.checked = false;
    this.state.answers = {};
    this.form.classList.remove("ml-checked");
    this.questions.forEach(function (q) {
      q.classList.remove("ml-right", "ml-wrong");
      q.querySelector(".ml-verdict").hidden = true;
      var explanation = q.querySelector(".ml-explanation");
      if (explanation) explanation.hidden = true;
      all(q, ".ml-feedback").forEach(function (fb) {
        fb.hidden = true;
      });
      all(q, ".ml-option, .ml-step").forEach(function (item) {
        item.classList.remove("ml-chosen-right", "ml-chosen-wrong", "ml-step-right", "ml-step-wrong");
      });
    });
    all(this.form, "input, select").forEach(function (el) {
      el.disabled = false;
      if (el.tagName === "SELECT") el.value = "";
      else el.checked = false;
    });
    if (this.shuffle) this.reshuffle();
    save(this.key, this.state);
    this.check.hidden = false;
    this.retry.hidden = true;
    this.result.className = "ml-result";
    this.result.textContent = "Answers cleared. Try again.";
    var first = this.form.querySelector("input, select");
    if (first) first.focus();
  };

  /* Inside an LMS package the launch page (scorm.html) holds the LMS session. */
  function reportToLMS(quiz, state) {
    try {
      var bridge = window.parent !== window ? window.parent.microlearnLMS : null;
      if (bridge) bridge.quizResult(quiz, state);
    } catch (e) {
      /* a parent from another origin: not our launch page */
    }
  }

  /* ------------------------------------------------------------------ progress */

  function updateStatuses(root) {
    all(root, ".ml-status[data-quiz]").forEach(function (el) {
      var state = load(quizKey(el.getAttribute("data-course"), el.getAttribute("data-quiz")));
      el.classList.remove("ml-status-passed", "ml-status-tried");
      if (state && state.passed) {
        el.textContent = "✓ Passed";
        el.classList.add("ml-status-passed");
      } else if (state && state.checked) {
        el.textContent = "Tried: " + state.score + "%";
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
        var state = load(quizKey(course, id));
        if (state && state.passed) passed += 1;
      });
      var total = Object.keys(seen).length;
      var bar = box.querySelector("progress");
      bar.max = total;
      bar.value = passed;
      box.querySelector(".ml-progress-text").textContent =
        passed + " of " + total + " quizzes passed.";
      box.hidden = false;
    });
  }

  function resetProgress(box) {
    var course = box.getAttribute("data-course");
    if (!window.confirm("Clear your quiz answers and notes for this course in this browser?")) return;
    var doomed = [];
    for (var i = 0; i < window.localStorage.length; i++) {
      var k = window.localStorage.key(i);
      if (k && k.indexOf(PREFIX + course + ":") === 0) doomed.push(k);
    }
    doomed.forEach(function (k) {
      window.localStorage.removeItem(k);
    });
    updateStatuses(document);
  }

  /* ------------------------------------------------------------------ notes */

  function startNote(area) {
    var key = PREFIX + area.getAttribute("data-ml-note").replace(/^([^:]+):/, "$1:note:");
    var saved = load(key);
    if (typeof saved === "string") area.value = saved;
    area.addEventListener("input", function () {
      save(key, area.value);
    });
  }

  /* ------------------------------------------------------------------ start */

  function init() {
    all(document, "form.ml-quiz").forEach(function (form) {
      if (form.getAttribute("data-ml-ready")) return;
      form.setAttribute("data-ml-ready", "1");
      new Quiz(form).start();
    });
    all(document, "textarea[data-ml-note]").forEach(function (area) {
      if (area.getAttribute("data-ml-ready")) return;
      area.setAttribute("data-ml-ready", "1");
      startNote(area);
    });
    all(document, ".ml-progress .ml-reset").forEach(function (button) {
      if (button.getAttribute("data-ml-ready")) return;
      button.setAttribute("data-ml-ready", "1");
      button.addEventListener("click", function () {
        resetProgress(button.closest(".ml-progress"));
      });
    });
    updateStatuses(document);
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
