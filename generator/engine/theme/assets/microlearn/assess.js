/* microlearn assessment page: a quiz whose questions are drawn per attempt and whose answers
 * arrive sealed. Thin DOM layer over MicrolearnQuiz (quiz.js) and MicrolearnAssess
 * (assess-core.js): the page holds no key, so the scoring spec and the feedback come from
 * the opened seals, and feedback is added to the page only when it may be shown.
 */
(function () {
  "use strict";

  var Quiz = window.MicrolearnQuiz;
  var Assess = window.MicrolearnAssess;
  var Store = window.MicrolearnStore;
  var Storage = window.MicrolearnStorage;

  function Assessment(form, onResult) {
    this.opened = {};
    Quiz.call(this, form, onResult);
    /* window.MicrolearnRandom lets a test (or a proctor) seed the draws. */
    if (typeof window.MicrolearnRandom === "function") this.random = window.MicrolearnRandom;
    this.bank = this.questions.slice();
    this.bankSpec = this.spec.slice();
    this.perPool = parseInt(form.getAttribute("data-draw"), 10) || 1;
    this.limit = parseInt(form.getAttribute("data-attempts"), 10) || 0;
    this.policy = form.getAttribute("data-show-answers") || "after_pass";
    this.pools = this.bank.map(function (q) {
      return { id: q.getAttribute("data-qid"), pool: q.getAttribute("data-pool") || "" };
    });
    this.attemptsLine = form.querySelector(".ml-attempts");
  }

  Assessment.prototype = Object.create(Quiz.prototype);
  Assessment.prototype.constructor = Assessment;

  /* The spec from each question's sealed answer (opened once, kept in memory only). */
  Assessment.prototype.readSpec = function (questions) {
    var self = this;
    return questions.map(function (q) {
      var id = q.getAttribute("data-qid");
      var type = q.getAttribute("data-type");
      var opened = Assess.unseal(q.getAttribute("data-seal") || "", Assess.sealKey(self.version, id));
      self.opened[id] = opened || { f: {}, x: "" };
      var keys = self.items(q).map(function (item) {
        return self.itemKey(q, item);
      });
      return Assess.spec(id, type, keys, opened);
    });
  };

  Assessment.prototype.feedbackHTML = function (i, key) {
    var opened = this.opened[this.spec[i].id];
    return (opened.f && opened.f[key]) || "";
  };

  Assessment.prototype.explanationHTML = function (i) {
    return this.opened[this.spec[i].id].x || "";
  };

  Assessment.prototype.answersShown = function (score) {
    return Assess.mayShowAnswers(this.policy, this.state.passed || score.passed);
  };

  /* Show only the drawn questions, numbered 1..n in page order. */
  Assessment.prototype.useDraw = function (ids) {
    var self = this;
    this.questions = [];
    this.spec = [];
    this.bank.forEach(function (q, i) {
      var drawn = ids.indexOf(q.getAttribute("data-qid")) !== -1;
      q.hidden = !drawn;
      if (drawn) {
        self.questions.push(q);
        self.spec.push(self.bankSpec[i]);
      }
    });
    this.questions.forEach(function (q, n) {
      q.querySelector(".ml-qnum").textContent = "Question " + (n + 1) + " of " + self.questions.length;
    });
    this.drawn = ids;
  };

  Assessment.prototype.newDraw = function () {
    return Assess.draw(this.pools, this.perPool, this.random);
  };

  /* The stored draw when it still fits, else a fresh one, saved before the learner starts. */
  Assessment.prototype.start = function () {
    var wrap = this.form.parentNode;
    var notice = wrap && wrap.querySelector(".ml-needs-js");
    if (notice) notice.hidden = true;
    this.form.hidden = false;
    var state = Store.readQuiz(Storage.get(this.key), this.version);
    var drawn = Assess.fitDraw(this.pools, this.perPool, state.drawn);
    if (!drawn) {
      drawn = this.newDraw();
      state.drawn = drawn;
      state.updated = Date.now();
      Storage.set(this.key, Store.encode(state));
    }
    this.useDraw(drawn);
    Quiz.prototype.start.call(this);
  };

  /* Another tab may have drawn another attempt: follow its draw before showing it. */
  Assessment.prototype.render = function () {
    var drawn = this.state && Assess.fitDraw(this.pools, this.perPool, this.state.drawn);
    if (drawn && drawn.join() !== (this.drawn || []).join()) this.useDraw(drawn);
    if (this.state && !drawn) this.state.drawn = this.drawn;
    Quiz.prototype.render.call(this);
    this.showAttempts();
  };

  Assessment.prototype.showResults = function (announce) {
    Quiz.prototype.showResults.call(this, announce);
    this.showAttempts();
    var note = this.result;
    if (!this.answersShown({ passed: this.state.passed }) && this.policy === "after_pass") {
      note.textContent += " The correct answers are shown once you pass.";
    }
  };

  Assessment.prototype.showAttempts = function () {
    var left = Assess.attemptsLeft(this.limit, this.state.attempts);
    if (this.attemptsLine) {
      this.attemptsLine.textContent = this.limit
        ? "Attempts used: " + this.state.attempts + " of " + this.limit + "."
        : "";
    }
    if (this.state.checked && left === 0) {
      this.retry.hidden = true;
      this.result.textContent += " You have used all " + this.limit + " attempts.";
    }
  };

  /* "Try again": a new draw (and order), while attempts are left. */
  Assessment.prototype.reset = function () {
    if (Assess.attemptsLeft(this.limit, this.state.attempts) === 0) return;
    var drawn = this.newDraw();
    this.useDraw(drawn);
    var order = this.shuffle ? window.MicrolearnScoring.drawOrder(this.spec, this.random) : {};
    this.state = Store.clearAttempt(this.state, Date.now(), order, drawn);
    this.save();
    this.render();
    this.result.textContent = "A new set of questions is ready. Good luck.";
    var first = this.questions[0] && this.questions[0].querySelector("input, select");
    if (first) first.focus();
  };

  window.MicrolearnAssessment = Assessment;
})();
