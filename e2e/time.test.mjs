// Figures that read right over weeks, and names that read apart, in headless Chromium on the
// release bundle: the weekly history of real runs (tests/fixtures/history/PROVENANCE.md) on the
// page and inside <coverage-dashboard>, the two coverage.py reports written 9 s apart, and
// cJSON's three nested packages at narrow and wide widths.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AXE_PATH, AXE_SCRIPT, axe, bounded, give, launchChromium, openDashboard } from './chromium.mjs';
import { serve } from './server.mjs';
import { PORTAL_CSP, finishAnimations } from './portal.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(ROOT, 'target', 'screenshots');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const WEEKLY = join(FIXTURES, 'history', 'weekly.json');
const PAIR = ['before', 'after'].map((m) => join(FIXTURES, 'snapshots', `more-itertools-${m}`, 'coverage.json'));

/**
 * cJSON's layout of packages (its library, its tests, and the Unity framework its tests
 * vendor), as an LCOV file: the paths are cJSON's, the line records a small real gcc/lcov
 * report's (tests/fixtures/sources), repeated per file. Only the names are under test here.
 */
function cjsonLike() {
  const real = readFileSync(join(FIXTURES, 'sources', 'c-textstat', 'coverage.info'), 'utf8');
  const body = real.split('\n').filter((l) => /^(DA|LF|LH):/.test(l)).join('\n');
  const files = ['cJSON/cJSON.c', 'cJSON/cJSON_Utils.c', 'cJSON/tests/parse_examples.c', 'cJSON/tests/print_number.c',
    'cJSON/tests/unity/src/unity.c'];
  return files.map((f) => `TN:\nSF:${f}\n${body}\nend_of_record\n`).join('');
}

