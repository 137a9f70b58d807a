/* syllabus default theme: the flashcards page. Uses window.syllabus (syllabus.js, loaded
 * first); without scripts the page lists the decks, each guide linking to its questions.
 * The cards are the question bank's (questions.html): a section's deck fetches its page of the
 * bank, whose .bank-guide[data-key] hold the guides (with data-tags) and li[data-h] the
 * questions with their cards' hashes; a card is the link (question, its #id) and .short-answer.
 *
 * Stable selectors (browser tests use them):
 *  [data-flashcards] (shown by this file), .review-due .due-count, button.review-all,
 *  form.deck-chooser #deck-section (options: data-url, the section's page of the question bank,
 *  data-count) #deck-guide #deck-tag (options:
 *  data-parts) button.start-deck, .deck-status, section.deck, .flashcard-position,
 *  button.prev-card, button.next-card, button.shuffle, article.flashcard[data-card-id]
 *  (.flashcard-guide, .flashcard-state, .flashcard-question, .flashcard-answer, button.reveal,
 *  button.knew, button.didnt), .flashcards-done (.flashcards-done-text, button.cards-again,
 *  button.cards-review), button.export-reviews, #review-import, .review-data-status
 *
 * The URL names the deck: ?section=ID (a top-level folder; "/" for guides at the root),
 * ?guide=KEY (sql/joins), ?tag=TAG. Keys: Space flips the card, the arrow keys move.
 * Reviews are stored by syllabus.js (see its header): "Knew it" grades a card good, "Didn't
 * know" again.
 */
