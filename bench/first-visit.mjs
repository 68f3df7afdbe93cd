// What a first visit to the page downloads, in headless Chromium, on the release bundle
// (dist/). A measurement, not a test:
//
//   node bench/first-visit.mjs
//
// Loads the page in a fresh browser profile, waits for the dashboard and for the network to
// be idle, and prints every file the server sent (a 304 sends no body), with its size as sent
// and gzipped (as a host that compresses sends it), and the totals. A first look starts no
// worker: the core's module (covdash-core) is downloaded at the person's first gesture, and
// its size is printed apart. Then, five times in a fresh profile, it times that first gesture
// as a person meets it: from the press on the sample's first snapshot to that snapshot's
// figure drawn, the worker started, the core downloaded from loopback and compiled, and the
// sample read on the way.

import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../e2e/chromium.mjs';
import { serve } from '../e2e/server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const sent = [];
const server = await serve(DIST, { onResponse: (path, status, bytes) => sent.push({ path, status, bytes }) });
const browser = await launchChromium();
let page = await browser.newPage();
await page.goto(server.url);
await page.locator('.package [role=progressbar]').first().waitFor();
await page.waitForLoadState('networkidle');
const workers = page.workers().length;
await page.close();
const firstVisit = sent.splice(0);

const gestures = [];
for (let run = 0; run < 5; run += 1) {
  const context = await browser.newContext();
  page = await context.newPage();
  await page.goto(server.url);
  await page.locator('.package [role=progressbar]').first().waitFor();
  await page.waitForLoadState('networkidle');
  gestures.push(await page.evaluate(() => new Promise((resolve) => {
    const tab = document.querySelector('.snapshot');
    let start = 0;
    tab.addEventListener('pointerdown', () => { start = performance.now(); }, { capture: true });
    const look = () => {
      if (document.querySelector('.overall__value')?.textContent.includes('77.4%')) resolve(performance.now() - start);
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
    const at = tab.getBoundingClientRect();
    const init = { bubbles: true, clientX: at.x + 2, clientY: at.y + 2 };
    tab.dispatchEvent(new PointerEvent('pointerdown', init));
    tab.dispatchEvent(new MouseEvent('click', init));
  })));
  await context.close();
}
await browser.close();
await server.close();

let total = 0;
let gzipped = 0;
for (const { path, status, bytes } of firstVisit) {
  const file = path.endsWith('/') ? `${path}index.html` : path;
  const gz = status === 200 ? gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length : 0;
  total += bytes;
  gzipped += gz;
  console.log(`${file}\t${status}\t${bytes} bytes\t${gz} gzipped`);
}
console.log(`first visit: ${firstVisit.length} responses, ${total} bytes, ${gzipped} bytes gzipped; ${workers} workers started`);
const later = ['covdash-worker_loader.js', 'covdash-core.js', 'covdash-core_bg.wasm'];
const core = later.reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length, 0);
console.log(`at the first gesture: ${later.join(', ')}: ${core} bytes gzipped`);
const sorted = [...gestures].sort((a, b) => a - b);
console.log(`first gesture (a press on the sample's first snapshot) to its figure drawn: median ${Math.round(sorted[2])} ms (runs ${gestures.map(Math.round).join(', ')})`);
