// End-to-end: a file opened to its lines. Coverage given with its sources, a source address
// the page fetches from (and a file it cannot), the source a tarpaulin report embeds, and the
// files the recommendations name; each line checked against the coverage tools' own marks.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axe, give, launchChromium, openDashboard, waitUntil } from './chromium.mjs';
import { finishAnimations } from './portal.mjs';
import { serve } from './server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const SHOTS = join(ROOT, 'target', 'screenshots');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const C = join(FIXTURES, 'sources', 'c-textstat');
const REPORT_PATH = '/tmp/cproj/src/textstat.c';

let server;
let sources;
let browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await serve(DIST);
  // Another origin, as a source host is: it lets any page read its files.
  sources = await serve(join(FIXTURES, 'sources'), { cors: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await sources?.close();
});

/** gcov's own marks for textstat.c, by line: covered, partial, uncovered, or none. */
function gcovStates() {
  const states = new Map();
  let last = 0;
  for (const row of readFileSync(join(C, 'tool-output', 'textstat.c.gcov'), 'utf8').split('\n')) {
    if (row.startsWith('branch')) {
      if ((row.includes('taken 0%') || row.includes('never executed')) && states.get(last) === 'covered') {
        states.set(last, 'partial');
      }
      continue;
    }
    const [count, number] = row.split(':');
    const line = Number(number?.trim());
    if (!Number.isInteger(line) || line === 0) continue;
    const mark = count.trim();
    states.set(line, mark === '-' ? 'none' : mark === '#####' ? 'uncovered' : 'covered');
    last = line;
  }
  return states;
}

/** Each rendered line's state, by its class, and what its mark says in words. */
async function shownStates(page) {
  return page.locator('.source-line').evaluateAll((rows) => rows.map((row) => {
    const state = ['covered', 'partial', 'uncovered'].find((s) => row.classList.contains(`source-line--${s}`)) ?? 'none';
    const words = row.querySelector('.source-line__mark .visually-hidden')?.textContent ?? '';
    return { line: Number(row.dataset.line), state, words };
  }));
}

const current = (page) => page.locator('.source-line[aria-current]').getAttribute('data-line');

