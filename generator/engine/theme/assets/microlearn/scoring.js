/* microlearn scoring: pure functions, no DOM.
 *
 * A question is {id, type, options: [{key, correct}]} for single, multiple, true/false and
 * scenario questions, or {id, type: "ordering", steps: [{key, position}]}. An answer is the
 * list of chosen option keys, or {stepKey: "position"} for ordering. A question is right only
 * when it is wholly right: every correct option chosen and no other, every step in place.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MicrolearnScoring = factory();
})(this, function () {
  "use strict";

  function isOrdering(question) {
    return question.type === "ordering";
  }

  /* Per-item marks: for choices {key: true} when the option is chosen and correct or left
   * out and wrong; for ordering {key: true} when the step sits at its position. */
  function marks(question, answer) {
    var out = {};
    if (isOrdering(question)) {
      var positions = Object(answer);
      question.steps.forEach(function (step) {
        out[step.key] = positions[step.key] === String(step.position);
      });
    } else {
      var chosen = Array.isArray(answer) ? answer : [];
      question.options.forEach(function (option) {
        out[option.key] = (chosen.indexOf(option.key) !== -1) === !!option.correct;
      });
    }
    return out;
  }

  function isCorrect(question, answer) {
    var m = marks(question, answer);
    return Object.keys(m).every(function (k) {
      return m[k];
    });
  }

  function isAnswered(question, answer) {
    if (isOrdering(question)) {
      var given = Object(answer);
      return question.steps.every(function (step) {
        return typeof given[step.key] === "string" && given[step.key] !== "";
      });
    }
    return Array.isArray(answer) && answer.length > 0;
  }

  /* Ids of the questions still open, in page order. */
  function unanswered(questions, answers) {
    return questions
      .filter(function (q) {
        return !isAnswered(q, answers[q.id]);
      })
      .map(function (q) {
        return q.id;
      });
  }

  function percent(correct, total) {
    return total > 0 ? Math.round((100 * correct) / total) : 0;
  }

  /* The pass mark is met when the percent reaches it: 80 passes a mark of 80. */
  function passes(score, passMark) {
    return score >= passMark;
  }

  /* {correct, total, percent, passed, right: {qid: bool}} */
  function scoreQuiz(questions, answers, passMark) {
    var right = {};
    var correct = 0;
    questions.forEach(function (q) {
      right[q.id] = isCorrect(q, answers[q.id]);
      if (right[q.id]) correct += 1;
    });
    var p = percent(correct, questions.length);
    return { correct: correct, total: questions.length, percent: p, passed: passes(p, passMark), right: right };
  }

  /* Only answers that fit the questions: known question ids, known keys, valid positions. */
  function fitAnswers(questions, answers) {
    var out = {};
    questions.forEach(function (q) {
      var given = answers ? answers[q.id] : undefined;
      if (isOrdering(q)) {
        if (!given || typeof given !== "object" || Array.isArray(given)) return;
        var positions = {};
        q.steps.forEach(function (step) {
          var pos = given[step.key];
          var n = parseInt(pos, 10);
          if (n >= 1 && n <= q.steps.length && String(n) === pos) positions[step.key] = pos;
        });
        out[q.id] = positions;
      } else if (Array.isArray(given)) {
        var keys = q.options.map(function (o) {
          return o.key;
        });
        var chosen = given.filter(function (k) {
          return keys.indexOf(k) !== -1;
        });
        out[q.id] = q.type === "multiple" ? chosen : chosen.slice(0, 1);
      }
    });
    return out;
  }

  /* A display order that is a permutation of `keys`, or null (then the page order is used). */
  function fitOrder(keys, order) {
    if (!Array.isArray(order) || order.length !== keys.length) return null;
    var sorted = order.slice().sort();
    var expected = keys.slice().sort();
    for (var i = 0; i < sorted.length; i++) if (sorted[i] !== expected[i]) return null;
    return order.slice();
  }

  /* Fisher-Yates with an injected random source (a function returning [0, 1)). */
  function shuffle(items, random) {
    var a = items.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /* A fresh display order for an attempt: {qid: [keys]} for every question with 2+ items. */
  function drawOrder(questions, random) {
    var order = {};
    questions.forEach(function (q) {
      var keys = (isOrdering(q) ? q.steps : q.options).map(function (item) {
        return item.key;
      });
      if (keys.length > 1) order[q.id] = shuffle(keys, random);
    });
    return order;
  }

  return {
    marks: marks,
    isCorrect: isCorrect,
    isAnswered: isAnswered,
    unanswered: unanswered,
    percent: percent,
    passes: passes,
    scoreQuiz: scoreQuiz,
    fitAnswers: fitAnswers,
    fitOrder: fitOrder,
    shuffle: shuffle,
    drawOrder: drawOrder
  };
});
