// The question bank's filters and the practice hub's mixed quiz.

import assert from 'node:assert/strict';
import { suite, waitForText, text } from './lib/harness.mjs';

const { browserTest } = suite();

// The fixture's guides (tests/fixtures/browser/site/content/):
//   Marsupials     animals  tags animals, marsupials, trivia   beginner      2 Q:  3 practice
//   Rust basics    lang     tags programming, rust            intermediate  2 Q:  2 practice
//   Python basics  lang     tags programming, python, trivia  advanced      2 Q:  2 practice
const PRACTICE_IDS = {
  Marsupials: ['animals.marsupials--check-yourself-1', 'animals.marsupials--check-yourself-2', 'animals.marsupials--check-yourself-3'],
  'Rust basics': ['lang.rust--check-yourself-1', 'lang.rust--check-yourself-2'],
  'Python basics': ['lang.python--warm-up-1', 'lang.python--check-yourself-1'],
};

const shownGuides = (page) => page.locator('.bank-guide:visible h3').allInnerTexts().then((a) => a.map((s) => s.trim()));
const status = (page) => text(page.locator('form.bank-filters .bank-status'));
const shownQuestions = (page) => page.locator('.bank-question:visible').count();

browserTest('question bank: tag and difficulty filters hide guides and questions without them', async ({ page, site }) => {
  await page.goto(site.url('questions/'));
  const form = page.locator('form.bank-filters');
  assert.ok(await form.isVisible(), 'the filters appear with JS');
  assert.deepEqual(await shownGuides(page), ['Marsupials', 'Rust basics', 'Python basics']);
  assert.equal(await status(page), 'Showing 6 of 6 questions');

  // A tag on one guide only.
  await page.selectOption('#bank-tag', 'rust');
  assert.deepEqual(await shownGuides(page), ['Rust basics']);
  assert.equal(await shownQuestions(page), 2);
  assert.equal(await status(page), 'Showing 2 of 6 questions');
  assert.equal(await page.locator('.bank-group:visible').count(), 1, 'a section with nothing left is hidden');
  assert.ok(await page.locator('.bank-question', { hasText: 'quokka' }).isHidden());
  assert.match(page.url(), /\/docs\/questions\/\?tag=rust$/, 'the filter is kept in the URL');

  // A tag across both sections.
  await page.selectOption('#bank-tag', 'trivia');
  assert.deepEqual(await shownGuides(page), ['Marsupials', 'Python basics']);
  assert.equal(await shownQuestions(page), 4);
  assert.equal(await page.locator('.bank-group:visible').count(), 2);

  // Difficulty alone.
  await page.selectOption('#bank-tag', '');
  await page.selectOption('#bank-difficulty', 'advanced');
  assert.deepEqual(await shownGuides(page), ['Python basics']);
  assert.equal(await status(page), 'Showing 2 of 6 questions');
  await page.selectOption('#bank-difficulty', 'intermediate');
  assert.deepEqual(await shownGuides(page), ['Rust basics']);

  // Both: trivia and beginner leave Marsupials only; rust and beginner leave nothing.
  await page.selectOption('#bank-tag', 'trivia');
  await page.selectOption('#bank-difficulty', 'beginner');
  assert.deepEqual(await shownGuides(page), ['Marsupials']);
  assert.ok(await page.locator('.bank-empty').isHidden());
  await page.selectOption('#bank-tag', 'rust');
  assert.deepEqual(await shownGuides(page), []);
  assert.ok(await page.locator('.bank-empty').isVisible(), '"no questions match" is shown');
  assert.equal(await status(page), 'Showing 0 of 6 questions');

  // The URL carries the filters into a fresh load.
  await page.goto(site.url('questions/?tag=trivia&difficulty=beginner'));
  assert.equal(await page.inputValue('#bank-tag'), 'trivia');
  assert.equal(await page.inputValue('#bank-difficulty'), 'beginner');
  assert.deepEqual(await shownGuides(page), ['Marsupials']);

  // Clear filters.
  await form.locator('button[type="reset"]').click();
  await waitForText(page, 'form.bank-filters .bank-status', /^Showing 6 of 6 questions$/);
  assert.deepEqual(await shownGuides(page), ['Marsupials', 'Rust basics', 'Python basics']);
});

