// End-to-end: the release bundle (dist/, built by scripts/test.sh) served over HTTP and driven
// in headless Chromium, as a person would use it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axe, bounded, give, launchChromium, openDashboard, waitUntil } from './chromium.mjs';
import { serve } from './server.mjs';
import { PORTAL_DATA, drawnFigures, finishAnimations, portalPages } from './portal.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const SHOTS = join(ROOT, 'target', 'screenshots');
/** The command-line tool, built by `cargo test` (scripts/test.sh runs it first). */
const CLI = join(ROOT, 'target', 'debug', 'covdash');

const SAMPLE_VALUES = ['90.9', '89.8', '86.5', '86.2', '78.3', '77.4', '71.7', '68.1'];
const BROKEN = '{\n  "snapshots": [\n    { "label": "x", "packages": { "storage": 178.3 } }\n  ]\n}\n';

let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(DIST, 'index.html')), 'dist/ is missing: run `trunk build --release --offline` first');
  mkdirSync(SHOTS, { recursive: true });
  server = await serve(DIST);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page with the dashboard loaded; page errors fail the test. */
const open = (t, options = {}) => openDashboard(browser, server.url, t, { options });

const packageBars = (page) => page.locator('.package [role=progressbar]');
const ariaValues = (page) => packageBars(page).evaluateAll((bars) => bars.map((b) => b.getAttribute('aria-valuenow')));

test('the sample shows eight package bars in descending order with computed tiers', async (t) => {
  const page = await open(t, { viewport: { width: 1280, height: 900 } });
  assert.deepEqual(await ariaValues(page), SAMPLE_VALUES);
  const bars = await packageBars(page).evaluateAll((all) => all.map((b) => ({
    label: b.getAttribute('aria-label'),
    min: b.getAttribute('aria-valuemin'),
    max: b.getAttribute('aria-valuemax'),
  })));
  assert.deepEqual(bars.map((b) => b.label),
    ['sdk/ratelimit', 'sdk/stream', 'sdk/agent', 'sdk/router', 'storage', 'sdk/storage', 'sdk/cli', 'providers']);
  assert.ok(bars.every((b) => b.min === '0' && b.max === '100'));
  const tierOf = (name) => page.locator('li.package', { has: page.locator(`[aria-label="${name}"]`) }).locator('.tier__name');
  assert.equal(await tierOf('sdk/router').textContent(), 'Excellent');
  assert.equal(await tierOf('providers').textContent(), 'Needs work');
  assert.equal(await page.locator('.overall__value').textContent(), '81.1%');
  assert.equal(await page.locator('.overall__method').textContent(), 'mean of 8 packages, no statement counts');
});

for (const colorScheme of ['light', 'dark']) {
  for (const width of [360, 400, 1280, 1600]) {
    test(`the sample reads at ${width} px in ${colorScheme} mode without overflowing`, async (t) => {
      const page = await open(t, { colorScheme, viewport: { width, height: 900 } });
      assert.deepEqual(await ariaValues(page), SAMPLE_VALUES);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than the viewport`);
      // Let the bars finish growing before the picture is taken (target/screenshots, not committed).
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState === 'finished'));
      await page.screenshot({ path: join(SHOTS, `sample-${colorScheme}-${width}.png`), fullPage: true });
    });
  }
}

test('the print stylesheet leaves out the controls and keeps every section', async (t) => {
  const page = await open(t);
  await page.emulateMedia({ media: 'print' });
  for (const control of ['.toolbar', '.settings', '.page__actions']) {
    assert.equal(await page.locator(control).isVisible(), false, `${control} is printed`);
  }
  assert.equal(await page.locator('.sections .card:visible').count(), 12);
});

// The reasons are the parser's own, recorded with the fixture (`diagnostic:` lines); the page
// lists each, the first few at once and the rest folded, and draws what was valid.
test('a file read in part names every record skipped, the first at once and the rest folded', async (t) => {
  const page = await open(t);
  const file = join(ROOT, 'tests', 'fixtures', 'lcov', 'warn', '0001_bad_records.info');
  const reasons = readFileSync(file.replace(/\.info$/, '.txt'), 'utf8').split('\n')
    .filter((line) => line.startsWith('diagnostic: ')).map((line) => line.slice('diagnostic: '.length));
  assert.equal(reasons.length, 10);
  await give(page, file, 'dropped');
  const banner = page.locator('.banner--warning', { hasText: '0001_bad_records.info: 10 records skipped or repaired' });
  await banner.waitFor();
  const lines = ['0001_bad_records.info: 10 records skipped or repaired', ...reasons];
  assert.equal(await banner.locator('.banner__message').first().textContent(), lines.slice(0, 4).join('\n'));
  const more = banner.locator('.banner__more');
  assert.equal(await more.locator('summary').textContent(), 'Show 7 more lines');
  assert.equal(await more.locator('.banner__message').isVisible(), false);
  await more.locator('summary').click();
  assert.equal(await more.locator('.banner__message').textContent(), lines.slice(4).join('\n'));
  await page.locator('.overall__method', { hasText: '2 of 4 lines covered' }).waitFor();
  assert.equal(await page.locator('.overall__value').textContent(), '50.0%');
});

test('a broken file chosen through the file input shows its error and keeps the bars', async (t) => {
  const page = await open(t);
  await page.locator('[data-testid=file-input]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(BROKEN) });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal(
    await alert.locator('.banner__message').textContent(),
    'broken.json: line 3, column 50: snapshots[0].packages.storage: a percentage must be between 0 and 100, found 178.3',
  );
  assert.deepEqual(await ariaValues(page), SAMPLE_VALUES);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await alert.waitFor({ state: 'detached' });
  assert.deepEqual(await ariaValues(page), SAMPLE_VALUES);
});

test('the choose-files button is reachable by keyboard and opens the file chooser', async (t) => {
  const page = await open(t);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent);
  assert.equal(focused, 'Choose files');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
  assert.ok(chooser.isMultiple());
  assert.equal(page.choosers.length, 1);
});

test('a covdash JSON file dropped on the page replaces the dashboard', async (t) => {
  const page = await open(t);
  const json = JSON.stringify({
    title: 'dropped project',
    snapshots: [{ label: 'ci', packages: { api: { covered: 45, total: 50 }, db: 62.5 } }],
  });
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return dt;
  }, json);
  await page.dispatchEvent('.page', 'dragenter', { dataTransfer: transfer });
  assert.ok(await page.locator('.drop-zone__overlay').isVisible(), 'no overlay while dragging');
  await page.dispatchEvent('.page', 'drop', { dataTransfer: transfer });
  await page.locator('.page__title', { hasText: 'dropped project' }).waitFor();
  assert.deepEqual(await ariaValues(page), ['90', '62.5']);
  assert.equal(await page.locator('.drop-zone__overlay').count(), 0);
});

/** Per-package figures as the CLI prints them: full package name → "58.3%". */
function cliFigures(file, metric) {
  const cli = join(ROOT, 'target', 'debug', 'covdash');
  assert.ok(existsSync(cli), 'target/debug/covdash is missing: run `cargo test` first');
  const args = metric ? ['summary', '--metric', metric, file] : ['summary', file];
  const lines = execFileSync(cli, args, { encoding: 'utf8' }).trimEnd().split('\n');
  const rows = lines.slice(1, lines.findIndex((line) => /^-+$/.test(line))).map((line) => line.trim().split(/\s+/));
  return Object.fromEntries(rows.map((cells) => [cells[0] === '(root)' ? '' : cells[0], cells.at(-1)]));
}


for (const fixture of [
  'tests/fixtures/snapshots/more-itertools-before/coverage.lcov',
  'tests/fixtures/lcov/ok/generated-llvm19-export.lcov',
  'tests/fixtures/go/ok/generated-go1.19-cover-count.out',
  'tests/fixtures/go/ok/generated-go1.19-coverpkg-atomic.out',
  'tests/fixtures/go-test/ok/generated-go1.19-go-test-cover.log',
  'tests/fixtures/go-test/ok/generated-go1.19-go-test.json',
  'tests/fixtures/cobertura/ok/rg-cobertura-coverlet.xml',
  'tests/fixtures/snapshots/more-itertools-after/coverage.xml',
  'tests/fixtures/istanbul/ok/coverage-final.from-spec-missing-decl.json',
  'tests/fixtures/istanbul/ok/ngx-bdir-coverage-summary.json',
  'tests/fixtures/coveragepy/ok/generated-coveragepy-7.17.3-format3-branch.json',
  'tests/fixtures/llvmcov/ok/generated-clang14-export-2.0.1.json',
  'tests/fixtures/llvmcov/ok/cargo-llvm-cov-real1-summary-only.json',
  'tests/fixtures/tarpaulin/ok/influxdb-rust-tarpaulin-report.json',
  'tests/fixtures/jacoco/ok/rg-jacoco-0.8.3.xml',
  'tests/fixtures/clover/ok/rg-clover-openclover-4.3.1.xml',
  'tests/fixtures/sonarqube/ok/generated-gcovr-8.8-sonarqube.xml',
]) {
  for (const via of ['chosen through the file input', 'dropped with a DataTransfer']) {
    test(`${fixture} ${via} shows the CLI's figures`, async (t) => {
      const page = await open(t);
      const expected = cliFigures(join(ROOT, fixture));
      await give(page, join(ROOT, fixture), via);
      const name = fixture.split('/').at(-1);
      await page.locator('.page__file', { hasText: name }).waitFor();
      const shown = await page.locator('li.package').evaluateAll((rows) => Object.fromEntries(rows.map((row) => [
        row.querySelector('.package__name').getAttribute('title'),
        row.querySelector('.package__figure').firstChild.textContent,
      ])));
      assert.deepEqual(shown, expected);
    });
  }
}