let browser;
let site;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const widget = (id, src, extra = '') => `<coverage-dashboard id="${id}" src="${src}" ${extra}></coverage-dashboard>`;
  const page = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
    <script type="module" src="/covdash-embed.js"></script></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
  site = await serve(join(ROOT, 'dist'), {
    pages: {
      '/weekly.html': { body: page('Weekly', widget('weekly', '/weekly.json')), headers: { 'content-security-policy': PORTAL_CSP } },
      '/names.html': { body: page('Names', widget('names', '/cjson.info', 'sections="distance,time-to-target"')), headers: { 'content-security-policy': PORTAL_CSP } },
      '/weekly.json': { body: readFileSync(WEEKLY) },
      '/cjson.info': { body: cjsonLike() },
      [AXE_PATH]: { body: readFileSync(AXE_SCRIPT), headers: { 'content-type': 'text/javascript' } },
      '/favicon.ico': { body: '', headers: { 'content-type': 'image/x-icon' } },
    },
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** The facts of a section (`#id`) under `root` (a page or a widget's locator), as label → value. */
async function facts(root, id) {
  const pairs = await root.locator(`section.card#${id} .facts > div`).evaluateAll((all) => all.map((d) => [
    d.querySelector('dt').textContent.trim(), d.querySelector('dd').textContent.trim()]));
  return Object.fromEntries(pairs);
}

/** The estimate rows of the time-to-target section under `root`: name → estimate, and the total. */
async function estimates(root) {
  return Object.fromEntries(await root.locator('section.card#time-to-target table.eta tr').evaluateAll((rows) => rows
    .filter((r) => r.querySelector('th[scope=row]'))
    .map((r) => [r.querySelector('th').textContent.trim(), r.querySelector('td').textContent.trim()])));
}

// The figures below were worked out from the history file itself (tests/time.rs checks them
// against the file's own counts and times): 26.9% → 38.3% → 47.7% of lines, a week apart.
const WEEKLY_SAYS = {
  momentum: { Duration: '2 weeks', Pace: '+10.4 points a week', Trend: 'rising' },
  estimates: { more_itertools: '3 weeks, around 8–10 Nov 2026', Total: '3 weeks, around 8–10 Nov 2026' },
};

test('a weekly history dropped on the page reads in weeks and dates', async (t) => {
  const page = await openDashboard(browser, site.url, t, { options: { viewport: { width: 1280, height: 1000 } } });
  await give(page, WEEKLY, 'dropped');
  await page.locator('section.card#momentum').waitFor();
  await page.waitForFunction(() => document.querySelector('.page__file')?.textContent.includes('weekly.json'));
  assert.deepEqual(await facts(page, 'momentum'), WEEKLY_SAYS.momentum);
  assert.deepEqual(await estimates(page), WEEKLY_SAYS.estimates);
  assert.equal((await facts(page, 'summary')).Duration, '2 weeks');
  assert.deepEqual(await page.locator('.trend__axis span').allTextContents(), ['5 Oct 2026', '19 Oct 2026']);
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /points an hour|\d{3,} h\b/);
  await page.evaluate(finishAnimations);
  await page.screenshot({ path: join(SHOTS, 'time-weekly-page-1280.png'), fullPage: true });
});

for (const colorScheme of ['light', 'dark']) {
  test(`a weekly history inside <coverage-dashboard> reads in weeks and dates (${colorScheme}, 360 px)`, async (t) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 900 }, colorScheme });
    t.after(() => bounded(context.close(), 'the browser context to close'));
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
    await page.goto(`${site.url}weekly.html`);
    const widget = page.locator('#weekly');
    await widget.locator('section.card#momentum').waitFor();
    assert.deepEqual(await facts(widget, 'momentum'), WEEKLY_SAYS.momentum);
    assert.deepEqual(await estimates(widget), WEEKLY_SAYS.estimates);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the viewport`);
    await page.evaluate(finishAnimations);
    await page.screenshot({ path: join(SHOTS, `time-weekly-widget-${colorScheme}-360.png`), fullPage: true });
    assert.deepEqual(problems, [], 'the page logged errors');
    assert.deepEqual(await axe(page, { served: true }), []);
  });
}

test('two reports written seconds apart give no pace, and say why', async (t) => {
  const page = await openDashboard(browser, site.url, t, { options: { viewport: { width: 1280, height: 1000 } } });
  await give(page, PAIR, 'dropped');
  await page.waitForFunction(() => document.querySelector('.page__file')?.textContent === 'coverage.json, coverage.json');
  const momentum = page.locator('.missing__item#momentum');
  await momentum.waitFor();
  assert.match(await momentum.textContent(), /the snapshots are 9 s apart: too close for a pace \(it takes 10 min or more\)/);
  assert.equal(await page.locator('section.card#momentum').count(), 0);
  assert.equal((await facts(page, 'summary')).Duration, '9 s');
  assert.doesNotMatch(await page.locator('main').innerText(), /points an hour|per hour/);
});

/**
 * Runs in the page: what each name cell of a list under `scope` (a widget's id, or the
 * document) draws, as people see it: the characters inside the box that clips them, an
 * ellipsis where an element cuts its text. Lists are the package list, the bar lists and the
 * estimates' table.
 */
function drawnNames(scope) {
  const host = scope ? document.querySelector(scope) : document;
  const root = host.shadowRoot ?? host;
  const range = document.createRange();
  const drawn = (cell) => {
    let out = '';
    const walk = (node, clip) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          for (let i = 0; i < child.length; i += 1) {
            range.setStart(child, i);
            range.setEnd(child, i + 1);
            if (range.getBoundingClientRect().right <= clip.right + 0.5) out += child.data[i];
          }
        } else if (child.nodeType === Node.ELEMENT_NODE && child.getAttribute('aria-hidden') !== 'true') {
          const cuts = child.scrollWidth > child.clientWidth + 0.5 && getComputedStyle(child).textOverflow === 'ellipsis';
          const before = out.length;
          walk(child, cuts ? child.getBoundingClientRect() : clip);
          // A cut text draws an ellipsis over its last visible character.
          if (cuts) out = `${out.slice(0, Math.max(before, out.length - 1))}…`;
        }
      }
    };
    const cuts = cell.scrollWidth > cell.clientWidth + 0.5 && getComputedStyle(cell).textOverflow === 'ellipsis';
    walk(cell, cell.getBoundingClientRect());
    return cuts && !out.endsWith('…') ? `${out.slice(0, -1)}…` : out;
  };
  const cells = '.package__name, .bar-list__name, th.eta__name';
  return [...root.querySelectorAll('ol.packages, ul.bar-list, table.eta tbody')]
    .map((list) => [...list.querySelectorAll(cells)].map(drawn));
}

for (const width of [320, 400, 1280]) {
  test(`cJSON's nested packages read apart at ${width} px, on the page and in a widget`, async (t) => {
    const page = await openDashboard(browser, site.url, t, { options: { viewport: { width, height: 1000 } } });
    const file = join(SHOTS, 'cjson-like.info');
    writeFileSync(file, cjsonLike());
    await give(page, file, 'dropped');
    await page.waitForFunction(() => document.querySelectorAll('ol.packages li.package').length === 3);
    await page.evaluate(finishAnimations);
    const lists = await page.evaluate(drawnNames, '');
    assert.ok(lists.length >= 2, JSON.stringify(lists));
    for (const names of lists) {
      assert.equal(new Set(names).size, names.length, `rows read alike at ${width} px: ${JSON.stringify(names)}`);
    }
    // The full names stay for pointers and screen readers.
    const titles = await page.locator('ol.packages .package__name').evaluateAll((all) => all.map((n) => n.getAttribute('title')));
    assert.deepEqual(titles.sort(), ['cJSON', 'cJSON/tests', 'cJSON/tests/unity/src']);
    const labels = await page.locator('ol.packages [role=progressbar]').evaluateAll((all) => all.map((b) => b.getAttribute('aria-label')));
    assert.deepEqual(labels.sort(), ['cJSON', 'cJSON/tests', 'cJSON/tests/unity/src']);
    await page.evaluate(finishAnimations);
    await page.screenshot({ path: join(SHOTS, `time-names-page-${width}.png`), fullPage: true });
    assert.deepEqual(await axe(page), []);

    const context = await browser.newContext({ viewport: { width, height: 900 } });
    t.after(() => bounded(context.close(), 'the browser context to close'));
    const portal = await context.newPage();
    await portal.goto(`${site.url}names.html`);
    await portal.locator('#names section.card#distance').waitFor();
    await portal.evaluate(finishAnimations);
    for (const names of await portal.evaluate(drawnNames, '#names')) {
      assert.equal(new Set(names).size, names.length, `widget rows read alike at ${width} px: ${JSON.stringify(names)}`);
    }
    await portal.evaluate(finishAnimations);
    await portal.screenshot({ path: join(SHOTS, `time-names-widget-${width}.png`), fullPage: true });
    assert.deepEqual(await axe(portal, { served: true }), []);
  });
}

