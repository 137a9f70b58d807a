/* syllabus default theme: site search over the static index in search/ (see src/search/).
 * Nothing is fetched until the box gets focus (or "/" is pressed): then meta.json (and the
 * script of its stemmer when this file does not have it: stemmer-french.js beside it), per query
 * word the shards its terms live in (none for a word of one or two letters the index does not
 * have), then the chunks of the results shown, each found by its offsets in o.bin (and, when
 * a query of several words runs short, the next tail pieces of its common words, a few at
 * most). Shards, tail pieces and chunks are read from their packs t/N.bin, x/N.bin and
 * d/N.bin with range requests (see src/search/packs.rs).
 * Result text is inserted as text nodes only. Without this script the box stays hidden and empty.
 *
 * Stable selectors (browser tests use them):
 *  .site-search[data-root]                the box's placeholder, hidden until this script runs,
 *                                         which fills it (role=search, label, icon, input,
 *                                         "/" key, panel) unless it already has an #syl-search
 *  input#syl-search                       role=combobox and aria-expanded are added here;
 *                                         aria-activedescendant names the selected option
 *  .search-panel(.is-loading)             the dropdown; .search-status inside it shows
 *                                         "Searching…", "No results for “…”" or an error
 *  ul#syl-search-results[role=listbox] > li.search-result#syl-result-N[role=option]
 *    [aria-selected][data-href]           class kind-guide|kind-page|kind-heading|kind-question|kind-faq;
 *                                         data-href is root + url, as followed on Enter/click
 *    > .result-title (> .result-kind badge for questions and FAQs), .result-guide, .result-excerpt
 *      (the words that matched are in <mark>, in the title and the excerpt)
 *  #syl-live                              announces "5 results" / "No results for …"
 * Keys: "/" focuses the box (not from inside a form field), ArrowDown/ArrowUp move through
 * the results, Enter opens the selected one or the first (also when pressed before results
 * arrive), Escape clears the box, or leaves it when it is empty.
 */
