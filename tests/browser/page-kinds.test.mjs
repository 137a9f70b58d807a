// One page of every kind, checked as a whole: axe-core finds no serious or
// critical accessibility problem in the light theme, the dark theme the
// system asks for and the dark theme picked with the toggle; no page scrolls
// sideways on a 360 px phone; and nothing moves while a page loads (CLS
// under 0.05 on a 390 px phone and on a desktop, with the scripts arriving
// after the first paint, as on a slow network).

import assert from 'node:assert/strict';
import path from 'node:path';
import { suite, buildSite, FIXTURE } from './lib/harness.mjs';
import { axeProblems, overflow, observeLayoutShifts, layoutShift, holdScriptsUntilPaint } from './lib/audit.mjs';

const { browserTest } = suite();

/**
 * A page of each kind, under /docs/; `open` brings it to the state to check,
 * `ready` waits for what the page fetches once loaded (shifts count until then).
 */
const KINDS = [
  { kind: 'home', path: '' },
  { kind: 'section', path: 'animals/' },
  { kind: 'guide', path: 'lang/rust/' },
  { kind: 'practice', path: 'lang/rust/practice/' },
  { kind: 'guide FAQ', path: 'animals/marsupials/faq/' },
  { kind: 'deck of a guide', path: 'flashcards/?guide=lang/rust', ready: deckShown, open: flipFirstCard },
  { kind: 'question bank', path: 'questions/' },
  { kind: 'practice hub', path: 'practice/' },
  { kind: 'site FAQ', path: 'faq/' },
  { kind: 'site flashcards', path: 'flashcards/' },
  { kind: 'tags', path: 'tags/' },
  { kind: 'a tag', path: 'tags/trivia/' },
  { kind: '404', path: null }, // see notFound()
];

/** The deck a flashcards URL names has been fetched and shows its first card. */
async function deckShown(page) {
  await page.locator('[data-flashcards] article.flashcard[data-card-id]').waitFor({ state: 'visible' });
}

/** The deck's first card, turned over: its answer and grading buttons show. */
async function flipFirstCard(page) {
  await deckShown(page);
  await page.locator('[data-flashcards] button.reveal').click();
  await page.locator('[data-flashcards] button.knew').waitFor({ state: 'visible' });
  return true;
}

/** With search results open (only where the theme has the search box). */
const SEARCH = { kind: 'search results', path: 'lang/rust/', open: openSearch };

async function openSearch(page) {
  if (!(await page.$('#syl-search'))) return false;
  await page.locator('#syl-search').fill('quokka');
  await page.locator('#syl-search-results [role="option"]').first().waitFor({ state: 'visible' });
  return true;
}

/**
 * The URL of a missing page. The 404 page's links start from base_url's
 * path, so it is checked on the fixture built with one, as a host serves it.
 */
let builtWithBaseUrl = false;
function notFound(site, session) {
  if (!builtWithBaseUrl) {
    buildSite(FIXTURE, path.join(site.dir, 'docs-based'), ['--base-url', `${site.origin}/docs-based`]);
    builtWithBaseUrl = true;
  }
  const missing = `${site.origin}/docs-based/no/such/page/`;
  session.allowFailure(missing);
  return missing;
}

function urlOf(k, site, session) {
  return k.path === null ? notFound(site, session) : site.url(k.path);
}

/** Runs `check(page, kind)` on every kind and fails once, listing every problem. */
async function everyKind(page, site, session, kinds, check) {
  const problems = [];
  for (const k of kinds) {
    const found = await check(k, urlOf(k, site, session));
    for (const p of found) problems.push(`${k.kind} (${k.path ?? 'a missing page'}): ${p}`);
  }
  return problems;
}

async function axeEverywhere(page, site, session, scheme) {
  return everyKind(page, site, session, [...KINDS, SEARCH], async (k, url) => {
    await page.goto(url);
    if (k.open && !(await k.open(page))) return [];
    const theme = await page.evaluate(() => {
      const dark = matchMedia('(prefers-color-scheme: dark)').matches;
      return document.documentElement.getAttribute('data-theme') || (dark ? 'dark' : 'light');
    });
    assert.equal(theme, scheme.shows, `${k.kind} is in the ${scheme.shows} theme`);
    return axeProblems(page);
  });
}

