// The practice page of a guide: single and multiple choice, try again and
// retry wrong ones, the end-of-set summary, progress and review schedules kept
// in localStorage (forgotten when a question is edited, asked again when due),
// one control per option, the score in sight on a phone, the answer reveal
// without JavaScript, keyboard use, and the page's weight.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  FIXTURE, suite, buildSite, serve, tempDir, storagePrefix, storage, waitForText, text,
} from './lib/harness.mjs';

const { browserTest } = suite();

// tests/fixtures/browser/site/content/animals/marsupials.md, "Check yourself"
const PAGE = 'animals/marsupials/practice/';
// The id stored answers and reviews go under: the guide's key (dots for
// slashes), "--", its set's heading id and its number in the set; its
// element's id is short (`q2`).
const ID = (n) => `animals.marsupials--check-yourself-${n}`;
const LOCAL = (n) => `q${n}`;
// Q1 single choice, B (wombat) right; A (hedgehog) and C (platypus) have feedback.
// Q2 multiple choice, A and C (kangaroo, koala) right; B (raccoon) and D (sloth) have feedback.
// Q3 single choice with a code block in the stem, B (`1`) right; A and C have feedback.

const q = (page, n) => page.locator(`[data-practice] .practice-questions > li#${LOCAL(n)}`);
const score = (page) => text(page.locator('[data-practice] .practice-toolbar .score'));

async function pick(page, n, indexes) {
  for (const i of indexes) await q(page, n).locator(`fieldset > label:nth-of-type(${Number(i) + 1}) > input`).check();
}

async function answer(page, n, indexes) {
  await pick(page, n, indexes);
  await q(page, n).locator('button.check').click();
}

async function classes(locator) {
  return ((await locator.getAttribute('class')) || '').split(/\s+/);
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
  assert.equal(await page.locator('.practice-questions > li').count(), 3);
  assert.ok(await page.locator('[data-practice] .practice-toolbar').isVisible(), 'toolbar shown with JS');
  assert.ok(await q(page, 1).locator('form > details').isHidden(), 'the no-JS reveal is hidden with JS');
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
    (await classes(q1.locator('fieldset > label:nth-of-type(1)'))).filter((c) => c !== 'option').sort(),
    ['incorrect', 'picked'],
  );
  assert.ok((await classes(q1.locator('fieldset > label:nth-of-type(2)'))).includes('correct'), 'the right option is shown');
  const fb = q1.locator('.feedback');
  assert.ok(await fb.isVisible());
  const fbText = await text(fb);
  assert.match(fbText, /Not quite/, 'verdict');
  assert.match(fbText, /Hedgehogs are placental mammals/, "the picked option's feedback");
  assert.doesNotMatch(fbText, /platypus lays eggs/, "an option not picked keeps its feedback to itself");
  assert.match(fbText, /Correct answer: B/);
  assert.match(fbText, /Wombats, kangaroos and koalas/, 'the explanation');
  assert.ok(await q1.locator('.feedback .explanation').isVisible());
  assert.ok(await q1.locator('fieldset > label:nth-of-type(2) > input').isDisabled(), 'options are locked once answered');
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
  assert.ok((await classes(q2.locator('fieldset > label:nth-of-type(2)'))).includes('incorrect'));
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
  // Each answer also schedules the question for review (right: good, wrong: again).
  const state = (n, hash) => JSON.parse(saved[`${P}srs:p:${ID(n)}:${hash}`]);
  assert.deepEqual([state(1, hash1).ok, state(1, hash1).s, state(1, hash1).k], [1, 3.173, 'animals/marsupials']);
  const hash2 = await q(page, 2).getAttribute('data-hash');
  assert.deepEqual([state(2, hash2).ok, state(2, hash2).s], [0, 0.4026]);

  await page.reload();
  assert.ok((await classes(q(page, 1))).includes('is-correct'), 'Q1 restored as correct');
  assert.ok(await q(page, 1).locator('fieldset > label:nth-of-type(2) > input').isChecked(), 'Q1 restored with its pick');
  assert.ok(await q(page, 1).locator('fieldset > label:nth-of-type(2) > input').isDisabled());
  assert.ok((await classes(q(page, 2))).includes('is-incorrect'), 'Q2 restored as incorrect');
  assert.ok(await q(page, 2).locator('fieldset > label:nth-of-type(2) > input').isChecked());
  assert.match(await text(q(page, 2).locator('.feedback')), /Raccoons are placental mammals/);
  await assertUnanswered(page, 3);
  assert.equal(await score(page), 'Score: 1 of 3');

  await page.locator('[data-practice] .practice-toolbar button.reset').click();
  for (const n of [1, 2, 3]) await assertUnanswered(page, n);
  assert.equal(await score(page), 'Score: 0 of 3');
  assert.deepEqual(await storage(page, P), {}, 'Reset removes the stored answers and their schedules');

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
  const later = JSON.stringify({ s: 3.173, d: 5.2824, t: Date.now(), due: 99999, n: 1, l: 0, k: 'animals/marsupials', ok: 1 });
  await page.evaluate((entries) => { for (const [k, v] of entries) localStorage.setItem(k, v); }, [
    [`${P}${ID(1)}:${stale}`, JSON.stringify({ a: [1], c: 1 })],
    [`${P}srs:p:${ID(1)}:${stale}`, later],
    [`${P}${ID(2)}:${hash2}`, JSON.stringify({ a: [0, 2], c: 1 })],
    [`${P}srs:p:${ID(2)}:${hash2}`, later],
  ]);
  await page.reload();
  await assertUnanswered(page, 1);
  assert.ok((await classes(q(page, 2))).includes('is-correct'), 'an answer under the current hash is restored');
  assert.equal(await score(page), 'Score: 1 of 3');
  let saved = await storage(page, `${P}srs:`);
  assert.deepEqual(Object.keys(saved), [`${P}srs:p:${ID(2)}:${hash2}`], 'the schedule under the old hash is dropped, so the hub stops counting it');
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
  saved = await storage(page, `${P}srs:`);
  assert.deepEqual(Object.keys(saved), [`${P}srs:p:${ID(2)}:${hash2}`], 'the edited question starts its schedule again');
});

