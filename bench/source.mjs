// Time from a click on a file's name to its source drawn, for one big file, in headless
// Chromium on the release bundle (dist/). A measurement, not a test:
//
//   node bench/source.mjs [LINES] [RUNS]      (default: 50,000 lines, 5 runs)
//
// Writes a C-like source of LINES lines and an LCOV file that measures every other line of it
// (a third of those never ran, every tenth with a branch partly taken), gives both to the page
// through the file input, then times, each to the first frame drawn after it: opening the
// file from the drill-down (the click to its lines drawn), `n` to the next block not covered,
// and a jump to the last line. Long tasks are observed meanwhile. Prints the medians.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, workerServing } from '../e2e/chromium.mjs';
import { serve } from '../e2e/server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const lines = Number(process.argv[2] ?? 50_000);
const runs = Number(process.argv[3] ?? 5);
const dir = join(ROOT, 'target', 'bench-data', 'source');
mkdirSync(join(dir, 'src'), { recursive: true });

const source = Array.from({ length: lines }, (_, i) => (i % 2 ? `\tint v${i} = f(${i}); /* line ${i + 1} */` : '{')).join('\n') + '\n';
let lcov = 'TN:\nSF:/ci/work/app/src/big.c\n';
for (let line = 2; line <= lines; line += 2) {
  const hits = line % 3 === 0 ? 0 : line;
  lcov += `DA:${line},${hits}\n`;
  if (line % 10 === 0 && hits > 0) lcov += `BRDA:${line},0,0,${hits}\nBRDA:${line},0,1,0\n`;
}
lcov += 'end_of_record\n';
writeFileSync(join(dir, 'src', 'big.c'), source);
writeFileSync(join(dir, 'big.info'), lcov);

const server = await serve(join(ROOT, 'dist'));
const browser = await launchChromium();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = [];
for (let run = 0; run < runs; run += 1) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await page.locator('.package [role=progressbar]').first().waitFor();
  await workerServing(page);
  await page.locator('[data-testid=file-input]').setInputFiles([join(dir, 'big.info'), join(dir, 'src', 'big.c')]);
  await page.locator('.page__sources', { hasText: 'Source at hand for 1' }).waitFor();
  await page.locator('.package__toggle').first().click();
  await page.locator('.file__name', { hasText: 'big.c' }).waitFor();
  await page.evaluate(() => {
    window.__bench = { longest: 0 };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__bench.longest = Math.max(window.__bench.longest, entry.duration);
    }).observe({ type: 'longtask' });
  });
  // Each step: act, then wait in the page until `done()` holds, to the next frame drawn.
  const timed = (act, done) => page.evaluate(([act, done]) => new Promise((resolve) => {
    const start = performance.now();
    // eslint-disable-next-line no-new-func
    new Function(act)();
    const check = () => {
      // eslint-disable-next-line no-new-func
      if (new Function(`return ${done}`)()) requestAnimationFrame(() => resolve(performance.now() - start));
      else requestAnimationFrame(check);
    };
    check();
  }), [act, done]);
  const open = await timed("document.querySelector('.file__name.link-button').click()",
    "document.querySelector('.source-line[data-line=\"1\"]') !== null");
  const rendered = await page.locator('.source-line').count();
  await page.locator('.source__scroll').focus();
  const next = await timed(
    "document.querySelector('.source__scroll').dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true }))",
    "document.querySelector('.source-line[aria-current]') !== null");
  const end = await timed(
    `document.querySelector('.source-line__number')?.blur(); const s = document.querySelector('.source__scroll'); s.scrollTop = s.scrollHeight;`,
    `document.querySelector('.source-line[data-line="${lines}"]') !== null`);
  const longest = await page.evaluate(() => window.__bench.longest);
  results.push({ open, next, end, longest, rendered });
  await page.close();
}
await browser.close();
await server.close();
const row = (key) => median(results.map((r) => r[key])).toFixed(0);
console.log(`${lines.toLocaleString('en')} lines, ${runs} runs (medians): open ${row('open')} ms, ` +
  `n ${row('next')} ms, to the end ${row('end')} ms, longest task ${row('longest')} ms, ` +
  `${results[0].rendered} lines laid out of ${lines.toLocaleString('en')}`);
