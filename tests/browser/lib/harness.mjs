// Shared set-up for the browser tests: builds the fixture site with the
// syllabus binary, serves it on 127.0.0.1 under /docs/, launches Debian's
// Chromium through playwright-core, and watches every page for console
// errors, uncaught exceptions and failed requests.
//
// Environment (tests/browser.rs sets the first two):
//   SYLLABUS_BIN      the syllabus binary (default: target/debug/syllabus)
//   SYLLABUS_FIXTURE  the fixture site (default: tests/fixtures/browser/site)
//   CHROMIUM          the browser (default: /usr/bin/chromium)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { test, before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '../../..');
export const FIXTURE = process.env.SYLLABUS_FIXTURE || path.join(REPO, 'tests/fixtures/browser/site');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** How long one wait for a selector or state may take before the test fails. */
export const WAIT_MS = 5000;

function binary() {
  if (process.env.SYLLABUS_BIN) return process.env.SYLLABUS_BIN;
  for (const p of ['target/debug/syllabus', 'target/release/syllabus']) {
    const full = path.join(REPO, p);
    if (fs.existsSync(full)) return full;
  }
  throw new Error('set SYLLABUS_BIN to the syllabus binary (or run `cargo build` first)');
}

/**
 * Runs `syllabus build --root ROOT --output OUT [EXTRA...]` and fails loudly if the build fails.
 * Without the build cache: its key is syllabus's version, which a change to the code under
 * test keeps, so a cached page could hide the change.
 */
export function buildSite(root, out, extraArgs = []) {
  const bin = binary();
  const r = spawnSync(bin, ['build', '-q', '--no-cache', '--root', root, '--output', out, ...extraArgs], { encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run ${bin}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`syllabus build of ${root} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }
}

/** A temporary folder, removed when the process exits. */
export function tempDir(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `syllabus-browser-${name}-`));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * A static file server for `dir` on 127.0.0.1 (a free port). Directories serve index.html.
 * It answers range requests unless `ranges` is false.
 */
export function serve(dir, { ranges = true } = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let file = path.join(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if (fs.statSync(file).isDirectory()) {
        if (!rel.endsWith('/')) {
          res.writeHead(301, { Location: rel + '/' }).end();
          return;
        }
        file = path.join(file, 'index.html');
      }
      let body = fs.readFileSync(file);
      const headers = {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Cache-Control': 'no-store',
      };
      // Like the common static hosts, one range of bytes (search packs
      // are read so), unless this server plays a host that ignores them.
      const range = ranges && /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || '');
      let status = 200;
      if (range && +range[1] <= +range[2] && +range[1] < body.length) {
        const end = Math.min(+range[2], body.length - 1);
        headers['Content-Range'] = `bytes ${range[1]}-${end}/${body.length}`;
        body = body.subarray(+range[1], end + 1);
        status = 206;
      }
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      // Like a static host set up with a not-found page: the 404.html of the
      // site the URL is in (its first folder), else plain text.
      const top = rel.split('/').filter(Boolean)[0];
      const notFound = top && path.join(root, top, '404.html');
      if (notFound && notFound.startsWith(root + path.sep) && fs.existsSync(notFound)) {
        res.writeHead(404, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' }).end(fs.readFileSync(notFound));
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      }
    }
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        // A page still open may hold a connection with a request in
        // flight (a favicon, a late script), and close() waits for it:
        // the tests that hung for 30 s after passing were waiting here.
        close: () => new Promise((done) => {
          server.close(done);
          server.closeAllConnections();
        }),
      });
    });
  });
}

/**
 * Builds the fixture (or the site at `root`) into a fresh temporary folder
 * as `docs/` and serves it. `site.url(p)` is the absolute URL of `p` under /docs/.
 */
export async function startSite(root = FIXTURE) {
  const dir = tempDir('site');
  buildSite(root, path.join(dir, 'docs'));
  const server = await serve(dir);
  return {
    dir,
    origin: server.origin,
    base: `${server.origin}/docs/`,
    url: (p = '') => `${server.origin}/docs/${p.replace(/^\//, '')}`,
    close: server.close,
  };
}

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * One test's browser state: a fresh context (empty localStorage) and the pages
 * opened in it, each watched for problems.
 */
export class Session {
  constructor(browser, options = {}) {
    this.browser = browser;
    this.options = options;
    this.problems = [];
    this.requests = [];
    this.allowed = [];
  }

  async start() {
    this.context = await this.browser.newContext({ viewport: { width: 1000, height: 800 }, reducedMotion: 'reduce', ...this.options });
    this.context.setDefaultTimeout(WAIT_MS);
    // Only loopback: anything else is a bug in the site (and must not leave the machine).
    await this.context.route(/^(?!http:\/\/127\.0\.0\.1[:/]).*/, (route) => {
      this.problems.push(`request to a non-loopback address: ${route.request().url()}`);
      return route.abort();
    });
    return this;
  }

  /** Lets requests whose URL matches `pattern` fail (or get 4xx/5xx) without failing the test. */
  allowFailure(pattern) {
    this.allowed.push(pattern);
  }

  isAllowed(url) {
    return this.allowed.some((p) => (p instanceof RegExp ? p.test(url) : url.includes(p)));
  }

  async newPage() {
    const page = await this.context.newPage();
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const where = msg.location() && msg.location().url;
      // Chromium logs a console error for every failed resource; those are judged below.
      if (/^Failed to load resource/.test(msg.text()) && where && this.isAllowed(where)) return;
      this.problems.push(`console error on ${page.url()}: ${msg.text()}${where ? ` (${where})` : ''}`);
    });
    page.on('pageerror', (err) => this.problems.push(`uncaught exception on ${page.url()}: ${err.stack || err}`));
    page.on('request', (req) => this.requests.push(req.url()));
    page.on('requestfailed', (req) => {
      if (this.isAllowed(req.url())) return;
      const why = req.failure() ? req.failure().errorText : 'failed';
      // A navigation that replaces a page still loading aborts its requests: not a site bug.
      if (why === 'net::ERR_ABORTED' && req.resourceType() !== 'document' && req.resourceType() !== 'fetch') return;
      this.problems.push(`request failed on ${page.url()}: ${req.url()} (${why})`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && !this.isAllowed(res.url())) {
        this.problems.push(`HTTP ${res.status()} for ${res.url()} (on ${page.url()})`);
      }
    });
    return page;
  }

  /** Requests made so far whose URL contains `part`. */
  requested(part) {
    return this.requests.filter((u) => u.includes(part));
  }

  assertClean() {
    assert.deepEqual(this.problems, [], 'console errors, exceptions or failed requests:\n' + this.problems.join('\n'));
  }

  close() {
    return this.context ? this.context.close() : Promise.resolve();
  }
}

/**
 * The usual file-level fixture: one built site, one server and one browser for
 * all tests of the file, and `browserTest(name, fn)` which gives each test a
 * fresh Session and fails it on any console error or failed request.
 * `ready` ({site, browser}) hands over ones started earlier; they are closed after.
 */
export function suite(ready) {
  const state = { ...ready };
  before(async () => {
    if (!state.site) state.site = await startSite();
    if (!state.browser) state.browser = await launchBrowser();
  });
  after(async () => {
    if (state.browser) await state.browser.close();
    if (state.site) await state.site.close();
  });
  function browserTest(name, options, fn) {
    if (typeof options === 'function') [options, fn] = [{}, options];
    const { context, ...testOptions } = options;
    test(name, { timeout: 30000, ...testOptions }, async (t) => {
      // Chromium here now and then never answers a new context or page
      // (those calls have no timeout of their own): such a stall is named,
      // and the test runs once more, saying so.
      for (let attempt = 1; ; attempt++) {
        try {
          return await runOnce(t, context, fn);
        } catch (err) {
          if (!(err instanceof BrowserStall) || attempt > 1) throw err;
          t.diagnostic(`run again after a browser stall: ${err.message}`);
        }
      }
    });
  }
  async function runOnce(t, context, fn) {
    const session = await unstalled(new Session(state.browser, context).start(), 'open a browser context');
    try {
      const page = await unstalled(session.newPage(), 'open a page');
      await fn({ t, site: state.site, session, page });
    } catch (err) {
      if (session.problems.length) err.message += '\nalso seen:\n' + session.problems.join('\n');
      throw err;
    } finally {
      await unstalled(session.close(), 'close the browser context').catch((err) => {
        if (!(err instanceof BrowserStall)) throw err;
        t.diagnostic(err.message);
      });
    }
    session.assertClean();
  }
  return { state, browserTest };
}

/** Chromium did not answer a call that has no timeout of its own. */
class BrowserStall extends Error {}

/** `promise`, or a BrowserStall naming `what` after STALL_MS. */
async function unstalled(promise, what) {
  let timer;
  const stall = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new BrowserStall(`Chromium did not ${what} within ${STALL_MS / 1000} s`)), STALL_MS);
  });
  try {
    return await Promise.race([promise, stall]);
  } finally {
    clearTimeout(timer);
  }
}

