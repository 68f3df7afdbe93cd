// Coverage over time in a docs portal: a history written by `covdash record` from real
// coverage files, checked against the JSON Schema, then shown by <coverage-dashboard src=…>
// with its trend chart, the time-based sections and a ref switch, in headless Chromium.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { AXE_PATH, AXE_SCRIPT, axe, bounded, give, launchChromium, openDashboard } from './chromium.mjs';
import { serve } from './server.mjs';
import { PORTAL_CSP, finishAnimations } from './portal.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(ROOT, 'target', 'screenshots');
const CLI = join(ROOT, 'target', 'debug', 'covdash');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
// Real moments of more-itertools as its suite grew (tests/fixtures/history/PROVENANCE.md): the
// main branch's 30 runs climb through the first six, 26.9% to 70.4% of lines, the last run the
// first at 70.4%; a topic branch has the next two.
const MOMENTS = [0, 10, 20, 30, 45, 60, 75, 90].map((m) => `history/more-itertools/tests-${String(m).padStart(3, '0')}.lcov`);
const mainRun = (i) => MOMENTS[Math.floor((i * 5) / 29)];
const N_MAIN = 30;

let browser;
let dir;
let history;

/** A synthetic commit id for run `i` (40 hex digits) and its short form. */
const commit = (i, prefix = 'c0ffee') => `${i.toString(16).padStart(2, '0')}${prefix.repeat(7)}`.slice(0, 40);

/** Runs `covdash record` as a CI job would, with no CI variables set. */
function record(file, commitId, ref, time) {
  const args = ['record', '--history', 'coverage-history.json', '--commit', commitId, '--ref', ref, '--time', time, join(FIXTURES, file)];
  return execFileSync(CLI, args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
}

before(async () => {
  assert.ok(existsSync(CLI), 'target/debug/covdash is missing: run `cargo test` first');
  dir = mkdtempSync(join(tmpdir(), 'covdash-history-'));
  // 30 runs of main, a day apart, and a topic branch's two.
  for (let i = 0; i < N_MAIN; i += 1) {
    const day = new Date(Date.UTC(2026, 2, 1 + i, 9)).toISOString().replace('.000Z', 'Z');
    record(mainRun(i), commit(i), 'main', day);
  }
  record(MOMENTS[6], commit(1, 'beef'), 'topic', '2026-03-05T12:00:00Z');
  record(MOMENTS[7], commit(2, 'beef'), 'topic', '2026-03-06T12:00:00Z');
  // A re-run of one job, after a fix to its test set: the same point, its new figure.
  record(MOMENTS[2], commit(3), 'main', '2026-03-04T09:00:00Z');
  history = JSON.parse(readFileSync(join(dir, 'coverage-history.json'), 'utf8'));
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the recorded history is valid against the JSON Schema, and the schema can refuse', () => {
  assert.equal(history.snapshots.length, N_MAIN + 2);
  const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'covdash.schema.json'), 'utf8'));
  const validate = new Ajv2020({ strict: true, validateFormats: false }).compile(schema);
  assert.ok(validate(history), JSON.stringify(validate.errors));
  // Counts and per-metric figures mixed in one package: refused by the schema as by covdash.
  const mixed = { snapshots: [{ label: 'x', packages: { a: { covered: 1, total: 2, lines: { covered: 1, total: 2 } } } }] };
  assert.equal(validate(mixed), false);
});

/** Overall lines of a snapshot of the history, as a percentage at full precision. */
function overall(snapshot) {
  const sum = Object.values(snapshot.packages).reduce((s, p) => [s[0] + p.lines.covered, s[1] + p.lines.total], [0, 0]);
  return (sum[0] * 100) / sum[1];
}

