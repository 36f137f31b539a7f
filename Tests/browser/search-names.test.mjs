// search.js must name shard files exactly as SearchIndexFormat.shardName does (the same cases are
// in SearchTests.swift, shardFilesAreNamedByTheirKeys). Run: node --test Tests/browser/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const source = readFileSync(new URL("../../themes/default/assets/search.js", import.meta.url), "utf8");
const context = vm.createContext({ TextEncoder });
vm.runInContext(source, context);
const search = context.docgenSearch;

test("shard files are named by their keys", () => {
  assert.equal(search.shardName(""), "_");
  assert.equal(search.shardName("docu"), "_docu");
  assert.equal(search.shardName("报告"), "ue68aa5e5918a");
  assert.equal(search.shardName("überblick"), "uc3bc626572626c69636b");
});

test("a long key's name comes from the manifest", () => {
  const long = "ж".repeat(31);
  assert.equal(search.shardName(long, { [long]: "h0123456789abcdef" }), "h0123456789abcdef");
});
