// Formulas, written as MathML when the site is built, on the sample site's
// complexity guide (content/python/complexity.md) and its study pages: the
// browser lays them out with and without JavaScript (fractions stacked,
// scripts raised and lowered, the TeX source hidden), the site's own math
// font loads from the site, no page logs a console error or fails a
// request, a display formula wider than a phone scrolls by itself as a
// named tab stop, and practice options that are formulas work like others.

import assert from 'node:assert/strict';
import { suite, startSite, REPO } from './lib/harness.mjs';
import { axeProblems, overflow } from './lib/audit.mjs';

const { browserTest } = suite({ site: await startSite(REPO) });

const GUIDE = 'python/complexity/';
const DECK = 'flashcards/?guide=python/complexity';
const PAGES = [GUIDE, `${GUIDE}practice/`, `${GUIDE}faq/`, DECK, 'questions/'];

/**
 * The visible formulas of the page: how many, and what is wrong with their
 * layout (empty: nothing), each problem naming the formula's TeX.
 */
function mathLayout(page) {
  return page.evaluate(() => {
    const problems = [];
    const box = (el) => el.getBoundingClientRect();
    const maths = [...document.querySelectorAll('math')].filter((m) => m.checkVisibility());
    const children = { msub: 2, msup: 2, mfrac: 2, munder: 2, mover: 2, mroot: 2, msubsup: 3, munderover: 3 };
    for (const math of maths) {
      const tex = math.querySelector('annotation')?.textContent;
      const wrong = (what) => problems.push(`${what} in $${tex}$`);
      if (!tex) wrong('no TeX annotation');
      if (!(box(math).width > 0 && box(math).height > 0)) wrong('an empty box');
      if (math.querySelector('annotation').getClientRects().length) wrong('the TeX source shown');
      if (!getComputedStyle(math).fontFamily.includes('Syllabus Math')) wrong('not the math fonts');
      for (const el of math.querySelectorAll(Object.keys(children).join(','))) {
        const tag = el.localName;
        if (el.children.length !== children[tag]) {
          wrong(`<${tag}> with ${el.children.length} children`);
          continue;
        }
        const [base, first, second] = [...el.children].map(box);
        // Half a pixel of slack for rounding.
        if (tag === 'mfrac' && !(base.bottom <= first.top + 0.5)) wrong('a numerator not above its denominator');
        if ((tag === 'msub' || tag === 'msubsup') && !(first.bottom > base.bottom)) wrong('a subscript not lowered');
        if (tag === 'msup' && !(first.top < base.top)) wrong('a superscript not raised');
        if (tag === 'msubsup' && !(second.top < base.top)) wrong('a superscript not raised');
        if (tag === 'munderover' && !(first.top >= base.bottom - 0.5 && second.bottom <= base.top + 0.5)) {
          wrong('limits not below and above');
        }
      }
      if (math.getAttribute('display') === 'block') {
        const frame = box(math.parentElement);
        const shape = box(math);
        if (!getComputedStyle(math).display.startsWith('block')) wrong('a display formula not on its own line');
        const [left, right] = [shape.left - frame.left, frame.right - shape.right];
        if (shape.width < frame.width - 2 && Math.abs(left - right) > 2) wrong(`a display formula not centred (${left} | ${right})`);
      }
    }
    return { count: maths.length, problems };
  });
}

browserTest('the formulas of a guide and its study pages are laid out as mathematics', async ({ page, site }) => {
  for (const p of PAGES) {
    await page.goto(site.url(p));
    // Answers wait in closed details (FAQ entries, bank answers) or on the
    // back of the guide's first card.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    if (p === DECK) {
      await page.locator('article.flashcard[data-card-id]').waitFor();
      await page.locator('article.flashcard button.reveal').click();
    }
    await page.evaluate(() => document.fonts.ready);
    const { count, problems } = await mathLayout(page);
    assert.ok(count > 0, `${p} shows no formula`);
    assert.deepEqual(problems, [], `${p}:\n${problems.join('\n')}`);
  }
});

