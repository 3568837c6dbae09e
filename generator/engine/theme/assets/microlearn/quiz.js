/* microlearn quiz: one form on the page, wired to the pure modules.
 *
 * Quizzes are plain forms rendered at build time. Without JavaScript the answers stay
 * reachable in <details>; with it, this script hides them, checks answers (MicrolearnScoring),
 * reveals the feedback of each chosen option, and keeps state (MicrolearnStore) in storage.
 * Needs store.js, scoring.js and storage.js loaded first.
 */
(function () {
  "use strict";

  var all = window.MicrolearnDOM.all;
  var Store = window.MicrolearnStore;
  var Scoring = window.MicrolearnScoring;
  var Storage = window.MicrolearnStorage;

  function isOrdering(el) {
    return el.getAttribute("data-type") === "ordering";
  }

  /* The questions as MicrolearnScoring reads them, taken from the form. */
  function readSpec(questions) {
    return questions.map(function (q) {
      var spec = { id: q.getAttribute("data-qid"), type: q.getAttribute("data-type") };
      if (isOrdering(q)) {
        spec.steps = all(q, ".ml-step").map(function (step) {
          return { key: step.getAttribute("data-key"), position: step.getAttribute("data-position") };
        });
      } else {
        spec.options = all(q, ".ml-option input").map(function (input) {
          return { key: input.value, correct: input.hasAttribute("data-correct") };
        });
      }
      return spec;
    });
  }

  function Quiz(form, onResult) {
    this.form = form;
    this.onResult = onResult;
    this.course = form.getAttribute("data-course");
    this.id = form.getAttribute("data-quiz");
    this.version = form.getAttribute("data-version");
    this.passMark = parseInt(form.getAttribute("data-pass"), 10) || 0;
    this.shuffle = form.getAttribute("data-shuffle") === "true";
    this.random = Math.random;
    this.key = Store.key(this.course, "quiz", this.id);
    this.questions = all(form, ".ml-question");
    this.spec = readSpec(this.questions);
    this.result = form.querySelector(".ml-result");
    this.check = form.querySelector(".ml-check");
    this.retry = form.querySelector(".ml-retry");
  }

  /* The stored state, validated and fitted to this page's questions. */
  Quiz.prototype.stored = function () {
    var state = Store.readQuiz(Storage.get(this.key), this.version);
    state.answers = Scoring.fitAnswers(this.spec, state.answers);
    if (state.checked && Scoring.unanswered(this.spec, state.answers).length) state.checked = false;
    return state;
  };

  Quiz.prototype.save = function () {
    this.state = Store.merge(this.stored(), this.state);
    Storage.set(this.key, Store.encode(this.state));
  };

  Quiz.prototype.start = function () {
    var self = this;
    this.form.classList.add("ml-js");
    this.form.querySelector(".ml-actions").hidden = false;
    this.state = this.stored();
    if (!this.state.checked && this.shuffle && !this.state.shuffled) {
      this.state.order = Scoring.drawOrder(this.spec, this.random);
      this.state.shuffled = true;
    }
    this.render();
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
    this.form.addEventListener("change", function () {
      if (self.state.checked) return;
      self.touched = true; /* answered here: another tab's attempt must not replace it */
      self.state.answers = self.collect();
      self.state.updated = Date.now();
      self.save();
    });
    this.retry.addEventListener("click", function () {
      self.reset();
    });
    Storage.onChange(function (key, value) {
      if (key === self.key || key === null) self.follow(value);
    });
  };

  /* Show this.state: order, answers, and results when checked. */
  Quiz.prototype.render = function () {
    this.touched = false;
    this.applyOrder();
    this.clearView();
    this.restoreAnswers();
    if (this.state.checked) this.showResults(false);
  };

  /* Another tab saved this quiz. Its newer attempt shows here unless the learner is midway
   * through one in this tab; either way the best result of both is kept. */
  Quiz.prototype.follow = function (value) {
    var mine = this.state;
    var theirs = Store.readQuiz(value, this.version);
    theirs.answers = Scoring.fitAnswers(this.spec, theirs.answers);
    var merged = Store.merge(mine, theirs);
    var midway = !mine.checked && this.touched;
    if (theirs.updated > mine.updated && !midway) {
      this.state = merged;
      this.render();
    } else {
      mine.passed = merged.passed;
      mine.best = merged.best;
      mine.updated = Math.max(mine.updated, theirs.updated);
    }
  };

  Quiz.prototype.items = function (q) {
    return all(q, isOrdering(q) ? ".ml-step" : ".ml-option");
  };

  Quiz.prototype.itemKey = function (q, item) {
    return isOrdering(q) ? item.getAttribute("data-key") : item.querySelector("input").value;
  };

  Quiz.prototype.applyOrder = function () {
    var self = this;
    this.questions.forEach(function (q) {
      var items = self.items(q);
      var byKey = {};
      items.forEach(function (item) {
        byKey[self.itemKey(q, item)] = item;
      });
      var keys = Scoring.fitOrder(Object.keys(byKey), self.state.order[q.getAttribute("data-qid")]);
      if (!keys || !items.length) return;
      var parent = items[0].parentNode;
      keys.forEach(function (k) {
        parent.appendChild(byKey[k]);
      });
    });
  };

  /* answers: {qid: [option keys]} for choices, {qid: {stepKey: position}} for ordering */
  Quiz.prototype.collect = function () {
    var answers = {};
    this.questions.forEach(function (q) {
      var qid = q.getAttribute("data-qid");
      if (isOrdering(q)) {
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
    var answers = this.state.answers;
    this.questions.forEach(function (q) {
      var given = answers[q.getAttribute("data-qid")];
      if (isOrdering(q)) {
        all(q, ".ml-step").forEach(function (step) {
          step.querySelector("select").value = (given && given[step.getAttribute("data-key")]) || "";
        });
      } else {
        all(q, "input").forEach(function (input) {
          input.checked = !!given && given.indexOf(input.value) !== -1;
        });
      }
    });
  };

  Quiz.prototype.submit = function () {
    var answers = this.collect();
    var missing = Scoring.unanswered(this.spec, answers);
    if (missing.length) {
      var open = this.questions.filter(function (q) {
        return missing.indexOf(q.getAttribute("data-qid")) !== -1;
      });
      var numbers = open.map(function (q) {
        return q.querySelector(".ml-qnum").textContent.replace(/ of \d+$/, "").replace("Question ", "");
      });
      this.result.className = "ml-result ml-result-warn";
      this.result.textContent =
        "Please answer every question first. Still open: question " + numbers.join(", ") + ".";
      var first = open[0].querySelector("input, select");
      if (first) first.focus();
      return;
    }
    this.state.answers = answers;
    this.showResults(true);
  };

  Quiz.prototype.showResults = function (announce) {
    var self = this;
    var score = Scoring.scoreQuiz(this.spec, this.state.answers, this.passMark);
    this.questions.forEach(function (q, i) {
      self.reveal(q, Scoring.marks(self.spec[i], self.state.answers[self.spec[i].id]),
        score.right[self.spec[i].id]);
    });
    if (announce) {
      this.state = Store.recordAttempt(this.state, score.percent, score.passed, Date.now());
      this.save();
    }
    this.form.classList.add("ml-checked");
    all(this.form, "input, select").forEach(function (el) {
      el.disabled = true;
    });
    this.check.hidden = true;
    this.retry.hidden = false;
    this.result.className = "ml-result " + (score.passed ? "ml-result-pass" : "ml-result-fail");
    this.result.textContent =
      "You answered " + score.correct + " of " + score.total + " questions correctly (" + score.percent + "%). " +
      (score.passed
        ? "Passed: the pass mark is " + this.passMark + "%."
        : "Not passed yet: the pass mark is " + this.passMark + "%. Read the feedback, then try again.");
    if (this.onResult) this.onResult(this, announce);
    if (announce) this.result.focus();
  };

  Quiz.prototype.reveal = function (q, marks, ok) {
    var verdict = q.querySelector(".ml-verdict");
    var ordering = isOrdering(q);
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
        var right = marks[step.getAttribute("data-key")];
        var pos = step.getAttribute("data-position");
        step.classList.add(right ? "ml-step-right" : "ml-step-wrong");
        var fb = step.querySelector(".ml-feedback");
        fb.hidden = false;
        fb.setAttribute("data-mark", right ? "✓ Position " + pos : "✗ Belongs at position " + pos);
      });
    } else {
      all(q, ".ml-option").forEach(function (option) {
        var input = option.querySelector("input");
        if (!input.checked) return;
        var right = input.hasAttribute("data-correct");
        var fb = option.querySelector(".ml-feedback");
        fb.hidden = false;
        option.classList.add(right ? "ml-chosen-right" : "ml-chosen-wrong");
        fb.setAttribute("data-mark", right ? "✓ Correct choice" : "✗ Not correct");
      });
    }
    var explanation = q.querySelector(".ml-explanation");
    if (explanation) explanation.hidden = false;
  };

  /* Back to an unchecked form: no marks, no feedback, controls enabled. */
  Quiz.prototype.clearView = function () {
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
    });
    this.check.hidden = false;
    this.retry.hidden = true;
    this.result.className = "ml-result";
    this.result.textContent = "";
  };

  Quiz.prototype.reset = function () {
    var order = this.shuffle ? Scoring.drawOrder(this.spec, this.random) : {};
    this.state = Store.clearAttempt(this.state, Date.now(), order);
    this.save();
    this.render();
    this.result.textContent = "Answers cleared. Try again.";
    var first = this.form.querySelector("input, select");
    if (first) first.focus();
  };

  window.MicrolearnQuiz = Quiz;
})();
