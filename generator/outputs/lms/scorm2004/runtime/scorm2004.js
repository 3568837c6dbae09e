/* microlearn SCORM 2004 SCO: hands the bridge (lms.js) this SCO's dialect, made by
 * MicrolearnSCORM2004Core from the launch page's data-sco. Loaded before lms.js. */
(function () {
  "use strict";

  var config = {};
  try {
    config = JSON.parse(document.body.getAttribute("data-sco") || "{}");
  } catch (e) {
    config = {};
  }
  window.MicrolearnLMSDialect = window.MicrolearnSCORM2004Core.dialect(config);
})();
