/* microlearn cmi5 decisions: pure functions, no DOM, no network.
 *
 * An AU is one module (its lesson pages) or the final assessment (its page and quiz):
 *   {pages: [page paths], quizzes: [quiz ids], versions: [quiz versions], final: quiz id or ""}
 * Its progress in a registration, kept in the xAPI State API under PROGRESS_ID:
 *   {visited: [page indexes], results: {quiz id: {v, p, s}}, page: bookmark,
 *    sent: {completed: bool, passed: bool}}
 * A session (one launch) adds what was sent since the launch:
 *   {started: ms, initialized, judged (passed or failed sent), checked (the final checked in
 *    this session), terminated}
 * `due` says which statements to send now, `statement` builds one from the LMS's
 * LMS.LaunchData context template (cmi5 sections 9 and 10).
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MicrolearnCmi5Core = factory();
})(this, function () {
  "use strict";

  var VERBS = {
    initialized: "http://adlnet.gov/expapi/verbs/initialized",
    completed: "http://adlnet.gov/expapi/verbs/completed",
    passed: "http://adlnet.gov/expapi/verbs/passed",
    failed: "http://adlnet.gov/expapi/verbs/failed",
    terminated: "http://adlnet.gov/expapi/verbs/terminated"
  };
  var CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  var SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
  var MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
  var PROGRESS_ID = "microlearn-progress";
  var LAUNCH_DATA_ID = "LMS.LaunchData";
  var MODES = ["Normal", "Browse", "Review"];
  var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
  var LAUNCH_PARAMS = ["endpoint", "fetch", "actor", "registration", "activityId"];

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  function copy(v) {
    return JSON.parse(JSON.stringify(v));
  }

  /* ------------------------------------------------------------------ launch */

  function decode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch (e) {
      return null;
    }
  }

  /* The query string's parameters ("?a=1&b=2"), the first of each name. */
  function queryParams(search) {
    var out = {};
    String(search || "").replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var at = pair.indexOf("=");
      var name = decode(at === -1 ? pair : pair.slice(0, at));
      var value = decode(at === -1 ? "" : pair.slice(at + 1));
      if (name !== null && value !== null && !Object.prototype.hasOwnProperty.call(out, name)) out[name] = value;
    });
    return out;
  }

  /* The cmi5 launch parameters (section 8.1) and our `au`, or {error: what is wrong}. */
  function parseLaunch(search) {
    var q = queryParams(search);
    var missing = LAUNCH_PARAMS.filter(function (name) {
      return !q[name];
    });
    if (missing.length) return { error: "missing launch parameters: " + missing.join(", ") };
    var actor = null;
    try {
      actor = JSON.parse(q.actor);
    } catch (e) {
      actor = null;
    }
    if (!isObject(actor) || !isObject(actor.account)) return { error: "the actor is not an agent with an account" };
    if (!UUID.test(q.registration)) return { error: "the registration is not a UUID" };
    return {
      endpoint: /\/$/.test(q.endpoint) ? q.endpoint : q.endpoint + "/",
      fetch: q.fetch,
      actor: actor,
      registration: q.registration,
      activityId: q.activityId,
      au: q.au || ""
    };
  }

  /* The fetch URL's answer: {token} or {error} (section 8.2). */
  function readToken(body) {
    if (isObject(body) && typeof body["auth-token"] === "string" && body["auth-token"]) {
      return { token: body["auth-token"] };
    }
    if (isObject(body) && body["error-code"] !== undefined) {
      return { error: "error " + body["error-code"] + (body["error-text"] ? ", " + body["error-text"] : "") };
    }
    return { error: "no authorization token" };
  }

  /* LMS.LaunchData (section 10) as {contextTemplate, launchMode, masteryScore, moveOn,
   * returnURL}, or {error}. */
  function readLaunchData(doc) {
    if (!isObject(doc) || !isObject(doc.contextTemplate)) return { error: "no contextTemplate" };
    var ext = doc.contextTemplate.extensions;
    if (!isObject(ext) || typeof ext[SESSION_ID] !== "string" || !ext[SESSION_ID]) {
      return { error: "no session id in the contextTemplate" };
    }
    if (MODES.indexOf(doc.launchMode) === -1) return { error: "launchMode " + JSON.stringify(doc.launchMode) };
    var mastery = doc.masteryScore;
    if (mastery !== undefined && mastery !== null && !(typeof mastery === "number" && mastery >= 0 && mastery <= 1)) {
      return { error: "masteryScore " + JSON.stringify(mastery) };
    }
    return {
      contextTemplate: doc.contextTemplate,
      launchMode: doc.launchMode,
      masteryScore: typeof mastery === "number" ? mastery : null,
      moveOn: typeof doc.moveOn === "string" ? doc.moveOn : "",
      returnURL: typeof doc.returnURL === "string" ? doc.returnURL : ""
    };
  }

  /* The request address of an xAPI resource under the endpoint, with its parameters. */
  function resourceURL(endpoint, resource, params) {
    var query = Object.keys(params).map(function (name) {
      var v = params[name];
      return encodeURIComponent(name) + "=" + encodeURIComponent(typeof v === "string" ? v : JSON.stringify(v));
    });
    return endpoint + resource + (query.length ? "?" + query.join("&") : "");
  }

  /* The State API address of `stateId` for this launch. */
  function stateURL(launch, stateId) {
    return resourceURL(launch.endpoint, "activities/state", {
      stateId: stateId,
      activityId: launch.activityId,
      agent: launch.actor,
      registration: launch.registration
    });
  }

  /* ------------------------------------------------------------------ progress */

  function emptyProgress() {
    return { visited: [], results: {}, page: "", sent: { completed: false, passed: false } };
  }

  function isResult(r) {
    return isObject(r) && typeof r.v === "string" && typeof r.p === "boolean" &&
      typeof r.s === "number" && r.s >= 0 && r.s <= 100;
  }

  /* A stored progress document, checked against the AU: anything malformed is dropped. */
  function readProgress(doc, au) {
    var out = emptyProgress();
    if (!isObject(doc)) return out;
    if (Array.isArray(doc.visited)) {
      out.visited = doc.visited.filter(function (i, at, all) {
        return typeof i === "number" && i % 1 === 0 && i >= 0 && i < au.pages.length && all.indexOf(i) === at;
      }).sort(function (a, b) {
        return a - b;
      });
    }
    if (isObject(doc.results)) {
      au.quizzes.forEach(function (id) {
        if (isResult(doc.results[id])) out.results[id] = doc.results[id];
      });
    }
    if (typeof doc.page === "string" && au.pages.indexOf(doc.page) !== -1) out.page = doc.page;
    if (isObject(doc.sent)) {
      out.sent.completed = doc.sent.completed === true;
      out.sent.passed = doc.sent.passed === true;
    }
    return out;
  }

  function newSession(now) {
    return { started: now, initialized: false, judged: false, checked: false, terminated: false };
  }

  /* The learner opened `page` of the AU. */
  function visit(progress, au, page) {
    var at = au.pages.indexOf(page);
    if (at === -1) return progress;
    var out = copy(progress);
    out.page = page;
    if (out.visited.indexOf(at) === -1) {
      out.visited.push(at);
      out.visited.sort(function (a, b) {
        return a - b;
      });
    }
    return out;
  }

  /* Every page of a module opened; the assessment checked at least once. */
  function isComplete(progress, au) {
    if (au.final) return isResult(progress.results[au.final]);
    return au.pages.length > 0 && progress.visited.length === au.pages.length;
  }

  /* Judged against the LMS's masteryScore when it gives one, else the quiz's own pass mark. */
  function passes(result, masteryScore) {
    return masteryScore === null ? result.p : scaled(result) >= masteryScore;
  }

  function scaled(result) {
    return Math.round(result.s * 100) / 10000;
  }

  /* The statements to send now, in order, as [{verb, result}], with the progress and
   * session they leave. Only "Normal" launches record completion and success (10.2.2);
   * passed and failed at most one per session, passed once per registration and never
   * followed by failed (9.3). A failed result waits for the end of the session, so a pass on
   * a retry in the same session can still be sent. `ending`: the session ends now, with
   * "terminated", the last statement. */
  function due(progress, session, au, launchData, now, ending) {
    var out = { send: [], progress: copy(progress), session: copy(session) };
    if (session.terminated) return out;
    var duration = { duration: isoDuration(now - session.started) };
    function send(verb, result) {
      out.send.push({ verb: verb, result: result });
    }
    if (!session.initialized) {
      send("initialized", null);
      out.session.initialized = true;
    }
    if (launchData.launchMode === "Normal") {
      if (!progress.sent.completed && isComplete(progress, au)) {
        send("completed", { completion: true, duration: duration.duration });
        out.progress.sent.completed = true;
      }
      var r = au.final ? progress.results[au.final] : null;
      if (isResult(r) && !progress.sent.passed && !session.judged) {
        var ok = passes(r, launchData.masteryScore);
        if (ok || (ending && session.checked)) {
          send(ok ? "passed" : "failed", {
            score: { scaled: scaled(r), raw: Math.round(r.s), min: 0, max: 100 },
            success: ok,
            duration: duration.duration
          });
          out.session.judged = true;
          if (ok) out.progress.sent.passed = true;
        }
      }
    }
    if (ending) {
      send("terminated", duration);
      out.session.terminated = true;
    }
    return out;
  }

  /* ISO 8601 duration of `ms` milliseconds, to the hundredth of a second: "PT1H2M3.45S". */
  function isoDuration(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000);
    var m = Math.floor((cs % 360000) / 6000);
    var s = (cs % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s + "S";
  }

  /* A version 4 UUID from `random` (16 bytes, each 0-255). */
  function uuid(bytes) {
    var b = bytes.slice(0, 16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var hex = b.map(function (x) {
      return (x + 0x100).toString(16).slice(1);
    }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function addActivity(list, id) {
    var out = Array.isArray(list) ? list.slice() : list ? [list] : [];
    var has = out.some(function (a) {
      return isObject(a) && a.id === id;
    });
    if (!has) out.push({ id: id, objectType: "Activity" });
    return out;
  }

  /* One cmi5 defined statement: the context template with the registration, the cmi5
   * category (and moveOn for results with success or completion) and, for a judgement, the
   * masteryScore; nothing of the template is overwritten (10.2.1). */
  function statement(verb, result, launch, launchData, now, id) {
    var context = copy(launchData.contextTemplate);
    context.registration = launch.registration;
    var activities = isObject(context.contextActivities) ? context.contextActivities : {};
    activities.category = addActivity(activities.category, CMI5_CATEGORY);
    if (result && (result.success !== undefined || result.completion !== undefined)) {
      activities.category = addActivity(activities.category, MOVEON_CATEGORY);
    }
    context.contextActivities = activities;
    if ((verb === "passed" || verb === "failed") && launchData.masteryScore !== null &&
        context.extensions[MASTERY] === undefined) {
      context.extensions[MASTERY] = launchData.masteryScore;
    }
    var out = {
      id: id,
      timestamp: new Date(now).toISOString(),
      actor: launch.actor,
      verb: { id: VERBS[verb], display: { "en-US": verb } },
      object: { id: launch.activityId, objectType: "Activity" },
      context: context
    };
    if (result) out.result = result;
    return out;
  }

  return {
    VERBS: VERBS,
    CMI5_CATEGORY: CMI5_CATEGORY,
    MOVEON_CATEGORY: MOVEON_CATEGORY,
    SESSION_ID: SESSION_ID,
    MASTERY: MASTERY,
    PROGRESS_ID: PROGRESS_ID,
    LAUNCH_DATA_ID: LAUNCH_DATA_ID,
    queryParams: queryParams,
    parseLaunch: parseLaunch,
    readToken: readToken,
    readLaunchData: readLaunchData,
    resourceURL: resourceURL,
    stateURL: stateURL,
    emptyProgress: emptyProgress,
    readProgress: readProgress,
    newSession: newSession,
    visit: visit,
    isComplete: isComplete,
    passes: passes,
    due: due,
    isoDuration: isoDuration,
    uuid: uuid,
    statement: statement
  };
});