/** Per-package figures the page shows: full package name → "58.3%". */
const shownFigures = (page) => page.locator('li.package').evaluateAll((rows) => Object.fromEntries(rows.map((row) => [
  row.querySelector('.package__name').getAttribute('title'),
  row.querySelector('.package__figure').firstChild.textContent,
])));

test('the metric switch judges every view by the metric chosen, and the address keeps it', async (t) => {
  const page = await open(t);
  const fixture = join(ROOT, 'tests/fixtures/llvmcov/ok/generated-clang14-export-2.0.1.json');
  await give(page, fixture, 'chosen through the file input');
  await page.locator('.page__file', { hasText: 'generated-clang14-export-2.0.1.json' }).waitFor();
  const options = await page.locator('.metric__option').allTextContents();
  assert.deepEqual(options, ['Lines82.9%', 'Branches59.4%', 'Functions85.7%']);
  assert.deepEqual(await shownFigures(page), cliFigures(fixture, 'lines'));
  await page.locator('.metric__option', { hasText: 'Branches' }).click();
  await page.waitForFunction(() => location.hash.includes('metric=branches'));
  // The view comes from the worker: the page is marked busy until it is there.
  await page.locator('.page:not([aria-busy])').waitFor();
  assert.deepEqual(await shownFigures(page), cliFigures(fixture, 'branches'));
  assert.equal(await page.locator('.overall__value').first().textContent().then((s) => s.trim()), '59.4%');
  assert.match(await page.locator('.overall').textContent(), /19 of 32 branches/);
  // The sections follow: distance to target counts branches now.
  assert.match(await page.locator('section#distance').textContent(), /branches/);
  assert.doesNotMatch(await page.locator('section#distance').textContent(), /more lines/);
  // A reload keeps the choice in the address: the sample has one metric and no switch, and
  // the same file given again is judged by branches at once.
  await page.reload();
  await page.locator('.package [role=progressbar]').first().waitFor();
  assert.equal(await page.locator('.metric').count(), 0, 'the sample has one metric: no switch');
  await give(page, fixture, 'chosen through the file input');
  await page.locator('.page__file', { hasText: 'generated-clang14-export-2.0.1.json' }).waitFor();
  await page.locator('.page:not([aria-busy])').waitFor();
  assert.equal(await page.locator('.metric__option--checked').textContent(), 'Branches59.4%');
  assert.deepEqual(await shownFigures(page), cliFigures(fixture, 'branches'));
});

test('the sample switches between its three snapshots, bars keeping their rows', async (t) => {
  const page = await open(t);
  const tabs = page.locator('.snapshot');
  assert.deepEqual(await tabs.locator('.snapshot__label').allTextContents(), ['Session start', 'Round 1 end', 'Final']);
  assert.equal(await page.locator('.snapshot[aria-pressed=true] .snapshot__label').textContent(), 'Final');
  const providers = page.locator('.package [role=progressbar][aria-label="providers"]');
  const handle = await providers.elementHandle();
  await tabs.nth(0).click();
  await page.locator('.overall__value', { hasText: '77.4%' }).waitFor();
  assert.equal(await providers.getAttribute('aria-valuenow'), '46.4');
  assert.equal(await page.locator('.package [role=progressbar][aria-label="storage"]').getAttribute('aria-valuenow'), '73.1');
  // The same element moved to its new value: rows are keyed by package.
  assert.ok(await handle.evaluate((bar) => bar.isConnected));
  await tabs.nth(1).click();
  await page.locator('.overall__value', { hasText: '80.1%' }).waitFor();
  assert.equal(await page.locator('.snapshot[aria-pressed=true] .snapshot__change').textContent(), '+2.7 pts');  // The label of the snapshot shown can be changed; the sections use it too.
  await page.locator('#snapshot-label').fill('Lunch');
  await page.locator('#snapshot-label').press('Enter');
  await page.locator('.snapshot[aria-pressed=true] .snapshot__label', { hasText: 'Lunch' }).waitFor();
  assert.deepEqual(await tabs.locator('.snapshot__label').allTextContents(), ['Session start', 'Lunch', 'Final']);
  assert.deepEqual(await page.locator('#progress .bar-list__name').allTextContents(), ['Session start', 'Lunch']);
});

test('two moments of one project become snapshots, and can be merged instead', async (t) => {
  const page = await open(t);
  await page.locator('[data-testid=file-input]').setInputFiles([
    join(ROOT, 'tests/fixtures/snapshots/more-itertools-after/coverage.lcov'),
    join(ROOT, 'tests/fixtures/snapshots/more-itertools-before/coverage.xml'),
  ]);
  const moments = page.getByRole('radio', { name: /Moments of the project/ });
  await moments.waitFor();
  assert.ok(await moments.isChecked(), 'the same files at two moments should be read as snapshots');
  assert.equal(await page.locator('.snapshot').count(), 2);
  // The Cobertura report carries the time of its run; the LCOV file only its file time, which a
  // checkout sets to now: the before-run's report comes first, and the page says how it ordered.
  assert.deepEqual(await page.locator('.snapshot__figure').allTextContents(), ['26.9%', '99.4%']);
  await page.locator('#progress', { hasText: 'ordered by file time: 1 of 2 reports carries no timestamp' }).waitFor();
  await page.locator('.snapshot').last().click();
  await page.locator('.overall__value', { hasText: '99.4%' }).waitFor();
  // A line covered in either run is covered: what `covdash summary` of the two files gives,
  // and `lcov -a` of the two runs' LCOV files (tests/cli.rs): 1,897 of 1,908.
  const merged = JSON.parse(execFileSync(CLI, ['summary', '--json',
    join(ROOT, 'tests/fixtures/snapshots/more-itertools-after/coverage.lcov'),
    join(ROOT, 'tests/fixtures/snapshots/more-itertools-before/coverage.xml')], { encoding: 'utf8' })).total;
  assert.deepEqual([merged.covered, merged.total], [1897, 1908]);
  await page.getByRole('radio', { name: /Parts of one run/ }).check();
  // The later snapshot, shown until the merge is drawn, reads the same figures as the merge
  // (the later run covers every line the earlier one does): wait for the snapshots to go.
  await page.locator('.snapshot').first().waitFor({ state: 'detached' });
  assert.equal(await page.locator('.overall__method').textContent(), '1,897 of 1,908 lines covered in 1 package');
});

