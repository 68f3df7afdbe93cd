// Time from dropping a coverage file on the page to the dashboard rendered, in headless
// Chromium, on the release bundle (dist/). A measurement, not a test:
//
//   node bench/drop.mjs FILE [RUNS]
//
// e.g. with a 10 MB LCOV file from the benchmark generator:
//   python3 ../shared/bench/gen.py lcov 10 target/bench-data/lcov_10MB.info
//   node bench/drop.mjs target/bench-data/lcov_10MB.info
//
// Each run loads the page afresh, gives it the file through the file input (the clock starts
// when the input's change event fires), and waits until the page names the file and shows its
// packages, with long tasks and the gaps between frames observed meanwhile. Then it times, in
// the page, opening the first package, sorting its files, filtering them, and finding a
// package, then opening the treemap and its largest rectangle, each to the first frame drawn
// after the page changed. Prints the medians.

import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, workerServing } from '../e2e/chromium.mjs';
import { serve } from '../e2e/server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const [file, runsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/drop.mjs FILE [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
const name = file.split('/').at(-1);
const size = statSync(file).size;

const server = await serve(join(ROOT, 'dist'));
const browser = await launchChromium();
// The resident memory of Chromium's renderer processes (the page and its worker), sampled
// every 50 ms: the peak over a run is the tab's peak memory.
const rendererMemory = () => {
  const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('--type=renderer'))
    .reduce((sum, line) => sum + Number(line.trim().split(/\s+/)[0]) * 1024, 0);
};
const runsOf = [];
for (let run = 0; run < runs; run += 1) {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.locator('.package [role=progressbar]').first().waitFor();
  // A person takes a moment to choose a file: by then the page's worker is ready. Wait for it,
  // so that its start is not counted in the load.
  await workerServing(page);
  // Long tasks and the gaps between frames, from the drop until the dashboard is drawn.
  await page.evaluate(() => {
    window.__bench = { longest: 0, gap: 0, running: true, start: null };
    // The clock starts when the page is handed the file.
    document.querySelector('[data-testid=file-input]').addEventListener('change', () => { window.__bench.start = performance.now(); }, { capture: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__bench.longest = Math.max(window.__bench.longest, entry.duration);
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const frame = (now) => {
      window.__bench.gap = Math.max(window.__bench.gap, now - last);
      last = now;
      if (window.__bench.running) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  const idle = rendererMemory();
  let peak = idle;
  const sampler = setInterval(() => { peak = Math.max(peak, rendererMemory()); }, 50);
  // The clock stops at the first frame that shows the file's dashboard with nothing left to
  // answer, seen from the page's own frame loop.
  await page.evaluate((fileName) => {
    const shown = () => document.querySelector('.page__file')?.textContent.includes(fileName)
      && document.querySelector('li.package') !== null && document.querySelector('.page[aria-busy]') === null;
    window.__bench.done = new Promise((resolve) => {
      const check = (now) => (window.__bench.start !== null && shown() ? resolve(now) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    });
  }, name);
  await page.locator('[data-testid=file-input]').setInputFiles(file);
  const end = await page.evaluate(() => window.__bench.done);
  clearInterval(sampler);
  const start = await page.evaluate(() => window.__bench.start);
  const load = await page.evaluate(() => {
    window.__bench.running = false;
    return { longest: window.__bench.longest, gap: window.__bench.gap, elements: document.getElementsByTagName('*').length };
  });
  // An interaction's time, measured in the page: from the event dispatched to the first frame
  // drawn after the page has changed as it should.
  const timed = (act, done) => page.evaluate(([actText, doneText]) => new Promise((resolve) => {
    const [actFn, doneFn] = [new Function(actText), new Function(doneText)];
    const t0 = performance.now();
    actFn();
    const check = () => (doneFn() ? resolve(performance.now() - t0) : requestAnimationFrame(check));
    requestAnimationFrame(check);
  }), [act, done]);
  // A report with files: open the first package, sort and filter its files.
  const hasFiles = await page.locator('button.package__toggle').count() > 0;
  const open = hasFiles ? await timed("document.querySelector('button.package__toggle').click()",
    "return document.querySelector('.package__detail .file__name') !== null") : null;
  // The files come from the worker: done when the list is no longer marked busy.
  const answered = "document.querySelector('.package__detail .files__list:not([aria-busy])') !== null";
  const sort = hasFiles ? await timed(`const s = document.querySelector('.package__detail select'); s.value = 'uncovered';
    s.dispatchEvent(new Event('change', { bubbles: true }));`, `return ${answered}`) : null;
  const filterFiles = hasFiles ? await timed(`const i = document.querySelector('.package__detail input[type=search]'); i.value = 'zzz-none';
    i.dispatchEvent(new InputEvent('input', { bubbles: true }));`,
  `return ${answered} && document.querySelector('.package__detail .file__name') === null`) : null;
  // A history: show the snapshot before the latest ("Earlier", or the button before the last).
  const earlierButton = "document.querySelector('.snapshots__step') ?? [...document.querySelectorAll('button.snapshot')].at(-2)";
  const earlier = await page.locator('nav.snapshots').count()
    ? await timed(`window.__shown = document.querySelector('.overall__snapshot').textContent; (${earlierButton}).click();`,
      "return document.querySelector('.overall__snapshot').textContent !== window.__shown && document.querySelector('.page[aria-busy]') === null")
    : null;
  const filterPackages = await page.locator('#packages-filter').count()
    ? await timed(`const i = document.querySelector('#packages-filter'); i.value = 'zzz-none';
      i.dispatchEvent(new InputEvent('input', { bubbles: true }));`, "return document.querySelector('li.package') === null")
    : null;
  // More recommendations: the next ten, to the first frame drawn with their files.
  const moreRecommendations = await page.locator('#recommendations .show-more__button').count()
    ? await timed("document.querySelector('#recommendations .show-more__button').click()",
      `const items = document.querySelectorAll('#recommendations .recommendations__item');
      return items.length > 10 && items[10].querySelector('.recommendations__files') !== null
        && document.querySelector('#recommendations .recommendations[aria-busy]') === null`)
    : null;
  // Where the uncovered code is: the map opened, then its largest rectangle opened (a
  // package's files, a repository's packages), each to the first frame drawn with it.
  const map = await timed("document.querySelector('.treemap__toggle').click()",
    "return document.querySelector('.treemap__cell') !== null && document.querySelector('.treemap__body[aria-busy]') === null");
  const cells = await page.locator('.treemap__cell').count();
  const mapElements = await page.evaluate(() => document.getElementsByTagName('*').length);
  const drill = await page.locator('.treemap__cell--opens').count()
    ? await timed(`window.__crumbs = document.querySelectorAll('.treemap__crumbs li').length; document.querySelector('.treemap__cell--opens').click();`,
      "return document.querySelectorAll('.treemap__crumbs li').length > window.__crumbs && document.querySelector('.treemap__body[aria-busy]') === null")
    : null;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = await cdp.send('Performance.getMetrics').catch(() => null);
  await page.evaluate(() => window.__bench && (window.__bench.running = false));
  const heap = metrics?.metrics.find((m) => m.name === 'JSHeapTotalSize')?.value;
  runsOf.push({ total: end - start, ...load, open, sort, filterFiles, filterPackages, earlier, moreRecommendations, map, cells, mapElements, drill, heap, peak, idle });
  await page.close();
}
await browser.close();
await server.close();
const median = (key) => {
  const values = runsOf.map((r) => r[key]).filter((v) => v !== null && v !== undefined).sort((a, b) => a - b);
  return values.length ? values[Math.floor(values.length / 2)] : null;
};
const ms = (v) => (v === null ? '–' : `${v.toFixed(0)} ms`);
console.log([
  name, `${(size / 1e6).toFixed(1)} MB`,
  `drop to rendered ${ms(median('total'))} (runs ${runsOf.map((r) => r.total.toFixed(0)).join(', ')})`,
  `longest task ${ms(median('longest'))}`, `longest frame gap ${ms(median('gap'))}`,
  `DOM elements ${median('elements')}`, `open a package ${ms(median('open'))}`, `sort it ${ms(median('sort'))}`,
  `filter its files ${ms(median('filterFiles'))}`, `find a package ${ms(median('filterPackages'))}`,
  `show the snapshot before ${ms(median('earlier'))}`, `show more recommendations ${ms(median('moreRecommendations'))}`,
  `open the map ${ms(median('map'))} (${median('cells')} rectangles, ${median('mapElements')} DOM elements with it open)`,
  `open its largest rectangle ${ms(median('drill'))}`,
  `JS heap ${(median('heap') / 1e6).toFixed(0)} MB`, `peak renderer memory ${(median('peak') / 1e6).toFixed(0)} MB (${(median('idle') / 1e6).toFixed(0)} MB before the drop)`,
].join('\t'));
