/* microlearn assessment logic: pure functions, no DOM.
 *
 * An assessment page ships each question's key and feedback sealed (see generator/seal.py):
 * JSON, XOR-ed with an xorshift32 key stream seeded by FNV-1a of "<quiz version>:<question id>",
 * then base64. This stops casual lookup, not a developer: the key is on the page.
 * Each attempt draws `draw` questions from every pool (a pool is the lesson a question's
 * objective names); an optional attempt limit and a policy say when answers are shown.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MicrolearnAssess = factory();
})(this, function () {
  "use strict";

  var POLICIES = ["never", "after_pass", "always"];

  /* FNV-1a (32 bit) over the UTF-8 bytes of `text`; never 0 (xorshift would stall). */
  function seed(text) {
    var bytes = utf8(text);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h || 1;
  }

  function utf8(text) {
    return new TextEncoder().encode(String(text));
  }

  /* `length` bytes of xorshift32 output (the low byte of each step). */
  function keystream(key, length) {
    var x = seed(key);
    var out = new Uint8Array(length);
    for (var i = 0; i < length; i++) {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      out[i] = x & 0xff;
    }
    return out;
  }

  function fromBase64(text) {
    if (typeof atob === "function") {
      var binary = atob(text);
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes;
    }
    return new Uint8Array(Buffer.from(text, "base64"));
  }

  /* The value sealed under `key`, or null when the text is not a valid seal. */
  function unseal(text, key) {
    try {
      var raw = fromBase64(String(text));
      var stream = keystream(key, raw.length);
      for (var i = 0; i < raw.length; i++) raw[i] ^= stream[i];
      var value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
      return value !== null && typeof value === "object" ? value : null;
    } catch (e) {
      return null;
    }
  }

  function sealKey(version, questionId) {
    return version + ":" + questionId;
  }

  /* The question as MicrolearnScoring reads it, from its opened seal and its item keys. */
  function spec(id, type, keys, opened) {
    var q = { id: id, type: type };
    if (type === "ordering") {
      var positions = (opened && opened.p) || {};
      q.steps = keys.map(function (k) {
        return { key: k, position: String(positions[k] || "") };
      });
    } else {
      var correct = (opened && opened.c) || [];
      q.options = keys.map(function (k) {
        return { key: k, correct: correct.indexOf(k) !== -1 };
      });
    }
    return q;
  }

  /* A seeded source of [0, 1) (mulberry32), for tests and reproducible draws. */
  function seeded(n) {
    var a = n >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /* `questions`: [{id, pool}] in page order. Draws `perPool` from every pool with `random`
   * and returns the drawn ids in page order, so pools keep the course's order. */
  function draw(questions, perPool, random) {
    var pools = {};
    var names = [];
    questions.forEach(function (q) {
      if (!pools[q.pool]) {
        pools[q.pool] = [];
        names.push(q.pool);
      }
      pools[q.pool].push(q.id);
    });
    var chosen = {};
    names.forEach(function (name) {
      var ids = pools[name].slice();
      for (var i = ids.length - 1; i > 0; i--) {
        var j = Math.floor(random() * (i + 1));
        var t = ids[i];
        ids[i] = ids[j];
        ids[j] = t;
      }
      ids.slice(0, Math.max(1, perPool)).forEach(function (id) {
        chosen[id] = true;
      });
    });
    return questions
      .filter(function (q) {
        return chosen[q.id];
      })
      .map(function (q) {
        return q.id;
      });
  }

  /* A stored draw that still fits the page: known ids, `perPool` from every pool. */
  function fitDraw(questions, perPool, drawn) {
    if (!Array.isArray(drawn) || !drawn.length) return null;
    var pools = {};
    var known = {};
    questions.forEach(function (q) {
      known[q.id] = q.pool;
      pools[q.pool] = Math.min((pools[q.pool] || 0) + 1, Math.max(1, perPool));
    });
    var taken = {};
    for (var i = 0; i < drawn.length; i++) {
      var pool = known[drawn[i]];
      if (pool === undefined || taken[drawn[i]]) return null;
      taken[drawn[i]] = true;
      pools[pool] -= 1;
    }
    var whole = Object.keys(pools).every(function (p) {
      return pools[p] === 0;
    });
    if (!whole) return null;
    return questions
      .filter(function (q) {
        return taken[q.id];
      })
      .map(function (q) {
        return q.id;
      });
  }

  /* Attempts still allowed: Infinity without a limit (0). */
  function attemptsLeft(limit, used) {
    if (!limit) return Infinity;
    return Math.max(0, limit - (used || 0));
  }

  /* Whether correct answers and feedback may be shown after an attempt. */
  function mayShowAnswers(policy, passed) {
    if (POLICIES.indexOf(policy) === -1) policy = "after_pass";
    return policy === "always" || (policy === "after_pass" && !!passed);
  }

  return {
    seed: seed,
    keystream: keystream,
    unseal: unseal,
    sealKey: sealKey,
    spec: spec,
    seeded: seeded,
    draw: draw,
    fitDraw: fitDraw,
    attemptsLeft: attemptsLeft,
    mayShowAnswers: mayShowAnswers
  };
});