browserTest('the end of the set sums up: the score, and the missed questions with links to the guide', async ({ page, site }) => {
  await page.goto(site.url(PAGE));
  const summary = page.locator('[data-practice] .practice-summary');
  assert.ok(await summary.isHidden());
  await answer(page, 1, [1]);
  await answer(page, 2, [0]);
  assert.ok(await summary.isHidden(), 'no summary before the last answer');
  await answer(page, 3, [2]);
  assert.ok(await summary.isVisible(), 'every question answered: the summary');
  assert.equal(await text(summary.locator('.summary-score')), 'You answered 1 of 3 correctly.');
  await liveSays(page, /Score: 1 of 3 You answered 1 of 3 correctly\./);
  const missed = await summary.locator('.missed-list li').evaluateAll((lis) => lis.map((li) => ({
    text: li.textContent,
    links: Array.from(li.querySelectorAll('a'), (a) => a.getAttribute('href')),
  })));
  assert.equal(missed.length, 2);
  assert.match(missed[0].text, /^Question 2: Which of these are marsupials\?/);
  assert.deepEqual(missed[0].links, ['#q2', '../#check-yourself']);
  assert.match(missed[1].text, /^Question 3: /);
  // The guide link leads to the set in the guide.
  await summary.locator('a.missed-guide').first().click();
  assert.match(page.url(), /\/docs\/animals\/marsupials\/#check-yourself$/);
  await page.goBack();

  // Retrying the missed ones takes the summary away until they are answered again.
  await page.locator('[data-practice] .practice-summary button.retry-missed').click();
  assert.ok(await summary.isHidden());
  await assertUnanswered(page, 2);
  await answer(page, 2, [0, 2]);
  await answer(page, 3, [1]);
  assert.equal(await text(summary.locator('.summary-score')), 'All 3 correct. Well done!');
  assert.ok(await summary.locator('.summary-missed').isHidden());
});

browserTest('a question due for review is asked again; the others keep their answers', async ({ page, site }) => {
  const start = new Date('2026-03-02T10:00:00').getTime();
  await page.clock.setFixedTime(start);
  await page.goto(site.url(PAGE));
  await answer(page, 1, [0]); // wrong: again, due tomorrow
  await answer(page, 2, [0, 2]); // right: good, due in 3 days
  await page.reload();
  assert.ok((await classes(q(page, 1))).includes('is-incorrect'), 'the same day, answers are restored');
  await page.clock.setFixedTime(start + 864e5);
  await page.reload();
  await assertUnanswered(page, 1);
  assert.ok((await classes(q(page, 1))).includes('due'));
  assert.match(await text(q(page, 1).locator('legend')), /Due for review/);
  assert.ok((await classes(q(page, 2))).includes('is-correct'), 'a question not yet due keeps its answer');
  await answer(page, 1, [1]);
  assert.ok(!(await classes(q(page, 1))).includes('due'));
  const P = await storagePrefix(page);
  const [state] = Object.values(await storage(page, `${P}srs:p:${ID(1)}:`)).map((v) => JSON.parse(v));
  assert.deepEqual([state.n, state.ok, state.l], [2, 1, 0], 'the second answer is the second review');
});

browserTest('each option has one control, its letter, which shows its state', async ({ page, site }) => {
  await page.goto(site.url(PAGE));
  const option = (n, i) => q(page, n).locator(`fieldset > label:nth-of-type(${Number(i) + 1})`);
  const box = await option(1, 0).locator('input').boundingBox();
  assert.ok(box.width <= 1 && box.height <= 1, `the radio is out of sight (${box.width}x${box.height})`);
  assert.equal(await option(1, 0).locator('input').evaluate((i) => getComputedStyle(i).opacity), '0');
  assert.ok(await option(1, 0).locator("input + b").isVisible());
  const look = (n, i) => option(n, i).locator("input + b").evaluate((el) => {
    const s = getComputedStyle(el);
    return `${s.backgroundColor} ${s.borderColor} ${s.borderRadius}`;
  });
  const idle = await look(1, 0);
  await option(1, 0).click();
  assert.ok(await option(1, 0).locator('input').isChecked(), 'clicking the option picks it');
  const picked = await look(1, 0);
  assert.notEqual(picked, idle, 'the picked letter looks picked');
  assert.notEqual(await look(2, 0), idle, 'a checkbox letter is square, a radio letter round');
  await q(page, 1).locator('button.check').click();
  // Answered: the options are locked, and each letter says what it was.
  const [wrong, right, other] = [await look(1, 0), await look(1, 1), await look(1, 2)];
  assert.equal(new Set([wrong, right, other, idle]).size, 3, `wrong ${wrong}, right ${right}, other ${other}`);
  assert.equal(other, idle, 'an option neither picked nor right stays as it was');
  assert.ok(await option(1, 0).locator('input').isDisabled());
});

browserTest('on a phone the score stays in sight while answering', { context: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } }, async ({ page, site }) => {
  await page.goto(site.url(PAGE));
  await answer(page, 1, [1]);
  await q(page, 3).locator('button.check').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 200));
  const bar = await page.locator('[data-practice] .practice-toolbar .score-bar').boundingBox();
  const score = await page.locator('[data-practice] .practice-toolbar .score').boundingBox();
  assert.ok(await page.evaluate(() => window.scrollY) > 400, 'the page is scrolled');
  for (const [what, b] of [['score bar', bar], ['score', score]]) {
    assert.ok(b && b.y >= 0 && b.y + b.height <= 740 && b.width > 10, `${what} in view: ${JSON.stringify(b)}`);
  }
  assert.ok(bar.width > 300, `the bar spans the screen (${bar.width}px)`);
  const toolbar = await page.locator('[data-practice] .practice-toolbar').boundingBox();
  assert.ok(toolbar.height < 70, `the toolbar takes little of the screen (${toolbar.height}px)`);
});

