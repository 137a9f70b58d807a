// The practice page of a guide: single and multiple choice, try again and
// retry wrong ones, progress kept in localStorage and forgotten when a
// question is edited, the answer reveal without JavaScript, and keyboard use.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  FIXTURE, suite, buildSite, tempDir, storagePrefix, storage, waitForText, text,
} from './lib/harness.mjs';

const { browserTest } = suite();

// tests/fixtures/browser/site/content/animals/marsupials.md, "Check yourself"
const PAGE = 'animals/marsupials/practice/';
const ID = (n) => `animals.marsupials--check-yourself-${n}`;
// Q1 single choice, B (wombat) right; A (hedgehog) and C (platypus) have feedback.
// Q2 multiple choice, A and C (kangaroo, koala) right; B (raccoon) and D (sloth) have feedback.
// Q3 single choice with a code block in the stem, B (`1`) right; A and C have feedback.

const q = (page, n) => page.locator(`.practice-question[data-question-id="${ID(n)}"]`);
const score = (page) => text(page.locator('[data-practice] .practice-toolbar .score'));

async function pick(page, n, indexes) {
  for (const i of indexes) await q(page, n).locator(`.option[data-index="${i}"] input`).check();
}

async function answer(page, n, indexes) {
  await pick(page, n, indexes);
  await q(page, n).locator('button.check').click();
}

async function classes(locator) {
  return (await locator.getAttribute('class')).split(/\s+/);
}

async function assertUnanswered(page, n) {
  const cls = await classes(q(page, n));
  for (const c of ['answered', 'is-correct', 'is-incorrect']) assert.ok(!cls.includes(c), `Q${n} still has .${c}`);
  assert.ok(await q(page, n).locator('.feedback').isHidden(), `Q${n} feedback still shown`);
  assert.ok(await q(page, n).locator('button.check').isVisible(), `Q${n} has no Check button`);
  for (const input of await q(page, n).locator('input').all()) {
    assert.equal(await input.isChecked(), false, `Q${n} keeps a checked option`);
    assert.equal(await input.isDisabled(), false, `Q${n} keeps a disabled option`);
  }
}

browserTest('single choice: wrong answer, try again, right answer, retry wrong ones', async ({ page, site }) => {
  await page.goto(site.url(PAGE));
  assert.equal(await page.locator('.practice-question').count(), 3);
  assert.ok(await page.locator('[data-practice] .practice-toolbar').isVisible(), 'toolbar shown with JS');
  assert.ok(await q(page, 1).locator('details.answer-reveal').isHidden(), 'the no-JS reveal is hidden with JS');
  assert.equal(await score(page), 'Score: 0 of 3');

  // Check with nothing picked asks for an answer.
  await q(page, 1).locator('button.check').click();
  assert.match(await text(q(page, 1).locator('.feedback')), /Pick an answer first/);
  assert.ok(!(await classes(q(page, 1))).includes('answered'));

  // Wrong: A (hedgehog).
  await answer(page, 1, [0]);
  const q1 = q(page, 1);
  assert.ok((await classes(q1)).includes('is-incorrect'), 'Q1 is marked incorrect');
  assert.ok(!(await classes(q1)).includes('is-correct'));
  assert.deepEqual(
    (await classes(q1.locator('.option[data-index="0"]'))).filter((c) => c !== 'option').sort(),
    ['incorrect', 'picked'],
  );
  assert.ok((await classes(q1.locator('.option[data-index="1"]'))).includes('correct'), 'the right option is shown');
  const fb = q1.locator('.feedback');
  assert.ok(await fb.isVisible());
  const fbText = await text(fb);
  assert.match(fbText, /Not quite/, 'verdict');
  assert.match(fbText, /Hedgehogs are placental mammals/, "the picked option's feedback");
  assert.doesNotMatch(fbText, /platypus lays eggs/, "an option not picked keeps its feedback to itself");
  assert.match(fbText, /Correct answer: B/);
  assert.match(fbText, /Wombats, kangaroos and koalas/, 'the explanation');
  assert.ok(await q1.locator('.feedback .explanation').isVisible());
  assert.ok(await q1.locator('.option[data-index="1"] input').isDisabled(), 'options are locked once answered');
  assert.equal(await score(page), 'Score: 0 of 3');
  assert.ok(await page.locator('button.retry-wrong').isEnabled(), 'Retry wrong ones is enabled after a wrong answer');
  assert.ok(await q1.locator('button.check').isHidden());

  // Try again, then right: B (wombat).
  await q1.locator('button.try-again').click();
  await assertUnanswered(page, 1);
  await answer(page, 1, [1]);
  assert.ok((await classes(q1)).includes('is-correct'), 'Q1 is marked correct');
  assert.ok(!(await classes(q1)).includes('is-incorrect'));
  const right = await text(q1.locator('.feedback'));
  assert.match(right, /^Correct!/);
  assert.match(right, /Wombats, kangaroos and koalas/);
  assert.ok(await q1.locator('button.try-again').isHidden(), 'no Try again after a right answer');
  assert.equal(await score(page), 'Score: 1 of 3');
  assert.ok(await page.locator('button.retry-wrong').isDisabled(), 'nothing wrong to retry');

  // Retry wrong ones clears only the wrong answers.
  await answer(page, 3, [2]);
  assert.ok((await classes(q(page, 3))).includes('is-incorrect'));
  assert.match(await text(q(page, 3).locator('.feedback')), /does not print them/);
  await page.locator('button.retry-wrong').click();
  await assertUnanswered(page, 3);
  assert.ok((await classes(q1)).includes('is-correct'), 'right answers stay');
  assert.equal(await score(page), 'Score: 1 of 3');
  await answer(page, 3, [1]);
  assert.ok((await classes(q(page, 3))).includes('is-correct'));
  assert.equal(await score(page), 'Score: 2 of 3');
});

