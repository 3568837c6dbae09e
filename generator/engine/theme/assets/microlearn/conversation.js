/* microlearn conversations on the page: turns the printed script into a chat, one turn at a
 * time. Thin DOM code over conversation-core.js (graph walk, scores) and store.js (state).
 *
 * Without JavaScript the script stays: every step with its replies and where they lead.
 * With it, the script is hidden, the customer's lines arrive in a log (role="log", so screen
 * readers announce each new line), replies are native buttons, and focus moves to the next
 * set of replies or, at the end, to the outcome.
 */
(function () {
  "use strict";

  var all = window.MicrolearnDOM.all;
  var Store = window.MicrolearnStore;
  var Storage = window.MicrolearnStorage;
  var Core = window.MicrolearnConversation;
  var OUTCOMES = { resolved: "Resolved", escalated: "Escalated", lost: "Customer lost" };
  var VERDICTS = { helped: "Helped", hurt: "Hurt", mixed: "Mixed" };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* The graph and what the page shows for it, read from the script markup. */
  function readScript(section) {
    var graph = { start: section.getAttribute("data-start"), nodes: {} };
    var view = {};
    all(section, "li.ml-conv-node").forEach(function (li) {
      var id = li.getAttribute("data-node");
      var line = li.querySelector(".ml-conv-line");
      var choices = all(li, "li.ml-conv-choice").map(function (c) {
        return { next: c.getAttribute("data-next"), skills: Core.parseSkills(c.getAttribute("data-skills")) };
      });
      graph.nodes[id] = { outcome: li.getAttribute("data-outcome") || "", choices: choices };
      view[id] = {
        line: line ? line.querySelector(".ml-conv-say").textContent : "",
        mood: line ? line.getAttribute("data-mood") || "" : "",
        debrief: li.querySelector(".ml-conv-debrief"),
        replies: all(li, "li.ml-conv-choice").map(function (c) {
          return {
            text: c.querySelector(".ml-conv-reply").textContent.replace(/^“|”$/g, ""),
            feedback: c.querySelector(".ml-conv-fb")
          };
        })
      };
    });
    var labels = {};
    all(section, ".ml-conv-skills li").forEach(function (li) {
      labels[li.getAttribute("data-skill")] = li.textContent;
    });
    return { graph: graph, view: view, labels: labels };
  }

  function Conversation(section) {
    this.section = section;
    this.id = section.getAttribute("data-conversation");
    this.key = Store.key(section.getAttribute("data-course"), "conversation", this.id);
    this.version = section.getAttribute("data-version");
    this.eachFeedback = section.getAttribute("data-feedback") !== "end";
    this.customer = section.getAttribute("data-customer");
    this.agent = section.getAttribute("data-agent");
    var script = readScript(section);
    this.graph = script.graph;
    this.view = script.view;
    this.labels = script.labels;
  }

  Conversation.prototype.load = function () {
    var stored = Store.readConversation(Storage.get(this.key), this.version);
    return Core.restore(stored, this.graph);
  };

  Conversation.prototype.save = function () {
    /* Another tab may have found other endings meanwhile: keep the best of both. */
    var other = this.load();
    this.state.best = Core.better(this.state.best, other.best);
    other.endings.forEach(function (e) {
      if (this.state.endings.indexOf(e) < 0) this.state.endings.push(e);
    }, this);
    Storage.set(this.key, Store.encode(this.state));
  };

  Conversation.prototype.start = function () {
    var s = this.section;
    s.querySelector(".ml-conv-script").hidden = true;
    this.play = el("div", "ml-conv-play");
    this.progress = el("p", "ml-conv-progress");
    /* A role="log" around the list: new lines are announced, the list keeps its semantics. */
    var live = el("div", "ml-conv-live");
    live.setAttribute("role", "log");
    live.setAttribute("aria-label", "Conversation with " + this.customer);
    this.log = el("ol", "ml-conv-log");
    live.appendChild(this.log);
    this.turn = el("div", "ml-conv-turn");
    this.turn.setAttribute("role", "group");
    this.end = el("div", "ml-conv-end");
    this.end.hidden = true;
    this.play.appendChild(this.progress);
    this.play.appendChild(live);
    this.play.appendChild(this.turn);
    this.play.appendChild(this.end);
    s.appendChild(this.play);
    this.state = this.load();
    this.render(false);
  };

  /* Draw the whole state: the log so far, then the replies or the end. */
  Conversation.prototype.render = function (moveFocus) {
    var w = Core.walk(this.graph, this.state.path);
    this.log.textContent = "";
    this.say(this.graph.start);
    w.steps.forEach(function (step) {
      this.answer(step);
      this.say(step.next);
    }, this);
    this.showProgress();
    if (w.ended) this.finish(w, moveFocus);
    else this.offer(w.at, moveFocus);
  };

  Conversation.prototype.say = function (nodeId) {
    var v = this.view[nodeId];
    if (!v.line) return;
    var li = el("li", "ml-conv-msg ml-conv-customer");
    var who = el("span", "ml-speaker", this.customer + (v.mood ? " (" + v.mood + ")" : ""));
    li.appendChild(who);
    li.appendChild(el("p", "", v.line));
    this.log.appendChild(li);
  };

  /* The agent's reply in the log (with its feedback when the author wants it each turn),
   * or in the end's transcript `list` (always with its feedback). */
  Conversation.prototype.answer = function (step, list) {
    var reply = this.view[step.node].replies[step.choice];
    var li = el("li", "ml-conv-msg ml-conv-agent");
    li.appendChild(el("span", "ml-speaker", this.agent));
    li.appendChild(el("p", "", reply.text));
    if (this.eachFeedback || list) li.appendChild(this.feedback(step));
    (list || this.log).appendChild(li);
  };

  Conversation.prototype.feedback = function (step) {
    var skills = this.graph.nodes[step.node].choices[step.choice].skills;
    var kind = Core.verdict(skills);
    var box = el("div", "ml-conv-fb ml-conv-" + kind);
    box.appendChild(el("p", "ml-conv-verdict", VERDICTS[kind] + ":"));
    var source = this.view[step.node].replies[step.choice].feedback;
    Array.prototype.forEach.call(source.childNodes, function (n) {
      box.appendChild(n.cloneNode(true));
    });
    return box;
  };

  Conversation.prototype.offer = function (nodeId, moveFocus) {
    var self = this;
    this.end.hidden = true;
    this.turn.hidden = false;
    this.turn.textContent = "";
    var label = el("p", "ml-conv-turn-label", "Your reply:");
    label.id = this.section.id + "-turn";
    this.turn.setAttribute("aria-labelledby", label.id);
    this.turn.appendChild(label);
    this.view[nodeId].replies.forEach(function (reply, index) {
      var button = el("button", "ml-button ml-conv-option", reply.text);
      button.type = "button";
      button.addEventListener("click", function () { self.pick(index); });
      self.turn.appendChild(button);
    });
    if (moveFocus) this.turn.querySelector("button").focus();
  };

  Conversation.prototype.pick = function (index) {
    this.state = Core.choose(this.state, this.graph, index, Date.now());
    this.save();
    this.render(true);
  };

  Conversation.prototype.showProgress = function () {
    var found = this.state.endings.length;
    var total = Core.endings(this.graph).length;
    this.progress.textContent = this.state.best
      ? "Best outcome so far: " + OUTCOMES[this.state.best] + " · " + found + " of " + total + " endings found"
      : total + " possible endings. Pick a reply to begin.";
  };

  Conversation.prototype.finish = function (w, moveFocus) {
    var self = this;
    var ending = this.graph.nodes[w.at];
    this.turn.hidden = true;
    this.turn.textContent = "";
    this.end.textContent = "";
    var title = el("p", "ml-conv-result ml-conv-" + ending.outcome, "Outcome: " + OUTCOMES[ending.outcome]);
    title.setAttribute("tabindex", "-1");
    this.end.appendChild(title);
    var debrief = this.view[w.at].debrief;
    if (debrief) this.end.appendChild(debrief.cloneNode(true));
    this.end.appendChild(this.skillTable());
    var details = el("details", "ml-conv-transcript");
    details.appendChild(el("summary", "", "Transcript with feedback on each reply"));
    var list = el("ol", "ml-conv-log");
    w.steps.forEach(function (step) {
      var line = self.view[step.node].line;
      if (line) {
        var li = el("li", "ml-conv-msg ml-conv-customer");
        li.appendChild(el("span", "ml-speaker", self.customer));
        li.appendChild(el("p", "", line));
        list.appendChild(li);
      }
      self.answer(step, list);
    });
    details.appendChild(list);
    if (!this.eachFeedback) details.open = true;
    this.end.appendChild(details);
    var again = el("button", "ml-button ml-conv-again", "Try a different path");
    again.type = "button";
    again.addEventListener("click", function () {
      self.state = Core.restart(self.state, Date.now());
      self.save();
      self.render(true);
    });
    this.end.appendChild(again);
    this.end.hidden = false;
    if (moveFocus) title.focus();
  };

  Conversation.prototype.skillTable = function () {
    var scores = Core.scores(this.graph, this.state.path);
    var table = el("table", "ml-conv-scores");
    table.appendChild(el("caption", "", "Listening skills on this path"));
    var head = el("tr");
    ["Skill", "Shown", "Score"].forEach(function (h) {
      var th = el("th", "", h);
      th.setAttribute("scope", "col");
      head.appendChild(th);
    });
    table.appendChild(head);
    Object.keys(scores).forEach(function (skill) {
      var s = scores[skill];
      var tr = el("tr");
      var th = el("th", "", this.labels[skill] || skill);
      th.setAttribute("scope", "row");
      tr.appendChild(th);
      tr.appendChild(el("td", "", s.shown + " of " + s.total));
      tr.appendChild(el("td", "", s.percent + "%"));
      table.appendChild(tr);
    }, this);
    return table;
  };

  function startAll(root) {
    all(root, "section.ml-conversation").forEach(function (section) {
      if (window.MicrolearnDOM.once(section)) new Conversation(section).start();
    });
  }

  window.MicrolearnConversationPage = { start: startAll };
})();
