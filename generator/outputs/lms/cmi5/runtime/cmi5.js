/* microlearn cmi5 bridge, loaded only by cmi5.html, the package's launch page for every AU.
 *
 * The LMS launches cmi5.html?au=<module or final-assessment> with the cmi5 launch
 * parameters. This page takes the auth token from the fetch URL (once), reads LMS.LaunchData
 * and its own progress from the LMS's LRS (State API), sends "initialized", then shows the
 * course in a frame at the AU's first page or where the learner left it. Lesson pages opened
 * and quiz results reported by the pages (window.parent.microlearnLMS, as in lms.js) update
 * the progress, saved in the State API, and may send "completed", "passed" or "failed";
 * leaving the page (or Exit) sends "terminated" and then goes to the LMS's returnURL.
 * MicrolearnCmi5Core decides what to send; this file only talks to the browser and the LRS.
 * Needs store.js, lms-core.js, lms-bridge.js and cmi5-core.js loaded first.
 */
(function () {
  "use strict";

  var Core = window.MicrolearnCmi5Core;
  var LMSCore = window.MicrolearnLMSCore;
  var Store = window.MicrolearnStore;
  var Bridge = window.MicrolearnLMSBridge;
  var frame = document.getElementById("ml-course");
  var notice = document.getElementById("ml-lms-notice");
  var exitButton = document.getElementById("ml-lms-exit");
  var courseId = document.body.getAttribute("data-course");
  var units = JSON.parse(document.getElementById("ml-cmi5-units").textContent);
  var launch = Core.parseLaunch(window.location.search);
  var au = launch.error ? null : Object.prototype.hasOwnProperty.call(units, launch.au) ? units[launch.au] : null;
  var token = "";
  var launchData = null;
  var progress = Core.emptyProgress();
  var session = Core.newSession(Date.now());
  var pending = []; /* statements waiting to be sent, in order */
  var dirty = false; /* progress changed since it was last saved */
  var busy = false;

  function tell(text) {
    notice.textContent = text;
    notice.hidden = false;
  }

  /* ------------------------------------------------------------------ xAPI requests */

  /* Every write outlives the page (keepalive), so a statement sent as the learner leaves
   * still arrives; its bodies are small, far below the browser's 64 KB for such requests. */
  function request(method, url, body) {
    var headers = { "X-Experience-API-Version": "1.0.3", Authorization: "Basic " + token };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return window.fetch(url, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      keepalive: method !== "GET",
      cache: "no-store"
    }).then(function (response) {
      if (!response.ok && !(method === "GET" && response.status === 404)) {
        throw new Error(method + " " + url.split("?")[0] + ": HTTP " + response.status);
      }
      return response;
    });
  }

  function getDocument(url) {
    return request("GET", url).then(function (response) {
      return response.status === 404 ? null : response.json().catch(function () {
        return null;
      });
    });
  }

  function saveProgress() {
    return request("PUT", Core.stateURL(launch, Core.PROGRESS_ID), progress);
  }

  function postStatements(batch) {
    return request("POST", launch.endpoint + "statements", batch);
  }

  function refused(error) {
    tell("Your learning system did not save your progress (" + error.message + "). " +
      "Please tell your course administrator before you close this window.");
  }

  /* Send what is waiting, one request at a time, statements before the progress that
   * records them as sent. What the LRS refused waits, in order, for the next change or the
   * end of the session. */
  function flush() {
    if (busy || !token) return;
    var batch = pending.splice(0);
    var save = dirty;
    dirty = false;
    if (!batch.length && !save) return;
    busy = true;
    var posted = !batch.length;
    (posted ? Promise.resolve() : postStatements(batch))
      .then(function () {
        posted = true;
        return save ? saveProgress() : null;
      })
      .then(function () {
        busy = false;
        flush();
      }, function (error) {
        if (!posted) pending = batch.concat(pending);
        if (save) dirty = true;
        busy = false;
        refused(error);
      });
  }

  function random16() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.slice.call(bytes);
  }

  /* Queue the statements due now; the state moves on at once, so nothing is sent twice.
   * At the end of the session the caller sends the queue itself, in a request that outlives
   * the page. */
  function step(ending) {
    if (!launchData) return;
    var now = Date.now();
    var d = Core.due(progress, session, au, launchData, now, ending);
    d.send.forEach(function (s) {
      pending.push(Core.statement(s.verb, s.result, launch, launchData, now, Core.uuid(random16())));
    });
    session = d.session;
    if (d.progress.sent.completed !== progress.sent.completed || d.progress.sent.passed !== progress.sent.passed) dirty = true;
    progress.sent = d.progress.sent;
    if (!ending) flush();
  }

  /* ------------------------------------------------------------------ the course frame */

  function pageLoaded() {
    var before = progress;
    progress = Core.visit(progress, au, Bridge.framePage(frame));
    if (progress !== before) dirty = true;
    step(false);
  }

  function quizResult(quiz, pageState) {
    if (!launchData || session.terminated || au.quizzes.indexOf(quiz) === -1) return;
    var quizState = Bridge.checkedQuiz(courseId, quiz, pageState);
    if (!quizState) return;
    progress.results[quiz] = LMSCore.mergeResult(progress.results[quiz], Store.toResult(quizState));
    if (quiz === au.final) session.checked = true;
    dirty = true;
    step(false);
  }

  /* The session ends: "terminated" with anything still waiting, sent at once. */
  function finish() {
    if (!launchData || session.terminated) return Promise.resolve();
    step(true);
    var batch = pending.splice(0);
    dirty = false;
    return Promise.all([postStatements(batch), saveProgress()]);
  }

  function exit() {
    exitButton.disabled = true;
    finish().catch(refused).then(function () {
      if (launchData && launchData.returnURL) {
        window.location.href = launchData.returnURL;
      } else {
        frame.hidden = true;
        exitButton.hidden = true;
        tell("You have left the course. You can close this window.");
      }
    });
  }

  function open(page) {
    frame.src = page;
  }

  /* ------------------------------------------------------------------ start */

  function fail(text, page) {
    window.microlearnLMS.connected = false;
    tell(text + " Your progress is not recorded.");
    open(page);
  }

  function start() {
    if (launch.error) return fail("This course was not started by a cmi5 learning system (" + launch.error + ").", "index.html");
    if (!au) return fail("This package has no unit \"" + launch.au + "\": the learning system's course structure does not match it.", "index.html");
    var first = au.pages[0];
    window.fetch(launch.fetch, { method: "POST", cache: "no-store" })
      .then(function (response) {
        return response.json();
      })
      .then(function (body) {
        var answer = Core.readToken(body);
        if (answer.error) throw new Error("no access: " + answer.error);
        token = answer.token;
        return getDocument(Core.stateURL(launch, Core.LAUNCH_DATA_ID));
      })
      .then(function (doc) {
        var data = Core.readLaunchData(doc);
        if (data.error) throw new Error("launch data: " + data.error);
        launchData = data;
        var preferences = Core.resourceURL(launch.endpoint, "agents/profile", {
          agent: launch.actor,
          profileId: "cmi5LearnerPreferences"
        });
        return Promise.all([getDocument(preferences).catch(function () {
          return null;
        }), getDocument(Core.stateURL(launch, Core.PROGRESS_ID))]);
      })
      .then(function (docs) {
        progress = Core.readProgress(docs[1], au);
        /* this browser's entries belong to one learner and registration */
        progress.results = Bridge.scope(courseId, au.quizzes, JSON.stringify(launch.actor.account),
          launch.registration, progress.results);
        session = Core.newSession(Date.now());
        step(false);
        frame.addEventListener("load", pageLoaded);
        window.addEventListener("pagehide", function () {
          finish().catch(function () {
            /* the window is closing: nothing left to tell */
          });
        });
        exitButton.hidden = false;
        exitButton.addEventListener("click", exit);
        open(progress.page || first);
      })
      .catch(function (error) {
        launchData = null;
        fail("Your learning system did not let this course record your progress (" + error.message + ").", first);
      });
  }

  window.microlearnLMS = { connected: true, quizResult: quizResult };
  start();
})();
