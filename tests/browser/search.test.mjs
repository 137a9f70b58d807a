// Site search: a box #syl-search in the header, results in
// #syl-search-results as role="option" items, the index under search/
// fetched only once the reader starts searching.
//
// These tests are skipped while the theme has no #syl-search at all (checked
// in the browser when the file starts), and run by themselves once it does.

import assert from 'node:assert/strict';
import { suite, startSite, serve, launchBrowser, Session, waitForText, searchTyper } from './lib/harness.mjs';

const site = await startSite();
const browser = await launchBrowser();
const { browserTest } = suite({ site, browser });

async function searchInTheme() {
  const session = await new Session(browser).start();
  try {
    const page = await session.newPage();
    await page.goto(site.url(''));
    return (await page.$('#syl-search')) !== null;
  } finally {
    await session.close();
  }
}
const skip = (await searchInTheme()) ? false : 'search UI not in theme yet';

// The only place the word "quokka" occurs in the fixture is this question's heading.
const QUOKKA = 'animals/marsupials/#q-where-does-the-quokka-live';
const START = 'lang/rust/'; // a page two folders down, in another section

/** The role="option" items shown, with the URL each leads to. */
function options(page) {
  return page.locator('#syl-search-results [role="option"]').evaluateAll((els) => els.map((el) => {
    const a = el.matches('a[href]') ? el : el.querySelector('a[href]');
    const raw = a ? a.getAttribute('href') : el.getAttribute('data-url') || el.getAttribute('data-href');
    return {
      id: el.id,
      text: el.textContent.replace(/\s+/g, ' ').trim(),
      url: raw == null ? null : new URL(raw, location.href).href,
      selected: el.getAttribute('aria-selected') === 'true',
      visible: !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length),
    };
  }));
}

browserTest('search: nothing under search/ is fetched before the box is focused, and "/" focuses it', { skip }, async ({ page, session }) => {
  await page.goto(site.url(START));
  await page.waitForLoadState('networkidle');
  assert.ok(await page.locator('#syl-search').isVisible(), 'the search box is shown');
  assert.deepEqual(session.requested('/docs/search/'), [], 'the index is not loaded with the page');

  assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'syl-search', '"/" focuses the box');
  assert.equal(await page.inputValue('#syl-search'), '', 'the "/" is not typed into the box');

  // Typing "/" into the box itself types it, rather than refocusing.
  await page.keyboard.type('a/b');
  assert.equal(await page.inputValue('#syl-search'), 'a/b');
});