/**
 * A change to more-itertools' more.py that edits every seventh line from 200 on, as `git diff`
 * writes it: measured against the report before its tests (26.9%), most of its ~400 changed
 * lines are not covered, in scattered ranges.
 */
function scatteredChange() {
  const dir = mkdtempSync(join(tmpdir(), 'covdash-change-'));
  const source = readFileSync(join(FIXTURES, 'sources', 'more-itertools', 'more_itertools', 'more.py'), 'utf8').split('\n');
  const edited = source.map((line, i) => (i >= 199 && i % 7 === 0 && line.trim() ? `${line}  # reviewed` : line));
  for (const [side, lines] of [['a', source], ['b', edited]]) {
    mkdirSync(join(dir, side, 'more_itertools'), { recursive: true });
    writeFileSync(join(dir, side, 'more_itertools', 'more.py'), lines.join('\n'));
  }
  let diff;
  try {
    execFileSync('git', ['diff', '--no-index', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
  } catch (exit) {
    diff = exit.stdout; // git diff --no-index exits 1 when the files differ.
  }
  rmSync(dir, { recursive: true, force: true });
  const file = join(SHOTS, 'scattered.diff');
  writeFileSync(file, diff);
  return file;
}

for (const width of [360, 1280]) {
  test(`a long list of uncovered line ranges wraps inside its card at ${width} px`, async (t) => {
    const page = await openDashboard(browser, site.url, t, { options: { viewport: { width, height: 1000 } } });
    await give(page, [join(FIXTURES, 'snapshots', 'more-itertools-before', 'coverage.lcov'), scatteredChange()], 'dropped');
    const card = page.locator('section.card#change');
    await card.waitFor();
    const details = await card.locator('.bar-list__detail').evaluateAll((all) => all.map((d) => [d.textContent, d.getBoundingClientRect().right]));
    const longest = details.reduce((a, b) => (b[0].length > a[0].length ? b : a));
    assert.ok(longest[0].length > 200, `the list is short: ${longest[0]}`);
    const edge = (await card.boundingBox()).x + (await card.boundingBox()).width;
    for (const [text, right] of details) assert.ok(right <= edge, `"${text.slice(0, 40)}…" runs ${right - edge} px past its card`);
    // On a wide page the list keeps to its column and the bars keep their room.
    if (width >= 1000) {
      const bars = await card.locator('.bar').evaluateAll((all) => all.map((b) => b.getBoundingClientRect().width));
      const cardWidth = (await card.boundingBox()).width;
      for (const bar of bars) assert.ok(bar >= cardWidth / 4, `a bar is squeezed to ${bar} px of ${cardWidth}`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the viewport`);
    await page.evaluate(finishAnimations);
    await card.screenshot({ path: join(SHOTS, `time-change-ranges-${width}.png`) });
  });
}
