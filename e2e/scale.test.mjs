// End-to-end: big reports on the release bundle. Files are read, parsed and analysed in a Web
// Worker, so the page answers while they load; a load can be cancelled; lists render their
// first rows whatever the size, and the filter and the keyboard reach the rest.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { give, openDashboard, releaseBundle, workerServing } from './chromium.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SMALL = join(ROOT, 'tests/fixtures/snapshots/more-itertools-before/coverage.lcov');

const bundle = releaseBundle();

/** A fresh page showing the sample; page errors fail the test. `refuse` lists files served as 404. */
const open = (t, { refuse = [] } = {}) => openDashboard(bundle.browser, bundle.url, t, {
  options: { viewport: { width: 1280, height: 900 } },
  // The browser itself reports the refused files.
  expected: (text) => refuse.some((path) => text.includes(path)) || text.includes('404'),
  prepare: async (page) => {
    for (const path of refuse) await page.route(`**/${path}`, (route) => route.fulfill({ status: 404, body: '' }));
  },
});

/**
 * Runs in the page: drops an LCOV file made there of `files` source files in `dirs`
 * directories, `lines` lines each (every third uncovered), called `name`.
 */
function dropLcov([name, files, dirs, lines]) {
  const parts = [];
  for (let f = 0; f < files; f += 1) {
    let record = `SF:/repo/src/d${String(f % dirs).padStart(4, '0')}/file${f}.c\n`;
    for (let l = 1; l <= lines; l += 1) record += `DA:${l},${l % 3}\n`;
    parts.push(`${record}end_of_record\n`);
  }
  const file = new File(parts, name);
  const transfer = new DataTransfer();
  transfer.items.add(file);
  document.querySelector('.page').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  return file.size;
}

/** Waits until the page shows `name`'s dashboard and has nothing left to answer. */
async function shown(page, name) {
  await page.locator('.page__file', { hasText: name }).waitFor({ timeout: 120_000 });
  await page.locator('.page:not([aria-busy])').waitFor({ timeout: 120_000 });
}

test('the page answers while a 57 MB file loads in the worker, with a progress bar', async (t) => {
  const page = await open(t);
  // A click on the page, and whether the load was still under way when it was handled.
  await page.evaluate(() => {
    window.handled = null;
    document.querySelector('.settings__summary').addEventListener('click', () => {
      window.handled = { loading: document.querySelector('.loading') !== null };
    });
  });
  const size = await page.evaluate(dropLcov, ['big.info', 3000, 300, 2000]);
  assert.ok(size > 55e6, `${size} bytes`);
  const bar = page.locator('.loading [role=progressbar]');
  await bar.waitFor();
  assert.equal(await bar.getAttribute('aria-valuemax'), '100');
  await page.locator('.settings__summary').click();
  await page.locator('details.settings[open]').waitFor();
  assert.deepEqual(await page.evaluate(() => window.handled), { loading: true }, 'the click waited for the load');
  await shown(page, 'big.info');
  assert.equal(await page.locator('.loading').count(), 0);
  assert.equal(await page.locator('li.package').count(), 50);
  assert.ok(page.workers().some((w) => w.url().endsWith('/covdash-worker_loader.js')));
});

test('Cancel stops a load and keeps the dashboard shown, which still opens its packages', async (t) => {
  const page = await open(t);
  await page.locator('[data-testid=file-input]').setInputFiles(SMALL);
  await shown(page, 'coverage.lcov');
  const before = await page.locator('.overall [role=progressbar]').getAttribute('aria-valuenow');
  await page.evaluate(dropLcov, ['big.info', 3000, 300, 2000]);
  await page.locator('.loading').waitFor();
  await page.locator('.loading__cancel').click();
  await page.locator('.loading').waitFor({ state: 'detached' });
  assert.equal(await page.locator('.page__file').textContent(), 'coverage.lcov');
  assert.equal(await page.locator('.overall [role=progressbar]').getAttribute('aria-valuenow'), before);
  assert.equal(await page.locator('.banner--error').count(), 0);
  // The worker was stopped mid-parse and replaced: the batch shown still answers.
  await page.locator('li.package button.package__toggle').first().click();
  await page.locator('.package__detail .files__list:not([aria-busy]) .file__name').first().waitFor();
  // A new drop during a load replaces it.
  await page.evaluate(dropLcov, ['first.info', 3000, 300, 2000]);
  await page.locator('.loading').waitFor();
  await page.evaluate(dropLcov, ['second.info', 20, 4, 10]);
  await shown(page, 'second.info');
  assert.equal(await page.locator('li.package').count(), 4);
});

