/* syllabus default theme: progressive enhancements. Pages work without this file.
 *
 * Selectors for browser tests (stable; changing them is a breaking change):
 *   everywhere   #syl-ui (JSON of ui.toml; data-storage-prefix), .theme-toggle,
 *                .copy-code, #syl-live (the shared aria-live region)
 *   practice     [data-practice] (engine container; the hub quiz is #quiz),
 *                .practice-question[data-question-id][data-hash][data-correct="0,2"][data-multiple],
 *                  .option[data-index] > label > input (radio or checkbox),
 *                  button.check, button.try-again, .feedback (.verdict, .option-feedback,
 *                  .correct-answer, .explanation), details.answer-reveal (no-JS answer; hidden by JS);
 *                  states: .practice-question.answered.is-correct / .is-incorrect,
 *                  .option.picked / .correct / .incorrect
 *                .practice-toolbar .score ("Score: 1 of 5"), .score-fill,
 *                button.retry-wrong, button.reset, button.print-sheet, section.answer-key
 *   flashcards   [data-flashcards], .flashcard[data-card-id] (.current = shown card),
 *                details.flashcard-details, button.reveal, button.knew, button.didnt,
 *                button.next-card, .flashcard-count, button.reset, .flashcards-done,
 *                button.cards-again, button.cards-review
 *   bank         form.bank-filters, #bank-tag, #bank-difficulty, .bank-group, .bank-guide,
 *                .bank-question, .bank-status, .bank-empty
 *   hub          .hub-item[data-ids], .hub-progress, .progress-text, .progress-fill,
 *                form.quiz-setup, #quiz-tag, #quiz-section, #quiz-count, button.start-quiz,
 *                .quiz-status, #quiz (a [data-practice]-style container filled with questions)
 *   faq          details.faq-entry (the one named by the URL's #id opens)
 *
 * localStorage keys (PREFIX is data-storage-prefix, unique per site):
 *   PREFIX + id + ":" + hash   a practice answer, {"a":[picked indexes],"c":1|0}; an edited
 *                              question has a new hash, so stale answers are ignored
 *   PREFIX + "done:" + id      "1" answered correctly, "0" answered wrongly; the practice hub
 *                              only knows ids (not hashes), so it reads these for progress.
 *                              The practice page removes it when the question's answer is gone.
 *   PREFIX + "card:" + id      a flashcard: "1" knew it, "0" did not
 *   "syllabus-theme"           "light" or "dark"
 */
