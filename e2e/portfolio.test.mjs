// An organisation in one view (docs/portfolio.md), on the release bundle in headless Chromium:
// the real portfolio of tests/fixtures/portfolio (seven repositories whose histories
// `covdash record` wrote from real reports) dropped as an index with its histories, and built
// by `covdash portfolio build` then shown by <coverage-dashboard src=…> under a docs portal's
// strict policy. The index and the built file are checked against the JSON Schema.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const PORTFOLIO = join(ROOT, 'tests', 'fixtures', 'portfolio');
const INDEX = join(PORTFOLIO, 'covdash-portfolio.json');
// What `covdash portfolio` prints for it (tests/portfolio.rs checks each figure against
// `covdash report` on each history): the organisation, weighted by counts.
const ORGANISATION = '68.0%';

let browser;
let dir;
let built;

before(async () => {
  assert.ok(existsSync(CLI), 'target/debug/covdash is missing: run `cargo test` first');
  dir = mkdtempSync(join(tmpdir(), 'covdash-portfolio-'));
  // The portal serves the built file beside the histories, as CI would publish them.
  for (const folder of ['histories', 'reports']) cpSync(join(PORTFOLIO, folder), join(dir, folder), { recursive: true });
  cpSync(INDEX, join(dir, 'covdash-portfolio.json'));
  execFileSync(CLI, ['portfolio', 'build', join(dir, 'covdash-portfolio.json'), '-o', join(dir, 'portfolio.json')], { encoding: 'utf8' });
  built = readFileSync(join(dir, 'portfolio.json'));
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the index and the built portfolio are valid against the JSON Schema, which can refuse', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'portfolio.schema.json'), 'utf8'));
  const validate = new Ajv2020({ strict: true, validateFormats: false }).compile(schema);
  assert.ok(validate(JSON.parse(readFileSync(INDEX, 'utf8'))), JSON.stringify(validate.errors));
  assert.ok(validate(JSON.parse(built.toString('utf8'))), JSON.stringify(validate.errors));
  // A repository with both a history and a report: refused by the schema as by covdash.
  assert.equal(validate({ repositories: [{ name: 'a', history: 'a.json', report: 'a.info' }] }), false);
});

/** The files of the fixture: the index, its histories and its reports, as a folder gives them. */
function fixtureFiles() {
  const under = (folder) => readdirSync(join(PORTFOLIO, folder)).map((f) => join(PORTFOLIO, folder, f));
  return [INDEX, ...under('histories'), ...under('reports')];
}

