// Plain lunr (English and Russian, title boosted 10x, as MkDocs-style sites use it) over the
// same pages and queries as our search: `node lunr_peer.js INPUT.json` prints one JSON object.
// INPUT: {"pages": [{"id", "title", "body"}], "queries": ["text", ...]}.
"use strict";
const fs = require("fs");
const path = require("path");

const modules = process.env.LUNR_MODULES;
const lunr = require(path.join(modules, "lunr"));
require(path.join(modules, "lunr-languages/lunr.stemmer.support"))(lunr);
require(path.join(modules, "lunr-languages/lunr.ru"))(lunr);
require(path.join(modules, "lunr-languages/lunr.multi"))(lunr);

const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const started = process.hrtime.bigint();
const index = lunr(function () {
  this.use(lunr.multiLanguage("en", "ru"));
  this.ref("id");
  this.field("title", { boost: 10 });
  this.field("body");
  for (const page of input.pages) this.add(page);
});
const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
input.pages = null;
global.gc && global.gc();
const heapMb = process.memoryUsage().heapUsed / 1e6;

const results = [];
for (const text of input.queries) {
  // lunr reads `field:term`, `term~1`, `+term`, `-term`, `term^2`, `term*` as query syntax and
  // throws on some of it: a query it cannot parse finds nothing, as a user would see it.
  const cleaned = text.replace(/[:~^*+\-]/g, " ");
  const start = process.hrtime.bigint();
  let refs = [];
  let failed = false;
  try {
    refs = index.search(cleaned).slice(0, 10).map((hit) => hit.ref);
  } catch (error) {
    failed = true;
  }
  results.push({ ms: Number(process.hrtime.bigint() - start) / 1e6, refs, failed });
}
const rss = process.memoryUsage().rss / 1e6;
process.stdout.write(JSON.stringify({ build_ms: buildMs, heap_mb: heapMb, rss_mb: rss, results }));