browserTest('without JavaScript the formulas are laid out all the same', { context: { javaScriptEnabled: false } }, async ({ page, site }) => {
  for (const p of [GUIDE, `${GUIDE}practice/`]) {
    await page.goto(site.url(p));
    const { count, problems } = await mathLayout(page);
    assert.ok(count >= 10, `${p} shows ${count} formulas`);
    assert.deepEqual(problems, [], `${p}:\n${problems.join('\n')}`);
  }
});

browserTest("the math font comes from the site, and only to pages with formulas", async ({ page, site, session }) => {
  await page.goto(site.url('python/generators/'));
  await page.waitForLoadState('load');
  assert.equal(await page.locator('math').count(), 0);
  assert.ok(await page.locator('link[href*="math/math.css"]').count(), 'every page links math.css');
  await page.evaluate(() => document.fonts.ready);
  assert.deepEqual(session.requested('stix-math.woff2'), [], 'a page without formulas fetches no math font');

  await page.goto(site.url(GUIDE));
  // Here the system's own math fonts come first; ask for the site's font
  // by name, as a reader without one would get it.
  const loaded = await page.evaluate(async () => (await document.fonts.load('24px "Syllabus Math"', '∑')).map((f) => f.status));
  assert.deepEqual(loaded, ['loaded'], 'math/stix-math.woff2 loads and decodes');
  const fetched = session.requested('stix-math.woff2');
  assert.ok(fetched.length > 0 && fetched.every((u) => u.startsWith(site.base)), fetched.join('\n'));
});

browserTest('on a phone a wide display formula scrolls by itself, as a named tab stop', { context: { viewport: { width: 360, height: 800 } } }, async ({ page, site }) => {
  await page.goto(site.url(GUIDE));
  const sideways = await overflow(page);
  assert.ok(sideways.scrollWidth <= sideways.width, `the page scrolls sideways: ${JSON.stringify(sideways)}`);
  const wide = page.locator('.math-display[tabindex="0"]').first();
  await wide.waitFor();
  assert.equal(await wide.getAttribute('role'), 'group');
  assert.equal(await wide.getAttribute('aria-label'), 'Formula');
  assert.ok(await wide.evaluate((el) => el.scrollWidth > el.clientWidth), 'the formula is wider than its box');
  // Every display formula that scrolls is one (and only those are).
  const stops = await page.evaluate(() => [...document.querySelectorAll('.math-display')]
    .filter((el) => (el.scrollWidth > el.clientWidth + 1) !== (el.getAttribute('tabindex') === '0')).length);
  assert.equal(stops, 0, 'scrolling formulas and tab stops differ');

  await wide.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((el) => el.scrollLeft > 0, await wide.elementHandle());
  assert.deepEqual(await axeProblems(page), []);
});

browserTest('a practice question whose options are formulas is answered like any other', async ({ page, site }) => {
  await page.goto(site.url(`${GUIDE}practice/`));
  // "23 keys are hashed uniformly into 365 slots..." : B, about 50%, is right.
  const question = page.locator('.practice-questions > li').filter({ hasText: '23 keys are hashed' });
  const right = question.locator("fieldset > label").filter({ has: page.locator('annotation', { hasText: '50\\%' }) });
  await right.locator('math').click();
  assert.ok(await right.locator('input').isChecked(), 'clicking the formula picks its option');
  await question.locator('button.check').click();
  await question.locator('.feedback').waitFor({ state: 'visible' });
  assert.ok((await question.getAttribute('class')).split(/\s+/).includes('is-correct'));
  const explained = question.locator('.feedback math');
  assert.ok(await explained.count() > 0, 'the explanation shows its formulas');
  const { problems } = await mathLayout(page);
  assert.deepEqual(problems, [], problems.join('\n'));
});
