/* syllabus default theme: site search over the static index in search/ (see src/search.rs).
 * Nothing is fetched until the box gets focus (or "/" is pressed): then meta.json, per query
 * word its shard t/KEY.json, then the chunks d/N.json of the top results. Result text is
 * inserted with textContent only. Without this script the box stays hidden.
 *
 * Stable selectors (browser tests use them):
 *  .site-search[role=search][data-root]   the box, hidden until this script runs
 *  input#syl-search                       role=combobox and aria-expanded are added here;
 *                                         aria-activedescendant names the selected option
 *  .search-panel(.is-loading)             the dropdown; .search-status inside it shows
 *                                         "Searching…", "No results for “…”" or an error
 *  ul#syl-search-results[role=listbox] > li.search-result#syl-result-N[role=option]
 *    [aria-selected][data-href]           class kind-guide|kind-heading|kind-question|kind-faq;
 *                                         data-href is root + url, as followed on Enter/click
 *    > .result-title (> .result-kind badge for questions and FAQs), .result-guide, .result-excerpt
 *  #syl-live                              announces "5 results" / "No results for …"
 * Keys: "/" focuses the box (not from inside a form field), ArrowDown/ArrowUp move through
 * the results, Enter opens the selected one or the first (also when pressed before results
 * arrive), Escape clears the box, or leaves it when it is empty.
 */
(function () {
  "use strict";
  var doc = document, box = doc.querySelector(".site-search"), input = doc.getElementById("syl-search");
  if (!box || !input || !window.fetch || !Array.from) return;
  var panel = box.querySelector(".search-panel"), status = box.querySelector(".search-status"),
    list = doc.getElementById("syl-search-results"), root = box.getAttribute("data-root") || "./",
    STOP = " a an and are as at be but by for if in into is it its of on or so that the their then there these this to was were will with ",
    SPLIT = /[^\p{Alphabetic}\p{N}_]+/u, UI = {}, cache = {}, meta, version = "", timer, sayTimer, seq = 0, count = 0, active = -1, go = false;
  try { UI = JSON.parse(doc.getElementById("syl-ui").textContent) || {}; } catch (e) { UI = {}; }
  function t(key, vars) {
    return String(UI[key] || key).replace(/\{(\w+)\}/g, function (m, k) { return vars && vars[k] != null ? vars[k] : m; });
  }
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  /* The words of src/search.rs `tokens`, and the shard key of `shard_key`. */
  function words(q) {
    return q.split(SPLIT).filter(function (w) { return Array.from(w).length > 1; })
      .map(function (w) { return w.toLowerCase(); })
      .filter(function (w) { return STOP.indexOf(" " + w + " ") < 0; });
  }
  function key(w, n) {
    return Array.from(w).slice(0, n).map(function (c) {
      return /[a-z0-9_]/.test(c) ? c : "-" + c.codePointAt(0).toString(16);
    }).join("");
  }
  function load(path) {
    if (!cache[path]) {
      /* meta.json is revalidated with the server on every load; its hash
         names the index's version, so shards of an older deploy are never
         taken from the browser's cache. */
      var first = path === "meta.json";
      cache[path] = fetch(root + "search/" + path + (first ? "" : version), first ? { cache: "no-cache" } : {}).then(function (r) {
        if (!r.ok) throw new Error("search/" + path + ": HTTP " + r.status);
        return r.json();
      });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }
  function start() {
    if (!meta) {
      meta = load("meta.json");
      meta.then(function (m) { version = m.hash ? "?v=" + m.hash : ""; }, function () { meta = null; });
    }
    return meta;
  }
  /* doc -> weight of the best term the word begins: a whole word counts fully, a prefix less. */
  function match(w, shards) {
    var hits = {};
    shards.forEach(function (terms) {
      Object.keys(terms).forEach(function (term) {
        if (!term.startsWith(w)) return;
        var p = terms[term], d = 0, f = 0.5 + 0.5 * w.length / term.length;
        for (var i = 0; i < p.length; i += 2) {
          d += p[i];
          hits[d] = Math.max(hits[d] || 0, p[i + 1] * f);
        }
      });
    });
    return hits;
  }
  /* Titles that are mostly the query rank first, guides before their sections. */
  function bonus(row, ws) {
    var tw = words(row[0]), n = ws.filter(function (w) { return tw.some(function (x) { return x.startsWith(w); }); }).length;
    return n ? 10 * n / tw.length + (row[3] === "guide" ? 2 : 0) : 0;
  }
  function find(ws, m) {
    return Promise.all(ws.map(function (w) {
      var k = key(w, m.key_len); // a word shorter than key_len needs every shard it begins
      return Promise.all(m.shards.filter(function (s) { return s.startsWith(k); }).map(function (s) {
        return load("t/" + s + ".json");
      })).then(function (shards) { return match(w, shards); });
    })).then(function (maps) {
      var hits = Object.keys(maps[0]).map(function (d) {
        for (var i = 0, s = 0; i < maps.length; i++) {
          if (!maps[i][d]) return null;
          s += maps[i][d];
        }
        return { d: +d, s: s, c: Math.floor(d / m.chunk) };
      }).filter(Boolean).sort(function (a, b) { return b.s - a.s || a.d - b.d; });
      // Rows of the top ten, and of the next ones that live in the same chunks, re-ranked by title.
      var chunks = [];
      hits.slice(0, 10).forEach(function (h) { if (chunks.indexOf(h.c) < 0) chunks.push(h.c); });
      return Promise.all(chunks.map(function (c) { return load("d/" + c + ".json"); })).then(function (data) {
        var rows = hits.slice(0, 40).filter(function (h) { return chunks.indexOf(h.c) >= 0; }).map(function (h) {
          var row = data[chunks.indexOf(h.c)][h.d % m.chunk];
          return { row: row, s: h.s + bonus(row, ws), d: h.d };
        }).sort(function (a, b) { return b.s - a.s || a.d - b.d; });
        return { total: hits.length, rows: rows.slice(0, 10).map(function (r) { return r.row; }) };
      });
    });
  }
  function query(q) {
    var ws = words(q), my = ++seq;
    if (!ws.length) { go = false; return close(true); }
    panel.classList.add("is-loading");
    if (!count) { status.textContent = t("search_loading"); open(); }
    start().then(function (m) { return find(ws, m); }).then(function (r) {
      if (my === seq) render(q, r.rows, r.total);
    }, function (e) {
      if (my !== seq) return;
      if (window.console) console.warn(e);
      render(q, [], -1);
    });
  }
  function render(q, rows, total) {
    panel.classList.remove("is-loading");
    list.textContent = "";
    count = rows.length;
    rows.forEach(function (r, i) {
      var li = el("li", "search-result kind-" + r[3]), title = el("span", "result-title");
      li.id = "syl-result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("data-href", root + r[1]);
      if (r[3] === "question" || r[3] === "faq") title.appendChild(el("span", "result-kind", t("search_" + r[3])));
      title.appendChild(doc.createTextNode(r[0]));
      li.appendChild(title);
      if (r[2]) li.appendChild(el("span", "result-guide", r[2]));
      if (r[4]) li.appendChild(el("span", "result-excerpt", r[4]));
      list.appendChild(li);
    });
    var text = total < 0 ? t("search_error") : !total ? t("search_none", { query: q.trim() }) :
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
})();
