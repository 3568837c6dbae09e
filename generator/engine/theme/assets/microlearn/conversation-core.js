/* microlearn conversations: the pure logic of playing a branching conversation.
 *
 * No DOM: conversation.js reads the graph from the page and draws; node tests `require` this
 * file. What is stored, and how it is validated, is defined once in store.js
 * (emptyConversation / readConversation); this module walks the graph and scores a path.
 *
 * A graph: {start: "id", nodes: {id: {outcome: "resolved" | "escalated" | "lost" | "",
 *           choices: [{next: "id", skills: {skill: effect}}]}}}
 * A path is the list of choice indexes taken from the start.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./store.js"));
  else root.MicrolearnConversation = factory(root.MicrolearnStore);
})(this, function (Store) {
  "use strict";

  var RANK = { "": 0, lost: 1, escalated: 2, resolved: 3 };

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  function node(graph, id) {
    return has(graph.nodes, id) ? graph.nodes[id] : null;
  }

  /* "acknowledge:1 interrupt:-1" -> {acknowledge: 1, interrupt: -1}; junk is skipped. */
  function parseSkills(text) {
    var out = {};
    String(text || "").split(/\s+/).forEach(function (pair) {
      var m = /^([a-z0-9]+(?:-[a-z0-9]+)*):(-?[12])$/.exec(pair);
      if (m) out[m[1]] = parseInt(m[2], 10);
    });
    return out;
  }

  /* The steps a path takes: [{node, choice, next}], where it stands now (`at`), whether that
   * is an ending, and whether every index was valid (a stored path of another graph is not). */
  function walk(graph, path) {
    var at = graph.start;
    var steps = [];
    var valid = !!node(graph, at);
    for (var i = 0; valid && i < path.length; i++) {
      var here = node(graph, at);
      var choice = here && !here.outcome ? here.choices[path[i]] : null;
      if (!choice || !node(graph, choice.next)) {
        valid = false;
        break;
      }
      steps.push({ node: at, choice: path[i], next: choice.next });
      at = choice.next;
    }
    var current = node(graph, at);
    return { steps: steps, at: at, ended: !!(current && current.outcome), valid: valid };
  }

  function better(a, b) {
    return (RANK[b] || 0) > (RANK[a] || 0) ? b : a;
  }

  /* A stored state checked against the graph: a path that no longer walks is cut back to
   * the part that does, so a learner never resumes in a step that does not exist. */
  function restore(state, graph) {
    var next = Store.readConversation(state, state.version);
    var w = walk(graph, next.path);
    next.path = w.steps.map(function (s) { return s.choice; });
    next.done = w.ended;
    return next;
  }

  /* The state after picking choice `index` at the current node. */
  function choose(state, graph, index, now) {
    var next = restore(state, graph);
    if (next.done) return next;
    var here = node(graph, walk(graph, next.path).at);
    var choice = here.choices[index];
    if (!choice) return next;
    next.path.push(index);
    next.updated = now;
    var target = node(graph, choice.next);
    if (target && target.outcome) {
      next.done = true;
      next.best = better(next.best, target.outcome);
      if (next.endings.indexOf(choice.next) < 0) next.endings.push(choice.next);
    }
    return next;
  }

  /* "Try a different path": back to the start; the best outcome and endings found stay. */
  function restart(state, now) {
    var next = Store.readConversation(state, state.version);
    next.path = [];
    next.done = false;
    next.updated = now;
    return next;
  }

  /* Per skill on this path: {skill: {shown, total, percent}}, where shown is the sum of the
   * positive effects and total the sum of all effects' sizes; skills in first-seen order. */
  function scores(graph, path) {
    var out = {};
    walk(graph, path).steps.forEach(function (step) {
      var skills = graph.nodes[step.node].choices[step.choice].skills || {};
      Object.keys(skills).forEach(function (skill) {
        var effect = skills[skill];
        if (!has(out, skill)) out[skill] = { shown: 0, total: 0, percent: 0 };
        out[skill].shown += Math.max(effect, 0);
        out[skill].total += Math.abs(effect);
      });
    });
    Object.keys(out).forEach(function (skill) {
      var s = out[skill];
      s.percent = s.total ? Math.round((100 * s.shown) / s.total) : 0;
    });
    return out;
  }

  /* How a single reply did: "helped" (net positive), "hurt" (net negative) or "mixed". */
  function verdict(skills) {
    var sum = 0;
    Object.keys(skills || {}).forEach(function (k) { sum += skills[k]; });
    return sum > 0 ? "helped" : sum < 0 ? "hurt" : "mixed";
  }

  /* Every ending id of the graph, in node order. */
  function endings(graph) {
    return Object.keys(graph.nodes).filter(function (id) { return !!graph.nodes[id].outcome; });
  }

  /* For progress displays: a resolved ending counts as done. */
  function status(state) {
    if (state.best === "resolved") return { kind: "passed", best: state.best };
    if (state.best) return { kind: "tried", best: state.best };
    return { kind: state.path.length ? "tried" : "", best: "" };
  }

  return {
    parseSkills: parseSkills,
    walk: walk,
    better: better,
    restore: restore,
    choose: choose,
    restart: restart,
    scores: scores,
    verdict: verdict,
    endings: endings,
    status: status
  };
});