test('snapshots are put in order by the reports\' own times, as the CLI orders them, whatever the file times', async (t) => {
  // Two coverage.py reports of one project, both called coverage.json; the later one's file
  // time is the earlier (as a checkout or an artifact download leaves them).
  const dir = mkdtempSync(join(tmpdir(), 'covdash-order-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files = [['after', Date.UTC(2020, 0, 1)], ['before', Date.UTC(2021, 0, 1)]].map(([moment, time]) => {
    mkdirSync(join(dir, moment));
    const path = join(dir, moment, 'coverage.json');
    copyFileSync(join(ROOT, `tests/fixtures/snapshots/more-itertools-${moment}/coverage.json`), path);
    utimesSync(path, time / 1000, time / 1000);
    return { path, time };
  });
  const analysis = JSON.parse(execFileSync(CLI, ['report', '--format', 'json', ...files.map((f) => f.path)], { encoding: 'utf8' }));
  const cliOrder = analysis.progress.points.map((p) => `${(Math.round(p.percent * 10) / 10).toFixed(1)}%`);
  assert.deepEqual(cliOrder, ['26.9%', '99.4%']);
  assert.deepEqual(analysis.progress.order, { by: 'report_times' });

  const page = await open(t);
  const transfer = await page.evaluateHandle((given) => {
    const dt = new DataTransfer();
    for (const { data, time } of given) {
      dt.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], 'coverage.json', { lastModified: time }));
    }
    return dt;
  }, files.map(({ path, time }) => ({ data: readFileSync(path).toString('base64'), time })));
  await page.dispatchEvent('.page', 'drop', { dataTransfer: transfer });
  await page.locator('.page__file', { hasText: 'coverage.json' }).waitFor();
  await page.locator('.page:not([aria-busy])').waitFor();
  assert.deepEqual(await page.locator('.snapshot__figure').allTextContents(), cliOrder);
  // The two labels tell the files apart by the times their reports carry.
  const labels = await page.locator('.snapshot__label').allTextContents();
  assert.deepEqual(labels, ['coverage.json (2026-11-24 09:54:52)', 'coverage.json (2026-11-24 09:55:01)']);
  await page.locator('#progress', { hasText: 'snapshots ordered by the times the reports were written' }).waitFor();
});

test('the page honours dark mode and reduced motion', async (t) => {
  const page = await open(t, { colorScheme: 'dark', reducedMotion: 'reduce', viewport: { width: 400, height: 900 } });
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(15, 19, 25)');
  const running = await page.evaluate(() => document.getAnimations().length);
  assert.equal(running, 0, 'animations run under prefers-reduced-motion');
});

test('every analysis section of the sample is shown, time to target with its method on demand', async (t) => {
  const page = await open(t);
  const headings = await page.locator('.sections .card__heading').allTextContents();
  assert.deepEqual(headings, ['Overall progress', 'Wins', 'Tests', 'Distance to target', 'Time to target',
    'Distribution', 'Readiness by group', 'Achievements', 'Momentum', 'Goal', 'Summary', 'Recommendations']);
  const distribution = await page.locator('#distribution .bar-list__row').evaluateAll((rows) => rows.map((r) => [
    r.querySelector('.bar-list__name').textContent, r.querySelector('.bar-list__figure').textContent]));
  assert.deepEqual(distribution, [['Elite', '1 package'], ['Excellent', '3 packages'], ['Good', '2 packages'],
    ['OK', '1 package'], ['Needs work', '1 package']]);
  const method = page.locator('#time-to-target details.method');
  assert.equal(await method.locator('p').isVisible(), false);
  await method.locator('summary').click();
  assert.match(await method.locator('p').textContent(), /its best interval \(fast\)/);
  // Going back to the first snapshot, the sections are as of that moment.
  await page.locator('.snapshot').nth(0).click();
  await page.locator('#wins .empty').waitFor();
  assert.equal(await page.locator('#wins .empty').textContent(), 'one snapshot only: wins are gains between snapshots');
  assert.equal(await page.locator('#wins').evaluate((e) => e.closest('section').querySelector('h2').textContent), 'Not shown');
});

test('the exports copy the reports and download the badge and the JSON', async (t) => {
  const page = await open(t);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.getByRole('button', { name: 'Copy Markdown summary' }).click();
  await page.locator('.exports__status', { hasText: 'Copied to the clipboard' }).waitFor();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(markdown.startsWith('## modelscan — test coverage sprint\n'), markdown.slice(0, 80));
  assert.equal(markdown, execFileSync(CLI, ['report', 'samples/modelscan-session.json', '--format', 'markdown'], { cwd: ROOT, encoding: 'utf8' }));
  await page.getByRole('button', { name: 'Copy text report' }).click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()).includes('━━ OVERALL PROGRESS'));

  const [badge] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download SVG badge' }).click()]);
  assert.equal(badge.suggestedFilename(), 'coverage-badge.svg');
  const svg = readFileSync(await badge.path(), 'utf8');
  assert.match(svg, /aria-label="coverage: 81.1%"/);

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
  assert.equal(json.suggestedFilename(), 'coverage.json');
  const data = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.equal(data.snapshots.length, 3);
  assert.equal(data.snapshots[2].packages.providers, 68.1);
  assert.equal(data.target, 80);
});

test('changed settings go to the address, and the address reproduces the view after a reload', async (t) => {
  const page = await open(t);
  await page.locator('.settings summary').click();
  await page.locator('#setting-target').fill('85');
  await page.locator('#setting-target').press('Enter');
  await page.locator('#setting-target').blur();
  await page.locator('#setting-strategy').selectOption('effect');
  await page.locator('#setting-tiers').fill('Great=88, Fine=75, Poor=0');
  await page.locator('#setting-tiers').blur();
  await page.waitForFunction(() => location.hash.includes('tiers='));
  const hash = await page.evaluate(() => location.hash);
  assert.equal(hash, '#target=85&tiers=Great=88,+Fine=75,+Poor=0&strategy=effect');
  const view = async () => ({
    distance: await page.locator('#distance .bar-list__name').allTextContents(),
    tiers: await page.locator('li.package .tier__name').allTextContents(),
    lead: await page.locator('#recommendations .card__lead').textContent(),
  });
  const before = await view();
  assert.deepEqual(before.distance, ['storage', 'sdk/storage', 'sdk/cli', 'providers']);
  assert.deepEqual(before.tiers, ['Great', 'Great', 'Fine', 'Fine', 'Fine', 'Fine', 'Poor', 'Poor']);
  assert.equal(before.lead, 'Ranked largest effect on the overall figure first');
  await page.reload();
  await page.locator('.package [role=progressbar]').first().waitFor();
  assert.deepEqual(await view(), before);
  assert.equal(await page.locator('#setting-target').inputValue(), '85');
  // A value that cannot be used is explained, and the last good one stays.
  await page.locator('.settings summary').click();
  await page.locator('#setting-tiers').fill('Top=90');
  await page.locator('#setting-tiers').blur();
  assert.match(await page.locator('.settings__problem').textContent(), /must start at 0/);
  assert.equal(await page.evaluate(() => location.hash), hash);
});

