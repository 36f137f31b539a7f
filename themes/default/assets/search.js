/* docgen search: reads the prebuilt index in search/ (format: docs/SEARCH-INDEX.md).
   The tokenizer mirrors Sources/DocGenKit/Search/SearchTokenizer.swift exactly;
   Tests/Fixtures/search-tokens.json is checked against both. No dependencies. */
(function () {
  "use strict";

  // ---------- Tokenizer (keep in step with SearchTokenizer.swift) ----------
  var RE_WORD = /[\p{L}\p{M}\p{N}]/u, RE_LU = /\p{Lu}/u, RE_LL = /\p{Ll}/u, RE_M = /\p{M}/u;
  var RE_ASCII = /^[\x00-\x7f]*$/, RE_FOLD = /[\u03c2\u0451\u00df\u00e6\u0153\u00f8\u0142\u0111\u00f0\u00fe\u0131]/g;
  var FOLD = { "\u03c2": "\u03c3", "\u0451": "\u0435", "\u00df": "ss", "\u00e6": "ae", "\u0153": "oe",
    "\u00f8": "o", "\u0142": "l", "\u0111": "d", "\u00f0": "d", "\u00fe": "th", "\u0131": "i" };
  var STOP = new Set(("a an and are as at be but by for if in into is it no not of on or s such t that the " +
    "their then there these they this to was will with").split(" "));
  var MAX_TERM = 40;

  function isCJK(v) {
    return (v >= 0x3005 && v <= 0x3007) || (v >= 0x3040 && v <= 0x30ff) || (v >= 0x31f0 && v <= 0x31ff) ||
      (v >= 0x3400 && v <= 0x4dbf) || (v >= 0x4e00 && v <= 0x9fff) || (v >= 0xf900 && v <= 0xfaff) ||
      (v >= 0xff66 && v <= 0xff9f) || (v >= 0x20000 && v <= 0x3134f);
  }
  // 0 other, 1 word, 2 CJK word, 3 joiner
  function classify(ch) {
    var v = ch.codePointAt(0);
    if (v < 0x80) {
      if ((v >= 0x61 && v <= 0x7a) || (v >= 0x41 && v <= 0x5a) || (v >= 0x30 && v <= 0x39)) return 1;
      return v === 0x5f || v === 0x2d ? 3 : 0;
    }
    return RE_WORD.test(ch) ? (isCJK(v) ? 2 : 1) : 0;
  }
  function letterCase(ch) {
    var v = ch.codePointAt(0);
    if (v < 0x80) return v >= 0x41 && v <= 0x5a ? 1 : v >= 0x61 && v <= 0x7a ? 2 : 0;
    return RE_LU.test(ch) ? 1 : RE_LL.test(ch) ? 2 : 0;
  }
  function camel(chars, classes, j) {
    var p = letterCase(chars[j - 1]), c = letterCase(chars[j]);
    if (p === 2 && c === 1) return true;
    return p === 1 && c === 1 && j + 1 < chars.length && classes[j + 1] === 1 && letterCase(chars[j + 1]) === 2;
  }
  function fold(s) {
    if (RE_ASCII.test(s)) return s.toLowerCase();
    var out = "", base = -1;
    for (var ch of s.toLowerCase().normalize("NFKD")) {
      var v = ch.codePointAt(0);
      if (v === 0x640 || (v >= 0x64b && v <= 0x65f) || v === 0x670) continue;
      if (RE_M.test(ch)) { if (v >= 0x300 && v <= 0x36f && base >= 0 && base < 0x400) continue; }
      else base = v;
      out += ch;
    }
    return out.normalize("NFC").replace(RE_FOLD, function (c) { return FOLD[c]; });
  }
  function isEnglish(lang) {
    lang = (lang || "").toLowerCase();
    return lang === "en" || lang.indexOf("en-") === 0 || lang.indexOf("en_") === 0;
  }
  function emit(term, out) { if (term && Array.from(term).length <= MAX_TERM) out.push(term); }
  function bigrams(term, out) {
    var c = Array.from(term);
    if (c.length === 1) out.push(term);
    for (var k = 0; k + 1 < c.length; k++) out.push(c[k] + c[k + 1]);
  }

  /** The terms of `text`, in order, exactly as the index builder makes them. */
  function tokenize(text, lang, keepStopWords) {
    var chars = Array.from(text || ""), n = chars.length, classes = chars.map(classify), out = [];
    var english = !keepStopWords && isEnglish(lang), i = 0;
    while (i < n) {
      if (classes[i] !== 1 && classes[i] !== 2) { i++; continue; }
      var parts = [], start = i, j;
      for (;;) {
        var c = classes[start];
        j = start + 1;
        while (j < n && classes[j] === c) { if (c === 1 && camel(chars, classes, j)) break; j++; }
        parts.push([start, j, c === 2]);
        if (j < n && (classes[j] === 1 || classes[j] === 2)) { start = j; continue; }
        if (j + 1 < n && classes[j] === 3 && (classes[j + 1] === 1 || classes[j + 1] === 2)) { start = j + 1; continue; }
        break;
      }
      i = j;
      var folded = [], cjk = false;
      parts.forEach(function (p) {
        var term = fold(chars.slice(p[0], p[1]).join(""));
        if (p[2]) { cjk = true; bigrams(term, out); return; }
        folded.push(term);
        if (!(english && STOP.has(term))) emit(term, out);
      });
      if (!cjk && parts.length > 1) emit(folded.join(""), out);
    }
    return out;
  }

  /** Query clauses: every term must match; terms of the last word (still being typed) match as prefixes. */
  function parseQuery(query, lang) {
    var m = /^([\s\S]*\s)?(\S*)$/.exec(query || ""), seen = new Map();
    tokenize(m[1] || "", lang, false).forEach(function (t) { seen.set(t, false); });
    tokenize(m[2] || "", lang, true).forEach(function (t) { if (!seen.has(t)) seen.set(t, true); });
    return Array.from(seen, function (e) { return { term: e[0], prefix: e[1] }; });
  }

  /** English inflections are conflated at query time only (the index keeps words as written): one
      suffix off, so "bugs" finds "bug", "reporting" "report", "translations" "translate". */
  var SUFFIXES = ["ions", "ion", "ings", "ing", "ies", "ied", "ed", "es", "s", "e", "y"];
  function stem(term, lang) {
    if (!isEnglish(lang) || !/^[a-z]+$/.test(term)) return term;
    for (var i = 0; i < SUFFIXES.length; i++) {
      var x = SUFFIXES[i], rest = term.length - x.length;
      if (rest < 3 || term.slice(rest) !== x) continue;
      if (x[0] === "i" && x[1] === "o" && term[rest - 1] !== "t") continue; // translation, not version
      if (x === "s" && "usi".indexOf(term[rest - 1]) >= 0) continue;  // class, status, analysis
      if (x === "y" && "aeiou".indexOf(term[rest - 1]) >= 0) continue; // deploy, key
      return term.slice(0, rest);
    }
    return term;
  }

  var ALPHA = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_", DIGIT = {};
  for (var a = 0; a < 64; a++) DIGIT[ALPHA.charCodeAt(a)] = a;
  /** Numbers from the index's base-32 encoding (a final digit is marked by the alphabet's upper half). */
  function decode(s) {
    var out = [], v = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      if (d < 32) v = v * 32 + d; else { out.push(v * 32 + d - 32); v = 0; }
    }
    return out;
  }
  /** Postings as [doc, impact, block, ...] with doc ids made absolute. */
  function postings(s) {
    var n = decode(s), doc = 0;
    for (var i = 0; i < n.length; i += 3) { doc = i ? doc + n[i] : n[i]; n[i] = doc; }
    return n;
  }
  function slug(heading) {
    return heading.toLowerCase().replace(/ /g, "-").replace(/[^a-z0-9_-]/g, "");
  }
  function less(a, b) { return a < b; } // UTF-16 order, as the builder sorts
  /** The file name of the shard with `key` (SearchIndexFormat.shardName): "_" and the key when it is
      ASCII lower-case letters and digits, else "u" and its UTF-8 in hex; the manifest lists the rest. */
  function shardName(key, names) {
    if (/^[a-z0-9]*$/.test(key)) return "_" + key;
    if (names && Object.prototype.hasOwnProperty.call(names, key)) return names[key];
    return "u" + Array.from(new TextEncoder().encode(key), function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  var api = { tokenize: tokenize, parseQuery: parseQuery, stem: stem, decode: decode, fold: fold, slug: slug,
    shardName: shardName };
  globalThis.docgenSearch = api;
  if (typeof document === "undefined") return;

  // ---------- Index access ----------
  var meta = document.querySelector('meta[name="docgen-root"]');
  var root = meta ? meta.getAttribute("content") : "./";
  var base = new URL(root + "search/", location.href).href;
  var cache = new Map();
  function load(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error("search index: " + path + " " + r.status);
        return r.json();
      }));
    }
    return cache.get(path);
  }
  function shardFile(L, folder, s) { return L.path + folder + shardName(L.shards[s], L.names) + ".json"; }
  function shardOf(keys, term) {
    var lo = 0, hi = keys.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (less(term, keys[mid])) hi = mid - 1; else lo = mid; }
    return lo;
  }
  function languagesFor(manifest) {
    var want = (document.documentElement.lang || manifest.default || "").toLowerCase(), list = manifest.languages;
    var pick = list.find(function (l) { return l.lang.toLowerCase() === want; }) ||
      list.find(function (l) { return l.lang.toLowerCase() === want.split("-")[0]; }) ||
      list.find(function (l) { return l.lang === manifest.default; }) || list[0];
    return [pick].concat(list.filter(function (l) { return l !== pick; }));
  }

  /** Searches the page's language first and the others while it has fewer than `limit` pages
      matching every term: their full matches follow its own. Pages matching only some terms are
      shown only when no language has a page matching all of them (the first such language's). */
  function search(query, opts) {
    return load("manifest.json").then(function (manifest) {
      var langs = languagesFor(manifest), k = 0, limit = opts.limit || 10;
      var full = { hits: [], clauses: [], count: 0 }, partial = null;
      function next() {
        if (k >= langs.length || full.hits.length >= limit) {
          var r = full.hits.length || !partial ? full : partial;
          r.hits = r.hits.slice(0, limit);
          return r;
        }
        return searchLanguage(manifest, langs[k++], query, opts).then(function (r) {
          if (!r.clauses.length) return k === 1 ? r : next();
          if (!full.clauses.length) full.clauses = r.clauses;
          if (r.partial) { if (!partial && r.hits.length) partial = r; }
          else { full.hits = full.hits.concat(r.hits); full.count += r.count; }
          return next();
        });
      }
      return next();
    });
  }

  function searchLanguage(manifest, L, query, opts) {
    var clauses = parseQuery(query, L.lang), roles = opts.roles || [];
    if (!clauses.length || !L.docs) return Promise.resolve({ hits: [], clauses: clauses, count: 0 });
    var needTail = clauses.length > 1 || roles.length > 0 || opts.full, english = isEnglish(L.lang);
    clauses.forEach(function (c) { c.stem = stem(c.term, L.lang); });
    var shardSets = clauses.map(function (c) {
      var ranged = c.prefix || english;
      var first = shardOf(L.shards, c.stem), last = ranged ? shardOf(L.shards, c.stem + "\uffff") : first;
      var list = [];
      for (var s = first; s <= Math.min(last, first + 2); s++) list.push(s);
      return list;
    });
    var wanted = Array.from(new Set([].concat.apply([], shardSets)));
    return Promise.all(wanted.map(function (s) { return load(shardFile(L, "t/", s)); })).then(function (loaded) {
      var shards = {};
      wanted.forEach(function (s, i) { shards[s] = loaded[i]; });
      var tails = new Set(), expansions = clauses.map(function (c, ci) {
        var found = [];
        shardSets[ci].forEach(function (s) {
          var shard = shards[s];
          if (!c.prefix && !english) { if (shard[c.term]) found.push([c.term, s]); return; }
          for (var t in shard) if (weight(c, t, L.lang)) found.push([t, s]);
        });
        found.sort(function (x, y) { return shards[y[1]][y[0]][0] - shards[x[1]][x[0]][0]; });
        found = found.slice(0, 50);
        found.forEach(function (f) { if (needTail && shards[f[1]][f[0]][0] > manifest.head) tails.add(f[1]); });
        return found;
      });
      var tailList = Array.from(tails);
      var extra = tailList.map(function (s) { return load(shardFile(L, "x/", s)); });
      if (roles.length) extra.push(load(L.path + "roles.json"));
      return Promise.all(extra).then(function (more) {
        var tailOf = {};
        tailList.forEach(function (s, i) { tailOf[s] = more[i]; });
        var allowed = null;
        if (roles.length) {
          var byRole = more[more.length - 1];
          allowed = new Set();
          roles.forEach(function (r) { if (byRole[r]) postingsOfDocs(byRole[r], allowed); });
        }
        return rank(manifest, L, clauses, expansions, shards, tailOf, allowed, opts);
      });
    });
  }
  /** How well index term `t` answers clause `c`: 1 exactly, 0.9 for the same stem, a prefix by
      the share typed; 0 when it does not match. */
  function weight(c, t, lang) {
    if (t === c.term) return 1;
    if (t.indexOf(c.stem) !== 0) return 0;
    var w = c.prefix && t.indexOf(c.term) === 0 ? 0.5 + 0.5 * c.term.length / t.length : 0;
    return t.length - c.stem.length <= 6 && stem(t, lang) === c.stem ? Math.max(w, 0.9) : w;
  }
  function postingsOfDocs(s, set) {
    var n = decode(s), doc = 0;
    n.forEach(function (d, i) { doc = i ? doc + d : d; set.add(doc); });
  }

  function rank(manifest, L, clauses, expansions, shards, tailOf, allowed, opts) {
    var N = L.docs, scale = manifest.scale;
    var perClause = expansions.map(function (found, ci) {
      var c = clauses[ci], docs = new Map();
      found.forEach(function (f) {
        var entry = shards[f[1]][f[0]], df = entry[0];
        var idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
        var w = weight(c, f[0], L.lang);
        var lists = [entry[1]];
        if (tailOf[f[1]] && tailOf[f[1]][f[0]]) lists.push(tailOf[f[1]][f[0]]);
        lists.forEach(function (s) {
          var p = postings(s);
          for (var i = 0; i < p.length; i += 3) {
            var score = idf * w * p[i + 1] / scale, old = docs.get(p[i]);
            if (!old || old[0] < score) docs.set(p[i], [score, p[i + 2]]);
          }
        });
      });
      return docs;
    });
    var total = new Map();
    perClause.forEach(function (docs) {
      docs.forEach(function (v, doc) {
        if (allowed && !allowed.has(doc)) return;
        var t = total.get(doc) || { doc: doc, score: 0, matched: 0, votes: {}, best: -1, block: 0 };
        t.score += v[0]; t.matched++;
        t.votes[v[1]] = (t.votes[v[1]] || 0) + 1;
        if (v[0] > t.best) { t.best = v[0]; t.block = v[1]; }
        total.set(doc, t);
      });
    });
    var hits = Array.from(total.values()), all = hits.filter(function (h) { return h.matched === clauses.length; });
    var partial = !all.length;
    if (all.length) hits = all;
    hits.forEach(function (h) {
      var top = h.votes[h.block];
      for (var b in h.votes) if (h.votes[b] > top) { top = h.votes[b]; h.block = +b; }
      h.score *= h.matched / clauses.length;
    });
    hits.sort(function (x, y) { return y.score - x.score || x.doc - y.doc; });
    var count = hits.length, limit = opts.limit || 10;
    hits = hits.slice(0, clauses.length > 1 ? Math.max(limit, 20) : limit);
    return Promise.all(hits.map(function (h) { return load(L.path + "d/" + Math.floor(h.doc / L.chunk) + ".json"); }))
      .then(function (chunks) {
        var qTokens = tokenize(opts.query, L.lang, true).join(" ");
        hits = hits.map(function (h, i) {
          var d = chunks[i][h.doc % L.chunk], b = d[5][h.block] || d[5][0];
          var r = { doc: h.doc, score: h.score, url: d[0], title: d[1], section: manifest.sections[d[2]] || "",
            type: manifest.types[d[3]], roles: d[4].map(function (k) { return manifest.roles[k]; }),
            heading: b[1], anchor: b[0] === 0 ? slug(b[1]) : b[0], excerpt: b[2] || d[5][0][2], lang: L.lang };
          var titleTokens = tokenize(r.title, L.lang, true).join(" ");
          if (titleTokens === qTokens) r.score *= 2;
          else if (clauses.length > 1 && [r.title, r.heading, r.excerpt].some(function (t) {
            return (" " + tokenize(t, L.lang, true).join(" ") + " ").indexOf(" " + qTokens) >= 0;
          })) r.score *= 1.5;
          r.href = root + r.url + (r.anchor ? "#" + r.anchor : "");
          return r;
        });
        hits.sort(function (x, y) { return y.score - x.score || x.doc - y.doc; });
        return { hits: hits.slice(0, limit), clauses: clauses, count: count, partial: partial && hits.length > 0 };
      });
  }

  // ---------- Rendering ----------
  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  /** `text` as HTML with the words that match a clause wrapped in <mark>. */
  function highlight(text, clauses, lang) {
    var chars = Array.from(text || ""), n = chars.length, classes = chars.map(classify), marked = new Uint8Array(n);
    function hit(t) { return clauses.some(function (c) { return c.stem ? weight(c, t, lang) > 0 : c.prefix ? t.indexOf(c.term) === 0 : t === c.term; }); }
    for (var i = 0; i < n;) {
      var c = classes[i], j = i + 1;
      if (c === 0 || c === 3) { i++; continue; }
      while (j < n && classes[j] === c) j++;
      if (c === 2) {
        for (var k = i; k < j; k++) {
          if (k + 1 < j && hit(fold(chars[k] + chars[k + 1]))) marked[k] = marked[k + 1] = 1;
          else if (clauses.some(function (q) { return q.term === fold(chars[k]); })) marked[k] = 1;
        }
      } else if (tokenize(chars.slice(i, j).join(""), lang, true).some(hit)) {
        for (var m = i; m < j; m++) marked[m] = 1;
      }
      i = j;
    }
    var html = "", open = false;
    for (var x = 0; x < n; x++) {
      if (marked[x] && !open) { html += "<mark>"; open = true; }
      if (!marked[x] && open) { html += "</mark>"; open = false; }
      html += esc(chars[x]);
    }
    return html + (open ? "</mark>" : "");
  }
  function resultHTML(r, clauses) {
    var where = [r.section, r.heading].filter(Boolean).map(esc).join(" \u203a ");
    return '<a href="' + esc(r.href) + '"><span class="result-title">' + highlight(r.title, clauses, r.lang) +
      '</span><span class="result-section">' + where + '</span><span class="result-snippet">' +
      highlight(r.excerpt, clauses, r.lang) + "</span>" +
      r.roles.map(function (role) { return '<span class="role-badge">' + esc(role[1]) + "</span>"; }).join("") + "</a>";
  }
  function emptyHTML(query) {
    return "No pages match \u201c" + esc(query) + "\u201d. Try other words, or browse the " +
      '<a href="' + esc(root) + 'tasks/">task index</a>.';
  }
  function chips(container, selected, onChange) {
    load("manifest.json").then(function (manifest) {
      container.innerHTML = manifest.roles.map(function (r) {
        return '<button type="button" class="role-chip" aria-pressed="' + (selected.has(r[0]) ? "true" : "false") +
          '" data-role="' + esc(r[0]) + '">' + esc(r[1]) + "</button>";
      }).join("");
    }).catch(function () {});
    container.addEventListener("click", function (e) {
      var b = e.target.closest(".role-chip");
      if (!b) return;
      var id = b.getAttribute("data-role"), on = !selected.has(id);
      if (on) selected.add(id); else selected.delete(id);
      b.setAttribute("aria-pressed", on ? "true" : "false");
      onChange();
    });
  }
  /** Runs `task` for the latest value only: at most one search in flight, the last request wins. */
  function coalesce(task) {
    var running = false, again = false;
    return function run() {
      if (running) { again = true; return; }
      running = true; again = false;
      Promise.resolve(task()).catch(function (e) { console.warn(e); }).then(function () {
        running = false;
        if (again) run();
      });
    };
  }

  // ---------- Header combobox ----------
  function setupBox() {
    var input = document.getElementById("search-input"), panel = document.getElementById("search-panel");
    var list = document.getElementById("search-results"), form = input && input.form;
    if (!input || !panel || !list) return;
    var filters = panel.querySelector(".search-filters"), roles = new Set(), active = -1, shown = "";
    function open(on) {
      panel.hidden = !on;
      input.setAttribute("aria-expanded", on ? "true" : "false");
      if (!on) select(-1);
    }
    function options() { return list.querySelectorAll('[role="option"]:not([aria-disabled])'); }
    function select(i) {
      var opts = options();
      active = opts.length ? Math.max(-1, Math.min(i, opts.length - 1)) : -1;
      opts.forEach(function (o, k) { o.setAttribute("aria-selected", k === active ? "true" : "false"); });
      if (active >= 0) { input.setAttribute("aria-activedescendant", opts[active].id); opts[active].scrollIntoView({ block: "nearest" }); }
      else input.removeAttribute("aria-activedescendant");
    }
    var update = coalesce(function () {
      var q = input.value;
      if (!q.trim()) { shown = q; list.innerHTML = ""; open(false); return; }
      return search(q, { limit: 10, roles: Array.from(roles), query: q }).then(function (r) {
        shown = q;
        list.innerHTML = r.hits.length ? r.hits.map(function (h, i) {
          return '<li role="option" id="search-result-' + i + '" aria-selected="false">' + resultHTML(h, r.clauses) + "</li>";
        }).join("") : '<li class="search-empty" role="option" aria-disabled="true">' + emptyHTML(q) + "</li>";
        active = -1;
        input.removeAttribute("aria-activedescendant");
        if (document.activeElement && form.contains(document.activeElement)) open(true);
      });
    });
    if (filters) chips(filters, roles, update);
    input.addEventListener("input", update);
    input.addEventListener("focus", function () { if (input.value.trim() && shown === input.value) open(true); else if (input.value.trim()) update(); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (panel.hidden) { if (input.value.trim()) { open(true); } return; }
        var n = options().length;
        select(e.key === "ArrowDown" ? (active + 1 < n ? active + 1 : 0) : (active > 0 ? active - 1 : n - 1));
      } else if (e.key === "Enter" && active >= 0 && !panel.hidden) {
        e.preventDefault();
        var a = options()[active].querySelector("a");
        if (a) location.assign(a.href);
      } else if (e.key === "Escape") {
        if (!panel.hidden) { e.preventDefault(); open(false); } else if (input.value) { input.value = ""; }
      }
    });
    list.addEventListener("mousemove", function (e) {
      var li = e.target.closest('[role="option"]:not([aria-disabled])');
      if (li) select(Array.prototype.indexOf.call(options(), li));
    });
    form.addEventListener("focusout", function (e) { if (!e.relatedTarget || !form.contains(e.relatedTarget)) open(false); });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      var t = e.target, tag = t && t.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
  }

  // ---------- The /search/ page ----------
  function setupPage() {
    var page = document.getElementById("search-page");
    if (!page) return;
    var input = document.getElementById("search-page-input"), results = document.getElementById("search-page-results");
    var status = document.getElementById("search-page-status"), filters = document.getElementById("search-page-filters");
    var params = new URLSearchParams(location.search), roles = new Set((params.get("roles") || "").split(",").filter(Boolean));
    var more = document.createElement("button"), limit = 10;
    more.type = "button";
    more.className = "search-more";
    more.textContent = "Show more results";
    more.hidden = true;
    results.after(more);
    more.addEventListener("click", function () { limit += 20; update(); });
    input.value = params.get("q") || "";
    var shownQuery = null, update = coalesce(function () {
      var q = input.value, url = new URL(location.href);
      url.searchParams.set("q", q);
      if (roles.size) url.searchParams.set("roles", Array.from(roles).join(",")); else url.searchParams.delete("roles");
      history.replaceState(null, "", url.href);
      if (q !== shownQuery) limit = 10;
      shownQuery = q;
      if (!q.trim()) { results.innerHTML = ""; more.hidden = true; status.textContent = "Type words to search the hub."; return; }
      return search(q, { limit: limit, roles: Array.from(roles), query: q, full: limit > 10 }).then(function (r) {
        if (input.value !== q) return;
        more.hidden = !(r.count > r.hits.length);
        results.innerHTML = r.hits.map(function (h) { return "<li>" + resultHTML(h, r.clauses) + "</li>"; }).join("");
        if (r.hits.length) {
          var n = r.count > r.hits.length ? "Top " + r.hits.length + " of " + r.count : String(r.hits.length);
          status.textContent = n + (r.hits.length === 1 ? " result" : " results") + " for \u201c" + q + "\u201d";
        } else status.innerHTML = emptyHTML(q);
      });
    });
    if (filters) chips(filters, roles, update);
    input.form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
    input.addEventListener("input", update);
    update();
  }

  function start() { setupBox(); setupPage(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