browserTest('a practice page of 20 questions weighs under 30 KB gzipped, with its CSS and JS', async ({ page, session }) => {
  // A guide with 20 questions of four options, feedback and an explanation each.
  const src = tempDir('weight-src');
  let body = '---\ntitle: Drill\ntags: [python]\n---\nSome text.\n\n## Check yourself {.practice}\n\n';
  for (let n = 1; n <= 20; n++) {
    body += `${n}. Which of these statements about list comprehension number ${n} is true?\n\n` +
      '   - [ ] It always creates a generator object lazily\n     > No: brackets build a list right away.\n' +
      '   - [x] It builds a new list from an iterable\n' +
      '   - [ ] It modifies the original list in place\n     > No: the original is untouched.\n' +
      '   - [ ] It only works with range objects\n\n' +
      '   > A list comprehension runs at once and returns a new list; parentheses make a generator.\n\n';
  }
  fs.mkdirSync(path.join(src, 'content/py'), { recursive: true });
  fs.writeFileSync(path.join(src, 'site.toml'), 'title = "Weight"\n');
  fs.writeFileSync(path.join(src, 'content/py/_index.md'), '---\ntitle: Python\n---\n');
  fs.writeFileSync(path.join(src, 'content/py/drill.md'), body);
  const out = tempDir('weight-out');
  buildSite(src, path.join(out, 'w'));
  const server = await serve(out);
  try {
    const loaded = [];
    page.on('response', (res) => {
      const type = res.request().resourceType();
      if (['document', 'stylesheet', 'script'].includes(type)) loaded.push(res.url());
    });
    await page.goto(`${server.origin}/w/py/drill/practice/`);
    await page.waitForLoadState('load');
    assert.equal(await page.locator('.practice-questions > li').count(), 20);
    let total = 0;
    const sizes = [];
    for (const url of loaded) {
      const rel = decodeURIComponent(new URL(url).pathname).replace(/^\/w\//, '').replace(/\/$/, '/index.html');
      const gz = zlib.gzipSync(fs.readFileSync(path.join(out, 'w', rel)), { level: 9 }).length;
      sizes.push(`${rel} ${gz}`);
      total += gz;
    }
    console.log(`page weight, gzip -9: ${total} bytes (${sizes.join(', ')})`);
    assert.ok(loaded.some((u) => u.includes('syllabus.js')) && loaded.some((u) => u.includes('style.css')), loaded.join(' '));
    assert.ok(total < 30 * 1024, `${total} bytes: ${sizes.join(', ')}`);
  } finally {
    await server.close();
  }
  session.allowFailure('favicon');
});

browserTest('without JavaScript every question shows and <details> reveals the answer', { context: { javaScriptEnabled: false } }, async ({ page, site }) => {
  await page.goto(site.url(PAGE));
  assert.ok(await page.locator('[data-practice] .no-js-note').isVisible(), 'the no-JS note is shown');
  assert.ok(await page.locator('[data-practice] .practice-toolbar').isHidden(), 'no score toolbar without JS');
  const questions = page.locator('.practice-questions > li');
  assert.equal(await questions.count(), 3);
  for (const n of [1, 2, 3]) {
    const qn = q(page, n);
    // A stem of one paragraph is the legend's text, else a block after it.
    const stem = qn.locator(n === 3 ? '.question-stem' : 'legend');
    assert.ok(await stem.isVisible(), `Q${n} stem visible`);
    assert.match(await text(qn.locator('legend > b')), new RegExp(`^Question ${n}$`, 'i'));
    assert.ok((await qn.locator("fieldset > label").count()) >= 3, `Q${n} options`);
    assert.ok(await qn.locator("fieldset > label").first().isVisible());
    assert.ok(await qn.locator('button.check').isHidden(), `Q${n}: no Check button without JS`);
    assert.ok(await qn.locator('form > details > summary').isVisible(), `Q${n} has a Show answer summary`);
    assert.ok(await qn.locator('form > details > p').first().isHidden(), `Q${n} answer is closed at first`);
  }
  // The code block in Q3's stem.
  assert.match(await text(q(page, 3).locator('.question-stem pre code')), /print\(len\(pouch\)\)/);

  await q(page, 1).locator('form > details > summary').click();
  const body = q(page, 1).locator('form > details');
  assert.ok(await body.isVisible());
  assert.match(await text(body.locator('> p').first()), /Correct answer: B/);
  assert.match(await text(body.locator('.explanation')), /Wombats, kangaroos and koalas/);
  assert.match(await text(body), /Hedgehogs are placental mammals/, 'per-option feedback is listed too');
  assert.ok(await q(page, 2).locator('form > details > p').first().isHidden(), 'other answers stay closed');

  await q(page, 2).locator('form > details > summary').click();
  assert.match(await text(q(page, 2).locator('form > details > p').first()), /Correct answers: A, C/);
});

/** Waits until the live region says `re`. */
async function liveSays(page, re) {
  await waitForText(page, '#syl-live', re);
  assert.equal(await page.getAttribute('#syl-live', 'aria-live'), 'polite');
}

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
  return !!el && el.matches(sel) && !!el.closest(`li#${id}`);
};