test('coverage dropped with its sources opens a file line by line, as gcov marks it, and n and p go through what is not covered', async (t) => {
  const page = await openDashboard(browser, server.url, t, { options: { viewport: { width: 1280, height: 900 } } });
  await give(page, [join(C, 'coverage.info'), join(C, 'src', 'textstat.c'), join(C, 'tests', 'test_textstat.c')], 'dropped');
  await page.locator('.page__sources', { hasText: "Sources at hand for 2 of the report's files" }).waitFor();
  await page.locator('.package__toggle', { hasText: 'src' }).click();
  await page.locator('.file__name', { hasText: 'textstat.c' }).click();
  await page.locator('.source__origin', { hasText: 'Source: textstat.c, given with the coverage' }).waitFor();
  assert.equal(await page.locator('#source-heading').textContent(), REPORT_PATH);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'source-heading');
  assert.match(await page.locator('.source__summary').textContent(), /^54\.1% · 20 of 37 lines covered · /);

  const gcov = gcovStates();
  const shown = await shownStates(page);
  assert.equal(shown.length, 57);
  for (const { line, state, words } of shown) {
    assert.equal(state, gcov.get(line), `line ${line}`);
    assert.equal(words, { covered: 'covered', partial: 'partly covered', uncovered: 'not covered', none: '' }[state]);
  }
  const row = (n) => page.locator(`.source-line[data-line="${n}"]`);
  assert.equal(await row(11).locator('.source-line__hits').textContent(), '0');
  assert.equal(await row(12).locator('.source-line__hits').textContent(), '32');
  assert.equal(await row(10).locator('.source-line__note').textContent(), '1 of 2 branches');
  assert.equal(await row(38).locator('.source-line__note').textContent(), 'never called: vowel_share');
  assert.equal(await row(11).locator('.source-line__text').textContent(), '\t\treturn 0;');

  // n and p go from block to block of lines not covered (10–11, 28, 38–55), round the ends,
  // from the moment the file opens.
  const steps = [['n', '10'], ['n', '28'], ['n', '38'], ['n', '10'], ['p', '38'], ['p', '28']];
  for (const [key, line] of steps) {
    await page.keyboard.press(key);
    await waitUntil(async () => (await current(page)) === line, `line ${line} after ${key}`);
  }
  assert.match(decodeURIComponent(new URL(page.url()).hash), /file=\/tmp\/cproj\/src\/textstat\.c&line=28$/);
  // A line's number marks it and puts it in the address.
  await row(45).locator('.source-line__number').click();
  await waitUntil(async () => (await current(page)) === '45', 'line 45 clicked');
  assert.match(new URL(page.url()).hash, /line=45$/);
  // The buttons do what n and p do, for a touch screen and a mouse: from 45, round the end to
  // 10, and back round the start to 38.
  const jumps = page.getByRole('group', { name: 'Lines not covered' });
  for (const [name, line] of [['↓ Next', '10'], ['↑ Previous', '38']]) {
    await jumps.getByRole('button', { name, exact: true }).click();
    await waitUntil(async () => (await current(page)) === line, `line ${line} after "${name}"`);
  }

  // Escape goes back to the dashboard, the package still open, the focus on the file's name.
  await page.keyboard.press('Escape');
  await page.locator('.source').waitFor({ state: 'detached' });
  assert.ok(await page.locator('.file__name', { hasText: 'textstat.c' }).isVisible());
  await waitUntil(async () => (await page.evaluate(() => document.activeElement?.textContent)) === 'textstat.c', 'the focus back on the file');
  assert.doesNotMatch(new URL(page.url()).hash, /file=/);
});

// A touch screen has no keys to press: the buttons stand alone, without their keys.
test('on a touch screen the source view offers its buttons, not its keys', async (t) => {
  const page = await openDashboard(browser, server.url, t, {
    options: { viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true },
  });
  await give(page, [join(C, 'coverage.info'), join(C, 'src', 'textstat.c')], 'dropped');
  await page.locator('.package__toggle', { hasText: 'src' }).click();
  await page.locator('.file__name', { hasText: 'textstat.c' }).click();
  await page.locator('.source-line[data-line="11"]').waitFor();
  assert.deepEqual(await page.locator('.source__key').evaluateAll((keys) => keys.map((k) => k.checkVisibility())), [false, false, false]);
  await page.getByRole('group', { name: 'Lines not covered' }).getByRole('button', { name: '↓ Next', exact: true }).tap();
  await waitUntil(async () => (await current(page)) === '10', 'line 10 after a tap');
});

test('a file opened without its source shows it once the source is dropped on the view', async (t) => {
  const page = await openDashboard(browser, server.url, t, { options: { viewport: { width: 1280, height: 900 } } });
  await give(page, join(C, 'coverage.info'), 'chosen through the file input');
  await page.locator('.page__file', { hasText: 'coverage.info' }).waitFor();
  await page.locator('.package__toggle', { hasText: 'src' }).click();
  await page.locator('.file__name', { hasText: 'textstat.c' }).click();
  await page.locator('.source__origin', { hasText: 'No source shown: no source at hand' }).waitFor();
  // The LCOV file's DA lines at 0 (11, and 38 to 56), joined over the lines with nothing to run.
  assert.equal(await page.locator('.source__missing').textContent(), '11, 38–56');
  await give(page, join(C, 'src', 'textstat.c'), 'dropped');
  await page.locator('.source__origin', { hasText: 'Source: textstat.c, given with the coverage' }).waitFor();
  assert.equal(await page.locator('#source-heading').textContent(), REPORT_PATH);
  assert.equal(await page.locator('.source-line').count(), 57);
});

