/* microlearn SCORM 2004 (4th edition) decisions: pure functions, no DOM, no LMS calls.
 *
 * The package has one SCO per module and one for the final assessment. Each SCO runs the
 * shared bridge (lms.js) with the dialect made here; its course is its own part: a module's
 * lessons and lesson quizzes, or the final alone. The attempt state and cmi.suspend_data
 * encoding are SCORM 1.2's (MicrolearnLMSCore), kept per SCO.
 *
 * What a SCO reports (see decide):
 *   module      completion_status completed once every lesson of the module was visited;
 *               score: the mean best percent of its lesson quizzes (0 for one not taken);
 *               success_status passed when every lesson quiz is passed, failed when every
 *               one was checked and some is not passed, else unknown. A module without
 *               quizzes is passed once completed (nothing to fail).
 *   assessment  score.raw/min/max/scaled from the best percent in this attempt, success_status
 *               passed or failed by the pass mark, completed once checked.
 * Each checked attempt of a quiz adds one cmi.interactions record per question answered
 * (journaled: the LMS keeps every try).
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    var assets = "../../../../engine/theme/assets/microlearn/";
    module.exports = factory(require(assets + "lms-core.js"), require(assets + "scoring.js"));
  } else {
    root.MicrolearnSCORM2004Core = factory(root.MicrolearnLMSCore, root.MicrolearnScoring);
  }
})(this, function (LMS, Scoring) {
  "use strict";

  var SUSPEND_LIMIT = 64000; /* SCORM 2004 cmi.suspend_data */
  var TYPES = {
    single: "choice",
    multiple: "choice",
    scenario: "choice",
    true_false: "true-false",
    ordering: "sequencing",
    reply: "long-fill-in"
  };
  var DELIMITER = "[,]";

  /* cmi.interactions.n.type for one of our question types. */
  function interactionType(type) {
    return TYPES[type] || "other";
  }

  /* Step keys in the order of their positions (ties by key, so the value is stable). */
  function byPosition(positions) {
    return Object.keys(positions).sort(function (a, b) {
      return parseInt(positions[a], 10) - parseInt(positions[b], 10) || (a < b ? -1 : a > b ? 1 : 0);
    });
  }

  /* The learner's answer in SCORM 2004's format for the question's interaction type. */
  function learnerResponse(question, answer) {
    var type = interactionType(question.type);
    if (type === "sequencing") return byPosition(Object(answer)).join(DELIMITER);
    if (type === "long-fill-in") return String(answer || "").slice(0, 4000);
    var chosen = Array.isArray(answer) ? answer : [];
    return type === "true-false" ? String(chosen[0] || "") : chosen.join(DELIMITER);
  }

  /* The correct response pattern, from the question's scoring spec. */
  function correctPattern(question) {
    if (question.steps) {
      var positions = {};
      question.steps.forEach(function (s) {
        positions[s.key] = s.position;
      });
      return byPosition(positions).join(DELIMITER);
    }
    return (question.options || []).filter(function (o) {
      return o.correct;
    }).map(function (o) {
      return o.key;
    }).join(DELIMITER);
  }

  /* An ISO 8601 time (cmi timestamps): UTC, hundredths of a second. */
  function timestamp(ms) {
    return new Date(ms).toISOString().slice(0, 22) + "Z";
  }

  /* An ISO 8601 duration for cmi.session_time: PT#H#M#S, to the hundredth. */
  function sessionTime(ms) {
    var cs = Math.max(0, Math.floor(ms / 10));
    var h = Math.floor(cs / 360000);
    var m = Math.floor((cs % 360000) / 6000);
    var s = (cs % 6000) / 100;
    return "PT" + h + "H" + m + "M" + s.toFixed(2).replace(/\.?0+$/, "") + "S";
  }

  /* The cmi.interactions values for one checked attempt of `quiz`, numbered from `first`:
   * one record per answered question of `questions` (the scoring spec of the attempt).
   * `objectives`: {question id: objective id}. */
  function interactions(first, quiz, questions, answers, objectives, ms) {
    var out = [];
    var n = first;
    (questions || []).forEach(function (q) {
      var answer = (answers || {})[q.id];
      if (!Scoring.isAnswered(q, answer)) return;
      var at = "cmi.interactions." + n + ".";
      out.push([at + "id", quiz + "/" + q.id], [at + "type", interactionType(q.type)]);
      var objective = objectives && objectives[q.id];
      if (objective) out.push([at + "objectives.0.id", objective]);
      out.push(
        [at + "timestamp", timestamp(ms)],
        [at + "weighting", "1"],
        [at + "correct_responses.0.pattern", correctPattern(q)],
        [at + "learner_response", learnerResponse(q, answer)],
        [at + "result", Scoring.isCorrect(q, answer) ? "correct" : "incorrect"]
      );
      n += 1;
    });
    return out;
  }

  /* What the SCO reports: {completion, success, score (percent or null), progress, done}. */
  function decide(state, course) {
    if (course.final) {
      var r = state.results[course.final];
      if (!r) return { completion: "incomplete", success: "unknown", score: null, progress: 0, done: false };
      return { completion: "completed", success: r.p ? "passed" : "failed", score: Math.round(r.s), progress: 1, done: r.p };
    }
    var seen = state.visited.filter(function (i) {
      return i < course.lessons;
    }).length;
    var completed = course.lessons > 0 && seen === course.lessons;
    var taken = course.quizzes.filter(function (id) {
      return state.results[id];
    });
    var passed = taken.filter(function (id) {
      return state.results[id].p;
    });
    var success = "unknown";
    var score = null;
    if (!course.quizzes.length) {
      success = completed ? "passed" : "unknown";
    } else {
      if (passed.length === course.quizzes.length) success = "passed";
      else if (taken.length === course.quizzes.length) success = "failed";
      if (taken.length) {
        var total = taken.reduce(function (sum, id) {
          return sum + state.results[id].s;
        }, 0);
        score = Math.round(total / course.quizzes.length);
      }
    }
    return {
      completion: completed ? "completed" : "incomplete",
      success: success,
      score: score,
      progress: course.lessons > 0 ? Math.floor((100 * seen) / course.lessons) / 100 : 0,
      done: completed && success === "passed"
    };
  }

  /* The LMS calls that carry the state, in order: [[element, value], ...]. extra holds the
   * page to bookmark (location) and the milliseconds since the session began (elapsed). */
  function values(state, course, extra) {
    var d = decide(state, course);
    var out = [["cmi.suspend_data", LMS.encodeSuspend(state, course)]];
    if (d.score !== null) {
      out.push(["cmi.score.min", "0"], ["cmi.score.max", "100"], ["cmi.score.raw", String(d.score)],
        ["cmi.score.scaled", String(d.score / 100)]);
    }
    out.push(["cmi.progress_measure", String(d.progress)], ["cmi.completion_status", d.completion],
      ["cmi.success_status", d.success]);
    if (LMS.bookmark(extra.location)) out.push(["cmi.location", extra.location]);
    out.push(["cmi.exit", d.done ? "normal" : "suspend"]);
    out.push(["cmi.session_time", sessionTime(extra.elapsed)]);
    return out;
  }

  var ELSEWHERE = "This page belongs to another part of the course: your progress on it is " +
    "recorded when you open that part from your learning system's course menu.";

  /* What to tell the learner about the frame's `page` ("" for nothing): a lesson of another
   * module (config.others: their ids) or the final assessment (config.assessment) opened in
   * this SCO counts in that part's SCO, not here. */
  function elsewhere(page, config) {
    if (typeof page !== "string" || page === "") return "";
    if (page === config.assessment) return ELSEWHERE;
    var m = /^([^/]+)\/([^/]+)\.html$/.exec(page);
    return m && m[2] !== "index" && (config.others || []).indexOf(m[1]) !== -1 ? ELSEWHERE : "";
  }

  /* The bridge's dialect for one SCO. config: {sco: id, home: first page, objectives:
   * {quiz id: {question id: objective id}}, others: ids of the other modules, assessment:
   * the final assessment's page when it is another SCO's}. */
  function dialect(config) {
    var count = 0; /* interactions recorded in this attempt, from earlier sessions too */
    return {
      api: "API_1484_11",
      calls: {
        init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit",
        finish: "Terminate", error: "GetLastError", errorString: "GetErrorString"
      },
      entry: "cmi.entry",
      learner: "cmi.learner_id",
      location: "cmi.location",
      home: config.home,
      owner: "lms2004",
      part: config.sco,
      values: values,
      note: function (page) {
        return elsewhere(page, config);
      },
      start: function (get) {
        var n = parseInt(get("cmi.interactions._count"), 10);
        count = n > 0 ? n : 0;
      },
      answered: function (quiz, questions, answers, ms) {
        var out = interactions(count, quiz, questions, answers, (config.objectives || {})[quiz], ms);
        out.forEach(function (pair) {
          var m = /^cmi\.interactions\.(\d+)\.id$/.exec(pair[0]);
          if (m) count = parseInt(m[1], 10) + 1;
        });
        return out;
      }
    };
  }

  return {
    SUSPEND_LIMIT: SUSPEND_LIMIT,
    interactionType: interactionType,
    learnerResponse: learnerResponse,
    correctPattern: correctPattern,
    timestamp: timestamp,
    sessionTime: sessionTime,
    interactions: interactions,
    elsewhere: elsewhere,
    decide: decide,
    values: values,
    dialect: dialect
  };
});