(function () {
  "use strict";
  var doc = document, root = doc.documentElement, KEY = "syllabus-theme";
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  function $(sel, el) { return (el || doc).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); }
  function get(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function put(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function drop(key) { try { localStorage.removeItem(key); } catch (e) { /* private mode */ } }
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  /* Interface strings (ui.toml) and the storage prefix */
  var UI = {}, PREFIX = "syllabus:";
  (function () {
    var el = doc.getElementById("syl-ui");
    if (!el) return;
    try { UI = JSON.parse(el.textContent) || {}; } catch (e) { UI = {}; }
    PREFIX = el.getAttribute("data-storage-prefix") || PREFIX;
  })();
  function t(key, vars) {
    var s = UI[key] != null ? String(UI[key]) : key;
    if (vars) s = s.replace(/\{(\w+)\}/g, function (m, k) { return vars[k] != null ? vars[k] : m; });
    return s;
  }

  var live;
  function announce(text) {
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
      var id = location.hash.slice(1), el;
      try { el = id && doc.getElementById(decodeURIComponent(id)); } catch (e) { el = null; }
      if (el && el.tagName === "DETAILS") el.open = true;
    }
    window.addEventListener("hashchange", open);
    open();
  }

  /* (5) Practice engine: any container holding .practice-question forms.
     opts.restore: show answers saved earlier (the practice page; not the mixed quiz). */
  function practice(box, opts) {
    if (!box) return;
    opts = opts || {};
    var questions = function () { return $$(".practice-question", box); };
    function scoreUpdate() {
      var all = questions(), right = 0, wrong = 0;
      all.forEach(function (q) {
        if (q.classList.contains("is-correct")) right++;
        else if (q.classList.contains("is-incorrect")) wrong++;
      });
      var scoreEl = $(".score", box), fill = $(".score-fill", box), retry = $("button.retry-wrong", box);
      if (scoreEl) {
        scoreEl.textContent = right && right === all.length ? t("all_correct", { total: all.length }) :
          t("score", { score: right, total: all.length });
      }
      if (fill) fill.style.width = (all.length ? Math.round(100 * right / all.length) : 0) + "%";
      if (retry) retry.disabled = !wrong;
      return t("score", { score: right, total: all.length });
    }
    function state(q) {
      return {
        id: q.getAttribute("data-question-id"),
        key: PREFIX + q.getAttribute("data-question-id") + ":" + q.getAttribute("data-hash"),
        done: PREFIX + "done:" + q.getAttribute("data-question-id"),
        correct: (q.getAttribute("data-correct") || "").split(",").filter(Boolean).map(Number)
      };
    }
    function show(q, picked, user) {
      var s = state(q), ok = picked.length === s.correct.length &&
        picked.every(function (i) { return s.correct.indexOf(i) >= 0; });
      q.classList.add("answered");
      q.classList.toggle("is-correct", ok);
      q.classList.toggle("is-incorrect", !ok);
      $$(".option", q).forEach(function (li) {
        var i = Number(li.getAttribute("data-index")), input = $("input", li);
        var isPicked = picked.indexOf(i) >= 0, isRight = s.correct.indexOf(i) >= 0;
        if (input) { input.checked = isPicked; input.disabled = true; }
        li.classList.toggle("picked", isPicked);
        li.classList.toggle("correct", isRight);
        li.classList.toggle("incorrect", isPicked && !isRight);
        var note = [isRight ? t("correct_option") : "", isPicked ? t("your_answer") : ""].filter(Boolean).join(", ");
        var span = $(".option-state", li);
        if (!span && note) {
          span = doc.createElement("span");
          span.className = "option-state sr-only";
          ($("label", li) || li).appendChild(span);
        }
        if (span) span.textContent = note ? " (" + note + ")" : "";
      });
      var fb = $(".feedback", q), reveal = $(".answer-reveal", q), said = [];
      if (fb) {
        fb.innerHTML = "";
        var verdict = doc.createElement("p");
        verdict.className = "verdict";
        verdict.textContent = ok ? t("correct") : t("incorrect");
        fb.appendChild(verdict);
        said.push(verdict.textContent);
        var add = function (el) { if (el) { fb.appendChild(el.cloneNode(true)); said.push(el.textContent); } };
        picked.forEach(function (i) { add(reveal && $('.option-feedback[data-index="' + i + '"]', reveal)); });
        if (!ok) add(reveal && $(".correct-answer", reveal));
        add(reveal && $(".explanation", reveal));
        fb.hidden = false;
      }
      var check = $("button.check", q), again = $("button.try-again", q);
      if (check) check.hidden = true;
      if (again) again.hidden = ok;
      var score = scoreUpdate();
      if (user) {
        put(s.key, JSON.stringify({ a: picked, c: ok ? 1 : 0 }));
        put(s.done, ok ? "1" : "0");
        announce(said.join(" ") + " " + score);
        if (fb) fb.focus();
        try { doc.dispatchEvent(new CustomEvent("syl:progress")); } catch (e) { /* old browser */ }
      }
    }
    function clear(q, forget) {
      var s = state(q);
      q.classList.remove("answered", "is-correct", "is-incorrect");
      $$(".option", q).forEach(function (li) {
        li.classList.remove("picked", "correct", "incorrect");
        var input = $("input", li), span = $(".option-state", li);
        if (input) { input.checked = false; input.disabled = false; }
        if (span) span.parentNode.removeChild(span);
      });
      var fb = $(".feedback", q);
      if (fb) { fb.innerHTML = ""; fb.hidden = true; }
      var check = $("button.check", q), again = $("button.try-again", q);
      if (check) check.hidden = false;
      if (again) again.hidden = true;
      drop(s.key);
      if (forget) drop(s.done); else put(s.done, "0");
    }
    function first(q) { var input = q && $("input", q); if (input) input.focus(); }
    function setup(q) {
      if (q.getAttribute("data-ready")) return;
      q.setAttribute("data-ready", "1");
      var form = $(".question-form", q) || q, actions = $(".question-actions", q), reveal = $(".answer-reveal", q);
      if (actions) actions.hidden = false;
      if (reveal) reveal.hidden = true;
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        if (q.classList.contains("answered")) return;
        var picked = $$("input:checked", q).map(function (i) { return Number(i.value); });
        if (!picked.length) {
          var fb = $(".feedback", q);
          if (fb) { fb.innerHTML = '<p class="verdict">' + esc(t("pick_first")) + "</p>"; fb.hidden = false; }
          announce(t("pick_first"));
          return;
        }
        show(q, picked, true);
      });
      var again = $("button.try-again", q);
      if (again) again.addEventListener("click", function () { clear(q); scoreUpdate(); first(q); });
      var s = state(q), saved = null;
      if (!opts.restore) return;
      try { saved = JSON.parse(get(s.key)); } catch (e) { saved = null; }
      if (saved && saved.a && saved.a.length) show(q, saved.a.map(Number), false);
      else drop(s.done); // the question changed or was never answered: the hub must not count it
    }
    if (!box.getAttribute("data-ready")) {
      box.setAttribute("data-ready", "1");
      var toolbar = $(".practice-toolbar", box), note = $(".no-js-note", box);
      if (toolbar) toolbar.hidden = false;
      if (note) note.hidden = true;
      var on = function (sel, fn) { var b = $(sel, box); if (b) b.addEventListener("click", fn); };
      on("button.retry-wrong", function () {
        var wrong = questions().filter(function (q) { return q.classList.contains("is-incorrect"); });
        wrong.forEach(function (q) { clear(q); });
        scoreUpdate();
        announce(t("retry_done"));
        first(wrong[0]);
      });
      on("button.reset", function () {
        questions().forEach(function (q) { clear(q, true); });
        scoreUpdate();
        announce(t("reset_done"));
        first(questions()[0]);
        try { doc.dispatchEvent(new CustomEvent("syl:progress")); } catch (e) { /* old browser */ }
      });
      on("button.print-sheet", function () { window.print(); });
    }
    questions().forEach(setup);
    scoreUpdate();
  }

  /* A practice question from practice.json, in the same markup as partials/practice_question.html */
  function questionHtml(q, n, siteRoot) {
    var id = "quiz-" + q.id, correct = [], type = q.multiple ? "checkbox" : "radio";
    var options = (q.options || []).map(function (o, i) {
      if (o.correct) correct.push(i);
      return '<li class="option" data-index="' + i + '"><label class="option-label"><input type="' + type +
        '" name="' + esc(id) + '" value="' + i + '"><span class="option-letter">' + LETTERS[i] +
        '</span><span class="option-text">' + o.html + "</span></label></li>";
    }).join("");
    var notes = (q.options || []).map(function (o, i) {
      return o.feedback ? '<div class="option-feedback" data-index="' + i + '"><p class="option-feedback-title">' +
        esc(t("option_feedback", { letter: LETTERS[i] })) + "</p>" + o.feedback + "</div>" : "";
    }).join("");
    return '<li class="practice-question" id="' + esc(id) + '" data-question-id="' + esc(q.id) + '" data-hash="' +
      esc(q.hash) + '" data-correct="' + correct.join(",") + '"' + (q.multiple ? " data-multiple" : "") + ">" +
      '<form class="question-form"><fieldset aria-labelledby="' + esc(id) + "-legend " + esc(id) + '-stem">' +
      '<legend id="' + esc(id) + '-legend"><span class="question-number">' + esc(t("question_n", { n: n })) +
      '</span> <span class="question-kind">' + esc(t(q.multiple ? "choose_all" : "choose_one")) + "</span></legend>" +
      (q.guide ? '<p class="question-source"><a href="' + esc(siteRoot + (q.guide_url || "")) + '">' +
        esc(t("from_guide", { title: q.guide })) + "</a></p>" : "") +
      '<div class="question-stem" id="' + esc(id) + '-stem">' + q.stem + '</div><ul class="options" role="list">' +
      options + "</ul></fieldset>" +
      '<div class="question-actions" hidden><button type="submit" class="check">' + esc(t("check")) +
      '</button> <button type="button" class="try-again" hidden>' + esc(t("try_again")) + "</button></div>" +
      '<div class="feedback" tabindex="-1" hidden></div><details class="answer-reveal"><summary>' +
      esc(t("show_answer")) + '</summary><div class="answer-body"><p class="correct-answer"><strong>' +
      esc(t(q.multiple ? "correct_answers" : "correct_answer")) + ":</strong> " +
      correct.map(function (i) { return LETTERS[i]; }).join(", ") + "</p>" + notes +
      (q.explanation ? '<div class="explanation"><p class="explanation-title">' + esc(t("explanation")) + "</p>" +
        q.explanation + "</div>" : "") + "</div></details></form></li>";
  }

  /* (6) Practice hub: progress per guide, and the mixed quiz */
  function initHub() {
    var items = $$(".hub-item[data-ids]");
    function progress() {
      items.forEach(function (item) {
        var ids = item.getAttribute("data-ids").split(/\s+/).filter(Boolean), right = 0, seen = 0;
        ids.forEach(function (id) {
          var v = get(PREFIX + "done:" + id);
          if (v !== null) seen++;
          if (v === "1") right++;
        });
        var box = $(".hub-progress", item), fill = $(".progress-fill", item), text = $(".progress-text", item);
        if (box) box.hidden = false;
        if (fill) fill.style.width = (ids.length ? Math.round(100 * right / ids.length) : 0) + "%";
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
    if (!form || !list) return;
    var status = $(".quiz-status", section), note = $(".no-js-note", section), data = null;
    form.hidden = false;
    if (note) note.hidden = true;
    function say(text) { if (status) status.textContent = text; }
    function load() {
      if (!data) {
        if (!window.fetch) return Promise.reject(new Error("no fetch"));
        data = fetch(section.getAttribute("data-url")).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        });
        data.catch(function () { data = null; });
      }
      return data;
    }
    function matches(value, label, field) {
      if (!value) return true;
      var wanted = [value.toLowerCase(), (label || "").toLowerCase()];
      return [].concat(field == null ? [] : field).some(function (f) {
        var v = typeof f === "object" && f ? [f.id, f.title] : [f];
        return v.some(function (x) { return x != null && wanted.indexOf(String(x).toLowerCase()) >= 0; });
      });
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var tag = $("#quiz-tag", form), sec = $("#quiz-section", form), count = $("#quiz-count", form);
      var opt = function (sel) { return sel && sel.selectedIndex >= 0 ? sel.options[sel.selectedIndex].text : ""; };
      var n = Math.max(1, Math.min(50, parseInt(count && count.value, 10) || 10));
      say(t("quiz_loading"));
      load().then(function (json) {
        var pool = (json && json.questions || []).filter(function (q) {
          return matches(tag && tag.value, opt(tag), q.tags) && matches(sec && sec.value, opt(sec), q.section);
        });
        for (var i = pool.length - 1; i > 0; i--) {
          var j = Math.floor(Math.random() * (i + 1)), x = pool[i];
          pool[i] = pool[j];
          pool[j] = x;
        }
        pool = pool.slice(0, n);
        if (!pool.length) { quiz.hidden = true; say(t("quiz_empty")); return; }
        var siteRoot = section.getAttribute("data-root") || "";
        list.innerHTML = pool.map(function (q, k) { return questionHtml(q, k + 1, siteRoot); }).join("");
        quiz.hidden = false;
        practice(quiz, { restore: false });
        initCopy(quiz);
        say(t("quiz_ready", { n: pool.length }));
        quiz.setAttribute("tabindex", "-1");
        quiz.focus();
      }).catch(function () { say(t("quiz_error")); });
    });
  }

  /* (7) Flashcards: one card at a time; knew it / didn't, remembered per card */
  function initFlashcards() {
    var box = $("[data-flashcards]");
    var cards = box ? $$(".flashcard[data-card-id]", box) : [];
    if (!cards.length) return;
    var key = function (card) { return PREFIX + "card:" + card.getAttribute("data-card-id"); };
    var order = cards, pos = 0, done = $(".flashcards-done", box);
    var toolbar = $(".flashcard-toolbar", box), note = $(".no-js-note", box);
    if (toolbar) toolbar.hidden = false;
    if (note) note.hidden = true;
    box.classList.add("deck");
    function count() {
      var known = 0, seen = 0;
      cards.forEach(function (c) { var v = get(key(c)); if (v !== null) seen++; if (v === "1") known++; });
      var el = $(".flashcard-count", box), fill = $(".score-fill", box);
      if (el) el.textContent = t("flashcard_count", { known: known, seen: seen, total: cards.length });
      if (fill) fill.style.width = Math.round(100 * seen / cards.length) + "%";
    }
    function sync(card) {
      var d = $("details", card), open = d && d.open;
      var b = function (sel, hide) { var el = $(sel, card); if (el) el.hidden = hide; };
      b("button.reveal", open);
      b("button.knew", !open);
      b("button.didnt", !open);
    }
    function show(focus) {
      var card = order[pos];
      cards.forEach(function (c) { c.classList.toggle("current", c === card); });
      if (done) done.hidden = !!card;
      if (!card) {
        var review = $("button.cards-review", box);
        if (review) review.hidden = !cards.some(function (c) { return get(key(c)) === "0"; });
        if (focus && done) done.focus();
        count();
        return;
      }
      var d = $("details", card);
      if (d) d.open = false;
      var where = $(".flashcard-position", card);
      if (where) where.textContent = t("card_n", { n: pos + 1, total: order.length });
      sync(card);
      count();
      if (focus) { var r = $("button.reveal", card); if (r) r.focus(); }
    }
    function next(focus) { pos++; show(focus); }
    cards.forEach(function (card) {
      var actions = $(".flashcard-actions", card), d = $("details", card);
      if (actions) actions.hidden = false;
      var where = doc.createElement("p");
      where.className = "flashcard-position";
      card.insertBefore(where, card.firstChild);
      if (d) d.addEventListener("toggle", function () { sync(card); });
      var on = function (sel, fn) { var b = $(sel, card); if (b) b.addEventListener("click", fn); };
      on("button.reveal", function () {
        if (d) d.open = true;
        sync(card);
        var k = $("button.knew", card);
        if (k) k.focus();
      });
      on("button.knew", function () { put(key(card), "1"); next(true); });
      on("button.didnt", function () { put(key(card), "0"); next(true); });
      on("button.next-card", function () { next(true); });
    });
    var on = function (sel, fn) { var b = $(sel, box); if (b) b.addEventListener("click", fn); };
    on("button.cards-again", function () { order = cards; pos = 0; show(true); });
    on("button.cards-review", function () {
      order = cards.filter(function (c) { return get(key(c)) === "0"; });
      pos = 0;
      show(true);
    });
    on(".flashcard-toolbar button.reset", function () {
      cards.forEach(function (c) { drop(key(c)); });
      order = cards;
      pos = 0;
      show(true);
      announce(t("reset_done"));
    });
    // Start at the first card not seen yet (all seen: the summary).
    pos = 0;
    while (pos < cards.length && get(key(cards[pos])) !== null) pos++;
    show(false);
  }

  /* (8) Question bank: filter by tag and difficulty, kept in the URL (?tag=&difficulty=) */
  function initBank() {
    var form = $("form.bank-filters");
    if (!form) return;
    var tag = $("#bank-tag", form), level = $("#bank-difficulty", form), status = $(".bank-status", form);
    var guides = $$(".bank-guide"), groups = $$(".bank-group"), empty = $(".bank-empty");
    var total = $$(".bank-question").length;
    form.hidden = false;
    var params = {};
    location.search.replace(/[?&]([^=&]+)=([^&]*)/g, function (m, k, v) {
      try { params[decodeURIComponent(k)] = decodeURIComponent(v.replace(/\+/g, " ")); } catch (e) { /* bad escape */ }
    });
    var pick = function (sel, v) {
      if (sel && v && $$("option", sel).some(function (o) { return o.value === v; })) sel.value = v;
    };
    pick(tag, params.tag);
    pick(level, params.difficulty);
    function apply(user) {
      var tv = tag ? tag.value : "", lv = level ? level.value : "", shown = 0;
      guides.forEach(function (g) {
        var tags = (g.getAttribute("data-tags") || "").split("|");
        var ok = (!tv || tags.indexOf(tv) >= 0) && (!lv || g.getAttribute("data-difficulty") === lv);
        g.hidden = !ok;
        if (ok) shown += $$(".bank-question", g).length;
      });
      groups.forEach(function (s) { s.hidden = !$$(".bank-guide", s).some(function (g) { return !g.hidden; }); });
      if (empty) empty.hidden = shown > 0;
      if (status) status.textContent = t("showing", { shown: shown, total: total });
      if (user && window.history && history.replaceState) {
        var q = [];
        if (tv) q.push("tag=" + encodeURIComponent(tv));
        if (lv) q.push("difficulty=" + encodeURIComponent(lv));
        history.replaceState(null, "", location.pathname + (q.length ? "?" + q.join("&") : "") + location.hash);
      }
    }
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    apply(false);
  }

  function init() {
    [initTheme, initCopy, initToc, initFaq, function () { practice($("[data-practice]"), { restore: true }); },
      initHub, initFlashcards, initBank].forEach(function (fn) {
      try { fn(); } catch (e) { if (window.console) console.error(e); }
    });
  }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();