browserTest('multiple choice: a wrong combination is incorrect, exactly the right ones are correct', async ({ page, site }) => {
  await page.goto(site.url(PAGE));
  const q2 = q(page, 2);
  assert.equal(await q2.getAttribute('data-multiple'), '');
  assert.equal(await q2.locator('input[type="checkbox"]').count(), 4, 'multiple choice uses checkboxes');
  assert.match(await text(q2.locator('legend')), /Choose all that apply/);

  // Too few.
  await answer(page, 2, [0]);
  assert.ok((await classes(q2)).includes('is-incorrect'), 'one of two right options is not enough');
  assert.match(await text(q2.locator('.feedback')), /Correct answers: A, C/);
  await q2.locator('button.try-again').click();
  await assertUnanswered(page, 2);

  // Too many.
  await answer(page, 2, [0, 1, 2]);
  assert.ok((await classes(q2)).includes('is-incorrect'), 'an extra wrong option makes it incorrect');
  assert.match(await text(q2.locator('.feedback')), /Raccoons are placental mammals/);
  assert.ok((await classes(q2.locator('.option[data-index="1"]'))).includes('incorrect'));
  assert.equal(await score(page), 'Score: 0 of 3');
  await q2.locator('button.try-again').click();

  // Exactly right.
  await answer(page, 2, [0, 2]);
  assert.ok((await classes(q2)).includes('is-correct'));
  const fb = await text(q2.locator('.feedback'));
  assert.match(fb, /^Correct!/);
  assert.match(fb, /Kangaroos and koalas are both Australian marsupials/);
  assert.doesNotMatch(fb, /Raccoons/);
  assert.equal(await score(page), 'Score: 1 of 3');
});

browserTest('progress is kept across a reload, and Reset clears it for good', async ({ page, site }) => {
  await page.goto(site.url(PAGE));
  const P = await storagePrefix(page);
  assert.match(P, /^syllabus:[0-9a-f]+:$/);
  await answer(page, 1, [1]);
  await answer(page, 2, [0, 1]);
  const hash1 = await q(page, 1).getAttribute('data-hash');
  const saved = await storage(page, P);
  const key1 = `${P}${ID(1)}:${hash1}`;
  assert.ok(key1 in saved, `the answer is stored under ${key1}; stored: ${JSON.stringify(saved)}`);
  assert.deepEqual(JSON.parse(saved[key1]), { a: [1], c: 1 });
  assert.equal(saved[`${P}done:${ID(1)}`], '1');
  assert.equal(saved[`${P}done:${ID(2)}`], '0');

  await page.reload();
  assert.ok((await classes(q(page, 1))).includes('is-correct'), 'Q1 restored as correct');
  assert.ok(await q(page, 1).locator('.option[data-index="1"] input').isChecked(), 'Q1 restored with its pick');
  assert.ok(await q(page, 1).locator('.option[data-index="1"] input').isDisabled());
  assert.ok((await classes(q(page, 2))).includes('is-incorrect'), 'Q2 restored as incorrect');
  assert.ok(await q(page, 2).locator('.option[data-index="1"] input').isChecked());
  assert.match(await text(q(page, 2).locator('.feedback')), /Raccoons are placental mammals/);
  await assertUnanswered(page, 3);
  assert.equal(await score(page), 'Score: 1 of 3');

  await page.locator('[data-practice] .practice-toolbar button.reset').click();
  for (const n of [1, 2, 3]) await assertUnanswered(page, n);
  assert.equal(await score(page), 'Score: 0 of 3');
  assert.deepEqual(await storage(page, P), {}, 'Reset removes the stored answers');

  await page.reload();
  for (const n of [1, 2, 3]) await assertUnanswered(page, n);
  assert.equal(await score(page), 'Score: 0 of 3');
});

