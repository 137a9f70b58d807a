// The flashcards page: the deck chooser (sections, guides, tags, deep links) fetching only the
// decks it needs, Space and the arrow keys, spaced review with FSRS-5 across reloads and days
// (due counts), export and import of the review state, and the page without JavaScript.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, storagePrefix, storage, waitForText, text, tempDir } from './lib/harness.mjs';

const { browserTest } = suite();

// Every Q: of the fixture: 2 in Marsupials (animals), 2 in Rust basics and 2 in Python basics (lang).
// Tags: trivia on Marsupials and Python basics; rust on Rust basics only.
const DAY = 864e5;
const START = new Date('2026-03-02T10:00:00').getTime();

const position = (page) => text(page.locator('.deck .flashcard-position'));
const question = (page) => text(page.locator('article.flashcard .flashcard-question'));
// The cards are read from the question bank's pages (here one page: the bank is not split).
const cardsRequested = (session) => session.requested('/questions/').map((u) => new URL(u).pathname);

async function open(page, site, query = '') {
  await page.goto(site.url(`flashcards/${query}`));
  await page.locator('[data-flashcards] .due-count').filter({ hasText: /due/ }).waitFor();
}

async function studyReady(page, re) {
  await waitForText(page, '.deck-status', re);
  return text(page.locator('.deck-status'));
}

browserTest('flashcards: the deck chooser fetches only the chosen section, and deep links name a deck', async ({ page, site, session }) => {
  await open(page, site);
  assert.ok(await page.locator('[data-flashcards]').isVisible(), 'the deck page appears with JS');
  assert.ok(await page.locator('.page-header .no-js-note').isHidden());
  assert.equal(await text(page.locator('.due-count')), 'No cards due today.');
  assert.ok(await page.locator('button.review-all').isHidden());
  assert.ok(await page.locator('section.deck').isHidden());
  assert.deepEqual(cardsRequested(session), [], 'no cards are fetched before a deck is chosen');
  assert.ok(await page.locator('#deck-guide').isDisabled(), 'a guide is chosen within a section');

  // A section: its guides become choices, and only its file is fetched.
  await page.selectOption('#deck-section', 'lang');
  await page.locator('#deck-guide option').nth(2).waitFor({ state: 'attached' });
  assert.deepEqual(await page.locator('#deck-guide option').allInnerTexts(), ['All', 'Rust basics', 'Python basics']);
  await page.locator('button.start-deck').click();
  assert.equal(await studyReady(page, /cards:/), '4 cards: 0 due, 4 new.');
  assert.match(page.url(), /\/flashcards\/\?section=lang$/, 'the deck is in the URL');
  assert.equal(await position(page), 'Card 1 of 4');
  assert.equal(await text(page.locator('.flashcard-state')), 'New');
  assert.deepEqual(cardsRequested(session), ['/docs/questions/'], 'the bank page, once for guides and deck');
  assert.equal(await page.locator('.flashcard-answer-text').innerHTML() !== '', true, 'the card has its short answer');

  // A tag across sections fetches the sections holding it, and keeps to its guides.
  await page.selectOption('#deck-section', '');
  await page.selectOption('#deck-tag', 'trivia');
  await page.locator('button.start-deck').click();
  assert.equal(await studyReady(page, /cards:/), '4 cards: 0 due, 4 new.');
  const guides = new Set();
  for (let i = 0; i < 4; i++) {
    guides.add(await text(page.locator('.flashcard-guide')));
    await page.locator('button.next-card').click();
  }
  assert.deepEqual([...guides].sort(), ['Marsupials', 'Python basics']);
  assert.ok(await page.locator('.flashcards-done').isVisible(), 'Next after the last card ends the deck');

  // A guide's deck, as its "Flashcards" link opens it.
  await page.goto(site.url('lang/rust/'));
  const link = page.locator('a.link-flashcards');
  assert.equal(await link.getAttribute('href'), '../../flashcards/?guide=lang/rust');
  await link.click();
  assert.equal(await studyReady(page, /cards:/), '2 cards: 0 due, 2 new.');
  assert.equal(await page.inputValue('#deck-section'), 'lang');
  assert.equal(await page.inputValue('#deck-guide'), 'lang/rust');
  assert.equal(await text(page.locator('.flashcard-guide')), 'Rust basics');
  assert.equal(await position(page), 'Card 1 of 2');
});