async function startQuiz(page, { tag = '', section = '', count = 10 }) {
  await page.locator('.mixed-quiz .quiz-status').evaluate((el) => { el.textContent = ''; });
  await page.selectOption('#quiz-tag', tag);
  await page.selectOption('#quiz-section', section);
  await page.fill('#quiz-count', String(count));
  await page.locator('form.quiz-setup button.start-quiz').click();
  await waitForText(page, '.mixed-quiz .quiz-status', /Quiz ready|No practice questions|could not be loaded/);
  assert.match(await text(page.locator('.mixed-quiz .quiz-status')), /^Quiz ready: \d+ questions?\.$/);
  return page.locator('#quiz .practice-questions > li').evaluateAll((qs) => qs.map((q) => q.getAttribute('data-question-id')));
}

browserTest('practice hub: the mixed quiz fetches only the sections it needs, keeps to the chosen tag, and can be answered', async ({ page, site, session }) => {
  const fetched = () => session.requested('questions.json').map((u) => new URL(u).pathname);
  await page.goto(site.url('practice/'));
  assert.deepEqual(await page.locator('.hub-section h3').allInnerTexts(), ['Animals', 'Languages']);
  assert.equal(await page.locator('.hub-item').count(), 3, 'a small site lists its guides under their sections');
  for (const p of await page.locator('.progress-text').allInnerTexts()) assert.equal(p.trim(), 'Not started');
  assert.equal(await text(page.locator('.review-due .due-count')), 'Nothing due for review today.');
  assert.ok(await page.locator('form.quiz-setup').isVisible(), 'the quiz form appears with JS');
  assert.ok(await page.locator('#quiz').isHidden());
  assert.deepEqual(fetched(), [], 'no questions are loaded before the quiz starts');

  // "trivia" is on Marsupials (animals) and Python basics (lang), not on Rust basics.
  const ids = await startQuiz(page, { tag: 'trivia', count: 10 });
  assert.deepEqual(fetched().sort(), ['/docs/practice/animals/questions.json', '/docs/practice/lang/questions.json']);
  assert.deepEqual([...ids].sort(), [...PRACTICE_IDS.Marsupials, ...PRACTICE_IDS['Python basics']].sort());
  const sources = await page.locator('#quiz .question-source a').evaluateAll((as) => as.map((a) => [a.textContent, a.href]));
  assert.equal(sources.length, ids.length);
  for (const [label, href] of sources) {
    assert.ok(
      (label === 'From Marsupials' && href === site.url('animals/marsupials/')) ||
        (label === 'From Python basics' && href === site.url('lang/python/')),
      `question from an unexpected guide: ${label} (${href})`,
    );
  }

  // Answer one right and one wrong.
  const quiz = page.locator('#quiz');
  const score = () => text(quiz.locator('.practice-toolbar .score'));
  const [first, second] = [quiz.locator('.practice-questions > li').nth(0), quiz.locator('.practice-questions > li').nth(1)];
  const right = (await first.getAttribute('data-correct')).split(',');
  for (const i of right) await first.locator(`fieldset > label:nth-of-type(${Number(i) + 1}) > input`).check();
  await first.locator('button.check').click();
  assert.match(await first.getAttribute('class'), /\bis-correct\b/);
  assert.match(await text(first.locator('.feedback')), /^Correct!/);
  assert.equal(await score(), 'Score: 1 of 5');
  const secondRight = (await second.getAttribute('data-correct')).split(',');
  const options = await second.locator("fieldset > label").count();
  const wrong = [...Array(options).keys()].map(String).find((i) => !secondRight.includes(i));
  await second.locator(`fieldset > label:nth-of-type(${Number(wrong) + 1}) > input`).check();
  await second.locator('button.check').click();
  assert.match(await second.getAttribute('class'), /\bis-incorrect\b/);
  assert.match(await text(second.locator('.feedback')), /Not quite/);
  assert.equal(await score(), 'Score: 1 of 5');

  // The hub's progress for the first question's guide and section follows.
  const guide = await first.getAttribute('data-guide');
  assert.match(await text(page.locator(`.hub-item[data-guide="${guide}"] .progress-text`)), /^1 of \d+ answered correctly$/);
  const section = guide.split('/')[0];
  assert.match(await text(page.locator(`.hub-section[data-section="${section}"] .hub-section-header .progress-text`)), /^[12] of \d+ answered correctly$/);

  // A tag on one guide only fetches its section alone, and the count is respected.
  const before = fetched().length;
  const rust = await startQuiz(page, { tag: 'rust', count: 1 });
  assert.equal(rust.length, 1);
  assert.ok(PRACTICE_IDS['Rust basics'].includes(rust[0]), `${rust[0]} is not a Rust basics question`);
  assert.equal(fetched().length, before, 'a file already fetched is not fetched again');
  // A section.
  const animals = await startQuiz(page, { section: 'animals', count: 10 });
  assert.deepEqual([...animals].sort(), PRACTICE_IDS.Marsupials);
});