browserTest('an edited question forgets its stored answer', async ({ page, site }) => {
  // (a) A stored answer under another hash is not applied; one under the right hash is.
  await page.goto(site.url(PAGE));
  const P = await storagePrefix(page);
  const hash1 = await q(page, 1).getAttribute('data-hash');
  const hash2 = await q(page, 2).getAttribute('data-hash');
  const stale = hash1 === '00000000' ? '11111111' : '00000000';
  await page.evaluate((entries) => { for (const [k, v] of entries) localStorage.setItem(k, v); }, [
    [`${P}${ID(1)}:${stale}`, JSON.stringify({ a: [1], c: 1 })],
    [`${P}done:${ID(1)}`, '1'],
    [`${P}${ID(2)}:${hash2}`, JSON.stringify({ a: [0, 2], c: 1 })],
    [`${P}done:${ID(2)}`, '1'],
  ]);
  await page.reload();
  await assertUnanswered(page, 1);
  assert.ok((await classes(q(page, 2))).includes('is-correct'), 'an answer under the current hash is restored');
  assert.equal(await score(page), 'Score: 1 of 3');
  let saved = await storage(page, P);
  assert.equal(saved[`${P}done:${ID(1)}`], undefined, 'the stale "done" mark is dropped, so the hub stops counting it');
  assert.equal(saved[`${P}done:${ID(2)}`], '1');
  await page.evaluate(() => localStorage.clear());

  // (b) The real thing: the same site rebuilt with Q1's option text changed,
  // served from the same origin (so the same localStorage).
  const src = tempDir('edited-src');
  fs.cpSync(FIXTURE, src, { recursive: true });
  const md = path.join(src, 'content/animals/marsupials.md');
  const before = fs.readFileSync(md, 'utf8');
  const after = before.replace('- [ ] A platypus', '- [ ] A duck-billed platypus');
  assert.notEqual(after, before, 'the fixture still has the option this test edits');
  fs.writeFileSync(md, after);
  buildSite(src, path.join(site.dir, 'docs-edited'));

  await page.goto(site.url(PAGE));
  await answer(page, 1, [1]);
  await answer(page, 2, [0, 2]);
  assert.equal(await score(page), 'Score: 2 of 3');

  await page.goto(`${site.origin}/docs-edited/${PAGE}`);
  assert.equal(await storagePrefix(page), P, 'both builds share the storage prefix');
  assert.notEqual(await q(page, 1).getAttribute('data-hash'), hash1, 'editing an option changes the hash');
  assert.equal(await q(page, 2).getAttribute('data-hash'), hash2, 'an unchanged question keeps its hash');
  await assertUnanswered(page, 1);
  assert.ok((await classes(q(page, 2))).includes('is-correct'), 'the unchanged question keeps its answer');
  assert.equal(await score(page), 'Score: 1 of 3');
  saved = await storage(page, P);
  assert.equal(saved[`${P}done:${ID(1)}`], undefined, 'the edited question is no longer counted as done');
  assert.equal(saved[`${P}done:${ID(2)}`], '1');
});

