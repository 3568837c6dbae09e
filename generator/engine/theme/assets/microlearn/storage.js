/* microlearn browser storage: localStorage behind calls that never throw.
 *
 * Storage may be disabled (private modes, some LMS frames throw SecurityError on access) or
 * full. Reads then give null, writes report what happened, and the learner is told once, in
 * a polite status message, that progress is not being saved.
 */
(function () {
  "use strict";

  var listeners = [];
  var told = {};

  function area() {
    try {
      return window.localStorage || null;
    } catch (e) {
      return null;
    }
  }

  var MESSAGES = {
    full: "Your browser's storage for this site is full, so your latest progress was not saved. " +
      "Clearing this site's data in the browser settings, or resetting progress on the course home, makes room.",
    off: "This browser does not let the course save progress, so your answers are kept only until you leave this page."
  };

  /* A visible, polite message; one per problem, not one per keystroke. */
  function tell(problem) {
    if (told[problem] || !document.body) return;
    told[problem] = true;
    var box = document.querySelector(".ml-storage-notice");
    if (!box) {
      box = document.createElement("div");
      box.className = "ml-storage-notice";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      var host = document.querySelector("article") || document.querySelector("main") || document.body;
      host.insertBefore(box, host.firstChild);
    }
    box.textContent = MESSAGES[problem];
    box.hidden = false;
  }

  function get(key) {
    var s = area();
    try {
      return s ? s.getItem(key) : null;
    } catch (e) {
      return null;
    }
  }

  /* "ok", "full" or "off"; `quiet` writes (bookkeeping such as visits) tell nobody. */
  function set(key, text, quiet) {
    var s = area();
    if (!s) {
      if (!quiet) tell("off");
      return "off";
    }
    try {
      s.setItem(key, text);
      return "ok";
    } catch (e) {
      var full = e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22);
      if (!quiet) tell(full ? "full" : "off");
      return full ? "full" : "off";
    }
  }

  function remove(key) {
    var s = area();
    try {
      if (s) s.removeItem(key);
    } catch (e) {
      /* nothing stored we could reach */
    }
  }

  /* Every stored key starting with `prefix`. */
  function keys(prefix) {
    var s = area();
    var out = [];
    try {
      for (var i = 0; s && i < s.length; i++) {
        var k = s.key(i);
        if (k && k.indexOf(prefix) === 0) out.push(k);
      }
    } catch (e) {
      return out;
    }
    return out;
  }

  /* fn(key, newValue) when another tab changes an entry (null key: storage was cleared). */
  function onChange(fn) {
    listeners.push(fn);
  }

  window.addEventListener("storage", function (event) {
    listeners.forEach(function (fn) {
      try {
        fn(event.key, event.newValue);
      } catch (e) {
        /* one broken listener must not stop the others */
      }
    });
  });

  window.MicrolearnStorage = { get: get, set: set, remove: remove, keys: keys, onChange: onChange, tell: tell };
})();
