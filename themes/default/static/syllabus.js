/* syllabus default theme: progressive enhancements. Pages work without this file.
 *
 * Stable selectors (browser tests use them):
 *  all pages   #syl-ui (ui.toml as JSON, data-storage-prefix; ui.js adds it), #syl-live (aria-live), .theme-toggle,
 *              a[data-js-href] (its href is replaced by that URL)
 *  practice    [data-practice][data-guide][data-guide-url] (the hub's quiz is #quiz) > section > h2[id]
 *              (a set) + ol.practice-questions > li[id][data-hash][data-correct="0,2"] (a question; the
 *              quiz's also [data-question-id][data-guide][data-guide-url]) > form > fieldset > legend
 *              (> b, its number, then the stem when one paragraph, else div.question-stem follows;
 *              small: "Choose all that apply.") + label (an option, in order) > input + b (letter);
 *              form > details (no-JS answer, hidden by JS) > p (the correct answer), .option-feedback,
 *              .explanation; the script adds button.check, button.try-again, .feedback (.verdict);
 *              states li.answered.is-correct/.is-incorrect, li.due (.question-due badge),
 *              label.picked/.correct/.incorrect; .practice-toolbar .score ("Score: 1 of 5"),
 *              button.retry-wrong, button.reset, button.print-sheet, section.answer-key (print only);
 *              .practice-summary (.summary-score, .missed-list a.missed-guide, button.retry-missed)
 *  bank        form.bank-filters, #bank-tag, #bank-difficulty, .bank-group, .bank-guide,
 *              .bank-question, .bank-status, .bank-empty (state in ?tag=&difficulty=)
 *  hub         .review-due .due-count, button.review-all, .hub-section[data-section][data-total]
 *              (.hub-due, .progress-text, button.review-section), .hub-item[data-guide][data-total]
 *              .progress-text, form.quiz-setup, #quiz-tag, #quiz-section (options: data-url,
 *              data-count; tags: data-parts), #quiz-count, #quiz-due, button.start-quiz,
 *              .quiz-status, #quiz
 *  faq         .faq-list > details (the one named by location.hash opens)
 *  flashcards  see flashcards.js
 *  search      see search.js; guide pages: nav.section-nav a[aria-current=page], section.related,
 *              section.backlinks, nav.pager a[rel=prev|next]
 *
 * localStorage (P = data-storage-prefix, unique per site):
 *  P + id + ":" + hash        practice answer {"a":[picked],"c":1|0}; an edited question gets a
 *                             new hash, so its stale answer is ignored
 *  P + "srs:c:" + id + ":" + hash   review state of a flashcard, and
 *  P + "srs:p:" + id + ":" + hash   of a practice question (FSRS-5, see `schedule`):
 *                             {"s":stability,"d":difficulty,"t":ms,"due":day,"n":reviews,"l":lapses,
 *                              "k":"sql/joins" (its guide),"ok":1|0 (last answer right)}; `day` counts
 *                             local calendar days from 1970-01-01. A state under an old hash is
 *                             dropped when the item's page or data file is seen.
 */