browserTest('practice hub: what is due for review, per section, and a quiz of only those', async ({ page, site, session }) => {
  const start = new Date('2026-03-02T10:00:00').getTime();
  await page.clock.setFixedTime(start);
  // Marsupials: one wrong (due tomorrow), one right (due in 3 days).
  await page.goto(site.url('animals/marsupials/practice/'));
  const q = (n) => page.locator('[data-practice] .practice-questions > li').nth(n);
  await q(0).locator('fieldset > label:nth-of-type(1) > input').check();
  await q(0).locator('button.check').click();
  await q(1).locator('fieldset > label:nth-of-type(1) > input').check();
  await q(1).locator('fieldset > label:nth-of-type(3) > input').check();
  await q(1).locator('button.check').click();

  await page.goto(site.url('practice/'));
  assert.equal(await text(page.locator('.review-due .due-count')), 'Nothing due for review today.');
  const animals = page.locator('.hub-section[data-section="animals"]');
  assert.equal(await text(animals.locator('.hub-section-header .progress-text')), '1 of 3 answered correctly');
  assert.ok(await animals.locator('.hub-due').isHidden());

  await page.clock.setFixedTime(start + 864e5);
  await page.reload();
  assert.equal(await text(page.locator('.review-due .due-count')), '1 practice question due for review today.');
  assert.equal(await text(animals.locator('.hub-due')), '1 due');
  assert.ok(await page.locator('.hub-section[data-section="lang"] .hub-due').isHidden());
  await page.clock.setFixedTime(start + 3 * 864e5);
  await page.reload();
  assert.equal(await text(page.locator('.review-due .due-count')), '2 practice questions due for review today.');
  assert.equal(await text(animals.locator('.hub-due')), '2 due');

  // "Review due questions" of the section: a quiz of exactly the due ones, from its file alone.
  await animals.locator('button.review-section').click();
  await waitForText(page, '.mixed-quiz .quiz-status', /Quiz ready|No practice/);
  const ids = await page.locator('#quiz .practice-questions > li').evaluateAll((qs) => qs.map((el) => el.getAttribute('data-question-id')));
  assert.deepEqual(ids.sort(), PRACTICE_IDS.Marsupials.slice(0, 2));
  assert.deepEqual(session.requested('questions.json').map((u) => new URL(u).pathname), ['/docs/practice/animals/questions.json']);
  const first = page.locator('#quiz .practice-questions > li').first();
  for (const i of (await first.getAttribute('data-correct')).split(',')) await first.locator(`fieldset > label:nth-of-type(${Number(i) + 1}) > input`).check();
  await first.locator('button.check').click();
  assert.equal(await text(page.locator('.review-due .due-count')), '1 practice question due for review today.', 'answered: no longer due');
});