browserTest('without JavaScript every question shows and <details> reveals the answer', { context: { javaScriptEnabled: false } }, async ({ page, site }) => {
  await page.goto(site.url(PAGE));
  assert.ok(await page.locator('[data-practice] .no-js-note').isVisible(), 'the no-JS note is shown');
  assert.ok(await page.locator('[data-practice] .practice-toolbar').isHidden(), 'no score toolbar without JS');
  const questions = page.locator('.practice-question');
  assert.equal(await questions.count(), 3);
  for (const n of [1, 2, 3]) {
    const qn = q(page, n);
    assert.ok(await qn.locator('.question-stem').isVisible(), `Q${n} stem visible`);
    assert.ok((await qn.locator('.option').count()) >= 3, `Q${n} options`);
    assert.ok(await qn.locator('.option').first().isVisible());
    assert.ok(await qn.locator('button.check').isHidden(), `Q${n}: no Check button without JS`);
    assert.ok(await qn.locator('details.answer-reveal > summary').isVisible(), `Q${n} has a Show answer summary`);
    assert.ok(await qn.locator('.answer-reveal .correct-answer').isHidden(), `Q${n} answer is closed at first`);
  }
  // The code block in Q3's stem.
  assert.match(await text(q(page, 3).locator('.question-stem pre code')), /print\(len\(pouch\)\)/);

  await q(page, 1).locator('details.answer-reveal > summary').click();
  const body = q(page, 1).locator('.answer-reveal .answer-body');
  assert.ok(await body.isVisible());
  assert.match(await text(body.locator('.correct-answer')), /Correct answer: B/);
  assert.match(await text(body.locator('.explanation')), /Wombats, kangaroos and koalas/);
  assert.match(await text(body), /Hedgehogs are placental mammals/, 'per-option feedback is listed too');
  assert.ok(await q(page, 2).locator('.answer-reveal .correct-answer').isHidden(), 'other answers stay closed');

  await q(page, 2).locator('details.answer-reveal > summary').click();
  assert.match(await text(q(page, 2).locator('.answer-reveal .correct-answer')), /Correct answers: A, C/);
});

/** Presses Tab (or `key`) until `predicate` holds for the focused element (at most `max` times). */
async function tabTo(page, what, predicate, arg, key = 'Tab', max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await page.evaluate(predicate, arg)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

const focusedIn = ([id, sel]) => {
  const el = document.activeElement;
  return !!el && el.matches(sel) && !!el.closest(`[data-question-id="${id}"]`);
};

browserTest('keyboard only: Tab, arrows, Space and Enter answer, and the feedback is announced', async ({ page, site }) => {
  await page.goto(site.url(PAGE));
  const live = async (re) => {
    await waitForText(page, '#syl-live', re);
    assert.equal(await page.getAttribute('#syl-live', 'aria-live'), 'polite');
  };

  // Q1: Tab into the radio group, ArrowDown picks B, Tab to Check, Enter.
  await tabTo(page, 'Q1 options', focusedIn, [ID(1), 'input[type="radio"]']);
  assert.equal(await page.evaluate(() => document.activeElement.value), '0', 'Tab lands on the first option');
  await page.keyboard.press('ArrowDown');
  assert.ok(await q(page, 1).locator('.option[data-index="1"] input').isChecked(), 'ArrowDown picks the next option');
  await tabTo(page, 'Q1 Check button', focusedIn, [ID(1), 'button.check']);
  await page.keyboard.press('Enter');
  assert.ok((await classes(q(page, 1))).includes('is-correct'));
  await live(/Correct!.*Wombats.*Score: 1 of 3/s);
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('feedback')), 'focus moves to the feedback');

  // Q2: Space toggles checkboxes A and C.
  await tabTo(page, 'Q2 option A', focusedIn, [ID(2), 'input[value="0"]']);
  await page.keyboard.press('Space');
  await tabTo(page, 'Q2 option C', focusedIn, [ID(2), 'input[value="2"]']);
  await page.keyboard.press('Space');
  await tabTo(page, 'Q2 Check button', focusedIn, [ID(2), 'button.check']);
  await page.keyboard.press('Enter');
  assert.ok((await classes(q(page, 2))).includes('is-correct'));
  await live(/Correct!.*Score: 2 of 3/s);

  // Q3 wrong with Space on the first radio: the option's feedback is read out.
  await tabTo(page, 'Q3 options', focusedIn, [ID(3), 'input[type="radio"]']);
  await page.keyboard.press('Space');
  await tabTo(page, 'Q3 Check button', focusedIn, [ID(3), 'button.check']);
  await page.keyboard.press('Enter');
  assert.ok((await classes(q(page, 3))).includes('is-incorrect'));
  await live(/Not quite.*The list holds one item.*Score: 2 of 3/s);

  // Try again by keyboard: focus returns to the options.
  await tabTo(page, 'Q3 Try again', focusedIn, [ID(3), 'button.try-again'], 'Shift+Tab');
  await page.keyboard.press('Enter');
  await assertUnanswered(page, 3);
  assert.ok(await page.evaluate(focusedIn, [ID(3), 'input']), 'Try again puts focus back on the options');
});
