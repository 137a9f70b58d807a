// Flashcards: one card at a time, reveal, "knew it" / "didn't", a count kept
// across reloads, and Reset.

import assert from 'node:assert/strict';
import { suite, storagePrefix, storage, text } from './lib/harness.mjs';

const { browserTest } = suite();

// Every Q: of the fixture: 2 in Marsupials, 2 in Rust basics, 2 in Python basics.
const TOTAL = 6;

const count = (page) => text(page.locator('[data-flashcards] .flashcard-count'));

async function currentIndex(page) {
  return page.evaluate(() => {
    const cards = Array.from(document.querySelectorAll('.flashcard[data-card-id]'));
    const current = cards.filter((c) => c.classList.contains('current'));
    return current.length === 1 ? cards.indexOf(current[0]) : -current.length;
  });
}

async function assertShowing(page, index) {
  assert.equal(await currentIndex(page), index, `card ${index + 1} is the current card`);
  const visible = page.locator('.flashcard[data-card-id]:visible');
  assert.equal(await visible.count(), 1, 'exactly one card is shown');
  const card = page.locator('.flashcard[data-card-id]').nth(index);
  assert.ok(await card.isVisible());
  assert.ok(await card.locator('.flashcard-question').isVisible(), 'the question is shown');
  assert.ok(await card.locator('.flashcard-answer').isHidden(), 'the answer is not shown yet');
  assert.ok(await card.locator('button.reveal').isVisible());
  assert.ok(await card.locator('button.knew').isHidden());
  assert.ok(await card.locator('button.didnt').isHidden());
  assert.equal(await text(card.locator('.flashcard-position')), `Card ${index + 1} of ${TOTAL}`);
  return card;
}

browserTest('flashcards: reveal, knew it / didn\'t, count kept across a reload, Reset', async ({ page, site }) => {
  await page.goto(site.url('flashcards/'));
  assert.equal(await page.locator('.flashcard[data-card-id]').count(), TOTAL);
  assert.ok(await page.locator('[data-flashcards]').evaluate((el) => el.classList.contains('deck')));
  assert.ok(await page.locator('[data-flashcards] .flashcard-toolbar').isVisible());
  assert.equal(await count(page), `Known 0 · seen 0 of ${TOTAL}`);

  let card = await assertShowing(page, 0);
  const firstQuestion = await text(card.locator('.flashcard-question'));
  assert.match(firstQuestion, /\?$/);
  await card.locator('button.reveal').click();
  assert.ok(await card.locator('.flashcard-answer').isVisible(), 'Reveal shows the answer');
  assert.ok(await card.locator('button.reveal').isHidden());
  assert.ok(await card.locator('button.knew').isVisible());
  assert.ok(await card.locator('button.didnt').isVisible());
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('knew')), 'focus moves to "Knew it"');
  await card.locator('button.knew').click();
  assert.equal(await count(page), `Known 1 · seen 1 of ${TOTAL}`);

  card = await assertShowing(page, 1);
  assert.notEqual(await text(card.locator('.flashcard-question')), firstQuestion);
  await card.locator('button.reveal').click();
  await card.locator('button.didnt').click();
  assert.equal(await count(page), `Known 1 · seen 2 of ${TOTAL}`);
  await assertShowing(page, 2);

  const P = await storagePrefix(page);
  const ids = await page.locator('.flashcard[data-card-id]').evaluateAll((cs) => cs.map((c) => c.dataset.cardId));
  assert.deepEqual(await storage(page, `${P}card:`), { [`${P}card:${ids[0]}`]: '1', [`${P}card:${ids[1]}`]: '0' });

  await page.reload();
  assert.equal(await count(page), `Known 1 · seen 2 of ${TOTAL}`, 'the count survives a reload');
  await assertShowing(page, 2); // the first card not seen yet

  await page.locator('[data-flashcards] .flashcard-toolbar button.reset').click();
  assert.equal(await count(page), `Known 0 · seen 0 of ${TOTAL}`);
  await assertShowing(page, 0);
  await page.reload();
  assert.equal(await count(page), `Known 0 · seen 0 of ${TOTAL}`, 'Reset lasts');
  await assertShowing(page, 0);
});

browserTest("flashcards: going through the deck ends with a review of the ones I didn't know", async ({ page, site }) => {
  // A guide's own deck: Rust basics has two questions.
  await page.goto(site.url('lang/rust/flashcards/'));
  const cards = page.locator('.flashcard[data-card-id]');
  assert.equal(await cards.count(), 2);
  await cards.nth(0).locator('button.reveal').click();
  await cards.nth(0).locator('button.didnt').click();
  await cards.nth(1).locator('button.reveal').click();
  await cards.nth(1).locator('button.knew').click();
  const done = page.locator('[data-flashcards] .flashcards-done');
  assert.ok(await done.isVisible(), 'the end of the deck is shown');
  assert.equal(await page.locator('.flashcard[data-card-id]:visible').count(), 0);
  assert.equal(await count(page), 'Known 1 · seen 2 of 2');
  await done.locator('button.cards-review').click();
  assert.equal(await currentIndex(page), 0, 'the review starts with the card I did not know');
  assert.equal(await text(cards.nth(0).locator('.flashcard-position')), 'Card 1 of 1');
});
