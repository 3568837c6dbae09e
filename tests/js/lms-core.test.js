"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Core = require("../../generator/engine/theme/assets/microlearn/lms-core.js");

const results = {
  "first-lesson": { v: "0123ab", p: true, s: 100 },
  "second-lesson": { v: "ffee00", p: false, s: 40 },
  final: { v: "abcdef", p: true, s: 80 }
};

test("suspend_data round-trips compactly", () => {
  const text = Core.encodeSuspend(results);
  assert.equal(text, "m1;final,p,28,abcdef;first-lesson,p,2s,0123ab;second-lesson,f,14,ffee00;");
  assert.deepEqual(Core.decodeSuspend(text), results);
  assert.deepEqual(Core.decodeSuspend(Core.encodeSuspend({})), {});
});

test("odd ids and versions survive encoding", () => {
  const odd = { "a,b;c%": { v: "X-12", p: false, s: 0 } };
  assert.deepEqual(Core.decodeSuspend(Core.encodeSuspend(odd)), { "a,b;c%": { v: "12", p: false, s: 0 } });
  assert.equal(Core.encodeSuspend({ bad: { v: "a", p: "yes", s: 5 }, worse: null }), "m1;");
});

test("a truncated suspend_data keeps every whole entry", () => {
  const text = Core.encodeSuspend(results);
  for (let cut = 0; cut <= text.length; cut++) {
    const got = Core.decodeSuspend(text.slice(0, cut));
    const complete = text.slice(0, cut).split(";").length - 2; // header and the unfinished tail
    assert.equal(Object.keys(got).length, Math.max(0, complete), `cut at ${cut}`);
    for (const id of Object.keys(got)) assert.deepEqual(got[id], results[id]);
  }
});

test("damaged entries are skipped, the rest kept", () => {
  const text = "m1;a,p,2s,0123ab;b,x,14,ff;c,f,zz,ff;d,f,14,ff;%E0%A4%A,p,1,;e,p,2t,00;";
  assert.deepEqual(Core.decodeSuspend(text), {
    a: { v: "0123ab", p: true, s: 100 }, d: { v: "ff", p: false, s: 40 }
  });
});

test("legacy JSON suspend_data is read, whole or cut short", () => {
  const legacy = JSON.stringify({
    "first-lesson": { v: "x", p: true, s: 100 }, "sec\\\"ond": { v: "y", p: false, s: 40 }, final: { v: "z", p: true, s: 90 }
  });
  assert.equal(Object.keys(Core.decodeSuspend(legacy)).length, 3);
  const cut = Core.decodeSuspend(legacy.slice(0, legacy.length - 8));
  assert.deepEqual(cut, { "first-lesson": { v: "x", p: true, s: 100 }, 'sec\\"ond': { v: "y", p: false, s: 40 } });
  assert.deepEqual(Core.decodeSuspend('{"q": {"v": "x", "p": true}}'), { q: { v: "x", p: true, s: 0 } });
  assert.deepEqual(Core.decodeSuspend('{"q": 5, "r": {"v": 1, "p": true, "s": 5}}'), {});
  assert.deepEqual(Core.decodeSuspend('{"q": {"v": "x", "p": true, "s": 500}}'), {});
});

test("unreadable suspend_data gives no results and no error", () => {
  for (const raw of ["", "garbage", "null", "{", "[1,2]", null, undefined, 5, "m1", "m1;;;;"]) {
    assert.deepEqual(Core.decodeSuspend(raw), {}, String(raw));
  }
});

test("merging results: a pass is never taken back, the best score stays", () => {
  const pass = { v: "aa", p: true, s: 90 };
  const fail = { v: "aa", p: false, s: 30 };
  assert.deepEqual(Core.mergeResult(pass, fail), { v: "aa", p: true, s: 90 });
  assert.deepEqual(Core.mergeResult(fail, pass), { v: "aa", p: true, s: 90 });
  assert.deepEqual(Core.mergeResult(undefined, fail), fail);
  assert.deepEqual(Core.mergeResult(fail, null), fail);
  assert.deepEqual(Core.mergeResult({ v: "aa", p: false, s: 10 }, { v: "bb", p: false, s: 20 }), { v: "bb", p: false, s: 20 });
});

test("with a final assessment, lesson quizzes passed do not pass the course", () => {
  const lessons = { "first-lesson": results["first-lesson"], "second-lesson": { v: "", p: true, s: 100 } };
  assert.deepEqual(Core.decide(lessons, "final", ["first-lesson", "second-lesson", "final"]),
    { status: "incomplete", score: null });
  assert.deepEqual(Core.decide({ final: { v: "", p: false, s: 60 } }, "final", ["final"]),
    { status: "incomplete", score: 60 });
  assert.deepEqual(Core.decide(results, "final", []), { status: "passed", score: 80 });
});

test("without a final assessment every quiz must pass; the score is the share passed", () => {
  const quizzes = ["first-lesson", "second-lesson"];
  assert.deepEqual(Core.decide(results, "", quizzes), { status: "incomplete", score: 50 });
  const all = { ...results, "second-lesson": { v: "", p: true, s: 100 } };
  assert.deepEqual(Core.decide(all, "", quizzes), { status: "passed", score: 100 });
  assert.deepEqual(Core.decide({}, "", ["a", "b", "c"]), { status: "incomplete", score: 0 });
  assert.deepEqual(Core.decide({ a: { v: "", p: true, s: 1 } }, "", ["a", "b", "c"]), { status: "incomplete", score: 33 });
  assert.deepEqual(Core.decide({}, "", []), { status: "incomplete", score: null });
});

test("values lists what to set, score only when there is one", () => {
  assert.deepEqual(Core.values(results, "final", []), [
    ["cmi.suspend_data", Core.encodeSuspend(results)],
    ["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"], ["cmi.core.score.raw", "80"],
    ["cmi.core.lesson_status", "passed"]
  ]);
  assert.deepEqual(Core.values({}, "final", []), [["cmi.suspend_data", "m1;"], ["cmi.core.lesson_status", "incomplete"]]);
});

test("300 quiz results round-trip", () => {
  const many = {};
  for (let i = 0; i < 300; i++) many[`lesson-${i}`] = { v: "0123456789ab", p: i % 2 === 0, s: i % 101 };
  assert.deepEqual(Core.decodeSuspend(Core.encodeSuspend(many)), many);
});

test("entries that only look whole are skipped", () => {
  assert.deepEqual(Core.decodeSuspend("m1;bad entry,p,1,ab;a,p,1,abz;b,p,2t,ab;c,p,2s,AB;"), {});
  assert.deepEqual(Core.decodeSuspend(Core.encodeSuspend({ a: { v: "ABCDEF", p: true, s: 5 } })), { a: { v: "abcdef", p: true, s: 5 } });
  assert.equal(Core.encodeSuspend({ a: { v: "x", p: true, s: -5 }, b: { v: "x", p: 1, s: 5 }, c: { v: "x", p: true, s: "5" } }), "m1;");
});

test("a cut legacy value keeps multi-character versions", () => {
  const legacy = '{"a":{"v":"abc123","p":true,"s":100},"b":{"v":"def456","p":false,"s":500},"c":{"v":"x';
  assert.deepEqual(Core.decodeSuspend(legacy), { a: { v: "abc123", p: true, s: 100 } });
});
