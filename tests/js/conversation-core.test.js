"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Store = require("../../generator/engine/theme/assets/microlearn/store.js");
const Core = require("../../generator/engine/theme/assets/microlearn/conversation-core.js");

const V = "0123456789ab";
/* opening -(0)-> checks -(0)-> resolved | -(1)-> escalated
 * opening -(1)-> cold -(0)-> checks | -(1)-> lost */
const GRAPH = {
  start: "opening",
  nodes: {
    opening: { outcome: "", choices: [
      { next: "checks", skills: { acknowledge: 1, paraphrase: 1 } },
      { next: "cold", skills: { acknowledge: -1 } }
    ] },
    checks: { outcome: "", choices: [
      { next: "resolved", skills: { "own-it": 2 } },
      { next: "escalated", skills: { "own-it": -1 } }
    ] },
    cold: { outcome: "", choices: [
      { next: "checks", skills: { acknowledge: 1, paraphrase: 1 } },
      { next: "lost", skills: { acknowledge: -2, "own-it": -1 } }
    ] },
    resolved: { outcome: "resolved", choices: [] },
    escalated: { outcome: "escalated", choices: [] },
    lost: { outcome: "lost", choices: [] }
  }
};

function play(path, state) {
  let s = state || Store.emptyConversation(V);
  path.forEach((i, n) => { s = Core.choose(s, GRAPH, i, n + 1); });
  return s;
}

test("skills parse from the page's data attribute; junk is skipped", () => {
  assert.deepEqual(Core.parseSkills("acknowledge:1 own-it:-2"), { acknowledge: 1, "own-it": -2 });
  assert.deepEqual(Core.parseSkills("x:0 y:3 Bad:1 z:-1 :1 w"), { z: -1 });
  assert.deepEqual(Core.parseSkills(null), {});
});

test("a walk follows the choices and knows when it reached an ending", () => {
  const w = Core.walk(GRAPH, [1, 0, 0]);
  assert.deepEqual(w.steps.map((s) => s.next), ["cold", "checks", "resolved"]);
  assert.equal(w.at, "resolved");
  assert.equal(w.ended, true);
  assert.equal(w.valid, true);
  const open = Core.walk(GRAPH, [0]);
  assert.equal(open.at, "checks");
  assert.equal(open.ended, false);
});

test("a path that does not fit the graph is cut back to the part that walks", () => {
  assert.equal(Core.walk(GRAPH, [0, 7]).valid, false);
  assert.equal(Core.walk(GRAPH, [0, 0, 0]).valid, false); /* past an ending */
  const state = Store.emptyConversation(V);
  state.path = [1, 5, 0];
  assert.deepEqual(Core.restore(state, GRAPH).path, [1]);
});

test("reaching an ending records it and the best outcome; a worse run never lowers it", () => {
  let s = play([0, 0]);
  assert.equal(s.done, true);
  assert.equal(s.best, "resolved");
  assert.deepEqual(s.endings, ["resolved"]);
  s = Core.restart(s, 10);
  assert.deepEqual(s.path, []);
  assert.equal(s.done, false);
  s = play([1, 1], s);
  assert.equal(s.best, "resolved");
  assert.deepEqual(s.endings, ["resolved", "lost"]);
  assert.deepEqual(Core.status(s), { kind: "passed", best: "resolved" });
  assert.deepEqual(Core.status(play([0, 1])), { kind: "tried", best: "escalated" });
  assert.equal(Core.status(Store.emptyConversation(V)).kind, "");
});

test("choices after an ending or out of range change nothing", () => {
  const done = play([0, 0]);
  assert.deepEqual(Core.choose(done, GRAPH, 0, 99), Core.restore(done, GRAPH));
  const start = Store.emptyConversation(V);
  assert.deepEqual(Core.choose(start, GRAPH, 3, 5).path, []);
});

test("a skill scores its positive effects over the sum of all effects on the path", () => {
  /* cold path: acknowledge -1, then +1; paraphrase +1; own-it +2 */
  const scores = Core.scores(GRAPH, [1, 0, 0]);
  assert.deepEqual(scores.acknowledge, { shown: 1, total: 2, percent: 50 });
  assert.deepEqual(scores.paraphrase, { shown: 1, total: 1, percent: 100 });
  assert.deepEqual(scores["own-it"], { shown: 2, total: 2, percent: 100 });
  assert.deepEqual(Object.keys(scores), ["acknowledge", "paraphrase", "own-it"]);
  assert.deepEqual(Core.scores(GRAPH, [1, 1])["own-it"], { shown: 0, total: 1, percent: 0 });
  assert.deepEqual(Core.scores(GRAPH, []), {});
});

test("a reply helped, hurt or was mixed by the sum of its effects", () => {
  assert.equal(Core.verdict({ a: 1, b: -1 }), "mixed");
  assert.equal(Core.verdict({ a: 2, b: -1 }), "helped");
  assert.equal(Core.verdict({ a: -1 }), "hurt");
  assert.equal(Core.verdict({}), "mixed");
});

test("state survives a round trip through the store and damaged entries never throw", () => {
  const s = play([1, 0]);
  assert.deepEqual(Store.readConversation(Store.encode(s), V), s);
  for (const raw of ["nope", "null", "[]", JSON.stringify({ version: V, path: "x", best: "won", endings: [3, "lost"], done: "yes" })]) {
    const r = Store.readConversation(raw, V);
    assert.deepEqual(Object.keys(r).sort(), Object.keys(Store.emptyConversation(V)).sort());
    assert.ok(Array.isArray(r.path) && r.path.every(Number.isInteger));
    assert.ok(["", "lost", "escalated", "resolved"].includes(r.best));
  }
  /* a state of another version of the conversation starts afresh */
  assert.deepEqual(Store.readConversation(Store.encode(s), "ffffffffffff").path, []);
});

test("export keeps conversation and reply entries; import validates them", () => {
  const entries = {
    [Store.key("c", "conversation", "x")]: Store.encode(play([0, 0])),
    [Store.key("c", "reply", "lesson:r1")]: Store.encode({ text: "Hi", revealed: true, ticks: [0, 2], updated: 3 })
  };
  const out = Store.exportState("c", entries, 9);
  assert.equal(out.entries["conversation:x"].best, "resolved");
  assert.deepEqual(out.entries["reply:lesson:r1"].ticks, [0, 2]);
  const back = Store.importState("c", JSON.stringify(out));
  assert.equal(back.ok, true);
  assert.equal(back.skipped, 0);
  assert.equal(Store.readReply(JSON.stringify({ text: 5, ticks: ["a", -1, 1] })).text, "");
  assert.deepEqual(Store.readReply(JSON.stringify({ text: 5, ticks: ["a", -1, 1] })).ticks, [1]);
});

test("conversation-core.js is a classic script on top of store.js, with the node API", () => {
  const fs = require("node:fs");
  const path = require("node:path");
  const vm = require("node:vm");
  const dir = path.join(__dirname, "../../generator/engine/theme/assets/microlearn");
  const page = {};
  for (const file of ["store.js", "conversation-core.js"]) {
    vm.runInNewContext(fs.readFileSync(path.join(dir, file), "utf8"), page, { filename: file });
  }
  assert.deepEqual(Object.keys(page.MicrolearnConversation).sort(), Object.keys(Core).sort());
});
