/* microlearn storage contract: the one definition of what the runtime keeps and how.
 *
 * Pure functions, no DOM: the site runtime and the LMS bridge both use them, and node tests
 * `require` this file. Every value read back is validated; anything malformed is dropped and
 * rebuilt from defaults, never thrown.
 *
 * Keys (one storage entry each, so tabs and quota failures touch one entry at a time):
 *   microlearn:v1:<course>:quiz:<quiz id>    quiz state (see emptyQuiz)
 *   microlearn:v1:<course>:visit:<lesson>    {first, last} visit times (ms)
 *   microlearn:v1:<course>:note:<note id>    reflection note text
 *   microlearn:v1:<course>:review            {items: {<ref>: {box, due}}} spaced review
 *   microlearn:v1:<course>:conversation:<id> conversation state (see emptyConversation)
 *   microlearn:v1:<course>:reply:<lesson or quiz>:<id>  {text, revealed, ticks, updated}
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MicrolearnStore = factory();
})(this, function () {
  "use strict";

  var PREFIX = "microlearn:v1:";
  var EXPORT_FORMAT = "microlearn-progress";
  var SHORT_VERSION = 6; /* characters of a quiz version kept where space is scarce (LMS) */
  var REVIEW_BOXES = 5;

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  function isString(v) {
    return typeof v === "string";
  }

  function isTime(v) {
    return typeof v === "number" && isFinite(v) && v >= 0;
  }

  function isCount(v) {
    return typeof v === "number" && v >= 0 && v % 1 === 0 && v < 1e6;
  }

  function isPercent(v) {
    return typeof v === "number" && isFinite(v) && v >= 0 && v <= 100;
  }

  /* ------------------------------------------------------------------ keys */

  function courseKey(course) {
    return PREFIX + course + ":";
  }

  /* key("c", "quiz", "q1") -> "microlearn:v1:c:quiz:q1"; key("c", "review") -> "...:c:review" */
  function key(course, kind, id) {
    return courseKey(course) + kind + (id === undefined ? "" : ":" + id);
  }

  /* The course-relative name of a key ("quiz:q1"), or null when it is not this course's. */
  function entryName(course, fullKey) {
    var start = courseKey(course);
    return isString(fullKey) && fullKey.indexOf(start) === 0 ? fullKey.slice(start.length) : null;
  }

  function encode(value) {
    return JSON.stringify(value);
  }

  /* Parsed value or null: a damaged entry never throws. */
  function decode(text) {
    if (!isString(text)) return isObject(text) ? text : null;
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }

  /* ------------------------------------------------------------------ quiz state */

  function emptyQuiz(version) {
    return {
      version: isString(version) ? version : "",
      answers: {}, /* {qid: [option keys]} for choices, {qid: {stepKey: "position"}} for ordering */
      order: {}, /* {qid: [item keys]} display order of a shuffled attempt */
      shuffled: false,
      checked: false,
      passed: false, /* ever passed this version: a later fail never takes it back */
      score: null, /* percent of the last checked attempt */
      best: 0, /* best percent of any checked attempt */
      last: "", /* "passed" | "failed" | "" */
      updated: 0,
      drawn: [], /* assessments: ids of the questions drawn for the current attempt */
      attempts: 0 /* checked attempts of this version (assessment attempt limits) */
    };
  }

  /* A stored version matches the page's when equal, or when it is the page version's short
   * form (the LMS keeps only SHORT_VERSION characters). */
  function sameVersion(stored, current) {
    if (!isString(stored) || !isString(current)) return false;
    if (stored === current) return stored !== "";
    var shorter = stored.length < current.length ? stored : current;
    var longer = shorter === stored ? current : stored;
    return shorter.length >= SHORT_VERSION && longer.indexOf(shorter) === 0;
  }

  function cleanAnswers(raw) {
    var answers = {};
    if (!isObject(raw)) return answers;
    Object.keys(raw).forEach(function (qid) {
      var given = raw[qid];
      if (Array.isArray(given)) {
        answers[qid] = given.filter(isString);
      } else if (isObject(given)) {
        var positions = {};
        Object.keys(given).forEach(function (step) {
          if (isString(given[step]) && /^[0-9]+$/.test(given[step])) positions[step] = given[step];
        });
        answers[qid] = positions;
      }
    });
    return answers;
  }

  function cleanOrder(raw) {
    var order = {};
    if (!isObject(raw)) return order;
    Object.keys(raw).forEach(function (qid) {
      if (Array.isArray(raw[qid]) && raw[qid].every(isString)) order[qid] = raw[qid].slice();
    });
    return order;
  }

  /* A valid quiz state from whatever was stored (string, object or null). With `version`, a
   * state of another quiz version starts afresh: its answers belong to other questions. */
  function readQuiz(raw, version) {
    var data = decode(raw);
    var state = emptyQuiz(version);
    if (!isObject(data)) return state;
    if (version !== undefined && !sameVersion(data.version, version)) return state;
    if (version === undefined && isString(data.version)) state.version = data.version;
    state.answers = cleanAnswers(data.answers);
    state.order = cleanOrder(data.order);
    state.shuffled = data.shuffled === true && Object.keys(state.order).length > 0;
    state.checked = data.checked === true;
    state.passed = data.passed === true;
    state.score = isPercent(data.score) ? Math.round(data.score) : null;
    state.best = Math.max(isPercent(data.best) ? Math.round(data.best) : 0, state.score || 0);
    state.last = data.last === "passed" || data.last === "failed" ? data.last : "";
    state.updated = isTime(data.updated) ? data.updated : 0;
    state.drawn = Array.isArray(data.drawn) ? data.drawn.filter(isString) : [];
    state.attempts = isCount(data.attempts) ? data.attempts : 0;
    if (state.checked && state.score === null) state.checked = false; /* no result to show */
    return state;
  }

  /* The state after a checked attempt: a pass stays, the best score stays. */
  function recordAttempt(state, percent, passed, now) {
    var next = readQuiz(state, state.version);
    next.checked = true;
    next.score = percent;
    next.best = Math.max(next.best, percent);
    next.passed = next.passed || passed;
    next.last = passed ? "passed" : "failed";
    next.updated = now;
    next.attempts += 1;
    return next;
  }

  /* The state after "Try again": answers cleared, results kept, the new attempt's display
   * order (from MicrolearnScoring.drawOrder; {} keeps the page order) and, in an assessment,
   * the ids of its newly drawn questions. */
  function clearAttempt(state, now, order, drawn) {
    var next = readQuiz(state, state.version);
    next.checked = false;
    next.answers = {};
    next.order = cleanOrder(order);
    next.shuffled = Object.keys(next.order).length > 0;
    next.updated = now;
    next.drawn = Array.isArray(drawn) ? drawn.filter(isString) : [];
    return next;
  }

  /* Two states of one quiz (two tabs, this browser and the LMS): the best result wins, the
   * newer attempt supplies answers and order (b on a tie). Different versions: the newer wins. */
  function merge(a, b) {
    var newer = a.updated > b.updated ? a : b;
    var older = newer === a ? b : a;
    var out = readQuiz(newer);
    if (!sameVersion(a.version, b.version)) return out;
    out.version = older.version.length > newer.version.length ? older.version : newer.version;
    out.passed = a.passed || b.passed;
    out.best = Math.max(a.best, b.best);
    out.attempts = Math.max(a.attempts, b.attempts);
    return out;
  }

  /* For progress displays: {kind: "passed" | "tried" | "", percent: number}. */
  function status(state) {
    var percent = state.score === null ? state.best : state.score;
    if (state.passed) return { kind: "passed", percent: state.best };
    if (state.checked || state.last) return { kind: "tried", percent: percent };
    return { kind: "", percent: 0 };
  }

  /* The compact result the LMS keeps: {v: short version, p: passed, s: best percent}. */
  function toResult(state) {
    return { v: state.version.slice(0, SHORT_VERSION), p: state.passed, s: state.best };
  }

  function fromResult(result) {
    var state = emptyQuiz(isObject(result) && isString(result.v) ? result.v : "");
    if (!isObject(result)) return state;
    state.passed = result.p === true;
    state.best = isPercent(result.s) ? Math.round(result.s) : 0;
    state.last = state.passed ? "passed" : "failed"; /* the LMS only keeps checked attempts */
    return state;
  }

  /* ------------------------------------------------------------------ other entries */

  function readVisit(raw) {
    var data = decode(raw);
    if (!isObject(data) || !isTime(data.first)) return null;
    return { first: data.first, last: isTime(data.last) && data.last >= data.first ? data.last : data.first };
  }

  function readNote(raw) {
    var data = decode(raw);
    return isString(data) ? data : "";
  }

  function readReview(raw) {
    var data = decode(raw);
    var review = { items: {} };
    if (!isObject(data) || !isObject(data.items)) return review;
    Object.keys(data.items).forEach(function (ref) {
      var item = data.items[ref];
      if (!isObject(item) || !isTime(item.due)) return;
      var box = item.box;
      if (typeof box !== "number" || box % 1 !== 0 || box < 1 || box > REVIEW_BOXES) return;
      review.items[ref] = { box: box, due: item.due };
    });
    return review;
  }

  /* ------------------------------------------------------------------ conversations, replies */

  var OUTCOMES = ["lost", "escalated", "resolved"]; /* worst to best */

  function emptyConversation(version) {
    return {
      version: isString(version) ? version : "",
      path: [], /* choice indexes taken from the start on the current run */
      done: false, /* the current run reached an ending */
      best: "", /* best outcome of any run: "" | "lost" | "escalated" | "resolved" */
      endings: [], /* ids of the endings reached so far */
      updated: 0
    };
  }

  function isIndex(v) {
    return typeof v === "number" && v % 1 === 0 && v >= 0 && v < 100;
  }

  /* A valid conversation state from whatever was stored; another version starts afresh. */
  function readConversation(raw, version) {
    var data = decode(raw);
    var state = emptyConversation(version);
    if (!isObject(data)) return state;
    if (version !== undefined && data.version !== version) return state;
    if (version === undefined && isString(data.version)) state.version = data.version;
    state.path = Array.isArray(data.path) && data.path.every(isIndex) ? data.path.slice() : [];
    state.done = data.done === true && state.path.length > 0;
    state.best = OUTCOMES.indexOf(data.best) >= 0 ? data.best : "";
    state.endings = Array.isArray(data.endings) ? data.endings.filter(isString) : [];
    state.updated = isTime(data.updated) ? data.updated : 0;
    return state;
  }

  function emptyReply() {
    return { text: "", revealed: false, ticks: [], updated: 0 };
  }

  function readReply(raw) {
    var data = decode(raw);
    var state = emptyReply();
    if (!isObject(data)) return state;
    state.text = isString(data.text) ? data.text : "";
    state.revealed = data.revealed === true;
    state.ticks = Array.isArray(data.ticks) ? data.ticks.filter(isIndex) : [];
    state.updated = isTime(data.updated) ? data.updated : 0;
    return state;
  }

  /* One validator per entry kind: the only place that knows what each kind holds. */
  var READERS = {
    quiz: function (raw) { return readQuiz(raw); },
    visit: readVisit,
    note: readNote,
    review: readReview,
    conversation: function (raw) { return readConversation(raw); },
    reply: readReply
  };

  function kindOf(name) {
    var kind = String(name).split(":")[0];
    return Object.prototype.hasOwnProperty.call(READERS, kind) ? kind : null;
  }

  /* A validated value for a course-relative entry name, or null if it is not worth keeping. */
  function readEntry(name, raw) {
    var kind = kindOf(name);
    if (!kind) return null;
    if (kind === "review" ? name !== kind : name.length <= kind.length + 1) return null;
    var value = READERS[kind](raw);
    if ((kind === "quiz" || kind === "conversation") && !value.version) return null;
    return value;
  }

  /* ------------------------------------------------------------------ export / import */

  /* A file-ready object of every readable entry; `entries` maps full keys to raw values. */
  function exportState(course, entries, now) {
    var out = { format: EXPORT_FORMAT, version: 1, course: course, exported: now, entries: {} };
    Object.keys(entries).forEach(function (fullKey) {
      var name = entryName(course, fullKey);
      var value = name === null ? null : readEntry(name, entries[fullKey]);
      if (value !== null) out.entries[name] = value;
    });
    return out;
  }

  /* Validated entries of an exported file: {ok, entries: {fullKey: value}, skipped, error}.
   * A bad file gives ok: false and no entries, so the caller keeps the current state. */
  function importState(course, file) {
    var data = decode(file);
    var result = { ok: false, entries: {}, skipped: 0, error: "" };
    if (!isObject(data) || data.format !== EXPORT_FORMAT || data.version !== 1) {
      result.error = "This is not a microlearn progress file.";
    } else if (data.course !== course) {
      result.error = "This progress file belongs to another course.";
    } else if (!isObject(data.entries)) {
      result.error = "This progress file holds no progress.";
    } else {
      result.ok = true;
      Object.keys(data.entries).forEach(function (name) {
        var value = readEntry(name, encode(data.entries[name]));
        if (value === null) result.skipped += 1;
        else result.entries[key(course, name)] = value;
      });
    }
    return result;
  }

  return {
    PREFIX: PREFIX,
    SHORT_VERSION: SHORT_VERSION,
    key: key,
    courseKey: courseKey,
    entryName: entryName,
    encode: encode,
    decode: decode,
    emptyQuiz: emptyQuiz,
    sameVersion: sameVersion,
    readQuiz: readQuiz,
    recordAttempt: recordAttempt,
    clearAttempt: clearAttempt,
    merge: merge,
    status: status,
    toResult: toResult,
    fromResult: fromResult,
    readVisit: readVisit,
    readNote: readNote,
    readReview: readReview,
    emptyConversation: emptyConversation,
    readConversation: readConversation,
    emptyReply: emptyReply,
    readReply: readReply,
    readEntry: readEntry,
    exportState: exportState,
    importState: importState
  };
});