test('200,000 files: the DOM stays small, and the filter and the keyboard reach any package', async (t) => {
  const page = await open(t);
  await page.evaluate(dropLcov, ['many.info', 200_000, 2000, 3]);
  await shown(page, 'many.info');
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  assert.ok(elements < 5000, `${elements} elements`);
  assert.equal(await page.locator('li.package').count(), 50);
  assert.equal(await page.locator('li.package').first().getAttribute('aria-setsize'), '2000');
  // A package far from the first rows: found by the filter, opened from the keyboard.
  const filter = page.locator('#packages-filter');
  await filter.focus();
  await page.keyboard.type('d1999');
  await page.locator('#packages-filter-hint', { hasText: '1 of 2,000 packages match' }).waitFor();
  await page.keyboard.press('Tab');
  const toggle = page.locator('li.package button.package__toggle');
  assert.equal(await toggle.evaluate((b) => b === document.activeElement), true);
  assert.match(await toggle.textContent(), /d1999/);
  await page.keyboard.press('Enter');
  const files = page.locator('.package__detail .files__list:not([aria-busy]) .file__name');
  await files.first().waitFor();
  assert.equal(await files.count(), 100);
  // axe-core on the long lists.
  await page.addScriptTag({ path: join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => `${v.id}: ${v.help}`));
  assert.deepEqual(violations, []);
});

test('a package of 1,200 files counts them as every count is written', async (t) => {
  const page = await open(t);
  await page.evaluate(dropLcov, ['wide.info', 1200, 1, 1]);
  await shown(page, 'wide.info');
  await page.locator('li.package button.package__toggle').first().click();
  await page.locator('.package__detail .files__count', { hasText: '1,200 files' }).waitFor();
  await page.locator('.package__detail input[type=search]').fill('file11');
  await page.locator('.package__detail .files__count', { hasText: '111 of 1,200 files match' }).waitFor();
});

test('where no worker can start, the page says so and reads the file itself', async (t) => {
  const page = await open(t, { refuse: ['covdash-worker_loader.js'] });
  await page.locator('[data-testid=file-input]').setInputFiles(SMALL);
  await shown(page, 'coverage.lcov');
  await page.locator('.banner--warning', { hasText: 'Files are read on this page rather than in the background' }).waitFor();
  assert.equal(await page.locator('.overall [role=progressbar]').getAttribute('aria-valuenow'), '26.9');
  await page.locator('li.package button.package__toggle').first().click();
  await page.locator('.package__detail .files__list:not([aria-busy]) .file__name').first().waitFor();
});

test('where no worker can start, the page opens an archive itself, the browser inflating it', async (t) => {
  const page = await open(t, { refuse: ['covdash-worker_loader.js'] });
  await give(page, join(ROOT, 'tests/fixtures/packed/c8-coverage.tar.gz'), 'dropped');
  await shown(page, 'c8-coverage.tar.gz/coverage-final.json');
  await page.locator('.banner--warning', { hasText: 'Files are read on this page rather than in the background' }).waitFor();
  assert.equal(await page.locator('.overall__value').textContent(), '80.0%');
  // What cannot be opened is said by its name, the rest shown, as the worker says it.
  await give(page, join(ROOT, 'tests/fixtures/packed/mixed.zip'), 'dropped');
  await shown(page, 'mixed.zip/lcov.info');
  await page.locator('.banner--error', { hasText: 'mixed.zip/clover.xml: compressed by method 12 (bzip2)' }).waitFor();
});

