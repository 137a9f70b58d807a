// Every page of the built fixture, served under /docs/: no console errors,
// no uncaught exceptions, no failed requests, and every link inside the site
// (relative, so it must work from a sub-path) leads to a page that exists and
// has the anchor it names.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, buildSite, FIXTURE } from './lib/harness.mjs';

const { browserTest } = suite();

function htmlPages(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const rel = path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/');
    out.push(rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
  }
  return out.sort();
}

browserTest('every page loads cleanly and its links resolve under /docs/', { timeout: 45000 }, async ({ page, site }) => {
  // 404.html is served in place of any missing URL, at any depth, so its links
  // start from base_url's path ("/" without one): it gets its own test below.
  const pages = htmlPages(path.join(site.dir, 'docs')).filter((p) => p !== '404.html');
  for (const p of ['', 'animals/', 'animals/marsupials/', 'animals/marsupials/practice/', 'animals/marsupials/faq/',
    'flashcards/', 'practice/', 'questions/', 'faq/', 'tags/', 'tags/trivia/']) {
    assert.ok(pages.includes(p), `the fixture builds ${p || 'the home page'}`);
  }
  // A guide's flashcards are a deck of flashcards/ (?guide=), not a page of their own.
  assert.deepEqual(pages.filter((p) => p.endsWith('/flashcards/')), []);

  const ids = new Map(); // page URL (no hash) -> element ids on it
  const links = new Map(); // target URL -> a page linking to it
  for (const p of pages) {
    const url = site.url(p);
    const res = await page.goto(url);
    assert.equal(res.status(), 200, url);
    const found = await page.evaluate(() => ({
      ids: Array.from(document.querySelectorAll('[id]'), (el) => el.id),
      hrefs: Array.from(document.querySelectorAll('a[href], link[href]'), (a) => a.href),
      srcs: Array.from(document.querySelectorAll('script[src], img[src]'), (s) => s.src),
    }));
    ids.set(url, new Set(found.ids));
    for (const href of [...found.hrefs, ...found.srcs]) {
      if (href.startsWith(site.origin) && !links.has(href)) links.set(href, url);
    }
  }

  const broken = [];
  for (const [href, from] of links) {
    const target = new URL(href);
    const hash = decodeURIComponent(target.hash.slice(1));
    target.hash = '';
    if (!target.pathname.startsWith('/docs/')) {
      broken.push(`${href} (on ${from}) leaves the site's sub-path`);
      continue;
    }
    let known = ids.get(target.href);
    if (!known) {
      const res = await fetch(target.href, { method: 'HEAD' });
      if (res.status !== 200) broken.push(`${href} (on ${from}): HTTP ${res.status}`);
      continue;
    }
    if (hash && !known.has(hash)) broken.push(`${href} (on ${from}): no element with id "${hash}"`);
  }
  assert.deepEqual(broken, [], 'broken links:\n' + broken.join('\n'));
});

browserTest('the FAQ entry named in the URL opens', async ({ page, site }) => {
  await page.goto(site.url('animals/marsupials/faq/#how-big-is-a-newborn-kangaroo'));
  const entry = page.locator('details#how-big-is-a-newborn-kangaroo');
  await entry.locator(':scope > p').first().waitFor({ state: 'visible' });
  assert.equal(await entry.evaluate((d) => d.open), true);
  assert.equal(await page.locator('details#do-all-marsupials-live-in-australia').evaluate((d) => d.open), false);
});

browserTest('the home page\'s FAQ opens the site-wide FAQ and leads back to the home page', async ({ page, site }) => {
  await page.goto(site.url('faq/'));
  const first = page.locator('section.faq-group').first();
  assert.equal(await first.locator('h2').innerText(), 'Browser test site');
  const entry = first.locator('details');
  await entry.locator('summary').click();
  await entry.locator(':scope > p').first().waitFor({ state: 'visible' });
  assert.match(await entry.innerText(), /one query and then each row/);
  await first.locator('.group-more a').click();
  await page.waitForURL(/\/docs\/#faq$/);
  assert.ok(await page.locator('h2#faq').isVisible(), 'the FAQ heading of the home page');
  assert.ok(await page.locator('details#what-is-the-n1-query-problem').isVisible());
});

browserTest('a missing URL gets the 404 page, whose links work from any depth when base_url is set', async ({ page, site, session }) => {
  // The same fixture built for https://HOST/docs-based/ (base_url from the command line).
  buildSite(FIXTURE, path.join(site.dir, 'docs-based'), ['--base-url', `${site.origin}/docs-based`]);
  const missing = `${site.origin}/docs-based/no/such/page/`;
  session.allowFailure(missing); // the one deliberate failure: the document's own 404
  const res = await page.goto(missing);
  assert.equal(res.status(), 404);
  assert.match(await page.locator('h1').innerText(), /Page not found/);
  assert.ok(
    await page.evaluate(() => document.styleSheets.length >= 2 && Array.from(document.styleSheets).every((s) => s.cssRules.length > 0)),
    'the stylesheets loaded',
  );
  const hrefs = await page.evaluate(() => Array.from(document.querySelectorAll('a[href]'), (a) => a.href));
  const broken = [];
  for (const href of hrefs) {
    const url = new URL(href);
    url.hash = '';
    if (url.href === missing) continue; // the skip link
    if (!url.pathname.startsWith('/docs-based/')) broken.push(`${href} leaves the site's sub-path`);
    else if ((await fetch(url, { method: 'HEAD' })).status !== 200) broken.push(`${href} is broken`);
  }
  assert.deepEqual(broken, []);
  await page.locator('.site-nav a', { hasText: 'Animals' }).click();
  await page.waitForURL(`${site.origin}/docs-based/animals/`);
});

browserTest('a heading of the text is a link to itself once scripts run', async ({ page, site }) => {
  await page.goto(site.url('animals/marsupials/'));
  const link = page.locator('h2#basics > a[href="#basics"]');
  await link.waitFor();
  assert.equal((await link.textContent()).trim(), 'Basics');
  assert.equal(await page.locator('h3#q-where-does-the-quokka-live > a').getAttribute('href'), '#q-where-does-the-quokka-live');
});

browserTest('without scripts the contents list links each heading, whose id the HTML writes once', { context: { javaScriptEnabled: false } }, async ({ page, site }) => {
  await page.goto(site.url('animals/marsupials/'));
  assert.equal(await page.locator('h2#basics a').count(), 0);
  assert.equal(await page.locator('.toc a[href="#basics"]').count(), 1);
});