browserTest('flashcards: Space flips the card, the arrow keys move, Shuffle keeps the deck', async ({ page, site }) => {
  await open(page, site, '?guide=lang/python');
  await studyReady(page, /cards:/);
  const card = page.locator('article.flashcard');
  const first = await question(page);
  assert.ok(await card.locator('.flashcard-answer').isHidden());
  await page.keyboard.press('Space');
  assert.ok(await card.locator('.flashcard-answer').isVisible(), 'Space shows the answer');
  assert.ok(await card.locator('button.knew').isVisible());
  assert.ok(await card.locator('button.reveal').isHidden());
  assert.ok((await card.locator('.flashcard-more a').getAttribute('href')).startsWith('../lang/python/#q-'));
  await page.keyboard.press('Space');
  assert.ok(await card.locator('.flashcard-answer').isHidden(), 'Space again shows the question');
  await page.keyboard.press('ArrowRight');
  assert.equal(await position(page), 'Card 2 of 2');
  assert.notEqual(await question(page), first);
  assert.ok(await card.locator('.flashcard-answer').isHidden(), 'a new card starts on its question');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await position(page), 'Card 1 of 2');
  assert.equal(await question(page), first);
  // Space on a focused button of the card flips too, rather than pressing it.
  await page.keyboard.press('Space');
  await card.locator('button.knew').focus();
  await page.keyboard.press('Space');
  assert.ok(await card.locator('.flashcard-answer').isHidden());
  assert.equal(await position(page), 'Card 1 of 2', 'nothing was graded');

  const seen = new Set();
  await page.locator('button.shuffle').click();
  assert.equal(await position(page), 'Card 1 of 2');
  seen.add(await question(page));
  await page.keyboard.press('ArrowRight');
  seen.add(await question(page));
  assert.equal(seen.size, 2, 'a shuffled deck still holds every card once');
});

browserTest('flashcards: "Knew it" and "Didn\'t know" schedule cards with FSRS, due counts follow the days', async ({ page, site }) => {
  await page.clock.setFixedTime(START);
  await open(page, site, '?guide=lang/rust');
  await studyReady(page, /cards:/);
  const card = page.locator('article.flashcard');
  const firstId = await card.getAttribute('data-card-id');
  await card.locator('button.reveal').click();
  await card.locator('button.knew').click();
  await waitForText(page, '#syl-live', /Next review in 3 days\./);
  const secondId = await card.getAttribute('data-card-id');
  assert.notEqual(secondId, firstId);
  await card.locator('button.reveal').click();
  await card.locator('button.didnt').click();
  await waitForText(page, '#syl-live', /Next review tomorrow\./);
  assert.ok(await page.locator('.flashcards-done').isVisible());
  assert.equal(await text(page.locator('.flashcards-done-text')), 'Knew 1 · didn’t know 1');

  // The stored states: FSRS-5's first good (S = w2 = 3.173, due in 3 days) and first again
  // (S = w0 = 0.40255, due tomorrow), under each card's hash, with the guide.
  const P = await storagePrefix(page);
  const saved = await storage(page, `${P}srs:`);
  const day = await page.evaluate((t) => window.syllabus.review.dayOf(t), START);
  const state = (id) => {
    const key = Object.keys(saved).find((k) => k.startsWith(`${P}srs:c:${id}:`));
    assert.ok(key, `a state for ${id}: ${Object.keys(saved)}`);
    assert.match(key, /:[0-9a-f]{8}$/);
    return JSON.parse(saved[key]);
  };
  assert.deepEqual(state(firstId), { s: 3.173, d: 5.2824, t: START, due: day + 3, n: 1, l: 0, k: 'lang/rust', ok: 1 });
  assert.deepEqual(state(secondId), { s: 0.4026, d: 7.1949, t: START, due: day + 1, n: 1, l: 0, k: 'lang/rust', ok: 0 });

  await page.reload();
  await studyReady(page, /cards:/);
  assert.equal(await text(page.locator('.due-count')), 'No cards due today.', 'nothing is due on the day it was reviewed');
  assert.equal(await text(page.locator('.deck-status')), '2 cards: 0 due, 0 new.');
  assert.equal(await text(page.locator('.flashcard-state')), 'Due tomorrow', 'the card not known comes first');

  await page.clock.setFixedTime(START + DAY);
  await open(page, site);
  assert.equal(await text(page.locator('.due-count')), '1 card due today');
  await page.clock.setFixedTime(START + 3 * DAY);
  await open(page, site);
  assert.equal(await text(page.locator('.due-count')), '2 cards due today');
  await page.locator('button.review-all').click();
  assert.equal(await studyReady(page, /cards:/), '2 cards: 2 due, 0 new.');
  assert.equal(await text(page.locator('.flashcard-state')), 'Due');
  // The card known 3 days ago, known again: from the stored S 3.173 and D 5.2824, FSRS-5 gives
  // stability 10.73897, difficulty 5.27293 (stored to 4 places), next review in 11 days.
  for (let i = 0; i < 2 && (await card.getAttribute('data-card-id')) !== firstId; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await card.getAttribute('data-card-id'), firstId);
  await page.keyboard.press('Space');
  await card.locator('button.knew').click();
  await waitForText(page, '#syl-live', /Next review in 11 days\./);
  const [again] = Object.values(await storage(page, `${P}srs:c:${firstId}:`)).map((v) => JSON.parse(v));
  assert.deepEqual({ s: again.s, d: again.d, due: again.due, n: again.n }, { s: 10.739, d: 5.2729, due: day + 3 + 11, n: 2 });
  assert.equal(await text(page.locator('.due-count')), '1 card due today');
});

