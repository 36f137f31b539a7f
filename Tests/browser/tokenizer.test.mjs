// search.js must tokenize exactly as SearchTokenizer.swift: both are checked against
// Tests/Fixtures/search-tokens.json. Run: node --test Tests/browser/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const here = new URL(".", import.meta.url);
const source = readFileSync(new URL("../../themes/default/assets/search.js", here), "utf8");
const context = vm.createContext({});
vm.runInContext(source, context);
const search = context.docgenSearch;
const cases = JSON.parse(readFileSync(new URL("../Fixtures/search-tokens.json", here), "utf8"));

test("tokenizer matches the shared vectors", () => {
  assert.ok(cases.length > 20);
  for (const c of cases) {
    const got = Array.from(search.tokenize(c.text, c.lang, c.keepStopWords ?? false));
    assert.deepEqual(got, c.tokens, `${c.lang}: ${c.text}`);
  }
});

test("the last word of a query matches as a prefix, stop words kept while typing", () => {
  const clauses = (q) => JSON.parse(JSON.stringify(search.parseQuery(q, "en")));
  assert.deepEqual(clauses("report a bu"), [{ term: "report", prefix: false }, { term: "bu", prefix: true }]);
  assert.deepEqual(clauses("to"), [{ term: "to", prefix: true }]);
  assert.deepEqual(clauses("getPage "), [
    { term: "get", prefix: false }, { term: "page", prefix: false }, { term: "getpage", prefix: false }]);
});

test("English queries conflate one inflection; other languages keep the term", () => {
  const stem = (w, lang = "en") => search.stem(w, lang);
  for (const [a, b] of [["bugs", "bug"], ["reporting", "report"], ["translations", "translate"],
    ["translating", "translated"], ["queries", "query"], ["classes", "class"], ["caches", "cache"]]) {
    assert.equal(stem(a), stem(b), `${a} ~ ${b}`);
  }
  for (const w of ["deploy", "key", "status", "class", "version", "api"]) assert.equal(stem(w), w);
  assert.equal(stem("bugs", "de"), "bugs");
  assert.equal(stem("翻译"), "翻译");
});

test("numbers decode as the Swift encoder wrote them", () => {
  assert.deepEqual(Array.from(search.decode("W_1W")), [0, 31, 32]);
});

test("ASCII heading slugs match the builder's", () => {
  assert.equal(search.slug("Set up: Linux & macOS"), "set-up-linux--macos");
});
