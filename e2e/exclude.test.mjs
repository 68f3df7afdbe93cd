// End-to-end: files left out by the settings (exclude, include), on the release bundle in
// headless Chromium: from the settings panel, a link, an embedding's attributes and covdash
// JSON's own settings. The figures are those `tests/exclude.rs` checks against lcov's own
// `--remove` and gcovr's `--exclude` on the same file: 65.3% of all 49 lines, 56.0% (14 of 25)
// of those left once `**/test/**` and `**/*.config.*` are out.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { give, openDashboard, releaseBundle } from './chromium.mjs';
import { finishAnimations } from './portal.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FULL = join(ROOT, 'tests', 'fixtures', 'exclude', 'full.info');
const SHOTS = join(ROOT, 'target', 'screenshots');
const SAID = '2 files left out by **/test/**, **/*.config.*, and with them 2 packages';

const widget = `<!doctype html><html><head><meta charset="utf-8"><title>Widget</title>
  <script type="module" src="/covdash-embed.js"></script></head><body>
  <coverage-dashboard id="left" src="/full.info" exclude="**/test/**, **/*.config.*" compact></coverage-dashboard>
  <coverage-dashboard id="only" src="/full.info" include="**/src/**" compact></coverage-dashboard>
  </body></html>`;
const bundle = releaseBundle({ '/widget.html': { body: widget }, '/full.info': { body: readFileSync(FULL) } });

const overall = (scope) => scope.locator('.overall__value').first().textContent();

test('a glob typed in the settings leaves files out of every figure, says so, and goes to the address', async (t) => {
  const page = await openDashboard(bundle.browser, bundle.url, t);
  await give(page, FULL, 'dropped');
  await page.locator('.page__file', { hasText: 'full.info' }).waitFor();
  await page.waitForFunction(() => document.querySelector('.overall__value')?.textContent.includes('65.3%'));
  assert.equal(await page.locator('.page__left-out').count(), 0);
  await page.locator('.settings summary').click();
  await page.locator('#setting-exclude').fill('**/test/**, **/*.config.*');
  await page.locator('#setting-exclude').blur();
  await page.waitForFunction(() => document.querySelector('.overall__value')?.textContent.includes('56.0%'));
  assert.equal(await page.locator('.page__left-out').textContent(), SAID);
  assert.equal(await page.evaluate(() => location.hash), '#exclude=**/test/**,+**/*.config.*');
  // Only the package left (`src`, both its files kept) is listed.
  assert.equal(await page.locator('.package [role=progressbar]').count(), 1);
  await page.evaluate(finishAnimations);
  await page.screenshot({ path: join(SHOTS, 'exclude.png') });
  // Cleared, everything counts again.
  await page.locator('#setting-exclude').fill('');
  await page.locator('#setting-exclude').blur();
  await page.waitForFunction(() => document.querySelector('.overall__value')?.textContent.includes('65.3%'));
  assert.equal(await page.locator('.page__left-out').count(), 0);
});

test('a link with exclude or include reproduces the view of the files it keeps', async (t) => {
  const src = `${bundle.url}full.info`;
  const page = await openDashboard(bundle.browser, `${bundle.url}?src=${encodeURIComponent(src)}#exclude=**/test/**,**/*.config.*`, t);
  await page.locator('.page__file', { hasText: 'full.info' }).waitFor();
  await page.waitForFunction(() => document.querySelector('.overall__value')?.textContent.includes('56.0%'));
  assert.equal(await page.locator('.page__left-out').textContent(), SAID);
  assert.equal(await page.locator('#setting-exclude').inputValue(), '**/test/**, **/*.config.*');
});

test('an embedding\'s exclude and include attributes leave files out of its widget', async (t) => {
  const context = await bundle.browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${bundle.url}widget.html`);
  for (const id of ['left', 'only']) await page.locator(`#${id} .package [role=progressbar]`).first().waitFor();
  // `include="**/src/**"` keeps the same two files as leaving out the test and the config.
  for (const id of ['left', 'only']) {
    await page.waitForFunction((id) => document.querySelector(`#${id}`).shadowRoot
      .querySelector('.overall__value')?.textContent.includes('56.0%'), id);
  }
  assert.equal(await page.locator('#left .page__left-out').textContent(), SAID);
  assert.equal(await page.locator('#only .page__left-out').textContent(),
    '2 files left out by only **/src/**, and with them 2 packages');
});

test('covdash JSON\'s own exclude leaves its packages out, and the settings can bring them back', async (t) => {
  const page = await openDashboard(bundle.browser, bundle.url, t);
  const data = { exclude: ['generated/**'], snapshots: [{ label: 'now', packages: { api: { covered: 45, total: 50 }, 'generated/pb': 10 } }] };
  await page.locator('.paste summary').click();
  await page.locator('#paste-text').fill(JSON.stringify(data));
  await page.getByRole('button', { name: 'Read pasted text' }).click();
  await page.locator('.page__left-out').waitFor();
  assert.equal(await page.locator('.page__left-out').textContent(), '1 package left out by generated/**');
  assert.equal(await page.locator('.package [role=progressbar]').count(), 1);
  assert.equal(await overall(page), '90.0%');
  await page.locator('.settings summary').click();
  assert.equal(await page.locator('#setting-exclude').inputValue(), 'generated/**');
  await page.locator('#setting-exclude').fill('');
  await page.locator('#setting-exclude').blur();
  await page.waitForFunction(() => document.querySelectorAll('.package [role=progressbar]').length === 2);
  assert.equal(await page.locator('.page__left-out').count(), 0);
});
