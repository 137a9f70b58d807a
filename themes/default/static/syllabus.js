/* syllabus default theme: progressive enhancements. Pages work without this file.
 *
 * Stable selectors (browser tests use them):
 *  all pages   #syl-ui (ui.toml as JSON, data-storage-prefix), #syl-live (aria-live), .theme-toggle
 *  practice    [data-practice] (the hub's quiz is #quiz); .practice-question[data-question-id]
 *              [data-hash][data-correct="0,2"][data-multiple] > .option[data-index] input,
 *              button.check, button.try-again, .feedback (.verdict .option-feedback
 *              .correct-answer .explanation), details.answer-reveal (no-JS answer, hidden by JS);
 *              states .answered.is-correct/.is-incorrect, .option.picked/.correct/.incorrect;
 *              .practice-toolbar .score ("Score: 1 of 5"), button.retry-wrong, button.reset,
 *              button.print-sheet, section.answer-key (print only)
 *  flashcards  [data-flashcards].deck, .flashcard[data-card-id].current, button.reveal,
 *              button.knew, button.didnt, button.next-card, .flashcard-count, button.reset,
 *              .flashcards-done, button.cards-again, button.cards-review
 *  bank        form.bank-filters, #bank-tag, #bank-difficulty, .bank-group, .bank-guide,
 *              .bank-question, .bank-status, .bank-empty (state in ?tag=&difficulty=)
 *  hub         .hub-item[data-ids] .progress-text, form.quiz-setup, #quiz-tag, #quiz-section,
 *              #quiz-count, button.start-quiz, .quiz-status, #quiz
 *  faq         details.faq-entry (the one named by location.hash opens)
 *  search      see search.js; guide pages: nav.section-nav a[aria-current=page], section.related,
 *              section.backlinks, nav.pager a[rel=prev|next]
 *
 * localStorage (P = data-storage-prefix, unique per site):
 *  P + id + ":" + hash  practice answer {"a":[picked],"c":1|0}; an edited question gets a new
 *                       hash, so its stale answer is ignored
 *  P + "done:" + id     "1" right / "0" wrong. The hub knows ids, not hashes, so it counts these;
 *                       the practice page drops the key when the answer under the hash is gone
 *  P + "card:" + id     flashcard "1" knew it / "0" didn't
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
    var button = $(".theme-toggle");
    if (!button) return;
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

  /* (5) Practice engine, for any container of .practice-question forms (the practice page,
     the hub's quiz). opts.restore: show the answers saved earlier. */
  function practice(box, opts) {
    if (!box) return;
    var all = function () { return $$(".practice-question", box); };
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
    function keys(q) {
      var id = q.getAttribute("data-question-id");
      return { answer: P + id + ":" + q.getAttribute("data-hash"), done: P + "done:" + id };
    }
    function show(q, picked, user) {
      var right = (q.getAttribute("data-correct") || "").split(",").filter(Boolean).map(Number);
      var ok = picked.length === right.length && picked.every(function (i) { return right.indexOf(i) >= 0; });
      var fb = $(".feedback", q), key = $(".answer-reveal", q) || q, said = [];
      q.classList.add("answered");
      q.classList.toggle("is-correct", ok);
      q.classList.toggle("is-incorrect", !ok);
      $$(".option", q).forEach(function (li) {
        var i = Number(li.getAttribute("data-index")), input = $("input", li), note = $(".option-state", li);
        var isPicked = picked.indexOf(i) >= 0, isRight = right.indexOf(i) >= 0;
        if (input) { input.checked = isPicked; input.disabled = true; }
        li.classList.toggle("picked", isPicked);
        li.classList.toggle("correct", isRight);
        li.classList.toggle("incorrect", isPicked && !isRight);
        if (!note) {
          note = doc.createElement("span");
          note.className = "option-state sr-only";
          ($("label", li) || li).appendChild(note);
        }
        var words = [isRight && t("correct_option"), isPicked && t("your_answer")].filter(Boolean).join(", ");
        note.textContent = words ? " (" + words + ")" : "";
      });
      if (fb) {
        fb.innerHTML = '<p class="verdict">' + esc(ok ? t("correct") : t("incorrect")) + "</p>";
        said.push(fb.textContent);
        picked.map(function (i) { return $('.option-feedback[data-index="' + i + '"]', key); })
          .concat(ok ? [] : [$(".correct-answer", key)], [$(".explanation", key)])
          .forEach(function (el) { if (el) { fb.appendChild(el.cloneNode(true)); said.push(el.textContent); } });
        fb.hidden = false;
      }
      hide($("button.check", q), true);
      hide($("button.try-again", q), ok);
      var text = score();
      if (user) {
        var k = keys(q);
        put(k.answer, JSON.stringify({ a: picked, c: ok ? 1 : 0 }));
        put(k.done, ok ? "1" : "0");
        announce(said.join(" ") + " " + text);
        if (fb) fb.focus();
        emit();
      }
    }
    function clear(q, forget) {
      var k = keys(q), fb = $(".feedback", q);
      q.classList.remove("answered", "is-correct", "is-incorrect");
      $$(".option", q).forEach(function (li) {
        var input = $("input", li), note = $(".option-state", li);
        li.classList.remove("picked", "correct", "incorrect");
        if (input) { input.checked = false; input.disabled = false; }
        if (note) note.parentNode.removeChild(note);
      });
      if (fb) { fb.innerHTML = ""; fb.hidden = true; }
      hide($("button.check", q), false);
      hide($("button.try-again", q), true);
      drop(k.answer);
      if (forget) drop(k.done); else put(k.done, "0");
    }
    function focusFirst(q) { var input = q && $("input", q); if (input) input.focus(); }
    function setup(q) {
      if (q.getAttribute("data-ready")) return;
      q.setAttribute("data-ready", "1");
      hide($(".question-actions", q), false);
      hide($(".answer-reveal", q), true);
      ($(".question-form", q) || q).addEventListener("submit", function (e) {
        e.preventDefault();
        if (q.classList.contains("answered")) return;
        var picked = $$("input:checked", q).map(function (i) { return Number(i.value); }), fb = $(".feedback", q);
        if (picked.length) return show(q, picked, true);
        if (fb) { fb.innerHTML = '<p class="verdict">' + esc(t("pick_first")) + "</p>"; fb.hidden = false; }
        announce(t("pick_first"));
      });
      click(q, "button.try-again", function () { clear(q); score(); emit(); focusFirst(q); });
      if (!opts.restore) return;
      var k = keys(q), saved = null;
      try { saved = JSON.parse(get(k.answer)); } catch (e) { saved = null; }
      if (saved && saved.a && saved.a.length) show(q, saved.a.map(Number), false);
      else drop(k.done); // never answered, or the question changed: the hub must not count it
    }
    opts = opts || {};
    if (!box.getAttribute("data-ready")) {
      box.setAttribute("data-ready", "1");
      hide($(".practice-toolbar", box), false);
      hide($(".no-js-note", box), true);
      click(box, "button.retry-wrong", function () {
        var wrong = all().filter(function (q) { return q.classList.contains("is-incorrect"); });
        wrong.forEach(function (q) { clear(q); });
        score();
        emit();
        announce(t("retry_done"));
        focusFirst(wrong[0]);
      });
      click(box, "button.reset", function () {
        all().forEach(function (q) { clear(q, true); });
        score();
        emit();
        announce(t("reset_done"));
        focusFirst(all()[0]);
      });
      click(box, "button.print-sheet", function () { window.print(); });
    }
    all().forEach(setup);
    score();
  }

  /* A question from practice.json in the markup of partials/practice_question.html. */
  function questionHtml(q, n, siteRoot) {
    var id = esc("quiz-" + q.id), right = [], type = q.multiple ? "checkbox" : "radio", notes = "";
    var te = function (key, vars) { return esc(t(key, vars)); };
    var options = (q.options || []).map(function (o, i) {
      if (o.correct) right.push(i);
      if (o.feedback) {
        notes += '<div class="option-feedback" data-index="' + i + '"><p class="option-feedback-title">' +
          te("option_feedback", { letter: LETTERS[i] }) + "</p>" + o.feedback + "</div>";
      }
      return '<li class="option" data-index="' + i + '"><label class="option-label"><input type="' + type +
        '" name="' + id + '" value="' + i + '"><span class="option-letter">' + LETTERS[i] +
        '</span><span class="option-text">' + o.html + "</span></label></li>";
    }).join("");
    return '<li class="practice-question" id="' + id + '" data-question-id="' + esc(q.id) + '" data-hash="' +
      esc(q.hash) + '" data-correct="' + right.join(",") + '"' + (q.multiple ? " data-multiple" : "") +
      '><form class="question-form"><fieldset aria-labelledby="' + id + "-legend " + id + '-stem"><legend id="' +
      id + '-legend"><span class="question-number">' + te("question_n", { n: n }) + '</span> <span class="question-kind">' +
      te(q.multiple ? "choose_all" : "choose_one") + "</span></legend>" +
      (q.guide ? '<p class="question-source"><a href="' + esc(siteRoot + (q.guide_url || "")) + '">' +
        te("from_guide", { title: q.guide }) + "</a></p>" : "") +
      '<div class="question-stem" id="' + id + '-stem">' + q.stem + '</div><ul class="options" role="list">' + options +
      '</ul></fieldset><div class="question-actions" hidden><button type="submit" class="check">' + te("check") +
      '</button> <button type="button" class="try-again" hidden>' + te("try_again") + "</button></div>" +
      '<div class="feedback" tabindex="-1" hidden></div><details class="answer-reveal"><summary>' + te("show_answer") +
      '</summary><div class="answer-body"><p class="correct-answer"><strong>' +
      te(q.multiple ? "correct_answers" : "correct_answer") + ":</strong> " +
      right.map(function (i) { return LETTERS[i]; }).join(", ") + "</p>" + notes +
      (q.explanation ? '<div class="explanation"><p class="explanation-title">' + te("explanation") + "</p>" +
        q.explanation + "</div>" : "") + "</div></details></form></li>";
  }

  /* (6) Practice hub: progress per guide, and the mixed quiz (practice.json is fetched on start) */
  function initHub() {
    var items = $$(".hub-item[data-ids]");
    function progress() {
      items.forEach(function (item) {
        var ids = item.getAttribute("data-ids").split(/\s+/).filter(Boolean), right = 0, seen = 0;
        ids.forEach(function (id) {
          var v = get(P + "done:" + id);
          if (v !== null) seen++;
          if (v === "1") right++;
        });
        var text = $(".progress-text", item);
        hide($(".hub-progress", item), false);
        bar($(".progress-fill", item), right, ids.length);
        if (text) text.textContent = seen ? t("progress", { score: right, total: ids.length }) : t("not_started");
        item.classList.toggle("complete", ids.length > 0 && right === ids.length);
      });
    }
    if (items.length) {
      progress();
      doc.addEventListener("syl:progress", progress);
      window.addEventListener("storage", progress);
    }
    var section = $(".mixed-quiz"), form = section && $("form.quiz-setup", section);
    var quiz = doc.getElementById("quiz"), list = quiz && $(".practice-questions", quiz);
    if (!form || !list || !window.fetch) return;
    var status = $(".quiz-status", section), data = null;
    hide(form, false);
    hide($(".no-js-note", section), true);
    function say(text) { if (status) status.textContent = text; }
    function label(sel) { return sel && sel.selectedIndex >= 0 ? sel.options[sel.selectedIndex].text : ""; }
    // A question matches a choice by id or title (tags are strings; a section may be either).
    function matches(sel, field) {
      if (!sel || !sel.value) return true;
      var wanted = [sel.value.toLowerCase(), label(sel).toLowerCase()];
      return [].concat(field == null ? [] : field).some(function (f) {
        return (f && typeof f === "object" ? [f.id, f.title] : [f]).some(function (x) {
          return x != null && wanted.indexOf(String(x).toLowerCase()) >= 0;
        });
      });
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var count = $("#quiz-count", form), n = Math.max(1, Math.min(50, parseInt(count && count.value, 10) || 10));
      say(t("quiz_loading"));
      data = data || fetch(section.getAttribute("data-url")).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
      data.then(function (json) {
        var pool = (json && json.questions || []).filter(function (q) {
          return matches($("#quiz-tag", form), q.tags) && matches($("#quiz-section", form), q.section);
        });
        for (var i = pool.length - 1; i > 0; i--) {
          var j = Math.floor(Math.random() * (i + 1)), x = pool[i];
          pool[i] = pool[j];
          pool[j] = x;
        }
        pool = pool.slice(0, n);
        hide(quiz, !pool.length);
        if (!pool.length) return say(t("quiz_empty"));
        var siteRoot = section.getAttribute("data-root") || "";
        list.innerHTML = pool.map(function (q, k) { return questionHtml(q, k + 1, siteRoot); }).join("");
        practice(quiz, { restore: false });
        initCopy(quiz);
        say(t("quiz_ready", { n: pool.length }));
        quiz.setAttribute("tabindex", "-1");
        quiz.focus();
      }).catch(function () { data = null; say(t("quiz_error")); });
    });
  }

  /* (7) Flashcards: one card at a time, "knew it" or "didn't" remembered per card */
  function initFlashcards() {
    var box = $("[data-flashcards]"), cards = box ? $$(".flashcard[data-card-id]", box) : [];
    if (!cards.length) return;
    var order = cards, pos = 0, done = $(".flashcards-done", box);
    function key(card) { return P + "card:" + card.getAttribute("data-card-id"); }
    function count() {
      var known = 0, seen = 0, el = $(".flashcard-count", box);
      cards.forEach(function (c) { var v = get(key(c)); if (v !== null) seen++; if (v === "1") known++; });
      if (el) el.textContent = t("flashcard_count", { known: known, seen: seen, total: cards.length });
      bar($(".score-fill", box), seen, cards.length);
    }
    function sync(card) {
      var open = $("details", card).open;
      hide($("button.reveal", card), open);
      hide($("button.knew", card), !open);
      hide($("button.didnt", card), !open);
    }
    function show(focus) {
      var card = order[pos];
      cards.forEach(function (c) { c.classList.toggle("current", c === card); });
      hide(done, !!card);
      count();
      if (!card) {
        hide($("button.cards-review", box), !cards.some(function (c) { return get(key(c)) === "0"; }));
        if (focus && done) done.focus();
        return;
      }
      $("details", card).open = false;
      $(".flashcard-position", card).textContent = t("card_n", { n: pos + 1, total: order.length });
      sync(card);
      if (focus) $("button.reveal", card).focus();
    }
    function restart(list) { order = list; pos = 0; show(true); }
    function mark(card, value) { put(key(card), value); pos++; show(true); }
    cards.forEach(function (card) {
      var d = $("details", card), where = doc.createElement("p");
      if (!d || !$("button.reveal", card)) return;
      where.className = "flashcard-position";
      card.insertBefore(where, card.firstChild);
      hide($(".flashcard-actions", card), false);
      d.addEventListener("toggle", function () { sync(card); });
      click(card, "button.reveal", function () { d.open = true; sync(card); $("button.knew", card).focus(); });
      click(card, "button.knew", function () { mark(card, "1"); });
      click(card, "button.didnt", function () { mark(card, "0"); });
      click(card, "button.next-card", function () { pos++; show(true); });
    });
    if (!$(".flashcard-position", cards[0])) return; // markup from another theme: leave the list as it is
    box.classList.add("deck");
    hide($(".flashcard-toolbar", box), false);
    hide($(".no-js-note", box), true);
    click(box, "button.cards-again", function () { restart(cards); });
    click(box, "button.cards-review", function () {
      restart(cards.filter(function (c) { return get(key(c)) === "0"; }));
    });
    click(box, ".flashcard-toolbar button.reset", function () {
      cards.forEach(function (c) { drop(key(c)); });
      restart(cards);
      announce(t("reset_done"));
    });
    while (pos < cards.length && get(key(cards[pos])) !== null) pos++; // start at the first unseen card
    show(false);
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

  function init() {
    [initTheme, initCopy, initToc, initFaq, initScrollBoxes, function () { practice($("[data-practice]"), { restore: true }); },
      initHub, initFlashcards, initBank].forEach(function (fn) {
      try { fn(); } catch (e) { if (window.console) console.error(e); }
    });
  }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();