test('a link to a line of a source fetched from the source address reopens it there after a reload, and a file the host lacks says why', async (t) => {
  const source = encodeURIComponent(`${sources.url}c-textstat/{path}`);
  const src = encodeURIComponent(`${sources.url}c-textstat/coverage.info`);
  const url = `${server.url}?src=${src}&source=${source}&source-strip=/tmp/cproj/#file=${encodeURIComponent(REPORT_PATH)}&line=38`;
  // The page opens at the file, not at the dashboard the helper waits for: the sample first.
  const page = await openDashboard(browser, server.url, t, {
    options: { viewport: { width: 1280, height: 700 } },
    // The browser logs the 404 this test asks for.
    expected: (text) => text.includes('404 (Not Found)'),
  });
  await page.goto(url);
  for (const attempt of ['first', 'after a reload']) {
    await page.locator('.source__origin', { hasText: `Source: fetched from ${sources.url}c-textstat/src/textstat.c` }).waitFor();
    await waitUntil(async () => (await current(page)) === '38', `line 38 marked, ${attempt}`);
    // The line is in view, not only rendered.
    const inView = await page.locator('.source-line[data-line="38"]').evaluate((row) => {
      const box = row.getBoundingClientRect();
      const scroller = row.closest('.source__scroll').getBoundingClientRect();
      return box.top >= scroller.top && box.bottom <= scroller.bottom;
    });
    assert.ok(inView, `line 38 in view, ${attempt}`);
    // Only the lines in view and near it are laid out; each as gcov marks it.
    const shown = await shownStates(page);
    assert.ok(shown.length >= 30 && shown.some((l) => l.line === 57), `${shown.length} lines laid out, ${attempt}`);
    const gcov = gcovStates();
    for (const { line, state } of shown) assert.equal(state, gcov.get(line), `line ${line}, ${attempt}`);
    if (attempt === 'first') await page.reload();
  }

  // A source address that leaves out a file's folder: 404, said, and the ranges instead.
  const narrow = encodeURIComponent(`${sources.url}c-textstat/src/{path}`);
  await page.goto(`${server.url}?src=${src}&source=${narrow}&source-strip=/tmp/cproj/src/#file=/tmp/cproj/tests/test_textstat.c`);
  const failed = page.locator('.source__origin--failed');
  await failed.waitFor();
  assert.equal(await failed.textContent(),
    `Could not fetch the source from ${sources.url}c-textstat/src/tmp/cproj/tests/test_textstat.c: the server answered 404 Not Found`);
  assert.equal(await page.locator('.source-line').count(), 0);
  assert.equal(await page.locator('.source__summary').textContent(), '100.0% · 5 of 5 lines covered · 0 lines not covered · 3 partly covered');
});

