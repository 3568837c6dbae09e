/* microlearn DOM helpers shared by the page scripts (loaded first). */
(function () {
  "use strict";

  window.MicrolearnDOM = {
    /* Every element under `root` matching `selector`, as an array. */
    all: function (root, selector) {
      return Array.prototype.slice.call(root.querySelectorAll(selector));
    },
    /* True the first time it is called for `el`: instant navigation re-runs start-up code. */
    once: function (el) {
      if (el.getAttribute("data-ml-ready")) return false;
      el.setAttribute("data-ml-ready", "1");
      return true;
    }
  };
})();