const STALL_MS = 10000;

// ---- small helpers used by several files -------------------------------------------------

/** The localStorage key prefix of the page (data-storage-prefix of #syl-ui). */
export function storagePrefix(page) {
  return page.getAttribute('#syl-ui', 'data-storage-prefix');
}

/** Every localStorage entry whose key starts with `prefix`, as an object. */
export function storage(page, prefix = '') {
  return page.evaluate((p) => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith(p)) out[k] = localStorage.getItem(k);
    }
    return out;
  }, prefix);
}

/** Waits until the text of `selector` matches `re` (polling in the page; no fixed sleep). */
export async function waitForText(page, selector, re, timeout = WAIT_MS) {
  try {
    await page.waitForFunction(
      ([sel, src, flags]) => {
        const el = document.querySelector(sel);
        return !!el && new RegExp(src, flags).test(el.textContent);
      },
      [selector, re.source, re.flags],
      { timeout },
    );
  } catch (err) {
    const now = await page.$eval(selector, (el) => el.textContent).catch(() => '(no such element)');
    throw new Error(`text of ${selector} never matched ${re}; it is ${JSON.stringify(now)}`, { cause: err });
  }
}

/** Normalised visible text of a locator. */
export async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * Focuses the search box and returns `type(letters)`, which types one letter at a time and
 * waits, after each, for the query search.js runs for it to finish (each query marks the
 * panel as loading while it works), however slow the machine: a slow typist, letter by letter.
 */
export async function searchTyper(page) {
  await page.evaluate(() => {
    const panel = document.querySelector('.search-panel');
    window.sylQueries = 0;
    new MutationObserver(() => {
      const loading = panel.classList.contains('is-loading');
      if (loading && !window.sylWasLoading) window.sylQueries++;
      window.sylWasLoading = loading;
    }).observe(panel, { attributes: true, attributeFilter: ['class'] });
  });
  await page.locator('#syl-search').focus();
  return async (letters) => {
    for (const ch of letters) {
      const before = await page.evaluate(() => window.sylQueries);
      await page.keyboard.type(ch);
      await page.waitForFunction((n) => window.sylQueries > n &&
        !document.querySelector('.search-panel').classList.contains('is-loading'), before);
    }
  };
}
