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
    this.spec = this.readSpec(this.questions);
    this.result = form.querySelector(".ml-result");
    this.check = form.querySelector(".ml-check");
    this.retry = form.querySelector(".ml-retry");
    this.missed = form.querySelector(".ml-missed");
    this.panelActions = form.querySelector(".ml-panel-actions");
    this.showAll = form.querySelector(".ml-show-answers");
  }

  /* The scoring spec of `questions` (an assessment reads it from its sealed answers). */
  Quiz.prototype.readSpec = readSpec;

  /* Whether this attempt's answers, marks and feedback may be shown (practice: always). */
  Quiz.prototype.answersShown = function () {
    return true;
  };

  /* Feedback HTML for item `key` of question `i`: the page's own (built and sanitised). */
  Quiz.prototype.feedbackHTML = function (i, key) {
    var q = this.questions[i];
    var item = this.items(q).filter(function (el) {
      return this.itemKey(q, el) === key;
    }, this)[0];
    var fb = item && item.querySelector(".ml-feedback");
    return fb ? fb.innerHTML : "";
  };

  Quiz.prototype.explanationHTML = function (i) {
    var explanation = this.questions[i].querySelector(".ml-explanation");
    return explanation ? explanation.innerHTML : "";
  };

  /* The item's feedback box, made from feedbackHTML when the page has none (assessments). */
  Quiz.prototype.feedbackBox = function (i, item, key) {
    var fb = item.querySelector(".ml-feedback");
    if (!fb) {
      fb = document.createElement("div");
      fb.className = "ml-feedback ml-added";
      fb.id = this.questions[i].id + "-" + key + "-fb";
      fb.innerHTML = this.feedbackHTML(i, key);
      item.appendChild(fb);
    }
    return fb;
  };

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
    this.showAll.addEventListener("click", function () {
      self.toggleAll();
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
    if (announce) {
      this.state = Store.recordAttempt(this.state, score.percent, score.passed, Date.now());
      this.save();
    }
    var shown = this.answersShown(score);
    if (shown) {
      this.questions.forEach(function (q, i) {
        self.reveal(q, i, Scoring.marks(self.spec[i], self.state.answers[self.spec[i].id]),
          score.right[self.spec[i].id]);
      });
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
        : "Not passed yet: the pass mark is " + this.passMark + "%. " +
          (shown ? "Read the feedback, then try again." : "Try again when you are ready."));
    this.showMissed(shown ? score.right : null);
    this.panelActions.hidden = false;
    this.showAll.hidden = !shown;
    if (this.onResult) this.onResult(this, announce);
    if (announce) this.result.focus();
  };

  /* The panel's list of missed questions, each linking to its question (none when hidden). */
  Quiz.prototype.showMissed = function (right) {
    var list = this.missed.querySelector("ul");
    list.textContent = "";
    var missed = right
      ? this.questions.filter(function (q) {
          return !right[q.getAttribute("data-qid")];
        })
      : [];
    missed.forEach(function (q) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + q.id;
      a.textContent = q.querySelector(".ml-qnum").textContent + ": " +
        q.querySelector(".ml-prompt").textContent.trim();
      li.appendChild(a);
      list.appendChild(li);
    });
    this.missed.hidden = missed.length === 0;
  };

  /* "Show correct answers": mark every correct option and step in every question. */
  Quiz.prototype.toggleAll = function () {
    var on = this.showAll.getAttribute("aria-pressed") !== "true";
    this.showAll.setAttribute("aria-pressed", on ? "true" : "false");
    this.form.classList.toggle("ml-show-all", on);
    var self = this;
    this.questions.forEach(function (q, i) {
      if (on) self.rightAnswer(q, i);
      else if (!q.classList.contains("ml-wrong")) {
        var box = q.querySelector(".ml-right-answer");
        if (box) box.parentNode.removeChild(box);
      }
    });
  };

  /* Under question `q`: the right answer and why (added once). */
  Quiz.prototype.rightAnswer = function (q, i) {
    if (q.querySelector(".ml-right-answer")) return;
    var self = this;
    var spec = this.spec[i];
    var box = document.createElement("div");
    box.className = "ml-right-answer";
    var title = document.createElement("p");
    title.className = "ml-right-title";
    var list = document.createElement(isOrdering(q) ? "ol" : "ul");
    var items = isOrdering(q)
      ? spec.steps.slice().sort(function (a, b) {
          return parseInt(a.position, 10) - parseInt(b.position, 10);
        })
      : spec.options.filter(function (o) {
          return o.correct;
        });
    title.textContent = isOrdering(q)
      ? "The right order:"
      : items.length > 1 ? "The right answers:" : "The right answer:";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var label = document.createElement("strong");
      label.textContent = self.itemText(q, item.key);
      var why = document.createElement("span");
      why.innerHTML = self.feedbackHTML(i, item.key);
      li.appendChild(label);
      li.appendChild(document.createTextNode(" — "));
      li.appendChild(why);
      list.appendChild(li);
    });
    box.appendChild(title);
    box.appendChild(list);
    var verdict = q.querySelector(".ml-verdict");
    verdict.parentNode.insertBefore(box, verdict.nextSibling);
  };

  Quiz.prototype.itemText = function (q, key) {
    var found = this.items(q).filter(function (el) {
      return this.itemKey(q, el) === key;
    }, this)[0];
    var label = found && found.querySelector("label");
    return label ? label.textContent.trim() : key;
  };

  Quiz.prototype.reveal = function (q, i, marks, ok) {
    var self = this;
    var verdict = q.querySelector(".ml-verdict");
    var ordering = isOrdering(q);
    var spec = this.spec[i];
    q.classList.remove("ml-right", "ml-wrong");
    q.classList.add(ok ? "ml-right" : "ml-wrong");
    verdict.hidden = false;
    verdict.textContent = ok
      ? "✓ Correct."
      : ordering
        ? "✗ Not quite: the steps marked ✗ are in the wrong place. The right order is below."
        : "✗ Not quite: the right answer and why are below your choices.";
    if (ordering) {
      spec.steps.forEach(function (s) {
        var step = self.items(q).filter(function (el) {
          return el.getAttribute("data-key") === s.key;
        })[0];
        if (!step) return;
        var right = marks[s.key];
        step.classList.add(right ? "ml-step-right" : "ml-step-wrong");
        var fb = self.feedbackBox(i, step, s.key);
        fb.hidden = false;
        fb.setAttribute("data-mark", right ? "✓ Position " + s.position : "✗ Belongs at position " + s.position);
        step.querySelector("select").setAttribute("aria-describedby", fb.id);
      });
    } else {
      spec.options.forEach(function (o) {
        var option = self.items(q).filter(function (el) {
          return self.itemKey(q, el) === o.key;
        })[0];
        var input = option && option.querySelector("input");
        if (!input || !input.checked) return;
        var fb = self.feedbackBox(i, option, o.key);
        fb.hidden = false;
        option.classList.add(o.correct ? "ml-chosen-right" : "ml-chosen-wrong");
        fb.setAttribute("data-mark", o.correct ? "✓ Correct choice" : "✗ Not correct");
        input.setAttribute("aria-describedby", fb.id); /* linked only now that it is checked */
      });
    }
    if (!ok) this.rightAnswer(q, i);
    var html = this.explanationHTML(i);
    var explanation = q.querySelector(".ml-explanation");
    if (!explanation && html) {
      explanation = document.createElement("div");
      explanation.className = "ml-explanation ml-added";
      explanation.innerHTML = html;
      q.querySelector("fieldset").appendChild(explanation);
    }
    if (explanation) explanation.hidden = false;
  };

  /* Back to an unchecked form: no marks, no feedback, controls enabled. */
  Quiz.prototype.clearView = function () {
    this.form.classList.remove("ml-checked", "ml-show-all");
    all(this.form, ".ml-right-answer, .ml-added").forEach(function (el) {
      el.parentNode.removeChild(el);
    });
    all(this.form, "[aria-describedby]").forEach(function (el) {
      el.removeAttribute("aria-describedby");
    });
    this.missed.hidden = true;
    this.panelActions.hidden = true;
    this.showAll.setAttribute("aria-pressed", "false");
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