for (const { scheme, width } of [{ scheme: 'light', width: 1280 }, { scheme: 'dark', width: 390 }]) {
  test(`an index dropped with its histories shows the organisation (${scheme}, ${width} px)`, async (t) => {
    const options = { viewport: { width, height: 1000 }, colorScheme: scheme };
    const site = await serveDist(t);
    const page = await openDashboard(browser, site.url, t, { options });
    await give(page, fixtureFiles(), 'dropped');
    await page.locator('#packages-heading', { hasText: 'Repositories by coverage' }).waitFor();
    assert.equal(await page.locator('.page__title').textContent(), 'Example organisation');
    await page.locator(`.overall [role=progressbar][aria-valuenow="68"]`).waitFor();
    assert.match(await page.locator('.overall').textContent(), new RegExp(`${ORGANISATION.replace('.', '\\.')}`));
    assert.match(await page.locator('.overall').textContent(), /weighted by counts: 1,545 of 2,271 lines across 6 repositories; 1 repository without lines left out/);
    // Every repository, highest first; the one without lines last.
    // Each opens its own dashboard (its history was given with the index).
    const names = await page.locator('.package .package__name').allTextContents();
    assert.deepEqual(names.map((n) => n.replace(' dashboard ›', '').trim()), ['clock-c', 'calc-c', 'money-js', 'more-itertools', 'shapes-py', 'coverlet-dotnet', 'go-module']);
    assert.match(await page.locator('.package', { hasText: 'shapes-py' }).textContent(), /⚠ stale/);
    // Ordered by the lines not covered: where the work is.
    await page.locator('.packages__order select').first().selectOption('uncovered');
    await page.waitForFunction(() => document.querySelector('.package .package__name')?.textContent.startsWith('more-itertools'));
    const byUncovered = await page.locator('.package .package__name').allTextContents();
    assert.deepEqual(byUncovered.map((n) => n.replace(' dashboard ›', '').trim()).slice(0, 3), ['more-itertools', 'coverlet-dotnet', 'shapes-py']);
    await page.locator('.packages__order select').first().selectOption('highest');
    // Each row's change, over the window chosen: 7 days first, then since the run before.
    assert.match(await page.locator('.package', { hasText: 'money-js' }).textContent(), /−12\.6 pts over 7 days/);
    await page.locator('.packages__order select').nth(1).selectOption('0');
    await page.locator('.package', { hasText: /calc-c.*\+5\.3 pts since its run before/ }).waitFor();
    // The teams, weighted by counts, with their readiness in words.
    const teams = await page.locator('section#readiness').textContent();
    assert.match(teams, /core.*85\.1%.*✓ ready/s);
    assert.match(teams, /platform.*61\.2%.*✗ below target/s);
    // The organisation's trend by day, and where the lines to the target are.
    assert.match(await page.locator('.trend svg').getAttribute('aria-label'), /lines/);
    assert.match(await page.locator('section#recommendations').textContent(), /more-itertools.*223 lines to 80\.0%/s);
    await page.evaluate(finishAnimations);
    await page.screenshot({ path: join(SHOTS, `portfolio-${scheme}-${width}.png`), fullPage: true });
    assert.deepEqual((await axe(page)).filter((v) => ['serious', 'critical'].includes(v.impact)), []);

    // Where the uncovered code is: the map opens on demand, a rectangle per repository with
    // lines, largest first; the keyboard moves through them, opens one, and goes back up.
    await page.locator('.treemap__toggle').click();
    const cells = page.locator('.treemap__cell');
    await cells.first().waitFor();
    assert.equal(await cells.count(), 6);
    assert.match(await cells.first().getAttribute('aria-label'), /^more-itertools 68\.3%, 1,304 of 1,908 lines, 604 not covered; opens$/);
    assert.equal(await page.locator('.treemap__cell[tabindex="0"]').count(), 1);
    await page.locator('section.treemap').screenshot({ path: join(SHOTS, `treemap-organisation-${scheme}-${width}.png`) });
    await cells.first().focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '1');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await page.locator('.treemap__crumbs [aria-current]', { hasText: 'more-itertools' }).waitFor();
    assert.match(await page.locator('.treemap__cell').first().getAttribute('aria-label'), /^more_itertools 68\.3%, /);
    await page.evaluate(finishAnimations);
    await page.locator('section.treemap').screenshot({ path: join(SHOTS, `treemap-portfolio-${scheme}-${width}.png`) });
    assert.deepEqual((await axe(page)).filter((v) => ['serious', 'critical'].includes(v.impact)), []);
    await page.locator('.treemap__cell').first().focus();
    await page.keyboard.press('Backspace');
    await page.locator('.treemap__crumbs [aria-current]', { hasText: 'All repositories' }).waitFor();
    // The same cells as a table.
    await page.locator('.treemap__table-toggle').click();
    assert.equal(await page.locator('.treemap__table tbody tr').count(), 6);

    // A repository's row opens its own dashboard, its history, and the page goes back.
    await page.locator('.package__open', { hasText: 'more-itertools' }).click();
    await page.locator('#packages-heading', { hasText: 'Packages by coverage' }).waitFor();
    assert.equal(await page.locator('.page__title').textContent(), 'more-itertools');
    assert.equal(await page.locator('.trend__point').count(), 30);
    await page.locator('.overall [role=progressbar][aria-valuenow="68.3"]').waitFor();
    assert.deepEqual((await axe(page)).filter((v) => ['serious', 'critical'].includes(v.impact)), []);
    await page.locator('.page__back').click();
    await page.locator('#packages-heading', { hasText: 'Repositories by coverage' }).waitFor();
    assert.equal(await page.locator('.package').count(), 7);
    // The organisation's other sections: its pace to the target and what it achieved.
    assert.match(await page.locator('section#time-to-target').textContent(), /points a week over the last/);
    assert.match(await page.locator('section#achievements').textContent(), /3 of 6 repositories at or above the 80\.0% target/);
  });
}

test('histories dropped together, with no index, are an organisation', async (t) => {
  const site = await serveDist(t);
  const page = await openDashboard(browser, site.url, t, { options: { viewport: { width: 1100, height: 900 } } });
  const histories = readdirSync(join(PORTFOLIO, 'histories')).map((f) => join(PORTFOLIO, 'histories', f));
  await give(page, histories, 'dropped');
  await page.locator('#packages-heading', { hasText: 'Repositories by coverage' }).waitFor();
  assert.equal(await page.locator('.package').count(), histories.length);
  // more-itertools, calc-c, clock-c, money-js and shapes-py: 1,389 of 2,016 lines.
  assert.match(await page.locator('.overall').textContent(), /1,389 of 2,016 lines across 5 repositories/);
});