test('a dropped folder is read whole, past the 100 entries Chromium gives a call, and its sources are matched', async (t) => {
  // A project folder: a Go module with its profile, and 150 notes in one folder beside it.
  const folder = mkdtempSync(join(tmpdir(), 'covdash-folder-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  cpSync(join(FIXTURES, 'sources', 'go-shapes'), join(folder, 'goshapes'), { recursive: true });
  rmSync(join(folder, 'goshapes', 'tool-output'), { recursive: true });
  mkdirSync(join(folder, 'goshapes', 'notes'));
  for (let i = 0; i < 150; i += 1) writeFileSync(join(folder, 'goshapes', 'notes', `n${String(i).padStart(3, '0')}.txt`), `note ${i}\n`);
  const page = await openDashboard(browser, server.url, t, { options: { viewport: { width: 1280, height: 900 } } });
  // A real drop of a folder, as the system gives one: the browser makes its entries.
  const client = await page.context().newCDPSession(page);
  const data = { items: [], files: [join(folder, 'goshapes')], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop']) {
    await client.send('Input.dispatchDragEvent', { type, x: 400, y: 400, data });
  }
  // go.mod, the two tests and the 150 notes (1 + 2 + 150) match no file of the report; the two sources do.
  await page.locator('.page__sources', {
    hasText: "Sources at hand for 2 of the report's files; 153 files given match none of them: goshapes/go.mod,",
  }).waitFor();
  assert.equal(await page.locator('.page__file').textContent(), 'goshapes/cover.out');
  await page.locator('.package__toggle', { hasText: 'shapes' }).click();
  await page.locator('.file__name', { hasText: 'shapes.go' }).click();
  await page.locator('.source__origin', { hasText: 'Source: goshapes/shapes/shapes.go, given with the coverage' }).waitFor();
  // As `go tool cover -html` colours them: `if h == 0 {` ran, its block did not.
  const state = (n) => page.locator(`.source-line[data-line="${n}"]`).getAttribute('class');
  assert.match(await state(17), /source-line--partial/);
  assert.match(await state(18), /source-line--uncovered/);
  assert.match(await state(26), /^source-line$/);
});

test('"Choose a folder", reached by keyboard, gives a folder of sources with its coverage', async (t) => {
  const page = await openDashboard(browser, server.url, t, { options: { viewport: { width: 1280, height: 900 } } });
  // The button is in the tab order, right after "Choose files".
  await page.getByRole('button', { name: 'Choose files' }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Choose a folder');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
  assert.ok(chooser.isMultiple());
  await chooser.setFiles(C);
  await page.locator('.page__sources', { hasText: "Sources at hand for 4 of the report's files" }).waitFor();
  assert.equal(await page.locator('.page__file').textContent(), 'c-textstat/coverage-clang14.json, c-textstat/coverage.info');
});

test("a tool's coverage folder, one run in three formats among its HTML report, is read once", async (t) => {
  // c8's folder as Jest's default reporters leave it: clover.xml, coverage-final.json and
  // lcov.info hold one run; the HTML report and c8's V8 dumps are no coverage.
  const page = await openDashboard(browser, server.url, t, { options: { viewport: { width: 1280, height: 900 } } });
  await page.locator('[data-testid=folder-input]').setInputFiles(join(FIXTURES, 'folders', 'c8-coverage'));
  await page.locator('.page__sources', {
    hasText: 'The same run in 3 formats: c8-coverage/coverage-final.json read; c8-coverage/clover.xml and c8-coverage/lcov.info left out',
  }).waitFor();
  assert.equal(await page.locator('.page__file').textContent(), 'c8-coverage/coverage-final.json');
  // One run: no choice between parts and moments, no history of one run three times.
  assert.equal(await page.locator('.reading').count(), 0);
  assert.equal(await page.locator('.snapshot').count(), 0);
  assert.equal(await page.locator('.overall__value').textContent(), '80.0%');
  // What the folder holds beside its coverage is counted, not refused: no error.
  await page.locator('.page__sources', {
    hasText: "11 files given are no coverage and match none of the report's files: c8-coverage/lcov-report/base.css,",
  }).waitFor();
  assert.equal(await page.locator('.banner--error').count(), 0);
  await page.evaluate(finishAnimations);
  await page.screenshot({ path: join(SHOTS, 'folder-c8-coverage-1280.png') });
});

test('a CI artifact as downloaded (a zip), a tarball and a gzip file are read as the files they hold', async (t) => {
  // c8's folder zipped by Info-ZIP, as an artifact's download gives it (tests/fixtures/packed):
  // read as the folder is, its files named by their paths in it.
  const page = await openDashboard(browser, server.url, t, { options: { viewport: { width: 1280, height: 900 } } });
  await give(page, join(FIXTURES, 'packed', 'c8-coverage.zip'), 'dropped');
  await page.locator('.page__sources', {
    hasText: 'The same run in 3 formats: c8-coverage.zip/coverage-final.json read; c8-coverage.zip/clover.xml and c8-coverage.zip/lcov.info left out',
  }).waitFor();
  assert.equal(await page.locator('.page__file').textContent(), 'c8-coverage.zip/coverage-final.json');
  assert.equal(await page.locator('.overall__value').textContent(), '80.0%');
  await page.locator('.page__sources', {
    hasText: "11 files given are no coverage and match none of the report's files: c8-coverage.zip/lcov-report/base.css,",
  }).waitFor();
  assert.equal(await page.locator('.banner--error').count(), 0);
  // gzip's file, inflated by the browser: the figure of the file it holds.
  await give(page, join(FIXTURES, 'packed', 'lcov.info.gz'), 'chosen through the file input');
  await page.locator('.page__file', { hasText: 'lcov.info.gz' }).waitFor();
  assert.equal(await page.locator('.overall__value').textContent(), '80.0%');
  // A tarball as `tar czf` packs a folder: inflated by the browser, then read as the folder.
  await give(page, join(FIXTURES, 'packed', 'c8-coverage.tar.gz'), 'dropped');
  await page.locator('.page__file', { hasText: 'c8-coverage.tar.gz/coverage-final.json' }).waitFor();
  assert.equal(await page.locator('.overall__value').textContent(), '80.0%');
  assert.equal(await page.locator('.banner--error').count(), 0);
  // GitHub's artifact holding a tarball and a gzipped copy of its LCOV file: each opened in
  // turn, the copy read once with the run, the jar beside them (a zip) not opened.
  await give(page, join(FIXTURES, 'packed', 'artifact-of-a-tarball.zip'), 'dropped');
  await page.locator('.page__sources', {
    hasText: 'The same run in 3 files of 2 formats: artifact-of-a-tarball.zip/coverage.tar/clover.xml read; artifact-of-a-tarball.zip/coverage.tar/lcov.info and artifact-of-a-tarball.zip/lcov.info.gz left out',
  }).waitFor();
  assert.equal(await page.locator('.overall__value').textContent(), '80.0%');
  // One package, the run's: none of the copy's own.
  assert.equal(await page.locator('.package [role=progressbar]').count(), 1);
  // A tar cut short in its second file: the first is shown, the cut said.
  await give(page, join(FIXTURES, 'packed', 'cut.tar'), 'dropped');
  await page.locator('.page__file', { hasText: 'cut.tar/coverage-of-the-packages-under-test/' }).waitFor();
  assert.match(await page.locator('.page__file').textContent(), /lcov-and-clover-as-written-by-c8\/lcov\.info$/);
  assert.match(
    await page.locator('.banner--error .banner__message').textContent(),
    /^cut\.tar: a tar archive that cannot be read to its end: it is cut short in .*\/clover\.xml$/,
  );
  // An archive's file compressed by bzip2 is left out and said; its other file is shown.
  await give(page, join(FIXTURES, 'packed', 'mixed.zip'), 'dropped');
  await page.locator('.page__file', { hasText: 'mixed.zip/lcov.info' }).waitFor();
  assert.equal(
    await page.locator('.banner--error .banner__message').textContent(),
    "mixed.zip/clover.xml: compressed by method 12 (bzip2), which covdash does not read: zip it with deflate, zip's default",
  );
  // A gzip file whose data was damaged: said by its name, in the browser's words; the
  // dashboard shown stays.
  await give(page, join(FIXTURES, 'packed', 'corrupt.info.gz'), 'dropped');
  await page.locator('.banner--error', { hasText: 'corrupt.info.gz: compressed with gzip, and it cannot be inflated: ' }).waitFor();
  assert.equal(await page.locator('.page__file').textContent(), 'mixed.zip/lcov.info');
});

test('a folder with no coverage in it is said once, by its name', async (t) => {
  const page = await openDashboard(browser, server.url, t);
  await page.locator('[data-testid=folder-input]').setInputFiles(join(FIXTURES, 'sources', 'go-shapes', 'shapes'));
  await page.locator('.banner--error', { hasText: 'shapes: none of its 2 files is a coverage file' }).waitFor();
  assert.equal(await page.locator('.banner--error .banner__message').textContent(), 'shapes: none of its 2 files is a coverage file');
  // The sample stays shown.
  assert.equal(await page.locator('.page__file').textContent(), 'modelscan-session.json');
});

test('a tarpaulin report shows the source it embeds', async (t) => {
  const page = await openDashboard(browser, server.url, t, { options: { viewport: { width: 1280, height: 900 } } });
  const report = join(FIXTURES, 'tarpaulin', 'ok', 'generated-tarpaulin-0.37.5-report.json');
  await give(page, report, 'chosen through the file input');
  await page.locator('.page__file', { hasText: 'generated-tarpaulin-0.37.5-report.json' }).waitFor();
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const lib = json.files.find((f) => f.path.at(-1) === 'lib.rs');
  for (const toggle of await page.locator('.package__toggle').all()) await toggle.click();
  await page.locator('.file__name', { hasText: 'lib.rs' }).click();
  await page.locator('.source__origin', { hasText: 'Source: embedded in the coverage report' }).waitFor();
  const texts = await page.locator('.source-line__text').allTextContents();
  assert.deepEqual(texts, lib.content.replace(/\n$/, '').split('\n'));
  // Its 26 lines are all in view, in a box as tall as they are, with no empty room under them.
  const room = await page.locator('.source__scroll').evaluate((box) => box.clientHeight - box.querySelector('.source__lines').offsetHeight);
  assert.ok(Math.abs(room) <= 1, `${room} px of room under the lines`);
  for (const trace of lib.traces) {
    const state = trace.stats.Line === 0 ? 'uncovered' : 'covered';
    assert.ok(await page.locator(`.source-line--${state}[data-line="${trace.line}"]`).count(), `line ${trace.line}`);
  }
});

test('once every package meets the target, a recommended file opens to the lines coverage.py says are missing', async (t) => {
  const page = await openDashboard(browser, server.url, t);
  await give(page, join(FIXTURES, 'snapshots', 'more-itertools-after', 'coverage.lcov'), 'chosen through the file input');
  await page.locator('.page__file', { hasText: 'coverage.lcov' }).waitFor();
  const recommended = page.locator('.recommendations__name .link-button', { hasText: 'recipes.py' });
  await recommended.click();
  await page.locator('.source__origin', { hasText: 'No source shown: no source at hand' }).waitFor();
  const missing = readFileSync(join(FIXTURES, 'snapshots', 'more-itertools-after', 'missing.txt'), 'utf8')
    .split('\n').find((l) => l.startsWith('more_itertools/recipes.py')).split('\t')[1];
  assert.equal(await page.locator('.source__missing').textContent(), missing.replaceAll('-', '–'));
  await page.getByRole('button', { name: '← Back to the dashboard' }).click();
  await recommended.waitFor();
});

for (const colorScheme of ['light', 'dark']) {
  for (const width of [360, 1280]) {
    test(`the source view reads at ${width} px in ${colorScheme} mode, with no axe violation`, async (t) => {
      const page = await openDashboard(browser, server.url, t, { options: { colorScheme, viewport: { width, height: 800 } } });
      await give(page, [join(C, 'coverage.info'), join(C, 'src', 'textstat.c')], 'dropped');
      await page.locator('.package__toggle', { hasText: 'src' }).click();
      await page.locator('.file__name', { hasText: 'textstat.c' }).click();
      await page.locator('.source-line[data-line="11"]').waitFor();
      await page.locator('.source__scroll').focus();
      await page.keyboard.press('n');
      await waitUntil(async () => (await current(page)) === '10', 'line 10');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than the viewport`);
      assert.deepEqual(await axe(page), []);
      await page.evaluate(finishAnimations);
      await page.screenshot({ path: join(SHOTS, `source-${colorScheme}-${width}.png`), fullPage: true });
    });
  }
}