test('what a person is typing in a setting stays while the page changes under it', async (t) => {
  const page = await open(t);
  await page.locator('.settings summary').click();
  const tiers = page.locator('#setting-tiers');
  const typed = 'Great=88, Fine=75, Poor=0';
  await tiers.fill(typed);
  // Another setting changes while the tiers are being typed (not yet committed): the page
  // draws the new view, and the tiers keep what was typed.
  await page.evaluate(() => {
    const strategy = document.querySelector('#setting-strategy');
    strategy.value = 'effect';
    strategy.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForFunction(() => location.hash.includes('strategy=effect'));
  await page.locator('#recommendations .card__lead', { hasText: 'largest effect' }).waitFor();
  assert.equal(await tiers.inputValue(), typed);
  await tiers.blur();
  await page.waitForFunction(() => location.hash.includes('tiers='));
  assert.equal(await page.evaluate(() => location.hash), '#tiers=Great=88,+Fine=75,+Poor=0&strategy=effect');
  // A value that cannot be used stays as typed, to be mended, beside what is wrong with it.
  await tiers.fill('Top=90');
  await tiers.blur();
  assert.match(await page.locator('.settings__problem').textContent(), /must start at 0/);
  assert.equal(await tiers.inputValue(), 'Top=90');
  // A reset puts the data's settings back in every field, that one too.
  await page.locator('.settings__actions button', { hasText: "Reset to the data's settings" }).click();
  await page.waitForFunction(() => location.hash === '');
  assert.equal(await tiers.inputValue(), 'Elite=90, Excellent=85, Good=75, OK=70, Needs work=0');
  assert.equal(await page.locator('.settings__problem').count(), 0);
});

test('the theme can be chosen by hand, and a link with a bad setting says so', async (t) => {
  const page = await open(t, { colorScheme: 'light' });
  await page.locator('.settings summary').click();
  await page.locator('#setting-theme').selectOption('dark');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(15, 19, 25)');
  // A fresh page opened from a link.
  const linked = await page.context().newPage();
  await linked.goto(`${server.url}#target=120&theme=dark`);
  await linked.locator('.banner', { hasText: 'link setting "target"' }).waitFor();
  assert.equal(await linked.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(15, 19, 25)');
  assert.equal(await linked.evaluate(() => location.hash), '#theme=dark');
});

/** The more-itertools "before" run chosen on the page, with its first package opened. */
async function openFirstPackage(t) {
  const page = await open(t);
  await page.locator('[data-testid=file-input]').setInputFiles(join(ROOT, 'tests/fixtures/snapshots/more-itertools-before/coverage.lcov'));
  const toggle = page.locator('li.package button.package__toggle').first();
  await toggle.waitFor();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const detail = page.locator('.package__detail').first();
  // The files come from the worker: the list is marked busy until they are there.
  const answered = () => detail.locator('.files__list:not([aria-busy])').waitFor();
  await answered();
  return { page, detail, answered };
}

test('a package opens into its files, sorted by name or by what is uncovered, and filtered', async (t) => {
  const { detail, answered } = await openFirstPackage(t);
  const names = async () => { await answered(); return detail.locator('.file__name').allTextContents(); };
  assert.deepEqual(await names(), ['__init__.py', 'more.py', 'recipes.py']);
  await detail.locator('select').selectOption('uncovered');
  await answered();
  // coverage.py's own report.txt: 1,381 statements missed in more.py, 13 in recipes.py, none in __init__.py.
  assert.deepEqual(await detail.locator('.file__counts').allTextContents(), ['221 of 1,602 lines', '290 of 303 lines', '3 of 3 lines']);
  await detail.locator('input[type=search]').fill('rec');
  assert.deepEqual(await names(), ['recipes.py']);
});

test('each file lists its uncovered lines as coverage.py\'s report joins them', async (t) => {
  const { detail } = await openFirstPackage(t);
  // missing.txt: coverage.py 7.17.3's own `format_lines` over the run's statements and missing lines.
  const tool = readFileSync(join(ROOT, 'tests/fixtures/snapshots/more-itertools-before/missing.txt'), 'utf8');
  const missing = Object.fromEntries(tool.trimEnd().split('\n').map((line) => line.split('\t')));
  const shown = await detail.locator('li.file', { hasText: 'recipes.py' }).locator('.file__missing-lines').textContent();
  assert.equal(shown.replaceAll('–', '-'), missing['more_itertools/recipes.py']);
});

test('each file lists its lines with branches partly taken, as many as coverage.py counts partial', async (t) => {
  const { detail } = await openFirstPackage(t);
  // report.txt: coverage.py 7.17.3's own report of the run; BrPart is the fifth column.
  const report = readFileSync(join(ROOT, 'tests/fixtures/snapshots/more-itertools-before/report.txt'), 'utf8');
  const brpart = Object.fromEntries(report.split('\n').filter((l) => l.startsWith('more_itertools/'))
    .map((l) => l.split(/\s+/)).map((c) => [c[0], Number(c[4])]));
  for (const [path, n] of Object.entries(brpart)) {
    const partial = detail.locator('li.file', { hasText: path.split('/').at(-1) }).locator('.file__partial-lines');
    if (n === 0) {
      assert.equal(await partial.count(), 0, path);
      continue;
    }
    const lines = (await partial.textContent()).split(', ');
    assert.equal(lines.length, n, path);
    for (const line of lines) {
      const [, taken, all] = line.match(/^\d+: (\d+) of (\d+)$/) ?? [];
      assert.ok(Number(taken) < Number(all), `${path} ${line}`);
    }
  }
});

test('a file opens into its functions, each called or never called as the LCOV file says', async (t) => {
  const { detail } = await openFirstPackage(t);
  const functions = detail.locator('li.file', { hasText: 'recipes.py' }).locator('.file__functions');
  await functions.locator('summary').click();
  // coverage.lcov's FNDA records for recipes.py: hits by function name.
  const lcov = readFileSync(join(ROOT, 'tests/fixtures/snapshots/more-itertools-before/coverage.lcov'), 'utf8');
  const section = lcov.slice(lcov.indexOf('SF:more_itertools/recipes.py'));
  const record = section.slice(0, section.indexOf('end_of_record'));
  const hits = Object.fromEntries([...record.matchAll(/^FNDA:(\d+),(.+)$/gm)].map(([, n, name]) => [name, Number(n)]));
  // Its FN records: the line each function starts on.
  const lines = Object.fromEntries([...record.matchAll(/^FN:(\d+)(?:,\d+)?,(.+)$/gm)].map(([, line, name]) => [name, line]));
  const rows = await functions.locator('li').allTextContents();
  assert.equal(rows.length, Math.min(50, Object.keys(hits).length));
  for (const row of rows) {
    const [, name, said] = row.match(/^[✓✗]?(.+) — (called|never called · line \d+)/) ?? [];
    assert.ok(name in hits, `${row}: no such function in the LCOV file`);
    assert.equal(said, hits[name] > 0 ? 'called' : `never called · line ${lines[name]}`, row);
  }
});

for (const [name, options, act] of [
  ['the sample, light, 1280 px', { colorScheme: 'light', viewport: { width: 1280, height: 900 } }, async () => {}],
  ['the sample, dark, 400 px', { colorScheme: 'dark', viewport: { width: 400, height: 900 } }, async () => {}],
  ['settings open and a package opened, dark', { colorScheme: 'dark' }, async (page) => {
    await page.locator('[data-testid=file-input]').setInputFiles(join(ROOT, 'tests/fixtures/snapshots/more-itertools-before/coverage.lcov'));
    await page.locator('button.package__toggle').first().click();
    await page.locator('.settings summary').click();
    await page.locator('#time-to-target').waitFor();
  }],
  ['a JaCoCo report judged by branches through the metric switch, dark', { colorScheme: 'dark' }, async (page) => {
    await page.locator('[data-testid=file-input]').setInputFiles(join(ROOT, 'tests/fixtures/jacoco/ok/rg-jacoco-0.8.3.xml'));
    await page.locator('.metric__option', { hasText: 'Branches' }).click();
    await page.locator('.metric__option--checked', { hasText: 'Branches' }).waitFor();
  }],
  ['a broken file, light', { colorScheme: 'light' }, async (page) => {
    await page.locator('[data-testid=file-input]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(BROKEN) });
    await page.locator('.banner--error').waitFor();
  }],
]) {
  test(`axe-core finds no serious or critical violations: ${name}`, async (t) => {
    const page = await open(t, options);
    await act(page);
    // Finish the bars' growth and the figures' count-up: axe reads colours as they are painted.
    await page.evaluate(finishAnimations);
    const violations = await axe(page);
    const counts = Object.fromEntries(['critical', 'serious', 'moderate', 'minor'].map((impact) => [impact, violations.filter((v) => v.impact === impact).length]));
    t.diagnostic(`axe ${name}: ${JSON.stringify(counts)} ${violations.map((v) => `${v.id}(${v.impact})`).join(' ')}`);
    assert.deepEqual(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), []);
  });
}

test('coverage pasted as text is read like a file', async (t) => {
  const page = await open(t);
  await page.locator('.paste summary').click();
  await page.locator('#paste-text').fill(readFileSync(join(ROOT, 'tests/fixtures/go/ok/generated-go1.19-cover-count.out'), 'utf8'));
  await page.getByRole('button', { name: 'Read pasted text' }).click();
  await page.locator('.page__file', { hasText: 'pasted text' }).waitFor();
  const expected = cliFigures('tests/fixtures/go/ok/generated-go1.19-cover-count.out');
  const shown = await page.locator('li.package').evaluateAll((rows) => Object.fromEntries(rows.map((row) => [
    row.querySelector('.package__name').getAttribute('title'),
    row.querySelector('.package__figure').firstChild.textContent,
  ])));
  assert.deepEqual(shown, expected);
});

test('a long list of recommendations lists the files of those shown, asking for more as more are shown, as the CLI lists them', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'covdash-many-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'many.info');
  execFileSync('python3', [join(ROOT, 'bench/many_files.py'), '3000', '120', file]);
  const analysis = JSON.parse(execFileSync(CLI, ['report', '--format', 'json', file], { encoding: 'utf8' }));
  const expected = analysis.recommendations.items.map((item) => [item.short_name, item.files.map((f) => f.path)]);
  assert.equal(expected.length, 48);
  const page = await open(t);
  await page.locator('[data-testid=file-input]').setInputFiles(file);
  await page.locator('.page__file', { hasText: 'many.info' }).waitFor();
  const items = page.locator('#recommendations .recommendations__item');
  const listed = () => items.evaluateAll((all) => all.map((item) => [
    item.querySelector('.recommendations__name').textContent,
    [...item.querySelectorAll('.recommendations__files li')].map((li) => li.textContent.split(' — ')[0]),
  ]));
  await page.getByText('Showing 10 of 48 recommendations').waitFor();
  assert.deepEqual(await listed(), expected.slice(0, 10));
  await page.locator('#recommendations').getByRole('button', { name: 'Show 10 more' }).click();
  await page.getByText('Showing 20 of 48 recommendations').waitFor();
  await page.locator('#recommendations .recommendations:not([aria-busy])').waitFor();
  await waitUntil(async () => (await listed()).every(([, files]) => files.length > 0), 'the files of the twenty shown');
  assert.deepEqual(await listed(), expected.slice(0, 20));
});

test('with every package at the target, the recommendations name the files with most left uncovered, as the CLI does', async (t) => {
  const file = join(ROOT, 'tests/fixtures/snapshots/more-itertools-after/coverage.json');
  const analysis = JSON.parse(execFileSync(CLI, ['report', '--format', 'json', file], { encoding: 'utf8' }));
  assert.deepEqual(analysis.recommendations.items, []);
  const page = await open(t);
  await page.locator('[data-testid=file-input]').setInputFiles(file);
  // (The sample shown before has recommendations of its own: wait for the file's.)
  await page.locator('.page__file', { hasText: 'coverage.json' }).waitFor();
  await page.locator('.page:not([aria-busy])').waitFor();
  assert.equal(await page.locator('#recommendations .card__lead').textContent(), 'Every package has reached the target: the files with the most uncovered lines, largest first');
  const shown = await page.locator('#recommendations .recommendations__item').evaluateAll((items) => items.map((item) => [
    item.querySelector('.recommendations__name').textContent,
    item.querySelector('.recommendations__reason').textContent,
  ]));
  // Each with its uncovered lines as coverage.py's "Missing" column has them (with en dashes).
  const missing = Object.fromEntries(readFileSync(join(ROOT, 'tests/fixtures/snapshots/more-itertools-after/missing.txt'), 'utf8')
    .trim().split('\n').map((line) => line.split('\t')));
  // Then the lines with branches partly taken and the functions never called, as the CLI's
  // analysis has them (the first six of each).
  const firstSix = (items) => items.slice(0, 6).join(', ') + (items.length > 6 ? ` and ${items.length - 6} more` : '');
  const partial = (f) => (f.partial_branches.length
    ? `; branches partly taken: ${firstSix(f.partial_branches.map(([line, taken, all]) => `${line} (${taken} of ${all})`))}` : '');
  const uncalled = (f) => (f.uncalled_functions.length
    ? `; never called: ${firstSix(f.uncalled_functions.map(([name, line]) => `${name} (${line})`))}` : '');
  assert.deepEqual(shown, analysis.recommendations.files.map((f) => [f.path,
    `${f.uncovered} lines uncovered, in ${f.package}; not covered: ${missing[f.path].replaceAll('-', '–')}${partial(f)}${uncalled(f)}`]));
  // recipes.py: one line partly taken, as coverage.py's BrPart says; more.py: 14.
  assert.deepEqual(analysis.recommendations.files.map((f) => f.partial_branches.length), [1, 14]);
});

/** The gcc/lcov case of tests/fixtures/patch: a change to a C library, its coverage, and diff-cover's figures. */
const PATCH_CASE = join(ROOT, 'tests/fixtures/patch/c-gcc-lcov');

/** What "This change" shows: each row's name, figure, bar value, count and detail. */
const changeRows = (page) => page.locator('#change .bar-list__row').evaluateAll((rows) => rows.map((row) => ({
  name: row.querySelector('.bar-list__name').textContent,
  figure: row.querySelector('.bar-list__figure').textContent,
  value: row.querySelector('[role=progressbar]').getAttribute('aria-valuenow'),
  detail: row.querySelector('.bar-list__detail')?.textContent ?? '',
})));

/** The rows "This change" should show: the figures of `covdash patch --json`, the uncovered lines diff-cover names. */
function expectedChangeRows() {
  const cli = JSON.parse(execFileSync(CLI, ['patch', '--json', '--diff', join(PATCH_CASE, 'change.diff'), join(PATCH_CASE, 'coverage.info')], { encoding: 'utf8' }));
  const diffCover = JSON.parse(readFileSync(join(PATCH_CASE, 'diff-cover.json'), 'utf8'));
  assert.equal(cli.percent, diffCover.total_percent_covered, 'the CLI gives diff-cover\'s figure');
  const reported = readFileSync(join(PATCH_CASE, 'coverage.info'), 'utf8').split('\n').filter((l) => l.startsWith('SF:')).map((l) => l.slice(3));
  const figure = (percent) => (percent === null ? 'n/a' : `${percent.toFixed(1)}%`);
  const value = (percent) => (percent === null ? null : String(Math.round(percent * 10) / 10));
  const lines = (covered, measured) => (measured === 0 ? 'no line measured' : `${covered} of ${measured} line${measured === 1 ? '' : 's'}`);
  const detail = (f) => {
    if (!reported.includes(f.path)) return 'not in the report';
    const missed = diffCover.src_stats[f.path].violation_lines;
    return missed.length ? `not covered: ${missed.join(', ')}` : 'every measured line covered';
  };
  // 75% is in the default tiers' "Good" (75% and up), below the default 80% target.
  return [
    { name: 'All changed lines', figure: figure(cli.percent), value: value(cli.percent), detail: 'Good · below the 80.0% target', note: lines(cli.covered, cli.measured) },
    ...cli.files.map((f) => ({ name: f.path, figure: figure(f.percent), value: value(f.percent), detail: detail(f), note: lines(f.covered, f.measured) })),
  ];
}

for (const via of ['chosen through the file input', 'dropped with a DataTransfer']) {
  test(`a diff ${via} with its coverage shows "This change" above the overall figure, with the figures of covdash patch`, async (t) => {
    const expected = expectedChangeRows();
    const page = await open(t, { viewport: { width: 1280, height: 900 } });
    await give(page, [join(PATCH_CASE, 'change.diff'), join(PATCH_CASE, 'coverage.info')], via);
    await page.locator('#change').waitFor();
    await page.locator('.page:not([aria-busy])').waitFor();
    assert.deepEqual(await changeRows(page), expected.map(({ note, ...row }) => row));
    const notes = await page.locator('#change .bar-list__note').evaluateAll((all) => all.map((n) => n.firstChild.textContent));
    assert.deepEqual(notes, expected.map((row) => row.note));
    assert.ok(await page.evaluate(() => Boolean(document.querySelector('#change').compareDocumentPosition(document.querySelector('.overall')) & Node.DOCUMENT_POSITION_FOLLOWING)),
      '"This change" comes before the overall figure');
    // The report's own figure stays for context, and the footer says what the patch leaves out.
    assert.equal(await page.locator('.page__file').textContent(), 'coverage.info, change.diff');
    await page.locator('#change .card__footer', { hasText: '4 changed lines not measured' }).waitFor();
  });
}

test('a diff pasted after its coverage was chosen joins it, and a diff alone says what it needs', async (t) => {
  const expected = expectedChangeRows();
  const page = await open(t);
  const paste = async (text) => {
    if (!(await page.locator('details.paste').evaluate((box) => box.open))) await page.locator('.paste summary').click();
    await page.locator('#paste-text').fill(text);
    await page.getByRole('button', { name: 'Read pasted text' }).click();
  };
  await paste(readFileSync(join(PATCH_CASE, 'change.diff'), 'utf8'));
  await page.locator('.banner--error', { hasText: 'a diff is read beside a coverage file: give both together' }).waitFor();
  assert.equal(await page.locator('#change').count(), 0);

  await page.locator('[data-testid=file-input]').setInputFiles(join(PATCH_CASE, 'coverage.info'));
  await page.locator('.page__file', { hasText: 'coverage.info' }).waitFor();
  assert.equal(await page.locator('#change').count(), 0, 'no change without a diff');
  await paste(readFileSync(join(PATCH_CASE, 'change.diff'), 'utf8'));
  await page.locator('#change').waitFor();
  assert.deepEqual(await changeRows(page), expected.map(({ note, ...row }) => row));
});

for (const colorScheme of ['light', 'dark']) {
  for (const width of [360, 1280]) {
    test(`"This change" reads at ${width} px in ${colorScheme} mode, and axe-core finds no violation in it`, async (t) => {
      const page = await open(t, { colorScheme, viewport: { width, height: 900 } });
      await page.locator('[data-testid=file-input]').setInputFiles([join(PATCH_CASE, 'change.diff'), join(PATCH_CASE, 'coverage.info')]);
      await page.locator('#change').waitFor();
      await page.evaluate(finishAnimations);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than the viewport`);
      assert.deepEqual(await axe(page), []);
      await page.locator('#change').screenshot({ path: join(SHOTS, `change-${colorScheme}-${width}.png`) });
      await page.screenshot({ path: join(SHOTS, `change-page-${colorScheme}-${width}.png`), fullPage: true });
    });
  }
}

test('?src= fetches a file another site serves, and says so when the site refuses', async (t) => {
  const open_ = await serve(join(ROOT, 'tests', 'fixtures'), { cors: true });
  const closed = await serve(join(ROOT, 'tests', 'fixtures'));
  t.after(async () => { await open_.close(); await closed.close(); });
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${server.url}?src=${encodeURIComponent(`${open_.url}lcov/ok/generated-llvm19-export.lcov`)}`);
  await page.locator('.page__file', { hasText: 'generated-llvm19-export.lcov' }).waitFor();
  assert.equal(await page.locator('li.package').count(), 2);
  // An artifact's zip, served as it is: opened by the worker as a dropped one is.
  await page.goto(`${server.url}?src=${encodeURIComponent(`${open_.url}packed/c8-coverage.zip`)}`);
  await page.locator('.page__file', { hasText: 'c8-coverage.zip/coverage-final.json' }).waitFor();
  assert.equal(await page.locator('.overall__value').textContent(), '80.0%');

  const refused = `${closed.url}lcov/ok/generated-llvm19-export.lcov`;
  await page.goto(`${server.url}?src=${encodeURIComponent(refused)}`);
  const banner = page.locator('.banner--error');
  await banner.waitFor();
  assert.match(await banner.textContent(), /could not fetch it: the network refused it, or the server does not let other sites read it \(CORS\)/);
  // The sample stays.
  assert.equal(await page.locator('li.package').count(), 8);

  await page.goto(`${server.url}?src=${encodeURIComponent(`${open_.url}no/such/file.info`)}`);
  await page.locator('.banner--error', { hasText: 'the server answered 404' }).waitFor();
});

/** Asserts that every figure under `scope` draws what its text says; returns how many there are. */
async function assertDrawnAsText(page, scope = '') {
  const figures = await page.evaluate(drawnFigures, scope);
  for (const [text, drawn] of figures) assert.equal(drawn, text, `${scope || 'the page'}: a figure reading ${text} draws ${drawn}`);
  return figures.length;
}

test('figures count up to the values their text says', async (t) => {
  const page = await open(t);
  const counting = await page.evaluate(() => document.getAnimations().filter((a) => a.animationName === 'count-up').length);
  assert.ok(counting > 0, 'the figures should count up');
  await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
  assert.equal(await assertDrawnAsText(page), 9);
});

test('with reduced motion, figures draw their values at once', async (t) => {
  const page = await open(t, { reducedMotion: 'reduce' });
  assert.equal(await assertDrawnAsText(page), 9);
});

test('the static HTML report shows every section with JavaScript off', async (t) => {
  const html = execFileSync(CLI, ['report', 'samples/modelscan-session.json', '--format', 'html'], { cwd: ROOT });
  const context = await browser.newContext({ javaScriptEnabled: false });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.setContent(html.toString('utf8'));
  assert.deepEqual(await page.locator('section h2').allTextContents(), ['Overall coverage: 81.1%', 'Packages by coverage',
    'Overall progress', 'Wins', 'Tests', 'Distance to target', 'Time to target', 'Distribution', 'Readiness by group',
    'Achievements', 'Momentum', 'Goal', 'Summary', 'Recommendations']);
  const values = await page.locator('#packages ~ ul [role=progressbar]').evaluateAll((bars) => bars.map((b) => b.getAttribute('aria-valuenow')));
  assert.deepEqual(values, SAMPLE_VALUES);
  assert.equal(await page.locator('script').count(), 0);
});

test('the static HTML report fits the width of a phone and of a wide screen', async (t) => {
  // A report whose recommendations list files with their lines not covered, and a long name.
  const html = execFileSync(CLI, ['report', 'tests/fixtures/snapshots/more-itertools-before/coverage.json', '--format', 'html'], { cwd: ROOT });
  for (const width of [360, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    t.after(() => context.close());
    const page = await context.newPage();
    await page.setContent(html.toString('utf8'));
    assert.match(await page.locator('#recommendations ~ ol').textContent(), /not covered: /);
    const wider = await page.evaluate(() => [...document.querySelectorAll('main *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`));
    assert.deepEqual(wider, [], `${width} px`);
  }
});

test('an iframe gets a compact dashboard with its settings and file from the address', async (t) => {
  const files = await serve(join(ROOT, 'tests', 'fixtures'), { cors: true });
  t.after(() => files.close());
  const src = `${files.url}snapshots/more-itertools-before/coverage.lcov`;
  const page = await open(t);
  await page.setContent(`<h1>Portal</h1><iframe title="Coverage" width="800" height="900"
    src="${server.url}?compact&target=20&src=${encodeURIComponent(src)}"></iframe>`);
  const frame = page.frameLocator('iframe');
  await frame.locator('.page__file', { hasText: 'coverage.lcov' }).waitFor();
  assert.equal(await frame.locator('input[type=file]').count(), 0);
  assert.equal(await frame.locator('.settings').count(), 0);
  assert.equal(await frame.locator('.toolbar').count(), 0);
  // The target from the address: 26.9% is above 20%, so nothing is below it.
  assert.equal(await frame.locator('#distance .empty').textContent(), 'every package has reached the target');
});

test('an iframe judges by the metric its address names, without a switch', async (t) => {
  const files = await serve(join(ROOT, 'tests', 'fixtures'), { cors: true });
  t.after(() => files.close());
  const src = `${files.url}jacoco/ok/rg-jacoco-0.8.3.xml`;
  const page = await open(t);
  await page.setContent(`<iframe title="Coverage" width="800" height="900"
    src="${server.url}?compact&metric=branches&src=${encodeURIComponent(src)}"></iframe>`);
  const frame = page.frameLocator('iframe');
  await frame.locator('.page__file', { hasText: 'rg-jacoco-0.8.3.xml' }).waitFor();
  assert.equal(await frame.locator('.metric').count(), 0);
  assert.match(await frame.locator('.overall').textContent(), /1 of 4 branches/);
});

/**
 * A docs portal with three widgets under a strict CSP and a hostile style sheet: by `src`
 * (compact), by inline JSON (dark, two sections) and by `mount()` (compact). Resolves to the
 * page once every widget shows its bars, with the CSP violations and page errors it collects.
 */
async function openPortal(t, contextOptions = {}) {
  const data = PORTAL_DATA;
  const site = await serve(join(ROOT, 'dist'), { pages: portalPages(ROOT) });
  t.after(() => site.close());
  const context = await browser.newContext(contextOptions);
  t.after(() => context.close());
  const page = await context.newPage();
  const violations = [];
  page.on('console', (msg) => { if (/Content Security Policy|Refused/.test(msg.text())) violations.push(msg.text()); });
  page.on('pageerror', (err) => violations.push(err.message));
  await page.goto(`${site.url}portal.html`);
  const bars = (id) => page.locator(`#${id} .package [role=progressbar]`);
  await bars('by-src').first().waitFor();
  await bars('by-inline').first().waitFor();
  await page.waitForFunction(() => window.covdashReady === true);
  await bars('by-js').first().waitFor();
  return { page, context, data, violations };
}

test('widgets in a hostile portal 360 px wide, its root font 30 px, fit their column', async (t) => {
  const { page } = await openPortal(t, { viewport: { width: 360, height: 900 }, colorScheme: 'dark' });
  await page.evaluate(finishAnimations);
  // Every element of the page and of each widget's shadow root, by how far it reaches right.
  const wider = await page.evaluate(() => {
    const out = [];
    const walk = (root) => {
      for (const element of root.querySelectorAll('*')) {
        const right = element.getBoundingClientRect().right;
        if (right > window.innerWidth + 0.5) out.push(`${element.tagName.toLowerCase()}.${element.className} ${Math.round(right)}`);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    return out;
  });
  assert.deepEqual(wider, []);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
});

test('widgets embedded in a hostile portal page render apart from it, under a strict CSP', async (t) => {
  const { page, context, violations } = await openPortal(t);
  const bars = (id) => page.locator(`#${id} .package [role=progressbar]`);
  const values = (id) => bars(id).evaluateAll((all) => all.map((b) => b.getAttribute('aria-valuenow')));
  assert.deepEqual(await values('by-src'), ['26.9']);
  assert.deepEqual(await values('by-inline'), ['90', '62.5']);
  assert.deepEqual(await values('by-js'), ['90', '62.5']);
  // They read their data in workers beside the embedding script, which the policy allows, and
  // none fell back to reading on the page.
  assert.ok(page.workers().some((w) => w.url().endsWith('/covdash-worker_loader.js')), 'no worker started');
  assert.equal(await page.locator('.banner--warning', { hasText: 'rather than in the background' }).count(), 0);
  // Options reach each widget: compact, sections, theme.
  assert.equal(await page.locator('#by-src input[type=file]').count(), 0);
  assert.deepEqual(await page.locator('#by-inline .sections .card__heading').allTextContents(), ['Distance to target', 'Recommendations']);
  // A misspelt section is said, not silently dropped.
  assert.match(await page.locator('#by-inline .banner--warning').innerText(), /^sections: "recomendations" is not a section \(change, progress,/);
  assert.equal(await page.locator('#by-inline .covdash-root').getAttribute('data-theme'), 'dark');
  // The host's styles do not reach in, and covdash's do not reach out.
  const inside = await page.locator('#by-src .package__figure').first().evaluate((e) => getComputedStyle(e).fontSize);
  assert.notEqual(inside, '30px');
  assert.equal(await page.locator('#host-text').evaluate((e) => getComputedStyle(e).color), 'rgb(1, 2, 3)');
  // What each widget draws is what its figures say (the count-up digits are counters whose
  // properties must be registered for shadow roots too).
  await page.evaluate(finishAnimations);
  for (const id of ['by-src', 'by-inline', 'by-js']) assert.ok(await assertDrawnAsText(page, `#${id}`) > 0, id);
  await page.screenshot({ path: join(SHOTS, 'portal.png'), fullPage: true });
  // Theme colours are overridable from the host page through --covdash-* properties.
  const fill = await page.locator('#by-js .package .tone-top .bar__fill').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(fill, 'rgb(200, 0, 100)');
  // A destroyed widget leaves nothing behind: no nodes, and no listeners on the window or the
  // document (counted through the DevTools protocol) beyond those there before it was mounted.
  const cdp = await context.newCDPSession(page);
  const listeners = async () => {
    let n = 0;
    for (const expression of ['window', 'document']) {
      const { result } = await bounded(cdp.send('Runtime.evaluate', { expression }), `Runtime.evaluate(${expression})`);
      const found = cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, depth: -1, pierce: true });
      n += (await bounded(found, `the listeners of ${expression}`)).listeners.length;
    }
    return n;
  };
  // update() shows new data in the same widget.
  await page.evaluate(() => window.covdashHandle.update({ data: { snapshots: [{ label: 'later', packages: { api: 95, db: 70 } }] }, compact: true }));
  await page.locator('#by-js .package [role=progressbar][aria-valuenow="95"]').waitFor();
  assert.deepEqual(await values('by-js'), ['95', '70']);
  await page.evaluate(() => window.covdashHandle.destroy());
  assert.equal(await page.evaluate(() => document.getElementById('by-js').shadowRoot.childNodes.length), 0);
  const before = await listeners();
  const started = page.waitForEvent('worker');
  await page.evaluate(async () => {
    const { mount } = await import('/covdash-embed.js');
    const element = document.createElement('div');
    document.body.append(element);
    window.second = { element, handle: await mount(element, { data: '{"snapshots": [{"label": "x", "packages": {"a": 50}}]}' }) };
  });
  await page.locator('div >> .package [role=progressbar][aria-label="a"]').waitFor();
  // Its worker ends with it (polled, bounded: a worker's own close event has no timeout).
  const worker = await started;
  await page.evaluate(() => { window.second.handle.destroy(); window.second.element.remove(); });
  await waitUntil(() => !page.workers().includes(worker), 'the destroyed dashboard\'s worker to end');
  assert.equal(await listeners(), before, 'listeners left behind by a destroyed dashboard');
  // Attribute changes re-render.
  await page.evaluate(() => document.getElementById('by-src').setAttribute('target', '30'));
  await page.locator('#by-src #distance .bar-list__name').first().waitFor();
  assert.deepEqual(violations, []);
});

test('widgets under a strict CSP draw their figures at once with reduced motion', async (t) => {
  const { page, violations } = await openPortal(t, { reducedMotion: 'reduce' });
  for (const id of ['by-src', 'by-inline', 'by-js']) assert.ok(await assertDrawnAsText(page, `#${id}`) > 0, id);
  assert.deepEqual(violations, []);
});

/**
 * Opens every package of the page and every file's functions, then checks that nothing from
 * the hostile names became markup or ran, that no raw control or reordering character is
 * shown, and that the layout holds at the viewport's width.
 */
async function assertHostileNamesAreText(page, what) {
  const toggles = page.locator('li.package button.package__toggle');
  for (let i = 0; i < await toggles.count(); i += 1) {
    if (await toggles.nth(i).getAttribute('aria-expanded') === 'false') await toggles.nth(i).click();
  }
  for (const summary of await page.locator('.file__functions summary').all()) await summary.click();
  const found = await page.evaluate(() => ({
    owned: window.__owned ?? null,
    elements: [...document.querySelectorAll('.page img, .page script, .page iframe, .page a[href*="evil"], .page b, .page i')]
      .map((e) => e.outerHTML.slice(0, 80)),
    // By Unicode's categories: controls, format characters (bidirectional ones among them),
    // line and paragraph separators; the page's own line breaks and tabs aside.
    raw: [...document.body.innerText].filter((c) => c !== '\n' && c !== '\t' && /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(c))
      .map((c) => c.codePointAt(0).toString(16)),
    titles: [...document.querySelectorAll('[title]')].map((e) => e.getAttribute('title')),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    widest: [...document.querySelectorAll('.page *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(-3).map((e) => `${e.tagName}.${e.className}`),
  }));
  assert.equal(found.owned, null, `${what}: a script from the data ran`);
  assert.deepEqual(found.elements, [], `${what}: elements from the data`);
  assert.deepEqual(found.raw, [], `${what}: raw control characters shown`);
  assert.ok(found.overflow <= 0, `${what}: the page is ${found.overflow}px wider than the window: ${found.widest}`);
  return found;
}

for (const width of [360, 1280]) {
  test(`hostile names dropped or pasted stay text, every section and the drill-down open, at ${width} px`, async (t) => {
    const page = await open(t, { viewport: { width, height: 900 } });
    for (const name of ['names.lcov', 'names.json']) {
      await give(page, join(ROOT, 'tests/fixtures/hostile', name), 'dropped with a DataTransfer');
      await page.locator('.page__file', { hasText: name }).waitFor();
      await page.locator('li.package').first().waitFor();
      const found = await assertHostileNamesAreText(page, `${name} dropped`);
      // The 5,000-character name is shortened on screen; its full name is in its tooltip, a
      // right-to-left override is shown as an escape.
      assert.ok(found.titles.some((title) => title.includes('b'.repeat(5000)) || title.includes('a'.repeat(5000))), `${name}: the long name's tooltip`);
      assert.ok(await page.getByText('\\u{202e}').first().isVisible(), `${name}: the override shown as an escape`);
      await page.evaluate(finishAnimations);
      await page.screenshot({ path: join(SHOTS, `hostile-${name}-${width}.png`), fullPage: false });
    }
    // Line breaks, tabs and feeds in names are shown as escapes, where the page's layout would
    // fold them into spaces and a copied name would no longer be the file's.
    await give(page, join(ROOT, 'tests/fixtures/hostile/newlines.json'), 'dropped with a DataTransfer');
    await page.locator('.page__file', { hasText: 'newlines.json' }).waitFor();
    await assertHostileNamesAreText(page, 'newlines.json dropped');
    assert.ok(await page.getByText('one\\x0aFORGED').first().isVisible(), 'a line feed in a name, shown as an escape');
    assert.ok(await page.getByText('two\\x0d\\x0aFORGED').first().isVisible(), 'CR LF in a name, shown as escapes');
    // Pasted, as a person would paste the text of a file.
    await page.locator('.paste summary').click();
    await page.locator('#paste-text').fill(readFileSync(join(ROOT, 'tests/fixtures/hostile/names.json'), 'utf8'));
    await page.getByRole('button', { name: 'Read pasted text' }).click();
    await page.locator('.page__file', { hasText: 'pasted text' }).waitFor();
    await assertHostileNamesAreText(page, 'names.json pasted');
  });
}

test('what was skipped, and a file that could not be read, are said as text at 390 px', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'covdash-said-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // A record with a NUL and a screen-clearing escape, one with a right-to-left override, and a
  // line separator in an unknown record; a file of malformed XML whose name holds an override.
  const part = join(dir, 'part.info');
  writeFileSync(part, 'SF:a.c\nDA:1,\u0000\u001b[2J\nDA:2,1\nDA:\u202e3,1\nFN\u2028:4,f\nend_of_record\n');
  const bad = join(dir, 'bad\u202elmx.xml');
  writeFileSync(bad, '<?xml version="1.0"?>\n<coverage\u001b[2J></covera\u2028ge>');
  const page = await open(t, { viewport: { width: 390, height: 900 } });
  await page.locator('[data-testid=file-input]').setInputFiles([part, bad]);
  await page.locator('.page__file', { hasText: 'part.info' }).waitFor();
  const banners = await page.locator('.banner').allInnerTexts();
  assert.ok(banners.some((b) => b.startsWith('bad\\u{202e}lmx.xml: ') && b.includes('<coverage\\x1b[2J>')), JSON.stringify(banners));
  const lines = banners.find((b) => b.startsWith('part.info')).split('\n');
  assert.deepEqual(lines.slice(0, 4), [
    'part.info: 3 records skipped or repaired',
    'line 2: DA:1,\\x00\\x1b[2J: "\\0\\u{1b}[2J" is not a count, skipped',
    'line 4: DA:\\u{202e}3,1: no valid line number, skipped',
    'line 5: FN\\u{2028}:4,f: unknown record type "FN\\u{2028}", skipped',
  ]);
  await assertHostileNamesAreText(page, 'a file read in part and one refused');
});

test('a long package list renders its first rows, shows more on request, and its filter finds any package', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'covdash-many-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'many.info');
  execFileSync('python3', [join(ROOT, 'bench/many_files.py'), '3000', '120', file]);
  const page = await open(t);
  await page.locator('[data-testid=file-input]').setInputFiles(file);
  await page.locator('.page__file', { hasText: 'many.info' }).waitFor();
  const rows = page.locator('li.package');
  assert.equal(await rows.count(), 50);
  assert.equal(await rows.first().getAttribute('aria-setsize'), '120');
  await page.getByText('Showing 50 of 120 packages').waitFor();
  await page.getByRole('button', { name: 'Show 50 more' }).click();
  // The next rows are asked of the worker: they come a moment after the press.
  await rows.nth(99).waitFor();
  assert.equal(await rows.count(), 100);
  // A package that is not rendered is found by the filter, reached by keyboard.
  await page.getByRole('button', { name: 'Show 20 more' }).waitFor();
  const find = page.getByLabel('Find a package');
  await find.focus();
  await page.keyboard.type('dir0119');
  await page.getByText('1 of 120 packages match').waitFor();
  assert.deepEqual(await rows.evaluateAll((all) => all.map((r) => r.querySelector('.package__name').getAttribute('title'))), ['src/dir0119']);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('title')), 'src/dir0119');
  assert.ok(await page.evaluate(() => document.getElementsByTagName('*').length) < 5000);
});