browserTest('keyboard only: Tab, arrows, Space and Enter answer, and the feedback is announced', async ({ page, site }) => {
  await page.goto(site.url(PAGE));
  const live = (re) => liveSays(page, re);

  // Q1: Tab into the radio group, ArrowDown picks B, Tab to Check, Enter.
  await tabTo(page, 'Q1 options', focusedIn, [LOCAL(1), 'input[type="radio"]']);
  assert.match(await page.evaluate(() => document.activeElement.parentNode.textContent), /^A /, 'Tab lands on the first option');
  await page.keyboard.press('ArrowDown');
  assert.ok(await q(page, 1).locator('fieldset > label:nth-of-type(2) > input').isChecked(), 'ArrowDown picks the next option');
  await tabTo(page, 'Q1 Check button', focusedIn, [LOCAL(1), 'button.check']);
  await page.keyboard.press('Enter');
  assert.ok((await classes(q(page, 1))).includes('is-correct'));
  await live(/Correct!.*Wombats.*Score: 1 of 3/s);
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('feedback')), 'focus moves to the feedback');

  // Q2: Space toggles checkboxes A and C.
  await tabTo(page, 'Q2 option A', focusedIn, [LOCAL(2), 'label:nth-of-type(1) > input']);
  await page.keyboard.press('Space');
  await tabTo(page, 'Q2 option C', focusedIn, [LOCAL(2), 'label:nth-of-type(3) > input']);
  await page.keyboard.press('Space');
  await tabTo(page, 'Q2 Check button', focusedIn, [LOCAL(2), 'button.check']);
  await page.keyboard.press('Enter');
  assert.ok((await classes(q(page, 2))).includes('is-correct'));
  await live(/Correct!.*Score: 2 of 3/s);

  // Q3 wrong with Space on the first radio: the option's feedback is read out.
  await tabTo(page, 'Q3 options', focusedIn, [LOCAL(3), 'input[type="radio"]']);
  await page.keyboard.press('Space');
  await tabTo(page, 'Q3 Check button', focusedIn, [LOCAL(3), 'button.check']);
  await page.keyboard.press('Enter');
  assert.ok((await classes(q(page, 3))).includes('is-incorrect'));
  await live(/Not quite.*The list holds one item.*Score: 2 of 3/s);

  // Try again by keyboard: focus returns to the options.
  await tabTo(page, 'Q3 Try again', focusedIn, [LOCAL(3), 'button.try-again'], 'Shift+Tab');
  await page.keyboard.press('Enter');
  await assertUnanswered(page, 3);
  assert.ok(await page.evaluate(focusedIn, [LOCAL(3), 'input']), 'Try again puts focus back on the options');
});
