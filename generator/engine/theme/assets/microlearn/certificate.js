/* microlearn certificate: offered once the final assessment is passed in this browser. The
 * learner types their name; the page shows course title, date, score and a verification code
 * (progress-core.js), all offline, and prints to one landscape page (learner.css).
 * The name and the date of issue are kept as notes, so they travel with exported progress.
 */
(function () {
  "use strict";

  var all = window.MicrolearnDOM.all;
  var Store = window.MicrolearnStore;
  var Storage = window.MicrolearnStorage;
  var Core = window.MicrolearnProgressCore;

  function note(course, id) {
    return Store.key(course, "note", id);
  }

  function start(root) {
    all(root, ".ml-cert-page").forEach(function (page) {
      if (!window.MicrolearnDOM.once(page)) return;
      var course = page.getAttribute("data-course");
      var final = Store.readQuiz(Storage.get(Store.key(course, "quiz", page.getAttribute("data-final"))));
      if (!final.passed) return; /* the locked message stays */
      var form = page.querySelector(".ml-cert-form");
      var input = form.querySelector("input");
      var cert = page.querySelector(".ml-certificate");
      var actions = page.querySelector(".ml-cert-actions");
      page.querySelector(".ml-cert-locked").hidden = true;

      function showCertificate(name) {
        var dateKey = note(course, "certificate-date");
        var date = Store.readNote(Storage.get(dateKey));
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
          date = Core.isoDate(Date.now());
          Storage.set(dateKey, Store.encode(date));
        }
        cert.querySelector(".ml-cert-name").textContent = name;
        cert.querySelector(".ml-cert-score").textContent = final.best + "%";
        cert.querySelector(".ml-cert-date").textContent = date;
        cert.querySelector(".ml-cert-code").textContent =
          Core.verificationCode(page.getAttribute("data-version"), name, date);
        form.hidden = true;
        cert.hidden = false;
        actions.hidden = false;
      }

      var saved = Core.normalName(Store.readNote(Storage.get(note(course, "certificate-name"))));
      if (saved) showCertificate(saved);
      else form.hidden = false;

      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var name = Core.normalName(input.value);
        var error = form.querySelector(".ml-cert-error");
        if (!name) {
          error.textContent = "Type your name first.";
          input.focus();
          return;
        }
        error.textContent = "";
        Storage.set(note(course, "certificate-name"), Store.encode(name));
        showCertificate(name);
        page.querySelector(".ml-cert-print").focus();
      });
      page.querySelector(".ml-cert-print").addEventListener("click", function () {
        window.print();
      });
      page.querySelector(".ml-cert-rename").addEventListener("click", function () {
        input.value = Core.normalName(Store.readNote(Storage.get(note(course, "certificate-name"))));
        cert.hidden = true;
        actions.hidden = true;
        form.hidden = false;
        input.focus();
      });
    });
  }

  window.MicrolearnCertificate = { start: start };
})();