browserTest('flashcards: an edited card starts its schedule again', async ({ page, site }) => {
  await page.clock.setFixedTime(START);
  await open(page, site, '?guide=animals/marsupials');
  await studyReady(page, /cards:/);
  const card = page.locator('article.flashcard');
  const id = await card.getAttribute('data-card-id');
  const P = await storagePrefix(page);
  await page.keyboard.press('Space');
  await card.locator('button.didnt').click();
  const [key] = Object.keys(await storage(page, `${P}srs:c:${id}:`));
  // The same card under a hash it no longer has (as if its question had been edited since).
  const stale = key.replace(/:[0-9a-f]{8}$/, ':00000000');
  await page.evaluate(([from, to]) => {
    localStorage.setItem(to, localStorage.getItem(from));
    localStorage.removeItem(from);
  }, [key, stale]);
  await page.clock.setFixedTime(START + 2 * DAY);
  await open(page, site);
  assert.equal(await text(page.locator('.due-count')), '1 card due today', 'counted until its deck is seen');
  await page.locator('button.review-all').click();
  assert.equal(await studyReady(page, /cards|No cards/), 'No cards match that choice.');
  assert.equal(await text(page.locator('.due-count')), 'No cards due today.');
  assert.deepEqual(await storage(page, `${P}srs:`), {}, 'the stale state is dropped once its deck is loaded');
  await open(page, site, '?guide=animals/marsupials');
  assert.equal(await studyReady(page, /cards:/), '2 cards: 0 due, 2 new.', 'the edited card is new again');
});

