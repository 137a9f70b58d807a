// `syllabus serve`: an open page reloads by itself after an edit, and the
// error overlay appears while the content is broken and clears once fixed.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { test, after } from 'node:test';
import { FIXTURE, REPO, launchBrowser, Session, tempDir } from './lib/harness.mjs';

const bin = process.env.SYLLABUS_BIN || path.join(REPO, 'target/debug/syllabus');
const browser = await launchBrowser();

/** A copy of the fixture served by `syllabus serve --port 0`; resolves with its URL. */
async function startServe() {
  const root = tempDir('serve');
  fs.cpSync(FIXTURE, root, { recursive: true });
  const child = spawn(bin, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = readline.createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`syllabus serve exited with ${code}`)));
    lines.on('line', (line) => {
      const m = line.match(/ at (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
  });
  return { root, url, stop: () => child.kill() };
}

after(() => browser.close());

const GUIDE = 'content/animals/marsupials.md';

test('an open page reloads after an edit, and build errors show in an overlay until fixed', { timeout: 30000 }, async () => {
  const server = await startServe();
  const session = await new Session(browser).start();
  try {
    const page = await session.newPage();
    await page.goto(`${server.url}animals/marsupials/`);
    const file = path.join(server.root, GUIDE);
    const original = fs.readFileSync(file, 'utf8');

    // An edit: the page reloads by itself and shows the new text.
    await page.evaluate(() => { window.__syllabusMarker = 1; });
    fs.writeFileSync(file, original.replace(/\n---\n/, '\n---\n\nFreshly edited paragraph.\n\n'));
    await page.waitForFunction(() => !!document.body && document.body.textContent.includes('Freshly edited paragraph.'));
    assert.equal(await page.evaluate(() => window.__syllabusMarker), undefined, 'the page was reloaded, not patched');

    // Broken front matter: an overlay names the file, line and column; the page stays.
    fs.writeFileSync(file, original.replace(/^title: .*$/m, 'title: [broken'));
    const overlay = page.locator('#syllabus-error-overlay');
    await overlay.waitFor();
    const text = await overlay.textContent();
    assert.match(text, /content\/animals\/marsupials\.md:\d+:\d+: error:/);
    assert.ok(await page.evaluate(() => document.body.textContent.includes('Freshly edited paragraph.')), 'the last good page is still shown');

    // Fixed: the overlay goes and the page shows the fixed content.
    fs.writeFileSync(file, original.replace(/\n---\n/, '\n---\n\nFixed again.\n\n'));
    await page.waitForFunction(() => !!document.body && document.body.textContent.includes('Fixed again.'));
    assert.equal(await overlay.count(), 0, 'the overlay is gone');
    session.assertClean();
  } finally {
    await session.close();
    server.stop();
  }
});
