// Page-wide checks shared by the suite's page-kinds test (and usable on any
// built site): axe-core's accessibility rules, sideways scrolling at phone
// width, and cumulative layout shift while a page loads.

import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The axe impacts that fail a page. */
const FAILING = new Set(['serious', 'critical']);

/**
 * Runs axe-core on the page as it is now; returns one readable line per
 * serious or critical violation and offending element (empty: clean).
 */
export async function axeProblems(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary, impact: n.impact })),
    }));
  });
  // One line per rule and reason, naming a few of the elements.
  const groups = new Map();
  for (const v of violations) {
    for (const n of v.nodes) {
      const impact = n.impact || v.impact;
      if (!FAILING.has(impact)) continue;
      const why = (n.summary || '').replace(/\s+/g, ' ').replace(/^Fix (any|all) of the following: /, '');
      const key = `${v.id} (${impact}): ${v.help}: ${why}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(n.target);
    }
  }
  return [...groups].map(([key, targets]) =>
    `${key} [${targets.length} element${targets.length > 1 ? 's' : ''}: ${targets.slice(0, 3).join(', ')}${targets.length > 3 ? ', …' : ''}]`);
}

/**
 * How far the page scrolls sideways: the document's width beyond the
 * viewport, and the widest elements that stick out (for the message).
 */
export function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') +
      (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    const culprits = [];
    // The outermost elements reaching past the right edge, outside any box that scrolls or clips.
    const walk = (el) => {
      for (const child of el.children) {
        if (culprits.length === 5) return;
        const r = child.getBoundingClientRect();
        if (r.width > 0 && r.right > width + 0.5) {
          culprits.push(`${name(child)} reaches ${Math.round(r.right)} px`);
          continue;
        }
        if (!/^(auto|scroll|hidden|clip)$/.test(getComputedStyle(child).overflowX)) walk(child);
      }
    };
    if (scrollWidth > width) walk(document.body);
    return { width, scrollWidth, culprits };
  });
}

/**
 * Installs a layout-shift observer that runs before any of the page's own
 * scripts, on every page the context opens. Shifts right after input are
 * left out, as CLS does.
 */
export function observeLayoutShifts(context) {
  return context.addInitScript(() => {
    const shifts = [];
    window.__sylShifts = shifts;
    const keep = (list) => {
      for (const e of list) {
        if (e.hadRecentInput) continue;
        const sources = (e.sources || []).map((s) => {
          const n = s.node;
          if (!n || n.nodeType !== 1) return n ? n.nodeName : '?';
          return n.tagName.toLowerCase() + (n.id ? `#${n.id}` : '') + (n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\s+/).join('.') : '');
        });
        shifts.push({ value: e.value, at: Math.round(e.startTime), sources });
      }
    };
    try {
      const po = new PerformanceObserver((list) => keep(list.getEntries()));
      po.observe({ type: 'layout-shift', buffered: true });
      window.__sylTakeShifts = () => keep(po.takeRecords());
    } catch {
      window.__sylTakeShifts = () => {};
    }
  });
}

/**
 * The layout shift of the page since it started loading, read once it has
 * loaded and settled: the load event passed, the fonts are ready, and two
 * frames have been painted since (so a shift caused by load-time scripts
 * has been recorded).
 */
export async function layoutShift(page) {
  await page.waitForLoadState('load');
  return page.evaluate(async () => {
    await document.fonts.ready;
    for (let i = 0; i < 2; i++) await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    window.__sylTakeShifts();
    const shifts = window.__sylShifts;
    return { total: shifts.reduce((sum, s) => sum + s.value, 0), shifts };
  });
}

/**
 * Holds the page's scripts back until the page has painted once, like a
 * slow network would, so whatever the scripts change after the first paint
 * shows up as layout shift. Returns `arm()`, to call before each `goto`.
 */
export async function holdScriptsUntilPaint(page) {
  let painted = () => {};
  let paint = Promise.resolve();
  await page.exposeFunction('__sylPainted', () => painted());
  await page.addInitScript(() => {
    new PerformanceObserver((list, po) => {
      if (!list.getEntries().length) return;
      po.disconnect();
      window.__sylPainted();
    }).observe({ type: 'paint', buffered: true });
  });
  await page.route(/\.js(\?|$)/, async (route) => {
    // Never held for long: a page that paints nothing still gets its scripts.
    await Promise.race([paint, new Promise((done) => setTimeout(done, 3000))]);
    await route.continue();
  });
  return function arm() {
    paint = new Promise((done) => { painted = done; });
  };
}