(function () {
  "use strict";
  var doc = document, root = doc.documentElement, KEY = "syllabus-theme";
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", UI = {}, P = "syllabus:", live;

  function $(sel, el) { return (el || doc).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); }
  function get(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function put(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function drop(key) { try { localStorage.removeItem(key); } catch (e) { /* private mode */ } }
  function hide(el, flag) { if (el) el.hidden = flag; }
  function click(scope, sel, fn) { var b = $(sel, scope); if (b) b.addEventListener("click", fn); }
  function bar(el, part, whole) { if (el) el.style.width = (whole ? Math.round(100 * part / whole) : 0) + "%"; }
  function emit() { try { doc.dispatchEvent(new CustomEvent("syl:progress")); } catch (e) { /* old browser */ } }
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }
  (function () {
    var el = doc.getElementById("syl-ui");
    if (!el) return;
    try { UI = JSON.parse(el.textContent) || {}; } catch (e) { UI = {}; }
    P = el.getAttribute("data-storage-prefix") || P;
  })();
  /* An interface string from ui.toml with {name} placeholders filled in. */
  function t(key, vars) {
    var s = UI[key] != null ? String(UI[key]) : key;
    return vars ? s.replace(/\{(\w+)\}/g, function (m, k) { return vars[k] != null ? vars[k] : m; }) : s;
  }
  function announce(text) {
    if (!live) live = doc.getElementById("syl-live"); // search.js may have made it
    if (!live) {
      live = doc.createElement("div");
      live.id = "syl-live";
      live.className = "sr-only";
      live.setAttribute("aria-live", "polite");
      live.setAttribute("role", "status");
      doc.body.appendChild(live);
    }
    live.textContent = "";
    setTimeout(function () { live.textContent = text; }, 50);
  }

  /* (1) Theme toggle */
  var darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function currentTheme() {
    var v = root.getAttribute("data-theme");
    if (v === "light" || v === "dark") return v;
    return darkQuery && darkQuery.matches ? "dark" : "light";
  }
  function initTheme() {
    var button = $(".theme-toggle"), header = $(".site-header");
    /* Pages do not carry the button, which would do nothing without this
       script: it goes at the end of the header, where CSS kept its room. */
    if (!button) {
      if (!header) return;
      button = document.createElement("button");
      button.type = "button";
      button.className = "theme-toggle";
      button.setAttribute("aria-label", t("dark_theme"));
      header.appendChild(button);
    }
    /* The moon shows while the page is light, the sun while it is dark (CSS). Drawn here rather
       than in every page, since the button does nothing without this script. */
    if (!button.firstChild) {
      button.innerHTML = '<svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24">' +
        '<path class="icon-moon" d="M20.5 14.1A8.5 8.5 0 0 1 9.9 3.5a8.5 8.5 0 1 0 10.6 10.6z"/><g class="icon-sun">' +
        '<circle cx="12" cy="12" r="4.5"/><path d="M12 1.5v2.5M12 20v2.5M1.5 12H4M20 12h2.5M4.6 4.6l1.8 1.8M17.6 17.6l1.8 ' +
        '1.8M4.6 19.4l1.8-1.8M17.6 6.4l1.8-1.8"/></g></svg>';
    }
    function sync() {
      var dark = currentTheme() === "dark";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
      button.title = dark ? t("to_light") : t("to_dark");
    }
    button.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      put(KEY, next);
      sync();
    });
    if (darkQuery) {
      var onChange = function () { if (!get(KEY)) sync(); };
      if (darkQuery.addEventListener) darkQuery.addEventListener("change", onChange);
      else if (darkQuery.addListener) darkQuery.addListener(onChange);
    }
    sync();
    button.hidden = false;
  }

  /* (2) Copy buttons on code blocks */
  function codeText(block) {
    var code = $("pre code", block) || $("pre", block);
    if (!code) return "";
    var copy = code.cloneNode(true);
    $$(".line-number", copy).forEach(function (n) { n.parentNode.removeChild(n); });
    return copy.textContent.replace(/\n$/, "");
  }
  function fallbackCopy(text) {
    var area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.cssText = "position:fixed;top:0;left:0;opacity:0;pointer-events:none";
    doc.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
    doc.body.removeChild(area);
    return ok;
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return fallbackCopy(text); });
    }
    return Promise.resolve(fallbackCopy(text));
  }
  function initCopy(scope) {
    $$(".code-block", scope).forEach(function (block) {
      if ($(".copy-code", block)) return;
      var button = doc.createElement("button");
      button.type = "button";
      button.className = "copy-code";
      button.textContent = t("copy");
      var lang = block.getAttribute("data-lang");
      button.setAttribute("aria-label", lang ? t("copy_lang_code", { lang: lang }) : t("copy_code"));
      var timer;
      button.addEventListener("click", function () {
        copy(codeText(block)).then(function (ok) {
          button.textContent = ok ? t("copied") : t("copy_failed");
          button.classList.toggle("copied", ok);
          announce(ok ? t("copied_announce") : t("copy_failed_announce"));
          clearTimeout(timer);
          timer = setTimeout(function () {
            button.textContent = t("copy");
            button.classList.remove("copied");
          }, 1500);
        });
      });
      block.insertBefore(button, block.firstChild);
      block.classList.add("has-copy");
    });
  }

  /* (3) Table of contents: open on wide screens, highlight the heading in view */
  function initToc() {
    var toc = $(".toc");
    if (!toc) return;
    var details = $("details", toc);
    if (details && window.matchMedia) {
      var wide = window.matchMedia("(min-width: 1100px)");
      var summary = $("summary", details);
      // In the sidebar the list is always shown and the summary is only a label.
      var onWide = function () {
        if (wide.matches) details.open = true;
        if (summary) summary.tabIndex = wide.matches ? -1 : 0;
      };
      if (summary) summary.addEventListener("click", function (e) { if (wide.matches) e.preventDefault(); });
      if (wide.addEventListener) wide.addEventListener("change", onWide);
      else if (wide.addListener) wide.addListener(onWide);
      onWide();
    }
    if (!("IntersectionObserver" in window)) return;
    var links = {}, headings = [];
    $$('a[href^="#"]', toc).forEach(function (a) {
      var id = decodeURIComponent(a.getAttribute("href").slice(1));
      var h = id && doc.getElementById(id);
      if (h) { links[id] = a; headings.push(h); }
    });
    if (!headings.length) return;
    var visible = {}, active = null;
    function setActive(id) {
      if (id === active) return;
      if (active && links[active]) { links[active].classList.remove("active"); links[active].removeAttribute("aria-current"); }
      active = id;
      if (id && links[id]) { links[id].classList.add("active"); links[id].setAttribute("aria-current", "location"); }
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { visible[e.target.id] = e.isIntersecting; });
      for (var i = 0; i < headings.length; i++) {
        if (visible[headings[i].id]) { setActive(headings[i].id); return; }
      }
      // Nothing in the band: keep the last heading above the viewport.
      var last = null;
      for (var j = 0; j < headings.length; j++) {
        if (headings[j].getBoundingClientRect().top < 0) last = headings[j].id;
      }
      if (last) setActive(last);
    }, { rootMargin: "0px 0px -70% 0px", threshold: 0 });
    headings.forEach(function (h) { observer.observe(h); });
  }

  /* Headings of the text link to themselves (`<h2 id=x><a href="#x">`). The HTML leaves the link
     out (it would write every id twice); the contents list links them for readers without
     scripts. A heading holding a link of its own has an `.anchor` in the HTML instead. */
  function initHeadingLinks() {
    $$(".prose :is(h1, h2, h3, h4, h5, h6)[id]").forEach(function (h) {
      if ($("a", h) || !h.firstChild) return;
      var a = doc.createElement("a");
      a.href = "#" + h.id;
      while (h.firstChild) a.appendChild(h.firstChild);
      h.appendChild(a);
    });
  }

  /* (4) FAQ: open the entry named in the URL */
  function initFaq() {
    function open() {
      var el;
      try { el = doc.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (e) { el = null; }
      if (el && el.tagName === "DETAILS") el.open = true;
    }
    window.addEventListener("hashchange", open);
    if (location.hash) open();
  }

  /* (5) Spaced review: FSRS-5 as published (its formulas and default weights), one localStorage
     entry per card or practice question under its content hash, so an edited one starts afresh. */
  var W = [0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192,
    1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621];
  var DAY = 864e5, DECAY = -0.5, FACTOR = 19 / 81, RETENTION = 0.9, AGAIN = 1, GOOD = 3, SRS = "srs:";
  /* A local calendar day as a number: like Anki, reviews fall due on days, not at hours. */
  function dayOf(ms) {
    var d = new Date(ms);
    return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY);
  }
  function clampD(d) { return Math.min(10, Math.max(1, d)); }
  function initialD(g) { return clampD(W[4] - Math.exp(W[5] * (g - 1)) + 1); }
  /* The chance of recalling, t days after the last review, a card of stability s. */
  function recall(t, s) { return Math.pow(1 + FACTOR * t / s, DECAY); }
  /* The state after grading `card` (null when new) with g (1 again, 3 good) at time `now` (ms):
     stability s (days), difficulty d (1-10), t the review's time, due its next day, n reviews, l lapses. */
  function schedule(card, g, now) {
    var s, d, days;
    if (!card) {
      s = W[g - 1];
      d = initialD(g);
    } else {
      var elapsed = dayOf(now) - dayOf(card.t), r = recall(Math.max(0, elapsed), card.s);
      if (elapsed < 1) s = card.s * Math.exp(W[17] * (g - 3 + W[18])); // again on the same day
      else if (g === AGAIN) {
        s = Math.min(card.s, W[11] * Math.pow(card.d, -W[12]) * (Math.pow(card.s + 1, W[13]) - 1) * Math.exp(W[14] * (1 - r)));
      } else s = card.s * (1 + Math.exp(W[8]) * (11 - card.d) * Math.pow(card.s, -W[9]) * (Math.exp(W[10] * (1 - r)) - 1));
      d = clampD(W[7] * initialD(4) + (1 - W[7]) * (card.d - W[6] * (g - 3)));
    }
    s = Math.max(0.01, s);
    days = Math.min(36500, Math.max(1, Math.round(s / FACTOR * (Math.pow(RETENTION, 1 / DECAY) - 1))));
    return {
      s: s, d: d, t: now, due: dayOf(now) + days,
      n: (card ? card.n : 0) + 1, l: (card ? card.l : 0) + (card && g === AGAIN ? 1 : 0),
    };
  }
  function num(x, lo, hi) { return typeof x === "number" && isFinite(x) && x >= lo && x <= hi; }
  /* A stored (or imported) state with only known, sane fields; null for anything else. */
  function clean(v) {
    if (!v || typeof v !== "object" || !num(v.s, 0.001, 1e6) || !num(v.d, 1, 10) || !num(v.t, 0, 1e14) ||
      !num(v.due, 0, 1e7) || Math.floor(v.due) !== v.due) return null;
    return {
      s: Math.round(v.s * 1e4) / 1e4, d: Math.round(v.d * 1e4) / 1e4, t: v.t, due: v.due,
      n: num(v.n, 0, 1e6) ? Math.floor(v.n) : 0, l: num(v.l, 0, 1e6) ? Math.floor(v.l) : 0,
      k: typeof v.k === "string" ? v.k.slice(0, 500) : "", ok: v.ok ? 1 : 0,
    };
  }
  /* "c:ID:HASH" (a card) or "p:ID:HASH" (a practice question), as in keys and exports. */
  function parseName(name) {
    var m = /^([cp]):(.+):([0-9a-f]{8})$/.exec(name);
    return m && { kind: m[1], id: m[2], hash: m[3], name: name };
  }
  function storeKey(kind, id, hash) { return P + SRS + kind + ":" + id + ":" + hash; }
  function readState(key) { try { return clean(JSON.parse(get(key))); } catch (e) { return null; } }
  /* Every stored review, of `kind` when given: [{kind, id, hash, name, v}]. */
  /* The stored keys that start with `head`. */
  function keysFrom(head) {
    var keys = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key && key.indexOf(head) === 0) keys.push(key);
      }
    } catch (e) { keys = []; }
    return keys;
  }
  function reviews(kind) {
    var out = [], head = P + SRS;
    keysFrom(head + (kind ? kind + ":" : "")).forEach(function (key) {
      var r = parseName(key.slice(head.length)), v = r && readState(key);
      if (v) { r.v = v; out.push(r); }
    });
    return out;
  }
  /* Grades one item and stores its new state; `guide` is its guide's key (sql/joins). */
  function grade(kind, id, hash, ok, guide) {
    var key = storeKey(kind, id, hash), old = readState(key), next = schedule(old, ok ? GOOD : AGAIN, Date.now());
    next.k = guide || (old ? old.k : "");
    next.ok = ok ? 1 : 0;
    put(key, JSON.stringify(clean(next)));
    return next;
  }
  /* Drops the states of `id` kept under other hashes than `hash` (all of them when it is null). */
  function forget(kind, id, hash) {
    var head = P + SRS + kind + ":" + id + ":";
    keysFrom(head).forEach(function (key) { if (/^[0-9a-f]{8}$/.test(key.slice(head.length)) && key !== head + hash) drop(key); });
  }
  function isDue(v, today) { return v.due <= (today || dayOf(Date.now())); }
  /* The section a guide key is in, as ?section= names it: its first folder, "/" at the root. */
  function sectionOf(key) { var i = key.indexOf("/"); return i < 0 ? "/" : key.slice(0, i); }
  function exportReviews() {
    var items = {};
    reviews().forEach(function (r) { items[r.name] = r.v; });
    return { format: "syllabus-reviews", version: 1, site: P, exported: new Date().toISOString(), items: items };
  }
  /* Merges an export: a state replaces the stored one only if it is newer. Never throws;
     null when the text is not an export at all. */
  function importReviews(text) {
    var data, added = 0, skipped = 0;
    try { data = JSON.parse(text); } catch (e) { return null; }
    if (!data || data.format !== "syllabus-reviews" || !data.items || typeof data.items !== "object") return null;
    Object.keys(data.items).forEach(function (name) {
      var r = parseName(name), v = r && clean(data.items[name]), key = r && storeKey(r.kind, r.id, r.hash);
      var old = v && readState(key);
      if (!v || (old && old.t >= v.t)) { skipped++; return; }
      put(key, JSON.stringify(v));
      added++;
    });
    return { added: added, skipped: skipped };
  }
  var review = {
    W: W, schedule: schedule, recall: recall, dayOf: dayOf, clean: clean, reviews: reviews, grade: grade,
    forget: forget, isDue: isDue, sectionOf: sectionOf, read: function (kind, id, hash) { return readState(storeKey(kind, id, hash)); },
    remove: function (kind, id, hash) { drop(storeKey(kind, id, hash)); },
    exportReviews: exportReviews, importReviews: importReviews,
  };

  /* (6) Practice engine, for any container of .practice-question forms (the practice page,
     the hub's quiz). opts.restore: show the answers saved earlier, except those due for review. */
  function practice(box, opts) {
    if (!box) return;
    var all = function () { return $$(".practice-questions > li", box); };
    /* What a question's page says for all its questions, unless the question says it. */
    function data(q, name) { var el = q.closest("[" + name + "]"); return el ? el.getAttribute(name) : null; }
    /* The heading id of a practice page's set holding `q`. */
    function setId(q) { var h = $("h2[id]", q.closest("section") || box); return h ? h.id : ""; }
    /* The question's id across the site, which its stored answer and review go under: the quiz's
       questions say it; a practice page's is its guide's key (dots for slashes), "--", then its
       set's heading id and its number in the set ("sql.joins--check-yourself-2"). */
    function qid(q) {
      var own = q.getAttribute("data-question-id");
      if (own) return own;
      var list = q.parentNode ? $$(":scope > li", q.parentNode) : [q];
      return (data(q, "data-guide") || "").replace(/\//g, ".") + "--" + setId(q) + "-" + (list.indexOf(q) + 1);
    }
    /* Where the guide explains the question: the quiz's questions say it, a page's are its sets'. */
    function guideUrl(q) { return q.getAttribute("data-guide-url") || (data(q, "data-guide-url") || "") + "#" + setId(q); }
    function options(q) { return $$("fieldset > label", q); }
    /* The question's stem as text, without its number and the due badge. */
    function stemText(q) {
      var stem = $(".question-stem", q), legend = $("legend", q);
      if (!stem && legend) {
        stem = legend.cloneNode(true);
        $$(":scope > b:first-child, :scope > small", stem).forEach(function (el) { el.parentNode.removeChild(el); });
      }
      return (stem || q).textContent.replace(/\s+/g, " ").trim();
    }
    function score() {
      var qs = all(), right = 0, wrong = 0, text;
      qs.forEach(function (q) {
        if (q.classList.contains("is-correct")) right++;
        if (q.classList.contains("is-incorrect")) wrong++;
      });
      text = t("score", { score: right, total: qs.length });
      var el = $(".score", box), retry = $("button.retry-wrong", box);
      if (el) el.textContent = right && right === qs.length ? t("all_correct", { total: right }) : text;
      if (retry) retry.disabled = !wrong;
      bar($(".score-fill", box), right, qs.length);
      return text;
    }
    /* The end-of-set summary once every question is answered; its text when it just appeared. */
    function summary() {
      var el = $(".practice-summary", box), qs = all();
      var done = qs.length > 0 && qs.every(function (q) { return q.classList.contains("answered"); });
      if (!el && done) el = addSummary();
      if (!el) return "";
      var list = $(".missed-list", el), was = el.hidden;
      el.hidden = !done;
      if (!done) return "";
      var missed = qs.filter(function (q) { return q.classList.contains("is-incorrect"); }), right = qs.length - missed.length;
      var text = right === qs.length ? t("all_correct", { total: right }) : t("summary_score", { score: right, total: qs.length });
      $(".summary-score", el).textContent = text;
      list.innerHTML = missed.map(function (q) {
        var stem = stemText(q), url = guideUrl(q);
        if (stem.length > 100) stem = stem.slice(0, 99) + "…";
        return '<li><a href="#' + esc(q.id) + '">' + esc((($("legend > b", q) || q).firstChild || q).textContent) + "</a>: " + esc(stem) +
          (url ? ' <a class="missed-guide" href="' + esc(url) + '">' + esc(t("read_in_guide")) + "</a>" : "") + "</li>";
      }).join("");
      hide($(".summary-missed", el), !missed.length);
      hide($("button.retry-missed", el), !missed.length);
      return was ? text : "";
    }
    function answerKey(q) { return P + qid(q) + ":" + q.getAttribute("data-hash"); }
    function show(q, picked, user) {
      var right = (q.getAttribute("data-correct") || "").split(",").filter(Boolean).map(Number);
      var ok = picked.length === right.length && picked.every(function (i) { return right.indexOf(i) >= 0; });
      var fb = $(".feedback", q), key = $("form > details", q) || q, said = [];
      q.classList.add("answered");
      q.classList.remove("due");
      q.classList.toggle("is-correct", ok);
      q.classList.toggle("is-incorrect", !ok);
      options(q).forEach(function (li, i) {
        var input = $("input", li), note = $(".option-state", li);
        var isPicked = picked.indexOf(i) >= 0, isRight = right.indexOf(i) >= 0;
        if (input) { input.checked = isPicked; input.disabled = true; }
        li.classList.toggle("picked", isPicked);
        li.classList.toggle("correct", isRight);
        li.classList.toggle("incorrect", isPicked && !isRight);
        if (!note) {
          note = doc.createElement("span");
          note.className = "option-state sr-only";
          li.appendChild(note);
        }
        var words = [isRight && t("correct_option"), isPicked && t("your_answer")].filter(Boolean).join(", ");
        note.textContent = words ? " (" + words + ")" : "";
      });
      if (fb) {
        fb.innerHTML = '<p class="verdict">' + esc(ok ? t("correct") : t("incorrect")) + "</p>";
        said.push(fb.textContent);
        picked.map(function (i) { return $('.option-feedback[data-index="' + i + '"]', key); })
          .concat(ok ? [] : [$("details > p", key)], [$(".explanation", key)])
          .forEach(function (el) { if (el) { fb.appendChild(el.cloneNode(true)); said.push(el.textContent); } });
        fb.hidden = false;
      }
      hide($("button.check", q), true);
      hide($("button.try-again", q), ok);
      var text = score(), end = summary();
      if (user) {
        put(answerKey(q), JSON.stringify({ a: picked, c: ok ? 1 : 0 }));
        review.grade("p", qid(q), q.getAttribute("data-hash"), ok, data(q, "data-guide"));
        announce(said.join(" ") + " " + text + (end ? " " + end : ""));
        if (fb) fb.focus();
        emit();
      }
    }
    /* Clears the answer; `forget` (Reset) also forgets the question's review schedule. */
    function clear(q, forget) {
      var fb = $(".feedback", q);
      q.classList.remove("answered", "is-correct", "is-incorrect");
      options(q).forEach(function (li) {
        var input = $("input", li), note = $(".option-state", li);
        li.classList.remove("picked", "correct", "incorrect");
        if (input) { input.checked = false; input.disabled = false; }
        if (note) note.parentNode.removeChild(note);
      });
      if (fb) { fb.innerHTML = ""; fb.hidden = true; }
      hide($("button.check", q), false);
      hide($("button.try-again", q), true);
      drop(answerKey(q));
      if (forget) review.forget("p", qid(q), null);
    }
    function focusFirst(q) { var input = q && $("input", q); if (input) input.focus(); }
    function retryWrong() {
      var wrong = all().filter(function (q) { return q.classList.contains("is-incorrect"); });
      wrong.forEach(function (q) { clear(q); });
      score();
      summary();
      emit();
      announce(t("retry_done"));
      focusFirst(wrong[0]);
    }
    /* A practice page's questions come without the feedback and buttons only the script uses. */
    function addControls(q) {
      var form = $("form", q) || q, reveal = $("form > details", q);
      var fb = doc.createElement("div"), actions = doc.createElement("div");
      fb.className = "feedback";
      fb.tabIndex = -1;
      fb.hidden = true;
      actions.className = "question-actions";
      actions.innerHTML = '<button type="submit" class="check">' + esc(t("check")) +
        '</button> <button type="button" class="try-again" hidden>' + esc(t("try_again")) + "</button>";
      form.insertBefore(fb, reveal && reveal.parentNode === form ? reveal : null);
      form.insertBefore(actions, fb.nextSibling);
    }
    function setup(q) {
      if (q.getAttribute("data-ready")) return;
      q.setAttribute("data-ready", "1");
      if (!$(".question-actions", q)) addControls(q);
      hide($(".question-actions", q), false);
      hide($("form > details", q), true);
      ($("form", q) || q).addEventListener("submit", function (e) {
        e.preventDefault();
        if (q.classList.contains("answered")) return;
        var picked = [], fb = $(".feedback", q);
        options(q).forEach(function (label, i) { if ($("input:checked", label)) picked.push(i); });
        if (picked.length) return show(q, picked, true);
        if (fb) { fb.innerHTML = '<p class="verdict">' + esc(t("pick_first")) + "</p>"; fb.hidden = false; }
        announce(t("pick_first"));
      });
      click(q, "button.try-again", function () { clear(q); score(); summary(); emit(); focusFirst(q); });
      var id = qid(q), hash = q.getAttribute("data-hash"), state = review.read("p", id, hash);
      review.forget("p", id, hash); // the schedule of an earlier version of the question
      if (state && isDue(state)) {
        // Due again: asked afresh, not shown answered.
        drop(answerKey(q));
        q.classList.add("due");
        var number = $("legend > b", q), badge = doc.createElement("span");
        badge.className = "question-due";
        badge.textContent = t("due_badge");
        if (number) number.appendChild(badge);
        return;
      }
      if (!opts.restore) return;
      var saved = null;
      try { saved = JSON.parse(get(answerKey(q))); } catch (e) { saved = null; }
      if (saved && saved.a && saved.a.length) show(q, saved.a.map(Number), false);
    }
    /* The summary is the script's: made at the end of `box` when first needed (it comes after
       the questions, so nothing above it moves). */
    function addSummary() {
      var el = doc.createElement("section"), id = "syl-" + (box.id ? box.id + "-" : "") + "summary";
      el.className = "practice-summary";
      el.tabIndex = -1;
      el.hidden = true;
      el.setAttribute("aria-labelledby", id);
      el.innerHTML = '<h2 id="' + id + '">' + esc(t("summary_title")) + '</h2><p class="summary-score"></p>' +
        '<div class="summary-missed" hidden><p class="summary-missed-title">' + esc(t("summary_missed")) +
        '</p><ol class="missed-list" role="list"></ol></div><p class="toolbar-buttons">' +
        '<button type="button" class="retry-missed">' + esc(t("retry_wrong")) + "</button></p>";
      box.appendChild(el);
      click(el, "button.retry-missed", retryWrong);
      return el;
    }
    /* The toolbar is the script's too: the page has its empty box, whose room the stylesheet
       keeps; a practice page's also prints the sheet. */
    function fillToolbar(bar) {
      if (!bar || bar.firstChild) return;
      bar.innerHTML = '<p class="score"></p><div class="score-bar" aria-hidden="true"><span class="score-fill"></span></div>' +
        '<p class="toolbar-buttons"><button type="button" class="retry-wrong" disabled>' + esc(t("retry_wrong")) +
        '</button> <button type="button" class="reset">' + esc(t("reset")) + "</button>" +
        (box.hasAttribute("data-practice") ? ' <button type="button" class="print-sheet">' + esc(t("print_sheet")) + "</button>" : "") +
        "</p>";
    }
    opts = opts || {};
    if (!box.getAttribute("data-ready")) {
      fillToolbar($(".practice-toolbar", box));
      box.setAttribute("data-ready", "1");
      hide($(".practice-toolbar", box), false);
      hide($(".no-js-note", box), true);
      click(box, "button.retry-wrong", retryWrong);
      click(box, "button.reset", function () {
        all().forEach(function (q) { clear(q, opts.restore); });
        score();
        summary();
        emit();
        announce(t("reset_done"));
        focusFirst(all()[0]);
      });
      click(box, "button.print-sheet", function () { window.print(); });
    }
    all().forEach(setup);
    score();
    summary();
  }

  /* The questions of a practice data file, each with its guide's fields and its set's id (stored
     once per guide and set); a question's id is its set's and its number in the set. */
  function questionsOf(json) {
    var out = [];
    (json && json.guides || []).forEach(function (g) {
      (g.sets || []).forEach(function (set) {
        (set.questions || []).forEach(function (q, k) {
          var right = q.correct || [], feedback = q.feedback || [];
          out.push({
            id: g.id + "--" + set.id + "-" + (k + 1), hash: q.hash, set: set.id, multiple: right.length > 1,
            stem: q.stem, blocks: q.blocks, explanation: q.explanation,
            options: (q.options || []).map(function (html, i) {
              return { html: html, correct: right.indexOf(i) >= 0, feedback: feedback[i] };
            }),
            key: g.key, guide: g.title, guide_url: g.url, tags: g.tags || [],
          });
        });
      });
    });
    return out;
  }
  /* A question of questionsOf in the markup of partials/practice_question.html, with its id, guide
     and source link, and its Check button and feedback in place. */
  function questionHtml(q, n) {
    var id = esc("quiz-" + q.id), right = [], type = q.multiple ? "checkbox" : "radio", notes = "";
    var te = function (key, vars) { return esc(t(key, vars)); };
    var options = (q.options || []).map(function (o, i) {
      if (o.correct) right.push(i);
      if (o.feedback) {
        notes += '<div class="option-feedback" data-index="' + i + '"><p class="option-feedback-title">' +
          te("option_feedback", { letter: LETTERS[i] }) + "</p>" + o.feedback + "</div>";
      }
      return '<label><input type="' + type + '" name="' + id + '"><b>' + LETTERS[i] + "</b> " + o.html + "</label>";
    }).join("");
    var guideUrl = (q.guide_url || "") + (q.set ? "#" + q.set : "");
    var number = "<b>" + te("question_n", { n: n }) + "</b>", all = q.multiple ? " <small>" + te("choose_all") + "</small>" : "";
    // A stem of one paragraph is the legend's text; blocks follow it, the fieldset named by both.
    var head = q.stem != null ? "<fieldset><legend>" + number + " " + q.stem + all + "</legend>" :
      '<fieldset aria-labelledby="' + id + "-l " + id + '-s"><legend id="' + id + '-l">' + number + all +
        '</legend><div class="question-stem" id="' + id + '-s">' + (q.blocks || "") + "</div>";
    return '<li id="' + id + '" data-question-id="' + esc(q.id) + '" data-hash="' + esc(q.hash) + '" data-correct="' +
      right.join(",") + '" data-guide="' + esc(q.key) + '" data-guide-url="' + esc(guideUrl) + '"><form>' + head +
      (q.guide ? '<p class="question-source"><a href="' + esc(q.guide_url || "") + '">' +
        te("from_guide", { title: q.guide }) + "</a></p>" : "") + options +
      '</fieldset><div class="feedback" tabindex="-1" hidden></div><div class="question-actions" hidden>' +
      '<button type="submit" class="check">' + te("check") + '</button> <button type="button" class="try-again" hidden>' +
      te("try_again") + "</button></div><details><summary>" + te("show_answer") + "</summary><p>" +
      te(q.multiple ? "correct_answers" : "correct_answer") + ": <b>" +
      right.map(function (i) { return LETTERS[i]; }).join(", ") + "</b></p>" + notes +
      (q.explanation ? '<div class="explanation"><p class="explanation-title">' + te("explanation") + "</p>" +
        q.explanation + "</div>" : "") + "</details></form></li>";
  }

  /* At most this many data files are fetched for one quiz or deck: "All" on a site of 200 sections
     samples some of them (weighted by their size) rather than loading tens of megabytes. */
  var MAX_PARTS = 6;
  /* The data files a choice needs: <option data-url data-count> of a section select, narrowed to a
     tag's (data-parts) and to `wanted` (sections by id) when given, sampled down to MAX_PARTS. */
  function pickParts(sectionSel, tagSel, wanted) {
    var opts = $$("option", sectionSel).filter(function (o) { return o.getAttribute("data-url"); });
    var tag = tagSel && tagSel.selectedIndex > 0 ? tagSel.options[tagSel.selectedIndex] : null;
    var places = tag ? (tag.getAttribute("data-parts") || "").split(" ").filter(Boolean).map(Number) : null;
    var pool = opts.filter(function (o, i) {
      return (!sectionSel.value || o.value === sectionSel.value) && (!places || places.indexOf(i) >= 0) &&
        (!wanted || wanted[o.value]);
    });
    var picked = [], total = pool.length;
    while (pool.length && picked.length < MAX_PARTS) {
      var sum = 0, at = 0;
      pool.forEach(function (o) { sum += Number(o.getAttribute("data-count")) || 1; });
      var x = Math.random() * sum;
      while (at < pool.length - 1 && (x -= Number(pool[at].getAttribute("data-count")) || 1) >= 0) at++;
      picked.push(pool.splice(at, 1)[0]);
    }
    return { options: picked, total: total };
  }
  var fetched = {};
  /* What `read` makes of the response for `url`, fetched and read once per page (a failure is
     forgotten, so a later call tries again). One reader per URL: the first call's. */
  function fetchOnce(url, read) {
    if (!fetched[url]) {
      fetched[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return read(r);
      });
      fetched[url].catch(function () { delete fetched[url]; });
    }
    return fetched[url];
  }
  /* The JSON at `url`, fetched once per page. */
  function fetchJson(url) { return fetchOnce(url, function (r) { return r.json(); }); }
  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), x = list[i];
      list[i] = list[j];
      list[j] = x;
    }
    return list;
  }

  /* (7) Practice hub: progress and due questions per section and guide (from the stored reviews),
     and the mixed quiz, which fetches only the sections' files it needs. */
  function initHub() {
    var sections = $$(".hub-section[data-section]");
    if (!sections.length) return;
    var form = $("form.quiz-setup"), quiz = doc.getElementById("quiz"), list = quiz && $(".practice-questions", quiz);
    function progress(el, right, seen, total) {
      var text = $(".progress-text", el), box = $(".hub-progress", el);
      hide(box, false);
      bar($(".progress-fill", box), right, total);
      if (text) text.textContent = seen ? t("progress", { score: right, total: total }) : t("not_started");
      el.classList.toggle("complete", total > 0 && right === total);
    }
    function update() {
      var today = dayOf(Date.now()), latest = {}, bySection = {}, byGuide = {}, due = 0;
      // The latest state of each question: an edited one may have an older state under its old hash.
      reviews("p").forEach(function (r) { if (!latest[r.id] || latest[r.id].t < r.v.t) latest[r.id] = r.v; });
      Object.keys(latest).forEach(function (id) {
        var v = latest[id], s = sectionOf(v.k), add = function (map, key) {
          var c = map[key] = map[key] || { right: 0, seen: 0, due: 0 };
          c.seen++;
          c.right += v.ok;
          c.due += isDue(v, today) ? 1 : 0;
        };
        add(bySection, s);
        add(byGuide, v.k);
        if (isDue(v, today)) due++;
      });
      sections.forEach(function (el) {
        var c = bySection[el.getAttribute("data-section")] || { right: 0, seen: 0, due: 0 }, tag = $(".hub-due", el);
        progress($(".hub-section-header", el) || el, c.right, c.seen, Number(el.getAttribute("data-total")) || 0);
        if (tag) { tag.textContent = t("due_in_section", { n: c.due }); tag.hidden = !c.due; }
        hide($("button.review-section", el), !c.due || !form);
      });
      $$(".hub-item[data-guide]").forEach(function (el) {
        var c = byGuide[el.getAttribute("data-guide")] || { right: 0, seen: 0 };
        progress(el, c.right, c.seen, Number(el.getAttribute("data-total")) || 0);
      });
      var box = $(".review-due"), line = box && $(".due-count", box);
      if (line) line.textContent = due ? (due === 1 ? t("due_count_one") : t("due_count", { n: due })) : t("due_none");
      hide(box, false);
      hide($("button.review-all", box), !due || !form);
      return latest;
    }
    update();
    doc.addEventListener("syl:progress", update);
    window.addEventListener("storage", update);
    if (!form || !list || !window.fetch) return;
    var status = $(".quiz-status"), sectionSel = $("#quiz-section", form), tagSel = $("#quiz-tag", form);
    hide(form, false);
    hide($(".mixed-quiz .no-js-note"), true);
    function say(text) { if (status) status.textContent = text; }
    function reviewDue(section) {
      sectionSel.value = section;
      tagSel.value = "";
      $("#quiz-due", form).checked = true;
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
      form.scrollIntoView();
    }
    click(doc, ".review-due button.review-all", function () { reviewDue(""); });
    sections.forEach(function (el) {
      click(el, "button.review-section", function () { reviewDue(el.getAttribute("data-section")); });
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var count = $("#quiz-count", form), n = Math.max(1, Math.min(50, parseInt(count && count.value, 10) || 10));
      var dueOnly = $("#quiz-due", form).checked, latest = update(), today = dayOf(Date.now()), wanted = null;
      if (dueOnly) {
        wanted = {};
        Object.keys(latest).forEach(function (id) { if (isDue(latest[id], today)) wanted[sectionOf(latest[id].k)] = 1; });
      }
      var parts = pickParts(sectionSel, tagSel, wanted);
      say(t("quiz_loading"));
      Promise.all(parts.options.map(function (o) { return fetchJson(o.getAttribute("data-url")); })).then(function (files) {
        var tag = tagSel.value, pool = [];
        files.forEach(function (json) {
          questionsOf(json).forEach(function (q) {
            if (tag && q.tags.indexOf(tag) < 0) return;
            if (dueOnly) { var v = review.read("p", q.id, q.hash); if (!v || !isDue(v, today)) return; }
            pool.push(q);
          });
        });
        pool = shuffle(pool).slice(0, n);
        hide(quiz, !pool.length);
        if (!pool.length) return say(t("quiz_empty"));
        list.innerHTML = pool.map(function (q, k) { return questionHtml(q, k + 1); }).join("");
        practice(quiz, { restore: false });
        initCopy(quiz);
        say(t("quiz_ready", { n: pool.length }));
        quiz.setAttribute("tabindex", "-1");
        quiz.focus();
      }).catch(function () { say(t("quiz_error")); });
    });
  }

  /* (8) Question bank: filter by tag and difficulty, kept in the URL (?tag=&difficulty=) */
  function initBank() {
    var form = $("form.bank-filters");
    if (!form) return;
    var tag = $("#bank-tag", form), level = $("#bank-difficulty", form), status = $(".bank-status", form);
    var guides = $$(".bank-guide"), total = $$(".bank-question").length;
    hide(form, false);
    location.search.slice(1).split("&").forEach(function (pair) {
      var kv = pair.split("="), sel = kv[0] === "tag" ? tag : kv[0] === "difficulty" ? level : null, v;
      try { v = decodeURIComponent((kv[1] || "").replace(/\+/g, " ")); } catch (e) { v = ""; }
      if (sel && $$("option", sel).some(function (o) { return o.value === v; })) sel.value = v;
    });
    function apply(user) {
      var tv = tag ? tag.value : "", lv = level ? level.value : "", shown = 0, q = [];
      guides.forEach(function (g) {
        var ok = (!tv || (g.getAttribute("data-tags") || "").split("|").indexOf(tv) >= 0) &&
          (!lv || g.getAttribute("data-difficulty") === lv);
        g.hidden = !ok;
        if (ok) shown += $$(".bank-question", g).length;
      });
      $$(".bank-group").forEach(function (s) { s.hidden = !$$(".bank-guide:not([hidden])", s).length; });
      hide($(".bank-empty"), shown > 0);
      if (status) status.textContent = t("showing", { shown: shown, total: total });
      if (!user || !window.history || !history.replaceState) return;
      if (tv) q.push("tag=" + encodeURIComponent(tv));
      if (lv) q.push("difficulty=" + encodeURIComponent(lv));
      history.replaceState(null, "", location.pathname + (q.length ? "?" + q.join("&") : "") + location.hash);
    }
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    apply(false);
  }

  /* (9) Code blocks, tables and display formulas wide enough to scroll take the keyboard
     focus, named, so the arrow keys can scroll them; kept true as the window is resized. */
  function initScrollBoxes() {
    function name(box) {
      if (box.classList.contains("math-display")) return t("scroll_formula");
      if (box.tagName !== "PRE") return t("scroll_table");
      var block = box.parentNode, lang = block && block.getAttribute && block.getAttribute("data-lang");
      return lang && lang !== "text" ? t("scroll_lang_code", { lang: lang }) : t("scroll_code");
    }
    function check(box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls === (box.getAttribute("tabindex") === "0")) return;
      if (scrolls) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", name(box));
      } else {
        ["tabindex", "role", "aria-label"].forEach(function (a) { box.removeAttribute(a); });
      }
    }
    var boxes = $$("main pre, main .table-wrap, main .math-display");
    if (!window.ResizeObserver) return boxes.forEach(check);
    var watch = new ResizeObserver(function (entries) { entries.forEach(function (e) { check(e.target); }); });
    boxes.forEach(function (box) { watch.observe(box); });
  }

  /* (10) Links with a better target when scripts run (a guide's "Flashcards": its deck rather than
     its questions on the guide page) */
  function initLinks() {
    $$("a[data-js-href]").forEach(function (a) { a.setAttribute("href", a.getAttribute("data-js-href")); });
  }

  /* For flashcards.js, other themes and the tests. */
  window.syllabus = {
    $: $, $$: $$, t: t, esc: esc, hide: hide, click: click, bar: bar, announce: announce,
    fetchOnce: fetchOnce, fetchJson: fetchJson, pickParts: pickParts, shuffle: shuffle, review: review,
  };

  function init() {
    [initTheme, initHeadingLinks, initCopy, initToc, initFaq, initScrollBoxes, function () { practice($("[data-practice]"), { restore: true }); },
      initHub, initBank, initLinks].forEach(function (fn) {
      try { fn(); } catch (e) { if (window.console) console.error(e); }
    });
  }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();