browserTest('no serious accessibility problem on any page kind, light theme; no sideways scrolling at 360 px', {
  timeout: 120000,
  context: { viewport: { width: 360, height: 740 }, colorScheme: 'light' },
}, async ({ page, site, session }) => {
  const problems = await everyKind(page, site, session, [...KINDS, SEARCH], async (k, url) => {
    await page.goto(url);
    if (k.open && !(await k.open(page))) return [];
    const found = await axeProblems(page);
    const wide = await overflow(page);
    if (wide.scrollWidth > 360) {
      found.push(`the page is ${wide.scrollWidth} px wide at 360 px: ${wide.culprits.join('; ')}`);
    }
    return found;
  });
  assert.deepEqual(problems, [], 'problems:\n' + problems.join('\n'));
});

browserTest('no serious accessibility problem on any page kind, dark theme from the system', {
  timeout: 120000,
  context: { viewport: { width: 390, height: 844 }, colorScheme: 'dark' },
}, async ({ page, site, session }) => {
  const problems = await axeEverywhere(page, site, session, { shows: 'dark' });
  assert.deepEqual(problems, [], 'problems:\n' + problems.join('\n'));
});

browserTest('no serious accessibility problem on any page kind, dark theme from the toggle', {
  timeout: 120000,
  context: { viewport: { width: 1280, height: 800 }, colorScheme: 'light' },
}, async ({ page, site, session }) => {
  await page.goto(site.url(''));
  await page.locator('.theme-toggle').click();
  await page.waitForFunction(() => document.documentElement.getAttribute('data-theme') === 'dark');
  const problems = await axeEverywhere(page, site, session, { shows: 'dark' });
  assert.deepEqual(problems, [], 'problems:\n' + problems.join('\n'));
});

for (const [device, viewport] of [['a 390 px phone', { width: 390, height: 844 }], ['a desktop', { width: 1280, height: 800 }]]) {
  browserTest(`nothing moves while a page of any kind loads on ${device} (CLS under 0.05)`, {
    timeout: 90000,
    context: { viewport },
  }, async ({ page, site, session }) => {
    await observeLayoutShifts(session.context);
    const arm = await holdScriptsUntilPaint(page);
    let measured = 0;
    const problems = await everyKind(page, site, session, KINDS, async (k, url) => {
      arm();
      await page.goto(url, { waitUntil: 'load' });
      if (k.ready) await k.ready(page);
      const { total, shifts } = await layoutShift(page);
      // The scripts did run: the theme toggle is shown by syllabus.js.
      await page.locator('.theme-toggle').waitFor({ state: 'visible' });
      measured++;
      if (total < 0.05) return [];
      const moved = shifts.map((s) => `${s.value.toFixed(3)} at ${s.at} ms (${s.sources.join(', ')})`);
      return [`CLS ${total.toFixed(3)}: ${moved.join('; ')}`];
    });
    assert.equal(measured, KINDS.length);
    assert.deepEqual(problems, [], 'layout shifts:\n' + problems.join('\n'));
  });
}

browserTest('code blocks and tables that scroll sideways take the keyboard focus, named', {
  context: { viewport: { width: 360, height: 740 } },
}, async ({ page, site }) => {
  await page.goto(site.url('lang/rust/'));
  const wide = page.locator('main pre[tabindex="0"]').first();
  await wide.waitFor({ state: 'attached' });
  assert.equal(await wide.getAttribute('aria-label'), 'rust code');
  assert.ok(await wide.evaluate((el) => el.scrollWidth > el.clientWidth), 'only a block that scrolls is a tab stop');
  const table = page.locator('main .table-wrap[tabindex="0"]');
  assert.equal(await table.getAttribute('aria-label'), 'Table');
  await wide.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.activeElement.scrollLeft > 0);
  // At desktop width the same block fits: it is no longer a tab stop.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForFunction(() => Array.from(document.querySelectorAll('main pre'))
    .every((pre) => (pre.scrollWidth > pre.clientWidth) === (pre.getAttribute('tabindex') === '0')));
  assert.equal(await page.locator('main pre[tabindex]').count(), 0, 'no code block scrolls at desktop width');
});