test('a first look downloads the page alone; the first press starts the worker, which reads the sample', async (t) => {
  const requested = [];
  const page = await openDashboard(bundle.browser, bundle.url, t, {
    options: { viewport: { width: 1280, height: 900 } },
    prepare: async (page) => page.on('request', (request) => requested.push(new URL(request.url()).pathname)),
  });
  await page.waitForLoadState('networkidle');
  assert.deepEqual(requested.filter((path) => /covdash-(core|worker)/.test(path)), [], 'the core was downloaded');
  assert.equal(page.workers().length, 0, 'a worker started');
  // The sample's first view is drawn without it, with its figures.
  assert.equal(await page.locator('.overall [role=progressbar]').getAttribute('aria-valuenow'), '81.1');
  // An earlier snapshot is what the page was not given ahead of time: the worker answers.
  await page.locator('.snapshot').first().click();
  await page.locator('.overall__value', { hasText: '77.4%' }).waitFor();
  assert.equal(await page.locator('.package [role=progressbar][aria-label="providers"]').getAttribute('aria-valuenow'), '46.4');
  assert.equal(page.workers().length, 1);
  assert.ok(requested.includes('/covdash-core_bg.wasm'));
});

test('where no worker can start, the sample\'s snapshots switch: the page reads the sample itself', async (t) => {
  const page = await open(t, { refuse: ['covdash-worker_loader.js'] });
  await page.locator('.snapshot').first().click();
  await page.locator('.overall__value', { hasText: '77.4%' }).waitFor();
  await page.locator('.banner--warning', { hasText: 'Files are read on this page rather than in the background' }).waitFor();
});

/**
 * Runs before the page's scripts: counts the messages between the page and its worker, each
 * way, by kind. A message is a `Request` or a `Reply` as the wire encodes it (postcard): its
 * first byte is its variant's index, in the order `crates/protocol/src/wire.rs` declares them.
 */
function countMessages() {
  const REQUESTS = ['Load', 'Show', 'Packages', 'Files', 'Lines', 'Export'];
  const REPLIES = ['Ready', 'Progress', 'Loaded', 'Shown', 'Packages', 'Files', 'Lines', 'Exported'];
  const kind = (names, bytes) => names[new Uint8Array(bytes.buffer ?? bytes)[0]] ?? '?';
  window.covdashMessages = { asked: [], answered: [] };
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (event.data?.message) window.covdashMessages.answered.push(kind(REPLIES, event.data.message));
      });
    }

    postMessage(message, transfer) {
      if (message?.message) window.covdashMessages.asked.push(kind(REQUESTS, message.message));
      return super.postMessage(message, transfer);
    }
  };
}

test('a dropped file reaches the screen in one round trip: one question, one answer with its first view', async (t) => {
  const page = await open(t);
  await page.addInitScript(countMessages);
  await page.reload();
  await page.locator('.package [role=progressbar]').first().waitFor();
  await workerServing(page);
  await page.locator('.page:not([aria-busy])').waitFor();
  await page.evaluate(() => { window.covdashMessages = { asked: [], answered: [] }; });
  await give(page, SMALL, 'dropped');
  await shown(page, 'coverage.lcov');
  // The dashboard and its sections are drawn from the load's answer alone.
  assert.equal(await page.locator('.overall [role=progressbar]').getAttribute('aria-valuenow'), '26.9');
  await page.locator('section#summary').waitFor();
  const { asked, answered } = await page.evaluate(() => window.covdashMessages);
  assert.deepEqual(asked, ['Load']);
  assert.deepEqual(answered.filter((kind) => kind !== 'Progress'), ['Loaded']);
});
