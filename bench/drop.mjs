// Time from dropping a coverage file on the page to the dashboard rendered, in headless
// Chromium, on the release bundle (dist/). A measurement, not a test:
//
//   node bench/drop.mjs FILE [RUNS]
//
// e.g. with a 10 MB LCOV file from the benchmark generator:
//   python3 ../shared/bench/gen.py lcov 10 target/bench-data/lcov_10MB.info
//   node bench/drop.mjs target/bench-data/lcov_10MB.info
//
// Each run loads the page afresh, drops the file through a DataTransfer, and waits until the
// page names the file and shows its packages. Prints the median and every run, in ms, and
// checks the page still answers (a click on a package opens it) right after.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../e2e/server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const [file, runsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/drop.mjs FILE [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
const name = file.split('/').at(-1);
const bytes = readFileSync(file);

const server = await serve(join(ROOT, 'dist'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const times = [];
let answered = [];
for (let run = 0; run < runs; run += 1) {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.locator('.package [role=progressbar]').first().waitFor();
  // The file is in the page (as a dropped file would be) before the clock starts.
  const transfer = await page.evaluateHandle(([data, fileName]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], fileName));
    return dt;
  }, [bytes.toString('base64'), name]);
  const start = await page.evaluate(() => performance.now());
  await page.dispatchEvent('.page', 'drop', { dataTransfer: transfer });
  await page.locator('.page__file', { hasText: name }).waitFor({ timeout: 120_000 });
  await page.locator('li.package').first().waitFor();
  // Rendered: the next frame after the dashboard is in the DOM.
  const end = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
  times.push(end - start);
  const t0 = await page.evaluate(() => performance.now());
  await page.locator('button.package__toggle').first().click();
  await page.locator('.package__detail').first().waitFor();
  answered.push((await page.evaluate(() => performance.now())) - t0);
  await page.close();
}
await browser.close();
await server.close();
const sorted = [...times].sort((a, b) => a - b);
console.log(`${name}\t${(bytes.length / 1e6).toFixed(1)} MB\tdrop to rendered: median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms\truns ${times.map((t) => t.toFixed(0)).join(', ')} ms\topening a package after: ${answered.map((t) => t.toFixed(0)).join(', ')} ms`);