browserTest('search: a word found only in one question heading lists that question; ArrowDown + Enter opens it', { skip }, async ({ page, session }) => {
  await page.goto(site.url(START));
  await page.locator('#syl-search').focus();
  await page.keyboard.type('Quokka');
  await page.locator('#syl-search-results [role="option"]').first().waitFor({ state: 'visible' });
  assert.ok(session.requested('/docs/search/').length > 0, 'the index is fetched from the site\'s own search/ folder');
  assert.equal(await page.getAttribute('#syl-search', 'aria-expanded'), 'true');

  const found = await options(page);
  const questions = found.filter((o) => o.url && o.url.includes('#q-'));
  assert.deepEqual(questions.map((o) => o.url), [site.url(QUOKKA)], `question results: ${JSON.stringify(found)}`);
  assert.match(questions[0].text, /Where does the quokka live\?/i);
  assert.ok(found.every((o) => o.url && o.url.startsWith(site.url('animals/marsupials/'))), `only Marsupials matches: ${JSON.stringify(found)}`);

  const chosen = async () => {
    const active = await page.getAttribute('#syl-search', 'aria-activedescendant');
    const now = await options(page);
    const o = now.find((x) => x.selected) || now.find((x) => active && x.id === active);
    return o && o.url;
  };
  assert.equal(await chosen(), undefined, 'nothing is chosen before ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await chosen(), found[0].url, 'ArrowDown from the box chooses the first result (aria-selected or aria-activedescendant)');
  // Should the guide itself rank above its question, walk down to the question.
  for (let i = 1; i < found.length && (await chosen()) !== site.url(QUOKKA); i++) await page.keyboard.press('ArrowDown');
  assert.equal(await chosen(), site.url(QUOKKA));
  await page.keyboard.press('Enter');
  await page.waitForURL(site.url(QUOKKA));
  assert.ok(await page.locator('#q-where-does-the-quokka-live').isVisible());
});

browserTest('search: a word that is nowhere says so', { skip }, async ({ page }) => {
  await page.goto(site.url(''));
  await page.locator('#syl-search').focus();
  await page.keyboard.type('zzyzxq');
  await waitForText(page, '.site-search', /No results/);
  assert.equal(await page.locator('#syl-search-results [role="option"]').count(), 0);
});

/** The row leading to `url` once it is shown: its excerpt's text and the words marked in it and in its title. */
async function rowFor(page, url) {
  const href = new URL(url).pathname + new URL(url).hash;
  const handle = await page.waitForFunction((want) => {
    const li = Array.from(document.querySelectorAll('#syl-search-results [role="option"]'))
      .find((el) => { const u = new URL(el.getAttribute('data-href'), location.href); return u.pathname + u.hash === want; });
    if (!li) return null;
    const excerpt = li.querySelector('.result-excerpt');
    return {
      excerpt: excerpt ? excerpt.textContent : '',
      excerptMarks: excerpt ? Array.from(excerpt.querySelectorAll('mark'), (m) => m.textContent) : [],
      titleMarks: Array.from(li.querySelectorAll('.result-title mark'), (m) => m.textContent),
    };
  }, href, { timeout: 5000 });
  return handle.jsonValue();
}

browserTest('search: a word finds its other forms, with an excerpt around the match and the words marked', { skip }, async ({ page }) => {
  await page.goto(site.url(START));
  await page.locator('#syl-search').focus();
  // The section says "generators" once, well into its text; the query is singular. (Typed
  // at once: the results of a word half typed may show the same row, marked otherwise.)
  await page.fill('#syl-search', 'generator');
  const row = await rowFor(page, site.url('lang/python/#generators'));
  assert.deepEqual(row.titleMarks, ['Generators'], 'the title marks the word');
  assert.deepEqual(row.excerptMarks, ['generators'], `the excerpt marks the word: ${row.excerpt}`);
  assert.match(row.excerpt, /^…/, `the excerpt starts near the match, not at the section's start: ${row.excerpt}`);
  assert.ok(!row.excerpt.includes('A function turns'), row.excerpt);

  // And the other way round: "pausing" finds "pauses", "yielded" finds "yield".
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#syl-search-results [role="option"]'));
  await page.fill('#syl-search', 'yielded pausing');
  const both = await rowFor(page, site.url('lang/python/#generators'));
  assert.deepEqual(both.excerptMarks, ['yield', 'pauses'], both.excerpt);
});

browserTest('search: N+1, as typed, finds the FAQ entry on the home page', { skip }, async ({ page }) => {
  await page.goto(site.url(START));
  await page.locator('#syl-search').focus();
  await page.keyboard.type('N+1');
  const row = await rowFor(page, site.url('#what-is-the-n1-query-problem'));
  assert.deepEqual(row.titleMarks, ['N+1']);
  await page.keyboard.press('Enter');
  await page.waitForURL(site.url('#what-is-the-n1-query-problem'));
});

browserTest('search: typed letter by letter, a word fetches no shard until it can narrow, and its results stay put', { skip }, async ({ page, session }) => {
  await page.goto(site.url(START));
  const type = await searchTyper(page);
  const files = (dir) => session.requested(`/docs/search/${dir}/`).map((u) => new URL(u).pathname);
  await type('qu');
  assert.deepEqual(files('t'), [], 'no shard for "q" or "qu": no word of the index is that short');
  await type('okka');
  const shards = files('t'), chunks = files('d');
  assert.ok(shards.length >= 1 && chunks.length >= 1, 'the word is looked up and its results fetched');
  await type(' live');
  assert.deepEqual(files('d'), chunks, 'the second word narrows the same results: no new documents');
  await rowFor(page, site.url(QUOKKA));
});

browserTest('search: on a host that ignores range requests, a pack is fetched once and results still show', { skip }, async ({ page, session }) => {
  // The same built site, served by a host that always sends whole files.
  const whole = await serve(site.dir, { ranges: false });
  try {
    const url = (p) => `${whole.origin}/docs/${p}`;
    await page.goto(url(START));
    await page.locator('#syl-search').focus();
    await page.fill('#syl-search', 'quokka');
    await rowFor(page, url(QUOKKA));
    await page.fill('#syl-search', 'generator');
    await rowFor(page, url('lang/python/#generators'));
    const got = (dir) => session.requested(`${whole.origin}/docs/search/${dir}`);
    assert.equal(got('d/').length, 1, 'the chunk pack came whole once; later chunks are cut from it');
    assert.equal(got('o.bin').length, 1, 'so did the chunk offsets');
  } finally {
    await whole.close();
  }
});