/** The portal page: the history by `src`, under the strict policy. */
function portal() {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Coverage</title>
    <script type="module" src="/covdash-embed.js"></script></head><body><main>
    <h1>Project coverage</h1>
    <coverage-dashboard id="history" src="/coverage-history.json" goal="90"></coverage-dashboard>
    </main></body></html>`;
  return {
    '/history.html': { body, headers: { 'content-security-policy': PORTAL_CSP } },
    '/coverage-history.json': { body: readFileSync(join(dir, 'coverage-history.json')) },
    [AXE_PATH]: { body: readFileSync(AXE_SCRIPT), headers: { 'content-type': 'text/javascript' } },
    '/favicon.ico': { body: '', headers: { 'content-type': 'image/x-icon' } },
  };
}

async function openPortal(t, options) {
  const site = await serve(join(ROOT, 'dist'), { pages: portal() });
  t.after(() => bounded(site.close(), 'the test server to close'));
  const context = await browser.newContext(options);
  const page = await context.newPage();
  // The page's connections end with its context, before the server is closed.
  t.after(() => bounded(context.close(), 'the browser context to close'));
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  await page.goto(`${site.url}history.html`);
  // A point is a zero-length line with round caps: drawn, but without a box of its own.
  await page.locator('#history .trend__point').first().waitFor({ state: 'attached' });
  page.problems = problems;
  return page;
}

/** Checks that the page logged no error (no policy refusal among them), then runs axe-core, which styles its own probes inline. */
async function accessible(page) {
  assert.deepEqual(page.problems, [], 'the page logged errors');
  assert.deepEqual(await axe(page, { served: true }), []);
}

const inWidget = (page, selector) => page.locator(`#history ${selector}`);

test('a portal shows a history: the trend, progress, wins, momentum and time to target, and a point selects its snapshot', async (t) => {
  const page = await openPortal(t, { viewport: { width: 1280, height: 1000 }, colorScheme: 'light' });
  const main = history.snapshots.filter((s) => s.ref === 'main');
  assert.equal(main.length, N_MAIN);
  // The main branch is shown first; its points are the snapshots' figures, oldest first.
  const drawn = await inWidget(page, '.trend__point').evaluateAll((all) => all.map((p) => Number(p.dataset.value)));
  assert.equal(drawn.length, N_MAIN);
  drawn.forEach((value, i) => assert.ok(Math.abs(value - overall(main[i])) < 1e-3, `point ${i}: ${value} vs ${overall(main[i])}`));
  // The re-recorded run kept its place and has its new figure: 812 of 1908 lines.
  assert.ok(Math.abs(drawn[3] - (812 * 100) / 1908) < 1e-3, String(drawn[3]));
  assert.match(await inWidget(page, '.trend svg').getAttribute('aria-label'),
    /^Overall lines coverage across 30 snapshots, from 26\.9% \(00c0ffe, 2026-03-01 09:00 UTC\) to 70\.4% \(1dc0ffe, 2026-03-30 09:00 UTC\); lowest 26\.9%, highest 70\.4%; target 80\.0%, goal 90\.0%\.$/);
  assert.equal(await inWidget(page, '.trend table tbody tr').count(), N_MAIN);
  // Every time-based section is shown, none "not shown: one snapshot only".
  for (const id of ['progress', 'wins', 'momentum', 'time-to-target']) {
    assert.equal(await inWidget(page, `section.card#${id}`).count(), 1, `${id} is not shown`);
    assert.equal(await inWidget(page, `.missing__item#${id}`).count(), 0, `${id} is said to be missing`);
  }
  // 30 snapshots are a select and two steps, not 30 buttons.
  assert.equal(await inWidget(page, 'button.snapshot').count(), 0);
  assert.equal(await inWidget(page, '.snapshots__choose option').count(), N_MAIN);
  // Sparklines in the package rows, movers under the chart.
  assert.equal(await inWidget(page, '.package .spark').count(), 1);
  assert.match(await inWidget(page, '.movers__since').textContent(), /^since 18c0ffe \(2026-03-25 09:00 UTC\)$/);
  await page.evaluate(finishAnimations);
  await page.screenshot({ path: join(SHOTS, 'history-light-1280.png'), fullPage: true });
  // A click on a point selects its snapshot: the twelfth run (36.1%).
  const plot = inWidget(page, '.trend__hit');
  const box = await plot.boundingBox();
  const x = await inWidget(page, '.trend__point[data-index="11"]').evaluate((p) => Number(p.getAttribute('x1')));
  await page.mouse.move(box.x + (x / 1000) * box.width, box.y + box.height / 2);
  assert.match(await inWidget(page, '.trend__readout').textContent(), /^0bc0ffe · 2026-03-12 09:00 UTC · 36\.1% · ±0\.0 points$/);
  await page.mouse.click(box.x + (x / 1000) * box.width, box.y + box.height / 2);
  await inWidget(page, '.trend__point--selected[data-index="11"]').waitFor({ state: 'attached' });
  await inWidget(page, '.overall [role=progressbar][aria-valuenow="36.1"]').waitFor();
  assert.equal(await inWidget(page, '.snapshots__position').textContent(), '12 of 30');
  // The slider moves by keyboard: one step later is the thirteenth run (42.6%).
  await inWidget(page, '.trend__slider input').focus();
  await page.keyboard.press('ArrowRight');
  await inWidget(page, '.trend__point--selected[data-index="12"]').waitFor({ state: 'attached' });
  await inWidget(page, '.overall [role=progressbar][aria-valuenow="42.6"]').waitFor();
  await accessible(page);
  // The ref switch shows the topic branch's two runs.
  await inWidget(page, '.ref-switch select').selectOption('topic');
  await page.waitForFunction(() => document.querySelector('#history').shadowRoot.querySelectorAll('.trend__point').length === 2);
  const topic = history.snapshots.filter((s) => s.ref === 'topic').map(overall);
  const values = await inWidget(page, '.trend__point').evaluateAll((all) => all.map((p) => Number(p.dataset.value)));
  values.forEach((v, i) => assert.ok(Math.abs(v - topic[i]) < 1e-3));
  assert.equal(await inWidget(page, 'button.snapshot').count(), 2);
});

test('a history chosen or dropped on the page shows its trend', async (t) => {
  const site = await serve(join(ROOT, 'dist'));
  t.after(() => site.close());
  const file = join(dir, 'coverage-history.json');
  for (const via of ['chosen through the file input', 'dropped']) {
    const page = await openDashboard(browser, site.url, t);
    await give(page, file, via);
    await page.locator('.page__file', { hasText: 'coverage-history.json' }).waitFor();
    await page.locator('.trend__point').first().waitFor({ state: 'attached' });
    assert.equal(await page.locator('.trend__point').count(), N_MAIN, via);
    assert.equal(await page.locator('.snapshots__position').textContent(), `${N_MAIN} of ${N_MAIN}`, via);
  }
});

for (const [name, options] of [
  ['dark, 360 px', { viewport: { width: 360, height: 900 }, colorScheme: 'dark' }],
  ['dark, 1280 px', { viewport: { width: 1280, height: 1000 }, colorScheme: 'dark' }],
  ['light, 360 px, reduced motion', { viewport: { width: 360, height: 900 }, colorScheme: 'light', reducedMotion: 'reduce' }],
]) {
  test(`the trend chart, ${name}: no accessibility violation, nothing wider than the page`, async (t) => {
    const page = await openPortal(t, options);
    await page.evaluate(finishAnimations);
    await accessible(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'the page scrolls sideways');
    const file = `history-${name.replace(/[^a-z0-9]+/g, '-').replace(/-$/, '')}.png`;
    await page.screenshot({ path: join(SHOTS, file), fullPage: true });
  });
}
