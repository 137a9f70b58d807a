// A site in two languages (tests/fixtures/languages/site): the language
// switcher moves between a page and its translation (or the other
// language's home page), search on a French page searches the French index
// (with the French stemmer),
// and progress kept in localStorage does not mix the languages.

import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO, suite, startSite, storagePrefix, storage, waitForText } from './lib/harness.mjs';

const site = await startSite(path.join(REPO, 'tests/fixtures/languages/site'));
const { browserTest } = suite({ site });

const EN = 'sql/joins/';
const FR = 'fr/sql/jointures/';
const switcher = (page, name) => page.locator('.nav-languages a', { hasText: name });

browserTest('languages: the switcher moves between a guide and its translation', async ({ page }) => {
  await page.goto(site.url(FR));
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await switcher(page, 'Français').getAttribute('aria-current'), 'true');
  await switcher(page, 'English').click();
  await page.waitForURL(site.url(EN));
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h1').first().textContent(), 'Joins');
  await switcher(page, 'Français').click();
  await page.waitForURL(site.url(FR));
  assert.equal(await page.locator('h1').first().textContent(), 'Jointures');

  // A guide with no French version leads to the French home page.
  await page.goto(site.url('sql/indexes/'));
  const french = switcher(page, 'Français');
  assert.match(await french.getAttribute('title'), /Not translated/);
  await french.click();
  await page.waitForURL(site.url('fr/'));
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
});

browserTest('languages: search on a French page finds French text, from the French index', async ({ page, session }) => {
  await page.goto(site.url(FR));
  await page.locator('#syl-search').focus();
  await page.keyboard.type('correspondantes');
  const first = page.locator('#syl-search-results [role="option"]').first();
  await first.waitFor({ state: 'visible' });
  assert.ok(session.requested('/docs/fr/search/').length > 0, 'the French index is fetched');
  assert.deepEqual(session.requested('/docs/search/'), [], 'the English index is not');
  const href = await page.locator('#syl-search-results [role="option"]').evaluateAll((els) => els.map((el) => {
    const a = el.matches('a[href]') ? el : el.querySelector('a[href]');
    const raw = a ? a.getAttribute('href') : el.getAttribute('data-href');
    return new URL(raw, location.href).href;
  }));
  assert.ok(href.includes(site.url(`${FR}#jointures-internes`)), JSON.stringify(href));
  assert.ok(href.every((u) => u.startsWith(site.url('fr/'))), `only French pages: ${JSON.stringify(href)}`);

  // Words are matched by their French stem: "correspondait" is not in the text, nor does it
  // begin a word there, but it is "correspondantes"' stem, and "combinait" is "combine"'s.
  for (const [typed, anchor] of [['correspondait', '#jointures-internes'], ['combinait', '']]) {
    await page.locator('#syl-search').fill('');
    await page.locator('#syl-search').focus();
    await page.keyboard.type(typed);
    const hit = page.locator(`#syl-search-results [role="option"][data-href="../../sql/jointures/${anchor}"]`);
    await hit.first().waitFor({ state: 'visible' });
  }

  // The English pages search the English index, where the word is not.
  await page.goto(site.url(EN));
  await page.locator('#syl-search').focus();
  await page.keyboard.type('correspondantes');
  await waitForText(page, '.site-search', /No results/);
});

browserTest('languages: practice progress is kept apart per language', async ({ page }) => {
  await page.goto(site.url(`${EN}practice/`));
  const en = await storagePrefix(page);
  const question = page.locator('.practice-questions > li').first();
  await question.locator('fieldset > label:nth-of-type(2) > input').check();
  await question.locator('button.check').click();
  await page.waitForFunction((p) => Object.keys(localStorage).some((k) => k.startsWith(p)), en);

  await page.goto(site.url(`${FR}practice/`));
  const fr = await storagePrefix(page);
  assert.equal(fr, `${en}fr:`);
  assert.deepEqual(await storage(page, fr), {}, 'nothing is stored under the French prefix');
  const classes = await page.locator('.practice-questions > li').first().getAttribute('class');
  assert.ok(!(classes || '').split(/\s+/).includes('answered'), 'the French question is not answered');
});
