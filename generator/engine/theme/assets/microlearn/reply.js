/* microlearn written replies: a draft kept in the browser, then a model answer and a
 * self-check list to tick. Not scored. State shape and validation: store.js (readReply).
 *
 * Without JavaScript the model answer sits in a closed <details> and the checklist shows;
 * with it, both wait behind "Compare with a model answer" so the learner writes first.
 */
(function () {
  "use strict";

  var all = window.MicrolearnDOM.all;
  var Store = window.MicrolearnStore;
  var Storage = window.MicrolearnStorage;

  function startReply(box) {
    var key = Store.key(box.getAttribute("data-course"), "reply", box.getAttribute("data-reply"));
    var text = box.querySelector(".ml-reply-text");
    var after = box.querySelector(".ml-reply-after");
    var actions = box.querySelector(".ml-reply-actions");
    var model = box.querySelector(".ml-reply-model");
    var status = box.querySelector(".ml-reply-status");
    var boxes = all(box, ".ml-reply-check input[type=checkbox]");
    var state = Store.readReply(Storage.get(key));

    function save() {
      state.updated = Date.now();
      Storage.set(key, Store.encode(state));
    }

    function count(announce) {
      var ticked = boxes.filter(function (b) { return b.checked; }).length;
      if (announce) status.textContent = ticked + " of " + boxes.length + " checks ticked.";
    }

    function show(revealed, moveFocus) {
      after.hidden = !revealed;
      actions.hidden = revealed;
      model.open = revealed;
      if (moveFocus) model.querySelector("summary").focus();
    }

    text.value = state.text;
    boxes.forEach(function (b, i) {
      b.checked = state.ticks.indexOf(i) >= 0;
      b.addEventListener("change", function () {
        state.ticks = boxes.map(function (x, j) { return x.checked ? j : -1; }).filter(function (j) { return j >= 0; });
        save();
        count(true);
      });
    });
    text.addEventListener("input", function () {
      state.text = text.value;
      save();
    });
    box.querySelector(".ml-reply-compare").addEventListener("click", function () {
      state.revealed = true;
      save();
      show(true, true);
    });
    show(state.revealed, false);
  }

  window.MicrolearnReply = {
    start: function (root) {
      all(root, ".ml-reply[data-reply]").forEach(function (box) {
        if (window.MicrolearnDOM.once(box)) startReply(box);
      });
    }
  };
})();