test('a key an index does not have is said where it is, and the rest is read', async (t) => {
  const site = await serveDist(t);
  const page = await openDashboard(browser, site.url, t, { options: { viewport: { width: 1100, height: 900 } } });
  // money-js's team, misspelt: read past, and said.
  const text = readFileSync(INDEX, 'utf8');
  const misspelt = text.replace('"name": "money-js", "history": "histories/money-js.json", "team"', '"name": "money-js", "history": "histories/money-js.json", "teem"');
  assert.notEqual(misspelt, text);
  const index = join(dir, 'misspelt', 'covdash-portfolio.json');
  mkdirSync(dirname(index), { recursive: true });
  writeFileSync(index, misspelt);
  await give(page, [index, ...fixtureFiles().slice(1)], 'dropped');
  await page.locator('#packages-heading', { hasText: 'Repositories by coverage' }).waitFor();
  assert.equal(await page.locator('.package').count(), 7);
  // go-module's profile counts statements: listed, and said to be outside the total.
  assert.match(await page.locator('.page__left-out').textContent(), /^1 repository has no lines counts: listed, but not in the total$/);
  const warning = await page.locator('.banner--warning').textContent();
  assert.match(warning, /covdash-portfolio\.json: 1 key it does not have, read past/);
  assert.match(warning, /line 11, column \d+: "teem", in a repository, is not a key of an index's repository \(it has name, history, report, team, tags\): ignored/);
  // Without its team, money-js is no longer web's: web is shapes-py alone, at its figure.
  const shapes = (await page.locator('.package', { hasText: 'shapes-py' }).textContent()).match(/\d+\.\d%/)[0];
  assert.match(await page.locator('section#readiness').textContent(), new RegExp(`web${shapes.replace('.', '\\.')}.*1 repository ·`));
  await page.evaluate(finishAnimations);
  await page.screenshot({ path: join(SHOTS, 'portfolio-index-misspelt.png') });
});

/** The release bundle, served for one test. */
async function serveDist(t) {
  const site = await serve(join(ROOT, 'dist'));
  t.after(() => bounded(site.close(), 'the test server to close'));
  return site;
}

test('a portal shows a built portfolio under its strict policy', async (t) => {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Coverage</title>
    <script type="module" src="/covdash-embed.js"></script></head><body><main>
    <h1>Our services</h1>
    <coverage-dashboard id="org" src="/portfolio.json"></coverage-dashboard>
    </main></body></html>`;
  const pages = {
    '/org.html': { body, headers: { 'content-security-policy': PORTAL_CSP } },
    '/portfolio.json': { body: built },
    ...Object.fromEntries(readdirSync(join(dir, 'histories')).map((f) => [`/histories/${f}`, { body: readFileSync(join(dir, 'histories', f)) }])),
    [AXE_PATH]: { body: readFileSync(AXE_SCRIPT), headers: { 'content-type': 'text/javascript' } },
    '/favicon.ico': { body: '', headers: { 'content-type': 'image/x-icon' } },
  };
  const site = await serve(join(ROOT, 'dist'), { pages });
  t.after(() => bounded(site.close(), 'the test server to close'));
  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  t.after(() => bounded(context.close(), 'the browser context to close'));
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  await page.goto(`${site.url}org.html`);
  await page.locator('#org #packages-heading', { hasText: 'Repositories by coverage' }).waitFor();
  await page.locator('#org .overall [role=progressbar][aria-valuenow="68"]').waitFor();
  assert.equal(await page.locator('#org .package').count(), 7);
  await page.evaluate(finishAnimations);
  await page.screenshot({ path: join(SHOTS, 'portfolio-portal.png'), fullPage: true });
  // The built file keeps each history's address: a row fetches it and shows that repository's
  // own dashboard, and the widget goes back to the organisation.
  await page.locator('#org .package__open', { hasText: 'calc-c' }).click();
  await page.locator('#org #packages-heading', { hasText: 'Packages by coverage' }).waitFor();
  await page.locator('#org .overall [role=progressbar][aria-valuenow="84.6"]').waitFor();
  assert.equal(await page.locator('#org .trend__point').count(), 2);
  await page.locator('#org .page__back').click();
  await page.locator('#org #packages-heading', { hasText: 'Repositories by coverage' }).waitFor();
  assert.equal(await page.locator('#org .package').count(), 7);
  assert.deepEqual(problems, [], 'the page logged errors');
  assert.deepEqual(await axe(page, { served: true }), []);
});
