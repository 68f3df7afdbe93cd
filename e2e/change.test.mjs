// End-to-end: what a change did to coverage, line by line (docs/change.md), on the release
// bundle in headless Chromium: a baseline and a current coverage.py report, the diff between
// their commits and the current source, dropped together (tests/fixtures/differential/
// python-coveragepy: genhtml 2.3.2 puts every line in the same category, tests/differential.rs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axe, give, openDashboard, releaseBundle } from './chromium.mjs';
import { finishAnimations } from './portal.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PAIR = join(ROOT, 'tests', 'fixtures', 'differential', 'python-coveragepy');
const SHOTS = join(ROOT, 'target', 'screenshots');

const bundle = releaseBundle();

for (const { scheme, width } of [{ scheme: 'light', width: 1280 }, { scheme: 'dark', width: 390 }]) {
  test(`This change says line by line what the change did, and the file's lines are marked (${scheme}, ${width} px)`, async (t) => {
    const options = { viewport: { width, height: 900 }, colorScheme: scheme };
    const page = await openDashboard(bundle.browser, bundle.url, t, { options });
    const files = ['baseline.json', 'current.json', 'change.diff', 'current/shapes.py'].map((f) => join(PAIR, f));
    await give(page, files, 'dropped');
    await page.locator('.page__file', { hasText: 'change.diff' }).waitFor();
    // Two moments of one project: the baseline, then the current report.
    const moments = page.locator('.reading__option', { hasText: 'Moments of the project' });
    if (!(await moments.getAttribute('class')).includes('reading__option--checked')) await moments.click();
    await page.locator('section#change', { hasText: 'line by line against' }).waitFor();
    const said = await page.locator('section#change').textContent();
    assert.match(said, /line by line against “baseline\.json”: 9 new lines tested, 3 new lines not tested, 3 lines that lost their tests, 3 lines newly tested/);
    assert.match(said, /LBC 10, 27–28 · GBC 11, 15, 17/);
    await page.evaluate(finishAnimations);
    await page.locator('section#change').screenshot({ path: join(SHOTS, `differential-${scheme}-${width}.png`) });
    assert.deepEqual((await axe(page)).filter((v) => ['serious', 'critical'].includes(v.impact)), []);

    // The file's lines, each the change touched or whose coverage changed marked in words.
    await page.locator('.package__toggle').first().click();
    await page.locator('.file__name').filter({ hasText: /^shapes\.py$/ }).click();
    await page.locator('.source__origin', { hasText: 'given with the coverage' }).waitFor();
    const note = (n) => page.locator(`.source-line[data-line="${n}"] .source-line__note`).textContent();
    assert.equal(await note(10), 'LBC: line that lost its tests');
    assert.equal(await note(11), 'GBC: line newly tested');
    assert.equal(await note(21), 'GNC: new line tested');
    assert.equal(await note(22), 'UNC: new line not tested');
    assert.equal(await page.locator('.source-line[data-line="5"] .source-line__note').count(), 0);
    await page.evaluate(finishAnimations);
    await page.screenshot({ path: join(SHOTS, `differential-lines-${scheme}-${width}.png`) });
    assert.deepEqual((await axe(page)).filter((v) => ['serious', 'critical'].includes(v.impact)), []);
  });
}

// Two runs of one commit, no diff: the page sees the same lines measured twice and says which
// line the runs found the other way (tests/fixtures/differential/unstable-c, made with gcc and
// lcov: its test covers line 9 on even seconds only).
test('Two runs of one source: This change names the unstable line, and the file marks it', async (t) => {
  const page = await openDashboard(bundle.browser, bundle.url, t, { options: { viewport: { width: 1280, height: 900 } } });
  const RUNS = join(ROOT, 'tests', 'fixtures', 'differential', 'unstable-c');
  await give(page, ['run-1.info', 'run-2.info', 'project/clock.c'].map((f) => join(RUNS, f)), 'dropped');
  await page.locator('.page__file', { hasText: 'run-2.info' }).waitFor();
  const moments = page.locator('.reading__option', { hasText: 'Moments of the project' });
  if (!(await moments.getAttribute('class')).includes('reading__option--checked')) await moments.click();
  const section = page.locator('section#change', { hasText: 'the same source measured twice' });
  await section.waitFor();
  const said = await section.textContent();
  assert.match(said, /line by line against “run-1\.info”: 1 line that lost its tests, 7 lines still tested/);
  assert.match(said, /clock\.c/);
  assert.match(said, /coverage changed: LBC 9/);
  assert.deepEqual((await axe(page)).filter((v) => ['serious', 'critical'].includes(v.impact)), []);

  await page.locator('.package__toggle').first().click();
  await page.locator('.file__name').filter({ hasText: /^clock\.c$/ }).click();
  await page.locator('.source__origin', { hasText: 'given with the coverage' }).waitFor();
  assert.equal(await page.locator('.source-line[data-line="9"] .source-line__note').textContent(), 'LBC: line that lost its tests');
  assert.equal(await page.locator('.source-line__note').count(), 1);
  await page.evaluate(finishAnimations);
  await page.screenshot({ path: join(SHOTS, 'differential-unstable.png') });
});
