"use strict";
// Pages load the pure modules as classic scripts (file:// and LMS frames): each must define
// its global there, with no module system around it, and expose the same API as in node.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const DIR = path.join(__dirname, "../../generator/engine/theme/assets/microlearn");
const MODULES = {
  "store.js": "MicrolearnStore",
  "scoring.js": "MicrolearnScoring",
  "lms-core.js": "MicrolearnLMSCore",
  "assess-core.js": "MicrolearnAssess",
  "review-core.js": "MicrolearnReviewCore",
  "progress-core.js": "MicrolearnProgressCore"
};

for (const [file, global] of Object.entries(MODULES)) {
  test(`${file} defines window.${global} as a classic script`, () => {
    const page = {};
    vm.runInNewContext(fs.readFileSync(path.join(DIR, file), "utf8"), page, { filename: file });
    assert.equal(typeof page[global], "object");
    assert.deepEqual(Object.keys(page[global]).sort(), Object.keys(require(path.join(DIR, file))).sort());
  });
}
