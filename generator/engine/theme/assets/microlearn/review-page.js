/* microlearn Review page: the questions due for review, then flashcards. Reads and writes
 * the Leitner boxes through review.js, schedules with review-core.js; the questions come from
 * review-data.js, which only this page loads.
 */
(function () {
  "use strict";

  var all = window.MicrolearnDOM.all;
  var Scoring = window.MicrolearnScoring;
  var Core = window.MicrolearnReviewCore;
  var Review = window.MicrolearnReview;
  var MAX_NEW_CARDS = 5;

  function now() {
    return Review.now();
  }

  function read(courseId) {
    return Review.read(courseId);
  }

  function write(courseId, review) {
    Review.write(courseId, review);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function html(tag, className, markup) {
    var node = el(tag, className);
    node.innerHTML = markup; /* built from sanitised course text at build time */
    return node;
  }

  function boxText(item) {
    return "Box " + item.box + " of " + Core.INTERVALS.length;
  }

  function movedText(item, t) {
    return "Now in box " + item.box + ": " + Core.dueText(item, t).toLowerCase() + ".";
  }

  function Page(root, data) {
    this.root = root;
    this.course = root.getAttribute("data-course");
    this.byRef = {};
    var self = this;
    data.questions.forEach(function (q) {
      self.byRef[q.ref] = q;
    });
    data.cards.forEach(function (c) {
      self.byRef[c.ref] = c;
    });
    this.cards = data.cards;
    this.summary = root.querySelector(".ml-review-summary");
  }

  Page.prototype.known = function () {
    var byRef = this.byRef;
    return function (ref) {
      return Object.prototype.hasOwnProperty.call(byRef, ref);
    };
  };

  Page.prototype.render = function () {
    var t = now();
    var review = read(this.course);
    var due = Core.dueRefs(review, t, this.known());
    var questions = due.filter(function (ref) {
      return ref.indexOf(":") === -1;
    });
    var list = this.root.querySelector(".ml-review-list");
    list.textContent = "";
    var self = this;
    questions.forEach(function (ref, i) {
      list.appendChild(self.question(self.byRef[ref], review.items[ref], i + 1, questions.length));
    });
    if (!questions.length) {
      var next = Core.nextDue(review, t);
      list.appendChild(el("p", "ml-review-empty", next === null
        ? "No questions to review. Questions you miss in a lesson quiz come back here a day later."
        : "No questions due now. The next one comes back " +
          Core.dueText({ due: next }, t).replace("Due ", "").replace("in ", "in ") + "."));
    }
    this.renderCards(review, due, t);
    this.summary.textContent = Core.countText(due.length) + ".";
  };

  Page.prototype.question = function (q, item, n, total) {
    var self = this;
    var box = el("article", "ml-review-item");
    box.setAttribute("data-ref", q.ref);
    var from = el("p", "ml-review-from");
    from.appendChild(document.createTextNode("Question " + n + " of " + total + " · from "));
    var link = el("a", "", q.lesson);
    link.href = q.url;
    from.appendChild(link);
    from.appendChild(document.createTextNode(" · " + boxText(item)));
    box.appendChild(from);
    var form = el("form", "ml-review-form");
    var fieldset = el("fieldset");
    var legend = el("legend");
    if (q.customer) {
      legend.appendChild(el("span", "ml-scenario-setting", q.setting));
      legend.appendChild(el("span", "ml-scenario-line", "Customer: “" + q.customer + "”"));
    }
    legend.appendChild(html("span", "ml-prompt", q.prompt));
    fieldset.appendChild(legend);
    var name = "ml-r-" + q.ref.replace(/[^A-Za-z0-9_-]/g, "-");
    if (q.type === "ordering") {
      fieldset.appendChild(el("p", "ml-hint", "Recall the right order of these steps, then show the answer:"));
      var ul = el("ul", "ml-review-steps");
      q.steps.slice().sort(function (a, b) {
        return a.text < b.text ? -1 : 1;
      }).forEach(function (s) {
        ul.appendChild(el("li", "", s.text));
      });
      fieldset.appendChild(ul);
    } else {
      q.options.forEach(function (o) {
        var row = el("div", "ml-option");
        var input = el("input");
        input.type = q.type === "multiple" ? "checkbox" : "radio";
        input.name = name;
        input.value = o.key;
        input.id = name + "-" + o.key;
        var label = el("label", "", o.text);
        label.htmlFor = input.id;
        row.appendChild(input);
        row.appendChild(label);
        fieldset.appendChild(row);
      });
    }
    form.appendChild(fieldset);
    var result = el("div", "ml-review-result");
    result.setAttribute("tabindex", "-1");
    result.hidden = true;
    var actions = el("p", "ml-actions");
    if (q.type === "ordering") {
      var showButton = el("button", "md-button md-button--primary", "Show the order");
      showButton.type = "button";
      actions.appendChild(showButton);
      showButton.addEventListener("click", function () {
        showButton.hidden = true;
        self.showAnswer(q, result, null);
        self.selfGrade(q, result);
      });
    } else {
      var check = el("button", "md-button md-button--primary", "Check");
      check.type = "submit";
      actions.appendChild(check);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var chosen = all(form, "input:checked").map(function (i) {
          return i.value;
        });
        if (!chosen.length) {
          result.hidden = false;
          result.textContent = "Choose an answer first.";
          return;
        }
        var spec = { id: q.ref, type: q.type, options: q.options.map(function (o) {
          return { key: o.key, correct: o.correct };
        }) };
        var right = Scoring.isCorrect(spec, chosen);
        all(form, "input").forEach(function (i) {
          i.disabled = true;
        });
        check.hidden = true;
        self.showAnswer(q, result, right, chosen);
        self.grade(q, result, right);
      });
    }
    form.appendChild(actions);
    box.appendChild(form);
    box.appendChild(result);
    return box;
  };

  /* The verdict, the correct answer and why: every miss teaches. */
  Page.prototype.showAnswer = function (q, result, right, chosen) {
    result.textContent = "";
    result.hidden = false;
    if (right !== null) {
      result.className = "ml-review-result " + (right ? "ml-result-pass" : "ml-result-fail");
      result.appendChild(el("p", "ml-review-verdict", right ? "✓ Correct." : "✗ Not quite."));
    }
    var answer = el("div", "ml-review-answer");
    if (q.type === "ordering") {
      answer.appendChild(el("p", "", "The right order:"));
      var ol = el("ol");
      q.steps.forEach(function (s) {
        ol.appendChild(el("li", "", s.text));
      });
      answer.appendChild(ol);
    } else {
      var correct = q.options.filter(function (o) {
        return o.correct;
      });
      answer.appendChild(el("p", "", correct.length > 1 ? "The correct answers:" : "The correct answer:"));
      var ul = el("ul");
      q.options.forEach(function (o) {
        var mine = chosen && chosen.indexOf(o.key) !== -1;
        if (!o.correct && !mine) return;
        var li = el("li", o.correct ? "ml-review-right" : "ml-review-wrong");
        li.appendChild(el("strong", "", (o.correct ? "✓ " : "✗ Your choice: ") + o.text));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(html("span", "", o.feedback));
        ul.appendChild(li);
      });
      answer.appendChild(ul);
    }
    if (q.explanation) answer.appendChild(html("div", "ml-explanation", q.explanation));
    result.appendChild(answer);
  };

  Page.prototype.grade = function (entry, result, right) {
    var t = now();
    var review = Core.answer(read(this.course), entry.ref, right, t);
    write(this.course, review);
    var line = el("p", "ml-review-moved", movedText(review.items[entry.ref], t));
    result.appendChild(line);
    result.focus();
    this.updateSummary();
  };

  Page.prototype.selfGrade = function (q, result) {
    var self = this;
    var row = el("p", "ml-review-grade");
    [["I knew it", true], ["Not yet", false]].forEach(function (choice) {
      var button = el("button", "md-button" + (choice[1] ? " md-button--primary" : ""), choice[0]);
      button.type = "button";
      button.addEventListener("click", function () {
        row.parentNode.removeChild(row);
        self.grade(q, result, choice[1]);
      });
      row.appendChild(button);
      row.appendChild(document.createTextNode(" "));
    });
    result.appendChild(row);
    result.focus();
  };

  Page.prototype.updateSummary = function () {
    var due = Core.dueRefs(read(this.course), now(), this.known());
    this.summary.textContent = Core.countText(due.length) + " still.";
  };

  /* Due cards first, then a few new ones; cards waiting for a later day stay away. */
  Page.prototype.renderCards = function (review, due, t) {
    var deck = this.root.querySelector(".ml-card-deck");
    deck.textContent = "";
    var self = this;
    var dueCards = due.filter(function (ref) {
      return ref.indexOf(":") !== -1;
    });
    var fresh = this.cards
      .filter(function (c) {
        return !review.items[c.ref];
      })
      .slice(0, MAX_NEW_CARDS)
      .map(function (c) {
        return c.ref;
      });
    dueCards.concat(fresh).forEach(function (ref) {
      deck.appendChild(self.card(self.byRef[ref], review.items[ref]));
    });
    if (!deck.firstChild) {
      var next = Core.nextDue(review, t);
      deck.appendChild(el("p", "ml-review-empty", "No flashcards due now" +
        (next === null ? "." : "; the next comes back " + Core.dueText({ due: next }, t).replace("Due ", "") + ".")));
    }
  };

  Page.prototype.card = function (c, item) {
    var self = this;
    var box = el("article", "ml-flashcard");
    box.setAttribute("data-ref", c.ref);
    box.appendChild(el("p", "ml-flashcard-tag", item ? boxText(item) : "New card"));
    box.appendChild(el("p", "ml-flashcard-front", c.front));
    var result = el("div", "ml-review-result");
    result.setAttribute("tabindex", "-1");
    result.hidden = true;
    var turn = el("button", "md-button", "Turn over");
    turn.type = "button";
    turn.setAttribute("aria-expanded", "false");
    turn.addEventListener("click", function () {
      turn.hidden = true;
      turn.setAttribute("aria-expanded", "true");
      result.hidden = false;
      result.appendChild(html("div", "ml-flashcard-back", c.back));
      self.selfGrade(c, result);
    });
    box.appendChild(turn);
    box.appendChild(result);
    return box;
  };

  function start(root) {
    all(root, ".ml-review").forEach(function (box) {
      if (!window.MicrolearnDOM.once(box)) return;
      var data = window.MicrolearnReviewData;
      if (!data) {
        box.querySelector(".ml-review-summary").textContent =
          "The review questions could not be loaded. Rebuild the site, or open it from its folder again.";
        return;
      }
      new Page(box, data).render();
    });
  }

  window.MicrolearnReviewPage = { start: start };
})();