(function (words) {
  "use strict";
  if (typeof document === "undefined") {
    /* Node (the tests): the word rules alone. */
    if (typeof module === "object") module.exports = words;
    return;
  }
  var doc = document, box = doc.querySelector(".site-search"), input,
    script = doc.currentScript && doc.currentScript.src;
  if (!box || !window.fetch || !Array.from || !window.TextDecoder) return;
  var UI = {};
  try { UI = JSON.parse(doc.getElementById("syl-ui").textContent) || {}; } catch (e) { UI = {}; }
  input = doc.getElementById("syl-search") || buildBox();
  var panel = box.querySelector(".search-panel"), status = box.querySelector(".search-status"),
    list = doc.getElementById("syl-search-results"), root = box.getAttribute("data-root") || "./",
    /* A document's kind as its chunk numbers it (src/search/docs.rs). */
    KINDS = ["guide", "page", "heading", "question", "faq"],
    /* A word being typed looks past its own shard only while the shards it would add are this small. */
    PREFIX_BYTES = 8000, SHOWN = 10, MAX_PIECES = 6, COMPLETIONS = 3, MIN_PREFIX = 4, WINDOW = 200, LEAD = 30,
    cache = {}, whole = {}, meta, version = "", timer, sayTimer, seq = 0, count = 0, active = -1, go = false;
  function t(key, vars) {
    return String(UI[key] || key).replace(/\{(\w+)\}/g, function (m, k) { return vars && vars[k] != null ? vars[k] : m; });
  }
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  /* The page has only the box's placeholder (its room kept by CSS): the controls are made
     here, since without this script they could do nothing. Returns the input. */
  function buildBox() {
    var svg = "http://www.w3.org/2000/svg", icon = doc.createElementNS(svg, "svg"), shape,
      label = el("label", "sr-only", t("search")), field = doc.createElement("input"),
      key = el("kbd", "search-key", "/"), drop = el("div", "search-panel"), results = doc.createElement("ul");
    box.setAttribute("role", "search");
    box.setAttribute("aria-label", t("search"));
    label.htmlFor = "syl-search";
    [["class", "search-icon"], ["aria-hidden", "true"], ["focusable", "false"], ["width", "18"],
      ["height", "18"], ["viewBox", "0 0 24 24"]].forEach(function (a) { icon.setAttribute(a[0], a[1]); });
    shape = doc.createElementNS(svg, "circle");
    [["cx", "10.5"], ["cy", "10.5"], ["r", "6.5"]].forEach(function (a) { shape.setAttribute(a[0], a[1]); });
    icon.appendChild(shape);
    shape = doc.createElementNS(svg, "path");
    shape.setAttribute("d", "m15.5 15.5 5 5");
    icon.appendChild(shape);
    field.type = "search";
    field.id = "syl-search";
    field.placeholder = t("search_placeholder");
    field.autocomplete = "off";
    field.spellcheck = false;
    field.setAttribute("aria-autocomplete", "list");
    field.setAttribute("aria-controls", "syl-search-results");
    key.setAttribute("aria-hidden", "true");
    key.title = t("search_shortcut");
    drop.hidden = true;
    drop.appendChild(el("p", "search-status"));
    results.id = "syl-search-results";
    results.setAttribute("role", "listbox");
    results.setAttribute("aria-label", t("search_results"));
    drop.appendChild(results);
    [label, icon, field, key, drop].forEach(function (n) { box.appendChild(n); });
    return field;
  }
  /* meta.json is revalidated with the server on every load; its hash names the index's
     version, so packs of an older deploy are never taken from the browser's cache. */
  function loadMeta() {
    return fetch(root + "search/meta.json", { cache: "no-cache" }).then(function (r) {
      if (!r.ok) throw new Error("search/meta.json: HTTP " + r.status);
      return r.json();
    });
  }
  /* Bytes [a, b) of the file at path (under the site's root), by a range request. A host that
     ignores ranges sends the whole file: it is kept, and later ranges are cut from it. */
  function bytes(path, a, b) {
    var url = root + path + version;
    if (whole[url]) return whole[url].then(function (buf) { return buf.slice(a, b); });
    return fetch(url, { headers: { Range: "bytes=" + a + "-" + (b - 1) } }).then(function (r) {
      if (!r.ok) throw new Error(path + ": HTTP " + r.status);
      if (r.status === 206) return r.arrayBuffer();
      whole[url] = r.arrayBuffer();
      whole[url].catch(function () { delete whole[url]; });
      return whole[url].then(function (buf) { return buf.slice(a, b); });
    });
  }
  /* Bytes [a, b) of a kind's stream ("t" shards, "x" tail pieces, "d" chunks), from the pack
     that holds them, as text given to parse; kept for the next queries. */
  function piece(m, kind, a, b, parse) {
    var key = kind + a;
    if (!cache[key]) {
      var starts = m.packs[kind], p = starts.length - 1;
      while (p > 0 && starts[p] > a) p--;
      cache[key] = bytes("search/" + kind + "/" + p + ".bin", a - starts[p], b - starts[p]).then(function (buf) {
        return parse(new TextDecoder().decode(buf));
      });
      cache[key].catch(function () { delete cache[key]; });
    }
    return cache[key];
  }
  function shard(m, i) { return piece(m, "t", m.at[i], m.at[i + 1], JSON.parse); }
  function loaded(m, i) { return !!cache["t" + m.at[i]]; }
  /* Chunk c: its place from o.bin (where it starts and the next one starts, 32-bit numbers). */
  function chunk(m, c) {
    var key = "o" + c;
    if (!cache[key]) {
      cache[key] = bytes("search/o.bin", 4 * c, 4 * c + 8).then(function (buf) {
        var v = new DataView(buf);
        return piece(m, "d", v.getUint32(0, true), v.getUint32(4, true), chunkRows);
      });
      cache[key].catch(function () { delete cache[key]; });
    }
    return cache[key];
  }
  /* A chunk's text: its pages' lines (title, URL), a blank line, then its documents' (page,
     kind, title, text and, when written, anchor), fields cut by tabs, "<" and "&" written
     "&lt;" and "&amp;". */
  function chunkRows(text) {
    var parts = text.split("\n\n"), cut = function (lines) {
      return lines ? lines.split("\n").filter(Boolean).map(function (l) {
        return l.split("\t").map(function (f) { return f.replace(/&lt;/g, "<").replace(/&amp;/g, "&"); });
      }) : [];
    };
    return { p: cut(parts[0]), d: cut(parts[1]) };
  }
  function start() {
    if (!meta) {
      meta = loadMeta().then(function (m) {
        version = m.hash ? "?v=" + m.hash : "";
        var short = {}, at = [0];
        (m.short || []).forEach(function (t) { short[t] = true; });
        m.short = short;
        /* Shards follow one another in their stream: each starts where the one before ends. */
        m.shards.forEach(function (s, i) { at.push(at[i] + s[1]); });
        m.at = at;
        return loadStemmer(m.stemmer).then(function () { return m; });
      });
      meta.catch(function () { meta = null; });
    }
    return meta;
  }
  /* A stemmer this file does not have comes from its own script beside this one
     (stemmer-NAME.js, with this one's ?v=), which adds itself to window.sylStemmers:
     {stem, stop, letters}, as words.stemmers.english. */
  function loadStemmer(name) {
    if (!name || words.stemmers[name]) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var url = new URL(script), tag = doc.createElement("script");
      if (!/^[a-z]+$/.test(name)) throw new Error("unknown stemmer " + name);
      url.pathname = url.pathname.replace(/[^/]*$/, "stemmer-" + name + ".js");
      tag.src = url.href;
      tag.onload = function () {
        var stemmer = window.sylStemmers && window.sylStemmers[name];
        if (!stemmer) return reject(new Error(url.pathname + " has no stemmer " + name));
        words.stemmers[name] = stemmer;
        resolve();
      };
      tag.onerror = function () { reject(new Error(url.pathname + ": not loaded")); };
      doc.head.appendChild(tag);
    });
  }

  /* ---- Index lookups ---------------------------------------------------------------------- */

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  /* A posting list (see src/search/shards.rs): [doc, weight, doc, weight, ...], best first. */
  function decode(text) {
    var nums = [], n = 0, out = [], i, v;
    for (i = 0; i < text.length; i++) {
      v = DIGITS.indexOf(text.charAt(i));
      n = n * 32 + (v & 31);
      if (v < 32) { nums.push(n); n = 0; }
    }
    for (i = 0; i < nums.length;) {
      var weight = nums[i++], len = nums[i++], d = 0;
      for (var j = 0; j < len; j++) { d += nums[i++]; out.push(d, weight); }
    }
    return out;
  }
  /* The shard a term lives in: the longest key that begins it. */
  function home(m, term) {
    var best = -1;
    m.shards.forEach(function (s, i) {
      if (term.lastIndexOf(s[0], 0) === 0 && (best < 0 || s[0].length > m.shards[best][0].length)) best = i;
    });
    return best;
  }
  function isShort(w) { return Array.from(w.base).length < 3; }
  /* Whether a word also finds the terms it begins: while it is typed (from its fourth letter:
     shorter beginnings match too much to narrow anything), or always on a site without stemming. */
  function completes(w, m) { return w.open ? Array.from(w.base).length >= MIN_PREFIX : !m.stemmer && !isShort(w); }
  /* The shards a query word needs: none for a short word the index does not have; its own; the
     ones of longer keys it begins while they are small; for a stemmed word being typed, the
     shards of the stems it may have passed ("replicatio" has passed "replic"). */
  function shardsFor(m, w) {
    if (isShort(w) && !m.short[w.base]) return [];
    var need = [home(m, w.base)], extra = 0;
    if (completes(w, m)) {
      var ext = [];
      m.shards.forEach(function (s, i) {
        if (s[0].length > w.base.length && s[0].lastIndexOf(w.base, 0) === 0) {
          ext.push(i);
          if (!loaded(m, i)) extra += s[1];
        }
      });
      if (extra <= PREFIX_BYTES) need = need.concat(ext);
    }
    if (w.open && w.stemmed) {
      for (var k = Math.max(4, w.word.length - 4); k < w.word.length; k++) need.push(home(m, w.word.slice(0, k)));
    }
    return need.filter(function (s, i) { return s >= 0 && need.indexOf(s) === i; });
  }
  /* About how many documents an entry lists: its count, or for a term whose postings all sit
     in its shard the length of their text, which grows with them. */
  function size(v) { return typeof v === "string" ? v.length / 2 : v[1]; }
  /* What a word may stand for in the shards loaded: its own term, the terms it begins (the most
     common first) and the stem it has passed; each with the factor its weights count for, less
     than 1 by how much of it is not typed. */
  function candidates(w, shards, m) {
    var c = { exact: null, begun: [], passed: null };
    shards.forEach(function (terms) {
      Object.keys(terms).forEach(function (x) {
        if (x === w.base) c.exact = { term: x, f: 1, v: terms[x] };
        else if (completes(w, m) && x.lastIndexOf(w.base, 0) === 0) c.begun.push({ term: x, f: 0.5 + 0.5 * w.base.length / x.length, v: terms[x] });
        else if (w.open && w.stemmed && x.length >= 4 && x.length >= w.word.length - 4 &&
          w.word.lastIndexOf(x, 0) === 0 && (!c.passed || x.length > c.passed.term.length)) {
          c.passed = { term: x, f: 0.5 + 0.5 * x.length / w.word.length, v: terms[x], guess: true };
        }
      });
    });
    c.begun.sort(function (a, b) { return size(b.v) - size(a.v) || a.term.length - b.term.length; });
    c.begun.forEach(function (x) { x.guess = true; });
    return c;
  }
  /* A term as a query uses it; a common one's entry is [head, count, start, length...], where
     its tail pieces are in their stream (one after another). */
  function entry(x) {
    var full = typeof x.v === "string";
    return {
      term: x.term, f: x.f, guess: !!x.guess, head: decode(full ? x.v : x.v[0]), count: full ? -1 : x.v[1],
      start: full ? 0 : x.v[2], lengths: full ? [] : x.v.slice(3), tails: [], next: 0
    };
  }
  /* The next tail piece of a term's postings, decoded. */
  function nextPiece(x, m) {
    var a = x.start;
    for (var i = 0; i < x.next; i++) a += x.lengths[i];
    return piece(m, "x", a, a + x.lengths[x.next], decode);
  }
  /* The documents in the head of every word's terms but the i-th's. */
  function others(found, i) {
    var set = null;
    found.forEach(function (f, j) {
      if (j === i) return;
      var mine = {};
      f.forEach(function (x) { for (var k = 0; k < x.head.length; k += 2) if (!set || set[x.head[k]]) mine[x.head[k]] = true; });
      set = mine;
    });
    return set;
  }
  /* The index terms each word finds: its own and the stem it has passed; a word typed in full
     on a site without stemming, the COMPLETIONS most common terms it begins; a word being typed
     that has no term of its own, the one term it begins that shares the most documents with the
     other words (alone, the most common), so that results stay put from one letter to the next.
     A word being typed that finds nothing is left out while it is short. Sets w.terms, the
     terms to mark in the results. */
  function choose(ws, cands, m) {
    var found = ws.map(function (w, i) {
      var c = cands[i], list = (c.exact ? [c.exact] : []).concat(c.passed ? [c.passed] : []);
      if (!w.open) list = list.concat(c.begun.slice(0, COMPLETIONS));
      return list.map(entry);
    });
    ws.forEach(function (w, i) {
      var begun = cands[i].begun.slice(0, 8);
      if (!w.open || cands[i].exact || !begun.length) return;
      var set = others(found, i), best = null, shared = -1;
      begun.forEach(function (x) {
        var e = entry(x), n = 0;
        if (set) for (var k = 0; k < e.head.length; k += 2) if (set[e.head[k]]) n++;
        if (n > shared) { best = e; shared = n; }
      });
      found[i].push(best);
    });
    var keep = ws.map(function (w, i) { return found[i].length || !w.open || Array.from(w.base).length >= MIN_PREFIX; });
    ws = ws.filter(function (w, i) { return keep[i]; });
    found = found.filter(function (f, i) { return keep[i]; });
    ws.forEach(function (w, i) { w.terms = found[i].map(function (x) { return x.term; }); });
    return { ws: ws, found: found };
  }
  /* doc -> score of one word: the best of its terms, over their head and the tail pieces loaded. */
  function scores(found) {
    var hits = {};
    found.forEach(function (x) {
      [x.head].concat(x.tails).forEach(function (p) {
        for (var i = 0; i < p.length; i += 2) {
          var s = p[i + 1] * x.f;
          if (!(hits[p[i]] >= s)) hits[p[i]] = s;
        }
      });
    });
    return hits;
  }
  /* Documents that hold every word, best first, and how many there are (`more` when some
     postings were not loaded, so there may be more). */
  function rank(found) {
    var maps = found.map(scores), more = false;
    found.forEach(function (f) { f.forEach(function (x) { if (x.next < x.lengths.length) more = true; }); });
    var hits = Object.keys(maps[0]).map(function (d) {
      for (var i = 0, s = 0; i < maps.length; i++) {
        if (!maps[i][d]) return null;
        s += maps[i][d];
      }
      return { d: +d, s: s };
    }).filter(Boolean).sort(function (a, b) { return b.s - a.s || a.d - b.d; });
    var total = hits.length;
    if (found.length === 1 && found[0].length === 1 && found[0][0].count > 0) { total = found[0][0].count; more = false; }
    return { hits: hits, total: total, more: more };
  }
  function find(ws, m) {
    return Promise.all(ws.map(function (w) {
      return Promise.all(shardsFor(m, w).map(function (s) { return shard(m, s); }))
        .then(function (shards) { return candidates(w, shards, m); });
    })).then(function (cands) {
      var chosen = choose(ws, cands, m), found = chosen.found;
      ws = chosen.ws;
      if (!ws.length) return null;
      /* A query of several words, each found by its own term, whose best postings share too
         few documents reads on: the next piece of each of their common terms' postings, up to
         MAX_PIECES in all. */
      var sure = found.every(function (f) { return f.some(function (x) { return !x.guess; }); });
      function further(loaded) {
        var r = rank(found), want = [];
        if (ws.length > 1 && sure && r.hits.length < SHOWN && r.more) {
          found.forEach(function (f) {
            f.forEach(function (x) { if (x.next < x.lengths.length && want.indexOf(x) < 0) want.push(x); });
          });
        }
        if (!want.length || loaded + want.length > MAX_PIECES) return r;
        return Promise.all(want.map(function (x) { return nextPiece(x, m); })).then(function (lists) {
          want.forEach(function (x, i) { x.tails.push(lists[i]); x.next++; });
          return further(loaded + want.length);
        });
      }
      return Promise.resolve(further(0)).then(function (r) { return rows(r, ws, m); });
    });
  }
  /* The rows of the top results (and of the next ones in the same chunks), re-ranked by how
     much of their title the query is; guides before their sections. */
  function rows(r, ws, m) {
    var chunks = [], hits = r.hits;
    hits.slice(0, SHOWN).forEach(function (h) {
      var c = Math.floor(h.d / m.chunk);
      if (chunks.indexOf(c) < 0) chunks.push(c);
    });
    var hit = function (x) { return ws.some(function (w) { return w.terms.indexOf(x) >= 0; }); };
    return Promise.all(chunks.map(function (c) { return chunk(m, c); })).then(function (data) {
      var shown = hits.slice(0, 4 * SHOWN).filter(function (h) { return chunks.indexOf(Math.floor(h.d / m.chunk)) >= 0; }).map(function (h) {
        var chunk = data[chunks.indexOf(Math.floor(h.d / m.chunk))], d = chunk.d[h.d % m.chunk], page = chunk.p[d[0]];
        var kind = KINDS[d[1]], sub = kind !== "guide" && kind !== "page";
        var anchor = d[4] || sub && slug(kind === "question" ? "Q: " + d[2] : d[2]);
        var row = { title: d[2], url: page[1] + (anchor ? "#" + anchor : ""), guide: sub ? page[0] : "", kind: kind, text: d[3] };
        return { row: row, s: h.s + bonus(row, hit, m), d: h.d };
      }).sort(function (a, b) { return b.s - a.s || a.d - b.d; });
      return { total: r.total, more: r.more, rows: shown.slice(0, SHOWN).map(function (x) { return x.row; }), hit: hit, stemmer: m.stemmer };
    });
  }
  function bonus(row, hit, m) {
    var tw = words.terms(row.title, m.stemmer), n = tw.filter(hit).length;
    return n ? 10 * n / tw.length + (row.kind === "guide" ? 2 : 0) : 0;
  }

  /* A heading's anchor, when its document leaves it out: the slug of src/markdown/headings.rs
     (only titles of ASCII are left to this). */
  function slug(title) {
    return title.trim().replace(/[^\p{Alphabetic}\p{N}_ -]/gu, "").replace(/ /g, "-").toLowerCase();
  }

  /* ---- Excerpts --------------------------------------------------------------------------- */

  /* Pieces of `text` ([text, marked]) with the terms `hit` takes marked; with `window`, only
     about WINDOW characters around the first of them (the start when none is in the text). */
  function pieces(text, hit, stemmer, window) {
    var marks = [], covered = 0;
    words.spans(text, true, false).forEach(function (s) {
      var term = words.term(text, s, stemmer);
      if (s.start >= covered && term && hit(term)) { marks.push(s); covered = s.end; }
    });
    var from = 0, to = text.length, first = marks[0];
    if (window && text.length > WINDOW) {
      /* The excerpt shows two lines, fewer than 90 characters on a phone: the match comes a few
         words in, unless the start of the text shows it. */
      if (first && first.end > LEAD * 2) from = text.lastIndexOf(" ", Math.max(0, first.start - LEAD)) + 1;
      to = Math.min(text.length, from + WINDOW);
      var space = text.lastIndexOf(" ", to);
      if (to < text.length && space > (first ? first.end : from)) to = space;
    }
    var out = [], at = from;
    if (from > 0) out.push(["…", false]);
    marks.forEach(function (s) {
      if (s.start < from || s.end > to) return;
      if (s.start > at) out.push([text.slice(at, s.start), false]);
      out.push([text.slice(s.start, s.end), true]);
      at = s.end;
    });
    if (to > at) out.push([text.slice(at, to), false]);
    if (to < text.length) out.push(["…", false]);
    return out;
  }
  function fill(node, parts) {
    parts.forEach(function (p) {
      node.appendChild(p[1] ? el("mark", "", p[0]) : doc.createTextNode(p[0]));
    });
    return node;
  }

  /* ---- The box ---------------------------------------------------------------------------- */

  function query(q) {
    var my = ++seq;
    panel.classList.add("is-loading");
    start().then(function (m) {
      /* A word of one or two letters being typed waits for more unless the index has it. */
      var ws = words.query(q, m.stemmer).filter(function (w) { return !w.open || !isShort(w) || m.short[w.base]; });
      if (my !== seq) return null;
      if (!ws.length) return null;
      if (!count) { status.textContent = t("search_loading"); open(); }
      return find(ws, m);
    }).then(function (r) {
      if (my !== seq) return;
      if (r) render(q, r);
      else { go = false; panel.classList.remove("is-loading"); close(true); }
    }, function (e) {
      if (my !== seq) return;
      if (window.console) console.warn(e);
      render(q, { rows: [], total: -1 });
    });
  }
  function render(q, r) {
    var rows = r.rows, total = r.total;
    panel.classList.remove("is-loading");
    list.textContent = "";
    count = rows.length;
    rows.forEach(function (row, i) {
      var li = el("li", "search-result kind-" + row.kind), title = el("span", "result-title");
      li.id = "syl-result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("data-href", root + row.url);
      if (row.kind === "question" || row.kind === "faq") title.appendChild(el("span", "result-kind", t("search_" + row.kind)));
      li.appendChild(fill(title, pieces(row.title, r.hit, r.stemmer, false)));
      if (row.guide) li.appendChild(el("span", "result-guide", row.guide));
      if (row.text) li.appendChild(fill(el("span", "result-excerpt"), pieces(row.text, r.hit, r.stemmer, true)));
      list.appendChild(li);
    });
    var text = total < 0 ? t("search_error") : !total ? t("search_none", { query: q.trim() }) :
      r.more ? t("search_top_more", { shown: count, n: total }) :
      total > count ? t("search_top", { shown: count, n: total }) :
      t(total === 1 ? "search_count_one" : "search_count", { n: total });
    status.textContent = count ? "" : text;
    select(-1);
    open();
    say(text);
    if (go && count) visit(0);
    go = false;
  }
  function say(text) {
    clearTimeout(sayTimer);
    sayTimer = setTimeout(function () {
      var live = doc.getElementById("syl-live");
      if (!live) {
        live = el("div", "sr-only");
        live.id = "syl-live";
        live.setAttribute("aria-live", "polite");
        live.setAttribute("role", "status");
        doc.body.appendChild(live);
      }
      live.textContent = text;
    }, 400);
  }
  function select(i) {
    var items = list.children;
    active = i;
    for (var j = 0; j < items.length; j++) items[j].setAttribute("aria-selected", j === i ? "true" : "false");
    if (items[i]) {
      input.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }
  function open() { panel.hidden = false; input.setAttribute("aria-expanded", "true"); }
  function close(forget) {
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    select(-1);
    if (forget) { count = 0; list.textContent = status.textContent = ""; }
  }
  function visit(i, tab) {
    var li = list.children[i], href = li && li.getAttribute("data-href");
    if (!href) return;
    if (tab) return void window.open(href);
    close();
    input.blur();
    location.href = href;
  }
  function schedule(now) {
    clearTimeout(timer);
    timer = now ? 0 : setTimeout(function () { timer = 0; query(input.value); }, 80);
    if (now) query(input.value);
  }
  input.addEventListener("focus", function () {
    start();
    if (count) open();
  });
  input.addEventListener("blur", function () { close(); });
  input.addEventListener("input", function () { go = false; schedule(); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!count) return;
      e.preventDefault();
      open();
      select(e.key === "ArrowDown" ? (active + 1) % count : active <= 0 ? count - 1 : active - 1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (count && !timer && !panel.classList.contains("is-loading")) visit(Math.max(active, 0));
      else { go = true; schedule(true); }
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (input.value) { input.value = ""; clearTimeout(timer); close(true); } else input.blur();
    }
  });
  list.addEventListener("mousedown", function (e) { e.preventDefault(); });
  list.addEventListener("click", function (e) {
    var li = e.target.closest("[role=option]");
    if (li) visit(Array.prototype.indexOf.call(list.children, li), e.ctrlKey || e.metaKey);
  });
  doc.addEventListener("keydown", function (e) {
    var a = doc.activeElement;
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented ||
      a && (/^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName) || a.isContentEditable)) return;
    e.preventDefault();
    input.focus();
  });
  input.setAttribute("role", "combobox"); // in the HTML, older validators reject it on type=search
  input.setAttribute("aria-expanded", "false");
  box.hidden = false;
})((function () {
  "use strict";
  /* ---- Words: the rules of src/search/terms.rs and stemming.rs, line for line ------------- */

  /* Stemmers by the name meta.json gives: each with its stop words (the words too common to
     index) and the words it takes (those of its language's letters). English is built in;
     loadStemmer adds the others. A site without one has no stop words. */
  var STEMMERS = {
      english: {
        stem: stem, letters: /^[a-z]+$/,
        stop: " a an and are as at be but by for if in into is it its of on or so that the their then there these this to was were will with "
      }
    },
    MAX_TERM = 64, BIG_O_LEN = 24, WORD = /^[\p{Alphabetic}\p{N}_]$/u, ALNUM = /^[\p{Alphabetic}\p{N}]$/u, LETTER = /^\p{Alphabetic}$/u;
  function isWord(c) { return c !== "" && WORD.test(c); }
  function isAlnum(c) { return ALNUM.test(c); }
  function at(text, pos) {
    var c = text.codePointAt(pos);
    return c === undefined ? "" : String.fromCodePoint(c);
  }
  function before(text, pos) {
    if (pos <= 0) return "";
    var c = text.charCodeAt(pos - 1);
    return c >= 0xdc00 && c < 0xe000 && pos > 1 ? text.slice(pos - 2, pos) : text.charAt(pos - 1);
  }
  function bigOEnd(text, start, open) {
    var c = at(text, start);
    if ("OoΘθΩω".indexOf(c) < 0 || c === "" || isWord(before(text, start))) return -1;
    var paren = start + c.length;
    if (at(text, paren) !== "(") return -1;
    var i = paren + 1, n = 0;
    for (; i < text.length; n++) {
      var ch = at(text, i);
      if (n > BIG_O_LEN) return -1;
      if (ch === ")") return n > 0 ? i + 1 : -1;
      if (!(isWord(ch) || ch === " " || "+-*/^.,".indexOf(ch) >= 0)) return -1;
      i += ch.length;
    }
    return open ? text.length : -1;
  }
  function wordEnd(text, start) {
    var pos = start + at(text, start).length, c;
    for (;;) {
      while (isWord(c = at(text, pos))) pos += c.length;
      if ((c === "." || c === "+") && isWord(at(text, pos + 1))) pos += 1;
      else break;
    }
    var pluses = 0;
    while (text.charAt(pos + pluses) === "+") pluses++;
    if (pluses > 0 && !isWord(at(text, pos + pluses))) pos += pluses;
    else if (text.charAt(pos) === "#" && !isWord(at(text, pos + 1))) pos += 1;
    return pos;
  }
  function startsWord(text, pos, c) {
    if (isWord(c)) return true;
    var p = before(text, pos);
    return c === "." && !(isWord(p) || p === ".") && LETTER.test(at(text, pos + 1));
  }
  /* Spans {start, end, bigO} of the terms of `text`: with `parts`, compounds are followed by
     their plain parts (the index); with `open`, a query's last big-O term may be unfinished. */
  function spans(text, parts, open) {
    var out = [], pos = 0;
    while (pos < text.length) {
      var c = at(text, pos), s = pos, end = bigOEnd(text, s, open);
      if (end >= 0) {
        out.push({ start: s, end: end, bigO: true });
        pos = parts ? s + c.length + 1 : end;
        continue;
      }
      if (startsWord(text, s, c)) {
        end = wordEnd(text, s);
        pos = end;
        out.push({ start: s, end: end, bigO: false });
        var word = text.slice(s, end);
        if (parts && !Array.from(word).every(isAlnum)) {
          var from = -1, i = 0;
          Array.from(word).concat([" "]).forEach(function (ch) {
            if (isAlnum(ch) && from < 0) from = i;
            else if (!isAlnum(ch) && from >= 0) { out.push({ start: s + from, end: s + i, bigO: false }); from = -1; }
            i += ch.length;
          });
        }
        continue;
      }
      pos += c.length;
    }
    return out;
  }
  /* The term a span stands for, or null. */
  function term(text, span, stemmer) {
    var word = text.slice(span.start, span.end), chars = Array.from(word);
    if (chars.length > MAX_TERM) return null;
    if (span.bigO) return word.toLowerCase().replace(/ /g, "");
    if (chars.length < 2) return null;
    word = word.toLowerCase();
    if (!Array.from(word).every(isAlnum)) return word;
    var by = stemmer && STEMMERS[stemmer];
    if (by && by.stop.indexOf(" " + word + " ") >= 0) return null;
    return stems(word, stemmer) ? by.stem(word) : word;
  }
  function stems(word, stemmer) {
    var by = stemmer && STEMMERS[stemmer];
    return !!by && by.letters.test(word);
  }
  function terms(text, stemmer) {
    return spans(text, true, false).map(function (s) { return term(text, s, stemmer); }).filter(Boolean);
  }
  /* A query's words: {word (as typed, lower case), base (its term), open (still being typed:
     the last word, with nothing after it), stemmed}. */
  function query(q, stemmer) {
    var out = [];
    spans(q, false, true).forEach(function (s) {
      var base = term(q, s, stemmer);
      if (!base) return;
      var word = q.slice(s.start, s.end).toLowerCase();
      out.push({ word: word, base: base, open: s.end === q.length, stemmed: !s.bigO && stems(word, stemmer) });
    });
    return out;
  }

  /* ---- Snowball's English stemmer (Porter2), from its published description ---------------
     Agreement with the build's (the rust-stemmers crate) is tested on thousands of words. */

  var EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
    atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var KEEP_AFTER_1A = " inning outing canning herring earring proceed exceed succeed ";
  var STEP2 = [
    ["ization", "ize"], ["ational", "ate"], ["fulness", "ful"], ["ousness", "ous"], ["iveness", "ive"],
    ["tional", "tion"], ["biliti", "ble"], ["lessli", "less"], ["entli", "ent"], ["ation", "ate"],
    ["alism", "al"], ["aliti", "al"], ["ousli", "ous"], ["iviti", "ive"], ["fulli", "ful"],
    ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["izer", "ize"], ["ator", "ate"],
    ["alli", "al"], ["bli", "ble"], ["ogi", "og"], ["li", ""]
  ];
  var STEP3 = [
    ["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"],
    ["ative", ""], ["ical", "ic"], ["ness", ""], ["ful", ""]
  ];
  var STEP4 = ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti",
    "ous", "ive", "ize", "ion", "al", "er", "ic"];
  function vowel(c) { return c !== "" && "aeiouy".indexOf(c) >= 0; }
  /* The end of the first non-vowel after a vowel, from `from` on. */
  function region(w, from) {
    for (var i = from; i < w.length; i++) {
      if (vowel(w.charAt(i))) {
        for (var j = i + 1; j < w.length; j++) if (!vowel(w.charAt(j))) return j + 1;
        return w.length;
      }
    }
    return w.length;
  }
  /* Whether w ends in a short syllable. */
  function shortSyllable(w) {
    var n = w.length, a = w.charAt(n - 3), b = w.charAt(n - 2), c = w.charAt(n - 1);
    if (n >= 3 && !vowel(a) && vowel(b) && !vowel(c) && "wxY".indexOf(c) < 0) return true;
    return n === 2 && vowel(b) && !vowel(c);
  }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }
  /* The longest of `list` (sorted longest first) that w ends with. */
  function longest(w, list) {
    for (var i = 0; i < list.length; i++) if (ends(w, typeof list[i] === "string" ? list[i] : list[i][0])) return list[i];
    return null;
  }
  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) return EXCEPTIONS[word];
    if (word.length < 3) return word;
    var w = word.charAt(0) === "'" ? word.slice(1) : word, i, s;
    if (w.charAt(0) === "y") w = "Y" + w.slice(1);
    for (i = 1; i < w.length; i++) if (w.charAt(i) === "y" && vowel(w.charAt(i - 1))) w = w.slice(0, i) + "Y" + w.slice(i + 1);
    var special = /^(gener|commun|arsen)/.exec(w);
    var p1 = special ? special[0].length : region(w, 0), p2 = region(w, p1);
    /* Step 1a */
    if (ends(w, "'s'")) w = w.slice(0, -3);
    else if (ends(w, "'s")) w = w.slice(0, -2);
    else if (ends(w, "'")) w = w.slice(0, -1);
    if (ends(w, "sses")) w = w.slice(0, -2);
    else if (ends(w, "ied") || ends(w, "ies")) w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
    else if (ends(w, "us") || ends(w, "ss")) w = w;
    else if (ends(w, "s") && /[aeiouy]/.test(w.slice(0, -2))) w = w.slice(0, -1);
    if (KEEP_AFTER_1A.indexOf(" " + w + " ") < 0) {
      /* Step 1b */
      s = longest(w, ["eedly", "ingly", "edly", "eed", "ing", "ed"]);
      if (s === "eed" || s === "eedly") {
        if (w.length - s.length >= p1) w = w.slice(0, w.length - s.length) + "ee";
      } else if (s && /[aeiouy]/.test(w.slice(0, w.length - s.length))) {
        w = w.slice(0, w.length - s.length);
        if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) w += "e";
        else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = w.slice(0, -1);
        else if (w.length === p1 && shortSyllable(w)) w += "e";
      }
      /* Step 1c */
      if (w.length > 2 && /[yY]$/.test(w) && !vowel(w.charAt(w.length - 2))) w = w.slice(0, -1) + "i";
      /* Step 2 */
      s = longest(w, STEP2);
      if (s && w.length - s[0].length >= p1) {
        var base = w.slice(0, w.length - s[0].length), last = base.charAt(base.length - 1);
        if (s[0] === "ogi") { if (last === "l") w = base + "og"; }
        else if (s[0] === "li") { if ("cdeghkmnrt".indexOf(last) >= 0 && last !== "") w = base; }
        else w = base + s[1];
      }
      /* Step 3 */
      s = longest(w, STEP3);
      if (s && w.length - s[0].length >= p1 && (s[0] !== "ative" || w.length - s[0].length >= p2)) {
        w = w.slice(0, w.length - s[0].length) + s[1];
      }
      /* Step 4 */
      s = longest(w, STEP4);
      if (s && w.length - s.length >= p2) {
        var rest = w.slice(0, w.length - s.length);
        if (s !== "ion" || /[st]$/.test(rest)) w = rest;
      }
      /* Step 5 */
      i = w.length - 1;
      if (ends(w, "e") && (i >= p2 || i >= p1 && !shortSyllable(w.slice(0, -1)))) w = w.slice(0, -1);
      else if (ends(w, "l") && i >= p2 && w.charAt(i - 1) === "l") w = w.slice(0, -1);
    }
    return w.replace(/Y/g, "y");
  }

  return { spans: spans, term: term, terms: terms, query: query, stemmers: STEMMERS };
})());