browserTest('flashcards: the review state is exported to a file and imported back, bad entries skipped', async ({ page, site }) => {
  await open(page, site, '?guide=lang/rust');
  await studyReady(page, /cards:/);
  const card = page.locator('article.flashcard');
  await page.keyboard.press('Space');
  await card.locator('button.knew').click();
  await page.keyboard.press('Space');
  await card.locator('button.didnt').click();
  const P = await storagePrefix(page);
  const before = await storage(page, `${P}srs:`);
  assert.equal(Object.keys(before).length, 2);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.export-reviews').click()]);
  assert.match(download.suggestedFilename(), /^syllabus-reviews-\d{4}-\d\d-\d\d\.json$/);
  const file = path.join(tempDir('export'), download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(exported.format, 'syllabus-reviews');
  assert.equal(exported.site, P);
  assert.deepEqual(Object.keys(exported.items).sort(), Object.keys(before).map((k) => k.slice(`${P}srs:`.length)).sort());
  assert.equal(await text(page.locator('.review-data-status')), 'Exported 2 reviews.');

  // Another device: nothing stored. The import restores both.
  await page.evaluate(() => localStorage.clear());
  await page.setInputFiles('#review-import', file);
  await waitForText(page, '.review-data-status', /Imported/);
  assert.equal(await text(page.locator('.review-data-status')), 'Imported 2 reviews (0 skipped).');
  assert.deepEqual(await storage(page, `${P}srs:`), before);
  // Importing the same file again changes nothing: the stored states are as new.
  await page.setInputFiles('#review-import', file);
  await waitForText(page, '.review-data-status', /\(2 skipped\)/);

  // Malformed entries are skipped; a file that is no export at all is refused; nothing throws.
  const good = Object.values(exported.items)[0];
  const bad = path.join(tempDir('import'), 'bad.json');
  fs.writeFileSync(bad, JSON.stringify({
    format: 'syllabus-reviews',
    items: {
      'c:some.guide--q-new:0123abcd': { ...good, t: good.t + 1 },
      'c:no-hash': good,
      'p:x--1:0123abcd': { ...good, s: 'long' },
      'c:y--1:0123abcd': { ...good, d: 42 },
      'p:z--1:0123abcd': null,
    },
  }));
  await page.setInputFiles('#review-import', bad);
  await waitForText(page, '.review-data-status', /Imported 1 reviews \(4 skipped\)\./);
  assert.ok(`${P}srs:c:some.guide--q-new:0123abcd` in (await storage(page, `${P}srs:`)));
  const junk = path.join(tempDir('import'), 'junk.json');
  fs.writeFileSync(junk, '{"items": 3');
  await page.setInputFiles('#review-import', junk);
  await waitForText(page, '.review-data-status', /not a review export/);
});

browserTest('FSRS-5 scheduling matches values worked out from the published formulas', async ({ page, site }) => {
  await page.goto(site.url('flashcards/'));
  const r = await page.evaluate((start) => {
    const { schedule, recall } = window.syllabus.review;
    const day = 864e5;
    const good1 = schedule(null, 3, start);
    const good2 = schedule(good1, 3, start + 3 * day);
    const again3 = schedule(good2, 1, start + 14 * day);
    const again1 = schedule(null, 1, start);
    const sameDay = schedule(again1, 3, start + 3600e3);
    return { good1, good2, again3, again1, sameDay, r: recall(3, 3.173), r9: recall(10, 10) };
  }, START);
  const near = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-6, `${what}: ${a} is not ${b}`);
  // A new card answered good: S0(3) = w2, D0(3) = w4 - e^(2 w5) + 1, interval round(S) at 90%.
  near(r.good1.s, 3.173, 'S after good');
  near(r.good1.d, 5.282434422319005, 'D after good');
  assert.equal(r.good1.due - Math.round(r.good1.due), 0);
  near(r.r9, 0.9, 'R(S, S) is 90%');
  near(r.r, 0.9046982108893272, 'R(3, 3.173)');
  // Good after 3 days: S' = S (1 + e^w8 (11 - D) S^-w9 (e^(w10 (1 - R)) - 1)).
  near(r.good2.s, 10.73892584613159, 'S after a second good');
  near(r.good2.d, 5.272967931287446, 'D after a second good');
  assert.equal(r.good2.due - r.good1.due, 3 + 11 - 3, 'due 11 days after the second review');
  // Again after the 11 days: S' = w11 D^-w12 ((S + 1)^w13 - 1) e^(w14 (1 - R)), a lapse.
  near(r.again3.s, 2.185775232039225, 'S after forgetting');
  near(r.again3.d, 8.170909306114632, 'D after forgetting');
  assert.equal(r.again3.l, 1);
  assert.equal(r.again3.n, 3);
  // A new card forgotten, then known the same day: S' = S e^(w17 (G - 3 + w18)).
  near(r.again1.s, 0.40255, 'S after again');
  near(r.sameDay.s, 0.5666983024925972, 'S after a same-day good');
  near(r.sameDay.d, 7.176636167311107, 'D after a same-day good');
});

browserTest('without JavaScript the page lists the decks, each guide leading to its questions', { context: { javaScriptEnabled: false } }, async ({ page, site }) => {
  await page.goto(site.url('flashcards/'));
  assert.ok(await page.locator('.page-header .no-js-note').isVisible());
  assert.ok(await page.locator('[data-flashcards]').isHidden(), 'no chooser that cannot work');
  const links = await page.locator('.decks .deck-guides a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.deepEqual(links.map(([t]) => t), ['Marsupials', 'Rust basics', 'Python basics']);
  for (const [, href] of links) assert.match(href, /^\.\.\/(animals|lang)\/\w+\/#q-/);
  await page.locator('.decks a', { hasText: 'Rust basics' }).click();
  assert.match(page.url(), /\/docs\/lang\/rust\/#q-/);
  assert.ok(await page.locator('section.question-card').first().isVisible(), 'the questions read as cards');
  // The guide's own "Flashcards" link goes there too.
  const href = await page.locator('a.link-flashcards').getAttribute('href');
  assert.match(href, /^#q-/);
});