(function () {
  "use strict";
  var S = window.syllabus, doc = document, box = doc.querySelector("[data-flashcards]");
  if (!S || !box || !window.fetch) return;
  var $ = S.$, $$ = S.$$, t = S.t, hide = S.hide, click = S.click, R = S.review;
  var form = $("form.deck-chooser", box), sectionSel = $("#deck-section", box);
  var guideSel = $("#deck-guide", box), tagSel = $("#deck-tag", box), status = $(".deck-status", box);
  var deckEl = $("section.deck", box), card = $("article.flashcard", box), done = $(".flashcards-done", box);
  var deck = [], pos = 0, flipped = false, known = 0, missed = [];

  hide(box, false);
  hide($(".no-js-note"), true);
  function say(text) { if (status) status.textContent = text; }
  function today() { return R.dayOf(Date.now()); }

  /* A page of the question bank (a section's part, or the whole bank), parsed: the cards are
     its questions. Fetched once per URL. */
  function fetchBank(url) {
    return S.fetchOnce(url, function (r) {
      return r.text().then(function (html) {
        return { doc: new DOMParser().parseFromString(html, "text/html"), base: new URL(url, location.href) };
      });
    });
  }
  /* `href` of the bank page at `base`, made relative to this page (links keep working from a
     copy of the site under another path). */
  function relative(href, base) {
    var u = new URL(href, base), from = location.pathname.split("/"), to = u.pathname.split("/"), i = 0;
    from.pop();
    while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
    return new Array(from.length - i + 1).join("../") + to.slice(i).join("/") + u.search + u.hash;
  }
  /* The bank's guides (and home and section pages) of the sections in `only` (all without it). */
  function guidesOf(bank, only) {
    return $$(".bank-guide[data-key]", bank.doc.body).filter(function (g) {
      return !only || only[R.sectionOf(g.getAttribute("data-key"))];
    }).map(function (g) {
      var head = $(".bank-guide-header h3 a", g) || $(".group-header a", g.closest(".bank-group") || g);
      return { el: g, key: g.getAttribute("data-key"), title: head ? head.textContent : "" };
    });
  }
  /* The cards of a bank page: each question with its hash, in the sections of `only`. */
  function cardsOf(bank, only) {
    var out = [];
    guidesOf(bank, only).forEach(function (g) {
      var id = g.key.replace(/\//g, "."), tags = (g.el.getAttribute("data-tags") || "").split("|").filter(Boolean);
      $$("li[data-h]", g.el).forEach(function (li) {
        var a = $("a", li), href = a.getAttribute("href"), answer = $(".short-answer", li), url = relative(href, bank.base);
        out.push({
          id: id + "--" + href.slice(href.indexOf("#") + 1), hash: li.getAttribute("data-h"), question: a.innerHTML,
          answer: answer ? answer.innerHTML : "", url: url, guide: g.title, guideUrl: url.split("#")[0], key: g.key, tags: tags,
        });
      });
    });
    return out;
  }
  /* The latest stored state of every card, by id (an edited card may have an older one). */
  function latest() {
    var out = {};
    R.reviews("c").forEach(function (r) { if (!out[r.id] || out[r.id].v.t < r.v.t) out[r.id] = r; });
    return out;
  }
  /* Drops stored states of the loaded sections that match no card any more (edited or gone). */
  function prune(sections, cards) {
    var live = {};
    cards.forEach(function (c) { live[c.id + ":" + c.hash] = 1; });
    R.reviews("c").forEach(function (r) {
      if (sections[R.sectionOf(r.v.k)] && !live[r.id + ":" + r.hash]) R.remove("c", r.id, r.hash);
    });
  }
  function dueCount() {
    var states = latest(), day = today(), n = 0;
    Object.keys(states).forEach(function (id) { if (R.isDue(states[id].v, day)) n++; });
    var line = $(".due-count", box);
    if (line) line.textContent = n ? (n === 1 ? t("cards_due_one") : t("cards_due", { n: n })) : t("cards_due_none");
    hide($("button.review-all", box), !n);
    return states;
  }

  /* Loads a deck: the chosen section, guide and tag, or (dueOnly) every card due today. */
  function load(dueOnly) {
    var guide = guideSel.value, tag = tagSel.value, states = latest(), day = today(), wanted = null;
    if (dueOnly) {
      wanted = {};
      Object.keys(states).forEach(function (id) { if (R.isDue(states[id].v, day)) wanted[R.sectionOf(states[id].v.k)] = 1; });
    }
    var parts = S.pickParts(sectionSel, dueOnly ? null : tagSel, wanted), loaded = {};
    parts.options.forEach(function (o) { loaded[o.value] = 1; });
    say(t("deck_loading"));
    return Promise.all(parts.options.map(function (o) { return fetchBank(o.getAttribute("data-url")); }))
      .then(function (banks) {
        /* Parts may share a page (a bank not split by section): each page once. */
        var cards = [].concat.apply([], banks.filter(function (b, i) { return banks.indexOf(b) === i; })
          .map(function (b) { return cardsOf(b, loaded); }));
        prune(loaded, cards);
        var due = [], fresh = [], later = [];
        cards.forEach(function (c) {
          if (!dueOnly && ((guide && c.key !== guide) || (tag && c.tags.indexOf(tag) < 0))) return;
          c.state = R.read("c", c.id, c.hash);
          if (!c.state) { if (!dueOnly) fresh.push(c); } else if (R.isDue(c.state, day)) due.push(c);
          else if (!dueOnly) later.push(c);
        });
        var byDue = function (a, b) { return a.state.due - b.state.due; };
        start(due.sort(byDue).concat(fresh, later.sort(byDue)));
        dueCount();
        var text = deck.length ? t("deck_ready", { n: deck.length, due: due.length, "new": fresh.length }) : t("deck_empty");
        if (parts.total > parts.options.length) text += " " + t("deck_sample", { shown: parts.options.length, total: parts.total });
        say(text);
      })
      .catch(function () { say(t("deck_error")); });
  }
  /* Fills the guide choice with the chosen section's guides (its bank page, fetched). */
  function loadGuides(then) {
    var o = sectionSel.options[sectionSel.selectedIndex], url = o && o.getAttribute("data-url"), only = {};
    guideSel.length = 1;
    guideSel.disabled = !url;
    if (!url) return Promise.resolve(then && then());
    only[o.value] = 1;
    return fetchBank(url).then(function (bank) {
      guidesOf(bank, only).forEach(function (g) { guideSel.add(new Option(g.title, g.key)); });
      if (then) then();
    }).catch(function () { say(t("deck_error")); });
  }

  function start(cards) {
    deck = cards;
    pos = 0;
    known = 0;
    missed = [];
    hide(deckEl, !deck.length);
    if (deck.length) show(false);
  }
  function stateText(c) {
    if (!c.state) return t("card_new");
    var days = c.state.due - today();
    return days <= 0 ? t("card_due") : days === 1 ? t("card_later_one") : t("card_later", { n: days });
  }
  function show(focus) {
    var c = deck[pos];
    hide(card, !c);
    hide(done, !!c);
    S.bar($(".score-fill", deckEl), pos, deck.length);
    $("button.prev-card", deckEl).disabled = pos === 0;
    $("button.next-card", deckEl).disabled = !c;
    if (!c) {
      $(".flashcard-position", deckEl).textContent = "";
      $(".flashcards-done-text", done).textContent = t("cards_result", { known: known, missed: missed.length });
      hide($("button.cards-review", done), !missed.length);
      if (focus) done.focus();
      return;
    }
    $(".flashcard-position", deckEl).textContent = t("card_n", { n: pos + 1, total: deck.length });
    card.setAttribute("data-card-id", c.id);
    var link = $(".flashcard-guide", card);
    link.textContent = c.guide;
    link.setAttribute("href", c.guideUrl);
    $(".flashcard-state", card).textContent = stateText(c);
    $(".flashcard-question", card).innerHTML = c.question;
    $(".flashcard-answer-text", card).innerHTML = c.answer;
    $(".flashcard-more a", card).setAttribute("href", c.url);
    flip(false);
    if (focus) card.focus();
  }
  function flip(open) {
    flipped = open == null ? !flipped : open;
    hide($(".flashcard-answer", card), !flipped);
    hide($("button.reveal", card), flipped);
    hide($("button.knew", card), !flipped);
    hide($("button.didnt", card), !flipped);
    card.classList.toggle("flipped", flipped);
  }
  function move(step) {
    var next = pos + step;
    if (next < 0 || next > deck.length || !deck.length) return;
    pos = next;
    show(true);
  }
  function grade(ok) {
    var c = deck[pos];
    if (!c) return;
    c.state = R.grade("c", c.id, c.hash, ok, c.key);
    if (ok) known++; else missed.push(c);
    var days = c.state.due - today();
    S.announce(days === 1 ? t("next_review_one") : t("next_review", { n: days }));
    pos++;
    show(true);
    dueCount();
  }

  click(card, "button.reveal", function () { flip(true); card.focus(); });
  click(card, "button.knew", function () { grade(true); });
  click(card, "button.didnt", function () { grade(false); });
  click(deckEl, "button.prev-card", function () { move(-1); });
  click(deckEl, "button.next-card", function () { move(1); });
  click(deckEl, "button.shuffle", function () { start(S.shuffle(deck.slice())); card.focus(); S.announce(t("shuffled")); });
  click(done, "button.cards-again", function () { start(deck); card.focus(); });
  click(done, "button.cards-review", function () { start(missed); card.focus(); });
  click(box, "button.review-all", function () { load(true).then(function () { if (deck.length) card.focus(); }); });
  doc.addEventListener("keydown", function (e) {
    var el = e.target, tag = el && el.tagName;
    if (deckEl.hidden || e.altKey || e.ctrlKey || e.metaKey || /^(INPUT|SELECT|TEXTAREA)$/.test(tag)) return;
    if (el && el !== doc.body && !deckEl.contains(el)) return; // keys elsewhere keep their meaning
    if (e.key === " " || e.key === "Spacebar") {
      if (!deck[pos]) return;
      e.preventDefault();
      flip();
      card.focus();
    } else if (e.key === "ArrowRight") { e.preventDefault(); move(1); }
    else if (e.key === "ArrowLeft") { e.preventDefault(); move(-1); }
  });
  sectionSel.addEventListener("change", function () { loadGuides(); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = [];
    [["section", sectionSel], ["guide", guideSel], ["tag", tagSel]].forEach(function (p) {
      if (p[1].value) q.push(p[0] + "=" + encodeURIComponent(p[1].value).replace(/%2F/g, "/"));
    });
    if (window.history && history.replaceState) history.replaceState(null, "", location.pathname + (q.length ? "?" + q.join("&") : ""));
    load(false).then(function () { if (deck.length) card.focus(); });
  });

  /* Review data: export to a file, import from one. */
  var data = $(".review-data", box), note = data && $(".review-data-status", data);
  click(data, "button.export-reviews", function () {
    var json = R.exportReviews(), a = doc.createElement("a");
    var url = URL.createObjectURL(new Blob([JSON.stringify(json, null, 1)], { type: "application/json" }));
    a.href = url;
    a.download = "syllabus-reviews-" + new Date().toISOString().slice(0, 10) + ".json";
    doc.body.appendChild(a);
    a.click();
    doc.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    note.textContent = t("exported", { n: Object.keys(json.items).length });
  });
  var input = data && $("#review-import", data);
  if (input) {
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        var r = R.importReviews(String(reader.result));
        note.textContent = r ? t("imported", { n: r.added, skipped: r.skipped }) : t("import_error");
        input.value = "";
        dueCount();
      };
      reader.onerror = function () { note.textContent = t("import_error"); };
      reader.readAsText(file);
    });
  }

  /* The deck in the URL, if any. */
  var query = {};
  location.search.slice(1).split("&").forEach(function (pair) {
    var kv = pair.split("=");
    try { query[kv[0]] = decodeURIComponent((kv[1] || "").replace(/\+/g, " ")); } catch (e) { /* ignore */ }
  });
  function select(sel, value) {
    if (value && $$("option", sel).some(function (o) { return o.value === value; })) { sel.value = value; return true; }
    return false;
  }
  dueCount();
  if (query.guide) select(sectionSel, R.sectionOf(query.guide));
  else select(sectionSel, query.section);
  select(tagSel, query.tag);
  loadGuides(function () {
    select(guideSel, query.guide);
    if (sectionSel.value || tagSel.value || guideSel.value) load(false);
  });
})();
